"""What every question type provides, and what the layers above hand a type when they need its help.

A question type (maturity ladder, choice, number, table ...) is one object with one module of its own under
:mod:`toolkit.definitions.types`. It holds everything the toolkit does differently for that kind of question:

* ``check_definition``: the checks of the question in the questionnaire YAML and the fields only this type has;
* ``value_problem``: what is wrong with an answer value (the response parser and the form both ask);
* ``fraction`` / ``best_fraction`` / ``next_step`` / ``step_source``: the score an answer earns and the next
  better answer the report proposes;
* ``widget``: the input fields of the participant form;
* ``answer_label``: the answer as the company report shows it;
* ``demo_answer``: the answer a simulated demo company gives;
* ``best_fraction`` also gives the cohort's question table its column of points each company can still gain.

The rest of the toolkit asks ``registry.get(q.type).<hook>(...)`` (and ``registry.fraction(q, value)`` for a
score) and never compares ``q.type`` with a name; attributes of the type (below) say what its answers are.

The form, the report and the demo generator sit above this layer, so a type never imports them: each passes
a small context object in (:class:`WidgetContext`, :class:`LabelContext`, :class:`DemoContext`) with the few
things the type needs from it. Widgets come from the form's kit and the widget library the form hands over,
so the definitions layer never imports the form, the report, the demo or ipywidgets (an import contract checks).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from toolkit.errors import Code, did_you_mean

if TYPE_CHECKING:
    from toolkit.definitions.model import Option, Question, Text

MAX_TEXT = 5000  # the longest text answer, explanation, note or table cell (characters)

Problem = tuple[Code, dict[str, Any]]  # an error code and its fields, located by the caller


class DefinitionContext(Protocol):
    """What the questionnaire loader offers a type while it checks one question of the YAML file: located
    errors and the loader's readers of the common parts (mappings, lists, ids, texts, numbers, units, options)."""

    src: Any  # the YAML source, for locations

    def err(self, code: Code, path: tuple[Any, ...], at_key: bool = False, **fields: Any) -> None: ...

    def mapping(
        self, node: Any, path: tuple[Any, ...], what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Any] | None: ...

    def seq(self, node: Any, path: tuple[Any, ...], what: str) -> list[Any]: ...

    def ident(self, node: Any, path: tuple[Any, ...], kind: str) -> str | None: ...

    def text(self, node: Any, path: tuple[Any, ...], what: str, required: bool = True) -> Text: ...

    def number(self, node: Any, path: tuple[Any, ...], what: str) -> float | None: ...

    def units(self, q: dict[str, Any], p: tuple[Any, ...]) -> tuple[str | None, tuple[str, ...]]: ...

    def options(self, node: Any, path: tuple[Any, ...], qtype: str, scored: bool) -> tuple[Option, ...]: ...


class WidgetContext(Protocol):
    """What the participant form offers a type to build the input fields of one question.

    The type builds its widgets with ``kit`` and keeps the handles the form reads back in the fields below
    (``radio`` for one option, ``checks`` for several, ``number`` and ``unit`` or ``fixed_unit`` for an
    amount, ``text`` for free text); a type with an input of its own sets ``control`` instead (see
    :class:`Control`). Every field reports its changes to ``changed``.
    """

    q: Question
    lang: str
    kit: Any  # the form's widget factory (toolkit.form.kit.Kit)
    ipywidgets: Any  # the widget library itself: the definitions layer never imports it
    radio: Any
    checks: dict[str, Any]
    number: Any
    unit: Any
    text: Any
    clear: Any
    fixed_unit: str | None
    control: Control | None

    def wording(self, key: str, **fields: Any) -> str: ...  # the form's text for ``key`` in ``lang``

    def option_label(self, option_id: str) -> str: ...

    def unit_name(self, unit: str | None) -> str: ...

    def changed(self, change: dict[str, Any] | None = None) -> None: ...

    def clear_choice(self) -> None: ...

    def rows_editor(self) -> list[Any]: ...  # the form's editor of rows, one card per row (table questions)


class InputProblem(ValueError):
    """What a participant typed into a type's own input cannot be read; the message says why, in their language."""


class Control(Protocol):
    """An input of a type's own making: the form shows ``widgets`` and reads and sets the value through it."""

    widgets: list[Any]

    def value(self) -> Any: ...  # None when empty; raises InputProblem when the input cannot be read

    def show(self, value: Any) -> None: ...

    def set_disabled(self, disabled: bool) -> None: ...


class LabelContext(Protocol):
    """What the company report offers a type to write an answer in the report's language."""

    lang: str
    dash: str  # what the report shows for no answer

    def option_label(self, q: Question, option_id: str) -> str: ...

    def wording(self, key: str, **fields: Any) -> str: ...  # the report's text for ``key``

    def rows(self, n: int) -> str: ...  # "n rows"


class DemoContext(Protocol):
    """What the demo generator offers a type to answer one question as one simulated company."""

    stamp: str  # when the answer was given

    def preset(self, q: Question) -> tuple[bool, Any]: ...  # (True, answer or None) when the company's facts decide

    def number(self, q: Question) -> Any: ...

    def text(self, q: Question) -> Any: ...

    def options(self, q: Question) -> Any: ...  # an answer ticking the options of several the company has

    def declaration(self, q: Question) -> Any: ...  # a comply-or-explain declaration

    def choice(self, q: Question) -> Any: ...  # one option, as mature as the company is

    def level(self, q: Question) -> float: ...  # how mature the company is on ``q`` (about 0-4) this round

    def rows(self, q: Question) -> Any: ...


