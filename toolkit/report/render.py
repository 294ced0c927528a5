"""One company's PDF report: the stages in order (see :func:`render_report`)."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.atomic import atomic_write_text
from toolkit.errors import RenderError, ToolkitError
from toolkit.i18n import t
from toolkit.rendering.execute import NOTEBOOK, KernelAhead, WarmKernel, build_parameters, execute_notebook
from toolkit.rendering.export import export_html
from toolkit.rendering.files import atomic_write_bytes, output_paths
from toolkit.rendering.pdf import PdfPrinter
from toolkit.report.contents import missing_sections
from toolkit.views.cohort_summary import CohortSummary

log = logging.getLogger(__name__)  # company ids, stages and timings only


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
            log.info("%s: %s took %.2f s", self.company_id, stage, self.timings[stage])

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start


@dataclass
class _Inputs:
    company_id: str
    computed: dict[str, Any]  # the computed view; its "scorecard" is written as <id>_scorecard.json
    title: str
    footer_label: str


def _load_inputs(
    response: Path,
    questionnaire: Path | None,
    lang: str,
    cohort: Path | CohortSummary | None,
    factors: Path | None,
    max_steps: int,
    document: str | None,
) -> _Inputs:
    """Read, check and score the response once, before starting a kernel: the response against its
    questionnaire, the cohort summary contract, the factor table. Typed errors say where and how to fix."""
    from toolkit.report.view import ReportView

    view = ReportView.load(response, questionnaire, lang, cohort, factors, max_steps, document=document)
    title = f"{t('report.report_title', lang)} – {view.company_name}"
    footer = f"{t('report.report_title', lang)} {view.resp.round} · {t('report.report_kind', lang)}"
    return _Inputs(view.resp.company.id, view.computed(), title, footer)


def render_report(
    response_path: str | Path,
    out_dir: str | Path,
    lang: str = "de",
    cohort: str | Path | CohortSummary | None = None,
    questionnaire: str | Path | None = None,
    *,
    factors: str | Path | None = None,
    document: str | None = None,
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

    The response is read (unless its checked text is given as ``document``), checked and scored once, here; the
    notebook renders from that result, and the scorecard written is the one it rendered from. ``cohort`` may be a
    summary already loaded (a batch reads it once).
    """
    response = Path(response_path)
    stage = _Stages(company_id=response.stem, on_stage=on_stage)
    with ExitStack() as own:
        # a one-off starts its kernel first: it comes up while the inputs are read and the browser starts
        ahead = None if kernel is not None else own.enter_context(KernelAhead(Path(notebook).resolve().parent))
        with stage("load"):
            summary = cohort if isinstance(cohort, CohortSummary) else _opt(cohort)
            inputs = _load_inputs(response, _opt(questionnaire), lang, summary, _opt(factors), max_steps, document)
            stage.company_id = cid = inputs.company_id
            paths = output_paths(out_dir, cid, lang)
        with stage("browser"):  # a one-off starts its own browser, which loads plotly.js while the kernel runs
            printer = printer or own.enter_context(_preloaded_printer())
        with stage("parameters"):
            computed = _write_computed(inputs.computed, own)
            cohort_path = cohort.path or None if isinstance(cohort, CohortSummary) else cohort
            params = build_parameters(response, questionnaire, lang, cohort_path, factors, max_steps, computed)
        with stage("execute"):
            nb = execute_notebook(params, company_id=cid, kernel=kernel, notebook=notebook, ahead=ahead)
            check_sections(nb, cid)
        with stage("export"):
            doc = export_html(nb, company_id=cid, lang=lang, title=inputs.title, footer_label=inputs.footer_label)
        with stage("pdf"):
            pdf = printer.print_pdf(doc)
    with stage("write"):
        scorecard = inputs.computed["scorecard"]  # the very document the notebook rendered from
        atomic_write_text(paths["scorecard"], json.dumps(scorecard, indent=2, ensure_ascii=False) + "\n")
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


def _write_computed(computed: dict[str, Any], own: ExitStack) -> Path:
    """The computed view as a JSON file for the notebook, in a private folder (it holds the company's answers)
    removed when the report is done."""
    folder = Path(tempfile.mkdtemp(prefix="tk-report-"))  # mode 0700
    own.callback(shutil.rmtree, folder, True)
    path = folder / "computed.json"
    path.write_text(json.dumps(computed, ensure_ascii=False), encoding="utf-8")
    return path


@contextmanager
def _preloaded_printer() -> Iterator[PdfPrinter]:
    with PdfPrinter() as printer:
        printer.preload()
        yield printer


def _opt(p: str | Path | None) -> Path | None:
    return None if p is None else Path(p)
