"""The form's page "Ziele & Maßnahmen" (issue 16), in-process: widgets used as a participant would, the response
file checked on disk after every change."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES
from toolkit.definitions.model import Questionnaire, tr
from toolkit.form.app import AssessmentForm
from toolkit.form.plan_page import PLAN_PAGE
from toolkit.responses import load_response, save_response


def on_disk(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def manufacturer(tmp_path: Path) -> Path:
    target = tmp_path / "manufacturer.json"
    shutil.copy(EXAMPLES / "manufacturer.json", target)
    return target


@pytest.fixture
def form(manufacturer: Path, qn: Questionnaire) -> AssessmentForm:
    f = AssessmentForm(manufacturer, qn)
    f.show(PLAN_PAGE)
    return f


def test_the_page_is_in_the_navigation_in_both_languages(form: AssessmentForm) -> None:
    assert form.page_order[-1] == PLAN_PAGE and form.nav_buttons[PLAN_PAGE].description == "Ziele & Maßnahmen"
    assert "Ziele &amp; Maßnahmen" in form.page_title.value
    form.set_lang("en")
    assert form.nav_buttons[PLAN_PAGE].description == "Goals & actions" and form.page == PLAN_PAGE


def test_one_click_turns_a_next_step_into_an_action(form: AssessmentForm, manufacturer: Path, qn) -> None:
    page = form.plan_page
    card = form.session.scorecard()
    first = card.recommendations[0]
    step_card = page.steps_box.children[0]
    button = step_card.children[1]
    assert button.description == "Als Maßnahme übernehmen"
    button.click()
    saved = on_disk(manufacturer)["actions"]
    assert len(saved) == 1 and saved[0]["title"] == tr(first.next_step, "de")
    assert saved[0]["from_step"]["question"] == first.question
    assert saved[0]["from_step"]["overall_gain"] == pytest.approx(round(first.overall_gain, 4))
    assert saved[0]["status"] == "planned" and saved[0]["created_round"] == "2026"
    # the step now says it was taken, and the action card shows its expected effect
    assert page.steps_box.children[0].children[1].description == "✓ übernommen"
    assert page.steps_box.children[0].children[1].disabled
    assert "Gesamtergebnis +" in page.actions_box.children[0].children[0].value


def test_action_fields_are_saved_and_checked(form: AssessmentForm, manufacturer: Path) -> None:
    page = form.plan_page
    page.a_title.value = "Heizungsoptimierung mit hydraulischem Abgleich"
    page._action_form.children[2].click()
    assert on_disk(manufacturer)["actions"][0]["title"] == "Heizungsoptimierung mit hydraulischem Abgleich"
    inputs = page.action_inputs["m1"]
    inputs["status"].value = "in_progress"
    page.action_inputs["m1"]["due"].value = dt.date(2026, 9, 30)
    page.action_inputs["m1"]["role"].value = "Technische Leitung"
    page.action_inputs["m1"]["question"].value = "en_renewable_heat"
    page.action_inputs["m1"]["effect"].value = "Heizenergie -10 %"
    action = on_disk(manufacturer)["actions"][0]
    assert (action["status"], action["due"], action["role"]) == ("in_progress", "2026-09-30", "Technische Leitung")
    assert action["questions"] == ["en_renewable_heat"] and action["effect"] == "Heizenergie -10 %"
    # a due date before the round is refused with a message; the file keeps the valid date
    revision = on_disk(manufacturer)["revision"]
    page.action_inputs["m1"]["due"].value = dt.date(2025, 3, 1)
    assert "vor der Runde 2026" in page.message.value
    assert on_disk(manufacturer)["revision"] == revision and on_disk(manufacturer)["actions"][0]["due"] == "2026-09-30"
    # an empty title is refused too
    page.add_action("   ")
    assert "Titel" in page.a_message.value and len(on_disk(manufacturer)["actions"]) == 1


def test_goal_with_baseline_from_the_company_figures(form: AssessmentForm, manufacturer: Path) -> None:
    page = form.plan_page
    card = form.session.scorecard()
    page.g_kind.value = "kpi"
    page.g_kpi.value = "scope12_t"
    page.g_change.value = "-20"
    page.g_year.value = 2028
    page.add_goal()
    goal = on_disk(manufacturer)["goals"][0]
    assert goal["kpi"] == "scope12_t" and goal["change_percent"] == -20 and goal["target_year"] == 2028
    assert goal["base_round"] == "2026" and goal["base_value"] == pytest.approx(card.kpis.total_t)
    assert "neu gesetzt" in page.goals_box.children[0].children[0].value
    page.g_kind.value = "dimension"
    page.g_dim.value = "supply_chain"
    page.g_level.value = 4
    page.add_goal()
    dims = on_disk(manufacturer)["goals"][1]
    assert dims["dimension"] == "supply_chain" and dims["base_level"] == card.dimension("supply_chain").level
    # a level the company has already reached is refused
    page.g_dim.value = "energy"
    page.g_level.value = 2
    assert page.add_goal() is None and "schon erreicht" in page.g_message.value
    assert len(on_disk(manufacturer)["goals"]) == 2


def test_a_key_figure_without_baseline_is_refused(tmp_path: Path, qn: Questionnaire) -> None:
    path = tmp_path / "new-co.json"
    form = AssessmentForm(path, qn)  # a new company: no energy figures yet
    form.show(PLAN_PAGE)
    page = form.plan_page
    page.g_kind.value = "kpi"
    page.g_kpi.value = "scope12_t"
    assert page.add_goal() is None
    assert "fehlt in dieser Runde der Ausgangswert" in page.g_message.value
    assert "goals" not in on_disk(path)


def test_carried_action_asks_for_its_status_and_is_confirmed(tmp_path: Path, qn: Questionnaire) -> None:
    path = tmp_path / "m.json"
    shutil.copy(EXAMPLES / "manufacturer.json", path)
    resp = load_response(path, qn)
    from toolkit.responses.plan import Action

    resp.actions.append(Action("m1", "Energieaudit", created_round="2025", confirmed=False, due="2025-11-30"))
    save_response(resp)
    form = AssessmentForm(path, qn)
    form.show(PLAN_PAGE)
    card = form.plan_page.actions_box.children[0]
    texts = " ".join(getattr(c, "value", "") or "" for c in card.children)
    assert "Aus Runde 2025 übernommen" in texts and "überfällig" in texts
    confirm = next(c for c in card.children if getattr(c, "description", "") == "Stand bestätigen")
    confirm.click()
    assert "confirmed" not in on_disk(path)["actions"][0]  # true is the default and not written
    assert load_response(path, qn).actions[0].confirmed


def test_cooperation_is_off_by_default_and_saved_when_chosen(form: AssessmentForm, manufacturer: Path) -> None:
    page = form.plan_page
    assert page.c_opt_in.value is False and "cooperation" not in on_disk(manufacturer)
    page.c_opt_in.value = True
    page.c_offers.value = ("wood_waste",)
    page.c_needs.value = ("joint_energy_audit",)
    assert on_disk(manufacturer)["cooperation"] == {
        "opt_in": True,
        "offers": ["wood_waste"],
        "needs": ["joint_energy_audit"],
    }


def test_a_change_from_a_stale_window_is_refused_and_undone(form: AssessmentForm, manufacturer: Path, qn) -> None:
    other = load_response(manufacturer, qn)
    save_response(other)  # another window saved in between
    page = form.plan_page
    page.add_action("Photovoltaik prüfen")
    assert form.banner_visible
    assert "actions" not in on_disk(manufacturer) and form.session.resp.actions == []


def test_workshop_overview_counts_open_and_overdue_actions_never_their_content(tmp_path: Path, qn) -> None:
    from toolkit.form.workshop.cohort import cohort_companies, company_progress
    from toolkit.form.workshop.pages import overview_page
    from toolkit.responses.plan import Action

    path = tmp_path / "example-manufacturer.json"
    shutil.copy(EXAMPLES / "manufacturer.json", path)
    resp = load_response(path, qn)
    resp.actions = [
        Action("m1", "Geheimes Vorhaben Alpha", status="planned", due="2020-01-31"),  # open and overdue
        Action("m2", "Geheimes Vorhaben Beta", status="in_progress", due="2999-12-31"),  # open
        Action("m3", "Geheimes Vorhaben Gamma", status="done", due="2020-01-31"),  # done: neither
    ]
    save_response(resp)
    rows = [company_progress(tmp_path, cid, qn) for cid in cohort_companies(tmp_path)]
    assert (rows[0].actions_open, rows[0].actions_overdue) == (2, 1)
    for lang, head, late in (("de", "Maßnahmen offen", "1 überfällig"), ("en", "Open actions", "1 overdue")):
        html = overview_page(rows, qn, lang)
        row = html[html.index("example-manufacturer") : html.index("</tr>", html.index("example-manufacturer"))]
        assert head in html and f"<td class='actions'>2 · <b>{late}</b></td>" in row
        assert "Geheimes Vorhaben" not in html and "2020-01-31" not in html


# ---- in a real browser (slow): the page on a phone -----------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.browser
def test_the_plan_page_fits_a_phone_and_names_every_control(tmp_path_factory) -> None:
    from playwright.sync_api import sync_playwright

    from tests.test_form_layout import CHROMIUM, OUT_OF_SCREEN_JS, PHONE, go_to, open_link, shoot, unnamed_controls
    from tests.test_workshop_e2e import start_server, stop_server
    from toolkit.rendering.pdf import CHROMIUM_ARGS

    proc, srv = start_server(tmp_path_factory.mktemp("plan"), "company_id;name\nalpha;Alpha Bäckerei GmbH\n",
                             "--pool-size", "1")  # fmt: skip
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = open_link(browser, srv.links["alpha"], PHONE)
            go_to(page, "Ziele & Maßnahmen")
            page.get_by_role("button", name="Maßnahme hinzufügen").wait_for()
            page.get_by_label("Was wird getan?").fill("Heizung hydraulisch abgleichen")
            page.get_by_label("Was wird getan?").press("Enter")
            page.get_by_role("button", name="Maßnahme hinzufügen").click()
            page.wait_for_selector(".sme-plan-status-planned")
            assert page.evaluate(OUT_OF_SCREEN_JS) == []
            assert unnamed_controls(page) == []
            shoot(page, "phone-390x844-plan")
            browser.close()
    finally:
        stop_server(proc)
    saved = json.loads((srv.cohort / "alpha.json").read_text(encoding="utf-8"))
    assert saved["actions"][0]["title"] == "Heizung hydraulisch abgleichen"
