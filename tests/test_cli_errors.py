"""One error handler for every command, and ``toolkit --verbose`` diagnostics that never show personal data."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import toolkit.cli
from tests.conftest import DATA, EXAMPLES, QUESTIONNAIRE, ROOT
from toolkit.cli import main

BROKEN_QN = DATA / "questionnaires" / "broken" / "duplicate_question_id.yaml"
LOG_LINE = re.compile(r"^\d\d:\d\d:\d\d (INFO|DEBUG)\s+toolkit\.", re.M)
NAMES = ("Beispiel Metallbearbeitung", "Tischlerei Beispiel", "Beispiel IT-Services")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), prog_name="toolkit")


def test_the_package_exposes_only_main() -> None:
    assert toolkit.cli.__all__ == ["main"]


# ---- one handler: every command reports a ToolkitError the same way ------------------------------------------------
def _commands_with_the_broken_questionnaire(tmp_path: Path) -> dict[str, list[str]]:
    response = str(EXAMPLES / "manufacturer.json")
    q = ["-q", str(BROKEN_QN)]
    return {
        "score": ["score", response, *q],
        "migrate": ["migrate", response, "--to", str(BROKEN_QN), "--out", str(tmp_path / "m.json")],
        "carry-over": ["carry-over", response, "--round", "2027", "--out", str(tmp_path / "c.json"), *q],
        "export vsme": ["export", "vsme", response, "--out", str(tmp_path / "v.xlsx"), *q],
        "import vsme": ["import", "vsme", response, "--out", str(tmp_path / "i.json"), *q],
        "cohort-summary": ["cohort-summary", str(EXAMPLES), "--out", str(tmp_path / "s.json"), *q],
    }


def test_every_command_reports_the_same_problem_the_same_way(tmp_path: Path) -> None:
    outputs = {}
    for name, args in _commands_with_the_broken_questionnaire(tmp_path).items():
        result = run(*args)
        assert result.exit_code == 1, (name, result.output)
        assert result.stdout == "", (name, result.stdout)
        outputs[name] = result.stderr
    first = outputs["score"]
    assert re.match(rf"^{re.escape(str(BROKEN_QN))}:\d+:\d+: error Q020: duplicate question id", first), first
    assert all(out == first for out in outputs.values()), outputs
    assert list(tmp_path.iterdir()) == [], "nothing is written when the input is invalid"


def test_with_json_the_error_is_a_json_document_on_stdout() -> None:
    result = run("score", str(ROOT / "README.md"), "--json")
    assert result.exit_code == 1 and result.stderr == ""
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["errors"][0]["code"] == "R026"
    assert doc["errors"][0]["path"].endswith("README.md") and doc["errors"][0]["fix"]


def test_an_error_without_located_problems_is_one_line() -> None:
    result = run("cohort-summary", str(EXAMPLES), "--out", "x.json", "--min-group-size", "1")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1


def test_ctrl_c_ends_any_command_with_130_and_a_short_message(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("toolkit.definitions.loader.load_questionnaire", interrupted)
    result = run("score", str(EXAMPLES / "manufacturer.json"))
    assert result.exit_code == 130 and result.stderr == "interrupted\n"


def test_a_command_may_say_what_ctrl_c_leaves_behind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("toolkit.batch.render_batch", interrupted)
    result = run("render", str(EXAMPLES), "--out", str(tmp_path))
    assert result.exit_code == 130
    assert result.stderr.startswith("interrupted: finished reports are kept and listed in")


def test_usage_errors_stay_clicks_own() -> None:
    result = run("score")
    assert result.exit_code == 2 and "Usage: toolkit score" in result.output


# ---- --verbose: diagnostics on stderr, never personal data -----------------------------------------------------------
def test_verbose_logs_files_read_and_skipped_but_no_names(tmp_path: Path) -> None:
    cohort = tmp_path / "cohort"
    shutil.copytree(EXAMPLES, cohort)
    (cohort / "broken.json").write_text('{"format": ', encoding="utf-8")
    quiet = run("cohort-summary", str(cohort), "--out", str(tmp_path / "a.json"))
    loud = run("-v", "cohort-summary", str(cohort), "--out", str(tmp_path / "b.json"))
    assert quiet.exit_code == loud.exit_code == 1  # a skipped file still fails the command, as before
    assert not LOG_LINE.search(quiet.stderr), "without --verbose nothing is logged"
    logs = LOG_LINE.findall(loud.stderr)
    assert logs, loud.stderr
    assert re.search(r"skipped \S*broken\.json: R016\n", loud.stderr), loud.stderr
    assert re.search(r"read and scored 3 response\(s\) in \d+\.\d\d s, skipped 1", loud.stderr)
    assert quiet.stdout.replace("a.json", "b.json") == loud.stdout, "the results are unchanged"
    log_lines = [line for line in loud.stderr.splitlines() if LOG_LINE.match(line)]
    assert not [line for line in log_lines if any(name in line for name in NAMES)]


def test_verbose_ends_with_the_command(tmp_path: Path) -> None:
    """A program running commands one after another does not collect log handlers."""
    import logging

    logger = logging.getLogger("toolkit")
    before = list(logger.handlers), logger.level
    run("-v", "cohort-summary", str(EXAMPLES), "--out", str(tmp_path / "s.json"))
    assert (list(logger.handlers), logger.level) == before


@pytest.mark.slow
@pytest.mark.browser
def test_verbose_report_logs_each_stage_with_its_time_and_no_personal_data(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "-v", "report", str(EXAMPLES / "manufacturer.json"), "--out", str(tmp_path),
         "-q", str(QUESTIONNAIRE), "--quiet"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    for stage in ("load", "browser", "parameters", "execute", "export", "pdf", "write"):
        assert re.search(rf"example-manufacturer: {stage} took \d+\.\d\d s", proc.stderr), (stage, proc.stderr)
    assert re.search(r"Chromium started in \d+\.\d\d s", proc.stderr)
    assert "written:" in proc.stdout and not LOG_LINE.search(proc.stdout), "logs go to stderr only"
    doc = json.loads((EXAMPLES / "manufacturer.json").read_text(encoding="utf-8"))
    texts = [str(a.get("value")) for a in doc["answers"].values() if isinstance(a.get("value"), str)]
    secrets = [doc["company"]["name"], *[t for t in texts if len(t) > 12]]
    log_lines = [line for line in proc.stderr.splitlines() if LOG_LINE.match(line)]
    assert not [line for line in log_lines if any(s in line for s in secrets)]
