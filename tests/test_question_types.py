"""Question types as a registry: a new kind of question needs only its own module and a place in the registry.

The first test defines a kind of question the toolkit does not ship ("rating": one to five stars) in this file
only, registers it, and takes it through everything a question goes through: the questionnaire YAML, a response
file, the scorecard, the cohort's question table, the participant form, the company report and the demo
generator. Nothing outside this file knows the type. The other tests check that every shipped type implements
every hook and that the registry and the questionnaire guide list the same types.
"""

from __future__ import annotations

import copy
import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

from toolkit.definitions.factors import load_factors
from toolkit.definitions.loader import check_questionnaire, load_questionnaire
from toolkit.definitions.model import Question
from toolkit.definitions.types import registry
from toolkit.definitions.types.base import (
    DefinitionContext,
    DemoContext,
    InputProblem,
    LabelContext,
    Problem,
    QuestionType,
    WidgetContext,
)
from toolkit.errors import Code, ResponseError

from .conftest import DATA, QUESTIONNAIRE, ROOT

MINIMAL = DATA / "questionnaires" / "minimal.yaml"
MINI_RESPONSE = DATA / "mini-response.json"

RATING_QUESTION = """
          - id: en_satisfaction
            type: stars
            text: {de: "Wie zufrieden sind Sie mit Ihrem Energiemanagement?", en: "How content are you with it?"}
            scores: {energy: 1}
"""


class Stars:
    """The rating's own input: five toggle buttons (a Control of the form)."""

    def __init__(self, ctx: WidgetContext) -> None:
        self.buttons = ctx.kit.make(
            ctx.ipywidgets.ToggleButtons,
            options=[("★" * n, n) for n in range(1, 6)],
            value=None,
            classes=("sme-stars",),
        )
        self.buttons.observe(ctx.changed, names="value")
        self.widgets = [self.buttons]

    def value(self) -> Any:
        if self.buttons.value == 1 and getattr(self, "refuse_one", False):
            raise InputProblem("one star is not an answer here")
        return self.buttons.value

    def show(self, value: Any) -> None:
        self.buttons.value = value if value in range(1, 6) else None

    def set_disabled(self, disabled: bool) -> None:
        self.buttons.disabled = disabled


class Rating(QuestionType):
    """One to five stars; earns (stars - 1) / 4. Always scored."""

    name = "rating"
    aliases = ("stars",)
    scorable = True

    def check_definition(
        self, raw: dict[str, Any], path: tuple[Any, ...], qid: str, b: DefinitionContext
    ) -> dict[str, Any]:
        if "scores" not in raw:
            b.err(Code.Q010, path, what=f"rating question '{qid}'", key="scores")
        return {}

    def value_problem(self, q: Question, value: Any, unit: str | None) -> Problem | None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            return Code.R014, {"id": q.id, "expected": "1 to 5 stars", "found": repr(value)}
        return None

    def fraction(self, q: Question, value: Any) -> float | None:
        return (value - 1) / 4 if isinstance(value, int) else None

    def best_fraction(self, q: Question) -> float:
        return 1.0

    def widget(self, ctx: WidgetContext) -> list[Any]:
        ctx.control = Stars(ctx)
        return ctx.control.widgets

    def answer_label(self, q: Question, value: Any, ctx: LabelContext) -> str:
        return "★" * value if isinstance(value, int) else ctx.dash

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        from toolkit.responses import Answer

        handled, answer = ctx.preset(q)
        if handled:
            return answer
        return Answer(value=min(5, max(1, 1 + round(ctx.level(q)))), changed_at=ctx.stamp)


def _with_rating(tmp_path: Path, question: str = RATING_QUESTION, name: str = "rated.yaml") -> Path:
    """The small test questionnaire with a rating question added to criterion 11."""
    text = MINIMAL.read_text(encoding="utf-8")
    anchor = "          - id: en_has_vehicles\n"
    assert anchor in text
    path = tmp_path / name
    path.write_text(text.replace(anchor, question.lstrip("\n") + anchor), encoding="utf-8")
    return path


