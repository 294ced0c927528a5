"""Load many response documents into one tidy table: a row per company and round.

:func:`load_cohort` reads a folder (recursively) or a glob of response JSON files, checks each against the
questionnaire, scores it and returns a :class:`Cohort` with

* ``companies``: profile, scores, levels, completeness and provisional flags per dimension, overall score,
  KPIs (one row per company and round);
* ``questions``: per company, round and answered scored question the points still open (long format; the
  basis of the improvement agenda);
* ``invalid``: ``(path, error)`` for every file that could not be read; those are skipped, never fatal.
"""

from __future__ import annotations

import glob
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.cohort.labels import UNKNOWN
from toolkit.definitions.factors import FactorTable, load_factors
from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import Questionnaire
from toolkit.definitions.types import registry
from toolkit.errors import ToolkitError
from toolkit.responses import Response, load_response
from toolkit.scoring.scores import ScoreCard, score

log = logging.getLogger(__name__)  # file paths, codes and counts only: never answers or names

PROFILE_COLUMNS = (
    "company_id",
    "company_name",
    "network",
    "region",
    "sector",
    "nace",
    "size_class",
    "employees",
    "turnover",
    "round",
)
KPI_COLUMNS = ("total_mwh", "renewable_share", "scope1_t", "scope2_location_t", "t_per_employee", "t_per_meur")
QUALITY_COLUMNS = ("contradictions", "unevidenced")  # data-quality findings per company (issue 12)
GROUP_KEYS = ("network", "sector", "size_class", "round")
QUESTION_COLUMNS = ("company_id", "round", "question", "potential", "gain", "overall_gain")
IDENTIFYING_COLUMNS = ("company_id", "company_name", "path", "nace", "region", "employees", "turnover")


def score_column(dim: str) -> str:
    return f"score_{dim}"


@dataclass
class Cohort:
    """A loaded cohort: the tidy company table, the question-level table and the files that failed."""

    companies: pd.DataFrame
    questions: pd.DataFrame
    invalid: list[tuple[str, str]] = field(default_factory=list)
    dimensions: tuple[str, ...] = ()
    headline: tuple[str, ...] = ()
    questionnaire: Questionnaire | None = None

    @property
    def score_metrics(self) -> list[str]:
        """The score columns: every dimension, then the overall score."""
        return [score_column(d) for d in self.dimensions] + ["overall_score"]

    @property
    def rounds(self) -> list[str]:
        return sorted(self.companies["round"].dropna().unique().tolist()) if len(self.companies) else []


def collect_paths(source: str | Path | Iterable[str | Path]) -> list[Path]:
    """Response files of a folder (recursively, ``*.json``, hidden files skipped), a glob pattern, a file, or
    a list of any of these; sorted and without duplicates."""
    if isinstance(source, str | Path):
        sources: list[str | Path] = [source]
    else:
        sources = list(source)
    found: set[Path] = set()
    for src in sources:
        p = Path(src)
        if p.is_dir():
            found.update(f for f in p.rglob("*.json") if not any(part.startswith(".") for part in f.parts[-1:]))
        elif p.is_file():
            found.add(p)
        else:
            found.update(Path(f) for f in glob.glob(str(src), recursive=True) if Path(f).is_file())
    return sorted(found)


def company_row(card: ScoreCard, resp: Response, dims: Iterable[str]) -> dict[str, Any]:
    """One row of the tidy table from a scorecard."""
    c = resp.company
    row: dict[str, Any] = {
        "company_id": c.id,
        "company_name": c.name or "",
        "network": c.network or UNKNOWN,
        "region": c.region or "",
        "sector": c.sector or UNKNOWN,
        "nace": c.nace or "",
        "size_class": card.size_class or UNKNOWN,
        "employees": c.employees,
        "turnover": c.turnover,
        "round": str(resp.round),
    }
    by_id = {d.id: d for d in card.dimensions}
    for dim in dims:
        d = by_id.get(dim)
        row[score_column(dim)] = d.score if d else None
        row[f"level_{dim}"] = d.level if d else None
        row[f"completeness_{dim}"] = d.completeness if d else None
        row[f"provisional_{dim}"] = d.provisional if d else None
    row["overall_score"] = card.overall_score
    row["overall_level"] = card.overall_level
    row["completeness"] = card.completeness
    row["provisional"] = any(d.provisional for d in card.dimensions if d.headline)
    k = card.kpis
    row.update(
        total_mwh=k.total_mwh if k.energy else None,
        renewable_share=k.renewable_share,
        scope1_t=k.scope1_t if k.energy else None,
        scope2_location_t=k.scope2_location_t if k.energy else None,
        t_per_employee=k.intensity_per_employee_t if k.energy else None,
        t_per_meur=k.intensity_per_meur_t if k.energy else None,
    )
    row["contradictions"] = len(card.data_quality.contradictions)
    row["unevidenced"] = len(card.data_quality.unevidenced)
    row["questionnaire_version"] = card.questionnaire_version
    row["path"] = resp.path or ""
    return row


