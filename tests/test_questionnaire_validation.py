"""The questionnaire loader and validator: broken files, malformed YAML, the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.definitions.loader import check_questionnaire, load_questionnaire
from toolkit.errors import Code, QuestionnaireError

from .conftest import DATA, QUESTIONNAIRE

BROKEN = DATA / "questionnaires" / "broken"
MARKER = "# <- defect"

# Each broken file is the small valid questionnaire with one defect; the defect's line carries MARKER.
EXPECTED_CODE = {
    "check_on_unknown_question": Code.Q030,
    "condition_cycle": Code.Q032,
    "condition_gt_on_choice_question": Code.Q033,
    "condition_on_unknown_option": Code.Q031,
    "condition_on_unknown_question": Code.Q030,
    "criterion_out_of_range": Code.Q070,
    "criterion_zero": Code.Q070,
    "duplicate_criterion": Code.Q071,
    "duplicate_option_id": Code.Q020,
    "duplicate_question_id": Code.Q020,
    "duplicate_yaml_key": Code.Q013,
    "exclusive_option_with_points": Code.Q044,
    "invalid_question_id": Code.Q022,
    "languages_english_first": Code.Q082,
    "level_condition_on_a_number": Code.Q033,
    "maturity_with_one_option": Code.Q044,
    "migration_to_unknown_option": Code.Q031,
    "min_greater_than_max": Code.Q051,
    "missing_german_text": Code.Q060,
    "missing_headline_dimension": Code.Q081,
    "multiple_choice_option_without_points": Code.Q046,
    "negative_weight": Code.Q041,
    "option_level_out_of_range": Code.Q040,
    "scale_levels_not_increasing": Code.Q080,
    "scored_option_without_level": Code.Q043,
    "step_with_unknown_effort": Code.Q052,
    "text_question_with_scores": Code.Q044,
    "unit_of_wrong_kind": Code.Q053,
    "unknown_accepted_unit": Code.Q050,
    "unknown_area": Code.Q072,
    "unknown_carrier": Code.Q052,
    "unknown_dimension_in_scores": Code.Q042,
    "unknown_key_in_question": Code.Q011,
    "unknown_profile_field_type": Code.Q023,
    "unknown_question_type": Code.Q021,
    "unknown_size_class": Code.Q052,
    "unknown_unit": Code.Q050,
    "version_not_a_string": Code.Q004,
    "weight_not_a_number": Code.Q041,
    "yes_no_with_wrong_options": Code.Q044,
    "zero_weight": Code.Q041,
}


def test_every_broken_file_has_an_expectation():
    assert sorted(p.stem for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED_CODE)
    assert len(EXPECTED_CODE) >= 25


def test_the_base_of_the_broken_files_is_valid():
    qn, errors, _ = check_questionnaire(DATA / "questionnaires" / "minimal.yaml")
    assert errors == [] and qn is not None


@pytest.mark.parametrize("name", sorted(EXPECTED_CODE))
def test_broken_questionnaire_is_reported_at_the_defect_line(name: str):
    path = BROKEN / f"{name}.yaml"
    defect_line = next(i for i, line in enumerate(path.read_text().splitlines(), 1) if MARKER in line)
    qn, errors, _ = check_questionnaire(path)
    assert qn is None
    assert errors, "a broken file must give at least one error"
    first = errors[0]
    assert first.code == EXPECTED_CODE[name].code, str(first)
    assert first.location.path == str(path)
    assert first.location.line == defect_line, str(first)
    assert first.location.column is not None and first.location.column >= 1
    assert first.fix.strip(), "every error says how to fix it"
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire(path)
    assert info.value.problems[0] == first


def test_unknown_key_and_type_get_did_you_mean():
    _, errors, _ = check_questionnaire(BROKEN / "unknown_key_in_question.yaml")
    assert "Did you mean 'help'?" in errors[0].fix
    _, errors, _ = check_questionnaire(BROKEN / "unknown_question_type.yaml")
    assert "Did you mean 'maturity'?" in errors[0].fix


MALFORMED = {
    "tabs": ('id: x\nversion: "1"\nareas:\n\t- id: strategy\n', 4),
    "unclosed_quote": ('id: x\nversion: "1.0\ntitle: {de: "a"}\n', None),
    "unclosed_bracket": ("id: x\nlanguages: [de, en\ntitle: y\n", None),
    "bad_indentation": ("id: x\nscale:\n  levels:\n   - level: 0\n  - level: 1\n", 5),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_yaml_gives_a_located_error(tmp_path: Path, case: str):
    text, line = MALFORMED[case]
    path = tmp_path / f"{case}.yaml"
    path.write_text(text)
    qn, errors, _ = check_questionnaire(path)
    assert qn is None and len(errors) == 1
    assert errors[0].code == "Q001"
    assert errors[0].location.line is not None
    if line is not None:
        assert errors[0].location.line == line
    if case == "tabs":
        assert "tabs" in errors[0].fix


def test_tab_error_names_the_tab_line(tmp_path: Path):
    path = tmp_path / "tab.yaml"
    path.write_text('id: x\nversion: "1"\nareas:\n\t- id: strategy\n')
    _, errors, _ = check_questionnaire(path)
    assert errors[0].location.line == 4 and "spaces" in errors[0].fix


def test_binary_file_is_rejected_with_a_location(tmp_path: Path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"id: x\n\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    _, errors, _ = check_questionnaire(path)
    assert errors[0].code == "Q003"
    assert errors[0].location.line == 2


def test_nul_bytes_are_rejected(tmp_path: Path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(b'id: x\nversion: "1"\n\x00\x00')
    _, errors, _ = check_questionnaire(path)
    assert errors[0].code == "Q003" and errors[0].location.line == 3


@pytest.mark.parametrize("content", ["", "   \n\n", "# only a comment\n"])
def test_empty_file_is_rejected(tmp_path: Path, content: str):
    path = tmp_path / "empty.yaml"
    path.write_text(content)
    _, errors, _ = check_questionnaire(path)
    assert [e.code for e in errors] == ["Q002"]


def test_top_level_list_is_rejected(tmp_path: Path):
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    _, errors, _ = check_questionnaire(path)
    assert errors[0].code == "Q004" and errors[0].location.line == 1


def test_missing_english_is_a_warning_not_an_error(tmp_path: Path):
    text = (DATA / "questionnaires" / "minimal.yaml").read_text()
    text = text.replace('text: {de: "Dieselverbrauch", en: "Diesel use"}', 'text: {de: "Dieselverbrauch"}')
    path = tmp_path / "no_en.yaml"
    path.write_text(text)
    qn, errors, warnings = check_questionnaire(path)
    assert errors == [] and qn is not None
    assert any(w.code == "W001" and "en_diesel" in w.message for w in warnings)
    assert qn.warnings == tuple(warnings)


def test_cli_validate_ok_and_errors(tmp_path: Path):
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", str(DATA / "questionnaires" / "minimal.yaml")])
    assert ok.exit_code == 0 and "OK" in ok.output
    bad = runner.invoke(main, ["validate", str(BROKEN / "negative_weight.yaml")])
    assert bad.exit_code == 1
    assert "negative_weight.yaml:" in bad.output and "Q041" in bad.output


def test_cli_validate_json(tmp_path: Path):
    runner = CliRunner()
    res = runner.invoke(
        main, ["validate", "--json", str(BROKEN / "unknown_unit.yaml"), str(DATA / "questionnaires" / "minimal.yaml")]
    )
    assert res.exit_code == 1
    doc = json.loads(res.output)
    assert doc["ok"] is False
    first, second = doc["files"]
    marker_line = next(
        i for i, line in enumerate((BROKEN / "unknown_unit.yaml").read_text().splitlines(), 1) if MARKER in line
    )
    assert first["ok"] is False and first["errors"][0]["code"] == "Q050"
    assert first["errors"][0]["line"] == marker_line
    assert second["ok"] is True and second["errors"] == []


def test_cli_validate_never_shows_a_traceback(tmp_path: Path):
    path = tmp_path / "broken.yaml"
    path.write_bytes(b'id: "x\n\t\x00')
    res = CliRunner().invoke(main, ["validate", str(path)])
    assert res.exit_code == 1
    assert ("Traceback" not in res.output and res.exception is None) or isinstance(res.exception, SystemExit)


def test_a_typo_in_the_shipped_questionnaire_is_reported_at_its_line(tmp_path: Path):
    lines = QUESTIONNAIRE.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("type: maturity"))
    lines[index] = lines[index].replace("type: maturity", "type: maturit")
    path = tmp_path / "typo.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["validate", str(path)])
    assert res.exit_code == 1
    assert f"typo.yaml:{index + 1}:" in res.output
    assert "Did you mean 'maturity'?" in res.output


# ---- profile field types ---------------------------------------------------------------------------------------
def _minimal_with(tmp_path: Path, extra: str, name: str = "q.yaml") -> Path:
    """The small valid questionnaire with ``extra`` (top-level YAML) inserted before its areas."""
    text = (DATA / "questionnaires" / "minimal.yaml").read_text()
    path = tmp_path / name
    path.write_text(text.replace("areas:\n", extra + "areas:\n", 1))
    return path


PROFILE = """profile:
  - id: employees
    type: {type}
    unit: persons
    text: {{de: "Beschäftigte", en: "Employees"}}
