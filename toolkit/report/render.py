"""One company's PDF report: the stages in order (see :func:`render_report`)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.atomic import atomic_write_text
from toolkit.errors import RenderError, ToolkitError
from toolkit.rendering.execute import NOTEBOOK, WarmKernel, build_parameters, execute_notebook
from toolkit.rendering.export import export_html
from toolkit.rendering.files import atomic_write_bytes, output_paths
from toolkit.rendering.pdf import PdfPrinter
from toolkit.report.contents import missing_sections
from toolkit.report.strings import s


@dataclass(frozen=True)
class ReportResult:
    company_id: str
    pdf_path: Path
    scorecard_path: Path
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)
    html_path: Path | None = None


class _Stages:
    """Times each stage and turns any failure inside it into RenderError(company_id, stage, message)."""

    def __init__(self, company_id: str, on_stage: Callable[[str], None] | None = None) -> None:
        self.company_id = company_id
        self.timings: dict[str, float] = {}
        self.start = time.perf_counter()
        self.on_stage = on_stage

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        if self.on_stage is not None:
            self.on_stage(stage)
        t0 = time.perf_counter()
        try:
            yield
        except RenderError as exc:
            if exc.company_id is None:  # the browser or kernel failed while this company's report needed it
                raise RenderError(self.company_id, exc.stage, exc.message) from exc
            raise
        except ToolkitError as exc:
            raise RenderError(self.company_id, stage, str(exc)) from exc
        except Exception as exc:
            raise RenderError(self.company_id, stage, f"{type(exc).__name__}: {exc}") from exc
        finally:
            self.timings[stage] = time.perf_counter() - t0

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start


@dataclass
class _Inputs:
    company_id: str
    scorecard: dict[str, Any]
    title: str
    footer_label: str


def _load_inputs(
    response: Path, questionnaire: Path | None, lang: str, cohort: Path | None, factors: Path | None
) -> _Inputs:
    """Check every input before starting a kernel: the response against its questionnaire, the cohort summary
    contract, the factor table. Typed errors say where and how to fix."""
    from toolkit.report.view import ReportView

    view = ReportView.load(response, questionnaire, lang, cohort, factors)
    title = f"{s('report_title', lang)} – {view.company_name}"
    footer = f"{s('report_title', lang)} {view.resp.round} · {s('report_kind', lang)}"
    return _Inputs(view.resp.company.id, view.card.to_dict(), title, footer)


def render_report(
    response_path: str | Path,
    out_dir: str | Path,
    lang: str = "de",
    cohort: str | Path | None = None,
    questionnaire: str | Path | None = None,
    *,
    factors: str | Path | None = None,
    printer: PdfPrinter | None = None,
    kernel: WarmKernel | None = None,
    notebook: str | Path = NOTEBOOK,
    max_steps: int = 10,
    keep_html: bool = False,
    on_stage: Callable[[str], None] | None = None,
) -> ReportResult:
    """Render one company's PDF report and its scorecard JSON into ``out_dir``.

    Pass a :class:`PdfPrinter` and a :class:`WarmKernel` to reuse a browser and a kernel across reports (batch);
    without them, this starts and stops its own. Raises :class:`RenderError` naming the company and the stage.
    ``on_stage`` is called with each stage's name as it starts (``toolkit report`` shows them).
    """
    response = Path(response_path)
    stage = _Stages(company_id=response.stem, on_stage=on_stage)
    with ExitStack() as own:
        with stage("load"):
            inputs = _load_inputs(response, _opt(questionnaire), lang, _opt(cohort), _opt(factors))
            stage.company_id = cid = inputs.company_id
            paths = output_paths(out_dir, cid, lang)
        with stage("browser"):  # a one-off starts its own browser, which loads plotly.js while the kernel runs
            printer = printer or own.enter_context(_preloaded_printer())
        with stage("parameters"):
            params = build_parameters(response, questionnaire, lang, cohort, factors, max_steps)
        with stage("execute"):
            nb = execute_notebook(params, company_id=cid, kernel=kernel, notebook=notebook)
            check_sections(nb, cid)
        with stage("export"):
            doc = export_html(nb, company_id=cid, lang=lang, title=inputs.title, footer_label=inputs.footer_label)
        with stage("pdf"):
            pdf = printer.print_pdf(doc)
    with stage("write"):
        atomic_write_text(paths["scorecard"], json.dumps(inputs.scorecard, indent=2, ensure_ascii=False) + "\n")
        if keep_html:
            atomic_write_text(paths["html"], doc.standalone())
        atomic_write_bytes(paths["pdf"], pdf)
    return ReportResult(
        cid, paths["pdf"], paths["scorecard"], stage.seconds, stage.timings, paths["html"] if keep_html else None
    )


def check_sections(nb: Any, company_id: str) -> None:
    """Every section of :data:`~toolkit.report.contents.SECTIONS` must have its cell in the report notebook, and
    every section cell (``view.<section>()``) must have displayed something unless the section is optional, so
    that a report never goes out with a section silently missing."""
    problems = missing_sections(nb)
    if problems:
        raise RenderError(company_id, "execute", "; ".join(problems))


@contextmanager
def _preloaded_printer() -> Iterator[PdfPrinter]:
    with PdfPrinter() as printer:
        printer.preload()
        yield printer


def _opt(p: str | Path | None) -> Path | None:
    return None if p is None else Path(p)
