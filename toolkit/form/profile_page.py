"""The company profile page (VSME B1): name plus the questionnaire's profile fields. Feeds the size class."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from toolkit.definitions import units as U
from toolkit.definitions.model import ProfileField, tr
from toolkit.form.inputs import esc
from toolkit.form.kit import Kit
from toolkit.form.nace import code_from_text, nace_entry_text, nace_options
from toolkit.form.numbers import NotANumber, format_number, parse_number
from toolkit.i18n import LANGS, t, unit_label
from toolkit.responses import Company

# Used when a questionnaire defines no profile: the fields that decide the size class.
FALLBACK_PROFILE = (
    ProfileField(
        "employees",
        "number",
        {"de": "Beschäftigte (Durchschnitt im Jahr)", "en": "Employees (annual average)"},
        {},
        {},
        "persons",
        ("persons", "FTE"),
        0,
        100000,
    ),
    ProfileField(
        "turnover",
        "number",
        {"de": "Nettoumsatz", "en": "Net turnover"},
        {},
        {},
        "EUR",
        ("EUR", "kEUR", "MEUR"),
        0,
        1e9,
    ),
    ProfileField(
        "balance_sheet",
        "number",
        {"de": "Bilanzsumme", "en": "Balance-sheet total"},
        {},
        {},
        "EUR",
        ("EUR", "kEUR", "MEUR"),
        0,
        1e9,
    ),
)
NAME_FIELD = ProfileField("name", "text", {lang: t("form.company_name", lang) for lang in LANGS}, {}, {})


class ProfileInput:
    """One company field: label, input (text, number with unit, or choice) and message."""

    def __init__(
        self,
        pf: ProfileField,
        company: Company,
        lang: str,
        on_change: Callable[[ProfileInput], None],
        kit: Kit | None = None,
    ) -> None:
        self.pf = pf
        self.lang = lang
        self.on_change = on_change
        self._quiet = True
        self.unit: w.Dropdown | None = None
        k = kit or Kit()
        label = t("form.company_name", lang) if pf.id == "name" else tr(pf.text, lang)
        parts = [f"<div class='sme-q-text'>{esc(label)}</div>"]
        help_text = tr(pf.help, lang)
        if help_text:
            parts.append(
                f"<details class='sme-help'><summary>{esc(t('form.help', lang))}</summary>"
                f"<div>{esc(help_text)}</div></details>"
            )
        self.header = k.html("".join(parts), "sme-q-head")
        current = getattr(company, pf.id, None)
        if pf.type == "single_choice" and pf.options:
            choices = [(t("form.please_choose", lang), None)] + [(tr(o.label, lang), o.id) for o in pf.options]
            value = current if current in [o.id for o in pf.options] else None
            self.input: w.Widget = k.dropdown(choices, value, "sme-profile-input", label=label)
            row: list[w.Widget] = [self.input]
        elif pf.type == "number":
            self.input = k.text(
                "sme-profile-number",
                value=format_number(current, lang) if isinstance(current, int | float) else "",
                placeholder=t("form.number_placeholder", lang),
                label=label,
            )
            units = list(pf.accepted_units) or ([pf.unit] if pf.unit else [])
            if len(units) > 1:
                options = [(unit_label(u, lang, named=True), u) for u in units]
                self.unit = k.dropdown(options, pf.unit if pf.unit in units else units[0], "sme-unit",
                                       label=t("form.unit", lang))  # fmt: skip
                self.unit.observe(self._changed, names="value")
                row = [k.hbox([self.input, self.unit], "sme-amount")]
            else:
                fixed = k.html(f"<span class='sme-unit-fixed'>{esc(unit_label(pf.unit, lang, named=True))}</span>")
                row = [k.hbox([self.input, fixed], "sme-amount")]
        elif pf.id == "nace":
            # a searchable list (the browser filters it as one types); a typed code is accepted as well. What is
            # typed stays as typed (rewriting it mid-word would fight the typing); the list entry shows next time.
            self.input = k.combobox(
                list(nace_options()),
                "sme-profile-input",
                label=label,
                value=nace_entry_text(str(current) if current else None),
                placeholder=t("form.nace_placeholder", lang),
            )
            row = [self.input, k.html(f"<div class='sme-q-hint'>{esc(t('form.nace_note', lang))}</div>")]
        else:
            self.input = k.text("sme-profile-input", value=str(current or ""), label=label)
            row = [self.input]
        self.input.observe(self._changed, names="value")
        self.message = k.html("", "sme-msg")
        self.box = k.vbox([self.header, *row, self.message], "sme-q", width="100%")
        self._quiet = False

    def value(self) -> Any:
        """The field's value in its canonical unit; raises NotANumber."""
        v = self.input.value
        if self.pf.type == "number":
            number = parse_number(v, self.lang)
            if number is None:
                return None
            unit = str(self.unit.value) if self.unit is not None else self.pf.unit
            if unit and self.pf.unit and unit != self.pf.unit and U.same_kind(unit, self.pf.unit):
                number = U.convert(number, unit, self.pf.unit)
                number = int(number) if float(number).is_integer() else number
            return number
        if self.pf.id == "country" and isinstance(v, str):
            return v.strip().upper() or None
        if self.pf.id == "nace" and isinstance(v, str):
            return code_from_text(v)
        return v

    def show_message(self, text: str | None, not_saved: bool = False) -> None:
        if text:
            hint = t("form.not_saved_hint", self.lang)
            extra = f" <span class='sme-notsaved'>{esc(hint)}</span>" if not_saved else ""
            self.message.value = f"<div class='sme-error' role='alert'>⚠ {esc(text)}{extra}</div>"
            self.box.add_class("sme-invalid")
        else:
            self.message.value = ""
            self.box.remove_class("sme-invalid")

    def _changed(self, _change: dict[str, Any]) -> None:
        if not self._quiet:
            self.on_change(self)


def profile_fields(qn_profile: tuple[ProfileField, ...]) -> tuple[ProfileField, ...]:
    return (NAME_FIELD, *(qn_profile or FALLBACK_PROFILE))


def read_value(inp: ProfileInput) -> tuple[Any, str | None]:
    """(value, None) or (None, message) for a field that holds no number."""
    try:
        return inp.value(), None
    except NotANumber:
        return None, t("form.err_number", inp.lang)
