"""The ``toolkit`` group and the list of its commands."""

from __future__ import annotations

import click

from toolkit import __version__
from toolkit.cli.cohort import cohort, cohort_summary
from toolkit.cli.demo import demo
from toolkit.cli.handler import ToolkitGroup, start_logging
from toolkit.cli.migrate import migrate
from toolkit.cli.plan import carry_over
from toolkit.cli.render import render
from toolkit.cli.report import report
from toolkit.cli.schema import schema
from toolkit.cli.score import score
from toolkit.cli.validate import validate
from toolkit.cli.vsme import export, import_
from toolkit.cli.workshop import workshop


@click.group(cls=ToolkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="toolkit")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Diagnostics on stderr: stages and their timings, start-ups, skipped files (-vv: more detail).",
)
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """SME sustainability self-assessment: questionnaires, scoring, reports and cohorts."""
    start_logging(ctx, verbose)


for command in (
    validate,
    score,
    schema,
    migrate,
    workshop,
    report,
    cohort,
    cohort_summary,
    demo,
    render,
    carry_over,
    export,
    import_,
):
    main.add_command(command)
