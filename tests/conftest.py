"""Shared fixtures: paths to the shipped questionnaire and the example responses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRE = ROOT / "questionnaires" / "dnk-sme-2026.yaml"
EXAMPLES = ROOT / "questionnaires" / "examples"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def qn():
    from toolkit.definitions.loader import load_questionnaire

    return load_questionnaire(QUESTIONNAIRE)


@pytest.fixture
def example_copy(tmp_path: Path):
    """Copy an example response into a temp folder, so a test may modify it."""

    def _copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copy(EXAMPLES / name, target)
        return target

    return _copy


@pytest.fixture
def micro(tmp_path: Path) -> Path:
    """The joinery example copied into a temp folder, under the name the form tests save to."""
    target = tmp_path / "example-joinery.json"
    shutil.copy(EXAMPLES / "micro-craft-firm.json", target)
    return target


@pytest.fixture
def form(micro: Path, qn):
    """The assessment form on the joinery copy (a test module may define its own ``form``)."""
    from toolkit.form import AssessmentForm

    return AssessmentForm(micro, qn)
