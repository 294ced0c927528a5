"""``toolkit demo``: the whole product on built-in demo data, end to end.

The run reads as its stages:

1. generate the demo networks' response documents (``responses/<round>/<id>.json``);
2. score every response (``scores/<round>/<id>_scorecard.json``) and fill EFRAG's VSME Digital Template for
   each company's latest round (``vsme/<id>_vsme.xlsx``, the file a company hands its bank);
3. build the cohort tables and write them with the cohort summary (``cohort/``);
4. render every company's report, for its latest round, against the cohort summary (``reports/``);
5. render the cohort report (``cohort/cohort_report_<lang>.pdf``).

Step 4 goes through one function, :func:`render_company_reports`, so the rendering engine can be switched in
one place.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.atomic import atomic_write_text
from toolkit.definitions.factors import load_factors
from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import Questionnaire
from toolkit.demo.generator import DEFAULT_SEED, generate
from toolkit.errors import RenderError, ToolkitError
from toolkit.responses import load_response
from toolkit.scoring.scores import score

Echo = Callable[[str], None]


@dataclass
class RenderSummary:
    """What the company-report step did: PDFs written, companies that failed (id -> stage: message)."""

    pdfs: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    skipped_reason: str = ""
    seconds: float = 0.0


@dataclass
class VsmeSummary:
    """What the VSME-template step did: templates written, companies that failed (id -> why)."""

    out_dir: Path
    files: list[Path] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class DemoResult:
    out_dir: Path
    responses: list[Path]
    scorecards: list[Path] = field(default_factory=list)
    cohort_dir: Path | None = None
    cohort_files: list[Path] = field(default_factory=list)
    cohort_pdf: Path | None = None
    reports: RenderSummary | None = None
    vsme: VsmeSummary | None = None
    invalid: list[tuple[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def latest_responses(paths: list[Path]) -> list[Path]:
    """Each company's response of its latest round (files are ``<round>/<id>.json``)."""
    latest: dict[str, Path] = {}
    for p in sorted(paths, key=lambda p: (p.parent.name, p.name)):
        latest[p.stem] = p
    return [latest[k] for k in sorted(latest)]


def write_scorecards(qn: Questionnaire, responses: list[Path], out_dir: Path) -> list[Path]:
    """Score every response and write ``<round>/<id>_scorecard.json``."""
    factors = load_factors()
    written = []
    for path in responses:
        resp = load_response(path, qn)
        card = score(qn, resp, factors)
        target = out_dir / str(resp.round) / f"{resp.company.id}_scorecard.json"
        atomic_write_text(target, json.dumps(card.to_dict(), indent=2, ensure_ascii=False) + "\n")
        written.append(target)
    return written


def write_vsme_templates(qn: Questionnaire, responses: list[Path], out_dir: Path) -> VsmeSummary:
    """EFRAG's VSME Digital Template filled with each response (``<id>_vsme.xlsx``), through the same function as
    ``toolkit export vsme``. A company whose template cannot be written is listed with the reason; the others go
    on."""
    from toolkit.vsme import export_vsme

    t0 = time.perf_counter()
    summary = VsmeSummary(out_dir)
    factors = load_factors()
    for path in responses:
        try:
            resp = load_response(path, qn)
            target = out_dir / f"{resp.company.id}_vsme.xlsx"
            summary.files.append(export_vsme(qn, resp, score(qn, resp, factors), target).path)
        except ToolkitError as exc:
            summary.failed[path.stem] = str(exc).splitlines()[0]
        except Exception as exc:  # one company's failure never stops the others
            summary.failed[path.stem] = f"{type(exc).__name__}: {exc}"
    summary.seconds = time.perf_counter() - t0
    return summary


def render_company_reports(
    responses: list[Path],
    out_dir: Path,
    *,
    lang: str = "de",
    cohort_summary: Path | None = None,
    questionnaire: Path | None = None,
    workers: int | None = None,
    echo: Echo = print,
) -> RenderSummary:
    """Render one PDF report per response into ``out_dir`` with the batch renderer (``toolkit render``): warm
    workers on every core, a progress bar, a manifest; a failing company never stops the others."""
    from toolkit.batch import render_batch
    from toolkit.definitions.paths import default_questionnaire

    t0 = time.perf_counter()
    summary = RenderSummary()
    batch = render_batch(
        [str(p) for p in responses],
        out_dir,
        questionnaire or default_questionnaire(),
        lang=lang,
        workers=workers,
        cohort=cohort_summary,
    )
    summary.pdfs = [Path(o.pdf) for o in batch.outcomes if o.status in ("rendered", "skipped") and o.pdf]
    summary.failed = {o.company_id: f"{o.stage}: {o.error}" for o in batch.failed}
    summary.seconds = time.perf_counter() - t0
    echo(batch.summary())
    return summary


