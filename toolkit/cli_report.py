"""``toolkit report``: one company's PDF report and scorecard JSON (thin shell over toolkit.report)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import factors_option, lang_option, questionnaire_option
from .errors import ToolkitError


@click.command("report")
@click.argument("response", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder for <company-id>_report_<lang>.pdf and <company-id>_scorecard.json.",
)
@lang_option
@click.option(
    "--cohort",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Cohort summary JSON (sme-toolkit-cohort-summary/1) to compare against.",
)
@questionnaire_option
@factors_option
@click.option("--html", "keep_html", is_flag=True, help="Also write the self-contained HTML the PDF is printed from.")
def report(
    response: Path,
    out_dir: Path,
    lang: str,
    cohort: Path | None,
    questionnaire: Path | None,
    factors: Path | None,
    keep_html: bool,
) -> None:
    """Render one company's PDF report (papermill + nbconvert + headless Chromium)."""
    from .report.render import render_report

    try:
        result = render_report(
            response,
            out_dir,
            lang=lang,
            cohort=cohort,
            questionnaire=questionnaire,
            factors=factors,
            keep_html=keep_html,
        )
    except ToolkitError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"written: {result.pdf_path}")
    click.echo(f"written: {result.scorecard_path}")
    if result.html_path:
        click.echo(f"written: {result.html_path}")
    click.echo(f"{result.seconds:.1f} s")
