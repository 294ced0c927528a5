"""``toolkit cohort`` and ``toolkit cohort-summary``: cohort tables, exports and the cohort report (thin shells
over toolkit.cohort)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .cli_options import existing_inputs, lang_option, questionnaire_option
from .errors import ToolkitError

MIN_GROUP_OPTION = click.option(
    "--min-group-size",
    type=int,
    default=5,
    show_default=True,
    help="Smallest group whose figures are shown (at least 3).",
)


def _report_invalid(invalid: list[tuple[str, str]]) -> None:
    for path, error in invalid:
        click.echo(f"skipped {path}: {error}", err=True)


@click.command("cohort")
@click.argument("cohort_dir", type=click.Path(path_type=Path), callback=existing_inputs)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("reports"),
    show_default=True,
    help="Folder for the tables (CSV, Excel, Parquet), the cohort summary and the cohort report PDF.",
)
@MIN_GROUP_OPTION
@lang_option
@questionnaire_option
@click.option("--no-pdf", is_flag=True, help="Write the tables and the summary only, no PDF.")
@click.option(
    "--include-companies",
    is_flag=True,
    help="Also write the company-level table (names, every score) for your own use. Never share it.",
)
def cohort(
    cohort_dir: Path,
    out_dir: Path,
    min_group_size: int,
    lang: str,
    questionnaire: Path | None,
    no_pdf: bool,
    include_companies: bool,
) -> None:
    """Compare a cohort: group tables, year-over-year change, improvement agenda, cohort summary and PDF.

    COHORT_DIR is a folder of response JSON files (searched recursively) or a glob pattern.
    """
    from .cohort import build_tables, check_min_group_size, load_cohort
    from .cohort.export import write_exports

    try:
        check_min_group_size(min_group_size)
        data = load_cohort(str(cohort_dir), questionnaire)
        _report_invalid(data.invalid)
        tables = build_tables(data, min_group_size)
        result = write_exports(tables, out_dir, lang, include_companies=include_companies)
        for f in result.files:
            click.echo(f"written: {f}")
        if not no_pdf:
            from .cohort.report import render_cohort_report

            click.echo(f"written: {render_cohort_report(out_dir, out_dir, lang)}")
    except ToolkitError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{len(data.companies)} company-rounds, {len(data.invalid)} file(s) skipped")
    if data.invalid:
        sys.exit(1)


@click.command("cohort-summary")
@click.argument("cohort_dir", type=click.Path(path_type=Path), callback=existing_inputs)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the summary JSON (sme-toolkit-cohort-summary/1) for `toolkit report --cohort`.",
)
@MIN_GROUP_OPTION
@questionnaire_option
def cohort_summary(cohort_dir: Path, out_file: Path, min_group_size: int, questionnaire: Path | None) -> None:
    """Write the anonymous cohort summary a company report compares against (aggregates only)."""
    from .cohort import build_tables, check_min_group_size, load_cohort
    from .cohort.summary import write_cohort_summary

    try:
        check_min_group_size(min_group_size)
        data = load_cohort(str(cohort_dir), questionnaire)
        _report_invalid(data.invalid)
        written = write_cohort_summary(build_tables(data, min_group_size), out_file)
    except ToolkitError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    click.echo(f"written: {written}")
    if data.invalid:
        sys.exit(1)