def _response(tmp_path: Path, stars: Any) -> tuple[Path, dict[str, Any]]:
    doc = json.loads(MINI_RESPONSE.read_text(encoding="utf-8"))
    doc["answers"]["en_satisfaction"] = {"value": stars, "changed_at": "2026-03-10T14:05:00+00:00"}
    path = tmp_path / "rated-response.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path, doc


def test_a_new_question_type_needs_only_its_own_module_and_the_registry(tmp_path: Path) -> None:
    from toolkit.cohort.table import question_rows
    from toolkit.demo.answers import AnswerModel
    from toolkit.demo.companies import make_companies
    from toolkit.form.kit import Kit
    from toolkit.form.table_input import input_class
    from toolkit.report.view import ReportView
    from toolkit.responses import parse_response
    from toolkit.scoring.scores import score

    qn_path = _with_rating(tmp_path)
    _, errors, _ = check_questionnaire(qn_path)
    assert [p.code for p in errors] == ["Q021"]  # unknown before it is registered

    with registry.registered(Rating()):
        # the questionnaire: the alias is read, the type's own check runs
        qn = load_questionnaire(qn_path)
        q = qn.question("en_satisfaction")
        assert q is not None and q.type == "rating" and q.scored
        unscored = _with_rating(
            tmp_path, RATING_QUESTION.replace("            scores: {energy: 1}\n", ""), "unscored.yaml"
        )
        _, errors, _ = check_questionnaire(unscored)
        assert [(p.code, "rating question 'en_satisfaction'" in p.message) for p in errors] == [("Q010", True)]

        # a response: parsed, checked and scored by the type
        resp_path, doc = _response(tmp_path, 4)
        resp = parse_response(doc, qn, str(resp_path))
        assert resp.answers["en_satisfaction"].value == 4
        bad = copy.deepcopy(doc)
        bad["answers"]["en_satisfaction"]["value"] = 7
        with pytest.raises(ResponseError) as refused:
            parse_response(bad, qn, "bad.json")
        assert [p.code for p in refused.value.problems] == ["R014"]
        assert "1 to 5 stars" in refused.value.problems[0].message

        card = score(qn, resp)
        energy = next(d for d in card.dimensions if d.id == "energy")
        rated = next(c for c in energy.contributions if c.question == "en_satisfaction")
        assert rated.fraction == pytest.approx(0.75)
        assert rated.points == pytest.approx(0.75 * rated.max_points)

        # the cohort's question table: the points still open
        row = next(r for r in question_rows(qn, card, resp) if r["question"] == "en_satisfaction")
        assert row["potential"] == pytest.approx(0.25 * rated.max_points)

        # the form: the type's own input shows the saved answer and gives back what is chosen
        saved = []
        inp = input_class(q)(q, resp.answers["en_satisfaction"], "de", saved.append, Kit())
        assert isinstance(inp.control, Stars) and inp.control.buttons in inp.inputs
        assert inp.control.buttons.value == 4
        inp.control.buttons.value = 2
        assert saved and saved[-1] is inp
        answer, message = inp.compose()
        assert message is None and answer is not None and answer.value == 2
        inp.control.refuse_one = True  # type: ignore[attr-defined]
        inp.control.buttons.value = 1
        assert inp.compose() == (None, "one star is not an answer here")
        inp.na.value = False
        inp.cannot.value = True
        assert inp.control.buttons.disabled

        # the company report writes the answer the type's way
        view = ReportView.load(resp_path, qn_path, lang="en")
        assert view.answer_label(q, resp.answers["en_satisfaction"]) == "★★★★"

        # the demo generator answers it as a simulated company
        model = AnswerModel(qn, load_factors(), seed=7)
        company = make_companies(7, subset=1)[0]
        demo = model.answer(company, q, company.rounds[0], random.Random(1))
        assert demo is not None and demo.value in range(1, 6) and demo.changed_at

    assert registry.find("rating") is None  # gone again after the block
    assert "rating" not in registry.names()


# ---- the shipped types -----------------------------------------------------------------------------------------
class _Label:
    """A stand-in for the company report (LabelContext)."""

    lang = "en"
    dash = "–"

    def option_label(self, q: Question, option_id: str) -> str:
        return f"<{option_id}>"

    def wording(self, key: str, **fields: Any) -> str:
        return f"[{key}]"

    def rows(self, n: int) -> str:
        return f"{n} rows"


