"""Where the shipped files live: the package's data and templates, the project's questionnaires and notebooks.

Every module that needs one of these paths takes it from here, so moving a folder changes one line.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1]  # the installed ``toolkit`` package
PROJECT = PACKAGE.parent  # the checkout: questionnaires/, notebooks/
DATA = PACKAGE / "data"
TEMPLATES = PACKAGE / "templates"
NOTEBOOKS = PROJECT / "notebooks"
DEFAULT_QUESTIONNAIRE = PROJECT / "questionnaires" / "dnk-sme-2026.yaml"
DEFAULT_FACTORS = DATA / "factors-de-2024.yaml"
VSME_DATA = DATA / "vsme"


def default_questionnaire() -> Path:
    """The questionnaire the commands, the form and the demo use when none is given."""
    return DEFAULT_QUESTIONNAIRE
