"""Helpers for the facilitator's interactive notebook (``notebooks/cohort.ipynb``): show the same sections as
the cohort report, computed in memory, as interactive plotly charts and tables. Loading a folder (or writing the
demo networks into it first) is ``toolkit.demo.folder.load_or_generate``."""

from __future__ import annotations

from toolkit.cohort.export import metadata
from toolkit.cohort.table import Cohort
from toolkit.cohort.tables import CohortTables, build_tables
from toolkit.cohort.view import CohortView, Html
from toolkit.i18n import t


def facilitator_view(cohort: Cohort, min_group_size: int = 5, lang: str = "de") -> tuple[CohortView, CohortTables]:
    """The cohort report's view over tables built in memory (suppressed exactly like the exports)."""
    tables = build_tables(cohort, min_group_size)
    return CohortView(metadata(tables, lang), tables.named(lang), lang), tables


def invalid_files(cohort: Cohort, lang: str = "de") -> Html:
    """The files that could not be read, with the reason (empty when all were valid)."""
    import html

    if not cohort.invalid:
        return Html("")
    title = html.escape(t("cohort.invalid_files", lang))
    items = "".join(f"<li><code>{html.escape(p)}</code>: {html.escape(e)}</li>" for p, e in cohort.invalid)
    return Html(f"<h3>{title}</h3><ul>{items}</ul>")
