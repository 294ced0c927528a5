"""``toolkit migrate``: carry a response over to a newer questionnaire version."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("migrate")
@click.argument("response", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--to",
    "questionnaire",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The newer questionnaire (default: the shipped one).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Where to write the migrated response (the original is never modified).",
)
def migrate(response: Path, questionnaire: Path | None, out: Path) -> None:
    """Migrate a response to a newer questionnaire version; report kept and dropped answers."""
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.definitions.paths import default_questionnaire
    from toolkit.responses import migrate_response, save_response

    qn = load_questionnaire(questionnaire or default_questionnaire())
    resp, report = migrate_response(response, qn)
    if out.exists():
        raise click.UsageError(f"{out} exists; choose a new file name so nothing is overwritten")
    save_response(resp, out)
    for line in report.lines():
        click.echo(line)
    click.echo(f"written: {out}")
