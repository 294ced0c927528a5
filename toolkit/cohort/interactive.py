"""Helpers for the facilitator's interactive notebook (``notebooks/cohort.ipynb``): load a cohort folder (or
generate the demo networks there when it does not exist yet) and show the same sections as the cohort report,
computed in memory, as interactive plotly charts and tables."""

from __future__ import annotations

from pathlib import Path

from .export import metadata
from .table import Cohort, load_cohort
from .tables import CohortTables, build_tables
from .view import CohortView, Html


def load_or_generate(responses: str | Path, seed: int | None = None, subset: int | None = None) -> Cohort:
    """Load the responses in ``responses``; when the folder does not exist or holds no JSON file, first write
    the demo networks there (``toolkit demo --responses-only``). Demo responses written for an earlier
    questionnaire version (a folder the demo generator wrote, whose files no longer load) are written anew.
    ``subset``: only the first N demo companies of each network."""
    from ..demo.generator import DEFAULT_SEED, MARKER, generate

    folder = Path(responses)
    seed = DEFAULT_SEED if seed is None else seed
    if not folder.exists() or not any(folder.rglob("*.json")):
        generate(folder, seed=seed, subset=subset)
    cohort = load_cohort(folder)
    if cohort.invalid and (folder / MARKER).exists():
        generate(folder, seed=seed, subset=subset)
        cohort = load_cohort(folder)
    return cohort


def facilitator_view(cohort: Cohort, min_group_size: int = 5, lang: str = "de") -> tuple[CohortView, CohortTables]:
    """The cohort report's view over tables built in memory (suppressed exactly like the exports)."""
    tables = build_tables(cohort, min_group_size)
    return CohortView(metadata(tables, lang), tables.named(lang), lang), tables


def invalid_files(cohort: Cohort, lang: str = "de") -> Html:
    """The files that could not be read, with the reason (empty when all were valid)."""
    import html

    if not cohort.invalid:
        return Html("")
    title = "Nicht lesbare Dateien" if lang == "de" else "Files that could not be read"
    items = "".join(f"<li><code>{html.escape(p)}</code>: {html.escape(e)}</li>" for p, e in cohort.invalid)
    return Html(f"<h3>{title}</h3><ul>{items}</ul>")
