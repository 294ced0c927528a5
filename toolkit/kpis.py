"""Energy and greenhouse-gas KPIs (VSME B3) from a response and a factor table. Pure functions.

Energy per carrier in MWh, renewable share, Scope 1, location-based Scope 2 and (with a green tariff)
market-based Scope 2 in t CO2e, and intensities per employee and per million EUR turnover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import units as U
from .errors import Code, FactorTableError, QuestionnaireError
from .model import Questionnaire
from .responses import Answer, Company
from .yamlsource import load_yaml

DEFAULT_FACTORS = Path(__file__).parent / "data" / "factors-de-2024.yaml"


@dataclass(frozen=True)
class Factor:
    value: float
    per: str
    source: str  # as published (German for German sources)
    year: int
    source_en: str | None = None  # an English rendering for English reports

    def source_in(self, lang: str) -> str:
        return self.source_en if lang == "en" and self.source_en else self.source


@dataclass(frozen=True)
class Carrier:
    id: str
    name: dict[str, str]
    scope: int  # 0 = no emissions counted, 1 = direct, 2 = purchased energy
    renewable: bool
    energy_per_unit: dict[str, float]  # kWh per unit
    factor: Factor
    notes: dict[str, str] = field(default_factory=dict)

    def kwh(self, value: float, unit: str) -> float:
        if unit in self.energy_per_unit:
            return value * self.energy_per_unit[unit]
        for known, kwh_per in self.energy_per_unit.items():
            if U.same_kind(unit, known):
                return U.convert(value, unit, known) * kwh_per
        raise ValueError(f"no calorific value to convert {unit} of {self.id} to kWh")

    def kg_co2(self, value: float, unit: str) -> float:
        per = self.factor.per
        if U.same_kind(unit, per):
            qty = U.convert(value, unit, per)
        else:  # via energy: e.g. kWh of diesel -> l
            qty = self.kwh(value, unit) / self.energy_per_unit[per] if per in self.energy_per_unit else 0.0
        return qty * self.factor.value


@dataclass(frozen=True)
class FactorTable:
    id: str
    title: dict[str, str]
    carriers: dict[str, Carrier]
    green_tariff: Factor
    path: str


def load_factors(path: str | Path | None = None) -> FactorTable:
    """Load a factor table (the shipped German one by default). Raises FactorTableError with locations."""
    p = Path(path) if path else DEFAULT_FACTORS
    return _load_factors(str(p.resolve()), p.stat().st_mtime_ns if p.exists() else 0, str(p))


@lru_cache(maxsize=8)
def _load_factors(resolved: str, mtime: int, shown: str) -> FactorTable:
    try:
        src = load_yaml(shown)
    except QuestionnaireError as exc:
        raise FactorTableError(exc.problems) from None
    problems = []

    def bad(path: tuple[Any, ...], detail: str, fix: str) -> None:
        problems.append(Code.F001.problem(src.loc(path), detail=detail, fix=fix))

    data = src.data if isinstance(src.data, dict) else {}
    carriers: dict[str, Carrier] = {}
    for cid, raw in (data.get("carriers") or {}).items():
        p = ("carriers", cid)
        if cid not in U.CARRIERS:
            bad(p, f"unknown carrier '{cid}'", f"Known carriers: {', '.join(U.CARRIERS)}.")
            continue
        if not isinstance(raw, dict):
            bad(p, f"carrier '{cid}' must be a mapping", "See toolkit/data/factors-de-2024.yaml.")
            continue
        f = raw.get("factor") or {}
        value = f.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            bad(
                (*p, "factor", "value"),
                f"the factor of '{cid}' must be a number >= 0, found {value!r}",
                "Enter the emission factor in kg CO2e per unit.",
            )
            continue
        if f.get("per") not in U.UNITS:
            bad(
                (*p, "factor", "per"),
                f"unknown unit {f.get('per')!r} for the factor of '{cid}'",
                "Use per: kWh, l, m3 or kg.",
            )
            continue
        if not f.get("source") or not isinstance(f.get("year"), int):
            bad((*p, "factor"), f"the factor of '{cid}' needs a source and a year", "Add source: ... and year: YYYY.")
            continue
        epu = raw.get("energy_per_unit") or {}
        if not isinstance(epu, dict) or any(
            u not in U.UNITS or not isinstance(v, int | float) or v <= 0 for u, v in epu.items()
        ):
            bad(
                (*p, "energy_per_unit"),
                f"energy_per_unit of '{cid}' must map units to kWh per unit (> 0)",
                "Write e.g. energy_per_unit: {kWh: 1.0, l: 10.0}.",
            )
            continue
        carriers[cid] = Carrier(
            cid,
            raw.get("name") or {"de": cid, "en": cid},
            int(raw.get("scope", 0)),
            bool(raw.get("renewable", False)),
            {k: float(v) for k, v in epu.items()},
            _factor(float(value), f["per"], f["source"], int(f["year"])),
            raw.get("notes") or {},
        )
    gt = ((data.get("market_based") or {}).get("green_tariff_factor")) or {}
    green = _factor(float(gt.get("value", 0.0)), str(gt.get("per", "kWh")), gt.get("source", ""),
                    int(gt.get("year", 0) or 0))
    if not carriers and not problems:
        bad((), "the table defines no carriers", "Add a 'carriers:' mapping.")
    if problems:
        raise FactorTableError(problems)
    return FactorTable(str(data.get("id", "custom")), data.get("title") or {}, carriers, green, shown)


def _factor(value: float, per: str, source: object, year: int) -> Factor:
    """A factor whose source is a text or {de: ..., en: ...} (the German text is the one as published)."""
    if isinstance(source, dict):
        original = str(source.get("de") or source.get("en") or "")
        return Factor(value, per, original, year, str(source["en"]) if source.get("en") else None)
    return Factor(value, per, str(source), year)


@dataclass
class EnergyLine:
    carrier: str
    name: dict[str, str]
    input_value: float
    input_unit: str
    mwh: float
    renewable_mwh: float
    scope: int
    t_co2e: float
    factor: Factor


@dataclass
class KPIs:
    energy: list[EnergyLine] = field(default_factory=list)
    total_mwh: float = 0.0
    renewable_mwh: float = 0.0
    renewable_share: float | None = None  # percent
    scope1_t: float = 0.0
    scope2_location_t: float = 0.0
    scope2_market_t: float | None = None
    green_tariff_share: float | None = None
    intensity_per_employee_t: float | None = None
    intensity_per_meur_t: float | None = None
    energy_per_employee_mwh: float | None = None
    other: dict[str, dict[str, Any]] = field(default_factory=dict)  # kpi tag -> {value, unit}
    factor_table: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def total_t(self) -> float:
        return self.scope1_t + self.scope2_location_t

    def to_dict(self) -> dict[str, Any]:
        return {
            "energy": [
                {
                    "carrier": e.carrier,
                    "name": e.name,
                    "input": {"value": e.input_value, "unit": e.input_unit},
                    "mwh": e.mwh,
                    "renewable_mwh": e.renewable_mwh,
                    "scope": e.scope,
                    "t_co2e": e.t_co2e,
                    "factor": {
                        "value": e.factor.value,
                        "unit": f"kg CO2e/{e.factor.per}",
                        "source": e.factor.source,
                        "source_en": e.factor.source_en,
                        "year": e.factor.year,
                    },
                }
                for e in self.energy
            ],
            "total_mwh": self.total_mwh,
            "renewable_mwh": self.renewable_mwh,
            "renewable_share_percent": self.renewable_share,
            "scope1_t_co2e": self.scope1_t,
            "scope2_location_t_co2e": self.scope2_location_t,
            "scope2_market_t_co2e": self.scope2_market_t,
            "total_location_t_co2e": self.total_t,
            "green_tariff_share_percent": self.green_tariff_share,
            "t_co2e_per_employee": self.intensity_per_employee_t,
            "t_co2e_per_meur_turnover": self.intensity_per_meur_t,
            "mwh_per_employee": self.energy_per_employee_mwh,
            "other": self.other,
            "factor_table": self.factor_table,
            "warnings": self.warnings,
        }


def compute_kpis(
    qn: Questionnaire, answers: Mapping[str, Answer], company: Company, visible: set[str], factors: FactorTable
) -> KPIs:
    """Energy and GHG KPIs from the visible number answers tagged with a carrier or KPI tag."""
    k = KPIs(factor_table=factors.id)
    green_share: float | None = None
    grid_kwh = 0.0
    for q in qn.iter_questions():
        a = answers.get(q.id)
        if (
            q.id not in visible
            or a is None
            or a.not_applicable
            or not isinstance(a.value, int | float)
            or isinstance(a.value, bool)
        ):
            continue
        unit = a.unit or q.unit or ""
        value = float(a.value)
        if q.carrier:
            carrier = factors.carriers.get(q.carrier)
            if carrier is None:
                k.warnings.append(f"{q.id}: the factor table has no carrier '{q.carrier}'")
                continue
            try:
                kwh = carrier.kwh(value, unit)
            except ValueError as exc:
                k.warnings.append(f"{q.id}: {exc}")
                continue
            kg = carrier.kg_co2(value, unit) if carrier.scope in (1, 2) else 0.0
            line = EnergyLine(
                carrier.id,
                carrier.name,
                value,
                unit,
                kwh / 1000,
                kwh / 1000 if carrier.renewable else 0.0,
                carrier.scope,
                kg / 1000,
                carrier.factor,
            )
            k.energy.append(line)
            if carrier.id == "grid_electricity":
                grid_kwh += kwh
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
    k.renewable_share = 100 * k.renewable_mwh / k.total_mwh if k.total_mwh > 0 else None
    k.scope1_t = sum(e.t_co2e for e in k.energy if e.scope == 1)
    k.scope2_location_t = sum(e.t_co2e for e in k.energy if e.scope == 2)
    if green_share is not None:
        grid_t = sum(e.t_co2e for e in k.energy if e.carrier == "grid_electricity")
        green_kg = grid_kwh * green_share / 100 * factors.green_tariff.value
        k.scope2_market_t = k.scope2_location_t - grid_t * green_share / 100 + green_kg / 1000
    if company.employees:
        k.intensity_per_employee_t = k.total_t / company.employees
        k.energy_per_employee_mwh = k.total_mwh / company.employees
    if company.turnover:
        k.intensity_per_meur_t = k.total_t / (company.turnover / 1_000_000)
    return k
