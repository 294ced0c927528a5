"""Response documents: loading with located errors, atomic saves, revisions, migration, schema."""

from __future__ import annotations

import fcntl
import json
import math
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.definitions.factors import load_factors
from toolkit.definitions.loader import load_questionnaire
from toolkit.errors import Code, Location, ResponseError, StaleRevisionError
from toolkit.responses import (
    ANSWER_KEYS,
    MAX_RESPONSE_BYTES,
    Answer,
    load_response,
    migrate_response,
    remove_stale_temp_files,
    response_schema,
    save_response,
    size_class,
    value_problem,
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
    _bad(mini, tmp_path, doc, "R044", "cannot be answered 'not applicable'")


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
from toolkit.definitions.loader import load_questionnaire
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
        start = load_response(path, mini).revision
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(MINI), str(path)], stdout=subprocess.PIPE)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        deadline = time.monotonic() + 60
        while load_response(path, mini).revision < start + 3:  # killed in the middle of its saving loop
            assert time.monotonic() < deadline and proc.poll() is None, "the saving process saved nothing"
            time.sleep(0.01)
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
    text = text.replace(
        """              - id: monthly
                level: 2
                label: {de: "Monatliche Zählerstände", en: "Monthly meter readings"}
                next_step: {de: "Unterzähler einbauen", en: "Install sub-meters"}
""",
        "",
    )
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


# ---- hostile input ---------------------------------------------------------------------------------------------
def _mini_text(old: str, new: str) -> str:
    text = MINI_RESPONSE.read_text()
    assert text.count(old) == 1
    return text.replace(old, new)


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# case -> (document text, the code, the text on the line the error must point at)
HOSTILE = {
    "50000_deep": (_mini_text('"Kodex ist in Arbeit"', "[" * 50_000 + "]" * 50_000), "R022", '"vc_supplier_code"'),
    "400_digit_integer": (_mini_text('"value": 1200', '"value": ' + "9" * 400), "R023", '"en_diesel"'),
    "float_overflow": (_mini_text('"value": 1200', '"value": 1e400'), "R023", '"en_diesel"'),
    "nan_literal": (_mini_text('"value": 1200', '"value": NaN'), "R023", '"en_diesel"'),
    "lone_surrogate_in_name": (_mini_text('"Mini GmbH"', '"Mini \\ud800 GmbH"'), "R024", '"Mini \\ud800'),
}


