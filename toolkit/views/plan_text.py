"""Goals and actions as readable text in German and English (``toolkit score``, the form, the reports)."""

from __future__ import annotations

from toolkit.definitions.model import Questionnaire, tr
from toolkit.i18n import COST_SIGNS, number
from toolkit.responses.plan import GOAL_KPIS, Goal, goal_state_word, status_word
from toolkit.scoring.plans import MOVED_WORDS, ActionStatus, GoalStatus, PlanStatus

STRINGS: dict[str, dict[str, str]] = {
    "plan": {"de": "Ziele & Maßnahmen", "en": "Goals & actions"},
    "as_of": {"de": "Stand {date}", "en": "as of {date}"},
    "goals": {"de": "Ziele", "en": "Goals"},
    "actions": {"de": "Maßnahmen", "en": "Actions"},
    "no_goals": {"de": "keine Ziele gesetzt", "en": "no goals set"},
    "no_actions": {"de": "keine Maßnahmen geplant", "en": "no actions planned"},
    "change_by": {"de": "{kpi} {change} bis {year}", "en": "{kpi} {change} by {year}"},
    "value_by": {"de": "{kpi} auf {value} bis {year}", "en": "{kpi} to {value} by {year}"},
    "level_by": {"de": "{dim}: Stufe {level} ({name}) bis {year}", "en": "{dim}: level {level} ({name}) by {year}"},
    "base": {"de": "Basis {round}: {value}", "en": "baseline {round}: {value}"},
    "no_base": {"de": "ohne Basiswert", "en": "no baseline"},
    "now": {"de": "jetzt {value}", "en": "now {value}"},
    "expected": {"de": "Soll {year}: {value}", "en": "expected {year}: {value}"},
    "target": {"de": "Ziel {value}", "en": "target {value}"},
    "points": {"de": "{value} Punkte", "en": "{value} points"},
    "level_short": {"de": "Stufe {level}", "en": "level {level}"},
    "counts": {
        "de": "{n} Maßnahmen: {planned} geplant, {in_progress} in Arbeit, {done} erledigt, {dropped} verworfen",
        "en": "{n} actions: {planned} planned, {in_progress} in progress, {done} done, {dropped} dropped",
    },
    "overdue_n": {"de": "{n} überfällig", "en": "{n} overdue"},
    "unconfirmed_n": {"de": "{n} Status noch nicht bestätigt", "en": "{n} statuses not yet confirmed"},
    "overdue": {"de": "überfällig", "en": "overdue"},
    "unconfirmed": {"de": "nicht bestätigt", "en": "not confirmed"},
    "due": {"de": "fällig {date}", "en": "due {date}"},
    "carried": {"de": "aus Runde {round}", "en": "from round {round}"},
    "role": {"de": "zuständig: {role}", "en": "responsible: {role}"},
    "cost": {"de": "Kosten {sign}", "en": "cost {sign}"},
    "funding": {"de": "Förderung: {text}", "en": "funding: {text}"},
    "effect": {"de": "erwartet: {text}", "en": "expected: {text}"},
    "effect_gain": {"de": "Gesamtergebnis +{gain}", "en": "overall score +{gain}"},
    "goal_link": {"de": "für Ziel {id}", "en": "for goal {id}"},
    "warnings": {"de": "Hinweise", "en": "Notes"},
    "cooperation": {"de": "Kooperationsbörse", "en": "Cooperation exchange"},
    "coop_in": {"de": "Sie nehmen teil.", "en": "You take part."},
    "coop_out": {"de": "Sie nehmen nicht teil.", "en": "You do not take part."},
    "offers": {"de": "Angebote", "en": "Offers"},
    "needs": {"de": "Bedarf", "en": "Needs"},
}


def p(key: str, lang: str, **fields: object) -> str:
    entry = STRINGS[key]
    return (entry.get(lang) or entry["de"]).format(**fields)


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
        return p(
            "level_by",
            lang,
            dim=tr(dim.name, lang) if dim else goal.dimension,
            level=goal.target_level,
            name=tr(lvl.name, lang) if lvl else "",
            year=goal.target_year,
        )
    if goal.change_percent is not None:
        sign = "−" if goal.change_percent < 0 else "+"
        change = f"{sign}{number(abs(goal.change_percent), 0, lang)} %"
        return p("change_by", lang, kpi=kpi_name(goal.kpi, lang), change=change, year=goal.target_year)
    target = goal.target_value if isinstance(goal, Goal) else goal.target
    return p(
        "value_by", lang, kpi=kpi_name(goal.kpi, lang), value=figure(target, goal.kpi, lang), year=goal.target_year
    )