def run_demo(
    out: str | Path = "reports/demo",
    seed: int = DEFAULT_SEED,
    subset: int | None = None,
    workers: int | None = None,
    responses_only: bool = False,
    lang: str = "de",
    pdf: bool = True,
    min_group_size: int = 5,
    questionnaire: str | Path | None = None,
    echo: Echo = print,
    vsme: bool = True,
) -> DemoResult:
    """Generate, score, tabulate and render the demo networks into ``out`` (see the module docstring)."""
    from toolkit.definitions.paths import default_questionnaire

    out_dir = Path(out)
    qn_path = Path(questionnaire) if questionnaire else default_questionnaire()
    qn = load_questionnaire(qn_path)
    timings: dict[str, float] = {}
    t = time.perf_counter()
    data = generate(out_dir / "responses", seed=seed, qn=qn, subset=subset)
    timings["generate"] = time.perf_counter() - t
    result = DemoResult(out_dir, data.paths, timings=timings)
    echo(f"responses: {len(data.paths)} documents of {len(data.companies)} companies in {out_dir / 'responses'}")
    if responses_only:
        return result

    t = time.perf_counter()
    result.scorecards = write_scorecards(qn, data.paths, out_dir / "scores")
    timings["score"] = time.perf_counter() - t
    echo(f"scores: {len(result.scorecards)} scorecards in {out_dir / 'scores'}")

    if vsme:
        t = time.perf_counter()
        result.vsme = write_vsme_templates(qn, latest_responses(data.paths), out_dir / "vsme")
        timings["vsme"] = time.perf_counter() - t
        echo(f"VSME templates: {len(result.vsme.files)} filled EFRAG VSME Digital Templates in {out_dir / 'vsme'}")
        for cid, why in sorted(result.vsme.failed.items()):
            echo(f"  VSME template failed for {cid}: {why}")

    from toolkit.cohort import build_tables, load_cohort
    from toolkit.cohort.export import SUMMARY_FILE, write_exports

    t = time.perf_counter()
    cohort = load_cohort(out_dir / "responses", qn)
    result.invalid = cohort.invalid
    tables = build_tables(cohort, min_group_size)
    cohort_dir = out_dir / "cohort"
    result.cohort_dir = cohort_dir
    result.cohort_files = write_exports(tables, cohort_dir, lang).files
    from toolkit.cohort.matches import find_matches, load_for_matches, write_matches

    matches = find_matches(qn, load_for_matches(cohort.companies["path"], qn))  # issue 16: facilitator only
    result.cohort_files += write_matches(matches, cohort_dir, lang)
    timings["cohort"] = time.perf_counter() - t
    echo(f"cohort tables: {len(result.cohort_files)} files in {cohort_dir}")
    echo(
        f"cooperation matches (facilitator only): {len(matches.matches)} suggestions among {len(matches.opted_in)} "
        f"companies that opted in, in {cohort_dir / 'matches_confidential.csv'}"
    )
    if not pdf:
        return result

    reports_dir = out_dir / "reports"
    todo = latest_responses(data.paths)
    echo(f"company reports: rendering {len(todo)} companies into {reports_dir} ...")
    result.reports = render_company_reports(
        todo,
        reports_dir,
        lang=lang,
        cohort_summary=cohort_dir / SUMMARY_FILE,
        questionnaire=qn_path,
        workers=workers,
        echo=echo,
    )
    timings["company_reports"] = result.reports.seconds
    t = time.perf_counter()
    with contextlib.ExitStack() as session:
        kernel, printer = _render_session(session, echo)
        if kernel is not None:
            from toolkit.cohort.report import render_cohort_report

            try:
                result.cohort_pdf = render_cohort_report(cohort_dir, cohort_dir, lang, kernel=kernel, printer=printer)
                echo(f"cohort report: {result.cohort_pdf}")
            except ToolkitError as exc:
                echo(f"cohort report failed: {exc}")
    timings["cohort_report"] = time.perf_counter() - t
    return result


def _render_session(stack: contextlib.ExitStack, echo: Echo) -> tuple[Any, Any]:
    """A kernel and a browser for the run's PDFs, or (None, None) when the report module or Chromium is missing."""
    try:
        from toolkit.rendering.execute import WarmKernel
        from toolkit.rendering.pdf import PdfPrinter
    except ImportError as exc:
        echo(f"PDFs not rendered: the report module is not available ({exc})")
        return None, None
    try:
        return stack.enter_context(WarmKernel()), stack.enter_context(PdfPrinter())
    except RenderError as exc:
        echo(f"PDFs not rendered: {exc}")
        return None, None
