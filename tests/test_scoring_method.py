"""The scoring method of questionnaire version 2026.2 (issue 12) on a small questionnaire, every figure by hand:
open questions count 0, pending questions behind an open gate count 0, the overall figure and its provisional
flag, plausibility checks, evidence, preconditions of steps, DNK comply/explain/open, incomplete key figures,
exclusive options and the migration of option ids."""

from __future__ import annotations

import json

import pytest

from toolkit.definitions.loader import load_questionnaire
from toolkit.errors import Code, ResponseError
from toolkit.responses import Answer, Company, Response, migrate_response, parse_response
from toolkit.scoring.scores import score

from .conftest import DATA

METHOD = DATA / "questionnaires" / "method.yaml"


@pytest.fixture(scope="module")
def qn():
    return load_questionnaire(METHOD)


def _resp(qn, employees=20, **answers: Answer) -> Response:
    company = Company(id="m", name="Methode GmbH", employees=employees, turnover=2_000_000, balance_sheet=1_000_000)
    return Response(qn.id, qn.version, "2026", company, dict(answers))


BASE = dict(
    metering=Answer(value="monthly"),  # level 1: f = 1/4
    audit=Answer(value="audited"),  # level 2: f = 2/4
    has_pv=Answer(value="no"),  # hides pv_use
    policy=Answer(not_applicable=True),
    criteria=Answer(value=["env"]),  # 1 of 2 points
    grid=Answer(value=40_000, unit="kWh"),
)


def test_open_questions_count_zero_and_not_applicable_is_left_out(qn):
    card = score(qn, _resp(qn, **BASE))
    # energy: metering w2 * 1/4 + audit w1 * 2/4 over weight 3 (pv_use hidden) = 100 * 1 / 3
    assert card.dimension("energy").score == pytest.approx(100 / 3)
    # supply chain: policy "not applicable" is left out; criteria w1 * 1/2 -> 50
    assert card.dimension("supply_chain").score == pytest.approx(50.0)
    # reporting: metering w1 * 1/4; policy left out -> 25
    assert card.dimension("reporting").score == pytest.approx(25.0)
    no_audit = {**BASE}
    del no_audit["audit"]
    card = score(qn, _resp(qn, **no_audit))
    energy = card.dimension("energy")
    assert energy.score == pytest.approx(100 * 0.5 / 3)  # the open audit counts 0 in a weight of 3
    assert energy.completeness == pytest.approx(2 / 3) and energy.provisional
    explained = {**no_audit, "audit": Answer(explanation="Wissen wir nicht")}
    assert score(qn, _resp(qn, **explained)).dimension("energy").score == pytest.approx(energy.score)


def test_a_question_behind_an_open_gate_counts_zero(qn):
    open_gate = {**BASE}
    del open_gate["has_pv"]
    card = score(qn, _resp(qn, **open_gate))
    energy = card.dimension("energy")
    # pv_use (w2) is pending: 100 * (2 * 1/4 + 1 * 2/4 + 2 * 0) / 5 = 20
    assert energy.score == pytest.approx(20.0)
    assert {c.question: c.status for c in energy.contributions}["pv_use"] == "pending"
    shown_open = {**BASE, "has_pv": Answer(value="yes")}
    assert score(qn, _resp(qn, **shown_open)).dimension("energy").score == pytest.approx(20.0)
    top = {**shown_open, "pv_use": Answer(value="p4")}
    assert score(qn, _resp(qn, **top)).dimension("energy").score == pytest.approx(100 * 3 / 5)
    # the gate answered "no" hides the question: it no longer counts at all (100 * 1 / 3)
    assert score(qn, _resp(qn, **BASE)).dimension("energy").score == pytest.approx(100 / 3)


def test_the_overall_figure_counts_an_unscored_dimension_as_zero(qn):
    card = score(qn, _resp(qn, metering=Answer(value="monthly")))
    # energy 100 * (2 * 1/4) / (2 + 1 + 2) = 10 (audit open, pv_use pending); supply chain unscored;
    # reporting 100 * (1 * 1/4) / (1 + 1) = 12.5 (policy open)
    assert card.dimension("energy").score == pytest.approx(10.0)
    assert card.dimension("supply_chain").score is None
    assert card.dimension("reporting").score == pytest.approx(12.5)
    assert card.overall_score == pytest.approx((10 + 0 + 12.5) / 3)
    assert not card.overall_is_mean and card.overall_provisional
    full = score(qn, _resp(qn, **BASE))
    assert full.overall_is_mean and full.overall_score == pytest.approx((100 / 3 + 50 + 25) / 3)
    # completeness of the headline dimensions (1 + 1 + 1) / 3 = 1, nothing unscored or provisional
    assert full.completeness == pytest.approx(1.0) and not full.overall_provisional


def test_checks_flag_contradictions_only_from_given_answers(qn):
    def fired(**answers):
        card = score(qn, _resp(qn, employees=180, **answers))
        return {f.id for f in card.data_quality.contradictions}

    assert fired(audit=Answer(value="certified"), metering=Answer(value="bills")) == {"certificate_without_metering"}
    assert fired(audit=Answer(value="certified")) == set()  # metering open: nothing to contradict yet
    assert "many_criteria_no_policy" in fired(criteria=Answer(value=["env", "social"]), policy=Answer(value="none"))
    pv = dict(has_pv=Answer(value="yes"), generated=Answer(value=820, unit="kWh"))
    assert "exported_above_generated" in fired(**pv, exported=Answer(value=5, unit="MWh"))  # 5,000 kWh > 820
    assert "exported_above_generated" not in fired(**pv, exported=Answer(value=95, unit="kWh"))
    assert "women_above_headcount" in fired(women=Answer(value=99_999, unit="persons"))  # of 180
    assert "women_above_headcount" not in fired(women=Answer(value=200, unit="persons"))  # below 1.5 x 180
    # answers to hidden questions are ignored: with has_pv "no" the PV figures do not count
    hidden = dict(
        has_pv=Answer(value="no"), generated=Answer(value=1, unit="kWh"), exported=Answer(value=9, unit="kWh")
    )
    assert "exported_above_generated" not in fired(**hidden)


