"""The company report's progress page (issue 16): the T1 report shows each action's status word and each goal's
state, computed by hand (tests/test_plans.py holds the two rounds and the arithmetic); the owner's part leads
with it; the company sees only its own cooperation opt-in."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from tests.test_plans import DIESEL_T1, MINI, t0_document, write
from toolkit.definitions.loader import load_questionnaire
from toolkit.report.view import ReportView
from toolkit.responses import Answer, load_response, save_response
from toolkit.responses.carryover import carry_over_file

# by hand (tests/test_plans.py): Scope 1+2 26.7 t in 2025, 22.7 t in 2026, the straight line to -20 % by 2027
# expects 24.0 t in 2026: on track; energy 50 points in 2026 reaches level 2 (40 points): achieved
GOALS = {
    "de": [
        ("Scope 1+2 (standortbasiert) −20 % bis 2027", "26,7 t CO₂e (2025)", "22,7 t CO₂e", "24,0 t CO₂e", "auf Kurs"),
        ("Energie: Stufe 2 (Im Aufbau) bis 2027", "0 Punkte (2025)", "50 Punkte", "–", "erreicht"),
    ],
    "en": [
        ("Scope 1+2 (location-based) −20 % by 2027", "26.7 t CO₂e (2025)", "22.7 t CO₂e", "24.0 t CO₂e", "on track"),
        ("Energy: level 2 (Developing) by 2027", "0 points (2025)", "50 points", "–", "achieved"),
    ],
}
ACTIONS = {  # title -> status in 2026
    "Zählerstände monatlich notieren": ("erledigt", "done"),
    "Fahrten bündeln": ("in Arbeit", "in progress"),
    "Lieferantenkodex entwerfen": ("geplant", "planned"),
    "Sozialkriterien im Einkauf": ("verworfen", "dropped"),
}


@pytest.fixture
def rounds(tmp_path: Path) -> tuple[Path, Path]:
    mini = load_questionnaire(MINI)
    (tmp_path / "2025").mkdir()
    t0 = write(tmp_path / "2025" / "holz-nord.json", t0_document())
    t1_path = Path(carry_over_file(t0, mini, "2026", tmp_path / "2026").target)
    t1 = load_response(t1_path, mini)
    for qid, value in (
        ("en_metering", "monthly"),
        ("en_has_vehicles", "yes"),
        ("vc_supplier_code", "no"),
        ("vc_criteria", ["environment"]),
    ):
        t1.set_answer(qid, Answer(value=value))
    t1.set_answer("en_diesel", Answer(value=DIESEL_T1, unit="l"))
    for a, status in zip(t1.actions, ("done", "in_progress", "planned", "dropped"), strict=True):
        a.status, a.confirmed = status, True
    t1.cooperation = None
    save_response(t1)
    return t0, t1_path


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_t1_report_shows_status_words_and_goal_states(rounds, lang: str) -> None:
    _t0, t1 = rounds
    view = ReportView.load(t1, questionnaire=MINI, lang=lang, today=date(2026, 5, 15))
    title = "Ihr Fortschritt" if lang == "de" else "Your progress"
    assert view.contents()[0] == title  # the owner's part leads with it
    text = _text(view.progress().html())
    for goal, base, now, expected, state in GOALS[lang]:
        assert re.search(rf"{re.escape(goal)} {re.escape(base)} {re.escape(now)} {re.escape(expected)} {state}", text)
    for title_de, (de, en) in ACTIONS.items():
        assert re.search(rf"{re.escape(title_de)}[^|]*? {de if lang == 'de' else en}\b", text), title_de
    late = "überfällig" if lang == "de" else "overdue"
    assert re.search(rf"Fahrten bündeln – (31\.12\.2025|2025-12-31) (in Arbeit|in progress) {late}", text)
    moved = "erledigt verbessert" if lang == "de" else "done improved"  # m1: bills -> monthly metering
    assert moved in text


def test_t0_report_shows_the_plan_and_no_plan_shows_nothing(rounds) -> None:
    t0, _t1 = rounds
    view = ReportView.load(t0, questionnaire=MINI, today=date(2025, 5, 1))
    assert view.contents()[0] == "Ihr Plan"
    text = _text(view.progress().html())
    assert "neu gesetzt" in text and text.count("geplant") >= 4 and "Soll" not in text
    plain = ReportView.load(EXAMPLES / "manufacturer.json")
    assert plain.progress().parts == [] and "Ihr Plan" not in plain.contents()


def test_the_report_shows_only_the_companys_own_opt_in(rounds, tmp_path: Path) -> None:
    _t0, t1 = rounds
    mini_coop = tmp_path / "mini-coop.yaml"
    from tests.test_cohort_impact import COOP_LISTS

    mini_coop.write_text(MINI.read_text() + COOP_LISTS, encoding="utf-8")
    qn = load_questionnaire(mini_coop)
    resp = load_response(t1, qn)
    from toolkit.responses.plan import Cooperation

    resp.cooperation = Cooperation(True, ["wood_waste"], ["joint_energy_audit"])
    save_response(resp)
    text = _text(ReportView.load(t1, questionnaire=mini_coop, today=date(2026, 5, 15)).progress().html())
    assert "Kooperationsbörse Sie nehmen teil" in text
    assert "Sie bieten: Sägemehl, Späne (03 01 05)" in text and "Sie suchen: Gemeinsames Energieaudit" in text
    resp.cooperation = Cooperation(False, ["wood_waste"], [])
    save_response(resp)
    text = _text(ReportView.load(t1, questionnaire=mini_coop).progress().html())
    assert "Sie nehmen nicht teil" in text and "Sägemehl" not in text


@pytest.mark.slow
@pytest.mark.browser
def test_t1_pdf_text_shows_each_status_word_and_goal_state(rounds, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from toolkit.report.render import render_report

    _t0, t1 = rounds
    result = render_report(t1, tmp_path / "out", lang="de", questionnaire=MINI)
    pages = [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(str(result.pdf_path)).pages]
    first = next(i for i, p in enumerate(pages) if "Ihr Fortschritt" in p and "Ziele" in p and "Maßnahmen" in p)
    assert first <= 1  # right after the cover
    text = " ".join(pages[first : first + 2])
    for goal, _base, _now, _expected, state in GOALS["de"]:
        assert re.search(rf"{re.escape(goal)}.*?{state}", text), goal
    for title, (de, _en) in ACTIONS.items():
        assert re.search(rf"{re.escape(title)}.*?{de}", text), title
    assert text.index("auf Kurs") < text.index("erreicht")
