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
from toolkit.form.kit import Kit
from toolkit.form.numbers import NotANumber, format_number, parse_number
from toolkit.form.strings import t, unit_label
from toolkit.form.validation import compose_answer
from toolkit.responses import Answer

ChangeHandler = Callable[["QuestionInput"], None]
CHOICE_TYPES = ("maturity", "single_choice", "yes_no", "comply_explain")


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
        self.na = k.checkbox(t("not_applicable", lang), "sme-extra")
        self.cannot = k.checkbox(t("cannot_answer", lang), "sme-extra")
        self.note_toggle = k.checkbox(t("add_note", lang), "sme-extra")
        extras: list[w.Widget] = []
        if q.not_applicable:
            extras.append(self.na)
        if q.type != "comply_explain":
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
        if q.type == "multiple_choice":
            parts.append(f"<div class='sme-q-hint'>{esc(t('choose_all', lang))}</div>")
        help_text = tr(q.help, lang)
        if help_text:
            parts.append(
                f"<details class='sme-help'><summary>{esc(t('help', lang))}</summary>"
                f"<div>{esc(help_text)}</div></details>"
            )
        parts.append(
            f"<details class='sme-refs'><summary>{esc(t('references', lang))}</summary>{esc(refs_text(q))}</details>"
        )
        return "".join(parts)

    def _option_label(self, opt_id: str) -> str:
        opt = self.q.option(opt_id)
        return tr(opt.label, self.lang) if opt and opt.label else t(opt_id, self.lang)

    def _build_inputs(self) -> list[w.Widget]:
        q, lang, k = self.q, self.lang, self.kit
        self.radio: w.RadioButtons | None = None
        self.checks: dict[str, w.Checkbox] = {}
        self.number: w.Text | None = None
        self.unit: w.Dropdown | None = None
        self.text: w.Textarea | None = None
        self.clear: w.Button | None = None
        self.fixed_unit: str | None = None
        if q.type in CHOICE_TYPES:
            inline = ("sme-inline",) if q.type in ("yes_no", "comply_explain") else ()
            self.radio = k.radio([(self._option_label(o.id), o.id) for o in q.options], "sme-radio", *inline)
            self.radio.observe(self._changed, names="value")
            self.clear = k.button(t("clear_answer", lang), "sme-clear", own_layout=True, layout={"width": "auto"})
            self.clear.on_click(lambda _b: self._clear())
            return [self.radio, self.clear]
        if q.type == "multiple_choice":
            for o in q.options:
                cb = k.checkbox(tr(o.label, lang), "sme-check", layout={"width": "100%"})
                cb.observe(self._changed, names="value")
                self.checks[o.id] = cb
            return list(self.checks.values())
        if q.type == "number":
            self.number = k.text("sme-number", placeholder=t("number_placeholder", lang), label=tr(q.text, lang))
            self.number.observe(self._changed, names="value")
            units = list(q.accepted_units) or ([q.unit] if q.unit else [])
            if len(units) > 1:
                options = [(unit_label(u, lang), u) for u in units]
                self.unit = k.dropdown(options, q.unit if q.unit in units else units[0], "sme-unit",
                                       label=t("unit", lang))  # fmt: skip
                self.unit.observe(self._changed, names="value")
                return [k.hbox([self.number, self.unit], "sme-amount")]
            self.fixed_unit = units[0] if units else None
            fixed = k.html(f"<span class='sme-unit-fixed'>{esc(unit_label(self.fixed_unit, lang))}</span>")
            return [k.hbox([self.number, fixed], "sme-amount")]
        self.text = k.textarea("sme-textarea", placeholder=t("text_placeholder", lang), label=tr(q.text, lang))
        self.text.observe(self._changed, names="value")
        return [self.text]

    @property
    def explanation(self) -> w.Textarea:
        """The explanation field ('cannot answer' or comply-or-explain), built on first use."""
        if self._explanation is None:
            label = (
                t("explanation", self.lang) if self.q.type == "comply_explain" else t("cannot_answer_why", self.lang)
            )
            self._expl_label = self.kit.html(f"<span class='sme-label'>{esc(label)}</span>")
            self._explanation = self.kit.textarea(
                "sme-textarea", placeholder=t("explain_placeholder", self.lang), label=label
            )
            self._explanation.observe(self._changed, names="value")
        return self._explanation

    @property
    def note(self) -> w.Textarea:
        """The optional note, built on first use."""
        if self._note is None:
            self._note = self.kit.textarea(
                "sme-textarea", placeholder=t("note_placeholder", self.lang), label=t("add_note", self.lang)
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
            self.na.value = bool(a.not_applicable)
            self.cannot.value = bool(a.explanation) and not a.answered and self.q.type != "comply_explain"
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
        """The value in the input widgets. Raises NotANumber for a number field that holds no number."""
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
            return None, t("err_number", self.lang)
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
            extra = f" <span class='sme-notsaved'>{esc(t('not_saved_hint', self.lang))}</span>" if not_saved else ""
            self.message.value = f"<div class='sme-error' role='alert'>⚠ {esc(text)}{extra}</div>"
            self.box.add_class("sme-invalid")
        else:
            self.message.value = ""
            self.box.remove_class("sme-invalid")

    # ---- events --------------------------------------------------------------------------------------------
    @property
    def explanation_shown(self) -> bool:
        explain_chosen = self.q.type == "comply_explain" and self.radio is not None and self.radio.value == "explain"
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
            self._evidence = self.kit.textarea("sme-textarea", placeholder=t("evidence_placeholder", self.lang))
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
                f"<span class='sme-label'>{esc(t('evidence', self.lang))}: {esc(prompt)}</span> "
                f"<span class='sme-hint'>{esc(t('evidence_optional', self.lang))}</span>"
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
            self.typing = bool(change) and isinstance(change.get("owner"), w.Text | w.Textarea)  # type: ignore[union-attr]
            self.on_change(self)
