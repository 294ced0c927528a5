"""Options shared by several ``toolkit`` commands, defined once so they read and behave the same everywhere."""

from __future__ import annotations

from pathlib import Path

import click

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
lang_option = click.option(
    "--lang", type=click.Choice(["de", "en"]), default="de", show_default=True, help="Language (German by default)."
)
