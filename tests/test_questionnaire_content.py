"""The shipped DNK questionnaire: valid, and covering what the product promises."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.definitions.loader import check_questionnaire
from toolkit.responses import load_response

from .conftest import EXAMPLES, QUESTIONNAIRE


def test_shipped_questionnaire_has_no_errors_and_no_warnings():
    qn, errors, warnings = check_questionnaire(QUESTIONNAIRE)
    assert errors == []
    assert warnings == [], [str(w) for w in warnings]  # also: every text in de and en, every next step given
    assert qn is not None and qn.id == "dnk-sme" and qn.languages == ("de", "en")


def test_all_20_dnk_criteria_in_their_4_areas(qn):
    areas = {a.id: [c.number for c in a.criteria] for a in qn.areas}
    assert areas == {
        "strategy": [1, 2, 3, 4],
        "process": [5, 6, 7, 8, 9, 10],
        "environment": [11, 12, 13],
        "society": [14, 15, 16, 17, 18, 19, 20],
    }
    for crit in qn.criteria():
        assert len(crit.questions) >= 2, crit.number


def test_question_counts(qn):
    assert len(qn.questions) >= 60
    per_dim = Counter(d for q in qn.iter_questions() for d in q.scores)
    for dim in ("energy", "supply_chain", "reporting"):
        assert per_dim[dim] >= 10, dim
    assert {d.id for d in qn.headline_dimensions} == {"energy", "supply_chain", "reporting"}


def test_every_question_type_is_used(qn):
    types = {q.type for q in qn.iter_questions()}
    assert types == {
        "maturity",
        "single_choice",
        "multiple_choice",
        "yes_no",
        "number",
        "text",
        "comply_explain",
        "table",
    }


def test_vsme_basic_datapoints_are_asked(qn):
    carriers = {q.carrier for q in qn.iter_questions() if q.carrier}
    assert {
        "grid_electricity",
        "self_generated_electricity",
        "natural_gas",
        "heating_oil",
        "lpg",
        "district_heat",
        "diesel",
        "petrol",
    } <= carriers
    kpis = {q.kpi for q in qn.iter_questions() if q.kpi}
    assert {
        "green_tariff_share",
        "water_withdrawal",
        "waste_total",
        "waste_hazardous",
        "waste_recycled",
        "employees_permanent",
        "employees_female",
        "accidents",
        "fatalities",
        "training_hours",
        "corruption_convictions",
        "corruption_fines",
    } <= kpis
    assert {f.id for f in qn.profile} >= {"nace", "employees", "turnover", "balance_sheet"}
    vsme = {ref for q in qn.iter_questions() for ref in q.refs.get("vsme", [])}
    assert {"B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11"} <= vsme
    assert all("B1" in f.refs.get("vsme", []) for f in qn.profile)


def test_maturity_options_carry_levels_and_next_steps(qn):
    for q in qn.iter_questions():
        if q.type == "maturity":
            levels = [o.level for o in q.options]
            assert levels == sorted(levels) and levels[0] == 0 and levels[-1] == 4, q.id
            assert all(o.next_step.get("de") and o.next_step.get("en") for o in q.options), q.id


def test_examples_load_and_differ(qn):
    sizes = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        resp = load_response(path, qn)
        sizes[path.stem] = resp.company.size_class
    assert sizes == {"manufacturer": "medium", "micro-craft-firm": "micro", "service-firm": "small"}


def test_cli_score_text_and_json():
    runner = CliRunner()
    res = runner.invoke(main, ["score", str(EXAMPLES / "manufacturer.json")])
    assert res.exit_code == 0
    assert "Energie & Klima" in res.output and "Etabliert" in res.output and "Nächste Schritte" in res.output
    res_en = runner.invoke(main, ["score", "--lang", "en", str(EXAMPLES / "manufacturer.json")])
    assert "Energy & climate" in res_en.output and "Next steps" in res_en.output
    res_json = runner.invoke(main, ["score", "--json", str(EXAMPLES / "manufacturer.json")])
    doc = json.loads(res_json.output)
    assert doc["company"]["id"] == "example-manufacturer"
    assert [d["id"] for d in doc["dimensions"]][:3] == ["energy", "supply_chain", "reporting"]


def test_cli_score_reports_a_bad_response(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text((EXAMPLES / "manufacturer.json").read_text().replace('"version": "2026.2"', '"version": "2025.1"'))
    res = CliRunner().invoke(main, ["score", str(bad)])
    assert res.exit_code == 1 and "R004" in res.output and "toolkit migrate" in res.output


def test_every_maturity_ladder_runs_from_not_started_to_leading(qn):
    """Issue 12, item 6: five distinct options, levels 0-4 in order, each with its own label."""
    for q in qn.iter_questions():
        if q.type != "maturity":
            continue
        assert [o.level for o in q.options] == [0, 1, 2, 3, 4], q.id
        labels = [o.label["de"] for o in q.options]
        assert len(set(labels)) == 5, q.id


def test_every_dimension_can_reach_100(qn):
    """The best answer to every scored question scores every dimension 100 (no ladder tops out below level 4)."""
    from toolkit.responses import Answer, Company, Response
    from toolkit.scoring.scores import score

    for size in ((6, 600_000, 300_000), (150, 30_000_000, 20_000_000)):
        answers = {}
        for q in qn.iter_questions():
            if q.type == "multiple_choice":
                answers[q.id] = Answer(value=[o.id for o in q.options if not o.exclusive])
            elif q.scored:
                answers[q.id] = Answer(value=max(q.options, key=lambda o: o.level or 0).id)
            elif q.id == "en_has_vehicles":
                answers[q.id] = Answer(value="yes")
        company = Company(id="best", employees=size[0], turnover=size[1], balance_sheet=size[2])
        card = score(qn, Response(qn.id, qn.version, "2026", company, answers))
        for d in card.dimensions:
            assert d.score == pytest.approx(100.0), (d.id, d.score)
        assert card.overall_score == pytest.approx(100.0)


def test_every_criterion_offers_comply_or_explain_with_a_documented_minimum(qn):
    """Issue 12, item 5: one comply-or-explain question per DNK criterion, and the key questions with the minimum
    each must reach for the criterion to count as reported."""
    for crit in qn.criteria():
        assert crit.comply_explain is not None, crit.number
        assert crit.comply_when, crit.number
        assert not crit.comply_explain.scored, crit.number  # a declaration, not a practice: it earns no points


def test_top_claims_ask_for_evidence_and_steps_say_what_they_take(qn):
    for q in qn.iter_questions():
        if not q.scored:
            continue
        top = max((o.level or 0) for o in q.options)
        for o in q.options:
            if q.type != "multiple_choice" and o.level == top:
                prompt = q.evidence_prompt(o.id)
                assert prompt.get("de") and prompt.get("en"), (q.id, o.id)
            leads_on = (o.points or 0) > 0 if q.type == "multiple_choice" else (o.level or 0) < top
            if leads_on:
                assert o.step is not None, (q.id, o.id)
    iso = qn.question("en_energy_audit").evidence_prompt("iso_50001")
    assert "Zertifikatsnummer" in iso["de"] and "certificate number" in iso["en"]


def test_the_worst_answer_to_every_question_complies_with_no_dnk_criterion(qn):
    """Issue 12: under 2026.1 the worst answer to every question showed 16 criteria as "comply" (comply meant
    "answered"). Now comply needs the key questions at their minimum; saying "we report" does not make it so."""
    from toolkit.responses import Answer, Company, Response
    from toolkit.scoring.scores import score

    answers = {}
    for q in qn.iter_questions():
        if q.type == "comply_explain":
            answers[q.id] = Answer(value="comply")
        elif q.type == "multiple_choice":
            answers[q.id] = Answer(value=[q.exclusive_options[0]] if q.exclusive_options else [q.option_ids[0]])
        elif q.options and any(o.level is not None for o in q.options):
            answers[q.id] = Answer(value=min(q.options, key=lambda o: o.level or 0).id)
        elif q.type == "number":
            answers[q.id] = Answer(value=0, unit=q.unit)
    company = Company(id="worst", employees=30, turnover=3_000_000, balance_sheet=1_000_000)
    card = score(qn, Response(qn.id, qn.version, "2026", company, answers))
    assert [c.criterion for c in card.coverage if c.status == "comply"] == []
    claims = {f.id for f in card.data_quality.contradictions if f.id.startswith("comply_claim_")}
    assert len(claims) == 20  # every "we report on this" without the content is flagged
