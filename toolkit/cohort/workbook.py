"""The facilitator's Excel workbook: an overview sheet first, then every aggregate table with readable headers.

The workbook is for people: it opens on "Übersicht" ("Overview" in English), one row per network and round
with the number of companies and the median of each headline dimension and of the overall score, rounded and
number-formatted, with statuses in words ("zu klein (n < 5)", "geschützt"). The aggregate tables follow as
"Rohdaten_..." ("Data_...") sheets with headers, measures and statuses in the language and number formats
(scores 0.0, counts 0, shares as %); Excel shows them with the decimal comma of a German installation. The CSV
and Parquet files of the same output keep the machine-readable names, for scripts.

Everything in the workbook comes from the tables that passed the disclosure step
(:func:`toolkit.cohort.suppression.protect`): the overview repeats figures of the protected ``by_network``,
``participation`` and ``all`` tables, rounded, and nothing else. :func:`read_workbook` reads the tables back
with the machine-readable names, so a test can check that the workbook shows exactly what the Parquet files
hold.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.cohort.impact import metric_labels as impact_labels
from toolkit.cohort.labels import key_label
from toolkit.cohort.stats import COMPLEMENTARY, PRIMARY, SHOWN
from toolkit.definitions.model import Text, tr
from toolkit.i18n import LANGS, t

OVERVIEW: Text = {"de": "Übersicht", "en": "Overview"}
RAW_PREFIX: Text = {"de": "Rohdaten_", "en": "Data_"}
SHEET_MAX = 31  # Excel's limit for sheet names
TABLE_SHEETS: dict[str, Text] = {
    "participation": {"de": "Teilnahme", "en": "Participation"},
    "all": {"de": "Alle", "en": "All"},
    "by_network": {"de": "Netzwerke", "en": "Networks"},
    "by_sector": {"de": "Branchen", "en": "Sectors"},
    "by_size": {"de": "Größenklassen", "en": "Size_classes"},
    "by_network_sector": {"de": "Netzwerk_Branche", "en": "Network_sector"},
    "by_network_size": {"de": "Netzwerk_Größe", "en": "Network_size"},
    "yoy_all": {"de": "Vorjahr_Alle", "en": "Change_all"},
    "yoy_network": {"de": "Vorjahr_Netzwerke", "en": "Change_networks"},
    "yoy_sector": {"de": "Vorjahr_Branchen", "en": "Change_sectors"},
    "yoy_size": {"de": "Vorjahr_Größen", "en": "Change_sizes"},
    "agenda": {"de": "Agenda", "en": "Agenda"},
    "impact": {"de": "Programmwirkung", "en": "Programme_impact"},  # issue 16
    "impact_network": {"de": "Wirkung_Netzwerke", "en": "Impact_networks"},
}
HEADERS: dict[str, Text] = {
    "label": {"de": "Gruppe", "en": "Group"},
    "round": {"de": "Runde", "en": "Round"},
    "network": {"de": "Netzwerk", "en": "Network"},
    "sector": {"de": "Branche (NACE)", "en": "Sector (NACE)"},
    "size_class": {"de": "Größenklasse", "en": "Size class"},
    "metric": {"de": "Kennzahl", "en": "Measure"},
    "n": {"de": "Unternehmen (n)", "en": "Companies (n)"},
    "n_valid": {"de": "davon mit Angabe", "en": "of them with a value"},
    "median": {"de": "Median", "en": "Median"},
    "q1": {"de": "1. Quartil", "en": "1st quartile"},
    "q3": {"de": "3. Quartil", "en": "3rd quartile"},
    "mean": {"de": "Mittelwert", "en": "Mean"},
    "p10": {"de": "10. Perzentil", "en": "10th percentile"},
    "p90": {"de": "90. Perzentil", "en": "90th percentile"},
    "share_positive": {"de": "Anteil verbessert", "en": "Share improved"},
    "status": {"de": "Status", "en": "Status"},
    "rank": {"de": "Rang", "en": "Rank"},
    "question": {"de": "Frage (Kennung)", "en": "Question (id)"},
    "criterion": {"de": "DNK-Kriterium", "en": "DNK criterion"},
    "text": {"de": "Frage", "en": "Question"},
    "topic": {"de": "Workshop-Vorschlag", "en": "Suggested workshop"},
    "dimensions": {"de": "Dimensionen", "en": "Dimensions"},
    "answered": {"de": "Unternehmen, für die die Frage gilt", "en": "Companies the question applies to"},
    "companies": {"de": "davon mit Lücke", "en": "of them with a gap"},
    "share_gap": {"de": "Anteil mit Lücke", "en": "Share with a gap"},
    "potential": {"de": "Offene Punkte (Summe)", "en": "Points open (sum)"},
    "potential_per_company": {"de": "Offene Punkte je Unternehmen", "en": "Points open per company"},
    "gain": {
        "de": "Nächster Schritt: Punkte aller Dimensionen (Summe)",
        "en": "Next step: points of all dimensions (sum)",
    },
    "overall_gain": {"de": "Nächster Schritt: Gesamtwert (Summe)", "en": "Next step: overall score (sum)"},
    "group_mean_gain": {"de": "Gewinn im Ø Gesamtwert", "en": "Gain in the mean overall score"},
    "total": {"de": "Summe", "en": "Total"},
}
HIDDEN = ("note",)  # the status in words replaces the short note of the CSV files
STATUS_WORDS: dict[str, Text] = {
    SHOWN: {"de": "gezeigt", "en": "shown"},
    PRIMARY: {"de": "zu klein (n < {k})", "en": "too small (n < {k})"},
    COMPLEMENTARY: {"de": "geschützt", "en": "withheld"},
}
OVERALL: Text = {"de": "Gesamtwert", "en": "Overall score"}
KPI_METRICS = (  # measures that are not dimension scores, named by the cohort catalogue
    "completeness",
    "total_mwh",
    "renewable_share",
    "scope1_t",
    "scope2_location_t",
    "t_per_employee",
    "t_per_meur",
    "contradictions",
    "unevidenced",
)
CHANGE: Text = {"de": "{name}: Veränderung (Punkte)", "en": "{name}: change (points)"}
SIZES = ("micro", "small", "medium", "large")
FIGURES = ("median", "q1", "q3", "mean", "p10", "p90")  # formatted by the row's measure
INTEGER, ONE, TWO, PERCENT, THOUSANDS = "0", "0.0", "0.00", "0%", "#,##0.0"
COLUMN_FORMATS = {
    "n": INTEGER,
    "n_valid": INTEGER,
    "rank": INTEGER,
    "criterion": INTEGER,
    "answered": INTEGER,
    "companies": INTEGER,
    "share_positive": PERCENT,
    "share_gap": PERCENT,
    "potential": THOUSANDS,
    "potential_per_company": ONE,
    "gain": THOUSANDS,
    "overall_gain": TWO,
    "group_mean_gain": TWO,
    "total": INTEGER,
}
METRIC_FORMATS = {
    "completeness": PERCENT,
    "total_mwh": THOUSANDS,
    "scope1_t": THOUSANDS,
    "scope2_location_t": THOUSANDS,
    "t_per_employee": TWO,
    "t_per_meur": THOUSANDS,
}
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="E8EEF4")
NOTE_FONT = Font(italic=True, color="555555")


def sheet_names(tables: Iterable[str], lang: str) -> dict[str, str]:
    """The sheet of each table: "Rohdaten_Netzwerke", "Rohdaten_Agenda_Lüneburg", ... (at most 31 characters,
    without the characters Excel refuses, unique ignoring case)."""
    used = {tr(OVERVIEW, lang).lower()}
    out: dict[str, str] = {}
    for name in tables:
        if name.startswith("agenda_"):
            part = f"{tr(TABLE_SHEETS['agenda'], lang)}_{name.removeprefix('agenda_')}"
        else:
            part = tr(TABLE_SHEETS.get(name), lang) if name in TABLE_SHEETS else name
        base = "".join("_" if ch in "[]:*?/\\" else ch for ch in tr(RAW_PREFIX, lang) + part)
        if len(base) > SHEET_MAX:  # e.g. a long network name: cut it visibly
            base = base[: SHEET_MAX - 1] + "…"
        candidate, i = base, 2
        while candidate.lower() in used:
            candidate = f"{base[: SHEET_MAX - 3]}_{i}"
            i += 1
        used.add(candidate.lower())
        out[name] = candidate
    return out


def text_column(column: str) -> tuple[str, str] | None:
    """``("text", "de")`` for the agenda's ``text_de`` column (``topic_en``: ``("topic", "en")``), else None."""
    kind, _, lang = column.partition("_")
    return (kind, lang) if kind in ("text", "topic") and lang in LANGS else None


