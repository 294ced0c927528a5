"""The company report's sections as data: one ordered list from which the notebook's cells, the numbering in
the contents and the completeness check of a rendered notebook all derive.

The report has two parts. The owner's part (at most three pages: where the company stands, how it compares, what
to do next) uses plain words only; the appendix, which begins with the heading "Anhang" / "Appendix", holds the
answer-by-answer detail, the reference codes (DNK, VSME, GRI) and the method for an advisor.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReportSection:
    """One cell of the report notebook: ``view.<method>()``."""

    method: str
    appendix: bool
    optional: bool = False  # may display nothing (e.g. the comparison when no cohort is given)

    @property
    def call(self) -> str:
        return f"view.{self.method}()"


SECTIONS: tuple[ReportSection, ...] = (
    ReportSection("cover", appendix=False),
    ReportSection("progress", appendix=False, optional=True),  # goals and actions lead the owner's part
    ReportSection("summary", appendix=False),
    ReportSection("comparison", appendix=False, optional=True),
    ReportSection("next_steps", appendix=False),
    ReportSection("appendix", appendix=True),
    ReportSection("dimensions", appendix=True),
    ReportSection("more_steps", appendix=True, optional=True),
    ReportSection("coverage", appendix=True),
    ReportSection("kpis", appendix=True),
    ReportSection("vsme", appendix=True),
    ReportSection("data_quality", appendix=True),
    ReportSection("method", appendix=True),
)


def section(method: str) -> ReportSection | None:
    return next((s for s in SECTIONS if s.method == method), None)


def notebook_calls() -> list[str]:
    """The code of the report notebook's section cells, in order."""
    return [s.call for s in SECTIONS]


def missing_sections(nb: object) -> list[str]:
    """Problems with an executed report notebook: a section cell that is missing, or that displayed nothing
    although it must. Cells calling other ``view.`` methods must display something too."""
    cells = [c for c in getattr(nb, "cells", []) if c.cell_type == "code" and c.source.strip().startswith("view.")]
    present = {c.source.strip() for c in cells}
    problems = [f"the report notebook has no cell {s.call}" for s in SECTIONS if s.call not in present]
    for i, cell in enumerate(getattr(nb, "cells", [])):
        code = cell.source.strip() if cell.cell_type == "code" else ""
        if not code.startswith("view.") or cell.get("outputs"):
            continue
        spec = section(code.removeprefix("view.").removesuffix("()"))
        if spec is None or not spec.optional:
            problems.append(f"cell {i} ({code[:40]}) displayed nothing")
    return problems
