"""Goals and actions as readable text in German and English (``toolkit score``, the form, the reports)."""

from __future__ import annotations

from toolkit.definitions.model import Questionnaire, tr
from toolkit.i18n import COST_SIGNS, number, t
from toolkit.responses.plan import GOAL_KPIS, Goal, goal_state_word, status_word
from toolkit.scoring.plans import MOVED_WORDS, ActionStatus, GoalStatus, PlanStatus


def figure(value: float | None, kpi: str | None, lang: str) -> str:
    """A key figure with its unit ('118,4 t CO₂e', '42,0 %')."""
    if value is None:
        return "–"
    unit = GOAL_KPIS[kpi][1] if kpi in GOAL_KPIS else ""
    digits = 0 if unit == "MWh" and abs(value) >= 100 else 1
    return f"{number(value, digits, lang)} {unit}".strip()


def kpi_name(kpi: str | None, lang: str) -> str:
    return tr(GOAL_KPIS[kpi][0], lang) if kpi in GOAL_KPIS else str(kpi)


def describe_goal(goal: Goal | GoalStatus, qn: Questionnaire, lang: str = "de") -> str:
    """'Scope 1+2 (standortbasiert) −20 % bis 2028' or 'Energie & Klima: Stufe 3 (Etabliert) bis 2027'."""
    if goal.kind == "dimension":
        dim = qn.dimension(goal.dimension or "")
        lvl = next((lv for lv in qn.levels if lv.level == goal.target_level), None)
        return t(
            "plan.text.level_by",
            lang,
            dim=tr(dim.name, lang) if dim else goal.dimension,
            level=goal.target_level,
            name=tr(lvl.name, lang) if lvl else "",
            year=goal.target_year,
        )
    if goal.change_percent is not None:
        sign = "−" if goal.change_percent < 0 else "+"
        change = f"{sign}{number(abs(goal.change_percent), 0, lang)} %"
        return t("plan.text.change_by", lang, kpi=kpi_name(goal.kpi, lang), change=change, year=goal.target_year)
    target = goal.target_value if isinstance(goal, Goal) else goal.target
    return t(
        "plan.text.value_by",
        lang,
        kpi=kpi_name(goal.kpi, lang),
        value=figure(target, goal.kpi, lang),
        year=goal.target_year,
    )


def goal_line(g: GoalStatus, qn: Questionnaire, lang: str) -> str:
    """One goal with its baseline, current figure, expected figure and state."""
    if g.kind == "dimension":

        def fmt(v: float | None) -> str:
            return t("plan.text.points", lang, value=number(v, 0, lang)) if v is not None else "–"
    else:

        def fmt(v: float | None) -> str:
            return figure(v, g.kpi, lang)

    parts = [
        t("plan.text.base", lang, round=g.base_round, value=fmt(g.base_value))
        if g.base_value is not None
        else t("plan.text.no_base", lang)
    ]
    if g.state != "new":
        parts.append(t("plan.text.now", lang, value=fmt(g.value)))
        if g.expected is not None and g.state in ("on_track", "behind"):
            parts.append(t("plan.text.expected", lang, year=g.year, value=fmt(g.expected)))
    title = f"{g.title} – " if g.title else ""
    return f"{g.id} {title}{describe_goal(g, qn, lang)} ({'; '.join(parts)}): {goal_state_word(g.state, lang)}"


def action_line(a: ActionStatus, qn: Questionnaire, lang: str) -> str:
    """'m1 [erledigt] Title · fällig 2025-09-30 · zuständig: ... · en_metering: verbessert'."""
    marks = [status_word(a.status, lang)]
    if a.overdue:
        marks.append(t("plan.text.overdue", lang))
    if not a.confirmed:
        marks.append(t("plan.text.unconfirmed", lang))
    parts = [f"{a.id} [{', '.join(marks)}] {a.title}"]
    if a.due:
        parts.append(t("plan.text.due", lang, date=a.due))
    if a.role:
        parts.append(t("plan.text.role", lang, role=a.role))
    if a.goal:
        parts.append(t("plan.text.goal_link", lang, id=a.goal))
    if a.cost:
        parts.append(t("plan.text.cost", lang, sign=COST_SIGNS.get(a.cost, a.cost)))
    effect = effect_text(a, lang)
    if effect:
        parts.append(t("plan.text.effect", lang, text=effect))
    if a.funding:
        parts.append(t("plan.text.funding", lang, text=a.funding))
    for qid, how in a.moved.items():
        parts.append(f"{qid}: {tr(MOVED_WORDS[how], lang)}")
    return " · ".join(parts)


def effect_text(a: ActionStatus, lang: str) -> str:
    """The stated expected effect, or the next step's exact overall gain."""
    if a.effect:
        return a.effect
    gain = (a.from_step or {}).get("overall_gain")
    if isinstance(gain, int | float) and gain >= 0.05:
        return t("plan.text.effect_gain", lang, gain=number(float(gain), 1, lang))
    return ""


def plan_lines(plan: PlanStatus, qn: Questionnaire, lang: str = "de") -> list[str]:
    """The plan section of ``toolkit score``'s text (empty when the response has no goals, actions or opt-in)."""
    if plan.empty and plan.cooperation is None and not plan.warnings:
        return []
    title = t("plan.text.plan", lang) + (f" ({t('plan.text.as_of', lang, date=plan.as_of)})" if plan.as_of else "")
    lines = ["", f"{title}:", f"  {t('plan.text.goals', lang)}:"]
    lines += [f"  - {goal_line(g, qn, lang)}" for g in plan.goals] or [f"  - {t('plan.text.no_goals', lang)}"]
    c = plan.counts
    head = t(
        "plan.text.counts",
        lang,
        n=len(plan.actions),
        **{k: c[k] for k in ("planned", "in_progress", "done", "dropped")},
    )
    extra = [t("plan.text.overdue_n", lang, n=c["overdue"])] if c["overdue"] else []
    extra += [t("plan.text.unconfirmed_n", lang, n=c["unconfirmed"])] if c["unconfirmed"] else []
    lines.append(f"  {head}" + (f" ({', '.join(extra)})" if extra else ""))
    lines += [f"  - {action_line(a, qn, lang)}" for a in plan.actions]
    if plan.cooperation is not None:
        co = plan.cooperation
        taking_part = t("plan.text.coop_in" if co.opt_in else "plan.text.coop_out", lang)
        lines.append(f"  {t('plan.text.cooperation', lang)}: {taking_part}")
        for key, ids in (("offers", co.offers), ("needs", co.needs)):
            if ids:
                names = [tr(e.label, lang) if (e := qn.cooperation_entry(i)) else i for i in ids]
                lines.append(f"    {t('plan.text.' + key, lang)}: {', '.join(names)}")
    if plan.warnings:
        lines.append(f"  {t('plan.text.warnings', lang)}:")
        lines += [f"  - {w}" for w in plan.warnings]
    return lines
