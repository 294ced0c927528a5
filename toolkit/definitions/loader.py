"""Load and validate a questionnaire YAML file into the typed model.

``load_questionnaire(path)`` returns a :class:`~toolkit.definitions.model.Questionnaire` (with ``.warnings``) or raises
:class:`~toolkit.errors.QuestionnaireError` listing every error found, each located at file:line:column.
``check_questionnaire(path)`` returns ``(questionnaire_or_None, errors, warnings)`` for the CLI.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.definitions import units as U
from toolkit.definitions.cooperation_lists import cooperation_lists
from toolkit.definitions.model import (
    AREA_IDS,
    DURATIONS,
    EFFORTS,
    HEADLINE_DIMENSIONS,
    SIZE_CLASSES,
    Area,
    Check,
    Condition,
    Criterion,
    Dimension,
    Level,
    Migration,
    Operand,
    Option,
    ProfileField,
    Question,
    Questionnaire,
    Step,
    Text,
)
from toolkit.definitions.types import registry
from toolkit.definitions.yamlsource import Source, load_yaml
from toolkit.errors import Code, Location, Problem, QuestionnaireError, did_you_mean
from toolkit.i18n import DEFAULT_LANG, LANGS

TOP_KEYS = (
    "id",
    "version",
    "year",
    "languages",
    "title",
    "description",
    "scale",
    "dimensions",
    "profile",
    "areas",
    "checks",
    "migrations",
    "cooperation",
)
LEVEL_KEYS = ("level", "min_score", "name", "description")
DIM_KEYS = ("id", "name", "description", "headline")
PROFILE_KEYS = ("id", "type", "unit", "accepted_units", "min", "max", "text", "help", "refs", "options")
PROFILE_IDS = ("nace", "employees", "turnover", "balance_sheet", "legal_form", "country")
PROFILE_TYPES = ("text", "number", "single_choice")  # what the form's profile page can ask
AREA_KEYS = ("id", "name", "criteria")
CRIT_KEYS = ("number", "name", "comply_when", "questions")
QUESTION_KEYS = (
    "id",
    "type",
    "text",
    "help",
    "refs",
    "scores",
    "options",
    "not_applicable",
    "show_if",
    "size_classes",
    "unit",
    "accepted_units",
    "min",
    "max",
    "carrier",
    "kpi",
    "max_points",
    "columns",
    "max_rows",
    "evidence",
    "addresses",
    "workshop_topic",
)
OPTION_KEYS = ("id", "label", "level", "points", "next_step", "step", "evidence", "requires", "exclusive")
STEP_KEYS = ("effort", "cost", "time")
MAX_TOPIC_CHARS = 80  # a workshop topic fits one line of the cohort report's agenda
SHOW_IF_OPS = ("equals", "in", "answered", "gt", "lt")
RULE_OPS = (*SHOW_IF_OPS, "min_level", "max_level", "min_count")  # checks, requires, comply_when
COND_KEYS = ("question", *RULE_OPS)
OPERAND_KEYS = ("question", "company", "times")
COMPANY_FIGURES = ("employees", "turnover", "balance_sheet")
CHECK_KEYS = ("id", "when", "message", "questions")
MIGRATION_KEYS = ("from", "options", "dropped")
ADDRESS_TAGS = (*U.CARRIERS, "scope1", "scope2")
REF_KEYS = ("dnk", "vsme", "gri", "concepts")
QID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
QNR_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
MIN_QUESTIONS_PER_DIMENSION = 3

Path_ = tuple[Any, ...]


class _Builder:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._check_questions_at: dict[str, Path_] = {}
        self._migration_paths: list[Path_] = []

    # ---- helpers -------------------------------------------------------------------------------------------
    def err(self, code: Code, path: Path_, at_key: bool = False, **fields: Any) -> None:
        self.errors.append(code.problem(self.src.loc(path, key=at_key), **fields))

    def warn(self, code: Code, path: Path_, at_key: bool = False, **fields: Any) -> None:
        self.warnings.append(code.problem(self.src.loc(path, key=at_key), severity="warning", **fields))

    def mapping(
        self, node: Any, path: Path_, what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        if not isinstance(node, dict):
            self.err(Code.Q004, path, what=what, expected="mapping (key: value)", found=_kind(node))
            return None
        for key in node:
            if key not in allowed:
                self.err(
                    Code.Q011,
                    (*path, key),
                    at_key=True,
                    key=key,
                    what=what,
                    suggestion=did_you_mean(str(key), allowed),
                    allowed=", ".join(allowed),
                )
        for key in required:
            if key not in node:
                self.err(Code.Q010, path, what=what, key=key)
        return node

    def seq(self, node: Any, path: Path_, what: str) -> list[Any]:
        if node is None:
            return []
        if not isinstance(node, list):
            self.err(Code.Q004, path, what=what, expected="list", found=_kind(node))
            return []
        return node

    def text(self, node: Any, path: Path_, what: str, required: bool = True) -> Text:
        if node is None:
            if required:
                self.err(Code.Q060, path, what=what)
            return {}
        if isinstance(node, str):  # a plain string is German text
            self.warn(Code.W001, path, what=what)
            return {"de": node}
        if not isinstance(node, dict):
            self.err(Code.Q004, path, what=what, expected="mapping {de: ..., en: ...}", found=_kind(node))
            return {}
        out: Text = {}
        for lang, value in node.items():
            if lang not in LANGS:
                self.err(
                    Code.Q011,
                    (*path, lang),
                    at_key=True,
                    key=lang,
                    what=what,
                    suggestion=did_you_mean(str(lang), LANGS),
                    allowed="de, en",
                )
                continue
            if not isinstance(value, str) or not value.strip():
                self.err(
                    Code.Q004, (*path, lang), what=f"{what} ({lang})", expected="non-empty text", found=_kind(value)
                )
                continue
            out[lang] = value.strip()
        if "de" not in out and not any(p.location == self.src.loc((*path, "de")) for p in self.errors):
            self.err(Code.Q060, path, what=what)
        if "en" not in node:
            self.warn(Code.W001, path, what=what)
        return out

    def number(self, node: Any, path: Path_, what: str) -> float | None:
        if node is None:
            return None
        if isinstance(node, bool) or not isinstance(node, int | float):
            self.err(Code.Q004, path, what=what, expected="number", found=_kind(node))
            return None
        return float(node)

    def ident(self, node: Any, path: Path_, kind: str, pattern: re.Pattern[str] = QID_RE) -> str | None:
        if not isinstance(node, str) or not pattern.match(node):
            self.err(Code.Q022, path, kind=kind, id=node)
            return None
        return node

    # ---- document ------------------------------------------------------------------------------------------
    def build(self) -> Questionnaire | None:
        data = self.mapping(
            self.src.data,
            (),
            "the questionnaire",
            TOP_KEYS,
            ("id", "version", "languages", "title", "scale", "dimensions", "areas"),
        )
        if data is None:
            return None
        qid = self.ident(data.get("id"), ("id",), "questionnaire", QNR_ID_RE) if "id" in data else None
        version = data.get("version")
        if "version" in data and not isinstance(version, str):
            self.err(
                Code.Q004, ("version",), what="version", expected='quoted string such as "2026.1"', found=_kind(version)
            )
        year = data.get("year")
        if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
            self.err(Code.Q004, ("year",), what="year", expected="whole number", found=_kind(year))
        langs = self.seq(data.get("languages"), ("languages",), "languages")
        if langs and (langs[0] != DEFAULT_LANG or any(lang not in LANGS for lang in langs)):
            self.err(Code.Q082, ("languages",), expected="de (first) and en", found=langs, example="de, en")
        title = self.text(data.get("title"), ("title",), "the title")
        description = self.text(data.get("description"), ("description",), "the description", required=False)
        levels = self.scale(data.get("scale"), ("scale",))
        dims = self.dimensions(data.get("dimensions"), ("dimensions",))
        profile = self.profile(data.get("profile"), ("profile",))
        dim_ids = tuple(d.id for d in dims)
        areas = self.areas(data.get("areas"), ("areas",), dim_ids)
        checks = self.checks(data.get("checks"), ("checks",))
        migrations = self.migrations(data.get("migrations"), ("migrations",))
        cooperation = cooperation_lists(self, data.get("cooperation"), ("cooperation",))
        if self.errors:
            return None
        qn = Questionnaire(
            id=qid or "",
            version=str(version),
            year=int(year or 0),
            languages=tuple(langs),
            title=title,
            description=description,
            levels=levels,
            dimensions=dims,
            profile=profile,
            areas=areas,
            path=self.src.path,
            checks=checks,
            migrations=migrations,
            cooperation=cooperation,
        )
        self.cross_checks(qn)
        if self.errors:
            return None
        return dataclasses.replace(qn, warnings=tuple(self.warnings))

    def scale(self, node: Any, path: Path_) -> tuple[Level, ...]:
        scale = self.mapping(node, path, "the scale", ("levels",), ("levels",))
        if scale is None:
            return ()
        out: list[Level] = []
        for i, raw in enumerate(self.seq(scale.get("levels"), (*path, "levels"), "scale levels")):
            p = (*path, "levels", i)
            lv = self.mapping(raw, p, f"scale level {i}", LEVEL_KEYS, ("level", "min_score", "name"))
            if lv is None:
                continue
            level = lv.get("level")
            if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
                self.err(Code.Q040, (*p, "level"), level=level)
                continue
            min_score = self.number(lv.get("min_score"), (*p, "min_score"), "min_score")
            out.append(
                Level(
                    level,
                    min_score or 0.0,
                    self.text(lv.get("name"), (*p, "name"), f"the name of level {level}"),
                    self.text(
                        lv.get("description"), (*p, "description"), f"the description of level {level}", required=False
                    ),
                )
            )
        if out and (
            [lv.level for lv in out] != [0, 1, 2, 3, 4]
            or out[0].min_score != 0
            or any(b.min_score <= a.min_score for a, b in itertools.pairwise(out))
        ):
            self.err(
                Code.Q080,
                (*path, "levels"),
                at_key=True,
                detail=f"has levels {[lv.level for lv in out]} with min_score {[lv.min_score for lv in out]}",
            )
        return tuple(out)

    def dimensions(self, node: Any, path: Path_) -> tuple[Dimension, ...]:
        out: list[Dimension] = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(self.seq(node, path, "dimensions")):
            p = (*path, i)
            d = self.mapping(raw, p, "a dimension", DIM_KEYS, ("id", "name"))
            if d is None:
                continue
            did = self.ident(d.get("id"), (*p, "id"), "dimension")
            if did is None:
                continue
            if did in seen:
                self.err(Code.Q020, (*p, "id"), kind="dimension", id=did, first=seen[did])
                continue
            seen[did] = self.src.loc((*p, "id")).line or 0
            out.append(
                Dimension(
                    did,
                    self.text(d.get("name"), (*p, "name"), f"the name of dimension '{did}'"),
                    self.text(
                        d.get("description"),
                        (*p, "description"),
                        f"the description of dimension '{did}'",
                        required=False,
                    ),
                    bool(d.get("headline", False)),
                    self.src.loc(p),
                )
            )
        for hid in HEADLINE_DIMENSIONS:
            if not any(d.id == hid and d.headline for d in out):
                self.err(Code.Q081, path, at_key=True, id=hid)
        return tuple(out)

    def profile(self, node: Any, path: Path_) -> tuple[ProfileField, ...]:
        out: list[ProfileField] = []
        for i, raw in enumerate(self.seq(node, path, "profile")):
            p = (*path, i)
            f = self.mapping(raw, p, "a profile field", PROFILE_KEYS, ("id", "type", "text"))
            if f is None:
                continue
            fid = f.get("id")
            if fid not in PROFILE_IDS:
                self.err(
                    Code.Q052,
                    (*p, "id"),
                    kind="profile field",
                    name=fid,
                    suggestion=did_you_mean(str(fid), PROFILE_IDS),
                    allowed=", ".join(PROFILE_IDS),
                )
                continue
            ftype = f.get("type")
            ftype = registry.canonical(ftype)
            if ftype is not None and ftype not in PROFILE_TYPES:
                self.err(
                    Code.Q023,
                    (*p, "type"),
                    type=ftype,
                    suggestion=did_you_mean(str(ftype), PROFILE_TYPES),
                    allowed=", ".join(PROFILE_TYPES),
                )
                continue
            unit, accepted = self.units(f, p)
            out.append(
                ProfileField(
                    fid,
                    str(ftype),
                    self.text(f.get("text"), (*p, "text"), f"profile '{fid}'"),
                    self.text(f.get("help"), (*p, "help"), f"help of profile '{fid}'", required=False),
                    self.refs(f.get("refs"), (*p, "refs"), None),
                    unit,
                    accepted,
                    self.number(f.get("min"), (*p, "min"), "min"),
                    self.number(f.get("max"), (*p, "max"), "max"),
                    self.options(f.get("options"), (*p, "options"), str(ftype), False),
                )
            )
        return tuple(out)

    def areas(self, node: Any, path: Path_, dims: tuple[str, ...]) -> tuple[Area, ...]:
        out: list[Area] = []
        self._qids: dict[str, int] = {}
        self._crits: dict[int, int] = {}
        for i, raw in enumerate(self.seq(node, path, "areas")):
            p = (*path, i)
            a = self.mapping(raw, p, "an area", AREA_KEYS, ("id", "name", "criteria"))
            if a is None:
                continue
            aid = a.get("id")
            if aid not in AREA_IDS:
                self.err(
                    Code.Q072,
                    (*p, "id"),
                    id=aid,
                    suggestion=did_you_mean(str(aid), AREA_IDS),
                    allowed=", ".join(AREA_IDS),
                )
                continue
            crits = tuple(
                c
                for j, raw_c in enumerate(self.seq(a.get("criteria"), (*p, "criteria"), "criteria"))
                if (c := self.criterion(raw_c, (*p, "criteria", j), aid, dims)) is not None
            )
            out.append(
                Area(aid, self.text(a.get("name"), (*p, "name"), f"the name of area '{aid}'"), crits, self.src.loc(p))
            )
        missing = [n for n in range(1, 21) if n not in self._crits]
        if missing and not self.errors:
            self.warn(Code.W005, path, numbers=", ".join(map(str, missing)))
        return tuple(out)

    def criterion(self, raw: Any, p: Path_, area: str, dims: tuple[str, ...]) -> Criterion | None:
        c = self.mapping(raw, p, "a criterion", CRIT_KEYS, ("number", "name", "questions"))
        if c is None:
            return None
        num = c.get("number")
        if not isinstance(num, int) or isinstance(num, bool) or not 1 <= num <= 20:
            self.err(Code.Q070, (*p, "number"), number=num)
            return None
        line = self.src.loc((*p, "number")).line or 0
        if num in self._crits:
            self.err(Code.Q071, (*p, "number"), number=num, first=self._crits[num])
            return None
        self._crits[num] = line
        qs = tuple(
            q
            for k, raw_q in enumerate(self.seq(c.get("questions"), (*p, "questions"), "questions"))
            if (q := self.question(raw_q, (*p, "questions", k), num, area, dims)) is not None
        )
        return Criterion(
            num,
            self.text(c.get("name"), (*p, "name"), f"the name of criterion {num}"),
            area,
            qs,
            self.src.loc(p),
            self.conditions(c.get("comply_when"), (*p, "comply_when"), RULE_OPS, "comply_when"),
            next((q.id for q in qs if registry.get(q.type).declaration), None),
        )

    def question(self, raw: Any, p: Path_, crit: int, area: str, dims: tuple[str, ...]) -> Question | None:
        q = self.mapping(raw, p, "a question", QUESTION_KEYS, ("id", "type", "text"))
        if q is None:
            return None
        qid = self.ident(q.get("id"), (*p, "id"), "question")
        if qid is None:
            return None
        line = self.src.loc((*p, "id")).line or 0
        if qid in self._qids:
            self.err(Code.Q020, (*p, "id"), kind="question", id=qid, first=self._qids[qid])
            return None
        self._qids[qid] = line
        qtype = registry.canonical(q.get("type"))
        kind = registry.find(qtype)
        if kind is None:
            self.err(
                Code.Q021,
                (*p, "type"),
                type=qtype,
                suggestion=did_you_mean(str(qtype), registry.names()),
                allowed=", ".join(registry.names()),
            )
            return None
        assert isinstance(qtype, str)
        scores = self.scores(q.get("scores"), (*p, "scores"), dims)
        if scores and not kind.scorable:
            self.err(
                Code.Q044,
                (*p, "scores"),
                type=qtype,
                detail="cannot be scored",
                fix="Remove 'scores:' or use a maturity, choice, yes_no or comply_explain question.",
            )
        options = self.options(q.get("options"), (*p, "options"), qtype, bool(scores))
        own = kind.check_definition(q, p, qid, self)  # the fields only this type has (unit, columns ...)
        max_rows = q.get("max_rows", 100)
        if not isinstance(max_rows, int) or isinstance(max_rows, bool) or not 1 <= max_rows <= 1000:
            self.err(Code.Q004, (*p, "max_rows"), what="max_rows", expected="number 1-1000", found=_kind(max_rows))
            max_rows = 100
        lo = self.number(q.get("min"), (*p, "min"), "min")
        hi = self.number(q.get("max"), (*p, "max"), "max")
        if lo is not None and hi is not None and lo > hi:
            self.err(Code.Q051, (*p, "min"), min=f"{lo:g}", max=f"{hi:g}")
        carrier = q.get("carrier")
        if carrier is not None and carrier not in U.CARRIERS:
            self.err(
                Code.Q052,
                (*p, "carrier"),
                kind="energy carrier",
                name=carrier,
                suggestion=did_you_mean(str(carrier), U.CARRIERS),
                allowed=", ".join(U.CARRIERS),
            )
        kpi = q.get("kpi")
        if kpi is not None and kpi not in U.KPI_TAGS:
            self.warn(
                Code.W004,
                (*p, "kpi"),
                name=kpi,
                suggestion=did_you_mean(str(kpi), U.KPI_TAGS),
                allowed=", ".join(U.KPI_TAGS),
            )
        unit, accepted = own.get("unit"), own.get("accepted_units", ())
        if unit and carrier is None:
            for j, u in enumerate(accepted):
                if u in U.UNITS and not U.same_kind(u, unit):
                    self.err(
                        Code.Q053,
                        (*p, "accepted_units", j),
                        unit=u,
                        target=unit,
                        why=" (different kinds of quantity)",
                        fix="Remove it, or add 'carrier:' so a calorific value can convert it.",
                    )
        sizes = self.seq(q.get("size_classes"), (*p, "size_classes"), "size_classes")
        for j, s in enumerate(sizes):
            if s not in SIZE_CLASSES:
                self.err(
                    Code.Q052,
                    (*p, "size_classes", j),
                    kind="size class",
                    name=s,
                    suggestion=did_you_mean(str(s), SIZE_CLASSES),
                    allowed=", ".join(SIZE_CLASSES),
                )
        na = q.get("not_applicable", False)
        if not isinstance(na, bool):
            self.err(
                Code.Q004, (*p, "not_applicable"), what="not_applicable", expected="true or false", found=_kind(na)
            )
        return Question(
            id=qid,
            type=qtype,
            text=self.text(q.get("text"), (*p, "text"), f"question '{qid}'"),
            help=self.text(q.get("help"), (*p, "help"), f"help of '{qid}'", required=False),
            criterion=crit,
            area=area,
            refs=self.refs(q.get("refs"), (*p, "refs"), crit),
            scores=scores,
            options=options,
            not_applicable=bool(na),
            show_if=self.conditions(q.get("show_if"), (*p, "show_if")),
            size_classes=tuple(str(s) for s in sizes),
            unit=unit,
            accepted_units=accepted,
            min=lo,
            max=hi,
            carrier=carrier,
            kpi=kpi,
            max_points=self.number(q.get("max_points"), (*p, "max_points"), "max_points"),
            columns=own.get("columns", ()),
            max_rows=max_rows,
            loc=self.src.loc(p),
            evidence=self.text(q.get("evidence"), (*p, "evidence"), f"evidence of '{qid}'", required=False),
            addresses=self.addresses(q.get("addresses"), (*p, "addresses")),
            workshop_topic=self.workshop_topic(q, p, qid, bool(scores)),
        )

    def workshop_topic(self, q: dict[str, Any], p: Path_, qid: str, scored: bool) -> Text:
        """The optional workshop topic of a question: short de/en text, only on scored questions (the
        network's improvement agenda lists scored questions only)."""
        if "workshop_topic" not in q:
            return {}
        topic = self.text(q.get("workshop_topic"), (*p, "workshop_topic"), f"workshop_topic of '{qid}'")
        if not scored:
            self.err(Code.Q045, (*p, "workshop_topic"), id=qid)
        for lang, text in topic.items():
            if len(text) > MAX_TOPIC_CHARS:
                self.warn(Code.W009, (*p, "workshop_topic", lang), id=qid, n=len(text), limit=MAX_TOPIC_CHARS)
        return topic

    def scores(self, node: Any, path: Path_, dims: tuple[str, ...]) -> dict[str, float]:
        if node is None:
            return {}
        m = node
        if not isinstance(m, dict):
            self.err(Code.Q004, path, what="scores", expected="mapping {dimension: weight}", found=_kind(node))
            return {}
        out: dict[str, float] = {}
        for dim, w in m.items():
            if dim not in dims:
                self.err(
                    Code.Q042,
                    (*path, dim),
                    at_key=True,
                    dimension=dim,
                    suggestion=did_you_mean(str(dim), dims),
                    allowed=", ".join(dims),
                )
                continue
            if isinstance(w, bool) or not isinstance(w, int | float) or w <= 0:
                self.err(Code.Q041, (*path, dim), dimension=dim, value=w)
                continue
            out[str(dim)] = float(w)
        return out

    def options(self, node: Any, path: Path_, qtype: str, scored: bool) -> tuple[Option, ...]:
        raw_list = self.seq(node, path, "options")
        kind = registry.find(qtype)  # None for a profile field or a column: options as given
        rule = kind.option_rule if kind is not None else "any"
        by_points = kind is not None and kind.option_measure == "points"
        fixed = kind.fixed_options if kind is not None else ()
        needs = rule == "choices"
        if rule == "none":
            if raw_list:
                self.err(Code.Q044, path, type=qtype, detail="takes no options", fix="Remove 'options:'.")
            return ()
        if needs and len(raw_list) < 2:
            self.err(
                Code.Q044,
                path if node is not None else path[:-1],
                at_key=node is not None,
                type=qtype,
                detail="needs at least two options",
                fix="Add 'options:' with at least two entries.",
            )
            return ()
        out: list[Option] = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(raw_list):
            p = (*path, i)
            o = self.mapping(raw, p, "an option", OPTION_KEYS, ("id",))
            if o is None:
                continue
            oid = self.ident(o.get("id"), (*p, "id"), "option")
            if oid is None:
                continue
            if oid in seen:
                self.err(Code.Q020, (*p, "id"), kind="option", id=oid, first=seen[oid])
                continue
            seen[oid] = self.src.loc((*p, "id")).line or 0
            level = o.get("level")
            if level is not None and (not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4):
                self.err(Code.Q040, (*p, "level"), level=level)
                level = None
            points = self.number(o.get("points"), (*p, "points"), "points")
            if points is not None and points < 0:
                self.err(Code.Q041, (*p, "points"), dimension="points", value=points)
            if scored and not by_points and level is None and "level" not in o:
                self.err(Code.Q043, p, option=oid)
            if scored and by_points and points is None:
                self.err(Code.Q046, p, option=oid)
            label = o.get("label")
            if label is None and fixed:
                assert kind is not None
                label_t: Text = dict(kind.default_labels.get(oid, {"de": oid, "en": oid}))
            else:
                label_t = self.text(label, (*p, "label"), f"option '{oid}'")
            next_step = self.text(o.get("next_step"), (*p, "next_step"), f"next_step of option '{oid}'", required=False)
            if scored and not next_step:
                self.warn(Code.W003, p, option=oid)
            exclusive = o.get("exclusive", False)
            if not isinstance(exclusive, bool):
                self.err(
                    Code.Q004, (*p, "exclusive"), what="exclusive", expected="true or false", found=_kind(exclusive)
                )
                exclusive = False
            if exclusive and (kind is None or not kind.exclusive_options or (points or 0) > 0):
                self.err(
                    Code.Q044,
                    (*p, "exclusive"),
                    type=qtype,
                    detail=f"option '{oid}': only a multiple-choice option without points can be exclusive",
                    fix="Remove 'exclusive:' or give the option 'points: 0'.",
                )
            out.append(
                Option(
                    oid,
                    label_t,
                    level,
                    points,
                    next_step,
                    self.src.loc(p),
                    evidence=self.text(o.get("evidence"), (*p, "evidence"), f"evidence of option '{oid}'", False),
                    step=self.step(o.get("step"), (*p, "step")),
                    requires=self.conditions(o.get("requires"), (*p, "requires"), RULE_OPS, "requires"),
                    exclusive=exclusive,
                )
            )
        if fixed:
            assert kind is not None
            want = fixed
            if node is None and not scored:
                return tuple(Option(oid, dict(kind.default_labels[oid])) for oid in want)
            if sorted(seen) != sorted(want):
                self.err(
                    Code.Q044,
                    path if node is not None else path[:-1],
                    at_key=node is not None,
                    type=qtype,
                    detail=f"needs exactly the options {', '.join(want)}, found {', '.join(seen) or 'none'}",
                    fix=f"Use the option ids {' and '.join(want)}.",
                )
        return tuple(out)

    def units(self, q: dict[str, Any], p: Path_) -> tuple[str | None, tuple[str, ...]]:
        unit = q.get("unit")
        if unit is not None and unit not in U.UNITS:
            self.err(
                Code.Q050,
                (*p, "unit"),
                unit=unit,
                suggestion=did_you_mean(str(unit), U.UNITS),
                allowed=", ".join(U.UNITS),
            )
            unit = None
        accepted_raw = self.seq(q.get("accepted_units"), (*p, "accepted_units"), "accepted_units")
        accepted: list[str] = []
        for j, u in enumerate(accepted_raw):
            if u not in U.UNITS:
                self.err(
                    Code.Q050,
                    (*p, "accepted_units", j),
                    unit=u,
                    suggestion=did_you_mean(str(u), U.UNITS),
                    allowed=", ".join(U.UNITS),
                )
            else:
                accepted.append(u)
        if unit and unit not in accepted:
            accepted.insert(0, unit)
        return unit, tuple(accepted)

    def refs(self, node: Any, path: Path_, crit: int | None) -> dict[str, Any]:
        if node is None:
            return {"dnk": crit} if crit else {}
        r = self.mapping(node, path, "refs", REF_KEYS)
        if r is None:
            return {}
        out: dict[str, Any] = {"dnk": r.get("dnk", crit)}
        if r.get("dnk") is not None and (not isinstance(r["dnk"], int) or not 1 <= r["dnk"] <= 20):
            self.err(Code.Q070, (*path, "dnk"), number=r["dnk"])
        for key in ("vsme", "gri", "concepts"):
            vals = r.get(key)
            if vals is None:
                continue
            if isinstance(vals, str | int):
                vals = [vals]
            out[key] = [str(v) for v in self.seq(vals, (*path, key), key)]
        return out

    def conditions(
        self, node: Any, path: Path_, ops_allowed: tuple[str, ...] = SHOW_IF_OPS, what: str = "show_if"
    ) -> tuple[Condition, ...]:
        if node is None:
            return ()
        items = node if isinstance(node, list) else [node]
        out: list[Condition] = []
        for i, raw in enumerate(items):
            p = (*path, i) if isinstance(node, list) else path
            c = self.mapping(raw, p, what, ("question", *ops_allowed), ("question",))
            if c is None:
                continue
            ops = [k for k in ops_allowed if k in c]
            if len(ops) != 1:
                self.err(Code.Q033, p, detail=f"needs exactly one of {', '.join(ops_allowed)}; found {ops or 'none'}")
                continue
            op = ops[0]
            value = c[op]
            if op == "in" and not isinstance(value, list):
                self.err(Code.Q033, (*p, op), detail="'in' needs a list")
                continue
            if op in ("gt", "lt") and isinstance(value, dict) and ops_allowed is RULE_OPS:
                value = self.operand(value, (*p, op))
                if value is None:
                    continue
            elif op in ("gt", "lt") and (isinstance(value, bool) or not isinstance(value, int | float)):
                self.err(Code.Q033, (*p, op), detail=f"'{op}' needs a number")
                continue
            if op in ("min_level", "max_level", "min_count") and (
                isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= (4 if "level" in op else 99)
            ):
                bounds = "0-4" if "level" in op else ">= 0"
                self.err(Code.Q033, (*p, op), detail=f"'{op}' needs a whole number ({bounds})")
                continue
            out.append(
                Condition(str(c.get("question")), op, value, self.src.loc((*p, "question")), self.src.loc((*p, op)))
            )
        return tuple(out)

    def operand(self, node: dict[str, Any], path: Path_) -> Operand | None:
        m = self.mapping(node, path, "a comparison", OPERAND_KEYS)
        if m is None:
            return None
        kinds = [k for k in ("question", "company") if k in m]
        if len(kinds) != 1:
            self.err(Code.Q033, path, detail="compares with exactly one of question: or company:")
            return None
        ref = m[kinds[0]]
        if kinds[0] == "company" and ref not in COMPANY_FIGURES:
            self.err(
                Code.Q052,
                (*path, "company"),
                kind="company figure",
                name=ref,
                suggestion=did_you_mean(str(ref), COMPANY_FIGURES),
                allowed=", ".join(COMPANY_FIGURES),
            )
            return None
        times = m.get("times", 1)
        if isinstance(times, bool) or not isinstance(times, int | float) or times <= 0:
            self.err(Code.Q033, (*path, "times"), detail="'times' needs a positive number")
            return None
        return Operand(kinds[0], str(ref), float(times))

    def step(self, node: Any, path: Path_) -> Step | None:
        if node is None:
            return None
        m = self.mapping(node, path, "a step", STEP_KEYS, STEP_KEYS)
        if m is None:
            return None
        values: dict[str, str] = {}
        for key, allowed in (("effort", EFFORTS), ("cost", EFFORTS), ("time", DURATIONS)):
            v = m.get(key)
            if key in m and v not in allowed:
                self.err(
                    Code.Q052,
                    (*path, key),
                    kind=key,
                    name=v,
                    suggestion=did_you_mean(str(v), allowed),
                    allowed=", ".join(allowed),
                )
                return None
            values[key] = str(v)
        return Step(**values) if len(values) == 3 else None

    def addresses(self, node: Any, path: Path_) -> tuple[str, ...]:
        out = []
        for j, tag in enumerate(self.seq(node, path, "addresses")):
            if tag not in ADDRESS_TAGS:
                self.err(
                    Code.Q052,
                    (*path, j),
                    kind="carrier or scope",
                    name=tag,
                    suggestion=did_you_mean(str(tag), ADDRESS_TAGS),
                    allowed=", ".join(ADDRESS_TAGS),
                )
                continue
            out.append(str(tag))
        return tuple(out)

    def checks(self, node: Any, path: Path_) -> tuple[Check, ...]:
        out: list[Check] = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(self.seq(node, path, "checks")):
            p = (*path, i)
            c = self.mapping(raw, p, "a check", CHECK_KEYS, ("id", "when", "message"))
            if c is None:
                continue
            cid = self.ident(c.get("id"), (*p, "id"), "check")
            if cid is None:
                continue
            if cid in seen:
                self.err(Code.Q020, (*p, "id"), kind="check", id=cid, first=seen[cid])
                continue
            seen[cid] = self.src.loc((*p, "id")).line or 0
            when = self.conditions(c.get("when"), (*p, "when"), RULE_OPS, "a check condition")
            shown = [str(x) for x in self.seq(c.get("questions"), (*p, "questions"), "questions")]
            out.append(
                Check(
                    cid,
                    when,
                    self.text(c.get("message"), (*p, "message"), f"the message of check '{cid}'"),
                    tuple(shown) or tuple(dict.fromkeys(w.question for w in when)),
                    self.src.loc(p),
                )
            )
            self._check_questions_at[cid] = (*p, "questions")
        return tuple(out)

    def migrations(self, node: Any, path: Path_) -> tuple[Migration, ...]:
        out: list[Migration] = []
        for i, raw in enumerate(self.seq(node, path, "migrations")):
            p = (*path, i)
            m = self.mapping(raw, p, "a migration", MIGRATION_KEYS, ("from",))
            if m is None:
                continue
            if not isinstance(m.get("from"), str):
                self.err(
                    Code.Q004,
                    (*p, "from"),
                    what="from",
                    expected='quoted version such as "2026.1"',
                    found=_kind(m.get("from")),
                )
                continue
            options: dict[str, dict[str, str | None]] = {}
            raw_opts = m.get("options") or {}
            if not isinstance(raw_opts, dict):
                self.err(
                    Code.Q004,
                    (*p, "options"),
                    what="options",
                    expected="mapping {question: {old: new}}",
                    found=_kind(raw_opts),
                )
                raw_opts = {}
            for qid, mapping in raw_opts.items():
                if not isinstance(mapping, dict) or not all(
                    isinstance(k, str) and (v is None or isinstance(v, str)) for k, v in mapping.items()
                ):
                    self.err(
                        Code.Q004,
                        (*p, "options", qid),
                        what=f"the option map of '{qid}'",
                        expected="mapping {old option: new option or ~}",
                        found=_kind(mapping),
                    )
                    continue
                options[str(qid)] = dict(mapping)
            dropped: dict[str, Text] = {}
            raw_dropped = m.get("dropped") or {}
            if not isinstance(raw_dropped, dict):
                self.err(
                    Code.Q004,
                    (*p, "dropped"),
                    what="dropped",
                    expected="mapping {question: reason}",
                    found=_kind(raw_dropped),
                )
                raw_dropped = {}
            for qid, reason in raw_dropped.items():
                dropped[str(qid)] = self.text(reason, (*p, "dropped", qid), f"the reason for dropping '{qid}'")
            out.append(Migration(m["from"], options, dropped))
            self._migration_paths.append(p)
        return tuple(out)

    # ---- checks across the document --------------------------------------------------------------------------
    def _condition(self, qn: Questionnaire, c: Condition, where: Location) -> None:
        """Check that a condition refers to an existing question and fits its type."""
        qs = qn.questions
        target = qs.get(c.question)
        if target is None:
            suggestion = did_you_mean(c.question, qs)
            self.errors.append(Code.Q030.problem(c.loc or where, ref=c.question, suggestion=suggestion))
            return
        if c.op in ("equals", "in") and target.options:
            for v in c.value if c.op == "in" else [c.value]:
                if str(v) not in target.option_ids:
                    self.errors.append(
                        Code.Q031.problem(
                            c.value_loc or where,
                            ref=v,
                            question=target.id,
                            suggestion=did_you_mean(str(v), target.option_ids),
                            allowed=", ".join(target.option_ids),
                        )
                    )
        bad = None
        kind = registry.get(target.type)
        if c.op in ("gt", "lt") and not kind.numeric:
            bad = f"'{c.op}' compares numbers but '{target.id}' is a {target.type} question"
        elif c.op in ("min_level", "max_level") and not any(o.level is not None for o in target.options):
            bad = f"'{c.op}' needs a question whose options have levels, '{target.id}' has none"
        elif c.op == "min_count" and not kind.counted:
            bad = f"'min_count' counts ticked options but '{target.id}' is a {target.type} question"
        elif isinstance(c.value, Operand) and c.value.kind == "question":
            other = qs.get(c.value.ref)
            if other is None:
                self.errors.append(
                    Code.Q030.problem(c.value_loc or where, ref=c.value.ref, suggestion=did_you_mean(c.value.ref, qs))
                )
                return
            same_kind = other.unit and target.unit and U.same_kind(other.unit, target.unit)
            if not registry.get(other.type).numeric or not same_kind:
                bad = f"'{target.id}' cannot be compared with '{other.id}' (not numbers of the same kind)"
        if bad:
            self.errors.append(Code.Q033.problem(c.value_loc or c.loc or where, detail=bad))

    def cross_checks(self, qn: Questionnaire) -> None:
        qs = qn.questions
        for q in qn.iter_questions():
            assert q.loc is not None
            for c in q.show_if:
                self._condition(qn, c, q.loc)
            for o in q.options:
                for c in o.requires:
                    self._condition(qn, c, o.loc or q.loc)
            self._question_warnings(q)
        for crit in qn.criteria():
            for c in crit.comply_when:
                self._condition(qn, c, crit.loc or Location(self.src.path))
            self._criterion_warnings(crit)
        for check in qn.checks:
            for c in check.when:
                self._condition(qn, c, check.loc or Location(self.src.path))
            in_when = {c.question for c in check.when}  # those are reported at their condition
            for j, qid in enumerate(check.questions):
                if qid not in qs and qid not in in_when:
                    at = self._check_questions_at.get(check.id)
                    loc = self.src.loc((*at, j)) if at else (check.loc or Location(self.src.path))
                    self.errors.append(Code.Q030.problem(loc, ref=qid, suggestion=did_you_mean(qid, qs)))
        for mig, mpath in zip(qn.migrations, self._migration_paths, strict=True):
            for qid, mapping in mig.options.items():
                migrated = qs.get(qid)
                if migrated is None:
                    where_at = (*mpath, "options", qid)
                    self.err(Code.Q030, where_at, at_key=True, ref=qid, suggestion=did_you_mean(qid, qs))
                    continue
                for old, new in mapping.items():
                    if new is not None and new not in migrated.option_ids:
                        self.err(
                            Code.Q031,
                            (*mpath, "options", qid, old),
                            ref=new,
                            question=qid,
                            suggestion=did_you_mean(new, migrated.option_ids),
                            allowed=", ".join(migrated.option_ids),
                        )
        self._cycles(qn)
        for dim in qn.dimensions:
            n = sum(1 for q in qn.iter_questions() if dim.id in q.scores)
            if n < MIN_QUESTIONS_PER_DIMENSION:
                self.warnings.append(
                    Code.W002.problem(dim.loc, count=n, dimension=dim.id, minimum=MIN_QUESTIONS_PER_DIMENSION)
                )

    def _question_warnings(self, q: Question) -> None:
        """Top options ask for evidence; every step to a better option says its effort, cost and time."""
        if not q.scored:
            return
        assert q.loc is not None
        kind = registry.get(q.type)
        if kind.top_evidence:
            top = max((o.level or 0) for o in q.options) if q.options else 0
            for o in q.options:
                if o.level == top and not q.evidence_prompt(o.id):
                    self.warnings.append(Code.W006.problem(o.loc or q.loc, severity="warning", option=o.id, id=q.id))
        for o in q.options:
            leads_on = (
                (o.points or 0) > 0
                if kind.option_measure == "points"
                else any((b.level or 0) > (o.level or 0) for b in q.options)
            )
            if leads_on and o.next_step and o.step is None:
                self.warnings.append(Code.W007.problem(o.loc or q.loc, severity="warning", option=o.id, id=q.id))

    def _criterion_warnings(self, crit: Criterion) -> None:
        """DNK: every criterion offers comply-or-explain and says when its content counts as reported."""
        loc = crit.loc or Location(self.src.path)
        n_ce = sum(1 for q in crit.questions if registry.get(q.type).declaration)
        if n_ce != 1:
            self.warnings.append(
                Code.W008.problem(
                    loc,
                    severity="warning",
                    number=crit.number,
                    detail=f"has {n_ce} comply-or-explain questions",
                    fix="Give every criterion exactly one comply_explain question (report on it, or explain why not).",
                )
            )
        if not crit.comply_when:
            self.warnings.append(
                Code.W008.problem(
                    loc,
                    severity="warning",
                    number=crit.number,
                    detail="does not say when its content counts as reported",
                    fix="Add comply_when: the key questions and the minimum level each must reach.",
                )
            )

    def _cycles(self, qn: Questionnaire) -> None:
        deps = {q.id: [c.question for c in q.show_if if c.question in qn.questions] for q in qn.iter_questions()}
        state: dict[str, int] = {}
        reported: set[frozenset[str]] = set()

        def visit(node: str, stack: list[str]) -> None:
            state[node] = 1
            stack.append(node)
            for dep in deps.get(node, []):
                if state.get(dep) == 1:
                    cycle = [*stack[stack.index(dep) :], dep]
                    key = frozenset(cycle)
                    if key not in reported:
                        reported.add(key)
                        first = qn.questions[cycle[0]]
                        loc = (first.show_if[0].loc if first.show_if else None) or first.loc
                        where = loc or Location(self.src.path)
                        self.errors.append(Code.Q032.problem(where, cycle=" -> ".join(cycle)))
                elif state.get(dep) is None:
                    visit(dep, stack)
            stack.pop()
            state[node] = 2

        for qid in deps:
            if qid not in state:
                visit(qid, [])


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text {value!r}" if len(str(value)) < 40 else "a text"


def check_questionnaire(
    path: str | Path, text: str | None = None
) -> tuple[Questionnaire | None, list[Problem], list[Problem]]:
    """Validate a file: the questionnaire (or None), the errors and the warnings."""
    try:
        src = load_yaml(path, text)
    except QuestionnaireError as exc:
        return None, exc.problems, []
    b = _Builder(src)
    qn = b.build()
    errors = sorted(b.errors, key=lambda p: (p.location.line or 0, p.location.column or 0))
    return qn, errors, b.warnings


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Load and validate a questionnaire. Raises QuestionnaireError listing every located error."""
    p = Path(path).resolve()
    try:
        mtime = p.stat().st_mtime_ns
    except OSError:
        mtime = 0
    return _load_cached(str(p), mtime, str(path))


@lru_cache(maxsize=16)
def _load_cached(resolved: str, mtime: int, shown: str) -> Questionnaire:
    qn, errors, _ = check_questionnaire(shown)
    if errors or qn is None:
        raise QuestionnaireError(errors)
    return qn