class Labels:
    """Readable headers and values of one output's tables in one language, and the way back."""

    def __init__(self, meta: dict[str, Any], lang: str) -> None:
        self.lang = lang
        self.k = int(meta["min_group_size"])
        self.dims = {d["id"]: tr(d["name"], lang) for d in meta.get("dimensions", [])}
        self.metrics = {f"score_{d}": name for d, name in self.dims.items()}
        self.metrics |= {"overall_score": tr(OVERALL, lang)} | {m: t(f"cohort.{m}", lang) for m in KPI_METRICS}
        scores = [m for m in self.metrics if m.startswith("score_") or m == "overall_score"]
        self.metrics |= {f"{m}_change": tr(CHANGE, lang).format(name=self.metrics[m]) for m in scores}
        self.metrics |= impact_labels(self.dims, lang)  # the programme-impact measures (issue 16)
        self.status = {st: tr(t, lang).format(k=self.k) for st, t in STATUS_WORDS.items()}
        self.sizes = {size: key_label("size_class", size, lang) for size in SIZES}

    def header(self, column: str) -> str:
        text = text_column(column)
        if text is not None:  # the agenda's question text or workshop topic, shown in the workbook's language
            return tr(HEADERS[text[0]], self.lang)
        return tr(HEADERS[column], self.lang) if column in HEADERS else column

    def columns(self, df: pd.DataFrame) -> list[str]:
        """The columns the workbook shows: the texts in its language only, no short notes."""
        return [c for c in df.columns if c not in HIDDEN and (text_column(c) or ("", self.lang))[1] == self.lang]

    def value(self, column: str, v: Any) -> Any:
        if v is None or (isinstance(v, float) and v != v) or v is pd.NA:
            return None
        if column == "status":
            return self.status.get(str(v), str(v))
        if column == "round" and str(v).isdigit():  # a year: a number in Excel, not text
            return int(str(v))
        if column == "metric":
            return self.metrics.get(str(v), str(v))
        if column == "size_class":
            return self.sizes.get(str(v), str(v))
        if column == "dimensions":
            return ", ".join(self.dims.get(p.strip(), p.strip()) for p in str(v).split(",") if p.strip())
        if hasattr(v, "item"):  # numpy scalars -> Python numbers for openpyxl
            return v.item()
        return v

    def back(self, column: str) -> Callable[[Any], Any]:
        """The inverse of :meth:`value` for one (machine-readable) column."""
        if column == "round":
            return lambda v: None if v is None else str(v)
        maps = {"status": self.status, "metric": self.metrics, "size_class": self.sizes}
        if column in maps:
            inverse = {label: key for key, label in maps[column].items()}
            return lambda v: inverse.get(v, v)
        if column == "dimensions":
            names = {name: d for d, name in self.dims.items()}

            def ids(v: Any) -> Any:
                return ", ".join(names.get(p.strip(), p.strip()) for p in v.split(",")) if isinstance(v, str) else v

            return ids
        return lambda v: v

    def header_back(self) -> dict[str, str]:
        out = {tr(t, self.lang): c for c, t in HEADERS.items() if c not in ("text", "topic")}
        out[tr(HEADERS["text"], self.lang)] = f"text_{self.lang}"
        out[tr(HEADERS["topic"], self.lang)] = f"topic_{self.lang}"
        return out


