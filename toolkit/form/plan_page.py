"""The form's page "Ziele & Maßnahmen" / "Goals & actions" (issue 16).

Four blocks, each saved with the answers (atomically, with revisions, through :class:`FormSession`):

1. the company's next steps, each with one button that turns it into an action (its expected effect, cost and the
   current answer as the baseline come with it);
2. goals: a target on a key figure (e.g. Scope 1+2 -20 % by 2028) or on a dimension (a level by a year), the
   baseline taken from the company's own figures of this round; a key figure without a baseline is refused;
3. actions: title, status (geplant / in Arbeit / erledigt / verworfen), due date, responsible role, goal, cost
   class, funding note; actions carried over from the last round ask for their status to be confirmed;
4. the cooperation exchange: opt in (off by default) and name offers and needs from the questionnaire's lists.

Input is checked with the same rules as a response file (:func:`toolkit.scoring.plans.check_action`,
:func:`toolkit.scoring.plans.check_new_goal`); a refused change is not saved and says why.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import ipywidgets as w

from toolkit.definitions.model import tr
from toolkit.form.inputs import esc
from toolkit.form.kit import Kit
from toolkit.form.session import FormSession, SaveOutcome
from toolkit.i18n import COST_SIGNS, number
from toolkit.responses.plan import (
    GOAL_KPIS,
    STATUSES,
    Action,
    Cooperation,
    Goal,
    goal_state_word,
    next_id,
    round_year,
    status_word,
)
from toolkit.scoring.plans import ActionStatus, action_from_step, check_action, check_new_goal, goal_status, new_goal
from toolkit.scoring.scores import ScoreCard
from toolkit.views.plan_text import describe_goal, effect_text, figure, kpi_name
from toolkit.views.scorecard_text import effect_text as step_effect
from toolkit.views.scorecard_text import step_facts

PLAN_PAGE = "plan"
SHOWN_STEPS = 5

STRINGS: dict[str, dict[str, str]] = {
    "title": {"de": "Ziele & Maßnahmen", "en": "Goals & actions"},
    "intro": {
        "de": "Legen Sie fest, was Sie sich vornehmen: Ziele mit Jahr und Maßnahmen mit Zuständigkeit und Termin. "
        "In der nächsten Runde bestätigen Sie den Stand jeder Maßnahme; der Bericht zeigt, ob Ihre Ziele auf Kurs "
        "sind. Alles wird sofort gespeichert.",
        "en": "Set out what you intend to do: goals with a year, actions with a responsible role and a date. In "
        "the next round you confirm the status of each action; the report shows whether your goals are on track. "
        "Everything is saved at once.",
    },
    "steps": {"de": "Ihre nächsten Schritte", "en": "Your next steps"},
    "steps_none": {"de": "Zurzeit keine nächsten Schritte.", "en": "No next steps at the moment."},
    "take": {"de": "Als Maßnahme übernehmen", "en": "Add as action"},
    "taken": {"de": "✓ übernommen", "en": "✓ added"},
    "goals": {"de": "Ziele", "en": "Goals"},
    "no_goals": {"de": "Noch keine Ziele.", "en": "No goals yet."},
    "new_goal": {"de": "Neues Ziel", "en": "New goal"},
    "kind": {"de": "Art des Ziels", "en": "Kind of goal"},
    "kind_kpi": {"de": "Kennzahl", "en": "Key figure"},
    "kind_dimension": {"de": "Reifegrad", "en": "Maturity level"},
    "kpi": {"de": "Kennzahl", "en": "Key figure"},
    "change": {"de": "Veränderung in % (z. B. -20)", "en": "Change in % (e.g. -20)"},
    "dimension": {"de": "Dimension", "en": "Dimension"},
    "target_level": {"de": "Zielstufe", "en": "Target level"},
    "target_year": {"de": "bis", "en": "by"},
    "add_goal": {"de": "Ziel hinzufügen", "en": "Add goal"},
    "remove": {"de": "Entfernen", "en": "Remove"},
    "baseline": {"de": "Basis {round}: {value}", "en": "baseline {round}: {value}"},
    "no_baseline": {"de": "ohne Basiswert", "en": "no baseline"},
    "actions": {"de": "Maßnahmen", "en": "Actions"},
    "no_actions": {"de": "Noch keine Maßnahmen.", "en": "No actions yet."},
    "new_action": {"de": "Neue Maßnahme (frei formuliert)", "en": "New action (in your own words)"},
    "action_title": {"de": "Was wird getan?", "en": "What will be done?"},
    "add_action": {"de": "Maßnahme hinzufügen", "en": "Add action"},
    "status": {"de": "Stand", "en": "Status"},
    "due": {"de": "Fällig am", "en": "Due on"},
    "role": {"de": "Zuständig (Rolle, z. B. Geschäftsführung)", "en": "Responsible (role, e.g. managing director)"},
    "goal": {"de": "Ziel", "en": "Goal"},
    "no_goal": {"de": "– kein Ziel –", "en": "– no goal –"},
    "cost": {"de": "Kosten", "en": "Cost"},
    "cost_none": {"de": "– offen –", "en": "– open –"},
    "funding": {"de": "Förderung (Programm, Antrag)", "en": "Funding (programme, application)"},
    "question": {"de": "Bezug zur Frage", "en": "Linked question"},
    "no_question": {"de": "– keine Frage –", "en": "– no question –"},
    "effect_own": {
        "de": "Erwartete Wirkung (in eigenen Worten)",
        "en": "Expected effect (in your own words)",
    },
    "effect": {"de": "Erwartete Wirkung", "en": "Expected effect"},
    "linked": {"de": "Bezug: {questions}", "en": "Linked to: {questions}"},
    "carried": {
        "de": "Aus Runde {round} übernommen: Bitte bestätigen oder ändern Sie den Stand.",
        "en": "Carried over from round {round}: please confirm or update the status.",
    },
    "confirm": {"de": "Stand bestätigen", "en": "Confirm status"},
    "overdue": {"de": "überfällig", "en": "overdue"},
    "cooperation": {"de": "Kooperationsbörse", "en": "Cooperation exchange"},
    "coop_intro": {
        "de": "Freiwillig: Wenn Sie teilnehmen, sieht nur die Moderation des Netzwerks Ihre Angebote und Bedarfe "
        "und schlägt passende Partner vor. Ohne Teilnahme wird nichts davon verwendet.",
        "en": "Voluntary: if you take part, only the network's facilitator sees your offers and needs and suggests "
        "partners. Without taking part, none of it is used.",
    },
    "opt_in": {"de": "Ich nehme an der Kooperationsbörse teil", "en": "I take part in the cooperation exchange"},
    "offers": {"de": "Wir bieten an", "en": "We offer"},
    "needs": {"de": "Wir suchen", "en": "We need"},
    # messages (the same rules as a response file)
    "plan_need_title": {"de": "Bitte geben Sie der Maßnahme einen Titel.", "en": "Please give the action a title."},
    "plan_duplicate_id": {"de": "Die Kennung {id} gibt es schon.", "en": "The id {id} exists already."},
    "plan_unknown_question": {"de": "Die Frage {ref} gibt es nicht.", "en": "There is no question {ref}."},
    "plan_unknown_goal": {"de": "Das Ziel {ref} gibt es nicht.", "en": "There is no goal {ref}."},
    "plan_bad_status": {"de": "„{value}“ ist kein Stand.", "en": "“{value}” is not a status."},
    "plan_bad_date": {"de": "Bitte ein Datum wählen.", "en": "Please choose a date."},
    "plan_due_before_round": {
        "de": "Das Datum liegt vor der Runde {round}: bitte prüfen.",
        "en": "The date is before round {round}: please check it.",
    },
    "plan_bad_target_year": {
        "de": "Das Zieljahr muss {year} oder später sein.",
        "en": "The target year must be {year} or later.",
    },
    "plan_bad_kpi": {"de": "Bitte eine Kennzahl wählen.", "en": "Please choose a key figure."},
    "plan_no_baseline": {
        "de": "Für diese Kennzahl fehlt in dieser Runde der Ausgangswert: erfassen Sie zuerst die Energie- und "
        "Verbrauchsangaben (Kriterium 11/12), oder setzen Sie ein Ziel auf einen Reifegrad.",
        "en": "This key figure has no baseline in this round: enter the energy and consumption figures first "
        "(criteria 11/12), or set a goal on a maturity level.",
    },
    "plan_need_target": {"de": "Bitte die Veränderung in % angeben.", "en": "Please enter the change in %."},
    "plan_bad_change": {
        "de": "Die Veränderung muss zwischen -100 und 1000 % liegen (nicht 0).",
        "en": "The change must be between -100 and 1000 % (not 0).",
    },
    "plan_bad_dimension": {"de": "Bitte eine Dimension wählen.", "en": "Please choose a dimension."},
    "plan_bad_level": {"de": "Bitte eine Zielstufe von 1 bis 4 wählen.", "en": "Please choose a level from 1 to 4."},
    "plan_level_reached": {
        "de": "Stufe {level} ist schon erreicht: wählen Sie eine höhere Stufe.",
        "en": "Level {level} is reached already: choose a higher level.",
    },
    "not_a_number": {"de": "Bitte eine Zahl eingeben, z. B. -20.", "en": "Please enter a number, e.g. -20."},
}


def s(key: str, lang: str, **fields: object) -> str:
    entry = STRINGS[key]
    return (entry.get(lang) or entry["de"]).format(**fields)


def _messages(problems: list[tuple[str, dict[str, object]]], lang: str) -> str:
    return " ".join(s(key, lang, **fields) for key, fields in problems)


def _error(text: str) -> str:
    return f"<div class='sme-error' role='alert'>⚠ {esc(text)}</div>" if text else ""


class PlanPage:
    """The widgets of the page; ``box`` is what the form shows. ``after_save`` gets every save's outcome."""

    def __init__(
        self, session: FormSession, lang: str, kit: Kit, after_save: Callable[[SaveOutcome, Callable[..., None]], None]
    ) -> None:
        self.session = session
        self.qn = session.qn
        self.lang = lang
        self.kit = kit
        self.after_save = after_save
        self.refresh_after_save = True
        self.action_inputs: dict[str, dict[str, w.Widget]] = {}  # per action: its controls (for tests and notebooks)
        k = kit
        self.steps_box = k.vbox([], "sme-plan-steps")
        self.goals_box = k.vbox([], "sme-plan-goals")
        self.actions_box = k.vbox([], "sme-plan-actions")
        self.message = k.html("", "sme-msg")
        self._goal_form = self._build_goal_form()
        self._action_form = self._build_action_form()
        self._coop = self._build_cooperation()
        head = k.html(f"<p class='sme-intro'>{esc(s('intro', lang))}</p>")
        self.box = k.vbox(
            [
                head,
                self.message,
                self._section("steps"),
                self.steps_box,
                self._section("goals"),
                self.goals_box,
                self._goal_form,
                self._section("actions"),
                self.actions_box,
                self._action_form,
                *self._coop,
            ],
            "sme-plan",
        )
        self.refresh()

    # ---- helpers -------------------------------------------------------------------------------------------
    def _input(self, cls: type, label: str, **kw: Any) -> Any:
        """A control named for screen readers (its visible label is set above it by :meth:`_field`)."""
        return self.kit.make(
            cls, classes=("sme-plan-input", "sme-sr"), description=label, description_allow_html=False, **kw
        )

    def _field(self, label: str, widget: w.Widget) -> w.VBox:
        return self.kit.vbox([self.kit.html(f"<div class='sme-label'>{esc(label)}</div>"), widget], "sme-plan-field")

    def _section(self, key: str) -> w.HTML:
        return self.kit.html(f"<h3 class='sme-plan-head'>{esc(s(key, self.lang))}</h3>")

    def _save(self, undo: Callable[[], None]) -> SaveOutcome:
        """Save the response with the change just made; undo it in memory when the save was refused."""
        outcome = self.session.save()
        if not outcome.saved:
            undo()
        self.after_save(outcome, self.show_message)
        if outcome.saved and self.refresh_after_save:
            self.refresh()
        return outcome

    def show_message(self, text: str | None, not_saved: bool = False) -> None:
        self.message.value = _error(text or "")

    @property
    def resp(self) -> Any:
        return self.session.resp

    def card(self) -> ScoreCard:
        return self.session.scorecard()

    # ---- next steps ----------------------------------------------------------------------------------------
    def _step_row(self, card: ScoreCard, rec: Any) -> w.Widget:
        lang, k = self.lang, self.kit
        dims = {d.id: tr(d.name, lang) for d in card.dimensions}
        facts = step_facts(rec, lang)
        html = (
            f"<div class='sme-plan-step'><b>{esc(tr(rec.next_step, lang))}</b>"
            f"<div class='sme-hint'>{esc(tr(rec.text, lang))}</div>"
            f"<div class='sme-hint'>{esc(step_effect(card, rec, lang, dims))}{' · ' + esc(facts) if facts else ''}"
            f"</div></div>"
        )
        taken = any(
            (a.from_step or {}).get("question") == rec.question and a.created_round == str(self.resp.round)
            for a in self.resp.actions
        )
        button = k.button(
            s("taken" if taken else "take", lang),
            "sme-plan-take",
            own_layout=True,
            layout={"width": "auto"},
            disabled=taken,
            tooltip=s("take", lang),
        )
        button.on_click(lambda _b, rec=rec: self.take_step(rec))
        return k.vbox([k.html(html), button], "sme-plan-card")

    def take_step(self, rec: Any) -> SaveOutcome:
        """One click: the next step becomes an action of this round."""
        action = action_from_step(self.resp, rec, self.lang)
        self.resp.actions.append(action)
        return self._save(lambda: self.resp.actions.remove(action))

    # ---- goals ---------------------------------------------------------------------------------------------
    def _build_goal_form(self) -> w.Widget:
        lang, k = self.lang, self.kit
        year = round_year(self.resp.round) or date.today().year
        self.g_kind = self._input(
            w.Dropdown,
            s("kind", lang),
            value="kpi",
            options=[(s("kind_kpi", lang), "kpi"), (s("kind_dimension", lang), "dimension")],
        )
        self.g_kpi = self._input(
            w.Dropdown, s("kpi", lang), value="scope12_t", options=[(kpi_name(kid, lang), kid) for kid in GOAL_KPIS]
        )
        self.g_change = self._input(w.Text, s("change", lang), value="-20", continuous_update=False)
        dims = [(tr(d.name, lang), d.id) for d in self.qn.headline_dimensions] or [
            (tr(d.name, lang), d.id) for d in self.qn.dimensions
        ]
        self.g_dim = self._input(w.Dropdown, s("dimension", lang), options=dims, value=dims[0][1] if dims else None)
        self.g_level = self._input(
            w.Dropdown,
            s("target_level", lang),
            value=3,
            options=[(f"{lv.level} · {tr(lv.name, lang)}", lv.level) for lv in self.qn.levels if lv.level >= 1],
        )
        self.g_year = self._input(
            w.Dropdown, s("target_year", lang), value=year + 3, options=[(str(y), y) for y in range(year, year + 11)]
        )
        add = k.button(
            s("add_goal", lang), "sme-plan-add", own_layout=True, layout={"width": "auto"}, button_style="primary"
        )
        add.on_click(lambda _b: self.add_goal())
        self.g_message = k.html("", "sme-msg")
        self.g_kpi_box = k.hbox(
            [self._field(s("kpi", lang), self.g_kpi), self._field(s("change", lang), self.g_change)],
            "sme-plan-row",
            own_layout=True,
        )
        self.g_dim_box = k.hbox(
            [self._field(s("dimension", lang), self.g_dim), self._field(s("target_level", lang), self.g_level)],
            "sme-plan-row",
            own_layout=True,
        )
        self.g_kind.observe(lambda _ch: self._goal_kind_changed(), names="value")
        self._goal_kind_changed()
        title = k.html(f"<div class='sme-label'>{esc(s('new_goal', lang))}</div>")
        kind = self._field(s("kind", lang), self.g_kind)
        until = self._field(s("target_year", lang), self.g_year)
        return k.vbox(
            [title, kind, self.g_kpi_box, self.g_dim_box, until, add, self.g_message], "sme-plan-card", "sme-plan-new"
        )

    def _goal_kind_changed(self) -> None:
        kpi = self.g_kind.value == "kpi"
        self.g_kpi_box.layout.display = "" if kpi else "none"
        self.g_dim_box.layout.display = "none" if kpi else ""

    def add_goal(self) -> SaveOutcome | None:
        """Add the goal entered in the form, with its baseline from this round's figures."""
        lang = self.lang
        change: float | None = None
        if self.g_kind.value == "kpi":
            try:
                change = float(str(self.g_change.value).replace(",", ".").replace("%", "").strip())
            except ValueError:
                self.g_message.value = _error(s("not_a_number", lang))
                return None
        goal = new_goal(
            self.resp,
            self.card(),
            self.g_kind.value,
            int(self.g_year.value),
            kpi=self.g_kpi.value if self.g_kind.value == "kpi" else None,
            dimension=self.g_dim.value if self.g_kind.value == "dimension" else None,
            change_percent=change,
            target_level=self.g_level.value if self.g_kind.value == "dimension" else None,
        )
        problems = check_new_goal(goal, self.qn, str(self.resp.round))
        if problems:
            self.g_message.value = _error(_messages(problems, lang))
            return None
        self.g_message.value = ""
        self.resp.goals.append(goal)
        return self._save(lambda: self.resp.goals.remove(goal))

    def remove_goal(self, gid: str) -> SaveOutcome:
        goals, actions = list(self.resp.goals), copy.deepcopy(self.resp.actions)
        self.resp.goals = [g for g in self.resp.goals if g.id != gid]
        for a in self.resp.actions:
            if a.goal == gid:
                a.goal = None

        def undo() -> None:
            self.resp.goals, self.resp.actions = goals, actions

        return self._save(undo)

    def _goal_row(self, goal: Goal, card: ScoreCard) -> w.Widget:
        lang, k = self.lang, self.kit
        status = goal_status(goal, self.qn, card)
        if goal.base_value is None:
            base = s("no_baseline", lang)
        elif goal.kind == "dimension":
            base = s("baseline", lang, round=goal.base_round, value=number(goal.base_value, 0, lang))
        else:
            base = s("baseline", lang, round=goal.base_round, value=figure(goal.base_value, goal.kpi, lang))
        html = (
            f"<div class='sme-plan-goal'><b>{esc(goal.id)} · {esc(describe_goal(goal, self.qn, lang))}</b>"
            f"<div class='sme-hint'>{esc(base)} · <span class='sme-plan-state sme-state-{status.state}'>"
            f"{esc(goal_state_word(status.state, lang))}</span></div></div>"
        )
        remove = k.button(s("remove", lang), "sme-plan-remove", own_layout=True, layout={"width": "auto"})
        remove.on_click(lambda _b, gid=goal.id: self.remove_goal(gid))
        return k.hbox([k.html(html), remove], "sme-plan-card", "sme-plan-row")

    # ---- actions -------------------------------------------------------------------------------------------
    def _build_action_form(self) -> w.Widget:
        lang, k = self.lang, self.kit
        self.a_title = self._input(w.Text, s("action_title", lang), value="", continuous_update=False)
        add = k.button(
            s("add_action", lang), "sme-plan-add", own_layout=True, layout={"width": "auto"}, button_style="primary"
        )
        add.on_click(lambda _b: self.add_action(self.a_title.value))
        self.a_message = k.html("", "sme-msg")
        title = k.html(f"<div class='sme-label'>{esc(s('new_action', lang))}</div>")
        return k.vbox(
            [title, self._field(s("action_title", lang), self.a_title), add, self.a_message],
            "sme-plan-card",
            "sme-plan-new",
        )

    def add_action(self, title: str) -> SaveOutcome | None:
        action = Action(
            next_id("m", [a.id for a in self.resp.actions]), title.strip(), created_round=str(self.resp.round)
        )
        problems = check_action(
            action, self.qn, [g.id for g in self.resp.goals], str(self.resp.round), [a.id for a in self.resp.actions]
        )
        if problems:
            self.a_message.value = _error(_messages(problems, self.lang))
            return None
        self.a_message.value = ""
        self.a_title.value = ""
        self.resp.actions.append(action)
        return self._save(lambda: self.resp.actions.remove(action))

    def update_action(self, aid: str, **changes: Any) -> SaveOutcome | None:
        """Change fields of one action (status, due, role, goal, cost, funding, title); a change of the status
        confirms a carried-over action. Refused with a message when the result breaks a rule."""
        action = next(a for a in self.resp.actions if a.id == aid)
        before = copy.deepcopy(action)
        for key, value in changes.items():
            setattr(action, key, value)
        if "status" in changes or changes.get("confirmed"):
            action.confirmed = True
        others = [a.id for a in self.resp.actions if a is not action]
        problems = check_action(action, self.qn, [g.id for g in self.resp.goals], str(self.resp.round), others)
        if problems:
            action.__dict__.update(before.__dict__)
            self.show_message(_messages(problems, self.lang))
            self.refresh()
            return None

        def undo() -> None:
            action.__dict__.update(before.__dict__)

        return self._save(undo)

    def remove_action(self, aid: str) -> SaveOutcome:
        before = list(self.resp.actions)
        self.resp.actions = [a for a in self.resp.actions if a.id != aid]

        def undo() -> None:
            self.resp.actions = before

        return self._save(undo)

    def _action_row(self, a: Action) -> w.Widget:
        lang, k = self.lang, self.kit
        status = ActionStatus(
            a.id,
            a.title,
            a.status,
            a.confirmed,
            a.due,
            False,
            "",
            a.questions,
            a.goal,
            a.role,
            a.cost,
            a.funding,
            a.effect,
            False,
            {},
            a.from_step,
        )
        head_parts = [f"<b>{esc(a.id)} · {esc(a.title)}</b>"]
        effect = effect_text(status, lang)
        if effect:
            head_parts.append(f"<div class='sme-hint'>{esc(s('effect', lang))}: {esc(effect)}</div>")
        if a.questions:
            names = ", ".join(tr(q.text, lang) if (q := self.qn.question(qid)) else qid for qid in a.questions)
            head_parts.append(f"<div class='sme-hint'>{esc(s('linked', lang, questions=names))}</div>")
        due = a.due and date.fromisoformat(a.due)
        if due and a.open and due < date.today():
            head_parts.append(f"<div class='sme-warning'>⚠ {esc(s('overdue', lang))}</div>")
        children: list[w.Widget] = [k.html("".join(head_parts))]
        if not a.confirmed:
            confirm = k.button(s("confirm", lang), "sme-plan-confirm", own_layout=True, layout={"width": "auto"})
            confirm.on_click(lambda _b, aid=a.id: self.update_action(aid, confirmed=True))
            note = s("carried", lang, round=a.created_round or "")
            children.append(k.html(f"<div class='sme-warning' role='status'>⚠ {esc(note)}</div>"))
            children.append(confirm)
        st = self._input(
            w.Dropdown, s("status", lang), options=[(status_word(x, lang), x) for x in STATUSES], value=a.status
        )
        st.observe(lambda ch, aid=a.id: self.update_action(aid, status=ch["new"]), names="value")
        when = self._input(w.DatePicker, s("due", lang), value=due or None)
        when.observe(
            lambda ch, aid=a.id: self.update_action(aid, due=ch["new"].isoformat() if ch["new"] else None),
            names="value",
        )
        role = self._input(w.Text, s("role", lang), value=a.role or "", continuous_update=False)
        role.observe(lambda ch, aid=a.id: self.update_action(aid, role=ch["new"].strip() or None), names="value")
        goals = [(s("no_goal", lang), "")] + [
            (f"{g.id} · {describe_goal(g, self.qn, lang)}", g.id) for g in self.resp.goals
        ]
        goal = self._input(w.Dropdown, s("goal", lang), options=goals, value=a.goal or "")
        goal.observe(lambda ch, aid=a.id: self.update_action(aid, goal=ch["new"] or None), names="value")
        costs = [(s("cost_none", lang), "")] + [(COST_SIGNS[c], c) for c in ("low", "medium", "high")]
        cost = self._input(w.Dropdown, s("cost", lang), options=costs, value=a.cost or "")
        cost.observe(lambda ch, aid=a.id: self.update_action(aid, cost=ch["new"] or None), names="value")
        funding = self._input(w.Text, s("funding", lang), value=a.funding or "", continuous_update=False)
        funding.observe(lambda ch, aid=a.id: self.update_action(aid, funding=ch["new"].strip() or None), names="value")
        question = self._input(
            w.Dropdown,
            s("question", lang),
            options=self._question_options(),
            value=a.questions[0] if a.questions and self.qn.question(a.questions[0]) else "",
        )
        question.observe(
            lambda ch, aid=a.id: self.update_action(aid, questions=[ch["new"]] if ch["new"] else []), names="value"
        )
        effect = self._input(w.Text, s("effect_own", lang), value=a.effect or "", continuous_update=False)
        effect.observe(lambda ch, aid=a.id: self.update_action(aid, effect=ch["new"].strip() or None), names="value")
        remove = k.button(s("remove", lang), "sme-plan-remove", own_layout=True, layout={"width": "auto"})
        remove.on_click(lambda _b, aid=a.id: self.remove_action(aid))
        self.action_inputs[a.id] = {
            "status": st,
            "due": when,
            "role": role,
            "goal": goal,
            "cost": cost,
            "funding": funding,
            "question": question,
            "effect": effect,
            "remove": remove,
        }
        f = self._field
        children += [
            k.hbox([f(s("status", lang), st), f(s("due", lang), when)], "sme-plan-row"),
            f(s("role", lang), role),
            k.hbox([f(s("goal", lang), goal), f(s("cost", lang), cost)], "sme-plan-row"),
            f(s("question", lang), question),
            f(s("effect_own", lang), effect),
            f(s("funding", lang), funding),
            remove,
        ]
        return k.vbox(children, "sme-plan-card", f"sme-plan-status-{a.status}")

    def _question_options(self) -> list[tuple[str, str]]:
        """The scored questions an action can be linked to, by DNK criterion."""
        if not hasattr(self, "_questions"):
            self._questions = [(s("no_question", self.lang), "")] + [
                (f"{q.criterion} · {tr(q.text, self.lang)}", q.id) for q in self.qn.iter_questions() if q.scored
            ]
        return self._questions

    # ---- cooperation ---------------------------------------------------------------------------------------
    def _build_cooperation(self) -> list[w.Widget]:
        lang, k = self.lang, self.kit
        if not self.qn.cooperation:
            return []
        co = self.resp.cooperation or Cooperation()
        options = [
            (f"{tr(lst.name, lang)}: {tr(e.label, lang)}" + (f" ({e.ewc})" if e.ewc else ""), e.id)
            for lst in self.qn.cooperation
            for e in lst.entries
        ]
        self.c_opt_in = k.checkbox(s("opt_in", lang), "sme-plan-optin")
        self.c_opt_in.value = co.opt_in
        self.c_offers = self._input(
            w.SelectMultiple, s("offers", lang), options=options, value=tuple(co.offers), rows=6
        )
        self.c_needs = self._input(w.SelectMultiple, s("needs", lang), options=options, value=tuple(co.needs), rows=6)
        for widget in (self.c_opt_in, self.c_offers, self.c_needs):
            widget.observe(lambda _ch: self.set_cooperation(), names="value")
        intro = k.html(f"<p class='sme-hint'>{esc(s('coop_intro', lang))}</p>")
        return [
            self._section("cooperation"),
            intro,
            self.c_opt_in,
            self._field(s("offers", lang), self.c_offers),
            self._field(s("needs", lang), self.c_needs),
        ]

    def set_cooperation(self) -> SaveOutcome:
        before = copy.deepcopy(self.resp.cooperation)
        self.resp.cooperation = Cooperation(
            bool(self.c_opt_in.value), list(self.c_offers.value), list(self.c_needs.value)
        )

        def undo() -> None:
            self.resp.cooperation = before

        return self._save(undo)

    # ---- view ----------------------------------------------------------------------------------------------
    def refresh(self, card: ScoreCard | None = None) -> None:
        """Rebuild the lists from the response (after a save, a reload or a change of answers)."""
        lang, k = self.lang, self.kit
        card = card or self.card()
        steps = card.recommendations[:SHOWN_STEPS]
        self.steps_box.children = [self._step_row(card, r) for r in steps] or [
            k.html(f"<p class='sme-hint'>{esc(s('steps_none', lang))}</p>")
        ]
        self.goals_box.children = [self._goal_row(g, card) for g in self.resp.goals] or [
            k.html(f"<p class='sme-hint'>{esc(s('no_goals', lang))}</p>")
        ]
        self.actions_box.children = [self._action_row(a) for a in self.resp.actions] or [
            k.html(f"<p class='sme-hint'>{esc(s('no_actions', lang))}</p>")
        ]


