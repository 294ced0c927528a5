"""The error catalogue: every code names one problem, is raised somewhere, and is documented."""

from __future__ import annotations

import pickle
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from toolkit.errors import Code, CohortSummaryError, Location, RenderError

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "toolkit").rglob("*.py") if p.name != "errors.py")


def test_every_code_in_the_catalogue_is_raised_somewhere() -> None:
    source = _source()
    unused = [c.name for c in Code if not re.search(rf"\bCode\.{c.name}\b", source)]
    assert unused == [], f"codes nobody raises (use them or retire them): {unused}"


@pytest.mark.parametrize("code", list(Code), ids=lambda c: c.name)
def test_no_message_is_only_a_pass_through(code: Code) -> None:
    """A message says what is wrong in its own words; a template that is nothing but fields ('{detail}') is a
    catch-all that hides which problem it is."""
    assert code.value.code == code.name
    assert PLACEHOLDER.sub("", code.value.what).strip(" :,.()'\"") != "", code.value.what
    assert code.value.fix.strip(), f"{code.name} has no fix text"


def test_every_code_is_listed_in_the_questionnaire_guide() -> None:
    """The guide's table of codes (questionnaires/README.md) lists every code, alone or in a range like R010-R019."""
    guide = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    listed: set[str] = set()
    for a, b in re.findall(r"\b([A-Z]\d{3})(?:\s*-\s*([A-Z]?\d{3}))?\b", guide):
        if b:
            prefix = a[0]
            end = b if b[0].isalpha() else prefix + b
            listed |= {f"{prefix}{n:03d}" for n in range(int(a[1:]), int(end[1:]) + 1)}
        listed.add(a)
    missing = [c.name for c in Code if c.name not in listed]
    assert missing == [], f"codes missing from questionnaires/README.md: {missing}"


def test_a_location_inside_a_document_is_shown_and_kept() -> None:
    loc = Location("summary.json", where="groups[0].n")
    problem = Code.C006.problem(loc, expected="a whole number >= 0", found="-1", example='"n": 12')
    assert str(problem) == (
        'summary.json: groups[0].n: error C006: must be a whole number >= 0, found -1. Write "n": 12.'
    )
    assert problem.to_dict()["where"] == "groups[0].n"
    assert "where" not in Code.R038.problem(Location("a.json")).to_dict()  # unchanged for line-located problems


def test_cohort_summary_errors_are_located_problems_and_survive_pickling() -> None:
    err = CohortSummaryError([Code.C009.problem(Location("s.json", where="groups[1].dimensions.energy"), stat="q3")])
    again = pickle.loads(pickle.dumps(err))
    assert again.where == "groups[1].dimensions.energy" and again.problems[0].code == "C009"
    assert str(again) == str(err)


def test_a_render_error_outside_any_company_says_so() -> None:
    shared = RenderError(None, "pdf", "Chromium did not start")
    assert str(shared) == "pdf failed: Chromium did not start" and shared.company_id is None
    assert str(RenderError("acme", "pdf", "x")) == "acme: pdf failed: x"
    assert pickle.loads(pickle.dumps(shared)).company_id is None


def test_a_shared_failure_is_put_on_the_company_whose_report_needed_it() -> None:
    from toolkit.report.render import _Stages

    stages = _Stages("acme")
    with pytest.raises(RenderError) as info, stages("browser"):
        raise RenderError(None, "pdf", "Chromium did not start")
    assert info.value.company_id == "acme" and str(info.value) == "acme: pdf failed: Chromium did not start"


def test_a_company_field_problem_names_its_place_and_the_form_finds_it_there() -> None:
    from tests.conftest import QUESTIONNAIRE
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.errors import ResponseError
    from toolkit.form.validation import profile_message
    from toolkit.responses import Company, parse_response

    qn = load_questionnaire(QUESTIONNAIRE)
    doc = {
        "questionnaire": {"id": qn.id, "version": qn.version},
        "company": {"id": "acme", "name": "x" * 1001, "region": "y" * 300},
        "answers": {},
    }
    with pytest.raises(ResponseError) as info:
        parse_response(doc, qn, "acme.json")
    assert {p.location.where for p in info.value.problems} == {"company.name", "company.region"}
    # the form asks about one field while another is wrong too: it gets the problem of the field it asked about
    company = Company(id="acme", name="x" * 1001)
    message = profile_message(qn, company, "region", "y" * 300, None, "en")
    assert message is not None and "'region'" in message and "'name'" not in message


