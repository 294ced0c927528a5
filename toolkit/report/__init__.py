"""Per-company PDF report: notebook -> HTML -> PDF, in separate reusable stages.

Stages (each its own module, usable on its own by batch rendering):

1. :mod:`~toolkit.rendering.execute` - :func:`build_parameters`, :func:`execute_notebook` (papermill, or a
   :class:`WarmKernel` kept alive across reports);
2. :mod:`~toolkit.rendering.export` - :func:`export_html` with the toolkit's nbconvert template;
3. :mod:`~toolkit.rendering.pdf` - :class:`PdfPrinter`, one headless Chromium printing many documents;
4. :mod:`~toolkit.report.render` - :func:`render_report`, the stages in order, with atomic output files.

The report content lives in :mod:`~toolkit.report.view` (what the notebook displays; the owner's pages in
:mod:`~toolkit.report.owner`), its sections in order in :mod:`~toolkit.report.contents`. Names are imported lazily
so that the notebook kernel, which only needs the view, does not import papermill or playwright.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {  # name -> the module that defines it (the stages live in the rendering layer since the layer folders)
    "render_report": "toolkit.report.render",
    "ReportResult": "toolkit.report.render",
    "build_parameters": "toolkit.rendering.execute",
    "execute_notebook": "toolkit.rendering.execute",
    "WarmKernel": "toolkit.rendering.execute",
    "export_html": "toolkit.rendering.export",
    "clean_notebook": "toolkit.rendering.export",
    "ReportDocument": "toolkit.rendering.export",
    "PdfPrinter": "toolkit.rendering.pdf",
    "ReportView": "toolkit.report.view",
    "load_cohort_summary": "toolkit.views.cohort_summary",
    "CohortSummaryError": "toolkit.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit.report' has no attribute {name!r}")
    return getattr(import_module(module), name)
