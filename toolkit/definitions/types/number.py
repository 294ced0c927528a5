"""``number``: an amount in one of the question's ``accepted_units``, converted to its ``unit`` and checked
against ``min`` / ``max`` there (alias ``numeric``). Never scored; the KPIs read it by ``carrier`` or ``kpi``."""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Any

from toolkit.definitions import units as U
from toolkit.definitions.factors import load_factors
from toolkit.definitions.model import tr
from toolkit.definitions.types.base import (
    DefinitionContext,
    DemoContext,
    Problem,
    QuestionType,
    WidgetContext,
    plain_number,
)
from toolkit.errors import Code

if TYPE_CHECKING:
    from toolkit.definitions.model import Question


class Number(QuestionType):
    name = "number"
    aliases = ("numeric",)
    numeric = True
    invalid_message = "err_number"

    def check_definition(
        self, raw: dict[str, Any], path: tuple[Any, ...], qid: str, b: DefinitionContext
    ) -> dict[str, Any]:
        unit, accepted = b.units(raw, path)
        if "unit" not in raw:
            b.err(Code.Q010, path, what=f"number question '{qid}'", key="unit")
        return {"unit": unit, "accepted_units": accepted}

    def value_problem(self, q: Question, value: Any, unit: str | None) -> Problem | None:
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            return Code.R014, {"id": q.id, "expected": "a number", "found": repr(value)}
        if unit is None:
            unit = q.unit
        if unit not in q.accepted_units:
            return Code.R013, {"unit": unit, "id": q.id, "allowed": ", ".join(q.accepted_units)}
        factor = unit_factor(q, unit) if unit else 1.0
        if factor is None:  # no calorific value to convert with: only the sign can be checked
            factor, lo, hi = 1.0, 0.0, None
        else:
            lo, hi = (q.min if q.min is not None else 0.0), q.max
        canonical = value * factor
        slack = 1e-12 * max(abs(lo), abs(hi or 0.0))  # conversion factors such as 1 GJ = 277.78 kWh round
        too_high = hi is not None and canonical > hi + slack
        if value < 0 or not math.isfinite(canonical) or canonical < lo - slack or too_high:
            return Code.R012, {
                "value": plain_number(value),
                "unit": unit,
                "id": q.id,
                "min": plain_number(_bound(lo / factor, up=True)),
                "max": plain_number(_bound(hi / factor, up=False)) if hi is not None else "∞",
                "canonical": f", that is {plain_number(lo)} to {plain_number(hi) if hi is not None else '∞'} {q.unit}"
                if unit != q.unit and q.unit
                else "",
            }
        return None

    def widget(self, ctx: WidgetContext) -> list[Any]:
        q, k = ctx.q, ctx.kit
        ctx.number = k.text("sme-number", placeholder=ctx.wording("number_placeholder"), label=tr(q.text, ctx.lang))
        ctx.number.observe(ctx.changed, names="value")
        units = list(q.accepted_units) or ([q.unit] if q.unit else [])
        if len(units) > 1:
            options = [(ctx.unit_name(u), u) for u in units]
            ctx.unit = k.dropdown(options, q.unit if q.unit in units else units[0], "sme-unit",
                                  label=ctx.wording("unit"))  # fmt: skip
            ctx.unit.observe(ctx.changed, names="value")
            return [k.hbox([ctx.number, ctx.unit], "sme-amount")]
        ctx.fixed_unit = units[0] if units else None
        fixed = k.html(f"<span class='sme-unit-fixed'>{html.escape(ctx.unit_name(ctx.fixed_unit), quote=True)}</span>")
        return [k.hbox([ctx.number, fixed], "sme-amount")]

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        return ctx.number(q)


def unit_factor(q: Question, unit: str) -> float | None:
    """How many of the question's unit one ``unit`` is (1 MWh = 1000 kWh), or None when that is not known.

    A fuel given by volume or mass on an energy question (or the other way round) converts with the calorific
    values of the question's carrier in the shipped factor table, as the KPIs convert it.
    """
    if not q.unit or unit == q.unit:
        return 1.0
    if U.same_kind(unit, q.unit):
        return U.convert(1.0, unit, q.unit)
    if not q.carrier:
        return None
    carrier = load_factors().carriers.get(q.carrier)
    try:
        return carrier.kwh(1.0, unit) / carrier.kwh(1.0, q.unit) if carrier else None
    except (ValueError, ZeroDivisionError):  # no calorific value for one of the units
        return None


def _bound(v: float, up: bool) -> float:
    """A bound rounded to cents for showing, so that the shown bound itself is accepted (rounded inwards)."""
    shown = round(v, 2)
    if up and shown < v * (1 - 1e-12) - 1e-12:
        shown += 0.01
    if not up and shown > v * (1 + 1e-12) + 1e-12:
        shown -= 0.01
    return shown


TYPE = Number()