def goal_line(g: GoalStatus, qn: Questionnaire, lang: str) -> str:
    """One goal with its baseline, current figure, expected figure and state."""
    if g.kind == "dimension":

        def fmt(v: float | None) -> str:
            return p("points", lang, value=number(v, 0, lang)) if v is not None else "–"
    else:

        def fmt(v: float | None) -> str:
            return figure(v, g.kpi, lang)

    parts = [
        p("base", lang, round=g.base_round, value=fmt(g.base_value)) if g.base_value is not None else p("no_base", lang)
    ]
    if g.state != "new":
        parts.append(p("now", lang, value=fmt(g.value)))
        if g.expected is not None and g.state in ("on_track", "behind"):
            parts.append(p("expected", lang, year=g.year, value=fmt(g.expected)))
    title = f"{g.title} – " if g.title else ""
    return f"{g.id} {title}{describe_goal(g, qn, lang)} ({'; '.join(parts)}): {goal_state_word(g.state, lang)}"


def action_line(a: ActionStatus, qn: Questionnaire, lang: str) -> str:
    """'m1 [erledigt] Title · fällig 2025-09-30 · zuständig: ... · en_metering: verbessert'."""
    marks = [status_word(a.status, lang)]
    if a.overdue:
        marks.append(p("overdue", lang))
    if not a.confirmed:
        marks.append(p("unconfirmed", lang))
    parts = [f"{a.id} [{', '.join(marks)}] {a.title}"]
    if a.due:
        parts.append(p("due", lang, date=a.due))
    if a.role:
        parts.append(p("role", lang, role=a.role))
    if a.goal:
        parts.append(p("goal_link", lang, id=a.goal))
    if a.cost:
        parts.append(p("cost", lang, sign=COST_SIGNS.get(a.cost, a.cost)))
    effect = effect_text(a, lang)
    if effect:
        parts.append(p("effect", lang, text=effect))
    if a.funding:
        parts.append(p("funding", lang, text=a.funding))
    for qid, how in a.moved.items():
        parts.append(f"{qid}: {tr(MOVED_WORDS[how], lang)}")
    return " · ".join(parts)


def effect_text(a: ActionStatus, lang: str) -> str:
    """The stated expected effect, or the next step's exact overall gain."""
    if a.effect:
        return a.effect
    gain = (a.from_step or {}).get("overall_gain")
    if isinstance(gain, int | float) and gain >= 0.05:
        return p("effect_gain", lang, gain=number(float(gain), 1, lang))
    return ""


def plan_lines(plan: PlanStatus, qn: Questionnaire, lang: str = "de") -> list[str]:
    """The plan section of ``toolkit score``'s text (empty when the response has no goals, actions or opt-in)."""
    if plan.empty and plan.cooperation is None and not plan.warnings:
        return []
    title = p("plan", lang) + (f" ({p('as_of', lang, date=plan.as_of)})" if plan.as_of else "")
    lines = ["", f"{title}:", f"  {p('goals', lang)}:"]
    lines += [f"  - {goal_line(g, qn, lang)}" for g in plan.goals] or [f"  - {p('no_goals', lang)}"]
    c = plan.counts
    head = p("counts", lang, n=len(plan.actions), **{k: c[k] for k in ("planned", "in_progress", "done", "dropped")})
    extra = [p("overdue_n", lang, n=c["overdue"])] if c["overdue"] else []
    extra += [p("unconfirmed_n", lang, n=c["unconfirmed"])] if c["unconfirmed"] else []
    lines.append(f"  {head}" + (f" ({', '.join(extra)})" if extra else ""))
    lines += [f"  - {action_line(a, qn, lang)}" for a in plan.actions]
    if plan.cooperation is not None:
        co = plan.cooperation
        lines.append(f"  {p('cooperation', lang)}: {p('coop_in' if co.opt_in else 'coop_out', lang)}")
        for key, ids in (("offers", co.offers), ("needs", co.needs)):
            if ids:
                names = [tr(e.label, lang) if (e := qn.cooperation_entry(i)) else i for i in ids]
                lines.append(f"    {p(key, lang)}: {', '.join(names)}")
    if plan.warnings:
        lines.append(f"  {p('warnings', lang)}:")
        lines += [f"  - {w}" for w in plan.warnings]
    return lines
