"""The company report's progress page (issue 16): goals and actions, which lead the owner's part.

In the round a plan is made it reads "Ihr Plan" / "Your plan" (goals newly set, actions planned); in a later round
"Ihr Fortschritt" / "Your progress": each goal's state ("auf Kurs", "hinter Plan", "erreicht", computed from the
key figures' change, :func:`toolkit.scoring.plans.goal_status`) and each action's status word (geplant, in Arbeit,
erledigt, verworfen; overdue and unconfirmed marked), with how its linked answers moved since it was planned. The
company's own cooperation opt-in is one line; nothing about other companies appears.

:class:`~toolkit.report.view.ReportView` inherits :meth:`ProgressPart.progress`; the page displays nothing when the
response has no goals, no actions and no cooperation block.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from toolkit.definitions.model import Questionnaire, tr
from toolkit.rendering import fmt
from toolkit.rendering.fragments import Section
from toolkit.responses.plan import goal_state_word, status_word
from toolkit.scoring.plans import MOVED_WORDS, PlanStatus, evaluate_plan
from toolkit.views.plan_text import describe_goal, effect_text, figure, kpi_name

if TYPE_CHECKING:
    from toolkit.responses import Response
    from toolkit.scoring.scores import ScoreCard

COST_SIGNS = {"low": "€", "medium": "€€", "high": "€€€"}
STATE_PILLS = {"achieved": "comply", "on_track": "comply", "behind": "open", "new": "explain", "no_data": "omitted"}
STATUS_PILLS = {"done": "comply", "in_progress": "explain", "planned": "omitted", "dropped": "omitted"}
STRINGS: dict[str, dict[str, str]] = {
    "kicker": {"de": "Ziele & Maßnahmen", "en": "Goals & actions"},
    "title_plan": {"de": "Ihr Plan", "en": "Your plan"},
    "title_progress": {"de": "Ihr Fortschritt", "en": "Your progress"},
    "lead_plan": {
        "de": "Was Sie sich in dieser Runde vorgenommen haben. In der nächsten Runde zeigt diese Seite, was erledigt "
        "ist und ob Ihre Ziele auf Kurs sind.",
        "en": "What you set out to do in this round. In the next round this page shows what is done and whether your "
        "goals are on track.",
    },
    "lead_progress": {
        "de": "Was aus Ihren Vorhaben geworden ist: der Stand jeder Maßnahme, wie sich die zugehörigen Antworten "
        "verändert haben, und ob Ihre Ziele auf Kurs sind (gemessen an einer geraden Linie vom Ausgangswert zum "
        "Zielwert).",
        "en": "What became of your plans: the status of each action, how the answers it is linked to changed, and "
        "whether your goals are on track (measured against a straight line from the baseline to the target).",
    },
    "goals": {"de": "Ziele", "en": "Goals"},
    "goal": {"de": "Ziel", "en": "Goal"},
    "base": {"de": "Ausgangswert", "en": "Baseline"},
    "now": {"de": "Jetzt", "en": "Now"},
    "expected": {"de": "Soll {year}", "en": "Expected {year}"},
    "state": {"de": "Stand", "en": "Status"},
    "actions": {"de": "Maßnahmen", "en": "Actions"},
    "action": {"de": "Maßnahme", "en": "Action"},
    "role": {"de": "Zuständig", "en": "Responsible"},
    "due": {"de": "Fällig", "en": "Due"},
    "moved": {"de": "Ihre Antworten", "en": "Your answers"},
    "overdue": {"de": "überfällig", "en": "overdue"},
    "unconfirmed": {"de": "nicht bestätigt", "en": "not confirmed"},
    "carried": {"de": "aus Runde {round}", "en": "from round {round}"},
    "points": {"de": "{value} Punkte", "en": "{value} points"},
    "counts": {
        "de": "{planned} geplant · {in_progress} in Arbeit · {done} erledigt · {dropped} verworfen",
        "en": "{planned} planned · {in_progress} in progress · {done} done · {dropped} dropped",
    },
    "counts_late": {"de": " · davon {n} überfällig", "en": " · {n} of them overdue"},
    "no_goals": {"de": "Noch keine Ziele gesetzt.", "en": "No goals set yet."},
    "no_actions": {"de": "Noch keine Maßnahmen geplant.", "en": "No actions planned yet."},
    "coop": {"de": "Kooperationsbörse", "en": "Cooperation exchange"},
    "coop_in": {
        "de": "Sie nehmen teil; die Moderation Ihres Netzwerks schlägt Ihnen passende Partner vor.",
        "en": "You take part; your network's facilitator will suggest partners to you.",
    },
    "coop_out": {"de": "Sie nehmen nicht teil.", "en": "You do not take part."},
    "offers": {"de": "Sie bieten", "en": "You offer"},
    "needs": {"de": "Sie suchen", "en": "You need"},
    "effect": {"de": "erwartet: {text}", "en": "expected: {text}"},
}


def p(key: str, lang: str, **fields: object) -> str:
    entry = STRINGS[key]
    return (entry.get(lang) or entry["de"]).format(**fields)


class ProgressPart:
    """The progress page, as a method of :class:`~toolkit.report.view.ReportView` (which provides ``qn``,
    ``resp``, ``card``, ``lang``, ``today``, ``_render`` and ``_number``)."""

    qn: Questionnaire
    resp: Response
    card: ScoreCard
    lang: str
    today: date | None

    @property
    def has_plan(self) -> bool:
        return bool(self.resp.goals or self.resp.actions or self.resp.cooperation is not None)

    def plan_status(self) -> PlanStatus:
        return evaluate_plan(self.qn, self.resp, self.card, self.today or date.today())

    def progress_title(self) -> str:
        later = any(a.created_round and a.created_round != str(self.resp.round) for a in self.resp.actions)
        later = later or any(g.base_round != str(self.resp.round) for g in self.resp.goals)
        return p("title_progress" if later else "title_plan", self.lang)

    def progress(self) -> Section:
        """Goals with their state and actions with their status (nothing when the response has no plan)."""
        if not self.has_plan:
            return Section([])
        lang = self.lang
        plan = self.plan_status()
        title = self.progress_title()
        later = title == p("title_progress", lang)
        goals = [self._goal_row(g) for g in plan.goals]
        actions = [self._action_row(a) for a in plan.actions]
        c = plan.counts
        counts = p("counts", lang, **{k: c[k] for k in ("planned", "in_progress", "done", "dropped")})
        if c["overdue"]:
            counts += p("counts_late", lang, n=c["overdue"])
        coop = None
        if self.resp.cooperation is not None:
            co = self.resp.cooperation
            names = {key: [self._entry(e) for e in ids] for key, ids in (("offers", co.offers), ("needs", co.needs))}
            coop = {
                "text": p("coop_in" if co.opt_in else "coop_out", lang),
                "opt_in": co.opt_in,
                "lists": [(p(k, lang), v) for k, v in names.items() if v and co.opt_in],
            }
        html = self._render(
            "progress.html.j2",
            p=lambda key, **f: p(key, lang, **f),
            kicker=f"{self._number('progress')} · {p('kicker', lang)}",  # type: ignore[attr-defined]
            title=title,
            lead=p("lead_progress" if later else "lead_plan", lang),
            goals=goals,
            actions=actions,
            counts=counts if actions else None,
            later=later,
            coop=coop,
        )
        return Section([html])

    def _entry(self, entry_id: str) -> str:
        e = self.qn.cooperation_entry(entry_id)
        if e is None:
            return entry_id
        return tr(e.label, self.lang) + (f" ({e.ewc})" if e.ewc else "")

    def _goal_row(self, g: Any) -> dict[str, Any]:
        lang = self.lang
        if g.kind == "dimension":

            def show(v: float | None) -> str:
                return p("points", lang, value=fmt.score(v, lang)) if v is not None else fmt.DASH
        else:

            def show(v: float | None) -> str:
                return figure(v, g.kpi, lang) if v is not None else fmt.DASH

        return {
            "text": describe_goal(g, self.qn, lang),
            "title": g.title,
            "base": f"{show(g.base_value)} ({g.base_round})",
            "now": show(g.value) if g.state != "new" else fmt.DASH,
            "expected": show(g.expected) if g.state in ("on_track", "behind") else fmt.DASH,
            "expected_head": p("expected", lang, year=g.year or ""),
            "state": goal_state_word(g.state, lang),
            "pill": STATE_PILLS.get(g.state, "omitted"),
            "kpi": kpi_name(g.kpi, lang) if g.kpi else None,
        }

    def _action_row(self, a: Any) -> dict[str, Any]:
        lang = self.lang
        flags = [p("overdue", lang)] if a.overdue else []
        if not a.confirmed:
            flags.append(p("unconfirmed", lang))
        hows = list(a.moved.values())  # one word per way the linked answers moved: short enough for the owner
        moved = [
            f"{hows.count(h)} {tr(MOVED_WORDS[h], lang)}" if len(hows) > 1 else tr(MOVED_WORDS[h], lang)
            for h in dict.fromkeys(hows)
        ]
        effect = effect_text(a, lang) if not a.carried else ""  # in a later round the status is what counts
        extra = [p("effect", lang, text=effect)] if effect else []
        if a.cost:
            extra.append(COST_SIGNS.get(a.cost, a.cost))
        return {
            "title": a.title,
            "status": status_word(a.status, lang),
            "pill": STATUS_PILLS.get(a.status, "omitted"),
            "flags": flags,
            "role": a.role or fmt.DASH,
            "due": _short_date(a.due, lang) if a.due else fmt.DASH,
            "moved": moved,
            "extra": " · ".join(extra),
        }


def _short_date(iso: str, lang: str) -> str:
    """'30.06.2025' in German, '2025-06-30' in English."""
    d = date.fromisoformat(iso)
    return f"{d.day:02d}.{d.month:02d}.{d.year}" if lang == "de" else d.isoformat()
