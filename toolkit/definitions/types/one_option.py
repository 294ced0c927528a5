"""What the types answered with one option share: maturity ladders, single choice, yes/no and
comply-or-explain. Each of those has its own module; this one holds their common behaviour."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.definitions.types.base import DemoContext, Problem, QuestionType, WidgetContext, one_option_problem

if TYPE_CHECKING:
    from toolkit.definitions.model import Option, Question, Text


class OneOptionType(QuestionType):
    """An answer is one option id; a scored option carries a level 0-4 and earns ``level / 4``."""

    scorable = True
    option_rule = "choices"
    inline = False  # the options side by side (two short ones) rather than one under the other

    def value_problem(self, q: Question, value: Any, unit: str | None) -> Problem | None:
        return one_option_problem(q, value)

    def fraction(self, q: Question, value: Any) -> float | None:
        opt = q.option(value) if isinstance(value, str) else None
        if opt is None or opt.level is None:
            return None
        return opt.level / 4

    def best_fraction(self, q: Question) -> float:
        return max((o.level or 0) for o in q.options) / 4

    def next_step(self, q: Question, value: Any) -> tuple[Option, Any] | None:
        current = q.option(value) if isinstance(value, str) else None
        if value is not None and (current is None or current.level is None):
            return None
        floor = current.level if current is not None and current.level is not None else 0
        better = sorted((o for o in q.options if o.level is not None and o.level > floor), key=lambda o: o.level or 0)
        if not better:
            return None
        return better[0], better[0].id

    def step_source(self, q: Question, current: Option | None, nxt: Option) -> tuple[Text, Option]:
        if current is not None:
            return current.next_step or nxt.next_step, current
        lowest = min((o for o in q.options if o.level is not None), key=lambda o: o.level or 0)
        return lowest.next_step or nxt.next_step, lowest  # an open question: the first step, on its lowest option

    def widget(self, ctx: WidgetContext) -> list[Any]:
        k = ctx.kit
        inline = ("sme-inline",) if self.inline else ()
        ctx.radio = k.radio([(ctx.option_label(o.id), o.id) for o in ctx.q.options], "sme-radio", *inline)
        ctx.radio.observe(ctx.changed, names="value")
        ctx.clear = k.button(ctx.wording("clear_answer"), "sme-clear", own_layout=True, layout={"width": "auto"})
        ctx.clear.on_click(lambda _b: ctx.clear_choice())
        return [ctx.radio, ctx.clear]

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        handled, answer = ctx.preset(q)
        return answer if handled else ctx.choice(q)
