"""Reading the goals, actions and cooperation blocks of a response document (issue 16): located errors and
warnings, the JSON Schema of the blocks, and their migration to a newer questionnaire version.

Errors (the document is refused): R031 duplicate ids, R032 a link to an unknown question, R033 a link to an
unknown goal, R034 a status not in the list, R035 a field of the wrong kind, R036 a cooperation entry not in the
questionnaire's lists. Warnings (the document loads): W010 an action planned in this round and due before it
began, W011 a key-figure goal without a baseline.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from toolkit.definitions.model import Questionnaire
from toolkit.errors import Code, Location, Problem, did_you_mean
from toolkit.responses.plan import (
    ACTION_KEYS,
    COOPERATION_KEYS,
    COST_CLASSES,
    GOAL_KEYS,
    GOAL_KINDS,
    GOAL_KPIS,
    ID_RE,
    MAX_NOTE,
    MAX_TITLE,
    STATUS_ALIASES,
    STATUS_WORDS,
    STATUSES,
    STEP_KEYS,
    Action,
    Cooperation,
    Goal,
    next_id,
    parse_date,
    round_year,
)


# ---- locating problems in the JSON text -----------------------------------------------------------------------
class PlanLocator:
    """Line and column of a goal, action or cooperation field in the document's text."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def _loc(self, offset: int) -> Location:
        line = self.text.count("\n", 0, offset) + 1
        return Location(self.path, line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1)

    def at(self, block: str, ident: Any = None, nth: int = 0, fld: str | None = None) -> Location:
        m = re.search(re.escape(json.dumps(block)) + r"\s*:", self.text)
        if m is None:
            return Location(self.path)
        pos = m.start()
        if ident is not None and isinstance(ident, str):
            pat = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(ident, ensure_ascii=False)))
            found = list(pat.finditer(self.text, pos))
            if not found:
                pat = re.compile(r'"id"\s*:\s*' + re.escape(json.dumps(ident)))
                found = list(pat.finditer(self.text, pos))
            if found:
                pos = found[min(nth, len(found) - 1)].start()
        if fld is not None:
            f = re.compile(re.escape(json.dumps(fld)) + r"\s*:").search(self.text, pos)
            if f is not None:
                pos = f.start()
        return self._loc(pos)


# ---- parsing --------------------------------------------------------------------------------------------------
@dataclass
class ParsedPlan:
    goals: list[Goal] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    cooperation: Cooperation | None = None
    warnings: list[Problem] = field(default_factory=list)


def _text(v: Any, limit: int) -> bool:
    return isinstance(v, str) and len(v) <= limit


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)


def parse_plan(
    data: Mapping[str, Any], qn: Questionnaire, round_: str, loc: PlanLocator
) -> tuple[ParsedPlan, list[Problem]]:
    """The goals, actions and cooperation block of a response document: (parsed, errors). Warnings (a due date
    before the round, a key-figure goal without a baseline) are in ``parsed.warnings``."""
    out = ParsedPlan()
    problems: list[Problem] = []
    out.goals = _goals(data.get("goals"), qn, round_, loc, problems, out.warnings)
    goals = data.get("goals")
    raw_goals = goals if isinstance(goals, list) else []
    # an invalid goal is reported once, not again at the actions linked to it
    goal_ids = {g["id"] for g in raw_goals if isinstance(g, dict) and isinstance(g.get("id"), str)}
    out.actions = _actions(data.get("actions"), qn, round_, goal_ids, loc, problems, out.warnings)
    if "cooperation" in data:
        out.cooperation = _cooperation(data.get("cooperation"), qn, loc, problems)
    return out, problems


def _list(raw: Any, block: str, loc: PlanLocator, problems: list[Problem]) -> list[Any]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(
            Code.R035.problem(
                loc.at(block),
                kind=block,
                id="-",
                field=block,
                detail="must be a list of objects",
                fix=f'Write "{block}": [{{"id": ...}}, ...].',
            )
        )
        return []
    return raw


