"""The scoring engine on the small questionnaire, every figure computed by hand in the comments."""

from __future__ import annotations

import pytest

from toolkit.definitions.loader import load_questionnaire
from toolkit.responses import Answer, load_response
from toolkit.scoring.scores import PROVISIONAL_BELOW, score

from .conftest import DATA

MINI = DATA / "questionnaires" / "minimal.yaml"


@pytest.fixture(scope="module")
def mini():
    return load_questionnaire(MINI)


@pytest.fixture
def resp(mini):
    return load_response(DATA / "mini-response.json", mini)


def test_dimension_scores_by_hand(mini, resp):
    # en_metering 'monthly' = level 2 -> f = 0.5, weights energy 2, reporting 1
    # vc_supplier_code 'no' = level 0 -> f = 0, weight supply_chain 1
    # vc_criteria [environment 2 pts, regional 1 pt] of 4 pts -> f = 0.75, weights supply_chain 2, reporting 1
    card = score(mini, resp)
    energy, supply, reporting = (card.dimension(d) for d in ("energy", "supply_chain", "reporting"))
    assert energy.score == pytest.approx(50.0)  # 100 * 2*0.5 / 2
    assert supply.score == pytest.approx(50.0)  # 100 * (1*0 + 2*0.75) / 3
    assert reporting.score == pytest.approx(62.5)  # 100 * (1*0.5 + 1*0.75) / 2
    assert (energy.level, supply.level, reporting.level) == (2, 2, 3)  # thresholds 40 / 60
    assert energy.level_name["de"] == "Im Aufbau" and reporting.level_name["en"] == "Established"
    assert card.overall_score == pytest.approx((50 + 50 + 62.5) / 3)
    assert card.overall_level == 2
    assert all(d.completeness == 1.0 and not d.provisional for d in card.headline)


def test_contributions_explain_the_score(mini, resp):
    card = score(mini, resp)
    supply = card.dimension("supply_chain")
    points = {c.question: c.points for c in supply.contributions}
    # vc_supplier_code earns 0 of 100*1/3; vc_criteria earns 100*2*0.75/3 = 50 of 100*2/3
    assert points == pytest.approx({"vc_supplier_code": 0.0, "vc_criteria": 50.0})
    assert sum(points.values()) == pytest.approx(supply.score)
    maxima = {c.question: c.max_points for c in supply.contributions}
    assert maxima == pytest.approx({"vc_supplier_code": 100 / 3, "vc_criteria": 200 / 3})


def test_area_score_by_hand(mini, resp):
    # all questions are in the environment area; total weight per question: en_metering 3, vc_supplier_code 1,
    # vc_criteria 3 -> 100 * (3*0.5 + 1*0 + 3*0.75) / 7 = 53.571...
    card = score(mini, resp)
    assert card.areas[0].score == pytest.approx(100 * 3.75 / 7)


def test_recommendations_ranked_by_their_effect_on_the_overall_score(mini, resp):
    card = score(mini, resp)
    # en_metering monthly -> submetered: +0.5 of weight: energy 100*2*0.5/2 = 50, reporting 100*1*0.5/2 = 25;
    #   overall (50 + 0 + 25) / 3 = +25
    # vc_supplier_code no -> yes: supply_chain 100*1*1/3 = 33.3; overall +11.1
    # vc_criteria + social (1 pt): +0.25: supply_chain 100*2*0.25/3 = 16.7, reporting 100*1*0.25/2 = 12.5; overall +9.7
    recs = [(r.question, round(r.gain, 2), round(r.overall_gain, 2)) for r in card.recommendations]
    assert recs == [("en_metering", 75.0, 25.0), ("vc_supplier_code", 33.33, 11.11), ("vc_criteria", 29.17, 9.72)]
    first = card.recommendations[0]
    assert first.next_option == "submetered"
    assert first.next_step["de"] == "Unterzähler einbauen"  # the step written on the current option


def test_not_applicable_is_excluded_from_the_denominator(mini, resp):
    resp.answers["vc_criteria"] = Answer(not_applicable=True)
    card = score(mini, resp)
    # supply_chain now only vc_supplier_code (f = 0) -> 0; reporting only en_metering -> 50
    assert card.dimension("supply_chain").score == pytest.approx(0.0)
    assert card.dimension("reporting").score == pytest.approx(50.0)
    assert card.dimension("supply_chain").completeness == 1.0


def test_unanswered_counts_zero_and_is_incomplete(mini, resp):
    del resp.answers["vc_criteria"]
    card = score(mini, resp)
    supply = card.dimension("supply_chain")
    assert supply.score == pytest.approx(0.0)  # 100 * (1*0 + 2*0) / 3
    assert card.dimension("reporting").score == pytest.approx(25.0)  # 100 * (1*0.5 + 1*0) / 2, was 62.5
    assert supply.completeness == pytest.approx(1 / 3)  # weight 1 of 3 answered
    assert supply.provisional and supply.completeness < PROVISIONAL_BELOW
    assert card.overall_provisional
    del resp.answers["en_metering"]
    card = score(mini, resp)
    energy = card.dimension("energy")
    assert energy.score is None and energy.level is None and energy.provisional
    # the overall figure counts the unscored dimension as 0 and is no longer called a mean
    assert card.overall_score == pytest.approx((0 + 0 + 0) / 3) and not card.overall_is_mean


def test_hidden_questions_do_not_count(mini, resp):
    resp.answers["en_has_vehicles"] = Answer(value="no")
    card = score(mini, resp)
    # en_diesel is hidden: no diesel in the KPIs even though the file still holds the answer
    assert [e.carrier for e in card.kpis.energy] == []
    assert resp.answers["en_diesel"].value == 1200


def test_coverage_without_comply_when(mini, resp):
    # the small questionnaire has no comply_when: a criterion complies when all its questions are answered
    card = score(mini, resp)
    assert {c.criterion: c.status for c in card.coverage} == {11: "comply", 4: "comply"}
    resp.answers["vc_supplier_code"] = Answer(explanation="Noch keine Lieferantenliste")
    card = score(mini, resp)
    assert {c.criterion: c.status for c in card.coverage}[4] == "explain"
    del resp.answers["en_diesel"]
    card = score(mini, resp)
    assert {c.criterion: c.status for c in card.coverage}[11] == "open"


def test_scorecard_to_dict_is_json_ready(mini, resp):
    import json

    doc = score(mini, resp).to_dict()
    again = json.loads(json.dumps(doc))
    assert again["dimensions"][0]["id"] == "energy"
    assert again["kpis"]["scope1_t_co2e"] == pytest.approx(1200 * 10.033 * 0.266 / 1000)
