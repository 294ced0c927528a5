"""The network's improvement agenda (issue 14, item 4): ranked by what the network would gain on the overall
score (the exact effect of each company's next step, from the scorecards), shown as the share of companies with
a gap, with a suggested workshop topic from the questionnaire (``workshop_topic``, validated by the loader)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.cohort import from_frame, improvement_agenda, load_cohort
from toolkit.cohort.agenda import workshop_topic
from toolkit.cohort.table import question_rows
from toolkit.definitions.loader import MAX_TOPIC_CHARS, check_questionnaire, load_questionnaire
from toolkit.errors import Code, QuestionnaireError
from toolkit.responses import load_response
from toolkit.scoring.scores import MAX_RECOMMENDATIONS, score

from .conftest import DATA, EXAMPLES

MINI = DATA / "questionnaires" / "minimal.yaml"


def test_the_agenda_ranks_by_the_gain_on_the_overall_score() -> None:
    """A question with many open points in a dimension that does not count for the overall score ranks below
    one whose next steps move the overall score more (the agenda used to rank by open points)."""
    companies, questions = [], []
    for i in range(6):
        cid = f"c{i}"
        companies.append({"company_id": cid, "network": "Nord", "round": "2026", "score_energy": 50.0})
        # 'workforce': 40 points open each, but its next step moves the overall score by 0.1 only
        questions.append(
            {
                "company_id": cid,
                "round": "2026",
                "question": "workforce",
                "potential": 40.0,
                "gain": 20.0,
                "overall_gain": 0.1,
            }
        )
        # 'energy': 5 points open each, and its next step adds 1.5 to the overall score
        questions.append(
            {
                "company_id": cid,
                "round": "2026",
                "question": "energy",
                "potential": 5.0,
                "gain": 4.5,
                "overall_gain": 1.5,
            }
        )
    agenda = improvement_agenda(from_frame(pd.DataFrame(companies), ["energy"], questions=pd.DataFrame(questions)))
    assert list(agenda["question"]) == ["energy", "workforce"]
    first = agenda.iloc[0]
    assert first["overall_gain"] == pytest.approx(9.0)  # 6 companies x 1.5
    assert first["group_mean_gain"] == pytest.approx(1.5)  # the mean overall score of the 6 rises by 1.5
    assert (first["companies"], first["answered"], first["share_gap"]) == (6, 6, 1.0)


@pytest.mark.parametrize("name", ["manufacturer.json", "micro-craft-firm.json", "service-firm.json"])
def test_question_gains_are_the_scorecards_exact_steps(qn, name: str) -> None:
    """Each question's ``overall_gain`` is the scorecard's own next step on it, for every step (not only the
    ten a report shows): the sum over the agenda is what the network gains."""
    resp = load_response(EXAMPLES / name, qn)
    card = score(qn, resp, steps=None)
    rows = {r["question"]: r for r in question_rows(qn, card, resp)}
    steps = {r.question: r for r in card.recommendations}
    assert len(steps) >= len(score(qn, resp).recommendations)
    counted = [q for q in steps if q in rows]
    assert counted
    for q in counted:
        assert rows[q]["overall_gain"] == pytest.approx(steps[q].overall_gain)
        assert rows[q]["gain"] == pytest.approx(steps[q].gain)
    assert all(r["overall_gain"] == 0 for q, r in rows.items() if q not in steps)
    # the default scorecard keeps the first ten; their effects are the same
    for rec in score(qn, resp).recommendations:
        assert rec.overall_gain == pytest.approx(steps[rec.question].overall_gain)


def test_the_cohort_keeps_every_step_not_only_the_first_ten(tmp_path: Path, qn) -> None:
    """Loading a cohort scores with every step: a company with more than ten possible steps has a gain on
    more than ten questions."""
    import shutil

    for name in ("manufacturer.json", "micro-craft-firm.json", "service-firm.json"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    cohort = load_cohort(tmp_path, qn)
    assert not cohort.invalid
    per_company = cohort.questions[cohort.questions["overall_gain"] > 0].groupby("company_id").size()
    assert per_company.max() > MAX_RECOMMENDATIONS


def test_every_scored_question_of_the_shipped_questionnaire_has_a_workshop_topic(qn) -> None:
    for q in qn.iter_questions():
        if q.scored:
            assert set(q.workshop_topic) == {"de", "en"}, q.id
            assert all(0 < len(t) <= MAX_TOPIC_CHARS for t in q.workshop_topic.values()), q.id
        else:
            assert not q.workshop_topic, q.id
    assert workshop_topic(qn.question("en_metering"))["de"] == "Energieverbrauch messen: Zähler, Ablesung, Auswertung"


def test_without_a_topic_the_first_step_stands_in() -> None:
    mini = load_questionnaire(MINI)
    assert workshop_topic(mini.question("en_metering")) == {
        "de": "Zählerstände monatlich notieren",
        "en": "Note meter readings monthly",
    }


def _mini_with(tmp_path: Path, after: str, lines: str) -> tuple[Path, int]:
    """The minimal questionnaire with ``lines`` inserted after the line ``after``; and the first inserted
    line's number."""
    text = MINI.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(text) if line.strip() == after.strip()) + 1
    indent = " " * (len(text[at - 1]) - len(text[at - 1].lstrip()))
    text[at:at] = [indent + line for line in lines.splitlines()]
    path = tmp_path / "mini.yaml"
    path.write_text("\n".join(text) + "\n", encoding="utf-8")
    return path, at + 1


def test_a_workshop_topic_loads_into_the_question(tmp_path: Path) -> None:
    path, _ = _mini_with(
        tmp_path,
        "scores: {energy: 2, reporting: 1}",
        'workshop_topic: {de: "Energie messen", en: "Measuring energy"}',
    )
    qn = load_questionnaire(path)
    assert qn.question("en_metering").workshop_topic == {"de": "Energie messen", "en": "Measuring energy"}


def test_a_workshop_topic_on_an_unscored_question_is_a_located_error(tmp_path: Path) -> None:
    path, line = _mini_with(
        tmp_path,
        'text: {de: "Haben Sie Firmenfahrzeuge?", en: "Do you run company vehicles?"}',
        'workshop_topic: {de: "Fuhrpark", en: "Fleet"}',
    )
    _, errors, _ = check_questionnaire(path)
    assert [e.code for e in errors] == [Code.Q045.code]
    assert errors[0].location.line == line and "not scored" in str(errors[0]) and "en_has_vehicles" in str(errors[0])
    with pytest.raises(QuestionnaireError):
        load_questionnaire(path)


def test_a_long_or_untranslated_workshop_topic_is_reported(tmp_path: Path) -> None:
    long = "Ein sehr langer Workshop-Titel, der nicht mehr in eine Zeile der Agenda passt, weil er zu viel sagt"
    path, line = _mini_with(
        tmp_path, "scores: {energy: 2, reporting: 1}", f'workshop_topic: {{de: "{long}", en: "Energy"}}'
    )
    qn, errors, warnings = check_questionnaire(path)
    assert not errors and qn is not None
    w009 = [w for w in warnings if w.code == Code.W009.code]
    assert len(w009) == 1 and w009[0].location.line == line and str(len(long)) in str(w009[0])
    path, line = _mini_with(tmp_path, "scores: {energy: 2, reporting: 1}", 'workshop_topic: {en: "Energy"}')
    _, errors, _ = check_questionnaire(path)
    assert [e.code for e in errors] == [Code.Q060.code]
