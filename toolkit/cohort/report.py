"""The cohort PDF report: the same stages as the company report (papermill, nbconvert with the toolkit's
template, headless Chromium through :class:`toolkit.rendering.pdf.PdfPrinter`), run on
``notebooks/cohort_report.ipynb`` with the aggregate tables of one facilitator output as its only input."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from toolkit.atomic import atomic_write_text
from toolkit.definitions.paths import NOTEBOOKS
from toolkit.errors import RenderError, ToolkitError
from toolkit.i18n import LANGS, t
from toolkit.rendering.execute import WarmKernel, execute_notebook
from toolkit.rendering.export import export_html
from toolkit.rendering.files import atomic_write_bytes
from toolkit.rendering.pdf import PdfPrinter, print_document

NOTEBOOK = NOTEBOOKS / "cohort_report.ipynb"
REPORT_ID = "cohort"


def render_cohort_report(
    tables_dir: str | Path,
    out_dir: str | Path,
    lang: str = "de",
    *,
    printer: PdfPrinter | None = None,
    kernel: WarmKernel | None = None,
    notebook: str | Path = NOTEBOOK,
    keep_html: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> Path:
    """Render ``cohort_report_<lang>.pdf`` into ``out_dir`` from the tables written by
    :func:`toolkit.cohort.export.write_exports`. Raises :class:`RenderError` naming the stage; ``on_stage`` is
    called with each stage's name (execute, export, pdf, write) as it starts."""
    if lang not in LANGS:
        raise RenderError(REPORT_ID, "parameters", f"unknown report language {lang!r}: use one of {', '.join(LANGS)}")
    out = Path(out_dir)
    params = {"tables": str(Path(tables_dir).resolve()), "lang": lang}
    title = t("cohort.cohort_report", lang)
    stage = "execute"
    say = on_stage or (lambda _stage: None)
    try:
        say(stage)
        if kernel is None:  # a kernel of its own, run through nbclient like the batch workers do
            with WarmKernel() as own:
                nb = execute_notebook(params, company_id=REPORT_ID, kernel=own, notebook=notebook)
        else:
            nb = execute_notebook(params, company_id=REPORT_ID, kernel=kernel, notebook=notebook)
        stage = "export"
        say(stage)
        doc = export_html(nb, company_id=REPORT_ID, lang=lang, title=title, footer_label=title)
        stage = "pdf"
        say(stage)
        pdf = print_document(doc, printer)
        stage = "write"
        say(stage)
        target = out / f"cohort_report_{lang}.pdf"
        atomic_write_bytes(target, pdf)
        if keep_html:
            atomic_write_text(out / f"cohort_report_{lang}.html", doc.standalone())
    except RenderError:
        raise
    except ToolkitError as exc:
        raise RenderError(REPORT_ID, stage, str(exc)) from exc
    except Exception as exc:
        raise RenderError(REPORT_ID, stage, f"{type(exc).__name__}: {exc}") from exc
    return target
