"""``toolkit render``: every company's report of a cohort in parallel (thin shell over toolkit.batch)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.handler import when_interrupted
from toolkit.cli.options import existing_inputs, factors_option, lang_option, out_dir_option, questionnaire_option


@click.command("render")
@click.argument("inputs", nargs=-1, required=True, callback=existing_inputs)
@out_dir_option("Folder for the PDFs, scorecards and the manifest.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Render workers on this machine (default: one per core).",
)
@lang_option
@click.option(
    "--cohort",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Cohort summary JSON to compare every company against.",
)
@questionnaire_option
@factors_option
@click.option("--force", is_flag=True, help="Render every company, even when nothing changed.")
@click.option(
    "--timeout",
    type=click.FloatRange(min=5),
    default=180.0,
    show_default=True,
    help="Seconds one company's report may take before it is stopped and reported failed.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="tcp://HOST:PORT",
    help="Run on an existing Dask distributed cluster instead of local workers.",
)
@click.option("--no-progress", is_flag=True, help="No progress bar (for logs).")
def render(
    inputs: tuple[str, ...],
    out_dir: Path,
    workers: int | None,
    lang: str,
    cohort: Path | None,
    questionnaire: Path | None,
    factors: Path | None,
    force: bool,
    timeout: float,
    scheduler: str | None,
    no_progress: bool,
) -> None:
    """Render the reports of COHORT_DIR (or of the given response files) in parallel.

    Unchanged companies are skipped; one failing company never stops the others. A manifest (CSV and JSON)
    lists every company with its status, time, output and error. Exit code 1 when any company failed.
    """
    from toolkit.batch import render_batch
    from toolkit.definitions.paths import default_questionnaire

    when_interrupted(
        f"interrupted: finished reports are kept and listed in {out_dir / 'manifest.json'}; no partial PDF was written"
    )
    result = render_batch(
        list(inputs),
        out_dir,
        questionnaire or default_questionnaire(),
        lang=lang,
        workers=workers,
        cohort=cohort,
        force=force,
        scheduler=scheduler,
        timeout=timeout,
        progress=not no_progress,
        factors=factors,
    )
    click.echo(result.summary())
    click.echo(f"manifest: {result.manifest_csv} and {result.manifest_json}")
    sys.exit(1 if result.failed else 0)