def build_workbook(named: dict[str, pd.DataFrame], meta: dict[str, Any], lang: str) -> bytes:
    """The workbook of one output: "Übersicht" first, then one readable sheet per aggregate table."""
    labels = Labels(meta, lang)
    wb = Workbook()
    overview = wb.active
    assert isinstance(overview, Worksheet)  # a new workbook holds one worksheet
    overview.title = tr(OVERVIEW, lang)
    _overview(overview, named, meta, labels)
    for name, sheet in sheet_names(named, lang).items():
        _raw(wb.create_sheet(sheet), named[name], labels, _table_note(name, named[name], lang, labels.k))
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def overview_rows(named: dict[str, pd.DataFrame], meta: dict[str, Any], labels: Labels) -> list[dict[str, Any]]:
    """One row per network and round (then all companies per round): n, the rounded median of each headline
    dimension and of the overall score, and the status in words; all taken from the protected tables."""
    headline = [d["id"] for d in meta.get("dimensions", []) if d.get("headline")]
    metrics = [f"score_{d}" for d in headline] + ["overall_score"]
    groups = [("network", n) for n in meta.get("networks", [])] + [("all", None)]
    rows = []
    for key, value in groups:
        table = named.get("by_network" if key == "network" else "all", pd.DataFrame())
        for round_ in meta.get("rounds", []):
            part = table[table["round"].astype(str) == str(round_)] if len(table) else table
            if key == "network" and len(part):
                part = part[part["network"] == value]
            if part.empty:
                continue
            by_metric = part.set_index("metric")
            first = by_metric.iloc[0]
            shown = pd.notna(first["n"])  # the count is withheld exactly when the whole group is
            everyone = t("cohort.all_networks", labels.lang)
            row: dict[str, Any] = {
                "group": key_label("network", value, labels.lang) if key == "network" else everyone,
                "round": int(round_) if str(round_).isdigit() else str(round_),
                "n": int(first["n"]) if pd.notna(first["n"]) else None,
                "status": "" if shown else labels.status.get(str(first["status"]), str(first["status"])),
            }
            for m in metrics:
                hit = by_metric.loc[m] if m in by_metric.index else None
                if hit is None or not shown:
                    row[m] = None
                elif str(hit["status"]) != SHOWN:
                    row[m] = labels.status.get(str(hit["status"]), str(hit["status"]))
                else:
                    row[m] = None if pd.isna(hit["median"]) else round(float(hit["median"]), 1)
            rows.append(row)
    return rows


