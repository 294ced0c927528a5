"""Which questions apply to a company: show_if conditions and size classes. Pure functions."""

from __future__ import annotations

from collections.abc import Mapping

from . import units as U
from .model import Condition, Question, Questionnaire
from .responses import Answer


def condition_holds(cond: Condition, target: Question, answer: Answer | None) -> bool:
    if answer is None or answer.not_applicable or not answer.answered:
        return False
    value = answer.value
    if cond.op == "answered":
        return bool(cond.value)
    if cond.op == "equals":
        return str(cond.value) in value if isinstance(value, list) else value == cond.value
    if cond.op == "in":
        wanted = {str(v) for v in cond.value}
        return bool(wanted & set(value)) if isinstance(value, list) else value in wanted
    if cond.op in ("gt", "lt") and isinstance(value, int | float):
        number = float(value)
        if answer.unit and target.unit and U.same_kind(answer.unit, target.unit):
            number = U.convert(number, answer.unit, target.unit)
        return number > cond.value if cond.op == "gt" else number < cond.value
    return False


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