def _sample_value(q: Question) -> Any:
    kind = registry.get(q.type)
    if kind.counted:
        return [q.options[0].id]
    if q.options:
        return q.options[0].id
    if kind.numeric:
        return q.min if q.min is not None else 0
    if kind.tabular:
        return []
    return "a text"


def test_every_shipped_type_implements_every_hook(qn) -> None:
    from toolkit.demo.answers import AnswerModel
    from toolkit.demo.companies import make_companies
    from toolkit.form.kit import Kit
    from toolkit.form.table_input import input_class

    base = QuestionType
    shipped = set(registry.names())
    used = {q.type for q in qn.iter_questions()}
    assert used == shipped, "the shipped questionnaire asks every kind of question"
    model = AnswerModel(qn, load_factors(), seed=3)
    company = make_companies(3, subset=1)[0]
    for name in registry.names():
        kind = registry.get(name)
        assert kind.name == name
        for hook in QuestionType.HOOKS:
            assert callable(getattr(kind, hook)), (name, hook)
        for hook in ("value_problem", "widget", "demo_answer"):  # the base has no default for these
            assert getattr(type(kind), hook) is not getattr(base, hook), (name, hook)
        if kind.scorable:
            for hook in ("fraction", "best_fraction", "next_step"):
                assert getattr(type(kind), hook) is not getattr(base, hook), (name, hook)
        q = next(q for q in qn.iter_questions() if q.type == name)
        value = _sample_value(q)
        assert kind.value_problem(q, value, q.unit) is None, (name, value)
        assert isinstance(kind.answer_label(q, value, _Label()), str)
        if q.scored:
            assert 0.0 <= (kind.fraction(q, value) or 0.0) <= kind.best_fraction(q) <= 1.0
        inp = input_class(q)(q, None, "en", lambda _i: None, Kit())
        assert inp.inputs, name
        demo = model.answer(company, q, company.rounds[-1], random.Random(5))
        assert demo is None or demo.not_applicable or kind.value_problem(q, demo.value, demo.unit) is None, name


def test_the_registry_lists_the_types_of_the_questionnaire_guide() -> None:
    guide = (ROOT / "questionnaires" / "README.md").read_text(encoding="utf-8")
    section = guide.split("### Question types", 1)[1].split("\n### ", 1)[0]
    documented = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)
    assert sorted(documented) == sorted(registry.names())
    aliases = dict(re.findall(r"`([a-z_]+)` = `([a-z_]+)`", section))
    assert aliases == {alias: t.name for t in map(registry.get, registry.names()) for alias in t.aliases}


def test_no_module_outside_the_types_tests_the_type_name() -> None:
    """Kinds of question differ only in their type modules: nowhere else does the code compare ``q.type``
    with a question type's name (columns of a table, which are not questions, may be compared)."""
    pattern = re.compile(r"\bq\.type\s*(==|!=|in\b|not in\b)")
    offenders = []
    for path in sorted((ROOT / "toolkit").rglob("*.py")):
        if "types" in path.relative_to(ROOT / "toolkit").parts[:2]:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_the_registry_is_the_list_the_loader_offers(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("type: maturity", "type: maturty", 1)
    path = tmp_path / "typo.yaml"
    path.write_text(text, encoding="utf-8")
    _, errors, _ = check_questionnaire(path)
    assert [p.code for p in errors] == ["Q021"]
    assert "'maturity'" in errors[0].fix and ", ".join(registry.names()) in errors[0].fix


def test_the_definitions_layer_does_not_load_the_form_or_ipywidgets() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from toolkit.definitions.types import registry; "
        "from toolkit.definitions.loader import load_questionnaire; "
        f"load_questionnaire({str(QUESTIONNAIRE)!r}); "
        "bad = [m for m in sys.modules if m == 'ipywidgets' or m.split('.')[:2] in "
        "(['toolkit', 'form'], ['toolkit', 'report'], ['toolkit', 'cohort'], ['toolkit', 'demo'])]; "
        "print(bad); assert not bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