def _overview(ws: Worksheet, named: dict[str, pd.DataFrame], meta: dict[str, Any], labels: Labels) -> None:
    lang = labels.lang
    headline = [d["id"] for d in meta.get("dimensions", []) if d.get("headline")]
    metrics = [f"score_{d}" for d in headline] + ["overall_score"]
    head = [t("cohort.network", lang), t("cohort.round", lang), tr(HEADERS["n"], lang)]
    head += [f"{labels.metrics[m]} ({t('cohort.median', lang)})" for m in metrics] + [tr(HEADERS["status"], lang)]
    ws.append(head)
    rows = overview_rows(named, meta, labels)
    for row in rows:
        ws.append([row["group"], row["round"], row["n"], *[row[m] for m in metrics], row["status"]])
    for r in range(2, len(rows) + 2):
        ws.cell(r, 3).number_format = INTEGER
        for c in range(4, 4 + len(metrics)):
            ws.cell(r, c).number_format = ONE
            ws.cell(r, c).alignment = Alignment(horizontal="right")
    notes = [
        t("cohort.wb_overview_note", lang),
        t(
            "cohort.wb_status_note",
            lang,
            small=labels.status[PRIMARY],
            withheld=labels.status[COMPLEMENTARY],
            k=labels.k,
        ),
        t("cohort.wb_sheets_note", lang, prefix=tr(RAW_PREFIX, lang)),
    ]
    _finish(ws, len(head), len(rows), notes, widths={1: 24, 2: 9, 3: 12}, default=16)


