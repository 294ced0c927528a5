"""``text``: free text of at most 5,000 characters. Never scored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toolkit.definitions.model import tr
from toolkit.definitions.types.base import MAX_TEXT, DemoContext, Problem, QuestionType, WidgetContext
from toolkit.errors import Code

if TYPE_CHECKING:
    from toolkit.definitions.model import Question


class FreeText(QuestionType):
    name = "text"
    invalid_message = "err_too_long"

    def value_problem(self, q: Question, value: Any, unit: str | None) -> Problem | None:
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            return Code.R014, {
                "id": q.id,
                "expected": f"a text of at most {MAX_TEXT} characters",
                "found": type(value).__name__,
            }
        return None

    def widget(self, ctx: WidgetContext) -> list[Any]:
        ctx.text = ctx.kit.textarea(
            "sme-textarea", placeholder=ctx.wording("text_placeholder"), label=tr(ctx.q.text, ctx.lang)
        )
        ctx.text.observe(ctx.changed, names="value")
        return [ctx.text]

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        return ctx.text(q)


TYPE = FreeText()
