"""The demo's world: three regional networks, their sector and size mix, and sector-typical figures.

Figures are plausible orders of magnitude for German SMEs (energy per employee by sector, heating carriers
by region, vehicle use, water and waste), chosen for realistic-looking demo data, not as statistics.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NetworkSpec:
    name: str
    prefix: str  # company id prefix: lg-001
    size: int  # companies over both rounds
    regions: tuple[tuple[str, float], ...]  # federal state, weight
    sectors: tuple[tuple[str, int], ...]  # NACE section, companies
    heating: tuple[tuple[str, float], ...]  # main heating carrier, weight
    maturity_offset: float
    east: bool  # lower collective bargaining coverage, more district heat


NETWORKS: tuple[NetworkSpec, ...] = (
    NetworkSpec(
        "Lüneburg",
        "lg",
        65,
        (("Niedersachsen", 1.0),),
        (
            ("C", 14),
            ("F", 10),
            ("G", 10),
            ("M", 8),
            ("I", 6),
            ("J", 5),
            ("A", 4),
            ("Q", 4),
            ("H", 2),
            ("N", 1),
            ("S", 1),
        ),
        (
            ("natural_gas", 0.62),
            ("heating_oil", 0.13),
            ("district_heat", 0.08),
            ("heat_pump", 0.12),
            ("lpg", 0.03),
            ("wood", 0.02),
        ),
        0.03,
        False,
    ),
    NetworkSpec(
        "Mitteldeutschland",
        "md",
        40,
        (("Sachsen-Anhalt", 0.45), ("Sachsen", 0.35), ("Thüringen", 0.20)),
        (("C", 12), ("F", 6), ("G", 5), ("M", 5), ("J", 4), ("Q", 3), ("H", 2), ("I", 2), ("A", 1)),
        (("natural_gas", 0.52), ("district_heat", 0.30), ("heating_oil", 0.07), ("heat_pump", 0.09), ("lpg", 0.02)),
        0.0,
        True,
    ),
    NetworkSpec(
        "Schaalsee-Elbe",
        "se",
        25,
        (("Mecklenburg-Vorpommern", 0.55), ("Schleswig-Holstein", 0.45)),
        (("A", 5), ("I", 5), ("F", 4), ("C", 4), ("G", 3), ("M", 2), ("J", 1), ("Q", 1)),
        (
            ("natural_gas", 0.38),
            ("heating_oil", 0.28),
            ("wood", 0.10),
            ("heat_pump", 0.12),
            ("lpg", 0.08),
            ("district_heat", 0.04),
        ),
        -0.02,
        True,
    ),
)

# NACE codes typical of each section in these regions, with the largest headcount that fits the trade.
NACE_CODES: dict[str, tuple[tuple[str, int], ...]] = {
    "A": (("A01.11", 60), ("A01.41", 120), ("A01.13", 40), ("A01.24", 40), ("A02.20", 20), ("A01.30", 60)),
    "C": (
        ("C10.71", 120),
        ("C16.23", 80),
        ("C25.53", 240),
        ("C25.11", 240),
        ("C22.29", 240),
        ("C28.29", 240),
        ("C31.09", 120),
        ("C10.13", 120),
        ("C11.05", 80),
        ("C33.12", 120),
        ("C18.12", 90),
        ("C26.70", 240),
        ("C17.21", 240),
    ),
    "F": (
        ("F43.22", 120),
        ("F43.21", 120),
        ("F41.20", 200),
        ("F43.91", 40),
        ("F43.34", 40),
        ("F42.11", 200),
        ("F43.32", 40),
        ("F43.33", 30),
    ),
    "G": (
        ("G47.11", 90),
        ("G46.90", 200),
        ("G45.20", 90),
        ("G47.52", 120),
        ("G46.73", 200),
        ("G47.59", 60),
        ("G46.31", 120),
        ("G47.76", 60),
        ("G46.21", 80),
    ),
    "H": (("H49.41", 220), ("H52.29", 220), ("H53.20", 60)),
    "I": (("I55.10", 120), ("I56.10", 40), ("I55.20", 30), ("I56.21", 80)),
    "J": (("J62.01", 120), ("J62.02", 90), ("J63.11", 90), ("J58.29", 120)),
    "M": (("M71.12", 80), ("M69.20", 60), ("M73.11", 40), ("M70.22", 50), ("M71.11", 40), ("M71.12", 80)),
    "N": (("N81.21", 220), ("N81.30", 60), ("N82.30", 30)),
    "Q": (("Q86.23", 25), ("Q86.21", 20), ("Q87.10", 200), ("Q88.10", 120), ("Q86.90", 30)),
    "S": (("S96.02", 20), ("S95.22", 15), ("S96.01", 40)),
}

# Size mix: (size class intended by headcount, weight, employees low, high). Fewer medium companies.
SIZE_MIX: dict[str, tuple[tuple[str, float, int, int], ...]] = {
    "default": (("micro", 0.44, 2, 9), ("small", 0.40, 10, 49), ("medium", 0.16, 50, 220)),
    "C": (("micro", 0.25, 3, 9), ("small", 0.45, 10, 49), ("medium", 0.30, 50, 240)),
    "J": (("micro", 0.45, 2, 9), ("small", 0.45, 10, 45), ("medium", 0.10, 50, 120)),
    "M": (("micro", 0.60, 1, 9), ("small", 0.35, 10, 40), ("medium", 0.05, 50, 80)),
    "A": (("micro", 0.55, 1, 9), ("small", 0.35, 10, 40), ("medium", 0.10, 50, 110)),
    "S": (("micro", 0.85, 1, 9), ("small", 0.15, 10, 20), ("medium", 0.0, 50, 60)),
}

# Turnover per employee in EUR (median).
TURNOVER_PER_EMPLOYEE: dict[str, float] = {
    "A": 140_000,
    "C": 160_000,
    "F": 115_000,
    "G": 260_000,
    "H": 140_000,
    "I": 48_000,
    "J": 110_000,
    "M": 95_000,
    "N": 45_000,
    "Q": 65_000,
    "S": 45_000,
}

# Grid electricity in kWh per employee and year (low, high).
ELECTRICITY: dict[str, tuple[float, float]] = {
    "A": (8_000, 30_000),
    "C": (12_000, 55_000),
    "F": (1_800, 5_000),
    "G": (4_000, 12_000),
    "H": (2_500, 7_000),
    "I": (6_000, 14_000),
    "J": (1_800, 4_500),
    "M": (1_500, 3_500),
    "N": (1_000, 3_000),
    "Q": (3_000, 7_000),
    "S": (3_000, 8_000),
}

# Heat (all carriers) in kWh per employee and year (low, high).
HEAT: dict[str, tuple[float, float]] = {
    "A": (6_000, 25_000),
    "C": (8_000, 45_000),
    "F": (3_000, 8_000),
    "G": (5_000, 12_000),
    "H": (3_000, 8_000),
    "I": (12_000, 28_000),
    "J": (3_000, 6_500),
    "M": (3_500, 7_000),
    "N": (1_500, 4_000),
    "Q": (6_000, 14_000),
    "S": (5_000, 12_000),
}

# Share of companies with own vehicles or mobile machines, and diesel litres per employee (low, high).
VEHICLES: dict[str, tuple[float, float, float]] = {
    "A": (0.95, 3_000, 10_000),
    "C": (0.75, 250, 1_200),
    "F": (0.97, 1_400, 3_500),
    "G": (0.75, 400, 1_600),
    "H": (1.0, 12_000, 24_000),
    "I": (0.35, 150, 500),
    "J": (0.30, 150, 450),
    "M": (0.45, 200, 600),
    "N": (0.85, 700, 2_000),
    "Q": (0.55, 300, 1_100),
    "S": (0.35, 150, 500),
}

# Probability of an own PV plant.
PV_SHARE: dict[str, float] = {"A": 0.6, "C": 0.35, "G": 0.25, "F": 0.22, "H": 0.2, "I": 0.15, "Q": 0.15}

# Water withdrawal m3 per employee (low, high) and waste t per employee (low, high), hazardous share (low, high).
WATER: dict[str, tuple[float, float]] = {
    "A": (80, 600),
    "C": (15, 90),
    "F": (5, 15),
    "G": (6, 20),
    "H": (5, 15),
    "I": (50, 150),
    "J": (6, 12),
    "M": (6, 12),
    "N": (8, 30),
    "Q": (25, 70),
    "S": (20, 60),
}
WASTE: dict[str, tuple[float, float, float, float]] = {
    "A": (1.0, 5.0, 0.005, 0.03),
    "C": (1.0, 6.0, 0.02, 0.08),
    "F": (2.0, 10.0, 0.01, 0.05),
    "G": (0.5, 2.0, 0.0, 0.02),
    "H": (0.3, 1.2, 0.02, 0.06),
    "I": (0.8, 2.0, 0.0, 0.01),
    "J": (0.08, 0.25, 0.0, 0.02),
    "M": (0.1, 0.3, 0.0, 0.01),
    "N": (0.3, 1.0, 0.0, 0.03),
    "Q": (0.4, 1.2, 0.01, 0.04),
    "S": (0.2, 0.8, 0.0, 0.03),
}
FEMALE_SHARE: dict[str, float] = {
    "A": 0.28,
    "C": 0.25,
    "F": 0.10,
    "G": 0.48,
    "H": 0.15,
    "I": 0.60,
    "J": 0.28,
    "M": 0.50,
    "N": 0.55,
    "Q": 0.80,
    "S": 0.75,
}
ACCIDENT_RATE: dict[str, float] = {"A": 0.05, "C": 0.04, "F": 0.06, "H": 0.04, "N": 0.03}  # per employee

# Maturity offsets per sector and dimension (on the 0..1 latent scale).
SECTOR_EFFECTS: dict[str, dict[str, float]] = {
    "A": {"energy": 0.03, "reporting": -0.10, "supply_chain": -0.02, "strategy": -0.03},
    "C": {"energy": 0.07, "supply_chain": 0.03, "workforce": 0.02},
    "F": {"energy": -0.04, "supply_chain": -0.05, "reporting": -0.08, "workforce": 0.02},
    "G": {"energy": -0.02, "supply_chain": 0.04},
    "H": {"energy": 0.02, "reporting": -0.04},
    "I": {"energy": -0.05, "reporting": -0.08, "workforce": -0.05, "supply_chain": 0.03},
    "J": {"energy": -0.03, "supply_chain": -0.13, "reporting": 0.12, "strategy": 0.04, "workforce": 0.06},
    "M": {"supply_chain": -0.07, "reporting": 0.06, "strategy": 0.03},
    "N": {"energy": -0.03, "supply_chain": -0.03, "reporting": -0.04},
    "Q": {"workforce": 0.06, "supply_chain": -0.04, "energy": -0.02},
    "S": {"energy": -0.05, "supply_chain": -0.04, "reporting": -0.07, "strategy": -0.04},
}
SIZE_EFFECTS: dict[str, float] = {"micro": -0.08, "small": 0.0, "medium": 0.10}
# Bigger manufacturers are further in energy management (energy audits, metering).
MEDIUM_MANUFACTURER_ENERGY = 0.08

LEGAL_FORMS: dict[str, tuple[tuple[str, float], ...]] = {
    "micro": (("sole_proprietorship", 0.42), ("partnership", 0.13), ("limited_company", 0.45)),
    "small": (("sole_proprietorship", 0.08), ("partnership", 0.22), ("limited_company", 0.70)),
    "medium": (("partnership", 0.25), ("limited_company", 0.75)),
}
