"""``toolkit carry-over``: start a new round from the last one's goals and open actions (thin shell over
:mod:`toolkit.responses.carryover`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from toolkit.cli.options import questionnaire_option


@click.command("carry-over")
@click.argument("previous", type=click.Path(exists=True, path_type=Path))
@click.option("--round", "round_", required=True, help="The new round, e.g. 2026.")
@click.option(
    "--out",
    "target",
    type=click.Path(path_type=Path),
    required=True,
    help="The new round's response file, or a folder for <company id>.json files (existing ones are merged into).",
)
@questionnaire_option
def carry_over(previous: Path, round_: str, target: Path, questionnaire: Path | None) -> None:
    """Carry goals and open actions from PREVIOUS (a response file, or a folder of them) into a new round.

    Answers are not carried; open actions arrive as 'not confirmed' until the participant confirms or updates
    their status in the form; the cooperation opt-in is off again.
    """
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.definitions.paths import default_questionnaire
    from toolkit.responses.carryover import carry_over_file, carry_over_folder

    qn = load_questionnaire(questionnaire or default_questionnaire())
    if previous.is_dir():
        reports, failed = carry_over_folder(previous, qn, round_, target)
    else:
        reports, failed = [carry_over_file(previous, qn, round_, target)], []
    for r in reports:
        click.echo(r.line())
    for path, why in failed:
        click.echo(f"skipped {path}: {why}", err=True)
    click.echo(f"{len(reports)} response(s) carried over into round {round_}, {len(failed)} skipped")
    sys.exit(1 if failed else 0)
