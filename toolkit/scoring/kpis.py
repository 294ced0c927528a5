"""Energy and greenhouse-gas KPIs (VSME B3) from a response and a factor table. Pure functions.

The method (questionnaires/README.md, section 7):

* every energy figure is on the net calorific value (Hi); a carrier with ``gross_to_net`` (natural gas, biogas)
  divides the kWh a bill states (gross, Hs) by that ratio before anything else;
* Scope 1 = fuel energy (Hi) x the carrier's combustion factor + refrigerant leakage (kg x GWP);
* biogenic CO2 of wood, biogas and HVO is reported separately, outside the scopes;
* Scope 2 location-based = purchased electricity and district heat x their factors; market-based (with a green
  tariff) counts the tariff's share at the green-tariff factor;
* GHG intensity as the VSME defines it: (Scope 1 + location-based Scope 2) per EUR of turnover (also shown per
  million EUR and per employee);
* figures a company reports itself (questions tagged ``reported_*``, e.g. imported from a VSME template) take
  the place of the computed figure, and the KPIs say which figures are reported.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit.definitions import units as U
from toolkit.definitions.factors import KINDS, Factor, FactorTable
from toolkit.definitions.model import Questionnaire
from toolkit.errors import Code, Location, Problem
from toolkit.responses import Answer, Company

REPORTED_TAGS = {  # kpi tag -> the KPI attribute a reported figure replaces (unit of the figure)
    "reported_energy_total": ("total_mwh", "MWh"),
    "reported_scope1": ("scope1_t", "t"),
    "reported_scope2_location": ("scope2_location_t", "t"),
    "reported_scope2_market": ("scope2_market_t", "t"),
}


@dataclass
class EnergyLine:
    carrier: str
    name: dict[str, str]
    input_value: float
    input_unit: str
    mwh: float  # net calorific value
    renewable_mwh: float
    scope: int
    t_co2e: float
    factor: Factor
    kind: str = "fuel"
    biogenic_t: float = 0.0


@dataclass
class RefrigerantLine:
    refrigerant: str
    kg: float
    gwp: float
    t_co2e: float


@dataclass
class KPIs:
    energy: list[EnergyLine] = field(default_factory=list)
    refrigerants: list[RefrigerantLine] = field(default_factory=list)
    total_mwh: float = 0.0
    renewable_mwh: float = 0.0
    renewable_share: float | None = None  # percent
    scope1_t: float = 0.0
    scope2_location_t: float = 0.0
    scope2_market_t: float | None = None
    biogenic_co2_t: float = 0.0  # outside the scopes
    green_tariff_share: float | None = None
    intensity_per_employee_t: float | None = None
    intensity_per_meur_t: float | None = None
    intensity_per_eur_t: float | None = None  # VSME B3: t CO2e per EUR of turnover
    energy_per_employee_mwh: float | None = None
    breakdown: dict[str, dict[str, float]] = field(default_factory=dict)  # kind -> renewable/non_renewable MWh
    reported: list[str] = field(default_factory=list)  # KPI attributes taken as reported by the company
    gwp_source: dict[str, str] = field(default_factory=dict)
    other: dict[str, dict[str, Any]] = field(default_factory=dict)  # kpi tag -> {value, unit}
    factor_table: str = ""
    warnings: list[Problem] = field(default_factory=list)  # answers left out of a figure, and why

    @property
    def total_t(self) -> float:
        return self.scope1_t + self.scope2_location_t

    def to_dict(self) -> dict[str, Any]:
        return {
            "energy": [
                {
                    "carrier": e.carrier,
                    "name": e.name,
                    "kind": e.kind,
                    "input": {"value": e.input_value, "unit": e.input_unit},
                    "mwh": e.mwh,
                    "renewable_mwh": e.renewable_mwh,
                    "scope": e.scope,
                    "t_co2e": e.t_co2e,
                    "biogenic_t_co2": e.biogenic_t,
                    "factor": e.factor.to_dict(),
                }
                for e in self.energy
            ],
            "refrigerants": [
                {"refrigerant": r.refrigerant, "kg": r.kg, "gwp": r.gwp, "t_co2e": r.t_co2e} for r in self.refrigerants
            ],
            "gwp_source": self.gwp_source,
            "energy_basis": "net calorific value (Hi)",
            "total_mwh": self.total_mwh,
            "renewable_mwh": self.renewable_mwh,
            "renewable_share_percent": self.renewable_share,
            "breakdown_mwh": self.breakdown,
            "scope1_t_co2e": self.scope1_t,
            "scope2_location_t_co2e": self.scope2_location_t,
            "scope2_market_t_co2e": self.scope2_market_t,
            "total_location_t_co2e": self.total_t,
            "biogenic_t_co2_outside_scopes": self.biogenic_co2_t,
            "green_tariff_share_percent": self.green_tariff_share,
            "t_co2e_per_employee": self.intensity_per_employee_t,
            "t_co2e_per_meur_turnover": self.intensity_per_meur_t,
            "t_co2e_per_eur_turnover": self.intensity_per_eur_t,
            "mwh_per_employee": self.energy_per_employee_mwh,
            "reported": self.reported,
            "other": self.other,
            "factor_table": self.factor_table,
            "warnings": [w.to_dict() for w in self.warnings],
        }


def _number(a: Answer | None) -> float | None:
    if a is None or a.not_applicable or isinstance(a.value, bool) or not isinstance(a.value, int | float):
        return None
    return float(a.value)


def compute_kpis(
    qn: Questionnaire,
    answers: Mapping[str, Answer],
    company: Company,
    visible: set[str],
    factors: FactorTable,
    source: str = "<response>",
) -> KPIs:
    """Energy and GHG KPIs from the visible answers tagged with a carrier or a KPI tag. An answer that cannot be
    counted is left out with a warning located at the answer in ``source`` (the response file)."""
    k = KPIs(factor_table=factors.id, gwp_source=factors.gwp_source)

    def warn(qid: str, code: Code, **fields: object) -> None:
        k.warnings.append(code.problem(Location(source, where=f"answers.{qid}"), severity=None, id=qid, **fields))

    green_share: float | None = None
    grid_kwh = 0.0
    reported: dict[str, float] = {}
    reported_breakdown: dict[str, dict[str, float]] = {}
    for q in qn.iter_questions():
        a = answers.get(q.id)
        if q.id not in visible or a is None or a.not_applicable:
            continue
        if q.kpi == "refrigerant_leakage" and isinstance(a.value, list):
            _refrigerants(k, q.id, a.value, factors, warn)
            continue
        if q.kpi == "reported_energy_breakdown" and isinstance(a.value, list):
            for row in a.value:
                kind = row.get("kind") if isinstance(row, dict) else None
                if kind in KINDS:
                    cell = reported_breakdown.setdefault(kind, {"renewable": 0.0, "non_renewable": 0.0})
                    for col in ("renewable", "non_renewable"):
                        v = row.get(col)
                        if isinstance(v, int | float) and not isinstance(v, bool):
                            cell[col] += float(v)
            continue
        value = _number(a)
        if value is None:
            continue
        unit = a.unit or q.unit or ""
        if q.carrier:
            carrier = factors.carriers.get(q.carrier)
            if carrier is None:
                warn(q.id, Code.W012, carrier=q.carrier)
                continue
            try:
                kwh = carrier.kwh(value, unit)
                kg = carrier.kg_co2(value, unit) if carrier.scope in (1, 2) else 0.0
                bio = carrier.kg_biogenic(value, unit)
            except ValueError:  # no calorific value for this unit in the table
                warn(q.id, Code.W013, unit=unit, carrier=carrier.id)
                continue
            k.energy.append(
                EnergyLine(
                    carrier.id,
                    carrier.name,
                    value,
                    unit,
                    kwh / 1000,
                    kwh / 1000 if carrier.renewable else 0.0,
                    carrier.scope,
                    kg / 1000,
                    carrier.factor,
                    carrier.kind,
                    bio / 1000,
                )
            )
            if carrier.id == "grid_electricity":
                grid_kwh += kwh
        elif q.kpi in REPORTED_TAGS:
            target_unit = REPORTED_TAGS[q.kpi][1]
            reported[q.kpi] = U.convert(value, unit, target_unit) if U.same_kind(unit, target_unit) else value
        elif q.kpi:
            if q.kpi == "green_tariff_share":
                green_share = max(0.0, min(100.0, value))
            canonical = U.convert(value, unit, q.unit) if q.unit and U.same_kind(unit, q.unit) else value
            k.other[q.kpi] = {"value": canonical, "unit": q.unit or unit, "question": q.id}
    k.green_tariff_share = green_share
    exported = k.other.get("self_generated_exported")
    if exported:  # generation includes what was fed into the grid; only the rest was consumed on site
        q_unit = exported["unit"]
        exported_mwh = U.convert(exported["value"], q_unit, "MWh") if U.same_kind(q_unit, "MWh") else 0.0
        for line in k.energy:
            if line.carrier == "self_generated_electricity":
                taken = min(line.mwh, exported_mwh)
                line.mwh -= taken
                line.renewable_mwh = line.mwh
                exported_mwh -= taken
    if green_share:
        for line in k.energy:
            if line.carrier == "grid_electricity":
                line.renewable_mwh = line.mwh * green_share / 100
    k.total_mwh = sum(e.mwh for e in k.energy)
    k.renewable_mwh = sum(e.renewable_mwh for e in k.energy)
    k.scope1_t = sum(e.t_co2e for e in k.energy if e.scope == 1) + sum(r.t_co2e for r in k.refrigerants)
    k.scope2_location_t = sum(e.t_co2e for e in k.energy if e.scope == 2)
    k.biogenic_co2_t = sum(e.biogenic_t for e in k.energy)
    if green_share is not None:
        grid_t = sum(e.t_co2e for e in k.energy if e.carrier == "grid_electricity")
        green_kg = grid_kwh * green_share / 100 * factors.green_tariff.value
        k.scope2_market_t = k.scope2_location_t - grid_t * green_share / 100 + green_kg / 1000
    k.breakdown = _breakdown(k.energy)
    if reported_breakdown:
        k.breakdown = {**k.breakdown, **reported_breakdown}
        k.reported.append("breakdown")
        if "reported_energy_total" not in reported and not k.energy:
            k.total_mwh = sum(c["renewable"] + c["non_renewable"] for c in k.breakdown.values())
            k.renewable_mwh = sum(c["renewable"] for c in k.breakdown.values())
    for tag, figure in reported.items():
        attr = REPORTED_TAGS[tag][0]
        setattr(k, attr, figure)
        k.reported.append(attr)
    k.renewable_share = 100 * k.renewable_mwh / k.total_mwh if k.total_mwh > 0 else None
    if company.employees:
        k.intensity_per_employee_t = k.total_t / company.employees
        k.energy_per_employee_mwh = k.total_mwh / company.employees
    if company.turnover:
        k.intensity_per_meur_t = k.total_t / (company.turnover / 1_000_000)
        k.intensity_per_eur_t = k.total_t / company.turnover
    return k


def _refrigerants(k: KPIs, qid: str, rows: list[Any], factors: FactorTable, warn: Callable[..., None]) -> None:
    for row in rows:
        if not isinstance(row, dict):
            continue
        name, kg = row.get("refrigerant"), row.get("kg")
        if not isinstance(kg, int | float) or isinstance(kg, bool) or kg <= 0:
            continue
        known = {n.lower(): n for n in factors.gwp}  # option ids are lower case (r410a), the table says R410A
        canonical = known.get(str(name).lower())
        if canonical is None:
            warn(qid, Code.W014, refrigerant=name)
            continue
        gwp = factors.gwp[canonical]
        k.refrigerants.append(RefrigerantLine(canonical, float(kg), gwp, float(kg) * gwp / 1000))


def _breakdown(lines: list[EnergyLine]) -> dict[str, dict[str, float]]:
    """MWh per VSME breakdown row (electricity as billed, self-generated electricity, fuels), renewable and not.
    District heat is neither electricity nor a fuel burnt on site: it counts in the total only."""
    out: dict[str, dict[str, float]] = {}
    for e in lines:
        if e.carrier == "district_heat":
            continue
        cell = out.setdefault(e.kind, {"renewable": 0.0, "non_renewable": 0.0})
        cell["renewable"] += e.renewable_mwh
        cell["non_renewable"] += e.mwh - e.renewable_mwh
    return out
