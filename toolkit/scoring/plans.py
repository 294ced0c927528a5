"""States of goals and actions computed from a scorecard: on track, behind, achieved; overdue actions; what
moved since the last round. Pure functions, no I/O. The model they work on is ``toolkit.responses.plan``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from toolkit.definitions.model import Questionnaire, Text, tr
from toolkit.definitions.types import registry
from toolkit.errors import Code, Location, Problem
from toolkit.i18n import LANGS, t
from toolkit.responses.plan import (
    GOAL_KPIS,
    MAX_TITLE,
    STATUSES,
    THEME_OTHER,
    Action,
    Cooperation,
    Goal,
    goal_state_word,
    next_id,
    parse_date,
    round_year,
    status_word,
)

if TYPE_CHECKING:
    from toolkit.responses import Answer, Response
    from toolkit.scoring.scores import Recommendation, ScoreCard


# ---- states from a scorecard ----------------------------------------------------------------------------------
def kpi_value(card: ScoreCard, kpi: str) -> float | None:
    """A key figure of the scorecard, or None when it is missing or one of its inputs is open."""
    if kpi not in GOAL_KPIS:
        return None
    if any(f in card.data_quality.incomplete_kpis for f in GOAL_KPIS[kpi][2]):
        return None
    k = card.kpis
    if kpi == "renewable_share":
        return k.renewable_share
    if not k.energy and not k.reported and not k.refrigerants:
        return None
    values = {
        "scope12_t": k.total_t,
        "scope1_t": k.scope1_t,
        "scope2_location_t": k.scope2_location_t,
        "total_mwh": k.total_mwh,
        "t_per_employee": k.intensity_per_employee_t,
        "t_per_meur": k.intensity_per_meur_t,
    }
    return values[kpi]


def goal_value(goal: Goal, card: ScoreCard) -> float | None:
    """The goal's figure in a scorecard: the key figure, or the dimension's score."""
    if goal.kind == "kpi":
        return kpi_value(card, goal.kpi or "")
    d = next((d for d in card.dimensions if d.id == goal.dimension), None)
    return d.score if d is not None else None


def baseline_problem(goal: Goal, card: ScoreCard) -> str | None:
    """Why a new goal has no baseline in this scorecard (None when it has one)."""
    if goal_value(goal, card) is None:
        return "missing or incomplete"
    return None


@dataclass
class GoalStatus:
    id: str
    kind: str
    title: str
    target_year: int
    base_round: str
    base_value: float | None
    value: float | None  # the figure in this round
    target: float | None  # the figure to reach (a dimension goal: the target level's minimum score)
    expected: float | None  # where the straight line from baseline to target is in this round's year
    state: str  # new | on_track | behind | achieved | no_data
    kpi: str | None = None
    dimension: str | None = None
    target_level: int | None = None
    level: int | None = None
    change_percent: float | None = None
    year: int | None = None  # the year of the round the state is for


def goal_status(goal: Goal, qn: Questionnaire, card: ScoreCard) -> GoalStatus:
    """The goal's state in the round of ``card`` (see the module docstring)."""
    value = goal_value(goal, card)
    level = None
    if goal.kind == "dimension":
        lvl = next((lv for lv in qn.levels if lv.level == goal.target_level), None)
        target = lvl.min_score if lvl is not None else None
        d = next((d for d in card.dimensions if d.id == goal.dimension), None)
        level = d.level if d is not None else None
    else:
        target = goal.target
    year, base_year = round_year(card.round), round_year(goal.base_round)
    expected = None
    if target is not None and goal.base_value is not None and year is not None and base_year is not None:
        span = goal.target_year - base_year
        share = 1.0 if span <= 0 else min(1.0, max(0.0, (year - base_year) / span))
        expected = goal.base_value + (target - goal.base_value) * share
    if year is not None and base_year is not None and year <= base_year:
        state = "new"
    elif value is None or target is None:
        state = "no_data"
    else:
        direction = 1.0 if goal.base_value is None or target >= goal.base_value else -1.0
        if goal.kind == "dimension":
            direction = 1.0
        if (value - target) * direction >= -1e-9:
            state = "achieved"
        elif expected is not None and (value - expected) * direction >= -1e-9:
            state = "on_track"
        else:
            state = "behind"
    return GoalStatus(
        goal.id,
        goal.kind,
        goal.title,
        goal.target_year,
        goal.base_round,
        goal.base_value,
        value,
        target,
        expected,
        state,
        goal.kpi,
        goal.dimension,
        goal.target_level,
        level,
        goal.change_percent,
        year,
    )


def answer_level(qn: Questionnaire, qid: str, value: Any) -> float | None:
    """The share 0..1 of its weight an answer earns (None: open or not scorable)."""
    q = qn.question(qid)
    if q is None or value is None:
        return None
    return registry.fraction(q, value)