def _ids(items: list[Any], kind: str, block: str, prefix: str, loc: PlanLocator, problems: list[Problem]) -> list[int]:
    """Indices of the items with a valid, first-seen id; problems for the others."""
    seen: dict[str, int] = {}
    keep = []
    for i, raw in enumerate(items):
        if not isinstance(raw, dict):
            problems.append(
                Code.R035.problem(
                    loc.at(block),
                    kind=kind,
                    id=f"#{i + 1}",
                    field="-",
                    detail=f"must be an object, found {type(raw).__name__}",
                    fix='Write {"id": ..., "title": ...}.',
                )
            )
            continue
        ident = raw.get("id")
        if not isinstance(ident, str) or not ID_RE.fullmatch(ident):
            problems.append(
                Code.R035.problem(
                    loc.at(block, ident),
                    kind=kind,
                    id=ident if isinstance(ident, str) else f"#{i + 1}",
                    field="id",
                    detail=f"{ident!r} is not a valid id",
                    fix="Use 1-32 letters, digits, '_' or '-', e.g. 'm1'.",
                )
            )
            continue
        nth = sum(1 for r in items[:i] if isinstance(r, dict) and r.get("id") == ident)
        if ident in seen:
            taken = [str(r.get("id")) for r in items if isinstance(r, dict)]
            problems.append(
                Code.R031.problem(
                    loc.at(block, ident, nth),
                    kind=kind,
                    id=ident,
                    first=loc.at(block, ident, 0).line,
                    kind_short=prefix,
                    next=next_id(prefix, taken)[len(prefix) :],
                )
            )
            continue
        seen[ident] = i
        keep.append(i)
    return keep


def _unknown_keys(
    raw: dict[str, Any], allowed: tuple[str, ...], kind: str, ident: str, where: Location, problems: list[Problem]
) -> None:
    for key in raw:
        if key not in allowed:
            problems.append(
                Code.R035.problem(
                    where,
                    kind=kind,
                    id=ident,
                    field=key,
                    detail="unknown field",
                    fix=f"{did_you_mean(key, allowed)}Fields: {', '.join(allowed)}.",
                )
            )


def _goals(
    raw: Any, qn: Questionnaire, round_: str, loc: PlanLocator, problems: list[Problem], warnings: list[Problem]
) -> list[Goal]:
    items = _list(raw, "goals", loc, problems)
    goals = []
    for i in _ids(items, "goal", "goals", "z", loc, problems):
        g = items[i]
        gid = g["id"]
        n_before = len(problems)

        def bad(fld: str, detail: str, fix: str, gid: str = gid) -> None:
            problems.append(
                Code.R035.problem(loc.at("goals", gid, 0, fld), kind="goal", id=gid, field=fld, detail=detail, fix=fix)
            )

        _unknown_keys(g, GOAL_KEYS, "goal", gid, loc.at("goals", gid), problems)
        kind = g.get("kind")
        if kind not in GOAL_KINDS:
            bad(
                "kind",
                f"{kind!r} is not a kind of goal",
                f"{did_you_mean(str(kind), GOAL_KINDS)}Use 'kpi' or 'dimension'.",
            )
            continue
        year = round_year(round_)
        base_round = g.get("base_round", round_)
        if not isinstance(base_round, str) or round_year(base_round) is None:
            bad("base_round", f"{base_round!r} is not a round", 'Write the round the baseline is from, e.g. "2025".')
            base_round = round_
        target_year = g.get("target_year")
        base_year = round_year(base_round) or year or 0
        if isinstance(target_year, bool) or not isinstance(target_year, int) or not base_year <= target_year <= 2100:
            bad(
                "target_year",
                f"{target_year!r} is not a year from {base_year} to 2100",
                f"Write the year by which the goal is to be reached, e.g. {base_year + 3}.",
            )
        for fld in ("base_value", "change_percent", "target_value"):
            if g.get(fld) is not None and not _number(g.get(fld)):
                bad(fld, f"must be a number, found {g.get(fld)!r}", "Enter a number.")
        title = g.get("title", "")
        if not _text(title, MAX_TITLE):
            bad("title", f"must be a text of at most {MAX_TITLE} characters", "Shorten the title.")
            title = ""
        goal = Goal(
            gid,
            kind,
            target_year if isinstance(target_year, int) else base_year,
            base_round,
            title=title,
            changed_at=g.get("changed_at") if isinstance(g.get("changed_at"), str) else None,
        )
        if kind == "kpi":
            kpi = g.get("kpi")
            if kpi not in GOAL_KPIS:
                bad(
                    "kpi",
                    f"{kpi!r} is not a key figure a goal can target",
                    f"{did_you_mean(str(kpi), GOAL_KPIS)}Key figures: {', '.join(GOAL_KPIS)}.",
                )
            pct, value = g.get("change_percent"), g.get("target_value")
            if (pct is None) == (value is None):
                bad(
                    "change_percent",
                    "give either change_percent or target_value",
                    'Write e.g. "change_percent": -20 (20 % less than the baseline) or "target_value": 50.',
                )
            elif pct is not None and _number(pct) and not (-100 <= pct <= 1000 and pct != 0):
                bad(
                    "change_percent",
                    f"{pct} is outside -100 to 1000 (and not 0)",
                    "Enter the change in percent, e.g. -20.",
                )
            elif value is not None and _number(value) and value < 0:
                bad("target_value", f"{value} is below 0", "Enter the figure to reach.")
            goal.kpi = kpi if kpi in GOAL_KPIS else None
            goal.change_percent = float(pct) if _number(pct) else None
            goal.target_value = float(value) if _number(value) else None
        else:
            dim = g.get("dimension")
            if qn.dimension(str(dim)) is None:
                dims = [d.id for d in qn.dimensions]
                bad(
                    "dimension",
                    f"{dim!r} is not a dimension of the questionnaire",
                    f"{did_you_mean(str(dim), dims)}Dimensions: {', '.join(dims)}.",
                )
            level = g.get("target_level")
            if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= 4:
                bad("target_level", f"{level!r} is not a level from 1 to 4", "Enter the level to reach, e.g. 3.")
            base_level = g.get("base_level")
            if base_level is not None and (
                isinstance(base_level, bool) or not isinstance(base_level, int) or not 0 <= base_level <= 4
            ):
                bad("base_level", f"{base_level!r} is not a level from 0 to 4", "Use the level of the base round.")
            goal.dimension = str(dim)
            goal.target_level = level if isinstance(level, int) else None
            goal.base_level = base_level if isinstance(base_level, int) else None
        goal.base_value = float(g["base_value"]) if _number(g.get("base_value")) else None
        if len(problems) > n_before:
            continue
        if goal.kind == "kpi" and goal.base_value is None and goal.change_percent is not None:
            warnings.append(
                Code.W011.problem(
                    loc.at("goals", gid, 0, "kpi"),
                    id=gid,
                    kpi=goal.kpi,
                    round=goal.base_round,
                    why="missing or incomplete",
                )
            )
        goals.append(goal)
    return goals