def test_top_claims_without_evidence_are_listed(qn):
    card = score(qn, _resp(qn, audit=Answer(value="certified"), metering=Answer(value="submetered")))
    found = {f.id: f.message["de"] for f in card.data_quality.unevidenced}
    assert found == {"audit": "Zertifikatsnummer", "metering": "Welches Messsystem?"}  # level 3 uses the question's
    backed = _resp(qn, audit=Answer(value="certified", evidence="Zertifikat 4711"), metering=Answer(value="monthly"))
    assert score(qn, backed).data_quality.unevidenced == []


def test_a_step_whose_premise_fails_is_not_proposed(qn):
    recs = {r.question: r for r in score(qn, _resp(qn, **BASE)).recommendations}
    assert "audit" not in recs  # certified requires metering >= 2, metering is at 1
    better = {**BASE, "metering": Answer(value="consumers")}
    recs = {r.question: r for r in score(qn, _resp(qn, **better)).recommendations}
    assert recs["audit"].next_option == "certified"
    assert recs["metering"].step == {"effort": "medium", "cost": "medium", "time": "months"}


def test_an_open_question_gets_a_first_step(qn):
    open_metering = {**BASE}
    del open_metering["metering"]
    rec = next(r for r in score(qn, _resp(qn, **open_metering)).recommendations if r.question == "metering")
    assert rec.kind == "answer" and rec.next_option == "monthly"
    assert rec.next_step["de"] == "Monatlich ablesen"  # written on the lowest option
    # its effect: energy 100 * (2 * 1/4 + 1 * 2/4) / 3 - 100 * (1 * 2/4) / 3 = 16.7, reporting 25 - 0 = 25
    assert rec.gains == pytest.approx({"energy": 50 / 3, "reporting": 25.0})
    assert rec.overall_gain == pytest.approx((50 / 3 + 25) / 3)


def test_dnk_coverage_is_comply_explain_or_open(qn):
    def coverage(**answers):
        card = score(qn, _resp(qn, **{**BASE, **answers}))
        return {c.criterion: c for c in card.coverage}, {f.id for f in card.data_quality.contradictions}

    cov, claims = coverage(metering=Answer(value="consumers"), res_report=Answer(value="comply"))
    assert cov[11].status == "comply" and not claims
    cov, claims = coverage(res_report=Answer(value="comply"))  # metering at level 1 < 2
    assert cov[11].status == "open" and claims == {"comply_claim_11"}
    assert cov[11].unmet == [{"question": "metering", "op": "min_level", "value": 2, "answer": 1}]
    cov, _ = coverage(res_report=Answer(value="explain", explanation="Noch nicht erhoben"))
    assert cov[11].status == "explain" and cov[11].explanation == "Noch nicht erhoben"
    # policy "not applicable" does not meet a minimum level: criterion 4 stays open until it is explained
    cov, _ = coverage()
    assert cov[4].status == "open"
    cov, _ = coverage(policy=Answer(value="written"))
    assert cov[4].status == "comply"  # content reported; the declaration itself is optional


def test_key_figures_with_open_inputs_are_incomplete(qn):
    card = score(qn, _resp(qn, **{k: v for k, v in BASE.items() if k != "grid"}))
    assert set(card.data_quality.incomplete_kpis) >= {"total_mwh", "scope2", "total_t", "per_employee"}
    open_pv = {**BASE}
    del open_pv["has_pv"]
    gaps = score(qn, _resp(qn, **open_pv)).data_quality.incomplete_kpis
    assert gaps["total_mwh"] == ["exported", "generated", "has_pv"] and "scope2" not in gaps  # PV emits nothing
    assert score(qn, _resp(qn, **BASE)).data_quality.incomplete_kpis == {}


def test_none_of_these_cannot_be_ticked_with_another_option(qn):
    doc = {
        "questionnaire": {"id": qn.id, "version": qn.version},
        "company": {"id": "m"},
        "answers": {"criteria": {"value": ["none", "env"]}},
    }
    with pytest.raises(ResponseError) as err:
        parse_response(doc, qn, "m.json", json.dumps(doc, indent=2))
    assert err.value.problems[0].code == Code.R030.code
    assert "none" in err.value.problems[0].message and "env" in err.value.problems[0].message


def test_migration_renames_options_and_says_what_it_drops(qn, tmp_path):
    old = tmp_path / "old.json"
    old.write_text(
        json.dumps(
            {
                "questionnaire": {"id": qn.id, "version": "1.0"},
                "company": {"id": "m"},
                "answers": {
                    "policy": {"value": "yes"},
                    "metering": {"value": "monthly"},
                    "old_share": {"value": "above_60"},
                },
            }
        )
    )
    resp, report = migrate_response(old, qn)
    assert resp.answers["policy"].value == "written" and resp.answers["metering"].value == "monthly"
    assert report.kept == ["policy", "metering"] and "old_share" in report.dropped
    old.write_text(old.read_text().replace('"yes"', '"no"'))
    resp, report = migrate_response(old, qn)
    assert "policy" not in resp.answers and "no longer exists" in report.invalid["policy"]
