"""``toolkit demo``: generate the demo networks, score them, render every report (thin shell over
toolkit.demo.run)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.options import lang_option, out_dir_option


@click.command("demo")
@out_dir_option("Working folder (responses/, scores/, cohort/, reports/ inside).", default="reports/demo")
@click.option("--responses-only", is_flag=True, help="Only write the demo response documents.")
@click.option("--seed", type=int, default=2026, show_default=True, help="Same seed, same files.")
@click.option("--workers", type=int, default=None, help="Parallel report workers (default: one per core).")
@click.option("--subset", type=int, default=None, help="Only the first N companies of each network.")
@lang_option
@click.option("--no-pdf", is_flag=True, help="Responses, scores and cohort tables only; no PDFs.")
def demo(
    out_dir: Path, responses_only: bool, seed: int, workers: int | None, subset: int | None, lang: str, no_pdf: bool
) -> None:
    """Run the whole toolkit on three fictitious regional networks (Lüneburg, Mitteldeutschland, Schaalsee-Elbe)
    in two rounds: responses, scores, each company's filled VSME template, cohort tables and every company and
    cohort report."""
    from toolkit.demo.run import run_demo

    if subset is not None and subset < 1:
        raise click.BadParameter("use a subset of at least 1 company per network", param_hint="--subset")
    result = run_demo(
        out_dir,
        seed=seed,
        subset=subset,
        workers=workers,
        responses_only=responses_only,
        lang=lang,
        pdf=not no_pdf,
        echo=click.echo,
    )
    click.echo("")
    click.echo(f"demo folder:      {result.out_dir}")
    click.echo(f"  responses:      {result.out_dir / 'responses'} ({len(result.responses)} files)")
    if result.scorecards:
        click.echo(f"  scores:         {result.out_dir / 'scores'} ({len(result.scorecards)} files)")
    if result.vsme:
        v = result.vsme
        click.echo(f"  VSME templates: {v.out_dir} ({len(v.files)} filled EFRAG templates, {len(v.failed)} failed)")
        for cid, err in sorted(v.failed.items()):
            click.echo(f"    failed {cid}: {err}", err=True)
    if result.cohort_dir:
        click.echo(f"  cohort tables:  {result.cohort_dir} (cohort_tables.xlsx, cohort-summary.json, CSV, Parquet)")
    if result.reports:
        r = result.reports
        click.echo(f"  company reports: {result.out_dir / 'reports'} ({len(r.pdfs)} PDFs, {len(r.failed)} failed)")
        for cid, err in sorted(r.failed.items()):
            click.echo(f"    failed {cid}: {err}", err=True)
    if result.cohort_pdf:
        click.echo(f"  cohort report:  {result.cohort_pdf}")
    click.echo("  seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in result.timings.items()))
    if (result.reports and result.reports.failed) or (result.vsme and result.vsme.failed):
        sys.exit(1)