def _actions(
    raw: Any,
    qn: Questionnaire,
    round_: str,
    goal_ids: set[str],
    loc: PlanLocator,
    problems: list[Problem],
    warnings: list[Problem],
) -> list[Action]:
    items = _list(raw, "actions", loc, problems)
    actions = []
    for i in _ids(items, "action", "actions", "m", loc, problems):
        a = items[i]
        aid = a["id"]
        n_before = len(problems)

        def at(fld: str | None = None, aid: str = aid) -> Location:
            return loc.at("actions", aid, 0, fld)

        def bad(fld: str, detail: str, fix: str, aid: str = aid) -> None:
            problems.append(Code.R035.problem(at(fld), kind="action", id=aid, field=fld, detail=detail, fix=fix))

        _unknown_keys(a, ACTION_KEYS, "action", aid, at(), problems)
        title = a.get("title")
        if not isinstance(title, str) or not title.strip() or len(title) > MAX_TITLE:
            bad("title", f"needs a title of 1 to {MAX_TITLE} characters", "Say in a few words what will be done.")
        status = a.get("status", "planned")
        status_id = STATUS_ALIASES.get(status.strip().lower(), status) if isinstance(status, str) else status
        if status_id not in STATUSES:
            words = [*STATUSES, *(w["de"] for w in STATUS_WORDS.values())]
            problems.append(
                Code.R034.problem(
                    at("status"),
                    value=status,
                    id=aid,
                    suggestion=did_you_mean(str(status), words),
                    allowed=", ".join(f"{s} ({STATUS_WORDS[s]['de']})" for s in STATUSES),
                )
            )
        questions = a.get("questions", [])
        if not isinstance(questions, list) or not all(isinstance(q, str) for q in questions):
            bad("questions", "must be a list of question ids", 'Write e.g. "questions": ["en_metering"].')
            questions = []
        for ref in questions:
            if qn.question(ref) is None:
                problems.append(
                    Code.R032.problem(
                        at("questions"), kind="action", id=aid, ref=ref, suggestion=did_you_mean(ref, qn.questions)
                    )
                )
        goal = a.get("goal")
        if goal is not None and goal not in goal_ids:
            problems.append(
                Code.R033.problem(
                    at("goal"),
                    id=aid,
                    ref=goal,
                    suggestion=did_you_mean(str(goal), sorted(goal_ids)),
                    allowed=", ".join(sorted(goal_ids)) or "none defined",
                )
            )
        due = a.get("due")
        due_date = None
        if due is not None:
            due_date = parse_date(due)
            if due_date is None:
                bad("due", f"{due!r} is not a date", 'Write the date as "YYYY-MM-DD", e.g. "2026-06-30".')
        cost = a.get("cost")
        if cost is not None and cost not in COST_CLASSES:
            bad(
                "cost",
                f"{cost!r} is not a cost class",
                f"{did_you_mean(str(cost), COST_CLASSES)}Use low, medium or high.",
            )
        for fld, limit in (
            ("role", 200),
            ("effect", MAX_NOTE),
            ("funding", MAX_NOTE),
            ("created_round", 20),
            ("changed_at", 40),
        ):
            v = a.get(fld)
            if v is not None and not _text(v, limit):
                bad(fld, f"must be a text of at most {limit} characters", "Shorten the text.")
        confirmed = a.get("confirmed", True)
        if not isinstance(confirmed, bool):
            bad("confirmed", f"must be true or false, found {confirmed!r}", "Write true or false.")
        step = a.get("from_step")
        if step is not None:
            if not isinstance(step, dict):
                bad("from_step", "must be an object", 'Write {"question": ..., "next_option": ...}.')
                step = None
            else:
                _unknown_keys(step, STEP_KEYS, "action", aid, at("from_step"), problems)
                if qn.question(str(step.get("question"))) is None:
                    problems.append(
                        Code.R032.problem(
                            at("from_step"),
                            kind="action",
                            id=aid,
                            ref=step.get("question"),
                            suggestion=did_you_mean(str(step.get("question")), qn.questions),
                        )
                    )
        baseline = a.get("baseline")
        if baseline is not None:
            ok = isinstance(baseline, dict) and isinstance(baseline.get("answers", {}), dict)
            if not ok:
                bad("baseline", "must be an object {round, answers}", "Leave the baseline as the toolkit wrote it.")
                baseline = None
            else:
                for ref in baseline.get("answers", {}):
                    if qn.question(ref) is None:
                        problems.append(
                            Code.R032.problem(
                                at("baseline"),
                                kind="action",
                                id=aid,
                                ref=ref,
                                suggestion=did_you_mean(ref, qn.questions),
                            )
                        )
        if len(problems) > n_before:
            continue
        created = a.get("created_round") or round_
        year = round_year(created)
        if due_date is not None and year is not None and created == round_ and due_date < date(year, 1, 1):
            warnings.append(Code.W010.problem(at("due"), id=aid, due=due, round=round_))
        actions.append(
            Action(
                aid,
                title.strip(),
                status_id,
                list(questions),
                goal,
                a.get("role"),
                due,
                a.get("effect"),
                cost,
                a.get("funding"),
                step,
                created,
                confirmed,
                baseline,
                a.get("changed_at"),
            )
        )
    return actions


