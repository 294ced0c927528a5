"""Response documents: loading with located errors, atomic saves, revisions, migration, schema."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.errors import ResponseError, StaleRevisionError
from toolkit.loader import load_questionnaire
from toolkit.responses import (
    Answer,
    load_response,
    migrate_response,
    response_schema,
    save_response,
    size_class,
)

from .conftest import DATA, EXAMPLES

MINI = DATA / "questionnaires" / "minimal.yaml"
MINI_RESPONSE = DATA / "mini-response.json"


@pytest.fixture
def mini():
    return load_questionnaire(MINI)


@pytest.fixture
def doc() -> dict:
    return json.loads(MINI_RESPONSE.read_text())


def write(tmp_path: Path, data: dict | str | bytes, name: str = "r.json") -> Path:
    path = tmp_path / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    elif isinstance(data, str):
        path.write_text(data)
    else:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return path


def test_valid_response_loads(mini):
    resp = load_response(MINI_RESPONSE, mini)
    assert resp.company.id == "mini-co" and resp.revision == 3
    assert resp.answers["en_diesel"].value == 1200 and resp.answers["en_diesel"].unit == "l"
    assert resp.answers["vc_criteria"].value == ["environment", "regional"]
    assert resp.company.size_class == "small"


def _bad(mini, tmp_path, data, *codes_and_texts):
    path = write(tmp_path, data)
    before = path.read_bytes()
    with pytest.raises(ResponseError) as info:
        load_response(path, mini)
    assert path.read_bytes() == before, "a rejected file is never modified"
    problem = info.value.problems[0]
    code, text = codes_and_texts
    assert problem.code == code, str(problem)
    assert text in str(problem)
    assert problem.fix
    return problem


def test_unknown_question_id(mini, doc, tmp_path):
    doc["answers"]["en_meterin"] = {"value": "monthly"}
    p = _bad(mini, tmp_path, doc, "R010", "Did you mean 'en_metering'?")
    lines = (tmp_path / "r.json").read_text().splitlines()
    assert '"en_meterin"' in lines[p.location.line - 1], "the error points at the answer's line"


def test_option_not_in_list(mini, doc, tmp_path):
    doc["answers"]["en_metering"]["value"] = "weekly"
    _bad(mini, tmp_path, doc, "R011", "'weekly' is not an option of question 'en_metering'")


def test_negative_number(mini, doc, tmp_path):
    doc["answers"]["en_diesel"]["value"] = -5
    _bad(mini, tmp_path, doc, "R012", "-5 l is out of range for 'en_diesel'")


def test_absurd_number(mini, doc, tmp_path):
    doc["answers"]["en_diesel"]["value"] = 5e9
    _bad(mini, tmp_path, doc, "R012", "out of range for 'en_diesel' (0 to 1,000,000 l)")


def test_wrong_unit(mini, doc, tmp_path):
    doc["answers"]["en_diesel"]["unit"] = "kWh"
    _bad(mini, tmp_path, doc, "R013", "the unit 'kWh' is not accepted for 'en_diesel'")


def test_number_given_as_text(mini, doc, tmp_path):
    doc["answers"]["en_diesel"]["value"] = "1200"
    _bad(mini, tmp_path, doc, "R014", "must be a number")


def test_wrong_questionnaire_version(mini, doc, tmp_path):
    doc["questionnaire"]["version"] = "0.9"
    p = _bad(mini, tmp_path, doc, "R004", "version 0.9 of 'mini', the questionnaire is version 1.0")
    assert "toolkit migrate" in p.fix


def test_wrong_questionnaire(mini, doc, tmp_path):
    doc["questionnaire"]["id"] = "other"
    _bad(mini, tmp_path, doc, "R003", "'other', not 'mini'")


def test_truncated_file(mini, tmp_path):
    text = MINI_RESPONSE.read_text()
    _bad(mini, tmp_path, text[: len(text) // 2], "R016", "empty or truncated")


def test_invalid_json_is_located(mini, tmp_path):
    text = MINI_RESPONSE.read_text().replace('"round": "2026",', '"round": 2026,,')
    p = _bad(mini, tmp_path, text, "R001", "not valid JSON")
    assert p.location.line == 4


def test_empty_and_binary_files(mini, tmp_path):
    _bad(mini, tmp_path, b"", "R016", "empty")
    _bad(mini, tmp_path, b"\x89PNG\r\n\x1a\n\xff\xfe\x00", "R001", "not UTF-8")


def test_not_applicable_where_not_allowed(mini, doc, tmp_path):
    doc["answers"]["en_metering"] = {"not_applicable": True}
    _bad(mini, tmp_path, doc, "R002", "cannot be answered 'not applicable'")


@pytest.mark.parametrize("cid", ["../../etc/passwd", "a/b", "<script>", "", "x" * 65, "ümlaut", "abc\n", "a b"])
def test_hostile_company_ids_are_rejected(mini, doc, tmp_path, cid):
    doc["company"]["id"] = cid
    _bad(mini, tmp_path, doc, "R017", "company field 'id'")


def test_hostile_company_name_is_kept_verbatim(mini, doc, tmp_path):
    name = '<script>alert(1)</script> "Müller & Söhne" ../../etc ' + "Ωμέγα 北京 " * 20
    doc["company"]["name"] = name
    resp = load_response(write(tmp_path, doc), mini)
    assert resp.company.name == name


def test_explain_needs_text(tmp_path, qn):
    q = next(q for q in qn.iter_questions() if q.type == "comply_explain")
    data = json.loads((EXAMPLES / "manufacturer.json").read_text())
    data["answers"] = {q.id: {"value": "explain"}}
    path = write(tmp_path, data)
    before = path.read_bytes()
    with pytest.raises(ResponseError) as info:
        load_response(path, qn)
    assert info.value.problems[0].code == "R015"
    assert path.read_bytes() == before


def test_all_problems_are_reported_at_once(mini, doc, tmp_path):
    doc["answers"]["en_metering"]["value"] = "weekly"
    doc["answers"]["en_diesel"]["unit"] = "kWh"
    path = write(tmp_path, doc)
    with pytest.raises(ResponseError) as info:
        load_response(path, mini)
    assert sorted(p.code for p in info.value.problems) == ["R011", "R013"]


# ---- saving ----------------------------------------------------------------------------------------------------
def test_save_bumps_revision_and_round_trips(mini, tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(MINI_RESPONSE.read_bytes())
    resp = load_response(path, mini)
    resp.set_answer("en_metering", Answer(value="submetered"))
    assert save_response(resp) == 4
    again = load_response(path, mini)
    assert again.revision == 4 and again.answers["en_metering"].value == "submetered"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_stale_copy_is_refused_and_nothing_is_lost(mini, tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(MINI_RESPONSE.read_bytes())
    tab1 = load_response(path, mini)
    tab2 = load_response(path, mini)
    tab1.set_answer("en_metering", Answer(value="submetered"))
    save_response(tab1)
    on_disk = path.read_bytes()
    tab2.set_answer("en_metering", Answer(value="bills"))
    with pytest.raises(StaleRevisionError) as info:
        save_response(tab2)
    assert info.value.problems[0].code == "R020"
    assert "Reload" in info.value.problems[0].fix
    assert path.read_bytes() == on_disk


def test_interrupted_save_leaves_the_old_file(mini, tmp_path, monkeypatch):
    path = tmp_path / "r.json"
    path.write_bytes(MINI_RESPONSE.read_bytes())
    before = path.read_bytes()
    resp = load_response(path, mini)
    resp.set_answer("en_metering", Answer(value="submetered"))

    def crash(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        save_response(resp)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


SAVER = """
import sys
from toolkit.loader import load_questionnaire
from toolkit.responses import Answer, load_response, save_response
qn = load_questionnaire(sys.argv[1])
print("ready", flush=True)
i = 0
while True:
    resp = load_response(sys.argv[2], qn)
    resp.set_answer("en_diesel", Answer(value=float(i % 1000), unit="l"))
    resp.answers["vc_supplier_code"].note = "x" * (i % 5000)
    save_response(resp)
    i += 1