PLAN_CSS = """
.sme-plan-head { font-size: 18px; margin: 18px 0 6px 0; color: var(--sme-accent); }
.sme-form .sme-plan-card { border: 1px solid var(--sme-line); border-radius: 8px; padding: 10px 12px; margin: 0 0 8px 0;
  width: 100%; gap: 6px; }
.sme-form .sme-plan .jupyter-widgets { margin-left: 0; margin-right: 0; }
.sme-form .sme-plan-row { flex-wrap: wrap; gap: 6px 12px; width: 100%; }
.sme-form .sme-plan-field { width: 100%; min-width: 0; flex: 0 0 auto; max-width: 100%; }
.sme-form .sme-plan-row > .sme-plan-field { width: auto; flex: 1 1 220px; }
.sme-form .sme-plan-input, .sme-form .sme-plan-input input, .sme-form .sme-plan-input select {
  width: 100%; max-width: 100%; min-width: 0; }
.sme-form .sme-plan-new { background: var(--sme-accent-soft); }
.sme-form .sme-plan-status-done { border-left: 4px solid var(--sme-accent); }
.sme-form .sme-plan-status-dropped { opacity: 0.75; }
.sme-plan-state { font-weight: 600; }
.sme-state-behind { color: #b45309; }
.sme-state-achieved, .sme-state-on_track { color: var(--sme-accent); }
"""