def _cooperation(raw: Any, qn: Questionnaire, loc: PlanLocator, problems: list[Problem]) -> Cooperation | None:
    if not isinstance(raw, dict):
        problems.append(
            Code.R035.problem(
                loc.at("cooperation"),
                kind="cooperation",
                id="-",
                field="cooperation",
                detail="must be an object",
                fix='Write {"opt_in": false, "offers": [], "needs": []}.',
            )
        )
        return None
    n_before = len(problems)
    _unknown_keys(raw, COOPERATION_KEYS, "cooperation", "-", loc.at("cooperation"), problems)
    opt_in = raw.get("opt_in", False)
    if not isinstance(opt_in, bool):
        problems.append(
            Code.R035.problem(
                loc.at("cooperation", None, 0, "opt_in"),
                kind="cooperation",
                id="-",
                field="opt_in",
                detail=f"must be true or false, found {opt_in!r}",
                fix="Write true to take part in the matching, false otherwise.",
            )
        )
    lists = {}
    for fld in ("offers", "needs"):
        values = raw.get(fld, [])
        where = loc.at("cooperation", None, 0, fld)
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.append(
                Code.R035.problem(
                    where,
                    kind="cooperation",
                    id="-",
                    field=fld,
                    detail="must be a list of entry ids",
                    fix=f'Write "{fld}": ["wood_waste"].',
                )
            )
            values = []
        known = [e.id for lst in qn.cooperation for e in lst.entries]
        for v in values:
            if qn.cooperation_entry(v) is None:
                problems.append(Code.R036.problem(where, value=v, where=fld, suggestion=did_you_mean(v, known)))
        if len(set(values)) != len(values):
            problems.append(
                Code.R035.problem(
                    where,
                    kind="cooperation",
                    id="-",
                    field=fld,
                    detail="an entry is listed twice",
                    fix="Keep each entry once.",
                )
            )
        lists[fld] = list(values)
    if len(problems) > n_before:
        return None
    return Cooperation(bool(opt_in), lists["offers"], lists["needs"])


