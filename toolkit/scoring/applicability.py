"""Which questions apply to a company: show_if conditions and size classes. Pure functions.

A question is *shown* when its size class fits and every condition holds for the answers given; *hidden* when
the size class does not fit or a condition is decided false (the question it refers to is hidden, answered
"not applicable", or answered otherwise); *pending* when a condition cannot be decided yet because the question
it refers to is still open. The form shows only shown questions; the score counts shown and pending ones (a
pending question counts 0 points until its gate is answered), so leaving a gate open never pays.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.definitions import units as U
from toolkit.definitions.model import Condition, Operand, Question, Questionnaire
from toolkit.responses import Answer, Company

SHOWN, PENDING, HIDDEN = "shown", "pending", "hidden"


def condition_holds(cond: Condition, target: Question, answer: Answer | None) -> bool:
    if answer is None or answer.not_applicable or not answer.answered:
        return False
    value = answer.value
    if cond.op == "answered":
        return bool(cond.value)
    if cond.op == "equals":
        return str(cond.value) in value if isinstance(value, list) else bool(value == cond.value)
    if cond.op == "in":
        wanted = {str(v) for v in cond.value}
        return bool(wanted & set(value)) if isinstance(value, list) else value in wanted
    if cond.op in ("gt", "lt") and isinstance(value, int | float):
        number = float(value)
        if answer.unit and target.unit and U.same_kind(answer.unit, target.unit):
            number = U.convert(number, answer.unit, target.unit)
        return bool(number > cond.value if cond.op == "gt" else number < cond.value)
    return False


def decided(answer: Answer | None) -> bool:
    """The answer settles a condition: a value or "not applicable" (an open or explained question does not)."""
    return answer is not None and answer.answered


def canonical_number(q: Question, answer: Answer | None) -> float | None:
    """The number answered to ``q`` in the question's own unit, or None."""
    if answer is None or answer.not_applicable or isinstance(answer.value, bool):
        return None
    if not isinstance(answer.value, int | float):
        return None
    number = float(answer.value)
    if answer.unit and q.unit and answer.unit != q.unit and U.same_kind(answer.unit, q.unit):
        number = U.convert(number, answer.unit, q.unit)
    return number


def evaluate(
    cond: Condition, qn: Questionnaire, answers: Mapping[str, Answer], company: Company | None = None
) -> bool | None:
    """Whether ``cond`` holds (True / False), or None when it cannot be decided because an answer it needs is
    open. Covers every condition operator of show_if, checks, requires and comply_when."""
    target = qn.question(cond.question)
    answer = answers.get(cond.question)
    if target is None:
        return False
    if not decided(answer):
        return None
    assert answer is not None
    if answer.not_applicable:
        return False
    value: Any = answer.value
    if cond.op == "answered":
        return bool(cond.value)
    if cond.op in ("equals", "in"):
        return condition_holds(cond, target, answer)
    if cond.op in ("min_level", "max_level"):
        opt = target.option(value) if isinstance(value, str) else None
        if opt is None or opt.level is None:
            return False
        return bool(opt.level >= cond.value if cond.op == "min_level" else opt.level <= cond.value)
    if cond.op == "min_count":
        chosen = [v for v in value if v not in target.exclusive_options] if isinstance(value, list) else []
        return bool(len(chosen) >= cond.value)
    if cond.op in ("gt", "lt"):
        left = canonical_number(target, answer)
        if left is None:
            return False
        right = _operand(cond.value, target, qn, answers, company)
        if right is None:
            return None
        return left > right if cond.op == "gt" else left < right
    return False


def _operand(
    value: Any, target: Question, qn: Questionnaire, answers: Mapping[str, Answer], company: Company | None
) -> float | None:
    if not isinstance(value, Operand):
        return float(value)
    if value.kind == "company":
        figure = getattr(company, value.ref, None) if company is not None else None
        return None if figure is None else float(figure) * value.times
    other = qn.question(value.ref)
    answer = answers.get(value.ref)
    if other is None or not decided(answer):
        return None
    number = canonical_number(other, answer)
    if number is None:
        return None
    if other.unit and target.unit and other.unit != target.unit:
        number = U.convert(number, other.unit, target.unit)
    return number * value.times


def question_states(qn: Questionnaire, answers: Mapping[str, Answer], size: str | None) -> dict[str, str]:
    """shown / pending / hidden for every question (see the module docstring)."""
    memo: dict[str, str] = {}

    def state(qid: str) -> str:
        if qid in memo:
            return memo[qid]
        memo[qid] = HIDDEN  # guards against cycles, which the validator rejects anyway
        q = qn.questions[qid]
        if q.size_classes and size is not None and size not in q.size_classes:
            return HIDDEN
        result = SHOWN
        for cond in q.show_if:
            target = qn.question(cond.question)
            if target is None:
                result = HIDDEN
                break
            gate = state(target.id)
            if gate == HIDDEN:
                result = HIDDEN
                break
            if gate == PENDING:
                result = PENDING
                continue
            holds = evaluate(cond, qn, answers)
            if holds is False:
                result = HIDDEN
                break
            if holds is None:
                result = PENDING
        memo[qid] = result
        return result

    return {qid: state(qid) for qid in qn.questions}


def visible_questions(qn: Questionnaire, answers: Mapping[str, Answer], size: str | None) -> set[str]:
    """Ids of the questions shown to this company: size class fits and every show_if condition holds
    (and the questions the conditions refer to are shown themselves)."""
    memo: dict[str, bool] = {}

    def shown(qid: str) -> bool:
        if qid in memo:
            return memo[qid]
        memo[qid] = False  # guards against cycles, which the validator rejects anyway
        q = qn.questions[qid]
        ok = not (q.size_classes and size is not None and size not in q.size_classes)
        for cond in q.show_if:
            if not ok:
                break
            target = qn.question(cond.question)
            ok = target is not None and shown(target.id) and condition_holds(cond, target, answers.get(target.id))
        memo[qid] = ok
        return ok

    return {qid for qid in qn.questions if shown(qid)}
