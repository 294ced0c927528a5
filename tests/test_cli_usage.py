"""The command line as a facilitator meets it (issue 14, item 5): a wrong path is a usage error before any work,
an error names the file that is wrong, ``toolkit score`` explains its marks, the links CSV keeps the input's
separator, ``toolkit report`` says what it is doing."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, QUESTIONNAIRE, ROOT
from toolkit.cli import main
from toolkit.cli.options import existing_inputs

MISSING = "/nonexistent-sme-path"


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), prog_name="toolkit")


# ---- a missing file or folder is a usage error, before any work ------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ["render", MISSING, "--no-progress"],
        ["render", str(EXAMPLES), "--cohort", MISSING + ".json", "--no-progress"],
        ["cohort", MISSING, "--no-pdf"],
        ["cohort-summary", MISSING, "--out", "summary.json"],
        ["score", MISSING + ".json"],
        ["report", MISSING + ".json"],
        ["report", str(EXAMPLES / "manufacturer.json"), "--cohort", MISSING + ".json"],
    ],
    ids=["render", "render --cohort", "cohort", "cohort-summary", "score", "report", "report --cohort"],
)
def test_a_missing_path_is_a_usage_error_before_any_work(tmp_path: Path, args: list[str]) -> None:
    out = tmp_path / "out"
    if "--out" not in args:
        args = [*args, "--out", str(out)] if args[0] != "score" else args
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Usage: toolkit" in result.output and MISSING in result.output
    assert "does not exist" in result.output
    assert not out.exists()  # nothing was started: no manifest, no folder


def test_a_pattern_or_folder_that_exists_passes_and_one_that_matches_nothing_does_not(tmp_path: Path) -> None:
    param = click.Argument(["inputs"], nargs=-1)
    pattern = str(EXAMPLES / "*.json")
    assert existing_inputs(None, param, (pattern, str(EXAMPLES))) == (pattern, str(EXAMPLES))  # type: ignore[arg-type]
    with pytest.raises(click.BadParameter, match=r"nothing-\*\.json"):
        existing_inputs(None, param, (str(tmp_path / "nothing-*.json"),))  # type: ignore[arg-type]


# ---- errors name the file that is wrong ---------------------------------------------------------------------------
def test_a_bad_cohort_summary_is_blamed_not_the_company(tmp_path: Path) -> None:
    result = run("report", str(EXAMPLES / "manufacturer.json"), "--out", str(tmp_path), "--cohort",
                 str(ROOT / "README.md"))  # fmt: skip
    assert result.exit_code == 1
    assert "--cohort" in result.output and "README.md" in result.output and "cohort summary" in result.output
    assert "example-manufacturer" not in result.output and "load failed" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_is_no_response_says_so_not_truncated() -> None:
    result = run("score", str(ROOT / "README.md"))
    assert result.exit_code == 1
    assert "R026" in result.output and "not a response file" in result.output and "README.md" in result.output
    assert "R016" not in result.output and "truncated" not in result.output


# ---- toolkit score explains its marks ------------------------------------------------------------------------------
@pytest.mark.parametrize(("lang", "legend"), [("de", "* Kerndimension"), ("en", "* Core dimension")])
def test_score_explains_the_star_and_the_columns(lang: str, legend: str) -> None:
    result = run("score", str(EXAMPLES / "manufacturer.json"), "--lang", lang)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    starred = [line for line in lines if line.split("  ")[0].endswith(" *")]
    assert len(starred) == 3  # the three headline dimensions carry the mark ...
    at = next(i for i, line in enumerate(lines) if line.startswith(legend))  # ... and a legend says what it means
    assert at > lines.index(next(line for line in lines if line.startswith(("Gesamt", "Overall"))))
    explained = " ".join(lines[at : at + 3])
    words = {"de": ("Gesamt", "Vollständigkeit", "vorläufig"), "en": ("overall", "completeness", "provisional")}
    assert all(word in explained for word in words[lang])


# ---- workshop-links.csv uses the input's separator ------------------------------------------------------------------
def links_rows(path: Path, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=delimiter))


@pytest.mark.parametrize(("sep", "other"), [(";", ","), (",", ";")])
def test_the_links_csv_keeps_the_companies_files_separator(tmp_path: Path, sep: str, other: str) -> None:
    companies = tmp_path / "firmen.csv"
    companies.write_text(f"company_id{sep}name\na1{sep}Alpha GmbH\nb2{sep}Beta KG\n", encoding="utf-8")
    cohort = tmp_path / "cohort"
    result = run("workshop", str(cohort), "--companies", str(companies), "--setup-only", "-q", str(QUESTIONNAIRE))
    assert result.exit_code == 0, result.output
    rows = links_rows(cohort / "workshop-links.csv", sep)
    assert rows[0] == ["company_id", "name", "link"]  # three columns, as Excel shows them
    assert [r[0] for r in rows[1:]] == ["__facilitator__", "a1", "b2"] and all(len(r) == 3 for r in rows)
    assert other not in (cohort / "workshop-links.csv").read_text(encoding="utf-8").splitlines()[0]


def test_without_a_companies_file_the_links_csv_is_semicolon_separated_and_stays_so(tmp_path: Path) -> None:
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.form.workshop.cohort import create_responses

    cohort = tmp_path / "cohort"
    cohort.mkdir()
    create_responses(cohort, {"a1": "Alpha, Söhne & Co."}, load_questionnaire(QUESTIONNAIRE))
    first = run("workshop", str(cohort), "--setup-only", "-q", str(QUESTIONNAIRE))
    assert first.exit_code == 0, first.output
    rows = links_rows(cohort / "workshop-links.csv", ";")
    assert rows[0] == ["company_id", "name", "link"] and rows[2][:2] == ["a1", "Alpha, Söhne & Co."]
    link = rows[2][2]
    again = run("workshop", str(cohort), "--setup-only", "-q", str(QUESTIONNAIRE))
    assert again.exit_code == 0, again.output
    assert links_rows(cohort / "workshop-links.csv", ";")[2][2] == link  # read back: the link stays valid


# ---- toolkit report says what it is doing ------------------------------------------------------------------------
def test_report_quiet_reports_no_stages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit.report import render as render_module
    from toolkit.report.render import ReportResult

    calls: list[object] = []

    def fake(response: object, out_dir: Path, **kw: object) -> ReportResult:
        calls.append(kw["on_stage"])
        if kw["on_stage"]:
            kw["on_stage"]("load")  # type: ignore[operator]
        pdf = Path(out_dir) / "x.pdf"
        return ReportResult("x", pdf, Path(out_dir) / "x.json", 0.1, {}, None)

    monkeypatch.setattr(render_module, "render_report", fake)
    loud = run("report", str(EXAMPLES / "manufacturer.json"), "--out", str(tmp_path))
    quiet = run("report", str(EXAMPLES / "manufacturer.json"), "--out", str(tmp_path), "--quiet")
    assert loud.exit_code == 0 and quiet.exit_code == 0, loud.output + quiet.output
    assert "[1/7] checking" in loud.output and "[1/7]" not in quiet.output
    assert calls[0] is not None and calls[1] is None


@pytest.mark.slow
def test_report_shows_each_stage_as_it_starts(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "report", str(EXAMPLES / "micro-craft-firm.json"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    stages = [line for line in proc.stderr.splitlines() if line.startswith("[")]
    assert [s.split("]")[0] + "]" for s in stages] == [f"[{i}/7]" for i in range(1, 8)]
    assert "running the report notebook" in proc.stderr and "printing the PDF" in proc.stderr
    assert "written:" in proc.stdout and "[" not in proc.stdout  # stages on stderr, results on stdout
