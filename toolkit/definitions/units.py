"""Units the questionnaire may use, their kinds, and conversion between units of the same kind.

Conversion across kinds (litres of heating oil to MWh) needs a calorific value and lives in
:mod:`toolkit.scoring.kpis`; here only fixed factors within one kind.
"""

from __future__ import annotations

# unit -> (kind, factor to the kind's base unit)
UNITS: dict[str, tuple[str, float]] = {
    "kWh": ("energy", 1.0),
    "MWh": ("energy", 1_000.0),
    "GWh": ("energy", 1_000_000.0),
    "GJ": ("energy", 1_000.0 / 3.6),
    "l": ("volume", 0.001),
    "m3": ("volume", 1.0),
    "kg": ("mass", 1.0),
    "t": ("mass", 1_000.0),
    "EUR": ("money", 1.0),
    "kEUR": ("money", 1_000.0),
    "MEUR": ("money", 1_000_000.0),
    "persons": ("headcount", 1.0),
    "FTE": ("fte", 1.0),
    "percent": ("percent", 1.0),
    "hours": ("hours", 1.0),
    "ha": ("area", 1.0),
    "count": ("count", 1.0),
}

CARRIERS = (
    "grid_electricity",
    "self_generated_electricity",
    "natural_gas",
    "heating_oil",
    "lpg",
    "district_heat",
    "diesel",
    "petrol",
    "wood_pellets",
    "biogas",
    "hvo",
)

KPI_TAGS = (
    "green_tariff_share",
    "self_generated_exported",
    "water_withdrawal",
    "water_withdrawal_stressed",
    "waste_total",
    "waste_hazardous",
    "waste_recycled",
    "employees_permanent",
    "employees_temporary",
    "employees_female",
    "employees_male",
    "employee_turnover_rate",
    "accidents",
    "fatalities",
    "training_hours",
    "collective_bargaining_share",
    "gender_pay_gap",
    "corruption_convictions",
    "corruption_fines",
    # VSME Basic datapoints added in 2026.2
    "refrigerant_leakage",
    "reported_energy_total",
    "reported_energy_breakdown",
    "reported_scope1",
    "reported_scope2_location",
    "reported_scope2_market",
    "water_discharge",
    "employees_other_gender",
    "employees_gender_not_reported",
    "employees_fte",
    "hours_worked",
    "training_hours_female",
    "training_hours_male",
    "discrimination_incidents",
    "noncompliance_fines",
)


def same_kind(a: str, b: str) -> bool:
    return a in UNITS and b in UNITS and UNITS[a][0] == UNITS[b][0]


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert between two units of the same kind. Raises ValueError otherwise."""
    if from_unit == to_unit:
        return float(value)
    if not same_kind(from_unit, to_unit):
        raise ValueError(f"cannot convert {from_unit} to {to_unit} without a calorific value")
    return float(value) * UNITS[from_unit][1] / UNITS[to_unit][1]