def _manufacturer() -> dict:
    import json

    from tests.conftest import EXAMPLES

    return json.loads((EXAMPLES / "manufacturer.json").read_text(encoding="utf-8"))


def _first_answer(doc: dict) -> str:
    return next(iter(doc["answers"]))


@pytest.mark.parametrize(
    ("code", "change"),
    [
        ("R037", lambda d: [d]),
        ("R040", lambda d: {**d, "format": "something-else/9"}),
        ("R041", lambda d: {**d, "answers": []}),
        ("R042", lambda d: {k: v for k, v in d.items() if k != "questionnaire"}),
        ("R043", lambda d: {**d, "answers": {_first_answer(d): {**d["answers"][_first_answer(d)], "valeu": 1}}}),
        ("R047", lambda d: {**d, "revision": -1}),
    ],
)
def test_each_response_problem_has_its_own_code(tmp_path: Path, code: str, change: Callable[[dict], object]) -> None:
    import json

    from tests.conftest import QUESTIONNAIRE
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.errors import ResponseError
    from toolkit.responses import load_response

    path = tmp_path / "r.json"
    path.write_text(json.dumps(change(_manufacturer())), encoding="utf-8")
    with pytest.raises(ResponseError) as info:
        load_response(path, load_questionnaire(QUESTIONNAIRE))
    assert code in [p.code for p in info.value.problems], info.value


def test_a_missing_response_file_and_a_round_that_is_not_later_have_their_codes(tmp_path: Path) -> None:
    from tests.conftest import EXAMPLES, QUESTIONNAIRE
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.errors import ResponseError
    from toolkit.responses import load_response
    from toolkit.responses.carryover import carry_over

    qn = load_questionnaire(QUESTIONNAIRE)
    with pytest.raises(ResponseError) as info:
        load_response(tmp_path / "nope.json", qn)
    assert [p.code for p in info.value.problems] == ["R038"]
    prev = load_response(EXAMPLES / "manufacturer.json", qn)
    with pytest.raises(ResponseError) as info:
        carry_over(prev, qn, str(prev.round))
    assert [p.code for p in info.value.problems] == ["R045"]
    assert f"--round {int(str(prev.round)[:4]) + 1}" in info.value.problems[0].fix


@pytest.mark.parametrize(
    ("code", "edit"),
    [
        ("F001", lambda t: t["carriers"].__setitem__("unobtainium", t["carriers"]["diesel"])),
        ("F002", lambda t: t["carriers"].__setitem__("diesel", [1, 2])),
        ("F003", lambda t: t["carriers"]["diesel"]["factor"].__setitem__("value", -1)),
        ("F004", lambda t: t["carriers"]["diesel"]["factor"].__setitem__("per", "furlong")),
        ("F005", lambda t: t["carriers"]["diesel"]["factor"].pop("year")),
        ("F006", lambda t: t["carriers"]["diesel"].__setitem__("energy_per_unit", {"l": 0})),
        ("F007", lambda t: t["carriers"]["natural_gas"].__setitem__("gross_to_net", 3)),
        ("F008", lambda t: t["carriers"]["diesel"].__setitem__("kind", "fule")),
        ("F009", lambda t: t["gwp"]["values"].__setitem__("R410A", "lots")),
        ("F010", lambda t: t.__setitem__("carriers", {})),
    ],
)
def test_each_factor_table_problem_has_its_own_code(tmp_path: Path, code: str, edit: Callable[[dict], object]) -> None:
    import yaml

    from toolkit.definitions.factors import load_factors
    from toolkit.errors import FactorTableError

    table = yaml.safe_load((ROOT / "toolkit" / "data" / "factors-de-2024.yaml").read_text(encoding="utf-8"))
    edit(table)
    path = tmp_path / "own.yaml"
    path.write_text(yaml.safe_dump(table, allow_unicode=True), encoding="utf-8")
    with pytest.raises(FactorTableError) as info:
        load_factors(path)
    assert [p.code for p in info.value.problems] == [code]
    assert info.value.problems[0].location.line is not None, "located at its line"
