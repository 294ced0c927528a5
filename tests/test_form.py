"""The assessment form, in-process: widgets set programmatically, the response file checked on disk."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import nbformat
import pytest

from tests.conftest import QUESTIONNAIRE, ROOT
from toolkit.definitions.model import Questionnaire, tr
from toolkit.form import FormError, open_form
from toolkit.form.app import AssessmentForm
from toolkit.form.numbers import NotANumber, format_number, parse_number
from toolkit.form.session import read_ui_state, ui_state_path
from toolkit.form.validation import compose_answer
from toolkit.responses import Answer


# ---- finding questions by what they are, so the tests follow the questionnaire --------------------------------
def gate_and_dependent(qn: Questionnaire) -> tuple[str, str]:
    """A yes/no question and a number question shown only when it is answered 'yes'."""
    for q in qn.iter_questions():
        for cond in q.show_if:
            target = qn.question(cond.question)
            if (
                q.type == "number"
                and target
                and target.type == "yes_no"
                and cond.op == "equals"
                and cond.value == "yes"
            ):
                return target.id, q.id
    raise AssertionError("the questionnaire has no yes/no question gating a number question")


def ranged_number(qn: Questionnaire) -> tuple[str, str, str]:
    """A number question with a max and a second accepted unit 1000 times larger: (id, unit, big unit)."""
    for q in qn.iter_questions():
        if q.type == "number" and q.max and not q.show_if and not q.size_classes:
            for big in q.accepted_units:
                if (q.unit, big) in (("kWh", "MWh"), ("kg", "t"), ("EUR", "kEUR")):
                    return q.id, q.unit, big
    raise AssertionError("no number question with a max and a larger unit")


def first_of(qn: Questionnaire, qtype: str) -> str:
    return next(q.id for q in qn.iter_questions() if q.type == qtype and not q.show_if and not q.size_classes)


def size_only(qn: Questionnaire, size: str) -> str:
    return next(
        q.id for q in qn.iter_questions() if q.size_classes and size in q.size_classes and "micro" not in q.size_classes
    )


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


# ---- numbers as typed --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("12.500,5", "de", 12500.5),
        ("12500,5", "de", 12500.5),
        ("12.500", "de", 12500),
        ("1234.5", "de", 1234.5),
        ("12,500.5", "en", 12500.5),
        ("12,500", "en", 12500),
        ("0,75", "en", 0.75),
        (" 3 000 ", "de", 3000),
        ("", "de", None),
    ],
)
def test_numbers_parse_as_participants_type_them(text: str, lang: str, value: float | None) -> None:
    assert parse_number(text, lang) == value


@pytest.mark.parametrize("text", ["zwölf", "1,2,3,4.5.6", "12 kWh", "nan", "inf"])
def test_text_that_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(text, "de")


def test_numbers_round_trip_through_the_field() -> None:
    for value in (0, 7, 12500, 12500.25, 1_000_000):
        for lang in ("de", "en"):
            assert parse_number(format_number(value, lang), lang) == value


# ---- saving --------------------------------------------------------------------------------------------------------
def test_each_widget_type_saves_its_answer_to_disk(form: AssessmentForm, micro: Path, qn: Questionnaire) -> None:
    ladder = first_of(qn, "maturity")
    other = next(o.id for o in qn.questions[ladder].options if o.id != (form.session.answer(ladder) or Answer()).value)
    form.question(ladder).radio.value = other
    assert on_disk(micro)["answers"][ladder]["value"] == other

    multi = first_of(qn, "multiple_choice")
    inp = form.question(multi)
    for cb in inp.checks.values():
        cb.value = False
    first, second = list(inp.checks)[:2]
    inp.checks[first].value = True
    inp.checks[second].value = True
    assert on_disk(micro)["answers"][multi]["value"] == [first, second]

    qid, _unit, big = ranged_number(qn)
    num = form.question(qid)
    num.unit.value = big
    num.number.value = "1,5" if form.lang == "de" else "1.5"
    saved = on_disk(micro)["answers"][qid]
    assert (saved["value"], saved["unit"]) == (1.5, big)

    text_q = first_of(qn, "text")
    form.question(text_q).text.value = "Wir <b>planen</b> & prüfen"
    assert on_disk(micro)["answers"][text_q]["value"] == "Wir <b>planen</b> & prüfen"


def test_note_and_not_applicable_are_saved(form: AssessmentForm, micro: Path, qn: Questionnaire) -> None:
    qid = next(q.id for q in qn.iter_questions() if q.not_applicable and not q.show_if and not q.size_classes)
    inp = form.question(qid)
    inp.na.value = True
    assert on_disk(micro)["answers"][qid]["not_applicable"] is True
    assert "value" not in on_disk(micro)["answers"][qid]
    inp.note_toggle.value = True
    inp.note.value = "Betrifft nur die Werkstatt"
    assert on_disk(micro)["answers"][qid]["note"] == "Betrifft nur die Werkstatt"


def test_cannot_answer_needs_an_explanation_and_is_saved_as_one(
    form: AssessmentForm, micro: Path, qn: Questionnaire
) -> None:
    qid = first_of(qn, "maturity")
    before = on_disk(micro)["answers"].get(qid)
    inp = form.question(qid)
    inp.cannot.value = True
    assert inp.message_text and "begründen" in inp.message_text
    assert on_disk(micro)["answers"].get(qid) == before  # nothing written yet
    inp.explanation.value = "Die Zahlen liegen beim Steuerberater."
    saved = on_disk(micro)["answers"][qid]
    assert saved["explanation"] == "Die Zahlen liegen beim Steuerberater."
    assert "value" not in saved or saved["value"] is None
    assert inp.message_text is None


def test_a_changed_answer_moves_the_progress_and_the_live_scores(form: AssessmentForm, qn: Questionnaire) -> None:
    ladder = first_of(qn, "maturity")
    dims = [d for d in qn.headline_dimensions if d.id in qn.questions[ladder].scores]
    assert dims, "the first ladder question scores no headline dimension"
    inp = form.question(ladder)
    levels = {o.id: o.level for o in qn.questions[ladder].options}
    inp.radio.value = min(levels, key=lambda k: levels[k])
    low = form.session.scorecard().dimension(dims[0].id).score
    inp.radio.value = max(levels, key=lambda k: levels[k])
    high = form.session.scorecard().dimension(dims[0].id).score
    assert high > low
    assert f"<b>{round(high)}</b>" in form.summary.value
    done = form.session.progress().done
    assert f"{done} von" in form.summary.value


# ---- validation: nothing invalid is saved ---------------------------------------------------------------------------
def test_out_of_range_number_is_shown_with_a_message_and_not_saved(
    form: AssessmentForm, micro: Path, qn: Questionnaire
) -> None:
    qid, unit, big = ranged_number(qn)
    q = qn.questions[qid]
    inp = form.question(qid)
    inp.unit.value = unit
    inp.number.value = "100"
    assert on_disk(micro)["answers"][qid]["value"] == 100
    inp.unit.value = big  # 100 in the large unit is still valid, and saved
    assert on_disk(micro)["answers"][qid]["unit"] == big
    revision = on_disk(micro)["revision"]
    too_big = int(q.max / 1000) + 1  # fine in the small unit, too big in the large one
    inp.number.value = format_number(too_big, "de")
    assert inp.message_text is not None and "außerhalb des zulässigen Bereichs" in inp.message_text
    assert "nicht gespeichert" in inp.message.value
    last_valid = on_disk(micro)["answers"][qid]
    assert (last_valid["value"], last_valid["unit"]) == (100, big)  # the last valid value stays on disk
    assert on_disk(micro)["revision"] == revision
    assert inp.number.value == format_number(too_big, "de")  # the invalid entry stays visible
    inp.unit.value = unit  # the same figure in the small unit is valid: saved, message gone
    assert inp.message_text is None
    assert on_disk(micro)["answers"][qid] | {"changed_at": None} == {"value": too_big, "unit": unit, "changed_at": None}


def test_text_in_a_number_field_is_refused(form: AssessmentForm, micro: Path, qn: Questionnaire) -> None:
    qid, _unit, _big = ranged_number(qn)
    before = on_disk(micro)["answers"].get(qid)
    inp = form.question(qid)
    inp.number.value = "etwa zwanzig"
    assert inp.message_text == "Bitte eine Zahl eingeben, z. B. 1.250,5."
    assert on_disk(micro)["answers"].get(qid) == before


def test_wrong_unit_is_refused_with_the_accepted_units_named(qn: Questionnaire) -> None:
    qid, unit, _big = ranged_number(qn)
    q = qn.questions[qid]
    answer, message = compose_answer(q, value=10, unit="ha", lang="de")
    assert answer is None and message is not None
    assert "nicht vorgesehen" in message and "Hektar" in message
    _answer, message_en = compose_answer(q, value=10, unit="ha", lang="en")
    assert message_en is not None and "not accepted" in message_en
    ok, none = compose_answer(q, value=10, unit=unit)
    assert none is None and ok == Answer(value=10, unit=unit)


def test_explain_without_text_is_not_saved(form: AssessmentForm, micro: Path, qn: Questionnaire) -> None:
    qid = first_of(qn, "comply_explain")
    inp = form.question(qid)
    inp.radio.value = "comply"
    inp.explanation.value = ""  # (a hidden explanation from before would be kept for 'explain')
    assert on_disk(micro)["answers"][qid]["value"] == "comply"
    inp.radio.value = "explain"
    assert inp.explanation in inp.box.children  # the explanation field appears
    assert inp.message_text is not None and "Erklärung" in inp.message_text
    assert on_disk(micro)["answers"][qid]["value"] == "comply"
    inp.explanation.value = "Wir haben noch keine Wesentlichkeitsanalyse; sie ist für 2027 geplant."
    saved = on_disk(micro)["answers"][qid]
    assert saved["value"] == "explain" and saved["explanation"].startswith("Wir haben")


def test_messages_follow_the_language(form: AssessmentForm, qn: Questionnaire) -> None:
    qid, _unit, _big = ranged_number(qn)
    form.set_lang("en")
    inp = form.question(qid)
    inp.number.value = "lots"
    assert inp.message_text == "Please enter a number, e.g. 1,250.5."


# ---- conditions -------------------------------------------------------------------------------------------------
def test_questions_appear_and_disappear_with_the_answers(form: AssessmentForm, micro: Path, qn: Questionnaire) -> None:
    gate, dependent = gate_and_dependent(qn)
    form.show(form.page_of[dependent])
    gate_inp, dep_inp = form.question(gate), form.question(dependent)
    gate_inp.radio.value = "no"
    assert dependent not in form.session.visible()
    assert dep_inp.box.layout.display == "none"
    gate_inp.radio.value = "yes"
    assert dependent in form.session.visible()
    assert dep_inp.box.layout.display != "none"
    assert on_disk(micro)["answers"][gate]["value"] == "yes"


def test_profile_sets_the_size_class_and_with_it_the_questions(
    form: AssessmentForm, micro: Path, qn: Questionnaire
) -> None:
    only_medium = size_only(qn, "medium")
    assert form.session.size_class == "micro"
    assert only_medium not in form.session.visible()
    form.show("profile")
    form.profile_input("employees").input.value = "180"
    form.profile_input("turnover").unit.value = "MEUR"
    form.profile_input("turnover").input.value = "32"
    form.profile_input("balance_sheet").input.value = "21.000.000"
    company = on_disk(micro)["company"]
    assert (company["employees"], company["turnover"], company["balance_sheet"]) == (180, 32_000_000, 21_000_000)
    assert form.session.size_class == "medium"
    assert only_medium in form.session.visible()
    assert "Mittleres Unternehmen" in form.size_info.value


def test_profile_input_is_checked(form: AssessmentForm, micro: Path) -> None:
    before = on_disk(micro)["company"]
    form.profile_input("employees").input.value = "-3"
    assert "negative" in (form.profile_input("employees").message.value or "")
    form.profile_input("country").input.value = "Deutschland"
    assert "Ländercode" in form.profile_input("country").message.value
    form.profile_input("nace").input.value = "Tischlerei"
    assert "NACE" in form.profile_input("nace").message.value
    assert on_disk(micro)["company"] == before
    form.profile_input("country").input.value = "at"
    assert on_disk(micro)["company"]["country"] == "AT"


# ---- resume, language, new files ------------------------------------------------------------------------------------
def test_a_new_form_resumes_answers_and_position(micro: Path, qn: Questionnaire) -> None:
    first = AssessmentForm(micro, qn)
    gate, dependent = gate_and_dependent(qn)
    target = first.page_of[dependent]
    first.show(target)
    first.question(gate).radio.value = "yes"
    first.question(dependent).number.value = "1.234"
    first.set_lang("en")
    again = AssessmentForm(micro, qn)
    assert again.page == target
    assert again.lang == "en"
    assert again.question(gate).radio.value == "yes"
    assert again.question(dependent).number.value == "1,234"
    assert again.page_body.children[0] is again._pages[target].box
    state = read_ui_state(micro)
    assert state == {"lang": "en", "page": target}
    assert set(state) <= {"lang", "page"}  # no answers, no names in the position file


def test_language_switch_relabels_the_form(form: AssessmentForm, qn: Questionnaire) -> None:
    assert form.next_button.description == "Weiter ›"
    form.set_lang("en")
    assert form.next_button.description == "Next ›"
    ladder = first_of(qn, "maturity")
    labels = [label for label, _id in form.question(ladder).radio.options]
    assert labels == [o.label["en"] for o in qn.questions[ladder].options]
    assert "Progress" in form.summary.value


def test_navigation_skips_criteria_without_questions_for_this_company(form: AssessmentForm) -> None:
    form.show("profile")
    seen = ["profile"]
    while True:
        before = form.page
        form.next()
        if form.page == before:
            break
        seen.append(form.page)
    visible = form.session.visible()
    assert seen[-1] == "plan"  # goals and actions come last, whatever was answered
    assert all(any(q.id in visible for q in form.criteria[p].questions) for p in seen[1:-1])
    assert seen[1:-1] == [p for p in form.criteria if any(q.id in visible for q in form.criteria[p].questions)]
    form.previous()
    assert form.page == seen[-2]


def test_a_missing_file_is_created_from_the_company_id(tmp_path: Path, qn: Questionnaire) -> None:
    path = tmp_path / "meine-firma.json"
    form = open_form(path, qn)
    data = on_disk(path)
    assert data["company"]["id"] == "meine-firma"
    assert data["answers"] == {}
    assert form.page == "profile"
    with pytest.raises(FormError):
        open_form(tmp_path / "meine firma!.json", qn)


def test_a_damaged_file_is_not_opened_and_not_touched(tmp_path: Path, qn: Questionnaire) -> None:
    path = tmp_path / "kaputt.json"
    path.write_text('{"format": "sme-toolkit-response/1", "answers": {', encoding="utf-8")
    with pytest.raises(FormError):
        open_form(path, qn)
    assert path.read_text(encoding="utf-8") == '{"format": "sme-toolkit-response/1", "answers": {'


# ---- two windows on one file ----------------------------------------------------------------------------------------
def test_a_stale_second_window_shows_the_banner_and_never_overwrites(micro: Path, qn: Questionnaire) -> None:
    gate, _dependent = gate_and_dependent(qn)
    ladder = first_of(qn, "maturity")
    one = AssessmentForm(micro, qn)
    two = AssessmentForm(micro, qn)
    one.question(gate).radio.value = "no"
    assert on_disk(micro)["answers"][gate]["value"] == "no"
    assert not two.banner_visible

    levels = [o.id for o in qn.questions[ladder].options]
    old_ladder = on_disk(micro)["answers"].get(ladder)
    new_value = next(v for v in levels if v != (old_ladder or {}).get("value"))
    two.question(ladder).radio.value = new_value
    assert two.banner_visible and two.stale
    assert "in einem anderen Fenster geändert" in two.banner_text.value
    assert two.reload_button.description == "Neu laden"
    after = on_disk(micro)
    assert after["answers"][gate]["value"] == "no"  # the first window's answer survives
    assert after["answers"].get(ladder) == old_ladder  # the second window wrote nothing
    two.question(gate).radio.value = "yes"  # still stale: still nothing written
    assert on_disk(micro)["answers"][gate]["value"] == "no"

    two.reload_button.click()
    assert not two.banner_visible and not two.stale
    assert two.question(gate).radio.value == "no"  # now shows the other window's answer
    two.question(ladder).radio.value = new_value
    final = on_disk(micro)
    assert final["answers"][ladder]["value"] == new_value and final["answers"][gate]["value"] == "no"


def test_banner_speaks_english_too(micro: Path, qn: Questionnaire) -> None:
    one = AssessmentForm(micro, qn)
    two = AssessmentForm(micro, qn, lang="en")
    gate, _dep = gate_and_dependent(qn)
    one.question(gate).radio.value = "no"
    two.question(gate).radio.value = "yes"
    assert "changed in another window" in two.banner_text.value and two.reload_button.description == "Reload"


# ---- typing is saved after a short pause when an event loop runs (as in a kernel) ---------------------------------
def test_typing_is_saved_after_a_short_pause(micro: Path, qn: Questionnaire) -> None:
    text_q = first_of(qn, "text")

    async def scenario() -> tuple[object, object, object]:
        form = AssessmentForm(micro, qn, save_delay=0.05)
        inp = form.question(text_q)
        inp.text.value = "Erste"
        inp.text.value = "Erste Fassung"
        during = on_disk(micro)["answers"].get(text_q)
        deadline = time.monotonic() + 10
        while on_disk(micro)["answers"].get(text_q) == during and time.monotonic() < deadline:
            await asyncio.sleep(0.01)  # the pause passes while the event loop runs
        after = on_disk(micro)["answers"][text_q]["value"]
        inp.text.value = "Zweite Fassung"
        form.show("profile")  # leaving the page saves at once
        left = on_disk(micro)["answers"][text_q]["value"]
        return during, after, left

    before = on_disk(micro)["answers"].get(text_q)
    during, after, left = asyncio.run(scenario())
    assert during == before
    assert after == "Erste Fassung"
    assert left == "Zweite Fassung"


# ---- the notebook --------------------------------------------------------------------------------------------------
def test_the_assessment_notebook_is_tiny_and_clean() -> None:
    nb = nbformat.read(ROOT / "notebooks" / "assessment.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code) == 1
    assert "choose_company(" in code[0].source  # asks which company: nobody edits a path
    assert code[0].metadata["jupyter"]["source_hidden"] is True  # JupyterLab shows the form, not the code
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    assert set(nb.metadata) <= {"kernelspec", "language_info", "sme_toolkit"}
    assert nb.metadata["sme_toolkit"] == {"keep_clean": True}  # saving keeps it as shipped (notebook_hook)
    assert nb.metadata["language_info"] == {"name": "python"}
    assert all(not c.metadata for c in nb.cells if c.cell_type != "code")


def test_ui_state_lives_next_to_the_response_and_is_not_a_json_response(micro: Path) -> None:
    assert ui_state_path(micro).name == ".example-joinery.json.ui"
    assert ui_state_path(micro).suffix != ".json"
    assert QUESTIONNAIRE.exists()


@pytest.mark.slow
def test_the_assessment_notebook_runs_and_asks_which_company(tmp_path: Path) -> None:
    from nbclient import NotebookClient

    folder = tmp_path / "notebooks"
    folder.mkdir()
    nb = nbformat.read(ROOT / "notebooks" / "assessment.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    outputs = nb.cells[-1].outputs
    assert [o.output_type for o in outputs] == ["display_data"]
    assert "application/vnd.jupyter.widget-view+json" in outputs[0].data
    assert not (tmp_path / "reports").exists()  # nothing is created before the participant says which company


# ---- evidence, contradictions and exclusive options (issue 12) -------------------------------------------------
def test_a_top_level_claim_asks_for_evidence_without_blocking_the_save(
    form: AssessmentForm, micro: Path, qn: Questionnaire
) -> None:
    inp = form.question("en_energy_audit")
    inp.radio.value = "iso_50001"
    assert on_disk(micro)["answers"]["en_energy_audit"]["value"] == "iso_50001"  # saved without evidence
    assert "Zertifikatsnummer" in inp.evidence_prompt and inp.evidence in inp.box.children
    assert any("Nachweis fehlt" in m for m in inp.findings_text)
    inp.evidence.value = "Zertifikat 44 100 2210873, TÜV Nord"
    saved = on_disk(micro)["answers"]["en_energy_audit"]
    assert saved["value"] == "iso_50001" and saved["evidence"] == "Zertifikat 44 100 2210873, TÜV Nord"
    assert not any("Nachweis fehlt" in m for m in inp.findings_text)
    inp.radio.value = "recent_audit"  # a lower level asks for nothing: the evidence field goes
    assert inp.evidence not in inp.box.children and "evidence" not in on_disk(micro)["answers"]["en_energy_audit"]


def test_contradictions_show_at_both_answers_as_the_participant_types(form: AssessmentForm, qn: Questionnaire) -> None:
    audit, metering = form.question("en_energy_audit"), form.question("en_metering")
    assert metering.radio.value == "bills_only"
    audit.radio.value = "iso_50001"
    message = tr(next(c.message for c in qn.checks if c.id == "iso50001_without_metering"), "de")
    assert message in audit.findings_text and message in metering.findings_text
    metering.radio.value = "major_consumers"
    assert message not in audit.findings_text and message not in metering.findings_text


def test_none_of_these_unticks_the_other_options_and_back(form: AssessmentForm, micro: Path) -> None:
    inp = form.question("en_heating_carriers")
    assert inp.checks["heating_oil"].value and inp.checks["wood"].value
    inp.checks["none"].value = True
    assert on_disk(micro)["answers"]["en_heating_carriers"]["value"] == ["none"]
    assert not inp.checks["heating_oil"].value and not inp.checks["wood"].value
    inp.checks["district_heat"].value = True
    assert on_disk(micro)["answers"]["en_heating_carriers"]["value"] == ["district_heat"]
    assert not inp.checks["none"].value
