"""The ``toolkit`` command line: thin subcommands over the Python API.

Exit codes: 0 success; 1 invalid input (questionnaire or response errors) or some companies failed;
2 usage error (click's own).
"""

from __future__ import annotations

import json
import math
import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from toolkit import __version__
from toolkit.cli.options import factors_option, lang_option, questionnaire_option
from toolkit.definitions.paths import default_questionnaire
from toolkit.errors import ToolkitError


def _fail(exc: ToolkitError, as_json: bool = False) -> None:
    problems = getattr(exc, "problems", None)
    if as_json:
        click.echo(
            json.dumps(
                {"ok": False, "errors": [p.to_dict() for p in problems] if problems else [str(exc)]},
                indent=2,
                ensure_ascii=False,
            )
        )
    elif problems:
        for p in problems:
            click.echo(str(p), err=True)
    else:
        click.echo(f"error: {exc}", err=True)
    sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="toolkit")
def main() -> None:
    """SME sustainability self-assessment: questionnaires, scoring, reports and cohorts."""


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON for scripts.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(files: tuple[Path, ...], as_json: bool, strict: bool) -> None:
    """Check questionnaire files; prints OK or every error located at file:line:column with a fix."""
    from toolkit.definitions.loader import check_questionnaire

    files = files or (default_questionnaire(),)
    results = []
    failed = False
    for f in files:
        qn, errors, warnings = check_questionnaire(f)
        bad = bool(errors) or (strict and bool(warnings))
        failed = failed or bad
        results.append(
            {
                "file": str(f),
                "ok": not bad,
                "errors": [p.to_dict() for p in errors],
                "warnings": [p.to_dict() for p in warnings],
                "questions": len(qn.questions) if qn else None,
            }
        )
        if not as_json:
            for p in errors + warnings:
                click.echo(str(p), err=True)
            if not errors:
                extra = f", {len(warnings)} warning(s)" if warnings else ""
                click.echo(f"{f}: OK ({len(qn.questions) if qn else 0} questions{extra})")
            else:
                click.echo(f"{f}: {len(errors)} error(s), {len(warnings)} warning(s)")
    if as_json:
        click.echo(json.dumps({"ok": not failed, "files": results}, indent=2, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("response", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@questionnaire_option
@factors_option
@click.option("--json", "as_json", is_flag=True, help="Print the full scorecard as JSON.")
@lang_option
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge overdue actions as of this date (YYYY-MM-DD; default: today).",
)
def score(
    response: Path, questionnaire: Path | None, factors: Path | None, as_json: bool, lang: str, as_of: Any
) -> None:
    """Score a response: levels, scores, completeness, KPIs, the top next steps, goals and actions."""
    from toolkit.definitions.factors import load_factors
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.responses import load_response
    from toolkit.scoring.scores import score as score_response
    from toolkit.views.scorecard_text import scorecard_text

    try:
        qn = load_questionnaire(questionnaire or default_questionnaire())
        resp = load_response(response, qn)
        card = score_response(qn, resp, load_factors(factors) if factors else None)
    except ToolkitError as exc:
        _fail(exc, as_json)
        return
    from toolkit.scoring.plans import evaluate_plan
    from toolkit.views.plan_text import plan_lines

    plan = evaluate_plan(qn, resp, card, as_of.date() if as_of else date.today())
    if as_json:
        from toolkit.vsme import vsme_completeness

        doc = {**card.to_dict(), "vsme_basic": vsme_completeness(qn, resp).to_dict(), "plan": plan.to_dict()}
        click.echo(json.dumps(_finite(doc), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        click.echo("\n".join([scorecard_text(card, lang), *plan_lines(plan, qn, lang)]))


def _finite(value: object) -> object:
    """``value`` with every non-finite number as null: strict JSON has no Infinity or NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value


@main.command()
@click.argument("kind", type=click.Choice(["response"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of a document type."""
    from toolkit.responses import response_schema

    click.echo(json.dumps(response_schema(), indent=2, ensure_ascii=False))


@main.command()
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
    from toolkit.responses import migrate_response, save_response

    try:
        qn = load_questionnaire(questionnaire or default_questionnaire())
        resp, report = migrate_response(response, qn)
        if out.exists():
            raise click.UsageError(f"{out} exists; choose a new file name so nothing is overwritten")
        save_response(resp, out)
    except ToolkitError as exc:
        _fail(exc)
        return
    for line in report.lines():
        click.echo(line)
    click.echo(f"written: {out}")


from toolkit.cli.workshop import workshop as _workshop  # noqa: E402

main.add_command(_workshop)

from toolkit.cli.report import report as _report  # noqa: E402

main.add_command(_report)

from toolkit.cli.cohort import cohort as _cohort  # noqa: E402
from toolkit.cli.cohort import cohort_summary as _cohort_summary  # noqa: E402
from toolkit.cli.demo import demo as _demo  # noqa: E402

main.add_command(_cohort)
main.add_command(_cohort_summary)
main.add_command(_demo)

from toolkit.cli.render import render as _render  # noqa: E402

main.add_command(_render)

from toolkit.cli.plan import carry_over as _carry_over  # noqa: E402

main.add_command(_carry_over)

from toolkit.cli.vsme import export as _export  # noqa: E402
from toolkit.cli.vsme import import_ as _import  # noqa: E402

main.add_command(_export)
main.add_command(_import)

if __name__ == "__main__":  # pragma: no cover
    main()
