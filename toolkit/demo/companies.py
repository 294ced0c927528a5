"""The demo companies: profile, latent maturity, participation in the rounds, energy situation.

Everything is drawn from ``random.Random`` instances seeded with strings derived from the seed and the
company id, so a company looks the same whether it is generated alone (``--subset``) or with all others.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from toolkit.demo import profiles as P
from toolkit.demo.names import company_name

ROUNDS = ("2025", "2026")
JOIN_2026 = 0.09  # share of companies that join in the second round
LEAVE_2025 = 0.05  # share that took part in the first round only
INCOMPLETE = 0.08  # share of company-rounds left well below the completeness threshold
SECTOR_WEIGHT = 1.5  # how strongly the sector profile shows against the company's own maturity


@dataclass
class EnergySituation:
    heating: list[str]  # carrier option ids: natural_gas, heating_oil, district_heat, heat_pump, lpg, wood
    heat_split: list[float]
    electricity_per_employee: float
    heat_per_employee: float
    vehicles: bool
    diesel_per_employee: float
    petrol_share: float  # petrol litres as a share of diesel litres (0: diesel only)
    pv_mwh: float  # 0: no own plant
    pv_exported_share: float
    green_share: dict[str, float]  # per round, percent of grid electricity


@dataclass
class DemoCompany:
    id: str
    name: str
    network: str
    region: str
    sector: str
    nace: str
    legal_form: str
    employees: dict[str, int]
    turnover: dict[str, float]
    balance_sheet: dict[str, float]
    rounds: tuple[str, ...]
    maturity: float
    effects: dict[str, float]  # offsets per dimension, all effects included
    improvement: float  # latent change from the first to the second round
    incomplete: dict[str, bool]
    energy: EnergySituation
    network_east: bool
    units: dict[str, str] = field(default_factory=dict)  # preferred unit per carrier / kpi

    def rng(self, seed: int, *parts: object) -> random.Random:
        return random.Random(":".join(map(str, (seed, self.id, *parts))))


def _pick(rng: random.Random, weighted: tuple[tuple[str, float], ...] | list[tuple[str, float]]) -> str:
    total = sum(w for _, w in weighted)
    x = rng.random() * total
    for item, w in weighted:
        x -= w
        if x <= 0:
            return item
    return weighted[-1][0]


def clip(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def _size(rng: random.Random, sector: str, cap: int) -> tuple[str, int]:
    """Intended size class and headcount; at most ``cap`` people (what fits the trade)."""
    mix = [m for m in P.SIZE_MIX.get(sector, P.SIZE_MIX["default"]) if m[2] <= cap and m[1] > 0]
    cls = _pick(rng, [(c, w) for c, w, _, _ in mix])
    _, _, lo, hi = next(m for m in mix if m[0] == cls)
    hi = min(hi, cap)
    # more firms at the lower end of each class
    return cls, round(lo + (hi - lo) * rng.random() ** 1.8)


def _energy(rng: random.Random, spec: P.NetworkSpec, sector: str, size: str, m_energy: float) -> EnergySituation:
    carriers = list(spec.heating)
    if sector in ("A",):
        carriers = [(c, w * (2.5 if c in ("heating_oil", "wood", "lpg") else 1.0)) for c, w in carriers]
    if sector in ("J", "M") and spec.east:
        carriers = [(c, w * (2.0 if c == "district_heat" else 1.0)) for c, w in carriers]
    main = _pick(rng, carriers)
    heating = [main]
    if sector in ("C", "A", "I") and rng.random() < 0.3:
        other = _pick(rng, [(c, w) for c, w in carriers if c != main])
        heating.append(other)
    split = [1.0] if len(heating) == 1 else [0.75, 0.25]
    lo, hi = P.ELECTRICITY[sector]
    el = lo + (hi - lo) * rng.random()
    if size == "medium" and sector == "C":
        el *= 1.3
    hlo, hhi = P.HEAT[sector]
    heat = hlo + (hhi - hlo) * rng.random()
    if "heat_pump" in heating:  # heat from a heat pump shows up as electricity (COP ~3)
        share = split[heating.index("heat_pump")]
        el += heat * share / 3
    share, dlo, dhi = P.VEHICLES[sector]
    vehicles = rng.random() < share
    diesel = dlo + (dhi - dlo) * rng.random() if vehicles else 0.0
    petrol_share = 0.0 if rng.random() < 0.45 else rng.uniform(0.1, 0.8)
    pv = 0.0
    if rng.random() < clip(P.PV_SHARE.get(sector, 0.1) + 0.3 * (m_energy - 0.4), 0.02, 0.9):
        base = {"micro": (8, 30), "small": (20, 160), "medium": (100, 650)}[size]
        pv = rng.uniform(*base) * (2.0 if sector == "A" else 1.0)
    p_full = clip(0.12 + 0.8 * (m_energy - 0.3), 0.03, 0.85)
    x = rng.random()
    first = 100.0 if x < p_full else (float(rng.choice((20, 30, 40, 50, 60, 70))) if x < p_full + 0.12 else 0.0)
    second = first
    if first < 100 and rng.random() < 0.22:  # switched to a green tariff after the first workshop
        second = 100.0
    return EnergySituation(
        heating,
        split,
        el,
        heat,
        vehicles,
        diesel,
        petrol_share,
        pv,
        rng.uniform(0.2, 0.7),
        {"2025": first, "2026": second},
    )


def _units(rng: random.Random) -> dict[str, str]:
    return {
        "grid_electricity": "MWh" if rng.random() < 0.2 else "kWh",
        "natural_gas": _pick(rng, [("kWh", 0.7), ("m3", 0.17), ("MWh", 0.13)]),
        "heating_oil": "kWh" if rng.random() < 0.1 else "l",
        "lpg": "kg" if rng.random() < 0.2 else "l",
        "district_heat": "MWh" if rng.random() < 0.2 else "kWh",
        "wood_pellets": "t" if rng.random() < 0.6 else "kWh",
        "self_generated_electricity": "MWh" if rng.random() < 0.2 else "kWh",
        "waste": "kg" if rng.random() < 0.2 else "t",
    }


def make_companies(seed: int, subset: int | None = None) -> list[DemoCompany]:
    """The companies of the three networks (the first ``subset`` of each network when given)."""
    out: list[DemoCompany] = []
    for spec in P.NETWORKS:
        net_rng = random.Random(f"{seed}:{spec.prefix}")
        sectors = [s for s, n in spec.sectors for _ in range(n)]
        net_rng.shuffle(sectors)
        count = min(spec.size, subset) if subset else spec.size
        names: set[str] = set()
        for i, sector in enumerate(sectors[:count], start=1):
            cid = f"{spec.prefix}-{i:03d}"
            rng = random.Random(f"{seed}:{cid}:profile")
            region = _pick(rng, spec.regions)
            nace, cap = rng.choice(P.NACE_CODES[sector])
            size, employees = _size(rng, sector, cap)
            legal = _pick(rng, P.LEGAL_FORMS[size])
            if sector == "A" and spec.east and size != "micro" and rng.random() < 0.5:
                legal = "cooperative"
            if nace.startswith("Q86") and legal == "limited_company":  # practices are rarely a GmbH
                legal = "partnership"
            name = company_name(rng, nace, region, legal)
            while name in names:
                name = company_name(rng, nace, region, legal)
            names.add(name)
            x = rng.random()
            rounds = ("2026",) if x < JOIN_2026 else (("2025",) if x < JOIN_2026 + LEAVE_2025 else ROUNDS)
            maturity = clip(rng.gauss(0.40, 0.16), 0.03, 0.92)
            effects = {}
            for dim in ("energy", "supply_chain", "reporting", "strategy", "workforce"):
                e = SECTOR_WEIGHT * P.SECTOR_EFFECTS.get(sector, {}).get(dim, 0.0) + P.SIZE_EFFECTS[size]
                e += spec.maturity_offset
                if dim == "energy" and size == "medium" and sector == "C":
                    e += P.MEDIUM_MANUFACTURER_ENERGY
                effects[dim] = e + rng.gauss(0, 0.07)
            y = rng.random()
            improvement = (
                rng.gauss(0.07, 0.04) if y < 0.55 else (rng.gauss(0.0, 0.02) if y < 0.9 else rng.gauss(-0.03, 0.03))
            )
            tpe = P.TURNOVER_PER_EMPLOYEE[sector] * rng.lognormvariate(0, 0.25)
            bs_ratio = rng.uniform(0.2, 0.5) if size == "micro" else rng.uniform(0.35, 0.9)
            emp = {"2025": employees, "2026": max(1, round(employees * (1 + rng.gauss(0.02, 0.06))))}
            growth = rng.gauss(0.03, 0.05)
            # medium firms stay below the large-company limits (turnover 50 MEUR, balance sheet 25 MEUR)
            turnover = {r: min(46e6, round(emp[r] * tpe * (1 + growth * (r == "2026")), -3)) for r in ROUNDS}
            balance = {r: min(22e6, round(turnover[r] * bs_ratio, -3)) for r in ROUNDS}
            incomplete = {r: rng.random() < INCOMPLETE for r in ROUNDS}
            energy = _energy(rng, spec, sector, size, clip(maturity + effects["energy"], 0, 1))
            out.append(
                DemoCompany(
                    cid,
                    name,
                    spec.name,
                    region,
                    sector,
                    nace,
                    legal,
                    emp,
                    turnover,
                    balance,
                    rounds,
                    maturity,
                    effects,
                    improvement,
                    incomplete,
                    energy,
                    spec.east,
                    _units(rng),
                )
            )
    return out