"""


def test_profile_field_type_gets_did_you_mean(tmp_path: Path):
    _, errors, _ = check_questionnaire(_minimal_with(tmp_path, PROFILE.format(type="numbr")))
    assert [e.code for e in errors] == ["Q023"]
    assert "Did you mean 'number'?" in errors[0].fix and "text, number, single_choice" in errors[0].fix


@pytest.mark.parametrize(("written", "meant"), [("number", "number"), ("numeric", "number"), ("text", "text")])
def test_known_profile_field_types_and_aliases_load(tmp_path: Path, written: str, meant: str):
    qn, errors, _ = check_questionnaire(_minimal_with(tmp_path, PROFILE.format(type=written)))
    assert errors == [] and qn is not None
    assert [(f.id, f.type) for f in qn.profile] == [("employees", meant)]


def test_a_question_type_the_profile_cannot_ask_is_refused(tmp_path: Path):
    _, errors, _ = check_questionnaire(_minimal_with(tmp_path, PROFILE.format(type="maturity")))
    assert [e.code for e in errors] == ["Q023"]


# ---- YAML alias bombs ------------------------------------------------------------------------------------------
def _alias_bomb(levels: int = 9) -> str:
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


# The child caps its own address space: were the bomb expanded, the child would fail, not the machine.
# The child reports its own peak (VmHWM of its own memory map): the rusage of a child also counts the memory of
# the process it was forked from, which in a long test session is far more than the child ever uses.
CAPPED_VALIDATE = """
import atexit, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
def peak():
    with open("/proc/self/status") as fh:
        hwm = next(line for line in fh if line.startswith("VmHWM:"))
    print("peak-kb", hwm.split()[1], flush=True)
