"""Write a facilitator output: aggregate tables as CSV and Parquet (machine-readable column names, for
scripts), the Excel workbook for people (:mod:`toolkit.cohort.workbook`: an overview sheet, then every table
with readable headers), the cohort summary for the company reports, and the metadata the cohort report notebook
reads.

Only aggregates are written by default. The company-level table (names, ids, every score) is written only
when asked (``include_companies``), into its own clearly named files, for the facilitator's own use.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.atomic import atomic_write_text
from toolkit.cohort.summary import write_cohort_summary
from toolkit.cohort.table import IDENTIFYING_COLUMNS
from toolkit.cohort.tables import CohortTables
from toolkit.cohort.workbook import build_workbook
from toolkit.definitions.model import tr
from toolkit.i18n import LANGS
from toolkit.rendering.files import atomic_write_bytes

META_FILE = "cohort_meta.json"
SUMMARY_FILE = "cohort-summary.json"
EXCEL_FILE = "cohort_tables.xlsx"
CSV_DIR = "cohort_csv"
PARQUET_DIR = "cohort_parquet"
COMPANIES_FILE = "companies_confidential"


@dataclass
class ExportResult:
    out_dir: Path
    files: list[Path] = field(default_factory=list)

    def by_suffix(self, suffix: str) -> list[Path]:
        return [f for f in self.files if f.suffix == suffix]


def _sheet_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
    candidate, i = base, 2
    while candidate.lower() in used:
        candidate = f"{base[:28]}_{i}"
        i += 1
    used.add(candidate.lower())
    return candidate


def _file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae"))


def metadata(tables: CohortTables, lang: str) -> dict[str, Any]:
    """What the cohort report needs besides the tables: dimension names, rounds, networks, the threshold."""
    c = tables.cohort
    qn = c.questionnaire
    dims = []
    for dim in c.dimensions:
        d = qn.dimension(dim) if qn else None
        dims.append(
            {
                "id": dim,
                "name": {lang: tr(d.name, lang) if d else dim for lang in LANGS},
                "headline": bool(d.headline) if d else dim in c.headline,
            }
        )
    levels = [{"level": lv.level, "min_score": lv.min_score, "name": lv.name} for lv in qn.levels] if qn else []
    return {
        "format": "sme-toolkit-cohort-tables/1",
        "min_group_size": tables.min_group_size,
        "lang": lang,
        "rounds": c.rounds,
        "networks": sorted(str(n) for n in c.companies["network"].unique()),
        "dimensions": dims,
        "levels": levels,
        "questionnaire": {"id": qn.id, "version": qn.version, "title": qn.title} if qn else None,
        "tables": sorted(tables.named(lang)),
        "invalid_files": len(c.invalid),
    }


def write_exports(
    tables: CohortTables, out_dir: str | Path, lang: str = "de", include_companies: bool = False
) -> ExportResult:
    """Write every aggregate table (CSV, Excel, Parquet), the cohort summary and the report metadata."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    result = ExportResult(out)
    named = tables.named(lang)
    meta_doc = metadata(tables, lang)
    for sub in (CSV_DIR, PARQUET_DIR):
        (out / sub).mkdir(exist_ok=True)
    for name, df in named.items():
        fname = _file_name(name)
        csv_path = out / CSV_DIR / f"{fname}.csv"
        atomic_write_text(csv_path, df.to_csv(index=False))
        pq_path = out / PARQUET_DIR / f"{fname}.parquet"
        atomic_write_bytes(pq_path, _parquet(df))
        result.files += [csv_path, pq_path]
    xlsx = out / EXCEL_FILE
    atomic_write_bytes(xlsx, build_workbook(named, meta_doc, lang))
    result.files.append(xlsx)
    result.files.append(write_cohort_summary(tables, out / SUMMARY_FILE))
    meta = out / META_FILE
    atomic_write_text(meta, json.dumps(meta_doc, indent=2, ensure_ascii=False) + "\n")
    result.files.append(meta)
    if include_companies:
        result.files += write_companies(tables, out)
    return result


def write_companies(tables: CohortTables, out: Path) -> list[Path]:
    """The company-level table (confidential: names and every score) as CSV and Excel."""
    df = tables.cohort.companies.copy()
    if tables.yoy_pairs is not None:
        change = tables.yoy_pairs[["company_id", *[c for c in tables.yoy_pairs.columns if c.endswith("_change")]]]
        latest = tables.cohort.rounds[-1]
        df = df.merge(change.assign(round=latest), on=["company_id", "round"], how="left")
    csv_path = out / f"{COMPANIES_FILE}.csv"
    xlsx_path = out / f"{COMPANIES_FILE}.xlsx"
    atomic_write_text(csv_path, df.to_csv(index=False))
    atomic_write_bytes(xlsx_path, _excel({"companies": df}))
    return [csv_path, xlsx_path]


def _parquet(df: pd.DataFrame) -> bytes:
    buf = io.BytesIO()
    df.to_parquet(buf, index=False)
    return buf.getvalue()


def _excel(named: dict[str, pd.DataFrame]) -> bytes:
    buf = io.BytesIO()
    used: set[str] = set()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, df in named.items():
            sheet = _sheet_name(name, used)
            df.to_excel(writer, sheet_name=sheet, index=False)
            ws = writer.sheets[sheet]
            ws.freeze_panes = "A2"
            for col in ws.columns:
                width = max(len(str(c.value or "")) for c in list(col)[:200])
                ws.column_dimensions[col[0].column_letter].width = min(60, max(8, width + 2))
    return buf.getvalue()


def read_tables(folder: str | Path) -> tuple[dict[str, Any], dict[str, pd.DataFrame]]:
    """The metadata and aggregate tables written by :func:`write_exports` (what the cohort report reads)."""
    root = Path(folder)
    meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
    tables = {}
    for name in meta["tables"]:
        path = root / PARQUET_DIR / f"{_file_name(name)}.parquet"
        df = pd.read_parquet(path)
        leaked = [c for c in IDENTIFYING_COLUMNS if c in df.columns]
        if leaked:  # the report shows aggregates only; refuse anything else
            raise ValueError(f"{path} holds company-level columns ({', '.join(leaked)}); it is not an aggregate table")
        tables[name] = df
    return meta, tables
