"""Load and validate a questionnaire YAML file into the typed model.

``load_questionnaire(path)`` returns a :class:`~toolkit.model.Questionnaire` (with ``.warnings``) or raises
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

from . import units as U
from .errors import Code, Problem, QuestionnaireError, did_you_mean
from .model import (
    AREA_IDS,
    COLUMN_TYPES,
    HEADLINE_DIMENSIONS,
    QUESTION_TYPES,
    SCORED_TYPES,
    SIZE_CLASSES,
    Area,
    Column,
    Condition,
    Criterion,
    Dimension,
    Level,
    Option,
    ProfileField,
    Question,
    Questionnaire,
    Text,
)
from .yamlsource import Source, load_yaml

TOP_KEYS = ("id", "version", "year", "languages", "title", "description", "scale", "dimensions", "profile", "areas")
LEVEL_KEYS = ("level", "min_score", "name", "description")
DIM_KEYS = ("id", "name", "description", "headline")
PROFILE_KEYS = ("id", "type", "unit", "accepted_units", "min", "max", "text", "help", "refs", "options")
PROFILE_IDS = ("nace", "employees", "turnover", "balance_sheet", "legal_form", "country")
PROFILE_TYPES = ("text", "number", "single_choice")  # what the form's profile page can ask
AREA_KEYS = ("id", "name", "criteria")
CRIT_KEYS = ("number", "name", "questions")
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
)
OPTION_KEYS = ("id", "label", "level", "points", "next_step")
COND_KEYS = ("question", "equals", "in", "answered", "gt", "lt")
REF_KEYS = ("dnk", "vsme", "gri", "concepts")
COLUMN_KEYS = ("id", "type", "text", "unit", "min", "max", "options", "concept")
TYPE_ALIASES = {
    "ladder": "maturity",
    "choice": "single_choice",
    "multi": "multiple_choice",
    "boolean": "yes_no",
    "numeric": "number",
}
FIXED_OPTIONS = {"yes_no": ("yes", "no"), "comply_explain": ("comply", "explain")}
DEFAULT_LABELS = {
    "yes": {"de": "Ja", "en": "Yes"},
    "no": {"de": "Nein", "en": "No"},
    "comply": {"de": "Wir berichten dazu", "en": "We report on this"},
    "explain": {"de": "Wir erklären, warum nicht", "en": "We explain why not"},
}
QID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
QNR_ID_RE = re.compile(r"^[a-z][a-z0-9_-]*$")
MIN_QUESTIONS_PER_DIMENSION = 3

Path_ = tuple[Any, ...]


class _Builder:
    def __init__(self, src: Source) -> None:
        self.src = src
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []

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
            if lang not in ("de", "en"):
                self.err(
                    Code.Q011,
                    (*path, lang),
                    at_key=True,
                    key=lang,
                    what=what,
                    suggestion=did_you_mean(str(lang), ("de", "en")),
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
        if langs and (langs[0] != "de" or any(lang not in ("de", "en") for lang in langs)):
            self.err(
                Code.Q082,
                ("languages",),
                detail=f"languages must be de (first) and en, found {langs}",
                fix="Write 'languages: [de, en]'.",
            )
        title = self.text(data.get("title"), ("title",), "the title")
        description = self.text(data.get("description"), ("description",), "the description", required=False)
        levels = self.scale(data.get("scale"), ("scale",))
        dims = self.dimensions(data.get("dimensions"), ("dimensions",))
        profile = self.profile(data.get("profile"), ("profile",))
        dim_ids = tuple(d.id for d in dims)
        areas = self.areas(data.get("areas"), ("areas",), dim_ids)
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
            ftype = TYPE_ALIASES.get(ftype, ftype) if isinstance(ftype, str) else ftype
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
            self.err(
                Code.Q071,
                (*p, "number"),
                number=num,
                detail=f"appears twice (first at line {self._crits[num]})",
                fix="Define each criterion once and put all its questions under it.",
            )
            return None
        self._crits[num] = line
        qs = tuple(
            q
            for k, raw_q in enumerate(self.seq(c.get("questions"), (*p, "questions"), "questions"))
            if (q := self.question(raw_q, (*p, "questions", k), num, area, dims)) is not None
        )
        return Criterion(
            num, self.text(c.get("name"), (*p, "name"), f"the name of criterion {num}"), area, qs, self.src.loc(p)
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
        qtype = q.get("type")
        qtype = TYPE_ALIASES.get(qtype, qtype) if isinstance(qtype, str) else qtype
        if qtype not in QUESTION_TYPES:
            self.err(
                Code.Q021,
                (*p, "type"),
                type=qtype,
                suggestion=did_you_mean(str(qtype), QUESTION_TYPES),
                allowed=", ".join(QUESTION_TYPES),
            )
            return None
        scores = self.scores(q.get("scores"), (*p, "scores"), dims)
        if scores and qtype not in SCORED_TYPES:
            self.err(
                Code.Q044,
                (*p, "scores"),
                type=qtype,
                detail="cannot be scored",
                fix="Remove 'scores:' or use a maturity, choice, yes_no or comply_explain question.",
            )
        options = self.options(q.get("options"), (*p, "options"), qtype, bool(scores))
        unit, accepted = self.units(q, p) if qtype == "number" else (None, ())
        columns = self.columns(q.get("columns"), (*p, "columns"), qid) if qtype == "table" else ()
        max_rows = q.get("max_rows", 100)
        if not isinstance(max_rows, int) or isinstance(max_rows, bool) or not 1 <= max_rows <= 1000:
            self.err(Code.Q004, (*p, "max_rows"), what="max_rows", expected="number 1-1000", found=_kind(max_rows))
            max_rows = 100
        if qtype == "number" and "unit" not in q:
            self.err(Code.Q010, p, what=f"number question '{qid}'", key="unit")
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
            columns=columns,
            max_rows=max_rows,
            loc=self.src.loc(p),
        )

    def columns(self, node: Any, path: Path_, qid: str) -> tuple[Column, ...]:
        """The columns of a table question: text, number (with unit, min, max) or single_choice (options)."""
        raw_list = self.seq(node, path, "columns")
        if not raw_list:
            self.err(Code.Q010, path[:-1], what=f"table question '{qid}'", key="columns")
            return ()
        out: list[Column] = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(raw_list):
            p = (*path, i)
            c = self.mapping(raw, p, "a column", COLUMN_KEYS, ("id", "type", "text"))
            if c is None:
                continue
            cid = self.ident(c.get("id"), (*p, "id"), "column")
            if cid is None:
                continue
            if cid in seen:
                self.err(Code.Q020, (*p, "id"), kind="column", id=cid, first=seen[cid])
                continue
            seen[cid] = self.src.loc((*p, "id")).line or 0
            ctype = c.get("type")
            if ctype not in COLUMN_TYPES:
                self.err(
                    Code.Q021,
                    (*p, "type"),
                    type=ctype,
                    suggestion=did_you_mean(str(ctype), COLUMN_TYPES),
                    allowed=", ".join(COLUMN_TYPES),
                )
                continue
            unit = None
            if ctype == "number":
                unit, _ = self.units(c, p)
                if "unit" not in c:
                    self.err(Code.Q010, p, what=f"number column '{cid}'", key="unit")
            options = self.options(c.get("options"), (*p, "options"), ctype, False) if ctype == "single_choice" else ()
            out.append(
                Column(
                    cid,
                    str(ctype),
                    self.text(c.get("text"), (*p, "text"), f"column '{cid}' of '{qid}'"),
                    unit,
                    self.number(c.get("min"), (*p, "min"), "min"),
                    self.number(c.get("max"), (*p, "max"), "max"),
                    options,
                    str(c["concept"]) if c.get("concept") else None,
                )
            )
        return tuple(out)

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
        needs = qtype in ("maturity", "single_choice", "multiple_choice")
        if qtype in ("number", "text", "table"):
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
            if scored and qtype != "multiple_choice" and level is None and "level" not in o:
                self.err(
                    Code.Q043,
                    p,
                    detail=f"option '{oid}' of a scored question has no level",
                    fix="Add 'level: 0' to 'level: 4'.",
                )
            if scored and qtype == "multiple_choice" and points is None:
                self.err(
                    Code.Q043,
                    p,
                    detail=f"option '{oid}' of a scored multiple-choice question has no points",
                    fix="Add 'points: N' (0 or more).",
                )
            label = o.get("label")
            if label is None and qtype in FIXED_OPTIONS:
                label_t: Text = dict(DEFAULT_LABELS.get(oid, {"de": oid, "en": oid}))
            else:
                label_t = self.text(label, (*p, "label"), f"option '{oid}'")
            next_step = self.text(o.get("next_step"), (*p, "next_step"), f"next_step of option '{oid}'", required=False)
            if scored and not next_step:
                self.warn(Code.W003, p, option=oid)
            out.append(Option(oid, label_t, level, points, next_step, self.src.loc(p)))
        if qtype in FIXED_OPTIONS:
            want = FIXED_OPTIONS[qtype]
            if node is None and not scored:
                return tuple(Option(oid, dict(DEFAULT_LABELS[oid])) for oid in want)
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

    def conditions(self, node: Any, path: Path_) -> tuple[Condition, ...]:
        if node is None:
            return ()
        items = node if isinstance(node, list) else [node]
        out: list[Condition] = []
        for i, raw in enumerate(items):
            p = (*path, i) if isinstance(node, list) else path
            c = self.mapping(raw, p, "show_if", COND_KEYS, ("question",))
            if c is None:
                continue
            ops = [k for k in ("equals", "in", "answered", "gt", "lt") if k in c]
            if len(ops) != 1:
                self.err(
                    Code.Q033, p, detail=f"needs exactly one of equals, in, answered, gt, lt; found {ops or 'none'}"
                )
                continue
            op = ops[0]
            value = c[op]
            if op == "in" and not isinstance(value, list):
                self.err(Code.Q033, (*p, op), detail="'in' needs a list")
                continue
            if op in ("gt", "lt") and (isinstance(value, bool) or not isinstance(value, int | float)):
                self.err(Code.Q033, (*p, op), detail=f"'{op}' needs a number")
                continue
            out.append(
                Condition(str(c.get("question")), op, value, self.src.loc((*p, "question")), self.src.loc((*p, op)))
            )
        return tuple(out)

    # ---- checks across the document --------------------------------------------------------------------------
    def cross_checks(self, qn: Questionnaire) -> None:
        qs = qn.questions
        for q in qn.iter_questions():
            assert q.loc is not None
            for c in q.show_if:
                target = qs.get(c.question)
                if target is None:
                    self.errors.append(
                        Code.Q030.problem(c.loc or q.loc, ref=c.question, suggestion=did_you_mean(c.question, qs))
                    )
                    continue
                if c.op in ("equals", "in") and target.options:
                    for v in c.value if c.op == "in" else [c.value]:
                        if str(v) not in target.option_ids:
                            self.errors.append(
                                Code.Q031.problem(
                                    c.value_loc or q.loc,
                                    ref=v,
                                    question=target.id,
                                    suggestion=did_you_mean(str(v), target.option_ids),
                                    allowed=", ".join(target.option_ids),
                                )
                            )
                if c.op in ("gt", "lt") and target.type != "number":
                    self.errors.append(
                        Code.Q033.problem(
                            c.loc or q.loc,
                            detail=f"'{c.op}' compares numbers but '{target.id}' is a {target.type} question",
                        )
                    )
        self._cycles(qn)
        for dim in qn.dimensions:
            n = sum(1 for q in qn.iter_questions() if dim.id in q.scores)
            if n < MIN_QUESTIONS_PER_DIMENSION:
                self.warnings.append(
                    Code.W002.problem(dim.loc, count=n, dimension=dim.id, minimum=MIN_QUESTIONS_PER_DIMENSION)
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
                        loc = first.show_if[0].loc if first.show_if else first.loc
                        self.errors.append(Code.Q032.problem(loc, cycle=" -> ".join(cycle)))  # type: ignore[arg-type]
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
