"""The typed questionnaire model. Built by :mod:`toolkit.loader`; every node keeps its source location."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import Location, Problem

Text = dict[str, str]  # language -> text

SCORED_TYPES = ("maturity", "single_choice", "multiple_choice", "yes_no", "comply_explain")
QUESTION_TYPES = (*SCORED_TYPES, "number", "text", "table")
COLUMN_TYPES = ("text", "number", "single_choice")  # the cells of a table question
SIZE_CLASSES = ("micro", "small", "medium", "large")
AREA_IDS = ("strategy", "process", "environment", "society")
HEADLINE_DIMENSIONS = ("energy", "supply_chain", "reporting")


def tr(text: Text | None, lang: str, fallback: str = "de") -> str:
    """The text in ``lang``, else in the fallback language, else ''."""
    if not text:
        return ""
    return text.get(lang) or text.get(fallback) or next(iter(text.values()), "")


@dataclass(frozen=True)
class Level:
    level: int
    min_score: float
    name: Text
    description: Text


@dataclass(frozen=True)
class Dimension:
    id: str
    name: Text
    description: Text
    headline: bool
    loc: Location


@dataclass(frozen=True)
class Option:
    id: str
    label: Text
    level: int | None = None
    points: float | None = None
    next_step: Text = field(default_factory=dict)
    loc: Location | None = None


@dataclass(frozen=True)
class Condition:
    """show_if: the question is shown when ``op`` holds for the answer of ``question``."""

    question: str
    op: str  # equals | in | answered | gt | lt
    value: Any
    loc: Location | None = None
    value_loc: Location | None = None


@dataclass(frozen=True)
class Column:
    """One column of a ``table`` question (rows of sites, countries, refrigerants ...)."""

    id: str
    type: str  # text | number | single_choice
    text: Text
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    options: tuple[Option, ...] = ()
    concept: str | None = None  # the VSME taxonomy concept the column feeds

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Text
    help: Text
    criterion: int
    area: str
    refs: dict[str, Any]
    scores: dict[str, float]
    options: tuple[Option, ...] = ()
    not_applicable: bool = False
    show_if: tuple[Condition, ...] = ()
    size_classes: tuple[str, ...] = ()
    unit: str | None = None
    accepted_units: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    carrier: str | None = None
    kpi: str | None = None
    max_points: float | None = None
    columns: tuple[Column, ...] = ()  # table questions: the columns of each row
    max_rows: int = 100  # table questions: at most this many rows
    loc: Location | None = None

    @property
    def scored(self) -> bool:
        return bool(self.scores)

    def option(self, option_id: str) -> Option | None:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        return None

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options)

    def fraction(self, value: Any) -> float | None:
        """The share 0..1 of this question's weight that ``value`` earns, or None when not scorable."""
        if not self.scored or value is None:
            return None
        if self.type == "multiple_choice":
            if not isinstance(value, list):
                return None
            top = self.max_points if self.max_points else sum(o.points or 0 for o in self.options)
            if top <= 0:
                return None
            got = sum((self.option(v).points or 0) for v in value if self.option(v) is not None)  # type: ignore[union-attr]
            return min(got, top) / top
        opt = self.option(value) if isinstance(value, str) else None
        if opt is None or opt.level is None:
            return None
        return opt.level / 4

    def best_fraction(self) -> float:
        return 1.0 if self.type == "multiple_choice" else max((o.level or 0) for o in self.options) / 4


@dataclass(frozen=True)
class Criterion:
    number: int
    name: Text
    area: str
    questions: tuple[Question, ...]
    loc: Location | None = None


@dataclass(frozen=True)
class Area:
    id: str
    name: Text
    criteria: tuple[Criterion, ...]
    loc: Location | None = None


@dataclass(frozen=True)
class ProfileField:
    id: str
    type: str
    text: Text
    help: Text
    refs: dict[str, Any]
    unit: str | None = None
    accepted_units: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class Questionnaire:
    id: str
    version: str
    year: int
    languages: tuple[str, ...]
    title: Text
    description: Text
    levels: tuple[Level, ...]
    dimensions: tuple[Dimension, ...]
    profile: tuple[ProfileField, ...]
    areas: tuple[Area, ...]
    path: str = ""
    warnings: tuple[Problem, ...] = ()

    def __post_init__(self) -> None:
        index = {q.id: q for q in self.iter_questions()}
        object.__setattr__(self, "_index", index)

    def iter_questions(self) -> Iterator[Question]:
        for area in self.areas:
            for crit in area.criteria:
                yield from crit.questions

    @property
    def questions(self) -> dict[str, Question]:
        return self._index  # type: ignore[attr-defined,no-any-return]

    def question(self, qid: str) -> Question | None:
        return self.questions.get(qid)

    def dimension(self, dim_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    @property
    def headline_dimensions(self) -> tuple[Dimension, ...]:
        return tuple(d for d in self.dimensions if d.headline)

    def criteria(self) -> Iterator[Criterion]:
        for area in self.areas:
            yield from area.criteria

    def level_for(self, score: float) -> Level:
        chosen = self.levels[0]
        for lvl in self.levels:
            if score >= lvl.min_score:
                chosen = lvl
        return chosen
