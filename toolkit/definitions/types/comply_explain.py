"""``comply_explain``: the DNK declaration of a criterion, ``comply`` (we report on this) or ``explain`` (we
explain why not, with the explanation as part of the answer)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from toolkit.definitions.types.base import DemoContext
from toolkit.definitions.types.one_option import OneOptionType

if TYPE_CHECKING:
    from toolkit.definitions.model import Question


class ComplyExplain(OneOptionType):
    name = "comply_explain"
    option_rule = "fixed"
    fixed_options = ("comply", "explain")
    default_labels: ClassVar[dict[str, dict[str, str]]] = {
        "comply": {"de": "Wir berichten dazu", "en": "We report on this"},
        "explain": {"de": "Wir erklären, warum nicht", "en": "We explain why not"},
    }
    declaration = True
    cannot_answer = False  # answering 'explain' is the way to say why not
    inline = True

    def needs_explanation(self, q: Question, value: Any) -> bool:
        return isinstance(value, str) and value == "explain"

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        handled, answer = ctx.preset(q)
        if handled:
            return answer
        if not q.scored and {"comply", "explain"} <= set(q.option_ids):
            return ctx.declaration(q)
        return ctx.choice(q)


TYPE = ComplyExplain()