def moved(qn: Questionnaire, qid: str, before: Any, after: Answer | None) -> str:
    """How a linked answer moved since the action was planned: up, same, down, open (no answer now) or new
    (no answer then)."""
    now = after.value if after is not None and after.answered and not after.not_applicable else None
    if now is None:
        return "open"
    a, b = answer_level(qn, qid, before), answer_level(qn, qid, now)
    if a is None or b is None:
        return "new" if before is None else ("same" if before == now else "changed")
    if b > a + 1e-9:
        return "up"
    if b < a - 1e-9:
        return "down"
    return "same"


MOVED_WORDS: dict[str, Text] = {  # how a linked answer moved since the action was planned
    how: {lang: t(f"plan.moved.{how}", lang) for lang in LANGS}
    for how in ("up", "same", "down", "open", "new", "changed")
}


def action_theme(qn: Questionnaire, action: Action, goals: Mapping[str, Goal]) -> str:
    """The headline dimension an action works on: that of its linked questions' largest weight, else of its goal
    (a key-figure goal is energy and climate), else ``other``."""
    headline = [d.id for d in qn.headline_dimensions]
    weights: dict[str, float] = {}
    refs = list(action.questions)
    if action.from_step and isinstance(action.from_step.get("question"), str):
        refs.append(action.from_step["question"])
    for qid in refs:
        q = qn.question(qid)
        for dim, w in (q.scores if q else {}).items():
            if dim in headline:
                weights[dim] = weights.get(dim, 0.0) + w
    if weights:
        return max(headline, key=lambda d: (weights.get(d, 0.0), -headline.index(d)))
    goal = goals.get(action.goal or "")
    if goal is not None:
        if goal.kind == "kpi":
            return "energy" if "energy" in headline else THEME_OTHER
        if goal.dimension in headline:
            return str(goal.dimension)
    return THEME_OTHER


@dataclass
class ActionStatus:
    id: str
    title: str
    status: str
    confirmed: bool
    due: str | None
    overdue: bool
    theme: str
    questions: list[str]
    goal: str | None
    role: str | None
    cost: str | None
    funding: str | None
    effect: str | None
    carried: bool  # planned in an earlier round
    moved: dict[str, str] = field(default_factory=dict)  # linked question -> up | same | down | open | new
    from_step: dict[str, Any] | None = None


@dataclass
class PlanStatus:
    goals: list[GoalStatus] = field(default_factory=list)
    actions: list[ActionStatus] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    as_of: str | None = None
    cooperation: Cooperation | None = None

    @property
    def counts(self) -> dict[str, int]:
        out = {s: sum(1 for a in self.actions if a.status == s) for s in STATUSES}
        out["open"] = out["planned"] + out["in_progress"]
        out["overdue"] = sum(1 for a in self.actions if a.overdue)
        out["unconfirmed"] = sum(1 for a in self.actions if not a.confirmed)
        return out

    @property
    def empty(self) -> bool:
        return not self.goals and not self.actions

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return {
            "as_of": self.as_of,
            "counts": self.counts,
            "goals": [
                {**asdict(g), "state_word": {lang: goal_state_word(g.state, lang) for lang in LANGS}}
                for g in self.goals
            ],
            "actions": [
                {**asdict(a), "status_word": {lang: status_word(a.status, lang) for lang in LANGS}}
                for a in self.actions
            ],
            "warnings": [p.to_dict() for p in self.warnings],
            "cooperation": self.cooperation.to_dict() if self.cooperation is not None else None,
        }


def evaluate_plan(qn: Questionnaire, resp: Response, card: ScoreCard, as_of: date | None = None) -> PlanStatus:
    """Goal states, action statuses (with overdue as of ``as_of`` and how the linked answers moved) and the
    warnings of one response. Overdue is only judged when ``as_of`` is given."""
    goals = {g.id: g for g in resp.goals}
    out = PlanStatus(as_of=as_of.isoformat() if as_of else None, cooperation=resp.cooperation)
    out.warnings = list(resp.warnings)
    for g in resp.goals:
        status = goal_status(g, qn, card)
        out.goals.append(status)
        if g.kind == "kpi" and g.base_value is None and g.change_percent is not None:
            continue  # already a parse-time warning
        if status.state == "new" and status.value is None and g.kind == "kpi":
            out.warnings.append(
                Code.W011.problem(
                    Location(resp.path or "<response>"),
                    id=g.id,
                    kpi=g.kpi,
                    round=card.round,
                    why="missing or incomplete",
                )
            )
    for a in resp.actions:
        due = parse_date(a.due)
        overdue = bool(as_of and due and a.open and due < as_of)
        baseline = (a.baseline or {}).get("answers", {})
        refs = list(dict.fromkeys([*a.questions, *([a.from_step["question"]] if a.from_step else [])]))
        carried = bool(a.created_round and a.created_round != str(card.round))
        moves = {qid: moved(qn, qid, baseline.get(qid), resp.answers.get(qid)) for qid in refs} if carried else {}
        out.actions.append(
            ActionStatus(
                a.id,
                a.title,
                a.status,
                a.confirmed,
                a.due,
                overdue,
                action_theme(qn, a, goals),
                list(a.questions),
                a.goal,
                a.role,
                a.cost,
                a.funding,
                a.effect,
                carried,
                moves,
                a.from_step,
            )
        )
    return out


