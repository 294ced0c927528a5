"""The one error handler of the command line, and the ``--verbose`` diagnostics.

Every command raises :class:`~toolkit.errors.ToolkitError` for invalid input; :class:`ToolkitGroup` turns it
into the same output everywhere: one line per located problem on stderr (``file:line:column: error CODE: what.
fix``), or ``error: <message>`` for an error without located problems, or the JSON document
``{"ok": false, "errors": [...]}`` on stdout when the command was given ``--json``; exit code 1. Ctrl+C ends
with exit code 130 and a short message (a command may say more, e.g. what was kept).
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any, TextIO

import click

from toolkit.errors import ToolkitError

JSON_OUTPUT = "toolkit.json_output"  # ctx.meta key: the command prints its results (and errors) as JSON
INTERRUPTED = "toolkit.interrupted"  # ctx.meta key: what Ctrl+C leaves behind, said when it comes
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"

log = logging.getLogger(__name__)


def report_error(exc: ToolkitError, as_json: bool = False) -> None:
    """Print ``exc`` the way every command does: located problems, or ``error: ...``, or JSON."""
    problems = getattr(exc, "problems", None)
    if as_json:
        errors = [p.to_dict() for p in problems] if problems else [str(exc)]
        click.echo(json.dumps({"ok": False, "errors": errors}, indent=2, ensure_ascii=False))
    elif problems:
        for p in problems:
            click.echo(str(p), err=True)
    else:
        click.echo(f"error: {exc}", err=True)


def when_interrupted(message: str) -> None:
    """Say ``message`` instead of the plain 'interrupted' if Ctrl+C comes while the current command runs."""
    click.get_current_context().meta[INTERRUPTED] = message


class ToolkitGroup(click.Group):
    """The top-level ``toolkit`` group: runs a command and handles its errors, once for all commands."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            log.debug("the command failed", exc_info=True)
            report_error(exc, as_json=bool(ctx.meta.get(JSON_OUTPUT)))
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo(ctx.meta.get(INTERRUPTED, "interrupted"), err=True)
            ctx.exit(130)


def remember_json(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    """Click callback of ``--json``: errors of this command are printed as JSON too."""
    if value:
        ctx.meta[JSON_OUTPUT] = True
    return value


class _CliHandler(logging.StreamHandler[TextIO]):
    """The stderr handler ``--verbose`` adds (told apart from handlers an embedding program set up)."""


def start_logging(ctx: click.Context, verbosity: int) -> None:
    """``-v``: the toolkit's diagnostics (stages and their timings, start-ups, skipped files) on stderr at INFO;
    ``-vv``: DEBUG too. Without it nothing is logged and the output is unchanged. Removed when the command ends,
    so that a program running several commands in one process does not collect handlers."""
    if verbosity <= 0:
        return
    logger = logging.getLogger("toolkit")
    handler = _CliHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(LOG_FORMAT, "%H:%M:%S"))
    before = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbosity == 1 else logging.DEBUG)

    def stop() -> None:
        logger.removeHandler(handler)
        logger.setLevel(before)

    ctx.call_on_close(stop)