def plan_schema(max_text: int) -> dict[str, Any]:
    """The JSON Schema of the three blocks (properties of the response document)."""
    goal = {
        "type": "object",
        "required": ["id", "kind", "target_year"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": f"^{ID_RE.pattern}$"},
            "title": {"type": "string", "maxLength": MAX_TITLE},
            "kind": {"enum": list(GOAL_KINDS)},
            "kpi": {"enum": list(GOAL_KPIS)},
            "dimension": {"type": "string"},
            "change_percent": {
                "type": "number",
                "minimum": -100,
                "maximum": 1000,
                "description": "change against the baseline in percent (-20: 20 % less)",
            },
            "target_value": {"type": "number", "minimum": 0},
            "target_level": {"type": "integer", "minimum": 1, "maximum": 4},
            "target_year": {"type": "integer", "maximum": 2100},
            "base_round": {"type": "string"},
            "base_value": {"type": ["number", "null"], "description": "the key figure or score in the base round"},
            "base_level": {"type": "integer", "minimum": 0, "maximum": 4},
            "changed_at": {"type": "string", "format": "date-time"},
        },
    }
    action = {
        "type": "object",
        "required": ["id", "title"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": f"^{ID_RE.pattern}$"},
            "title": {"type": "string", "minLength": 1, "maxLength": MAX_TITLE},
            "questions": {"type": "array", "items": {"type": "string"}, "description": "linked question ids"},
            "goal": {"type": "string", "description": "the id of a goal of the same document"},
            "role": {"type": "string", "maxLength": 200, "description": "the responsible role (no names needed)"},
            "due": {"type": "string", "format": "date"},
            "status": {"enum": list(STATUSES)},
            "effect": {"type": "string", "maxLength": MAX_NOTE},
            "cost": {"enum": list(COST_CLASSES)},
            "funding": {"type": "string", "maxLength": MAX_NOTE},
            "from_step": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "question": {"type": "string"},
                    "next_option": {"type": ["string", "array"]},
                    "overall_gain": {"type": "number"},
                    "gains": {"type": "object", "additionalProperties": {"type": "number"}},
                    "effort": {"type": "string"},
                    "cost": {"type": "string"},
                    "time": {"type": "string"},
                },
            },
            "created_round": {"type": "string"},
            "confirmed": {"type": "boolean", "description": "false: carried over, status not yet confirmed"},
            "baseline": {
                "type": "object",
                "description": "the linked answers when the action was planned",
                "properties": {"round": {"type": "string"}, "answers": {"type": "object"}},
            },
            "changed_at": {"type": "string", "format": "date-time"},
        },
    }
    del max_text
    cooperation = {
        "type": "object",
        "additionalProperties": False,
        "description": "cooperation exchange: off unless opt_in is true; entries from the questionnaire's lists",
        "properties": {
            "opt_in": {"type": "boolean"},
            "offers": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
            "needs": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        },
    }
    return {
        "goals": {"type": "array", "items": goal},
        "actions": {"type": "array", "items": action},
        "cooperation": cooperation,
    }


def migrate_plan(doc: dict[str, Any], qn: Questionnaire) -> list[str]:
    """Carry a document's plan over to ``qn``'s version in place: links of actions to questions that no longer
    exist, and cooperation entries no longer in the lists, are removed; the notes say which (nothing silently)."""
    notes: list[str] = []
    for a in doc.get("actions") or []:
        if not isinstance(a, dict):
            continue
        aid = a.get("id")
        if isinstance(a.get("questions"), list):
            gone = [q for q in a["questions"] if isinstance(q, str) and qn.question(q) is None]
            if gone:
                a["questions"] = [q for q in a["questions"] if q not in gone]
                notes.append(f"action {aid}: link to {', '.join(gone)} removed (the question no longer exists)")
        step = a.get("from_step")
        if isinstance(step, dict) and isinstance(step.get("question"), str) and qn.question(step["question"]) is None:
            del a["from_step"]
            notes.append(f"action {aid}: its next step ({step['question']}) no longer exists; the action stays")
        base = a.get("baseline")
        if isinstance(base, dict) and isinstance(base.get("answers"), dict):
            base["answers"] = {q: v for q, v in base["answers"].items() if qn.question(q) is not None}
    coop = doc.get("cooperation")
    if isinstance(coop, dict):
        for fld in ("offers", "needs"):
            values = coop.get(fld)
            if isinstance(values, list):
                gone = [v for v in values if isinstance(v, str) and qn.cooperation_entry(v) is None]
                if gone:
                    coop[fld] = [v for v in values if v not in gone]
                    notes.append(f"cooperation {fld}: {', '.join(gone)} removed (no longer in the lists)")
    return notes
