"""The widgets of one question: one input per question type plus help, 'not applicable', 'cannot answer',
a note and the validation message. Changes are reported to the form through ``on_change``."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..model import Question, tr
from ..responses import Answer
from .numbers import NotANumber, format_number, parse_number
from .strings import t, unit_label
from .validation import compose_answer

ChangeHandler = Callable[["QuestionInput"], None]


def esc(text: str | None) -> str:
    return html.escape(text or "", quote=True)


def layout(**kw: Any) -> w.Layout:
    return w.Layout(**kw)


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

    def __init__(self, q: Question, answer: Answer | None, lang: str, on_change: ChangeHandler) -> None:
        self.q = q
        self.lang = lang
        self.on_change = on_change
        self._quiet = True
        self.message_text: str | None = None
        self.typing = False  # the last change came from a text field (its save may wait a moment)
        self.saved_note: str | None = None  # shown after the message, e.g. '(not saved)'

        self.header = w.HTML(self._header_html())
        self.header.add_class("sme-q-head")
        self.inputs = self._build_inputs()
        self.message = w.HTML("")
        self.message.add_class("sme-msg")

        extras: list[w.Widget] = []
        self.na = w.Checkbox(value=False, description=t("not_applicable", lang), indent=False)
        self.na.add_class("sme-extra")
        if q.not_applicable:
            extras.append(self.na)
        self.cannot = w.Checkbox(value=False, description=t("cannot_answer", lang), indent=False)
        self.cannot.add_class("sme-extra")
        if q.type != "comply_explain":
            extras.append(self.cannot)
        self.note_toggle = w.Checkbox(value=False, description=t("add_note", lang), indent=False)
        self.note_toggle.add_class("sme-extra")
        extras.append(self.note_toggle)
        self.extras = w.HBox(extras)
        self.extras.add_class("sme-extras")

        expl_label = t("explanation", lang) if q.type == "comply_explain" else t("cannot_answer_why", lang)
        self.expl_label = w.HTML(f"<span class='sme-label'>{esc(expl_label)}</span>")
        self.explanation = w.Textarea(
            placeholder=t("explain_placeholder", lang), continuous_update=True, layout=layout(width="100%")
        )
        self.explanation.add_class("sme-textarea")
        self.expl_box = w.VBox([self.expl_label, self.explanation])
        self.note = w.Textarea(
            placeholder=t("note_placeholder", lang), continuous_update=True, layout=layout(width="100%")
        )
        self.note.add_class("sme-textarea")

        self.box = w.VBox(
            [self.header, self.inputs, self.message, self.expl_box, self.extras, self.note],
            layout=layout(width="100%"),
        )
        self.box.add_class("sme-q")
        self.box.add_class(f"sme-type-{q.type}")

        for wid in (self.na, self.cannot, self.explanation, self.note):
            wid.observe(self._changed, names="value")
        self.note_toggle.observe(self._note_toggled, names="value")
        self.set_answer(answer)
        self._quiet = False

    # ---- building ------------------------------------------------------------------------------------------
    def _header_html(self) -> str:
        q, lang = self.q, self.lang
        parts = [f"<div class='sme-q-text'>{esc(tr(q.text, lang))}</div>"]
        hint = t("choose_all", lang) if q.type == "multiple_choice" else ""
        if hint:
            parts.append(f"<div class='sme-q-hint'>{esc(hint)}</div>")
        help_text = tr(q.help, lang)
        if help_text:
            parts.append(
                f"<details class='sme-help'><summary>{esc(t('help', lang))}</summary>"
                f"<div>{esc(help_text)}</div></details>"
            )
        parts.append(f"<div class='sme-refs'>{esc(refs_text(q))}</div>")
        return "".join(parts)

    def _option_label(self, opt_id: str) -> str:
        opt = self.q.option(opt_id)
        return tr(opt.label, self.lang) if opt and opt.label else t(opt_id, self.lang)

    def _build_inputs(self) -> w.Widget:
        q, lang = self.q, self.lang
        self.radio: w.RadioButtons | None = None
        self.checks: dict[str, w.Checkbox] = {}
        self.number: w.Text | None = None
        self.unit: w.Dropdown | None = None
        self.text: w.Textarea | None = None
        self.clear: w.Button | None = None
        self.fixed_unit: str | None = None
        if q.type in ("maturity", "single_choice", "yes_no", "comply_explain"):
            self.radio = w.RadioButtons(
                options=[(self._option_label(o.id), o.id) for o in q.options],
                value=None,
                layout=layout(width="100%"),
            )
            self.radio.add_class("sme-radio")
            if q.type in ("yes_no", "comply_explain"):
                self.radio.add_class("sme-inline")
            self.radio.observe(self._changed, names="value")
            self.clear = w.Button(description=t("clear_answer", lang), layout=layout(width="auto"))
            self.clear.add_class("sme-clear")
            self.clear.on_click(lambda _b: self._clear())
            return w.VBox([self.radio, self.clear])
        if q.type == "multiple_choice":
            for o in q.options:
                cb = w.Checkbox(value=False, description=tr(o.label, lang), indent=False, layout=layout(width="100%"))
                cb.add_class("sme-check")
                cb.observe(self._changed, names="value")
                self.checks[o.id] = cb
            return w.VBox(list(self.checks.values()))
        if q.type == "number":
            self.number = w.Text(
                placeholder=t("number_placeholder", lang), continuous_update=True, layout=layout(width="14em")
            )
            self.number.add_class("sme-number")
            self.number.observe(self._changed, names="value")
            units = list(q.accepted_units) or ([q.unit] if q.unit else [])
            if len(units) > 1:
                self.unit = w.Dropdown(
                    options=[(unit_label(u, lang), u) for u in units],
                    value=q.unit or units[0],
                    layout=layout(width="auto"),
                )
                self.unit.add_class("sme-unit")
                self.unit.observe(self._changed, names="value")
                return w.HBox([self.number, self.unit])
            self.fixed_unit = units[0] if units else None
            return w.HBox(
                [self.number, w.HTML(f"<span class='sme-unit-fixed'>{esc(unit_label(self.fixed_unit, lang))}</span>")]
            )
        self.text = w.Textarea(
            placeholder=t("text_placeholder", lang), continuous_update=True, layout=layout(width="100%")
        )
        self.text.add_class("sme-textarea")
        self.text.observe(self._changed, names="value")
        return self.text

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
            self.explanation.value = a.explanation or ""
            self.note.value = a.note or ""
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
            explanation=self.explanation.value,
            note=self.note.value if self.note_toggle.value else None,
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
    def _sync_visibility(self) -> None:
        explain_chosen = self.q.type == "comply_explain" and self.radio is not None and self.radio.value == "explain"
        show_expl = self.cannot.value or explain_chosen
        self.expl_box.layout.display = "" if show_expl else "none"
        self.note.layout.display = "" if self.note_toggle.value else "none"
        blocked = self.na.value or self.cannot.value
        for wid in (self.radio, self.number, self.unit, self.text, *self.checks.values()):
            if wid is not None:
                wid.disabled = blocked
        self.cannot.disabled = self.na.value
        self.na.disabled = self.cannot.value
        if self.clear is not None:
            self.clear.layout.display = (
                "" if (self.radio is not None and self.radio.value is not None and not blocked) else "none"
            )

    def _note_toggled(self, _change: dict[str, Any]) -> None:
        self._sync_visibility()
        if not self.note_toggle.value and self.note.value:
            self.note.value = ""  # un-ticking removes the note (reported through _changed)

    def _clear(self) -> None:
        if self.radio is not None:
            self.radio.value = None

    def _changed(self, change: dict[str, Any] | None = None) -> None:
        self._sync_visibility()
        if not self._quiet:
            self.typing = bool(change) and isinstance(change.get("owner"), w.Text | w.Textarea)  # type: ignore[union-attr]
            self.on_change(self)
