"""The company report's sections as data: one ordered list, :data:`SECTIONS`, from which everything else derives.

* the report notebook's section cells (:func:`section_cells`): one cell per section, in this order, calling the
  section's view function (``view.<id>()``) and tagged ``section:<id>``; ``python -m toolkit.report.contents``
  writes them into ``notebooks/report.ipynb``, and a test fails while the notebook and the list differ;
* the numbering and the contents (the cover lists the owner's part, the appendix heading lists the appendix):
  :meth:`~toolkit.report.view.ReportView.contents`, with the kicker above each section ("03 · Kerndimension");
* the completeness check of an executed notebook (:func:`missing_sections`): every section has its cell, in
  order, and every section that must show something did.

Adding a section is one entry here and its view function, a method of
:class:`~toolkit.report.view.ReportView` of the same name (the appendix in :mod:`~toolkit.report.view`, the owner's
pages in :mod:`~toolkit.report.owner`); then run ``python -m toolkit.report.contents`` to update the notebook.

The report has two parts. The owner's part (at most three pages: where the company stands, how it compares, what
to do next) uses plain words only; the appendix, which begins with the heading "Anhang" / "Appendix", holds the
answer-by-answer detail, the reference codes (DNK, VSME, GRI) and the method for an advisor.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

OWNER, APPENDIX = "owner", "appendix"  # the report's two parts
TAG = "section:"  # the tag of a section cell in the notebook: "section:<id>"


@dataclass(frozen=True)
class ReportSection:
    """One section of the report.

    ``id`` names the section everywhere: its view function (the :class:`~toolkit.report.view.ReportView` method
    the notebook cell calls), its cell's tag, and its key in the numbering (``view._number(id)``).
    ``title`` and ``kicker`` are message keys (:func:`toolkit.i18n.t`): the title in the contents and the label
    after the section number; a section without a title is not numbered (the cover, the appendix heading).
    ``when`` names a view attribute: the section shows, and is numbered, only when it is true (a comparison needs a
    cohort); such a section is ``optional``: its cell may display nothing.
    ``entries`` names a view method returning the numbered entries ``[(key, title)]`` of a section whose titles are
    not fixed: one per headline dimension, or "Ihr Plan" / "Ihr Fortschritt".
    """

    id: str
    part: str
    title: str | None = None
    kicker: str | None = None
    when: str | None = None
    entries: str | None = None

    @property
    def optional(self) -> bool:
        return self.when is not None

    @property
    def appendix(self) -> bool:
        return self.part == APPENDIX

    @property
    def call(self) -> str:
        """The code of its notebook cell."""
        return f"view.{self.id}()"

    @property
    def tag(self) -> str:
        return f"{TAG}{self.id}"


SECTIONS: list[ReportSection] = [
    ReportSection("cover", OWNER),
    # goals and actions lead the owner's part, titled "Ihr Plan" or, in a later round, "Ihr Fortschritt"
    ReportSection("progress", OWNER, kicker="plan.page.kicker", when="has_plan", entries="progress_entries"),
    ReportSection("summary", OWNER, title="report.summary", kicker="report.kicker_summary"),
    ReportSection("comparison", OWNER, title="report.cohort", kicker="report.kicker_cohort", when="has_comparison"),
    ReportSection("next_steps", OWNER, title="report.plan", kicker="report.kicker_next_steps"),
    ReportSection("appendix", APPENDIX),
    ReportSection("dimensions", APPENDIX, kicker="report.dimension_kicker", entries="dimension_entries"),
    ReportSection(
        "more_steps", APPENDIX, title="report.more_steps", kicker="report.kicker_more_steps", when="has_more_steps"
    ),
    ReportSection("coverage", APPENDIX, title="report.coverage", kicker="report.kicker_coverage"),
    ReportSection("kpis", APPENDIX, title="report.kpis", kicker="report.kicker_kpis"),
    ReportSection("vsme", APPENDIX, title="report.vsme", kicker="report.kicker_vsme"),
    ReportSection("data_quality", APPENDIX, title="report.quality", kicker="report.kicker_quality"),
    ReportSection("method", APPENDIX, title="report.method", kicker="report.kicker_method"),
]


def section(section_id: str) -> ReportSection | None:
    return next((s for s in SECTIONS if s.id == section_id), None)


# ---- the notebook's section cells ---------------------------------------------------------------------------------
def section_cells() -> list[Any]:
    """The report notebook's section cells, in order: ``view.<id>()``, tagged ``section:<id>``."""
    import nbformat

    return [nbformat.v4.new_code_cell(s.call, metadata={"tags": [s.tag]}, id=f"section-{s.id}") for s in SECTIONS]