@pytest.mark.parametrize("command", ["score", "score --json", "migrate"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_response_gets_one_located_error_and_exit_1(tmp_path, command, case):
    text, code, marker = HOSTILE[case]
    path = write(tmp_path, text)
    out = tmp_path / "migrated.json"
    args = [*command.split(), str(path), "-q" if command != "migrate" else "--to", str(MINI)]
    if command == "migrate":
        args += ["--out", str(out)]
    res = CliRunner().invoke(main, args)
    assert res.exit_code == 1, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit), repr(res.exception)
    assert "Traceback" not in res.output
    line = _line_of(text, marker)
    if command == "score --json":
        doc = json.loads(res.stdout, parse_constant=lambda c: pytest.fail(f"not strict JSON: {c}"))
        assert doc["ok"] is False and [e["code"] for e in doc["errors"]] == [code]
        assert (doc["errors"][0]["path"], doc["errors"][0]["line"]) == (str(path), line)
        return
    lines = res.stderr.splitlines()
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith(f"{path}:{line}:") and f"error {code}:" in lines[0], lines[0]
    assert not out.exists()


def test_lone_surrogate_is_located_at_its_escape(mini, tmp_path):
    text = HOSTILE["lone_surrogate_in_name"][0]
    p = _bad(mini, tmp_path, text, "R024", "'\\ud800'")
    row = text.splitlines()[p.location.line - 1]
    assert row[p.location.column - 1 :].startswith("\\ud800")


def test_a_lone_surrogate_is_never_written(mini, tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(MINI_RESPONSE.read_bytes())
    before = path.read_bytes()
    resp = load_response(path, mini)
    resp.company.name = "Mini \ud800 GmbH"  # e.g. from a browser's text field
    with pytest.raises(ResponseError) as info:
        save_response(resp)
    assert info.value.problems[0].code == "R024"
    assert path.read_bytes() == before


def test_valid_surrogate_pairs_and_escapes_are_text(mini, doc, tmp_path):
    doc["company"]["name"] = 'Smile \U0001f600 \\ " done'
    text = json.dumps(doc, indent=2)  # ASCII escapes: \ud83d\ude00 is a valid pair
    assert "\\ud83d\\ude00" in text
    assert load_response(write(tmp_path, text), mini).company.name == doc["company"]["name"]


def test_duplicate_top_level_key_names_the_key_and_line(mini, tmp_path):
    text = _mini_text('"round": "2026",', '"round": "2026",\n  "round": "2027",')
    p = _bad(mini, tmp_path, text, "R019", "the key 'round' appears twice")
    assert p.location.line == _line_of(text, '"round": "2027"')
    first = _line_of(text, '"round": "2026"')
    assert f"first at line {first}" in p.message


def test_duplicate_key_inside_an_answer_points_at_the_second(mini, tmp_path):
    text = _mini_text('"value": 1200, "unit": "l"', '"value": 1200,\n      "value": 12, "unit": "l"')
    p = _bad(mini, tmp_path, text, "R019", "the key 'value' appears twice")
    assert p.location.line == _line_of(text, '"value": 12,')
    assert p.location.column == text.splitlines()[p.location.line - 1].index('"value"') + 1


def test_same_key_in_different_objects_is_fine(mini, tmp_path):
    assert load_response(MINI_RESPONSE, mini).answers  # "value" appears in every answer


@pytest.mark.parametrize(
    ("version", "found"),
    [("2026.1", "the number 2026.1"), ("1.0", "the number 1.0"), ("true", "true"), ("null", "nothing")],
)
def test_version_must_be_a_text(mini, tmp_path, version, found):
    text = _mini_text('"version": "1.0"', f'"version": {version}')
    p = _bad(mini, tmp_path, text, "R025", f"must be a text in quotes, found {found}")
    assert p.location.line == _line_of(text, '"version"')
    res = CliRunner().invoke(
        main, ["migrate", str(tmp_path / "r.json"), "--to", str(MINI), "--out", str(tmp_path / "m.json")]
    )
    assert res.exit_code == 1 and "R025" in res.stderr and not (tmp_path / "m.json").exists()


def test_response_over_the_size_limit_is_refused_before_parsing(mini, tmp_path, monkeypatch):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # sparse: 200 MB that take no disk space
        fh.write(MINI_RESPONSE.read_bytes())
        fh.truncate(200 * 1024 * 1024)
    monkeypatch.setattr(json, "loads", lambda *a, **k: pytest.fail("parsed a response over the limit"))
    with pytest.raises(ResponseError) as info:
        load_response(path, mini)
    p = info.value.problems[0]
    assert p.code == "R018" and "200.0 MB" in p.message and f"{MAX_RESPONSE_BYTES / 2**20:.1f} MB" in p.message


def test_the_largest_legitimate_response_fits_the_limit(qn, tmp_path):
    data = json.loads((EXAMPLES / "manufacturer.json").read_text())
    long_text = "€" * 5000  # 3 bytes each in UTF-8
    data["company"]["name"] = "€" * 1000
    answers = data["answers"]
    texts = [k for k in ANSWER_KEYS if k in ("explanation", "note", "evidence")]
    for q in qn.iter_questions():
        a = answers.setdefault(q.id, {"not_applicable": True} if q.not_applicable else {"value": None})
        a.update(dict.fromkeys(texts, long_text))
    path = write(tmp_path, data)
    assert path.stat().st_size < MAX_RESPONSE_BYTES
    try:
        load_response(path, qn)
    except ResponseError as exc:
        assert "R018" not in {p.code for p in exc.problems}
    limit = f"At most {MAX_RESPONSE_BYTES // 2**20} MB"
    assert limit in (Path(__file__).parent.parent / "questionnaires" / "README.md").read_text()


# ---- range checks in every accepted unit -----------------------------------------------------------------------
def _stated_max(message: str, unit: str) -> float:
    return float(re.search(r"to ([\d,.]+) " + re.escape(unit), message).group(1).replace(",", ""))


@pytest.mark.parametrize(
    ("qid", "unit"), [("en_natural_gas", "m3"), ("en_heating_oil", "MWh"), ("en_wood", "t"), ("en_lpg", "kg")]
)
def test_fuel_in_another_unit_is_range_checked_in_the_unit_used(qn, qid, unit):
    q = qn.question(qid)
    carrier = load_factors().carriers[q.carrier]  # the KPIs' own conversion
    max_in_unit = q.max * carrier.kwh(1.0, q.unit) / carrier.kwh(1.0, unit)
    assert value_problem(q, max_in_unit * 0.999, unit) is None
    code, fields = value_problem(q, max_in_unit * 1.01, unit)
    assert code is Code.R012
    message = code.problem(Location("r.json"), **fields).message
    assert f"{unit}, that is 0 to {q.max:,.0f} {q.unit})" in message, message
    assert max_in_unit - 0.01 <= _stated_max(message, unit) <= max_in_unit, message
    code, fields = value_problem(q, 1e300, unit)
    assert code is Code.R012 and "1e+300" in code.problem(Location("r.json"), **fields).message


def test_every_accepted_unit_of_every_number_question_is_range_checked(qn):
    checked = 0
    for q in qn.iter_questions():
        if q.type != "number" or q.max is None:
            continue
        for unit in q.accepted_units:
            code, fields = value_problem(q, 1e300, unit)
            message = code.problem(Location("r.json"), **fields).message
            assert code is Code.R012 and f" {unit}" in message, (q.id, unit)
            stated_max = _stated_max(message, unit)
            assert value_problem(q, stated_max, unit) is None, (q.id, unit, message)
            assert value_problem(q, stated_max * 1.01 + 0.01, unit) is not None, (q.id, unit, message)
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize("value", [1.7e308, 1e300])
def test_score_json_never_emits_infinity(qn, tmp_path, value):
    data = json.loads((EXAMPLES / "manufacturer.json").read_text())
    data["answers"]["en_natural_gas"] = {"value": value, "unit": "m3"}
    path = write(tmp_path, data)
    res = CliRunner().invoke(main, ["score", "--json", str(path)])
    assert res.exit_code == 1
    doc = json.loads(res.stdout, parse_constant=lambda c: pytest.fail(f"not strict JSON: {c}"))
    assert [e["code"] for e in doc["errors"]] == ["R012"]
    res = CliRunner().invoke(main, ["score", "--json", str(EXAMPLES / "manufacturer.json")])
    assert res.exit_code == 0
    json.loads(res.stdout, parse_constant=lambda c: pytest.fail(f"not strict JSON: {c}"))


def test_score_json_prints_a_figure_that_is_not_finite_as_null(monkeypatch):
    import toolkit.scoring.scores

    class Card:
        def to_dict(self):
            return {"kpis": {"total_mwh": math.inf, "lines": [{"t": -math.inf}, {"t": math.nan}, 1.5]}}

    monkeypatch.setattr(toolkit.scoring.scores, "score", lambda *args, **kwargs: Card())
    res = CliRunner().invoke(main, ["score", "--json", str(EXAMPLES / "manufacturer.json")])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout, parse_constant=lambda c: pytest.fail(f"not strict JSON: {c}"))
    assert doc["kpis"] == {"total_mwh": None, "lines": [{"t": None}, {"t": None}, 1.5]}


@pytest.mark.parametrize("fld", ["employees", "turnover"])
def test_company_figures_too_small_to_divide_by_are_refused(mini, doc, tmp_path, fld):
    doc["company"][fld] = 1e-320  # the intensities divide by it
    _bad(mini, tmp_path, doc, "R017", "too small")


# ---- stale temporary files -------------------------------------------------------------------------------------
KILLED_SAVE = """
import os, signal, sys
from toolkit.definitions.loader import load_questionnaire
from toolkit.responses import Answer, load_response, save_response
qn = load_questionnaire(sys.argv[1])
resp = load_response(sys.argv[2], qn)
resp.set_answer("en_metering", Answer(value="submetered"))
os.replace = lambda *args: os.kill(os.getpid(), signal.SIGKILL)  # killed after the copy is written, before rename
save_response(resp)
"""


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_temp_file_of_a_killed_save_is_removed_by_the_next_save(mini, tmp_path):
    path = tmp_path / "r.json"
    path.write_bytes(MINI_RESPONSE.read_bytes())
    proc = subprocess.run([sys.executable, "-c", KILLED_SAVE, str(MINI), str(path)], check=False)
    assert proc.returncode == -signal.SIGKILL
    [left] = _temps(tmp_path)
    assert re.fullmatch(r"\.r\.json\.[a-z0-9_]{8}\.tmp", left)
    assert "submetered" in (tmp_path / left).read_text(), "the killed save left a copy of the answers"
    resp = load_response(path, mini)
    assert resp.answers["en_metering"].value == "monthly"
    save_response(resp)
    assert _temps(tmp_path) == []
    assert load_response(path, mini).revision == 4


def test_only_stale_temp_files_of_responses_are_removed(mini, tmp_path):
    for name in ("r.json", "live.json", "dead.json"):
        (tmp_path / name).write_bytes(MINI_RESPONSE.read_bytes())
        (tmp_path / f".{name}.lock").touch()
    keep = [".live.json.a1b2c3d4.tmp", ".manifest.json.e5f6g7h8.tmp", "notes.tmp", ".r.json.tmp"]
    gone = [".r.json.k1k2k3k4.tmp", ".dead.json.x_y_z_00.tmp", ".dead.json.zzzzzzzz.tmp"]
    for name in keep + gone:
        (tmp_path / name).write_text("{}")
    with open(tmp_path / ".live.json.lock") as held:  # a writer of live.json is mid-save
        fcntl.flock(held, fcntl.LOCK_EX)
        resp = load_response(tmp_path / "r.json", mini)
        save_response(resp)
        assert _temps(tmp_path) == sorted(keep)
    assert sorted(p.name for p in remove_stale_temp_files(tmp_path)) == [".live.json.a1b2c3d4.tmp"]
    assert _temps(tmp_path) == sorted(k for k in keep if not k.startswith(".live"))
