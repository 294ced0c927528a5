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
from toolkit.i18n import COST_SIGNS, t
from toolkit.rendering import fmt
from toolkit.rendering.fragments import Section
from toolkit.responses.plan import goal_state_word, status_word
from toolkit.scoring.plans import MOVED_WORDS, PlanStatus, evaluate_plan
from toolkit.views.plan_text import describe_goal, effect_text, figure, kpi_name

if TYPE_CHECKING:
    from toolkit.rendering.fragments import Html
    from toolkit.responses import Response
    from toolkit.scoring.scores import ScoreCard

STATE_PILLS = {"achieved": "comply", "on_track": "comply", "behind": "open", "new": "explain", "no_data": "omitted"}
STATUS_PILLS = {"done": "comply", "in_progress": "explain", "planned": "omitted", "dropped": "omitted"}


class ProgressPart:
    """The progress page, as a method of :class:`~toolkit.report.view.ReportView` (which provides ``qn``,
    ``resp``, ``card``, ``lang``, ``today``, ``_render`` and ``_kicker``)."""

    qn: Questionnaire
    resp: Response
    card: ScoreCard
    lang: str
    today: date | None

    if TYPE_CHECKING:  # the helpers ReportView provides, for the type checker

        def _render(self, name: str, **ctx: Any) -> Html: ...
        def _kicker(self, key: str) -> str: ...

    @property
    def has_plan(self) -> bool:
        return bool(self.resp.goals or self.resp.actions or self.resp.cooperation is not None)

    def plan_status(self) -> PlanStatus:
        return evaluate_plan(self.qn, self.resp, self.card, self.today or date.today())

    def progress_title(self) -> str:
        later = any(a.created_round and a.created_round != str(self.resp.round) for a in self.resp.actions)
        later = later or any(g.base_round != str(self.resp.round) for g in self.resp.goals)
        return t("plan.page.title_progress" if later else "plan.page.title_plan", self.lang)

    def progress(self) -> Section:
        """Goals with their state and actions with their status (nothing when the response has no plan)."""
        if not self.has_plan:
            return Section([])
        lang = self.lang
        plan = self.plan_status()
        title = self.progress_title()
        later = title == t("plan.page.title_progress", lang)
        goals = [self._goal_row(g) for g in plan.goals]
        actions = [self._action_row(a) for a in plan.actions]
        c = plan.counts
        counts = t("plan.page.counts", lang, **{k: c[k] for k in ("planned", "in_progress", "done", "dropped")})
        if c["overdue"]:
            counts += t("plan.page.counts_late", lang, n=c["overdue"])
        coop = None
        if self.resp.cooperation is not None:
            co = self.resp.cooperation
            names = {key: [self._entry(e) for e in ids] for key, ids in (("offers", co.offers), ("needs", co.needs))}
            coop = {
                "text": t("plan.page.coop_in" if co.opt_in else "plan.page.coop_out", lang),
                "opt_in": co.opt_in,
                "lists": [(t(f"plan.page.{k}", lang), v) for k, v in names.items() if v and co.opt_in],
            }
        html = self._render(
            "progress.html.j2",
            p=lambda key, **f: t(f"plan.page.{key}", lang, **f),
            kicker=self._kicker("progress"),
            title=title,
            lead=t("plan.page.lead_progress" if later else "plan.page.lead_plan", lang),
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
                return t("plan.page.points", lang, value=fmt.score(v, lang)) if v is not None else fmt.DASH
        else:

            def show(v: float | None) -> str:
                return figure(v, g.kpi, lang) if v is not None else fmt.DASH

        return {
            "text": describe_goal(g, self.qn, lang),
            "title": g.title,
            "base": f"{show(g.base_value)} ({g.base_round})",
            "now": show(g.value) if g.state != "new" else fmt.DASH,
            "expected": show(g.expected) if g.state in ("on_track", "behind") else fmt.DASH,
            "expected_head": t("plan.page.expected", lang, year=g.year or ""),
            "state": goal_state_word(g.state, lang),
            "pill": STATE_PILLS.get(g.state, "omitted"),
            "kpi": kpi_name(g.kpi, lang) if g.kpi else None,
        }

    def _action_row(self, a: Any) -> dict[str, Any]:
        lang = self.lang
        flags = [t("plan.page.overdue", lang)] if a.overdue else []
        if not a.confirmed:
            flags.append(t("plan.page.unconfirmed", lang))
        hows = list(a.moved.values())  # one word per way the linked answers moved: short enough for the owner
        moved = [
            f"{hows.count(h)} {tr(MOVED_WORDS[h], lang)}" if len(hows) > 1 else tr(MOVED_WORDS[h], lang)
            for h in dict.fromkeys(hows)
        ]
        effect = effect_text(a, lang) if not a.carried else ""  # in a later round the status is what counts
        extra = [t("plan.page.effect", lang, text=effect)] if effect else []
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
    return t("core.short_date", lang, d=d)
