"""Goals, action plans and the cooperation opt-in stored in a response document (issue 16): the model, the
words for statuses and states, and the helpers parsing needs. Their states computed from a scorecard live in
``toolkit.scoring.plans``.
errors, and the states computed from a scorecard. Pure functions, no I/O.

A response document may carry three optional blocks besides its answers::

    "goals":   [{"id": "z1", "kind": "kpi", "kpi": "scope12_t", "change_percent": -20, "target_year": 2028,
                 "base_round": "2025", "base_value": 118.4}, ...]
    "actions": [{"id": "m1", "title": "...", "questions": ["en_metering"], "goal": "z1", "role": "...",
                 "due": "2025-09-30", "status": "planned", "cost": "low", ...}, ...]
    "cooperation": {"opt_in": true, "offers": ["wood_waste"], "needs": ["joint_energy_audit"]}

* A **goal** is a target on a key figure (``kpi``: a change in percent or a target value) or on a dimension (a
  level), by a target year, against a baseline taken from the company's own data in the round it was set.
* An **action** has a title, linked questions and/or a goal, a responsible role, a due date, a status
  (``planned`` / ``in_progress`` / ``done`` / ``dropped``: geplant / in Arbeit / erledigt / verworfen), an
  expected effect (from the next step it came from, or stated), a cost class and a funding note. An action
  carried over into a new round is ``confirmed: false`` until the participant confirms or updates its status.
* A **goal's state** in a later round: ``achieved`` when the figure reached the target, ``on_track`` when it
  is at least where a straight line from the baseline to the target says it should be in that year,
  ``behind`` otherwise; ``new`` in the round it was set, ``no_data`` when the figure is missing or incomplete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from toolkit.definitions.model import EFFORTS, Text, tr
from toolkit.i18n import LANGS, t

STATUSES = ("planned", "in_progress", "done", "dropped")
OPEN = ("planned", "in_progress")
STATUS_WORDS: dict[str, Text] = {s: {lang: t(f"plan.status.{s}", lang) for lang in LANGS} for s in STATUSES}
# the words as people write them, in either language, map to the stored status
STATUS_ALIASES = {w.lower(): s for s, words in STATUS_WORDS.items() for w in words.values()} | {
    "in progress": "in_progress",
    "in-progress": "in_progress",
    "in arbeit": "in_progress",
}
GOAL_STATES = ("new", "on_track", "behind", "achieved", "no_data")
GOAL_STATE_WORDS: dict[str, Text] = {s: {lang: t(f"plan.goal_state.{s}", lang) for lang in LANGS} for s in GOAL_STATES}
# key figures a goal can target: id -> (unit, the scorecard's incomplete-figure keys behind it); named plan.kpi.<id>
_GOAL_FIGURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "scope12_t": ("t CO₂e", ("scope1", "scope2", "total_t")),
    "scope1_t": ("t CO₂e", ("scope1",)),
    "scope2_location_t": ("t CO₂e", ("scope2",)),
    "total_mwh": ("MWh", ("total_mwh",)),
    "renewable_share": ("%", ("renewable_share",)),
    "t_per_employee": ("t CO₂e", ("per_employee",)),
    "t_per_meur": ("t CO₂e", ("per_meur",)),
}
# id -> (name, unit, incomplete-figure keys)
GOAL_KPIS: dict[str, tuple[Text, str, tuple[str, ...]]] = {
    kpi: ({lang: t(f"plan.kpi.{kpi}", lang) for lang in LANGS}, unit, keys)
    for kpi, (unit, keys) in _GOAL_FIGURES.items()
}
GOAL_KINDS = ("kpi", "dimension")
COST_CLASSES = EFFORTS  # low | medium | high, shown as € / €€ / €€€
ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,31}")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_TITLE = 300
MAX_NOTE = 2000
GOAL_KEYS = (
    "id",
    "title",
    "kind",
    "kpi",
    "dimension",
    "change_percent",
    "target_value",
    "target_level",
    "target_year",
    "base_round",
    "base_value",
    "base_level",
    "changed_at",
)
ACTION_KEYS = (
    "id",
    "title",
    "questions",
    "goal",
    "role",
    "due",
    "status",
    "effect",
    "cost",
    "funding",
    "from_step",
    "created_round",
    "confirmed",
    "baseline",
    "changed_at",
)
STEP_KEYS = ("question", "next_option", "overall_gain", "gains", "effort", "cost", "time")
COOPERATION_KEYS = ("opt_in", "offers", "needs")
THEME_OTHER = "other"


# ---- the model ------------------------------------------------------------------------------------------------
@dataclass
class Goal:
    id: str
    kind: str  # kpi | dimension
    target_year: int
    base_round: str
    kpi: str | None = None
    dimension: str | None = None
    change_percent: float | None = None  # kpi goals: the change against the baseline (-20 = 20 % less)
    target_value: float | None = None  # kpi goals: the figure to reach instead
    target_level: int | None = None  # dimension goals
    base_value: float | None = None  # the key figure or dimension score in the base round
    base_level: int | None = None  # dimension goals: the level in the base round
    title: str = ""
    changed_at: str | None = None

    @property
    def target(self) -> float | None:
        """The key figure to reach (kpi goals); None without a baseline for a relative target."""
        if self.target_value is not None:
            return self.target_value
        if self.change_percent is not None and self.base_value is not None:
            return self.base_value * (1 + self.change_percent / 100)
        return None

    def to_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if v is not None and v != ""}
        return {k: out[k] for k in GOAL_KEYS if k in out}


@dataclass
class Action:
    id: str
    title: str
    status: str = "planned"
    questions: list[str] = field(default_factory=list)
    goal: str | None = None
    role: str | None = None
    due: str | None = None  # YYYY-MM-DD
    effect: str | None = None  # the expected effect as stated
    cost: str | None = None  # low | medium | high
    funding: str | None = None
    from_step: dict[str, Any] | None = None  # the next step it came from: question, next_option, overall_gain ...
    created_round: str | None = None
    confirmed: bool = True  # False: carried over from the last round, the status still to be confirmed
    baseline: dict[str, Any] | None = None  # {"round": "2025", "answers": {question: value}} when planned
    changed_at: str | None = None

    @property
    def open(self) -> bool:
        return self.status in OPEN

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k in ACTION_KEYS:
            v = getattr(self, k)
            if k == "confirmed":
                if not v:
                    out[k] = False
            elif v is not None and v != "" and v != []:
                out[k] = v
        return out


@dataclass
class Cooperation:
    opt_in: bool = False
    offers: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"opt_in": self.opt_in, "offers": list(self.offers), "needs": list(self.needs)}


def status_word(status: str, lang: str = "de") -> str:
    return tr(STATUS_WORDS.get(status), lang) or status


def goal_state_word(state: str, lang: str = "de") -> str:
    return tr(GOAL_STATE_WORDS.get(state), lang) or state


def round_year(round_: str | int | None) -> int | None:
    """The year of a round ("2026", "2026-H1" -> 2026), or None."""
    m = re.match(r"\d{4}", str(round_ or ""))
    return int(m.group(0)) if m else None


def next_id(prefix: str, taken: list[str]) -> str:
    """The first free id ``<prefix>1``, ``<prefix>2`` ..."""
    n = 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def parse_date(value: Any) -> date | None:
    if not isinstance(value, str) or not DATE_RE.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
