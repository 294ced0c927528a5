"""Options shared by several ``toolkit`` commands, defined once so they read and behave the same everywhere."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

import click

from toolkit.cli.handler import remember_json
from toolkit.i18n import DEFAULT_LANG, LANGS

questionnaire_option = click.option(
    "-q",
    "--questionnaire",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Questionnaire YAML (default: the shipped DNK questionnaire).",
)
factors_option = click.option(
    "--factors",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Your own emission-factor table (YAML, same structure as toolkit/data/factors-de-2024.yaml).",
)


def json_option(help_text: str) -> Any:
    """``--json``: results for scripts; errors of the command are then printed as JSON too (on stdout)."""
    return click.option("--json", "as_json", is_flag=True, callback=remember_json, help=help_text)


def out_dir_option(help_text: str, default: str = "reports") -> Any:
    """``--out``: the folder a command writes into (created when missing), passed as ``out_dir``."""
    return click.option(
        "--out",
        "out_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=Path(default),
        show_default=True,
        help=help_text,
    )


lang_option = click.option(
    "--lang", type=click.Choice(LANGS), default=DEFAULT_LANG, show_default=True, help="Language (German by default)."
)


def _missing(item: str) -> bool:
    """Neither a file nor a folder, and not a glob pattern that matches a file."""
    if Path(item).exists():
        return False
    return not (any(ch in item for ch in "*?[") and glob.glob(item, recursive=True))


def existing_inputs(_ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Click callback: every value is an existing file or folder or a pattern that matches files, checked before
    any work starts, so that a typo is a usage error (exit 2) naming the path, not a failed company."""
    items = value if isinstance(value, tuple | list) else (value,)
    missing = [str(v) for v in items if v is not None and _missing(str(v))]
    if missing:
        raise click.BadParameter(
            ", ".join(f"'{m}'" for m in missing) + " does not exist (no such file or folder, and no file matches)",
            param=param,
        )
    return value


cohort_summary_option = click.option(
    "--cohort",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Cohort summary JSON (sme-toolkit-cohort-summary/1, written by 'toolkit cohort') to compare against.",
)
