"""The fast lane (`make test-fast`) leaves out tests marked slow or browser; the guard in conftest.py fails a test
that starts a kernel, Chromium, the command line or worker processes without those marks. These tests are not
marked, so each start below is refused before anything runs."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import pytest

from .conftest import _started


@pytest.mark.parametrize(
    ("argv", "marks"),
    [
        ([sys.executable, "-m", "ipykernel_launcher", "-f", "kernel-1.json"], ("slow",)),
        (["/x/site-packages/playwright/driver/node", "/x/cli.js", "run-driver"], ("slow", "browser")),
        (["/usr/bin/chromium", "--headless"], ("slow", "browser")),
        ([sys.executable, "-m", "toolkit", "render", "cohort/"], ("slow",)),
        (["/work/.venv/bin/toolkit", "demo"], ("slow",)),
        ([sys.executable, "-m", "pytest", "--nbval-lax", "cohort.ipynb"], ("slow",)),
        ([sys.executable, "-m", "jupyter", "lab"], ("slow",)),
        (["pdftotext", "-layout", "report.pdf", "-"], None),
        ([sys.executable, "-c", "print(1)"], None),
    ],
)
def test_what_needs_which_marks(argv: list[str], marks: tuple[str, ...] | None) -> None:
    found = _started(argv)
    assert (found[0] if found else None) == marks


def test_an_unmarked_test_cannot_run_the_command_line_in_its_own_process() -> None:
    with pytest.raises(RuntimeError, match=r"runs the command line .* mark it @pytest\.mark\.slow"):
        subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True)


def test_an_unmarked_test_cannot_start_chromium() -> None:
    with pytest.raises(RuntimeError, match=r"starts Chromium: mark it @pytest\.mark\.slow and @pytest\.mark\.browser"):
        subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True)


def test_an_unmarked_test_cannot_start_worker_processes() -> None:
    worker = multiprocessing.get_context("spawn").Process(target=print)
    with pytest.raises(RuntimeError, match=r"starts worker processes .* mark it @pytest\.mark\.slow"):
        worker.start()


@pytest.mark.slow
def test_a_slow_test_may_run_the_command_line() -> None:
    proc = subprocess.run([sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0 and "Usage" in proc.stdout


@pytest.mark.slow
def test_the_browser_mark_is_needed_besides_slow() -> None:
    with pytest.raises(RuntimeError, match=r"mark it @pytest\.mark\.browser"):
        subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True)
