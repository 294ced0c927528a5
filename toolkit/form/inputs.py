"""The widgets of one question: one input per question type plus help, 'not applicable', 'cannot answer',
a note and the validation message. Changes are reported to the form through ``on_change``.

The explanation and note fields are built only when needed (few questions use them), which keeps the number
of widget models, and so the time to show a page, small.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from toolkit.definitions.model import Question, tr
from toolkit.definitions.types import registry
from toolkit.definitions.types.base import Control, InputProblem
from toolkit.form.kit import Kit
from toolkit.form.numbers import NotANumber, format_number, parse_number
from toolkit.form.validation import compose_answer
from toolkit.i18n import has, t, unit_label
from toolkit.responses import Answer

ChangeHandler = Callable[["QuestionInput"], None]


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def refs_text(q: Question) -> str:
    parts = [f"DNK {q.refs.get('dnk', q.criterion)}"]
    for key, name in (("vsme", "VSME"), ("gri", "GRI")):
        vals = q.refs.get(key) or []
        if isinstance(vals, str | int):
            vals = [vals]
        if vals:
            parts.append(f"{name} {', '.join(str(v) for v in vals)}")
    return " · ".join(parts)


class QuestionInput:
    """All widgets of one question. ``box`` is what the page shows."""

    def __init__(
        self, q: Question, answer: Answer | None, lang: str, on_change: ChangeHandler, kit: Kit | None = None
    ) -> None:
        self.q = q
        self.kind = registry.get(q.type)  # what differs between kinds of question: the type's own module
        self.lang = lang
        self.on_change = on_change
        self.kit = kit or Kit()
        self._quiet = True
        self.message_text: str | None = None
        self.typing = False  # the last change came from a text field (its save may wait a moment)
        self._explanation: w.Textarea | None = None
        self._expl_label: w.HTML | None = None
        self._note: w.Textarea | None = None
        self._evidence: w.Textarea | None = None  # asked for top-level claims; built when first needed
        self._evidence_label: w.HTML | None = None
        self._findings: w.HTML | None = None  # contradictions and missing evidence, shown as the participant types
        self.findings_text: list[str] = []

        k = self.kit
        self.header = k.html(self._header_html(), "sme-q-head")
        self.inputs = self._build_inputs()
        self.message = k.html("", "sme-msg")
        self.na = k.checkbox(t("form.not_applicable", lang), "sme-extra")
        self.cannot = k.checkbox(t("form.cannot_answer", lang), "sme-extra")
        self.note_toggle = k.checkbox(t("form.add_note", lang), "sme-extra")
        extras: list[w.Widget] = []
        if q.not_applicable:
            extras.append(self.na)
        if self.kind.cannot_answer:
            extras.append(self.cannot)
        extras.append(self.note_toggle)
        self.extras = k.hbox(extras, "sme-extras")
        self.box = k.vbox([], "sme-q", f"sme-type-{q.type}", own_layout=True, width="100%")

        self.na.observe(self._changed, names="value")
        self.cannot.observe(self._changed, names="value")
        self.note_toggle.observe(self._note_toggled, names="value")
        self.set_answer(answer)
        self._quiet = False

    # ---- building ------------------------------------------------------------------------------------------
    def _header_html(self) -> str:
        q, lang = self.q, self.lang
        parts = [f"<div class='sme-q-text'>{esc(tr(q.text, lang))}</div>"]
        if self.kind.form_hint:
            parts.append(f"<div class='sme-q-hint'>{esc(self.wording(self.kind.form_hint))}</div>")
        help_text = tr(q.help, lang)
        if help_text:
            parts.append(
                f"<details class='sme-help'><summary>{esc(t('form.help', lang))}</summary>"
                f"<div>{esc(help_text)}</div></details>"
            )
        parts.append(
            f"<details class='sme-refs'><summary>{esc(t('form.references', lang))}</summary>"
            f"{esc(refs_text(q))}</details>"
        )
        return "".join(parts)

    def _option_label(self, opt_id: str) -> str:
        opt = self.q.option(opt_id)
        if opt and opt.label:
            return tr(opt.label, self.lang)
        return t(f"form.{opt_id}", self.lang) if has(f"form.{opt_id}") else opt_id

    def _build_inputs(self) -> list[w.Widget]:
        self.radio: w.RadioButtons | None = None
        self.checks: dict[str, w.Checkbox] = {}
        self.number: w.Text | None = None
        self.unit: w.Dropdown | None = None
        self.text: w.Textarea | None = None
        self.clear: w.Button | None = None
        self.fixed_unit: str | None = None
        self.control: Control | None = None  # an input of the type's own making (see Control)
        return self.kind.widget(self)

    # ---- what a question type asks of the form to build its input (WidgetContext) --------------------------
    ipywidgets = w  # the widget library, for a type with an input of its own (the types never import it)

    def wording(self, key: str, **fields: Any) -> str:
        return t(f"form.{key}", self.lang, **fields)

    def option_label(self, option_id: str) -> str:
        return self._option_label(option_id)

    def unit_name(self, unit: str | None) -> str:
        return unit_label(unit, self.lang, named=True)

    def changed(self, change: dict[str, Any] | None = None) -> None:
        self._changed(change)

    def clear_choice(self) -> None:
        self._clear()

    def rows_editor(self) -> list[w.Widget]:
        raise TypeError(f"question '{self.q.id}': rows are edited by the form's TableInput")

    @property
    def explanation(self) -> w.Textarea:
        """The explanation field ('cannot answer' or comply-or-explain), built on first use."""
        if self._explanation is None:
            label = (
                t("form.explanation", self.lang)
                if not self.kind.cannot_answer  # comply-or-explain: the explanation is part of the answer
                else t("form.cannot_answer_why", self.lang)
            )
            self._expl_label = self.kit.html(f"<span class='sme-label'>{esc(label)}</span>")
            self._explanation = self.kit.textarea(
                "sme-textarea", placeholder=t("form.explain_placeholder", self.lang), label=label
            )
            self._explanation.observe(self._changed, names="value")
        return self._explanation

    @property
    def note(self) -> w.Textarea:
        """The optional note, built on first use."""
        if self._note is None:
            self._note = self.kit.textarea(
                "sme-textarea", placeholder=t("form.note_placeholder", self.lang), label=t("form.add_note", self.lang)
            )
            self._note.observe(self._changed, names="value")
        return self._note

    # ---- state ---------------------------------------------------------------------------------------------
    def set_answer(self, answer: Answer | None) -> None:
        """Show ``answer`` (the saved one) without reporting a change."""
        quiet, self._quiet = self._quiet, True
        try:
            a = answer or Answer()
            value = None if a.not_applicable else a.value
            if self.radio is not None:
                self.radio.value = value if value in self.q.option_ids else None
            for oid, cb in self.checks.items():
                cb.value = isinstance(value, list) and oid in value
            if self.number is not None:
                self.number.value = format_number(value, self.lang) if isinstance(value, int | float) else ""
                if self.unit is not None:
                    allowed = [v for _label, v in self.unit.options]
                    self.unit.value = (
                        a.unit if a.unit in allowed else (self.q.unit if self.q.unit in allowed else allowed[0])
                    )
            if self.text is not None:
                self.text.value = value if isinstance(value, str) else ""
            if self.control is not None:
                self.control.show(value)
            self.na.value = bool(a.not_applicable)
            self.cannot.value = bool(a.explanation) and not a.answered and self.kind.cannot_answer
            if a.explanation or self._explanation is not None:
                self.explanation.value = a.explanation or ""
            if a.note or self._note is not None:
                self.note.value = a.note or ""
            if a.evidence or self._evidence is not None:
                self.evidence.value = a.evidence or ""
            self.note_toggle.value = bool(a.note)
            self.show_message(None)
            self._sync_visibility()
        finally:
            self._quiet = quiet

    def raw_value(self) -> Any:
        """The value in the input widgets. Raises NotANumber for a number field that holds no number, and
        InputProblem for a type's own input that holds no valid value."""
        if self.control is not None:
            return self.control.value()
        if self.radio is not None:
            return self.radio.value
        if self.checks:
            return [oid for oid, cb in self.checks.items() if cb.value]
        if self.number is not None:
            return parse_number(self.number.value, self.lang)
        if self.text is not None:
            return self.text.value if self.text.value.strip() else None
        return None

    def current_unit(self) -> str | None:
        if self.unit is not None:
            return str(self.unit.value)
        return self.fixed_unit

    def compose(self) -> tuple[Answer | None, str | None]:
        """The answer shown in the widgets, or (None, message) when it is not valid."""
        try:
            value = self.raw_value()
        except NotANumber:
            return None, t("form.err_number", self.lang)
        except InputProblem as exc:
            return None, str(exc)
        return compose_answer(
            self.q,
            value=value,
            unit=self.current_unit(),
            not_applicable=self.na.value,
            cannot_answer=self.cannot.value,
            explanation=self._explanation.value if self._explanation is not None else None,
            note=self._note.value if self._note is not None and self.note_toggle.value else None,
            evidence=self._evidence.value if self._evidence is not None and self.evidence_prompt else None,
            lang=self.lang,
        )

    def show_message(self, text: str | None, not_saved: bool = False) -> None:
        self.message_text = text
        if text:
            extra = (
                f" <span class='sme-notsaved'>{esc(t('form.not_saved_hint', self.lang))}</span>" if not_saved else ""
            )
            self.message.value = f"<div class='sme-error' role='alert'>⚠ {esc(text)}{extra}</div>"
            self.box.add_class("sme-invalid")
        else:
            self.message.value = ""
            self.box.remove_class("sme-invalid")

    # ---- events --------------------------------------------------------------------------------------------
    @property
    def explanation_shown(self) -> bool:
        explain_chosen = self.radio is not None and self.kind.needs_explanation(self.q, self.radio.value)
        return bool(self.cannot.value or explain_chosen)

    @property
    def evidence_prompt(self) -> str:
        """What evidence the chosen option asks for ('' when none): e.g. the certificate number of an ISO claim."""
        value = self.radio.value if self.radio is not None else None
        if not isinstance(value, str) or self.na.value or self.cannot.value:
            return ""
        return tr(self.q.evidence_prompt(value), self.lang)

    @property
    def evidence(self) -> w.Textarea:
        """The evidence field (a short note or document reference), built on first use. Never required."""
        if self._evidence is None:
            self._evidence_label = self.kit.html("", "sme-evidence-label")
            self._evidence = self.kit.textarea("sme-textarea", placeholder=t("form.evidence_placeholder", self.lang))
            self._evidence.observe(self._changed, names="value")
        return self._evidence

    def show_findings(self, messages: list[str]) -> None:
        """Warnings about this answer (contradictions, missing evidence); they never block saving."""
        if messages == self.findings_text:
            return
        self.findings_text = list(messages)
        if self._findings is None:
            if not messages:
                return
            self._findings = self.kit.html("", "sme-findings")
        self._findings.value = "".join(f"<div class='sme-warning' role='status'>⚠ {esc(m)}</div>" for m in messages)
        self._sync_visibility()

    def _sync_visibility(self) -> None:
        children: list[w.Widget] = [self.header, *self.inputs, self.message]
        if self._findings is not None and self.findings_text:
            children.append(self._findings)
        if self.explanation_shown:
            children += [self._label(), self.explanation]
        prompt = self.evidence_prompt
        if prompt:
            self.evidence  # noqa: B018  (builds the field and its label)
            assert self._evidence_label is not None and self._evidence is not None
            self._evidence_label.value = (
                f"<span class='sme-label'>{esc(t('form.evidence', self.lang))}: {esc(prompt)}</span> "
                f"<span class='sme-hint'>{esc(t('form.evidence_optional', self.lang))}</span>"
            )
            children += [self._evidence_label, self._evidence]
        children.append(self.extras)
        if self.note_toggle.value:
            children.append(self.note)
        if tuple(children) != tuple(self.box.children):
            self.box.children = children
        blocked = self.na.value or self.cannot.value
        for wid in (self.radio, self.number, self.unit, self.text, *self.checks.values()):
            if wid is not None:
                wid.disabled = blocked
        if self.control is not None:
            self.control.set_disabled(blocked)
        self.cannot.disabled = self.na.value
        self.na.disabled = self.cannot.value
        if self.clear is not None:
            shown = self.radio is not None and self.radio.value is not None and not blocked
            self.clear.layout.display = "" if shown else "none"

    def _label(self) -> w.HTML:
        self.explanation  # noqa: B018  (builds the label with the field)
        assert self._expl_label is not None
        return self._expl_label

    def _note_toggled(self, _change: dict[str, Any]) -> None:
        if not self.note_toggle.value and self._note is not None and self._note.value:
            self._note.value = ""  # un-ticking removes the note (reported through _changed)
        self._sync_visibility()

    def _clear(self) -> None:
        if self.radio is not None:
            self.radio.value = None

    def _exclusive(self, change: dict[str, Any] | None) -> None:
        """ "None of these" and the other options exclude each other: ticking one unticks the others."""
        if not change or change.get("new") is not True or not self.q.exclusive_options:
            return
        ticked = next((oid for oid, cb in self.checks.items() if cb is change.get("owner")), None)
        if ticked is None:
            return
        quiet, self._quiet = self._quiet, True
        try:
            exclusive = self.q.exclusive_options
            for oid, cb in self.checks.items():
                if oid != ticked and cb.value and (ticked in exclusive or oid in exclusive):
                    cb.value = False
        finally:
            self._quiet = quiet

    def _changed(self, change: dict[str, Any] | None = None) -> None:
        self._exclusive(change)
        self._sync_visibility()
        if not self._quiet:
            self.typing = change is not None and isinstance(change.get("owner"), w.Text | w.Textarea)
            self.on_change(self)
