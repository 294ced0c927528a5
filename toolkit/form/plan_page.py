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
from toolkit.i18n import COST_SIGNS, number, t
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


def _messages(problems: list[tuple[str, dict[str, object]]], lang: str) -> str:
    return " ".join(t(f"plan.form.{key}", lang, **fields) for key, fields in problems)


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
        head = k.html(f"<p class='sme-intro'>{esc(t('plan.form.intro', lang))}</p>")
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
        return self.kit.html(f"<h3 class='sme-plan-head'>{esc(t('plan.form.' + key, self.lang))}</h3>")

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
            t("plan.form.taken" if taken else "plan.form.take", lang),
            "sme-plan-take",
            own_layout=True,
            layout={"width": "auto"},
            disabled=taken,
            tooltip=t("plan.form.take", lang),
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
            t("plan.form.kind", lang),
            value="kpi",
            options=[(t("plan.form.kind_kpi", lang), "kpi"), (t("plan.form.kind_dimension", lang), "dimension")],
        )
        self.g_kpi = self._input(
            w.Dropdown,
            t("plan.form.kpi", lang),
            value="scope12_t",
            options=[(kpi_name(kid, lang), kid) for kid in GOAL_KPIS],
        )
        self.g_change = self._input(w.Text, t("plan.form.change", lang), value="-20", continuous_update=False)
        dims = [(tr(d.name, lang), d.id) for d in self.qn.headline_dimensions] or [
            (tr(d.name, lang), d.id) for d in self.qn.dimensions
        ]
        self.g_dim = self._input(
            w.Dropdown, t("plan.form.dimension", lang), options=dims, value=dims[0][1] if dims else None
        )
        self.g_level = self._input(
            w.Dropdown,
            t("plan.form.target_level", lang),
            value=3,
            options=[(f"{lv.level} · {tr(lv.name, lang)}", lv.level) for lv in self.qn.levels if lv.level >= 1],
        )
        self.g_year = self._input(
            w.Dropdown,
            t("plan.form.target_year", lang),
            value=year + 3,
            options=[(str(y), y) for y in range(year, year + 11)],
        )
        add = k.button(
            t("plan.form.add_goal", lang),
            "sme-plan-add",
            own_layout=True,
            layout={"width": "auto"},
            button_style="primary",
        )
        add.on_click(lambda _b: self.add_goal())
        self.g_message = k.html("", "sme-msg")
        self.g_kpi_box = k.hbox(
            [
                self._field(t("plan.form.kpi", lang), self.g_kpi),
                self._field(t("plan.form.change", lang), self.g_change),
            ],
            "sme-plan-row",
            own_layout=True,
        )
        self.g_dim_box = k.hbox(
            [
                self._field(t("plan.form.dimension", lang), self.g_dim),
                self._field(t("plan.form.target_level", lang), self.g_level),
            ],
            "sme-plan-row",
            own_layout=True,
        )
        self.g_kind.observe(lambda _ch: self._goal_kind_changed(), names="value")
        self._goal_kind_changed()
        title = k.html(f"<div class='sme-label'>{esc(t('plan.form.new_goal', lang))}</div>")
        kind = self._field(t("plan.form.kind", lang), self.g_kind)
        until = self._field(t("plan.form.target_year", lang), self.g_year)
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
                self.g_message.value = _error(t("plan.form.not_a_number", lang))
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
            base = t("plan.form.no_baseline", lang)
        elif goal.kind == "dimension":
            base = t("plan.form.baseline", lang, round=goal.base_round, value=number(goal.base_value, 0, lang))
        else:
            base = t("plan.form.baseline", lang, round=goal.base_round, value=figure(goal.base_value, goal.kpi, lang))
        html = (
            f"<div class='sme-plan-goal'><b>{esc(goal.id)} · {esc(describe_goal(goal, self.qn, lang))}</b>"
            f"<div class='sme-hint'>{esc(base)} · <span class='sme-plan-state sme-state-{status.state}'>"
            f"{esc(goal_state_word(status.state, lang))}</span></div></div>"
        )
        remove = k.button(t("plan.form.remove", lang), "sme-plan-remove", own_layout=True, layout={"width": "auto"})
        remove.on_click(lambda _b, gid=goal.id: self.remove_goal(gid))
        return k.hbox([k.html(html), remove], "sme-plan-card", "sme-plan-row")

    # ---- actions -------------------------------------------------------------------------------------------
    def _build_action_form(self) -> w.Widget:
        lang, k = self.lang, self.kit
        self.a_title = self._input(w.Text, t("plan.form.action_title", lang), value="", continuous_update=False)
        add = k.button(
            t("plan.form.add_action", lang),
            "sme-plan-add",
            own_layout=True,
            layout={"width": "auto"},
            button_style="primary",
        )
        add.on_click(lambda _b: self.add_action(self.a_title.value))
        self.a_message = k.html("", "sme-msg")
        title = k.html(f"<div class='sme-label'>{esc(t('plan.form.new_action', lang))}</div>")
        return k.vbox(
            [title, self._field(t("plan.form.action_title", lang), self.a_title), add, self.a_message],
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
            head_parts.append(f"<div class='sme-hint'>{esc(t('plan.form.effect', lang))}: {esc(effect)}</div>")
        if a.questions:
            names = ", ".join(tr(q.text, lang) if (q := self.qn.question(qid)) else qid for qid in a.questions)
            head_parts.append(f"<div class='sme-hint'>{esc(t('plan.form.linked', lang, questions=names))}</div>")
        due = a.due and date.fromisoformat(a.due)
        if due and a.open and due < date.today():
            head_parts.append(f"<div class='sme-warning'>⚠ {esc(t('plan.form.overdue', lang))}</div>")
        children: list[w.Widget] = [k.html("".join(head_parts))]
        if not a.confirmed:
            confirm = k.button(
                t("plan.form.confirm", lang), "sme-plan-confirm", own_layout=True, layout={"width": "auto"}
            )
            confirm.on_click(lambda _b, aid=a.id: self.update_action(aid, confirmed=True))
            note = t("plan.form.carried", lang, round=a.created_round or "")
            children.append(k.html(f"<div class='sme-warning' role='status'>⚠ {esc(note)}</div>"))
            children.append(confirm)
        st = self._input(
            w.Dropdown,
            t("plan.form.status", lang),
            options=[(status_word(x, lang), x) for x in STATUSES],
            value=a.status,
        )
        st.observe(lambda ch, aid=a.id: self.update_action(aid, status=ch["new"]), names="value")
        when = self._input(w.DatePicker, t("plan.form.due", lang), value=due or None)
        when.observe(
            lambda ch, aid=a.id: self.update_action(aid, due=ch["new"].isoformat() if ch["new"] else None),
            names="value",
        )
        role = self._input(w.Text, t("plan.form.role", lang), value=a.role or "", continuous_update=False)
        role.observe(lambda ch, aid=a.id: self.update_action(aid, role=ch["new"].strip() or None), names="value")
        goals = [(t("plan.form.no_goal", lang), "")] + [
            (f"{g.id} · {describe_goal(g, self.qn, lang)}", g.id) for g in self.resp.goals
        ]
        goal = self._input(w.Dropdown, t("plan.form.goal", lang), options=goals, value=a.goal or "")
        goal.observe(lambda ch, aid=a.id: self.update_action(aid, goal=ch["new"] or None), names="value")
        costs = [(t("plan.form.cost_none", lang), "")] + [(COST_SIGNS[c], c) for c in ("low", "medium", "high")]
        cost = self._input(w.Dropdown, t("plan.form.cost", lang), options=costs, value=a.cost or "")
        cost.observe(lambda ch, aid=a.id: self.update_action(aid, cost=ch["new"] or None), names="value")
        funding = self._input(w.Text, t("plan.form.funding", lang), value=a.funding or "", continuous_update=False)
        funding.observe(lambda ch, aid=a.id: self.update_action(aid, funding=ch["new"].strip() or None), names="value")
        question = self._input(
            w.Dropdown,
            t("plan.form.question", lang),
            options=self._question_options(),
            value=a.questions[0] if a.questions and self.qn.question(a.questions[0]) else "",
        )
        question.observe(
            lambda ch, aid=a.id: self.update_action(aid, questions=[ch["new"]] if ch["new"] else []), names="value"
        )
        effect = self._input(w.Text, t("plan.form.effect_own", lang), value=a.effect or "", continuous_update=False)
        effect.observe(lambda ch, aid=a.id: self.update_action(aid, effect=ch["new"].strip() or None), names="value")
        remove = k.button(t("plan.form.remove", lang), "sme-plan-remove", own_layout=True, layout={"width": "auto"})
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
            k.hbox([f(t("plan.form.status", lang), st), f(t("plan.form.due", lang), when)], "sme-plan-row"),
            f(t("plan.form.role", lang), role),
            k.hbox([f(t("plan.form.goal", lang), goal), f(t("plan.form.cost", lang), cost)], "sme-plan-row"),
            f(t("plan.form.question", lang), question),
            f(t("plan.form.effect_own", lang), effect),
            f(t("plan.form.funding", lang), funding),
            remove,
        ]
        return k.vbox(children, "sme-plan-card", f"sme-plan-status-{a.status}")

    def _question_options(self) -> list[tuple[str, str]]:
        """The scored questions an action can be linked to, by DNK criterion."""
        if not hasattr(self, "_questions"):
            self._questions = [(t("plan.form.no_question", self.lang), "")] + [
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
        self.c_opt_in = k.checkbox(t("plan.form.opt_in", lang), "sme-plan-optin")
        self.c_opt_in.value = co.opt_in
        self.c_offers = self._input(
            w.SelectMultiple, t("plan.form.offers", lang), options=options, value=tuple(co.offers), rows=6
        )
        self.c_needs = self._input(
            w.SelectMultiple, t("plan.form.needs", lang), options=options, value=tuple(co.needs), rows=6
        )
        for widget in (self.c_opt_in, self.c_offers, self.c_needs):
            widget.observe(lambda _ch: self.set_cooperation(), names="value")
        intro = k.html(f"<p class='sme-hint'>{esc(t('plan.form.coop_intro', lang))}</p>")
        return [
            self._section("cooperation"),
            intro,
            self.c_opt_in,
            self._field(t("plan.form.offers", lang), self.c_offers),
            self._field(t("plan.form.needs", lang), self.c_needs),
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
            k.html(f"<p class='sme-hint'>{esc(t('plan.form.steps_none', lang))}</p>")
        ]
        self.goals_box.children = [self._goal_row(g, card) for g in self.resp.goals] or [
            k.html(f"<p class='sme-hint'>{esc(t('plan.form.no_goals', lang))}</p>")
        ]
        self.actions_box.children = [self._action_row(a) for a in self.resp.actions] or [
            k.html(f"<p class='sme-hint'>{esc(t('plan.form.no_actions', lang))}</p>")
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
