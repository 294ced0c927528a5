"""``toolkit validate``: check questionnaire files and say where each problem is and how to fix it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from toolkit.cli.options import json_option


@click.command("validate")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@json_option("Print the result as JSON for scripts.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(files: tuple[Path, ...], as_json: bool, strict: bool) -> None:
    """Check questionnaire files; prints OK or every error located at file:line:column with a fix."""
    from toolkit.definitions.loader import check_questionnaire
    from toolkit.definitions.paths import default_questionnaire

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
