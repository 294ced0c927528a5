"""``toolkit cohort`` and ``toolkit cohort-summary``: cohort tables, exports and the cohort report (thin shells
over toolkit.cohort)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from toolkit.cli.options import existing_inputs, lang_option, out_dir_option, questionnaire_option

MIN_GROUP_OPTION = click.option(
    "--min-group-size",
    type=int,
    default=5,
    show_default=True,
    help="Smallest group whose figures are shown (at least 3).",
)


def _report_invalid(invalid: list[tuple[str, str]], lang: str = "en") -> None:
    from toolkit.i18n import t

    for path, error in invalid:
        click.echo(t("cohort.cli_skipped", lang, path=path, error=error), err=True)


class _Stages:
    """Stage lines on stderr ("[2/6] kleine Gruppen schützen …"), in the language of the output."""

    def __init__(self, total: int, lang: str) -> None:
        self.total, self.lang, self.n = total, lang, 0

    def __call__(self, key: str, **fields: object) -> None:
        from toolkit.i18n import t

        self.n += 1
        click.echo(f"[{self.n}/{self.total}] {t(f'cohort.{key}', self.lang, **fields)} …", err=True)


@click.command("cohort")
@click.argument("cohort_dir", type=click.Path(path_type=Path), callback=existing_inputs)
@out_dir_option(
    "Folder for the workbook (Excel), the tables for scripts (CSV, Parquet), the cohort summary and the PDF."
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
@click.option(
    "--matches",
    "with_matches",
    is_flag=True,
    help="Also write matches_confidential.json/.csv: cooperation pairs and groups among the companies that opted "
    "in, with the reason for each. For the facilitator only; names companies.",
)
@click.option("--verbose", is_flag=True, help="Also list every file written.")
def cohort(
    cohort_dir: Path,
    out_dir: Path,
    min_group_size: int,
    lang: str,
    questionnaire: Path | None,
    no_pdf: bool,
    include_companies: bool,
    with_matches: bool,
    verbose: bool,
) -> None:
    """Compare a cohort: group tables, year-over-year change, improvement agenda, cohort summary and PDF.

    COHORT_DIR is a folder of response JSON files (searched recursively) or a glob pattern. The stages are
    reported on stderr as they start; at the end, a short summary says where everything is.
    """
    from tqdm import tqdm

    from toolkit.cohort import build_tables, check_min_group_size, collect_paths, load_cohort
    from toolkit.cohort.export import write_exports

    stage = _Stages(4 if no_pdf else 6, lang)
    pdf = None
    check_min_group_size(min_group_size)
    paths = collect_paths(str(cohort_dir))
    stage("cli_load", n=len(paths))
    with tqdm(total=len(paths), unit="file", file=sys.stderr, disable=None, leave=False) as bar:

        def loaded(_path: Path) -> None:
            bar.update()

        data = load_cohort(paths, questionnaire, on_file=loaded)
    _report_invalid(data.invalid, lang)
    steps = {"protect": ("cli_protect", {"k": min_group_size}), "tables": ("cli_tables", {})}
    tables = build_tables(data, min_group_size, on_stage=lambda key: stage(steps[key][0], **steps[key][1]))
    stage("cli_write")
    result = write_exports(tables, out_dir, lang, include_companies=include_companies)
    if with_matches and data.questionnaire is not None:
        from toolkit.cohort.matches import find_matches, load_for_matches, write_matches

        chosen = load_for_matches(data.companies["path"], data.questionnaire)
        result.files += write_matches(find_matches(data.questionnaire, chosen), out_dir, lang)
    if not no_pdf:
        from toolkit.cohort.report import render_cohort_report

        pdf_steps = {"execute": "cli_execute", "export": "cli_pdf"}
        pdf = render_cohort_report(
            out_dir, out_dir, lang, on_stage=lambda key: stage(pdf_steps[key]) if key in pdf_steps else None
        )
    if verbose:
        for f in [*result.files, *([pdf] if pdf else [])]:
            click.echo(f"written: {f}")
    _summary(data, tables, result, pdf, lang)
    if data.invalid:
        sys.exit(1)


def _summary(data: Any, tables: Any, result: Any, pdf: Path | None, lang: str) -> None:
    """Where things are: the folder, the workbook, the PDF, the summary, the tables for scripts, the groups."""
    from toolkit.cohort.export import COMPANIES_FILE, CSV_DIR, EXCEL_FILE, PARQUET_DIR, SUMMARY_FILE
    from toolkit.cohort.matches import MATCHES_FILE
    from toolkit.i18n import t

    companies = data.companies["company_id"].nunique()
    rounds = ", ".join(data.rounds)
    skipped = len(data.invalid)
    click.echo(
        t("cohort.cli_done", lang, answers=len(data.companies), companies=companies, rounds=rounds, skipped=skipped)
    )
    out = result.out_dir
    groups = tables.group_counts()
    n_tables = sum(1 for f in result.files if f.parent.name == CSV_DIR)
    lines = [
        (t("cohort.cli_folder", lang), str(out)),
        (t("cohort.cli_workbook", lang), f"{out / EXCEL_FILE} ({t('cohort.cli_workbook_hint', lang)})"),
    ]
    if pdf is not None:
        lines.append((t("cohort.cli_report", lang), str(pdf)))
    scripts = t("cohort.cli_scripts_value", lang, csv=CSV_DIR, parquet=PARQUET_DIR, n=n_tables)
    shown = t(
        "cohort.cli_groups_value",
        lang,
        shown=groups["shown"],
        small=groups["primary"],
        withheld=groups["complementary"],
        k=tables.min_group_size,
    )
    lines += [
        (t("cohort.cli_summary", lang), f"{out / SUMMARY_FILE} ({t('cohort.cli_summary_hint', lang)})"),
        (t("cohort.cli_scripts", lang), scripts),
        (t("cohort.cli_groups", lang), shown),
    ]
    confidential = [f for f in result.files if f.name.startswith((COMPANIES_FILE, MATCHES_FILE))]
    if confidential:
        lines.append((t("cohort.cli_confidential", lang), ", ".join(str(f) for f in confidential)))
    width = max(len(label) for label, _ in lines) + 1
    for label, value in lines:
        click.echo(f"  {label + ':':<{width}} {value}")


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
    from toolkit.cohort import build_tables, check_min_group_size, load_cohort
    from toolkit.cohort.summary import write_cohort_summary

    check_min_group_size(min_group_size)
    data = load_cohort(str(cohort_dir), questionnaire)
    _report_invalid(data.invalid)
    written = write_cohort_summary(build_tables(data, min_group_size), out_file)
    click.echo(f"written: {written}")
    if data.invalid:
        sys.exit(1)
