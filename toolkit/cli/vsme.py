"""``toolkit export vsme`` and ``toolkit import vsme``: EFRAG's VSME Digital Template out and in."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from tqdm import tqdm

from toolkit.cli.options import factors_option, questionnaire_option
from toolkit.errors import ToolkitError

if TYPE_CHECKING:
    from toolkit.definitions.factors import FactorTable
    from toolkit.definitions.model import Questionnaire


def _load(questionnaire: Path | None, factors: Path | None) -> tuple[Questionnaire, FactorTable | None]:
    from toolkit.definitions.factors import load_factors
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.definitions.paths import default_questionnaire

    return load_questionnaire(questionnaire or default_questionnaire()), load_factors(factors) if factors else None


@click.group("export")
def export() -> None:
    """Export answers into exchange formats (the VSME Digital Template)."""


@export.command("vsme")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="The .xlsx to write (for a folder of responses: the folder for one file per company).",
)
@questionnaire_option
@factors_option
def export_vsme_cmd(source: Path, out: Path, questionnaire: Path | None, factors: Path | None) -> None:
    """Fill EFRAG's VSME Digital Template 1.3.0 with a response (or every response of a folder)."""
    from toolkit.responses import load_response
    from toolkit.scoring.scores import score
    from toolkit.vsme import export_vsme

    qn, table = _load(questionnaire, factors)
    files = sorted(source.glob("*.json")) if source.is_dir() else [source]
    failed: list[tuple[Path, str]] = []
    for f in tqdm(files, unit="company", disable=len(files) == 1, file=sys.stderr):
        try:
            resp = load_response(f, qn)
            target = out / f"{resp.company.id}_vsme.xlsx" if source.is_dir() else out
            result = export_vsme(qn, resp, score(qn, resp, table), target)
        except ToolkitError as exc:  # one company's failure never stops the others
            failed.append((f, str(exc).splitlines()[0]))
            continue
        if not source.is_dir():
            click.echo(f"written: {result.path} ({len(result.written)} datapoints)")
            for what, why in result.not_exported.items():
                click.echo(f"  not exported: {what}: {why}")
    if source.is_dir():
        click.echo(f"written: {len(files) - len(failed)} of {len(files)} templates to {out}")
    for f, why in failed:
        click.echo(f"failed: {f}: {why}", err=True)
    sys.exit(1 if failed else 0)


@click.group("import")
def import_() -> None:
    """Import answers from exchange formats (the VSME Digital Template)."""


@import_.command("vsme")
@click.argument("filled", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The response JSON to write (never overwritten).",
)
@click.option("--network", default=None, help="The network the company belongs to.")
@click.option("--round", "round_", default=None, help="Assessment round (default: the year the period starts).")
@click.option("--company-id", default=None, help="Company id (default: from the file name).")
@questionnaire_option
def import_vsme_cmd(
    filled: Path, out: Path, network: str | None, round_: str | None, company_id: str | None, questionnaire: Path | None
) -> None:
    """Read a filled VSME Digital Template (1.x) into a response; list what could not be imported."""
    from toolkit.responses import save_response
    from toolkit.vsme import import_vsme

    if out.exists():
        click.echo(f"error: {out} exists; choose a new file name so nothing is overwritten", err=True)
        sys.exit(1)
    cid = company_id or re.sub(r"[^A-Za-z0-9._-]+", "-", filled.stem).strip("-._")[:64] or "company"
    qn, _ = _load(questionnaire, None)
    result = import_vsme(filled, qn, cid, round_, network)
    save_response(result.response, out)
    click.echo(f"template version {result.version}: {len(result.imported)} answers imported")
    for what, why in sorted(result.not_imported.items()):
        click.echo(f"  not imported: {what}: {why}")
    click.echo(f"written: {out}")