# ---- building plans -------------------------------------------------------------------------------------------
def action_from_step(resp: Response, rec: Recommendation, lang: str = "de", due: str | None = None) -> Action:
    """A new action from a next step (one click in the form): its title is the step, its expected effect and
    cost those of the step, its baseline the current answer of the question."""
    taken = [a.id for a in resp.actions]
    current = resp.answers.get(rec.question)
    value = current.value if current is not None and current.answered else None
    step = rec.step or {}
    return Action(
        id=next_id("m", taken),
        title=(tr(rec.next_step, lang) or tr(rec.text, lang))[:MAX_TITLE],
        questions=[rec.question],
        due=due,
        cost=step.get("cost"),
        from_step={
            "question": rec.question,
            "next_option": rec.next_option,
            "overall_gain": round(rec.overall_gain, 4),
            "gains": {d: round(g, 4) for d, g in rec.gains.items()},
            **{k: v for k, v in step.items() if v},
        },
        created_round=str(resp.round),
        baseline={"round": str(resp.round), "answers": {rec.question: value}},
    )


def new_goal(
    resp: Response,
    card: ScoreCard,
    kind: str,
    target_year: int,
    *,
    kpi: str | None = None,
    dimension: str | None = None,
    change_percent: float | None = None,
    target_value: float | None = None,
    target_level: int | None = None,
    title: str = "",
) -> Goal:
    """A goal with its baseline taken from the company's own data in this round (``card``)."""
    goal = Goal(
        next_id("z", [g.id for g in resp.goals]),
        kind,
        target_year,
        str(resp.round),
        kpi=kpi,
        dimension=dimension,
        change_percent=change_percent,
        target_value=target_value,
        target_level=target_level,
        title=title,
    )
    goal.base_value = goal_value(goal, card)
    if kind == "dimension":
        d = next((d for d in card.dimensions if d.id == dimension), None)
        goal.base_level = d.level if d is not None else None
    return goal


def check_new_goal(goal: Goal, qn: Questionnaire, round_: str) -> list[tuple[str, dict[str, object]]]:
    """What is wrong with a goal entered in the form: (message key, fields); the form shows ``plan.form.<key>``."""
    out: list[tuple[str, dict[str, object]]] = []
    year = round_year(round_) or 0
    if not year <= goal.target_year <= 2100:
        out.append(("plan_bad_target_year", {"year": year}))
    if goal.kind == "kpi":
        if goal.kpi not in GOAL_KPIS:
            out.append(("plan_bad_kpi", {}))
        elif goal.base_value is None and goal.change_percent is not None:
            out.append(("plan_no_baseline", {"kpi": goal.kpi}))
        if (goal.change_percent is None) == (goal.target_value is None):
            out.append(("plan_need_target", {}))
        elif goal.change_percent is not None and not (-100 <= goal.change_percent <= 1000 and goal.change_percent):
            out.append(("plan_bad_change", {}))
    else:
        if qn.dimension(goal.dimension or "") is None:
            out.append(("plan_bad_dimension", {}))
        if goal.target_level is None or not 1 <= goal.target_level <= 4:
            out.append(("plan_bad_level", {}))
        elif goal.base_level is not None and goal.target_level <= goal.base_level:
            out.append(("plan_level_reached", {"level": goal.base_level}))
    return out


def check_action(
    action: Action, qn: Questionnaire, goal_ids: list[str], round_: str, other_ids: list[str]
) -> list[tuple[str, dict[str, object]]]:
    """What is wrong with an action entered in the form (the same rules as a file's): message keys and fields."""
    out: list[tuple[str, dict[str, object]]] = []
    if not action.title.strip():
        out.append(("plan_need_title", {}))
    if action.id in other_ids:
        out.append(("plan_duplicate_id", {"id": action.id}))
    for ref in action.questions:
        if qn.question(ref) is None:
            out.append(("plan_unknown_question", {"ref": ref}))
    if action.goal is not None and action.goal not in goal_ids:
        out.append(("plan_unknown_goal", {"ref": action.goal}))
    if action.status not in STATUSES:
        out.append(("plan_bad_status", {"value": action.status}))
    if action.due is not None:
        due = parse_date(action.due)
        year = round_year(action.created_round or round_)
        if due is None:
            out.append(("plan_bad_date", {"value": action.due}))
        elif year is not None and (action.created_round or round_) == round_ and due < date(year, 1, 1):
            out.append(("plan_due_before_round", {"round": round_}))
    return out