atexit.register(peak)
from toolkit.cli import main
main(["validate", sys.argv[1]])
"""


def test_validate_refuses_a_nine_level_alias_bomb_in_little_memory(tmp_path: Path):
    path = _minimal_with(tmp_path, _alias_bomb(9), "bomb.yaml")
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as fo, err.open("wb") as fe:
        proc = subprocess.run([sys.executable, "-c", CAPPED_VALIDATE, str(path)], stdout=fo, stderr=fe)
    stderr = err.read_text()
    assert proc.returncode == 1, stderr
    line = next(i for i, row in enumerate(path.read_text().splitlines(), 1) if row.startswith("lol2:"))
    [error] = stderr.splitlines()
    assert error.startswith(f"{path}:{line}:") and "error Q006" in error and "'*lol1'" in error, error
    [peak] = [int(row.split()[1]) for row in out.read_text().splitlines() if row.startswith("peak-kb ")]
    assert peak < 300 * 1024, f"peak memory {peak} kB"


def test_aliases_repeating_too_much_are_refused(tmp_path: Path):
    big = "big: &big [" + ", ".join(["v"] * 1000) + "]\ncopies: [" + ", ".join(["*big"] * 11) + "]\n"
    _, errors, _ = check_questionnaire(_minimal_with(tmp_path, big))
    assert [e.code for e in errors] == ["Q007"] and "10,000" in errors[0].message
    assert errors[0].location.line == 19 and errors[0].location.column == len("copies: [") + 9 * 6 + 1


def test_an_alias_inside_its_own_anchor_is_refused(tmp_path: Path):
    _, errors, _ = check_questionnaire(_minimal_with(tmp_path, "loop: &x [1, *x]\n"))
    assert [e.code for e in errors] == ["Q008"] and errors[0].location.line == 18


def test_a_plain_alias_still_works(tmp_path: Path):
    text = (DATA / "questionnaires" / "minimal.yaml").read_text()
    title = 'title: {de: "Mini-Check", en: "Mini check"}\n'
    assert text.count(title) == 1
    path = tmp_path / "alias.yaml"
    path.write_text(text.replace(title, title.replace("title: ", "title: &title ") + "description: *title\n"))
    qn, errors, _ = check_questionnaire(path)
    assert errors == [] and qn is not None and qn.description == qn.title
