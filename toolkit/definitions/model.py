"""The typed questionnaire model. Built by :mod:`toolkit.definitions.loader`; every node keeps its source location."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from toolkit.errors import Location, Problem

Text = dict[str, str]  # language -> text

COLUMN_TYPES = ("text", "number", "single_choice")  # the cells of a table question
SIZE_CLASSES = ("micro", "small", "medium", "large")
AREA_IDS = ("strategy", "process", "environment", "society")
HEADLINE_DIMENSIONS = ("energy", "supply_chain", "reporting")
EFFORTS = ("low", "medium", "high")  # effort and cost of a step: low / medium / high (cost shown as € / €€ / €€€)
DURATIONS = ("days", "weeks", "months", "year")  # time a step takes to implement
EVIDENCE_FROM_LEVEL = 3  # a question's evidence prompt applies to its options from this level up


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
class Step:
    """What the step from an option to the next better one takes: effort, cost and time to implement."""

    effort: str  # low | medium | high
    cost: str  # low | medium | high (€ / €€ / €€€)
    time: str  # days | weeks | months | year


@dataclass(frozen=True)
class Option:
    id: str
    label: Text
    level: int | None = None
    points: float | None = None
    next_step: Text = field(default_factory=dict)
    loc: Location | None = None
    evidence: Text = field(default_factory=dict)  # the evidence asked for when this option is chosen
    step: Step | None = None  # effort, cost and time of the step this option's next_step describes
    requires: tuple[Condition, ...] = ()  # a step to this option is proposed only when these hold
    exclusive: bool = False  # multiple choice: "none of these", never chosen together with another option


@dataclass(frozen=True)
class Operand:
    """The right-hand side of a numeric comparison: another question's number or a company figure, times a
    factor (``{question: en_self_generated}``, ``{company: employees, times: 1.5}``)."""

    kind: str  # question | company
    ref: str
    times: float = 1.0


@dataclass(frozen=True)
class Condition:
    """show_if (and checks, requires, comply_when): holds when ``op`` holds for the answer of ``question``.

    ``equals`` / ``in`` an option id, ``answered``, ``gt`` / ``lt`` a number or an :class:`Operand`,
    ``min_level`` / ``max_level`` the chosen option's level, ``min_count`` the number of options ticked."""

    question: str
    op: str  # equals | in | answered | gt | lt | min_level | max_level | min_count
    value: Any
    loc: Location | None = None
    value_loc: Location | None = None


@dataclass(frozen=True)
class Check:
    """A plausibility rule: when every condition holds, the answers contradict each other (a warning)."""

    id: str
    when: tuple[Condition, ...]
    message: Text
    questions: tuple[str, ...]  # where the form shows the warning (default: the questions in ``when``)
    loc: Location | None = None


@dataclass(frozen=True)
class Migration:
    """How answers made for an earlier version map onto this one: per question, old option id -> new option
    id (None: the old answer no longer fits and is dropped with ``reason``)."""

    from_version: str
    options: dict[str, dict[str, str | None]]
    dropped: dict[str, Text]  # question id -> why its old answers are not carried over


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
    evidence: Text = field(default_factory=dict)  # evidence prompt for options from EVIDENCE_FROM_LEVEL up
    addresses: tuple[str, ...] = ()  # energy carriers or scopes (scope1, scope2) its next steps reduce
    workshop_topic: Text = field(default_factory=dict)  # the network workshop its gaps suggest (cohort agenda)

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

    def evidence_prompt(self, option_id: str) -> Text:
        """The evidence asked for when ``option_id`` is chosen ({} when none is asked)."""
        opt = self.option(option_id)
        if opt is None:
            return {}
        if opt.evidence:
            return opt.evidence
        if self.evidence and opt.level is not None and opt.level >= EVIDENCE_FROM_LEVEL:
            return self.evidence
        return {}

    @property
    def exclusive_options(self) -> tuple[str, ...]:
        return tuple(o.id for o in self.options if o.exclusive)


@dataclass(frozen=True)
class Criterion:
    number: int
    name: Text
    area: str
    questions: tuple[Question, ...]
    loc: Location | None = None
    comply_when: tuple[Condition, ...] = ()  # DNK: the criterion's content counts as reported when all hold
    declaration: str | None = None  # the id of its comply-or-explain question (a type that is a declaration)

    @property
    def comply_explain(self) -> Question | None:
        """The criterion's comply-or-explain question."""
        return next((q for q in self.questions if q.id == self.declaration), None)


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
class CooperationEntry:
    """One thing a company can offer or need in the cooperation exchange (issue 16): a waste stream by its EWC
    code, a by-product, a material sought or a shared service."""

    id: str
    list_id: str
    label: Text
    ewc: str | None = None  # European Waste Catalogue code, e.g. "03 01 05" (waste lists only)
    loc: Location | None = None


@dataclass(frozen=True)
class CooperationList:
    id: str
    name: Text
    kind: str  # waste | by_product | material | service (services are shared, offers meet needs otherwise)
    entries: tuple[CooperationEntry, ...]
    loc: Location | None = None


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
    checks: tuple[Check, ...] = ()
    migrations: tuple[Migration, ...] = ()
    cooperation: tuple[CooperationList, ...] = ()  # offers and needs companies may name (issue 16)
    _index: dict[str, Question] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {q.id: q for q in self.iter_questions()}
        object.__setattr__(self, "_index", index)

    def iter_questions(self) -> Iterator[Question]:
        for area in self.areas:
            for crit in area.criteria:
                yield from crit.questions

    @property
    def questions(self) -> dict[str, Question]:
        return self._index

    def question(self, qid: str) -> Question | None:
        return self.questions.get(qid)

    def cooperation_entry(self, entry_id: str) -> CooperationEntry | None:
        return next((e for lst in self.cooperation for e in lst.entries if e.id == entry_id), None)

    def dimension(self, dim_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dim_id), None)

    @property
    def headline_dimensions(self) -> tuple[Dimension, ...]:
        return tuple(d for d in self.dimensions if d.headline)

    def criteria(self) -> Iterator[Criterion]:
        for area in self.areas:
            yield from area.criteria

    def migrated_answer(self, from_version: str, qid: str, raw: Any) -> tuple[Any, str | None]:
        """A raw answer made for ``from_version`` in this version's option ids, or (raw, why) when the old
        answer no longer fits (``why`` says so; the caller keeps the old answer in its report)."""
        mig = next((m for m in self.migrations if m.from_version == from_version), None)
        if mig is None or not isinstance(raw, dict):
            return raw, None
        if qid in mig.dropped:
            return raw, tr(mig.dropped[qid], "en")
        mapping = mig.options.get(qid)
        value = raw.get("value")
        if not mapping or value is None:
            return raw, None
        if isinstance(value, list):
            mapped = [mapping.get(v, v) if isinstance(v, str) else v for v in value]
            if any(v is None for v in mapped):
                gone = [v for v in value if isinstance(v, str) and v in mapping and mapping[v] is None]
                mapped = [v for v in mapped if v is not None]
                if not mapped:
                    return raw, f"the options {', '.join(gone)} no longer exist"
            return {**raw, "value": list(dict.fromkeys(mapped))}, None
        if isinstance(value, str) and value in mapping:
            if mapping[value] is None:
                return raw, f"the option '{value}' no longer exists; answer the question again"
            return {**raw, "value": mapping[value]}, None
        return raw, None

    def level_for(self, score: float) -> Level:
        chosen = self.levels[0]
        for lvl in self.levels:
            if score >= lvl.min_score:
                chosen = lvl
        return chosen
