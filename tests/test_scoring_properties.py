"""Property tests of the scoring engine on the shipped questionnaire (hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.responses import Answer, Company, Response
from toolkit.scoring.applicability import visible_questions
from toolkit.scoring.scores import score

from .conftest import QUESTIONNAIRE

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _qn():
    from toolkit.definitions.loader import load_questionnaire

    return load_questionnaire(QUESTIONNAIRE)


QN = _qn()
SCORED = [q for q in QN.iter_questions() if q.scored]
GATES = {c.question for q in QN.iter_questions() for c in q.show_if}
SIZES = {"micro": (6, 600_000, 300_000), "small": (30, 4_000_000, 2_000_000), "medium": (150, 30_000_000, 20_000_000)}


def _answer(q, draw) -> Answer | None:
    kind = draw(
        st.sampled_from(
            ["value", "value", "value", "missing", "na"] if q.not_applicable else ["value", "value", "value", "missing"]
        )
    )
    if kind == "missing":
        return None
    if kind == "na":
        return Answer(not_applicable=True)
    if q.type == "multiple_choice":
        chosen = draw(st.lists(st.sampled_from(q.option_ids), unique=True))
        if len(chosen) > 1:  # "none of these" is never chosen together with another option (the form enforces it)
            chosen = [o for o in chosen if o not in q.exclusive_options]
        return Answer(value=chosen)
    value = draw(st.sampled_from(q.option_ids))
    if q.type == "comply_explain" and value == "explain":
        return Answer(value=value, explanation="Noch nicht erhoben")
    return Answer(value=value)


@st.composite
def responses(draw) -> Response:
    size = draw(st.sampled_from(sorted(SIZES)))
    employees, turnover, balance = SIZES[size]
    company = Company(id="prop", name="Prop GmbH", employees=employees, turnover=turnover, balance_sheet=balance)
    answers: dict[str, Answer] = {}
    for q in QN.iter_questions():
        if q.options and (a := _answer(q, draw)) is not None:
            answers[q.id] = a
    # keep the data consistent, as the form does: no stored answers for questions that are not shown
    while True:
        shown = visible_questions(QN, answers, company.size_class)
        hidden = [qid for qid in answers if qid not in shown]
        if not hidden:
            break
        for qid in hidden:
            del answers[qid]
    return Response(QN.id, QN.version, "2026", company, answers)


@SETTINGS
@given(responses())
def test_scores_stay_within_bounds(resp):
    card = score(QN, resp)
    for d in card.dimensions:
        assert 0.0 <= d.completeness <= 1.0
        if d.score is not None:
            assert -1e-9 <= d.score <= 100 + 1e-9
            assert d.level in range(5)
    for a in card.areas:
        assert a.score is None or -1e-9 <= a.score <= 100 + 1e-9
    for r in card.recommendations:
        assert r.overall_gain > 0 or r.gain > 0


def _key(card):
    """Every figure that must not rise when answers are removed (an unscored value counts as 0, level -1)."""
    out = {f"score_{d.id}": d.score or 0.0 for d in card.dimensions}
    out |= {f"level_{d.id}": -1 if d.level is None else d.level for d in card.dimensions}
    out["overall"] = card.overall_score or 0.0
    out["overall_level"] = -1 if card.overall_level is None else card.overall_level
    return out


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(responses(), st.data())
def test_removing_answers_never_raises_a_score_or_a_level(resp, data):
    """Issue 12, item 1: skipping never pays. Any subset of the answers (values, "not applicable",
    explanations) is removed; every dimension score and level and the overall score and level stay the same or
    fall. Answers to questions that become hidden or pending stay in the file, as they do in a real one."""
    before = _key(score(QN, resp))
    removable = sorted(resp.answers)
    if not removable:
        return
    gone = data.draw(st.lists(st.sampled_from(removable), unique=True, min_size=1))
    for qid in gone:
        del resp.answers[qid]
    after = _key(score(QN, resp))
    for key, value in after.items():
        assert value <= before[key] + 1e-9, (key, before[key], value, gone)


@SETTINGS
@given(responses(), st.data())
def test_cannot_answer_earns_what_leaving_the_question_open_earns(resp, data):
    """Saying "I can't answer" (an explanation instead of a value) earns exactly what leaving it open earns."""
    candidates = [q for q in SCORED if q.id in resp.answers and q.id not in GATES and q.type != "comply_explain"]
    if not candidates:
        return
    q = data.draw(st.sampled_from(candidates))
    resp.answers[q.id] = Answer(explanation="Wissen wir nicht")
    explained = _key(score(QN, resp))
    del resp.answers[q.id]
    assert _key(score(QN, resp)) == explained


@SETTINGS
@given(responses(), st.data())
def test_a_better_option_never_lowers_its_dimensions(resp, data):
    # gates are left out: a better answer to a gate can show a further question, which counts 0 until answered
    candidates = [
        q
        for q in SCORED
        if q.type != "multiple_choice"
        and q.id in resp.answers
        and q.id not in GATES
        and resp.answers[q.id].value is not None
        and any((o.level or 0) > (q.option(resp.answers[q.id].value).level or 0) for o in q.options)
    ]
    if not candidates:
        return
    q = data.draw(st.sampled_from(candidates))
    current = q.option(resp.answers[q.id].value).level or 0
    better = data.draw(st.sampled_from([o.id for o in q.options if (o.level or 0) > current]))
    before = score(QN, resp)
    resp.answers[q.id] = Answer(value=better)
    after = score(QN, resp)
    for dim in q.scores:
        assert after.dimension(dim).score >= before.dimension(dim).score - 1e-9, (q.id, dim)


@SETTINGS
@given(responses(), st.data())
def test_not_applicable_elsewhere_leaves_other_dimensions_alone(resp, data):
    candidates = [q for q in SCORED if q.not_applicable and q.id not in GATES]
    q = data.draw(st.sampled_from(candidates))
    before = score(QN, resp)
    resp.answers[q.id] = Answer(not_applicable=True)
    after = score(QN, resp)
    for d in after.dimensions:
        if d.id not in q.scores:
            assert d.score == before.dimension(d.id).score
            assert d.completeness == before.dimension(d.id).completeness


def test_the_strategy_reaches_every_size_class():
    # a guard that the property tests exercise the size-dependent questions at all
    assert {q.id for q in QN.iter_questions() if q.size_classes}
    assert any(q.not_applicable for q in SCORED)


@pytest.mark.parametrize("size", sorted(SIZES))
def test_empty_response_has_no_scores(size):
    employees, turnover, balance = SIZES[size]
    resp = Response(
        QN.id, QN.version, "2026", Company(id="e", employees=employees, turnover=turnover, balance_sheet=balance)
    )
    card = score(QN, resp)
    assert all(d.score is None and d.provisional and d.completeness == 0 for d in card.dimensions)
    assert card.overall_score is None and card.overall_provisional
    assert all(c.status == "open" for c in card.coverage)
    # skipped questions get a next step too: answering them
    assert card.recommendations and all(r.kind == "answer" for r in card.recommendations)