"""


def test_killed_process_mid_save_never_corrupts_the_file(mini, tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(MINI_RESPONSE.read_bytes())
    for _ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(MINI), str(path)], stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(0.4)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        resp = load_response(path, mini)  # raises if the file were half-written
        assert resp.revision > 3


# ---- size classes ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("employees", "turnover", "balance", "expected"),
    [
        (6, 650_000, 310_000, "micro"),
        (12, 800_000, 400_000, "micro"),  # employees over 10, but two of three within the micro limits
        (12, 1_500_000, 400_000, "small"),
        (180, 32_000_000, 21_000_000, "medium"),
        (300, 60_000_000, 30_000_000, "large"),
        (40, None, None, "small"),
        (None, None, None, None),
    ],
)
def test_vsme_size_classes(employees, turnover, balance, expected):
    assert size_class(employees, turnover, balance) == expected


# ---- migration -------------------------------------------------------------------------------------------------
def test_migration_keeps_unchanged_answers_and_reports_dropped(mini, tmp_path):
    text = MINI.read_text()
    text = text.replace('version: "1.0"', 'version: "1.1"')
    # version 1.1 drops the supplier-code question and the 'monthly' option of en_metering
    start = text.index("          - id: vc_supplier_code")
    end = text.index("          - id: vc_criteria")
    text = text[:start] + text[end:]
    text = text.replace("""              - id: monthly
                level: 2
                label: {de: "Monatliche Zählerstände", en: "Monthly meter readings"}
                next_step: {de: "Unterzähler einbauen", en: "Install sub-meters"}
