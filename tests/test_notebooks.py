"""Every notebook runs with its defaults on a fresh clone (issue 14, item 6): stock ``pytest --nbval-lax notebooks/``
in a copy of the project without ``reports/demo`` (what ``make demo`` would have written)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_stock_nbval_passes_on_a_fresh_clone(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    clone.mkdir()
    for name in ("notebooks", "questionnaires"):
        shutil.copytree(ROOT / name, clone / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", clone / "pyproject.toml")
    (clone / "reports").mkdir()
    (clone / "reports" / ".gitkeep").touch()
    notebooks = sorted(p.name for p in (clone / "notebooks").glob("*.ipynb"))
    assert {"assessment.ipynb", "cohort.ipynb", "cohort_report.ipynb", "report.ipynb"} <= set(notebooks)
    shipped = {name: (clone / "notebooks" / name).read_bytes() for name in notebooks}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "notebooks/", "-p", "no:cacheprovider", "-q"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout and "error" not in proc.stdout.lower()
    for name in notebooks:  # nbval runs them in memory: the files stay as shipped
        assert (clone / "notebooks" / name).read_bytes() == shipped[name], name
    assert not (clone / "reports" / "responses").exists()  # the participants' notebook created no company