class QuestionType:
    """The behaviour of one kind of question. Subclasses override what differs; see the module docstring.

    Class attributes describe the type for the loader and the form:

    * ``scorable``: may carry ``scores:`` (earns points);
    * ``option_rule``: ``"none"`` (takes no options), ``"choices"`` (needs at least two) or ``"fixed"`` (exactly
      ``fixed_options``, with ``default_labels`` when left out);
    * ``option_measure``: what a scored option carries, ``"level"`` (0-4) or ``"points"``;
    * ``exclusive_options``: options may be marked ``exclusive`` ("none of these");
    * ``numeric``: the answer is an amount with a unit (``gt``/``lt`` conditions compare it);
    * ``counted``: the answer is a list of options (``min_count`` conditions count it);
    * ``top_evidence``: the loader warns when the top option asks for no evidence;
    * ``declaration``: the criterion's DNK comply-or-explain declaration (one per criterion);
    * ``cannot_answer``: the form offers "cannot answer" with an explanation;
    * ``form_hint``: a key of the form's wording shown under the question text (or None);
    * ``invalid_message``: a key of the form's wording for a value of the wrong kind (or None: generic text);
    * ``tabular``: the answer is rows of the question's columns (the form edits them with its row editor).
    """

    name: str = ""
    aliases: tuple[str, ...] = ()  # other names the YAML may use for the type
    scorable = False
    option_rule = "none"
    fixed_options: tuple[str, ...] = ()
    default_labels: ClassVar[dict[str, dict[str, str]]] = {}  # labels of fixed options the YAML may leave out
    option_measure = "level"
    exclusive_options = False
    numeric = False
    counted = False
    top_evidence = False
    declaration = False
    cannot_answer = True
    form_hint: str | None = None
    invalid_message: str | None = None
    tabular = False

    HOOKS = (
        "check_definition",
        "value_problem",
        "needs_explanation",
        "fraction",
        "best_fraction",
        "next_step",
        "step_source",
        "widget",
        "answer_label",
        "demo_answer",
    )

    def __repr__(self) -> str:
        return f"<question type {self.name}>"

    # ---- the questionnaire definition ---------------------------------------------------------------------
    def check_definition(
        self, raw: dict[str, Any], path: tuple[Any, ...], qid: str, b: DefinitionContext
    ) -> dict[str, Any]:
        """Check the fields only this type has; the model fields they give (``unit``, ``columns`` ...)."""
        return {}

    # ---- an answer -------------------------------------------------------------------------------------------
    def value_problem(self, q: Question, value: Any, unit: str | None) -> Problem | None:
        """What is wrong with ``value`` (not None) as an answer to ``q``, or None."""
        raise NotImplementedError

    def needs_explanation(self, q: Question, value: Any) -> bool:
        """Whether ``value`` is only complete with an explanation (comply-or-explain answered 'explain')."""
        return False

    # ---- scoring ---------------------------------------------------------------------------------------------
    def fraction(self, q: Question, value: Any) -> float | None:
        """The share 0..1 of the question's weight that ``value`` earns, or None when it cannot be scored."""
        return None

    def best_fraction(self, q: Question) -> float:
        """The share the best answer earns (the cohort table's points still open start from it)."""
        return 0.0

    def next_step(self, q: Question, value: Any) -> tuple[Option, Any] | None:
        """The next better option from the answer ``value`` (None: still open) and the answer it leads to."""
        return None

    def step_source(self, q: Question, current: Option | None, nxt: Option) -> tuple[Text, Option]:
        """The text of the step to ``nxt`` and the option whose effort, cost and time describe it."""
        return nxt.next_step, nxt

    # ---- the upper layers, through their contexts ----------------------------------------------------------
    def widget(self, ctx: WidgetContext) -> list[Any]:
        """The input fields of the participant form for ``ctx.q``."""
        raise NotImplementedError

    def answer_label(self, q: Question, value: Any, ctx: LabelContext) -> str:
        """An answer value as the company report shows it."""
        if isinstance(value, str):
            return ctx.option_label(q, value)
        if value is None:
            return ctx.dash
        return str(value)

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        """The answer (a :class:`toolkit.responses.Answer`, or None for none) of a simulated company."""
        raise NotImplementedError


# ---- shared by several types -------------------------------------------------------------------------------
def one_option_problem(q: Question, value: Any) -> Problem | None:
    """An answer that must be one of the question's option ids."""
    if not isinstance(value, str):
        return Code.R014, {"id": q.id, "expected": "one option id", "found": repr(value)}
    if value not in q.option_ids:
        return Code.R011, {
            "value": value,
            "id": q.id,
            "suggestion": did_you_mean(value, q.option_ids),
            "allowed": ", ".join(q.option_ids),
        }
    return None


def plain_number(v: float | None) -> str:
    """A bound or value as people write it: 50,000,000; 4,761,904.76; 0.005; 1e+300 (never 300 digits)."""
    if v is None:
        return "-"
    if not math.isfinite(v) or abs(v) >= 1e15:
        return f"{v:.6g}"
    if v == int(v):
        return f"{v:,.0f}"
    if abs(v) >= 1:
        return f"{v:,.2f}".rstrip("0").rstrip(".")
    return f"{v:.3g}"