""", "")
    newer = tmp_path / "mini-1.1.yaml"
    newer.write_text(text)
    qn2 = load_questionnaire(newer)
    source = tmp_path / "old.json"
    source.write_bytes(MINI_RESPONSE.read_bytes())
    before = source.read_bytes()
    with pytest.raises(ResponseError):
        load_response(source, qn2)
    resp, report = migrate_response(source, qn2)
    assert source.read_bytes() == before
    assert resp.questionnaire_version == "1.1"
    assert sorted(report.kept) == ["en_diesel", "en_has_vehicles", "vc_criteria"]
    assert list(report.dropped) == ["vc_supplier_code"]
    assert report.dropped["vc_supplier_code"]["note"] == "Kodex ist in Arbeit"
    assert "en_metering" in report.invalid and "monthly" in report.invalid["en_metering"]
    out = tmp_path / "migrated.json"
    save_response(resp, out)
    assert load_response(out, qn2).answers["en_diesel"].value == 1200


def test_cli_migrate_refuses_to_overwrite(mini, tmp_path):
    out = tmp_path / "exists.json"
    out.write_text("{}")
    res = CliRunner().invoke(main, ["migrate", str(MINI_RESPONSE), "--to", str(MINI), "--out", str(out)])
    assert res.exit_code != 0 and out.read_text() == "{}"


# ---- schema ----------------------------------------------------------------------------------------------------
def test_schema_command_validates_the_examples():
    res = CliRunner().invoke(main, ["schema", "response"])
    assert res.exit_code == 0
    schema = json.loads(res.output)
    assert schema == response_schema()
    validator = jsonschema.Draft202012Validator(schema)
    for path in [*EXAMPLES.glob("*.json"), MINI_RESPONSE]:
        validator.validate(json.loads(path.read_text()))
    bad = json.loads(MINI_RESPONSE.read_text())
    bad["company"]["id"] = "../etc"
    assert list(validator.iter_errors(bad))
