"""``toolkit report``: one company's PDF report and scorecard JSON (thin shell over toolkit.report)."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli.options import cohort_summary_option, factors_option, lang_option, out_dir_option, questionnaire_option
from toolkit.errors import CohortError, ToolkitError

STAGES = {  # render_report's stages, as the command reports them while it works
    "load": "checking the response, questionnaire and cohort summary",
    "browser": "starting the PDF printer (Chromium)",
    "parameters": "preparing the report",
    "execute": "running the report notebook",
    "export": "laying out the pages",
    "pdf": "printing the PDF",
    "write": "writing the files",
}


@click.command("report")
@click.argument("response", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@out_dir_option("Folder for <company-id>_report_<lang>.pdf and <company-id>_scorecard.json.")
@lang_option
@cohort_summary_option
@questionnaire_option
@factors_option
@click.option("--html", "keep_html", is_flag=True, help="Also write the self-contained HTML the PDF is printed from.")
@click.option("--quiet", is_flag=True, help="Do not report the stages while working.")
def report(
    response: Path,
    out_dir: Path,
    lang: str,
    cohort: Path | None,
    questionnaire: Path | None,
    factors: Path | None,
    keep_html: bool,
    quiet: bool,
) -> None:
    """Render one company's PDF report (papermill + nbconvert + headless Chromium).

    The stages are reported on stderr as they start (--quiet: not at all).
    """
    from toolkit.report.render import render_report

    summary = None
    if cohort is not None:  # a wrong summary is the summary's fault, not the company's: say so before any work
        from toolkit.views.cohort_summary import load_cohort_summary

        try:
            summary = load_cohort_summary(cohort)  # read once; the report compares with what was checked here
        except ToolkitError as exc:
            raise CohortError(f"--cohort {cohort} is not a usable cohort summary: {exc}") from exc
    step = {"n": 0}

    def on_stage(stage: str) -> None:
        step["n"] += 1
        click.echo(f"[{step['n']}/{len(STAGES)}] {STAGES.get(stage, stage)} …", err=True)

    result = render_report(
        response,
        out_dir,
        lang=lang,
        cohort=summary,
        questionnaire=questionnaire,
        factors=factors,
        keep_html=keep_html,
        on_stage=None if quiet else on_stage,
    )
    click.echo(f"written: {result.pdf_path}")
    click.echo(f"written: {result.scorecard_path}")
    if result.html_path:
        click.echo(f"written: {result.html_path}")
    click.echo(f"{result.seconds:.1f} s")