def cell_section(cell: Any) -> str | None:
    """The section id a notebook cell is tagged with (``section:<id>``), or None."""
    tags = cell.get("metadata", {}).get("tags", []) if cell.get("cell_type") == "code" else []
    return next((t.removeprefix(TAG) for t in tags if t.startswith(TAG)), None)


def write_section_cells(notebook: str | Path | None = None) -> bool:
    """Rewrite the notebook's section cells from :data:`SECTIONS`; the other cells (parameters, loading the view,
    notes) keep their places. Returns whether anything changed."""
    import nbformat

    from toolkit.definitions.paths import NOTEBOOKS

    path = Path(notebook or NOTEBOOKS / "report.ipynb")
    nb = nbformat.read(path, as_version=4)
    calls = {s.call for s in SECTIONS}
    positions = [i for i, c in enumerate(nb.cells) if cell_section(c) is not None or c.source.strip() in calls]
    if positions:
        head, tail = nb.cells[: positions[0]], nb.cells[positions[-1] + 1 :]
        between = [c for i, c in enumerate(nb.cells) if positions[0] < i < positions[-1] and i not in positions]
    else:
        head, tail, between = list(nb.cells), [], []
    cells = [*head, *section_cells(), *between, *tail]
    if [(c.cell_type, c.source, c.metadata) for c in cells] == [(c.cell_type, c.source, c.metadata) for c in nb.cells]:
        return False
    nb.cells = cells
    nbformat.validate(nb)
    nbformat.write(nb, path)
    return True


# ---- the completeness check of an executed notebook ---------------------------------------------------------------
def missing_sections(nb: Any) -> list[str]:
    """Problems with an executed report notebook: a section without its cell, a cell for no known section or for a
    section twice, section cells out of order, or a section cell that displayed nothing although its section must
    show something."""
    cells = [(i, cell, cell_section(cell)) for i, cell in enumerate(getattr(nb, "cells", []))]
    found = [(i, cell, sid) for i, cell, sid in cells if sid is not None]
    ids = [sid for _, _, sid in found]
    known = [s.id for s in SECTIONS]
    problems = [
        f"the report notebook has no cell for the section '{s.id}' ({s.call})" for s in SECTIONS if s.id not in ids
    ]
    problems += [
        f"cell {i} is tagged {TAG}{sid}, but the report has no section '{sid}'"
        for i, _, sid in found
        if sid not in known
    ]
    problems += [
        f"the report notebook has {ids.count(sid)} cells for the section '{sid}'"
        for sid in dict.fromkeys(ids)
        if ids.count(sid) > 1
    ]
    if not problems and ids != known:
        problems.append(
            f"the section cells are in the order {', '.join(ids)}; the report's order is {', '.join(known)}"
        )
    for i, cell, sid in found:
        spec = section(sid)
        if spec is not None and not spec.optional and not cell.get("outputs"):
            problems.append(f"cell {i} ({spec.call}) displayed nothing")
    return problems


if __name__ == "__main__":  # python -m toolkit.report.contents: bring the notebook's section cells in line
    print("notebooks/report.ipynb updated" if write_section_cells() else "notebooks/report.ipynb is up to date")
