"""Shared fixtures: paths to the shipped questionnaire and the example responses; and the guard that keeps
the fast lane (``make test-fast``: ``-m "not slow and not browser"``) free of kernels, browsers and processes."""

from __future__ import annotations

import multiprocessing.popen_fork
import multiprocessing.popen_forkserver
import multiprocessing.popen_spawn_posix
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
QUESTIONNAIRE = ROOT / "questionnaires" / "dnk-sme-2026.yaml"
EXAMPLES = ROOT / "questionnaires" / "examples"
DATA = Path(__file__).resolve().parent / "data"


def pytest_configure(config: pytest.Config) -> None:
    """Tests that press Ctrl+C on a server or a batch need processes that stop on it. Started in the background
    from a script (``make test &``), pytest ignores SIGINT and every process it starts would inherit that (Python
    then installs no KeyboardInterrupt); a handler here is reset to the default in them."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def qn():
    from toolkit.definitions.loader import load_questionnaire

    return load_questionnaire(QUESTIONNAIRE)


@pytest.fixture(scope="session")
def mini_cohort_run(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """`toolkit cohort --no-pdf` in German on the 28 responses of the disclosure test cohort (tests/
    test_disclosure.py), run once in-process for the modules that read what it wrote (none writes there):
    ``responses`` and ``out`` folders and the command's ``result`` (its output)."""
    from click.testing import CliRunner

    from tests.test_disclosure import MINI, write_cohort
    from toolkit.cli import main

    folder = tmp_path_factory.mktemp("mini-cohort")
    responses = write_cohort(folder / "responses")
    out = folder / "out"
    result = CliRunner().invoke(main, ["cohort", str(responses), "--out", str(out), "--no-pdf", "-q", str(MINI)])
    assert result.exit_code == 0, result.output
    return SimpleNamespace(responses=responses, out=out, result=result)


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


# ---- the fast lane stays fast -----------------------------------------------------------------------------------
# A test that starts a Jupyter kernel, Chromium, the command line in its own process, or worker processes (the
# batch's pool, a Dask cluster) must be marked slow, and one that starts Chromium also browser: `make test-fast`
# leaves those out. Such a test without its marks fails here, saying which mark it lacks. The check sees what
# pytest's own process starts (kernels that papermill or Voila start, Chromium started directly or by Playwright's
# driver, subprocesses, multiprocessing workers); grandchildren of a subprocess are the subprocess's business.
_RUNNING: list[pytest.Item] = []  # the test being set up, run or torn down


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    _RUNNING.append(item)
    try:
        yield
    finally:
        _RUNNING.pop()


def _require(marks: tuple[str, ...], what: str) -> None:
    if not _RUNNING:
        return
    item = _RUNNING[-1]
    missing = [m for m in marks if item.get_closest_marker(m) is None]
    if missing:
        wanted = " and ".join(f"@pytest.mark.{m}" for m in missing)
        raise RuntimeError(f"{item.nodeid} {what}: mark it {wanted} (the fast lane runs without those)")


def _started(args: Any) -> tuple[tuple[str, ...], str] | None:
    """The marks a test needs for starting this command line, and why; None for an ordinary command."""
    argv = [os.fsdecode(a) for a in args] if isinstance(args, list | tuple) else [os.fsdecode(args)]
    if not argv:
        return None
    text = " ".join(argv)
    program = Path(argv[0]).name
    if "ipykernel" in text:
        return ("slow",), "starts a Jupyter kernel"
    if "playwright" in text or program.startswith("chrom"):
        return ("slow", "browser"), "starts Chromium"
    if argv[1:3] == ["-m", "toolkit"] or program == "toolkit":
        return ("slow",), "runs the command line in its own process (or call it in-process with click's CliRunner)"
    if argv[1:3] == ["-m", "pytest"] or program in ("jupyter", "voila") or argv[1:3] == ["-m", "jupyter"]:
        return ("slow",), "starts pytest, Jupyter or Voila in its own process"
    return None


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "subprocess.Popen" and _RUNNING:
        needed = _started(args[1] if args[1] is not None else args[0])
        if needed:
            _require(*needed)


sys.addaudithook(_audit)


def _guard_launch(popen_class: Any) -> None:
    launch = popen_class._launch

    def _launch(self: Any, process_obj: Any) -> Any:
        _require(("slow",), "starts worker processes (the batch's worker pool or a Dask cluster)")
        return launch(self, process_obj)

    popen_class._launch = _launch


for _popen in (
    multiprocessing.popen_fork.Popen,
    multiprocessing.popen_forkserver.Popen,
    multiprocessing.popen_spawn_posix.Popen,
):
    _guard_launch(_popen)