def _raw(ws: Worksheet, df: pd.DataFrame, labels: Labels, note: str) -> None:
    columns = labels.columns(df)
    ws.append([labels.header(c) for c in columns])
    metric = list(df["metric"]) if "metric" in df.columns else None
    for i, values in enumerate(df[columns].itertuples(index=False, name=None)):
        ws.append([labels.value(c, v) for c, v in zip(columns, values, strict=True)])
        for j, c in enumerate(columns, start=1):
            fmt = COLUMN_FORMATS.get(c)
            if c in FIGURES:
                m = str(metric[i]) if metric is not None else ""
                fmt = METRIC_FORMATS.get(m, ONE)
            if fmt:
                ws.cell(i + 2, j).number_format = fmt
    widths = {}
    for j, c in enumerate(columns, start=1):
        if c == "label" or text_column(c):
            widths[j] = 48 if c.startswith("text") else 40
        elif c in ("metric", "dimensions"):
            widths[j] = 30
    _finish(ws, len(columns), len(df), [note] if note else [], widths=widths, default=14)


def _finish(ws: Worksheet, n_cols: int, n_rows: int, notes: list[str], widths: dict[int, int], default: int) -> None:
    """Bold, shaded, wrapped and frozen header row, a filter over the table, column widths, notes below."""
    for c in range(1, n_cols + 1):
        cell = ws.cell(1, c)
        cell.font = BOLD
        cell.fill = HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(c)].width = widths.get(c, default)
    ws.freeze_panes = "A2"
    if n_rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(n_cols)}{n_rows + 1}"
    for i, text in enumerate(notes):
        cell = ws.cell(n_rows + 3 + i, 1, text)
        cell.font = NOTE_FONT


def _table_note(name: str, df: pd.DataFrame, lang: str, k: int) -> str:
    if name.startswith("agenda"):
        return t("cohort.wb_agenda_note", lang) if len(df) else t("cohort.wb_agenda_empty", lang, k=k)
    if name.startswith("yoy"):
        return t("cohort.yoy_note", lang)
    if name.startswith("impact"):
        return t("cohort.impact.workbook_note", lang)
    return ""


def read_workbook(path: str | Path, meta: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The aggregate tables of a workbook written by :func:`build_workbook`, with the machine-readable column
    names and values of the CSV and Parquet files: each table is its sheet's header row and the rows below it
    down to the first empty row (notes follow after one). Columns the workbook leaves out (the short notes, the
    texts in the other language) are missing."""
    lang = str(meta.get("lang", "de"))
    labels = Labels(meta, lang)
    headers = labels.header_back()
    wb = load_workbook(path, read_only=True, data_only=True)
    out: dict[str, pd.DataFrame] = {}
    try:
        for name, sheet in sheet_names(meta["tables"], lang).items():
            rows = wb[sheet].iter_rows(values_only=True)
            head = [headers.get(str(h), str(h)) for h in next(rows)]
            body = []
            for row in rows:
                if all(v is None for v in row):
                    break
                body.append(row[: len(head)])
            df = pd.DataFrame(body, columns=head)
            for c in df.columns:
                if not pd.api.types.is_numeric_dtype(df[c]) or c == "round":
                    df[c] = df[c].map(labels.back(c))
            out[name] = df
    finally:
        wb.close()
    return out