def question_rows(qn: Questionnaire, card: ScoreCard, resp: Response) -> list[dict[str, Any]]:
    """Per scored question that counts for the company (answered or still open): the points still open (best
    answer minus earned, summed over the dimensions the question scores) and the exact effect of the company's
    next step on it, from the scorecard (scored with ``steps=None``, so that it holds every step): ``gain`` in
    score points over all dimensions, ``overall_gain`` on the overall score (0 when there is no step)."""
    full: dict[str, float] = {}
    earned_frac: dict[str, float] = {}
    for d in card.dimensions:
        for c in d.contributions:
            if c.fraction is None:
                continue
            full[c.question] = full.get(c.question, 0.0) + c.max_points
            earned_frac[c.question] = c.fraction
    steps = {r.question: r for r in card.recommendations}
    rows = []
    for qid, weight_points in full.items():
        q = qn.questions[qid]
        step = steps.get(qid)
        rows.append(
            {
                "company_id": resp.company.id,
                "round": str(resp.round),
                "question": qid,
                "potential": max(0.0, (registry.get(q.type).best_fraction(q) - earned_frac[qid]) * weight_points),
                "gain": step.gain if step else 0.0,
                "overall_gain": step.overall_gain if step else 0.0,
            }
        )
    return rows


def load_cohort(
    source: str | Path | Iterable[str | Path],
    qn: Questionnaire | str | Path | None = None,
    factors: FactorTable | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> Cohort:
    """Load, check and score every response of ``source`` (folder, glob, file or list of them).

    Files that are not valid responses of the questionnaire, and second files for the same company and round,
    are listed in ``Cohort.invalid`` as ``(path, error)`` and skipped. ``on_file`` is called after each file
    (e.g. to advance a progress bar).
    """
    if qn is None or isinstance(qn, str | Path):
        from toolkit.definitions.paths import default_questionnaire

        qn = load_questionnaire(qn or default_questionnaire())
    factors = factors or load_factors()
    dims = tuple(d.id for d in qn.dimensions)
    rows: list[dict[str, Any]] = []
    qrows: list[dict[str, Any]] = []
    invalid: list[tuple[str, str]] = []
    seen: dict[tuple[str, str], str] = {}
    t0 = time.perf_counter()
    for path in collect_paths(source):
        try:
            resp = load_response(path, qn)
            card = score(qn, resp, factors, steps=None)  # every step: the agenda sums their effects
        except ToolkitError as exc:
            invalid.append((str(path), str(exc)))
            codes = sorted({p.code for p in getattr(exc, "problems", [])}) or [type(exc).__name__]
            log.info("skipped %s: %s", path, ", ".join(codes))
        except (OSError, ValueError, TypeError) as exc:  # unreadable file, or a scoring bug on odd input
            invalid.append((str(path), f"{type(exc).__name__}: {exc}"))
            log.info("skipped %s: %s", path, type(exc).__name__)
        else:
            key = (resp.company.id, str(resp.round))
            if key in seen:
                log.info("skipped %s: a second response of the same company and round", path)
                invalid.append(
                    (str(path), f"a second response of company {key[0]} for round {key[1]} (first: {seen[key]})")
                )
            else:
                seen[key] = str(path)
                rows.append(company_row(card, resp, dims))
                qrows.extend(question_rows(qn, card, resp))
        if on_file is not None:
            on_file(path)
    log.info("read and scored %d response(s) in %.2f s, skipped %d", len(rows), time.perf_counter() - t0, len(invalid))
    companies = pd.DataFrame(rows, columns=_columns(dims))
    questions = pd.DataFrame(qrows, columns=list(QUESTION_COLUMNS))
    return Cohort(
        companies=_typed(companies),
        questions=questions,
        invalid=invalid,
        dimensions=dims,
        headline=tuple(d.id for d in qn.headline_dimensions),
        questionnaire=qn,
    )


def _columns(dims: Iterable[str]) -> list[str]:
    cols = list(PROFILE_COLUMNS)
    for dim in dims:
        cols += [score_column(dim), f"level_{dim}", f"completeness_{dim}", f"provisional_{dim}"]
    cols += ["overall_score", "overall_level", "completeness", "provisional", *KPI_COLUMNS, *QUALITY_COLUMNS]
    return [*cols, "questionnaire_version", "path"]


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """Stable dtypes (also for an empty table): floats for figures, nullable ints for levels."""
    for col in df.columns:
        if col.startswith(("score_", "completeness", "overall_score", "employees", "turnover")) or col in (
            *KPI_COLUMNS,
            *QUALITY_COLUMNS,
        ):
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
        elif col.startswith("level_") or col == "overall_level":
            df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
        elif col.startswith("provisional"):
            df[col] = df[col].astype("boolean")
        elif col in ("company_id", "company_name", "network", "region", "sector", "nace", "size_class", "round"):
            df[col] = df[col].astype("string")
    return df


def from_frame(
    companies: pd.DataFrame,
    dimensions: Iterable[str] = ("energy", "supply_chain", "reporting"),
    headline: Iterable[str] | None = None,
    questions: pd.DataFrame | None = None,
) -> Cohort:
    """A cohort from a ready table (tests, benchmarks, data from elsewhere). Missing group keys read unknown."""
    df = companies.copy()
    for key in ("network", "sector", "size_class"):
        if key not in df:
            df[key] = UNKNOWN
        df[key] = df[key].fillna(UNKNOWN).astype("string")
    df["round"] = df["round"].astype(str).astype("string")
    dims = tuple(dimensions)
    q = pd.DataFrame(columns=list(QUESTION_COLUMNS)) if questions is None else questions.copy()
    for col in ("gain", "overall_gain"):  # a table from elsewhere may not know the effects of next steps
        if col not in q:
            q[col] = 0.0
    return Cohort(
        companies=df,
        questions=q,
        dimensions=dims,
        headline=tuple(headline) if headline is not None else dims,
    )
