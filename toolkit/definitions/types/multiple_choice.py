"""``multiple_choice``: any number of options, each with points; earns ``min(sum of points, max_points) /
max_points`` (alias ``multi``). An option marked ``exclusive`` ("none of these") is never ticked with another."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.definitions.model import tr
from toolkit.definitions.types.base import DemoContext, LabelContext, Problem, QuestionType, WidgetContext
from toolkit.errors import Code, did_you_mean

if TYPE_CHECKING:
    from toolkit.definitions.model import Option, Question, Text


class MultipleChoice(QuestionType):
    name = "multiple_choice"
    aliases = ("multi",)
    scorable = True
    option_rule = "choices"
    option_measure = "points"
    exclusive_options = True
    counted = True
    form_hint = "choose_all"

    def value_problem(self, q: Question, value: Any, unit: str | None) -> Problem | None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return Code.R014, {"id": q.id, "expected": "a list of option ids", "found": repr(value)}
        for v in value:
            if v not in q.option_ids:
                return Code.R011, {
                    "value": v,
                    "id": q.id,
                    "suggestion": did_you_mean(v, q.option_ids),
                    "allowed": ", ".join(q.option_ids),
                }
        if len(set(value)) != len(value):
            return Code.R014, {"id": q.id, "expected": "each option at most once", "found": repr(value)}
        for v in q.exclusive_options:
            if v in value and len(value) > 1:
                return Code.R030, {"option": v, "id": q.id, "others": ", ".join(o for o in value if o != v)}
        return None

    def _top(self, q: Question) -> float:
        return q.max_points if q.max_points else sum(o.points or 0 for o in q.options)

    def fraction(self, q: Question, value: Any) -> float | None:
        if not isinstance(value, list):
            return None
        top = self._top(q)
        if top <= 0:
            return None
        got = 0.0
        for v in value:
            opt = q.option(v)
            if opt is not None:
                got += opt.points or 0
        return min(got, top) / top

    def best_fraction(self, q: Question) -> float:
        return 1.0

    def next_step(self, q: Question, value: Any) -> tuple[Option, Any] | None:
        chosen = [] if value is None else [v for v in value if v not in q.exclusive_options]
        top = q.max_points or sum(o.points or 0 for o in q.options)
        got = sum(o.points or 0 for o in q.options if o.id in chosen)
        pool = [o for o in q.options if o.id not in chosen and (o.points or 0) > 0 and not o.exclusive]
        if not pool or got >= top:
            return None
        nxt = max(pool, key=lambda o: o.points or 0)
        return nxt, [o.id for o in q.options if o.id in chosen or o.id == nxt.id]

    def step_source(self, q: Question, current: Option | None, nxt: Option) -> tuple[Text, Option]:
        return nxt.next_step, nxt

    def widget(self, ctx: WidgetContext) -> list[Any]:
        for o in ctx.q.options:
            cb = ctx.kit.checkbox(tr(o.label, ctx.lang), "sme-check", layout={"width": "100%"})
            cb.observe(ctx.changed, names="value")
            ctx.checks[o.id] = cb
        return list(ctx.checks.values())

    def answer_label(self, q: Question, value: Any, ctx: LabelContext) -> str:
        chosen = [ctx.option_label(q, v) for v in value or []]
        return "; ".join(chosen) if chosen else ctx.wording("no_selection")

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        handled, answer = ctx.preset(q)
        return answer if handled else ctx.options(q)


TYPE = MultipleChoice()
