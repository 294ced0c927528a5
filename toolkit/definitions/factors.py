"""Emission-factor tables: the shipped German factor table (``data/factors-de-2024.yaml``) or one a network
supplies, loaded and checked with located errors. Each factor keeps its source, year and boundary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.definitions import units as U
from toolkit.definitions.paths import DEFAULT_FACTORS
from toolkit.definitions.yamlsource import load_yaml
from toolkit.errors import Code, FactorTableError, QuestionnaireError, did_you_mean

KINDS = ("electricity", "self_generated", "fuel")  # the rows of the VSME energy breakdown


@dataclass(frozen=True)
class Factor:
    value: float
    per: str
    source: str  # as published (German for German sources)
    year: int  # the year the factor's data describe
    source_en: str | None = None  # an English rendering for English reports
    gases: str = ""  # CO2, CO2e, or the gases counted (e.g. "CH4, N2O (CO2e, AR5)")
    boundary: dict[str, str] = field(default_factory=dict)  # what the factor covers (combustion, upstream ...)
    document: str = ""  # title of the publication
    version: str = ""  # its version or edition
    table: str = ""  # the table the value is taken from
    url: str = ""

    def source_in(self, lang: str) -> str:
        return self.source_en if lang == "en" and self.source_en else self.source

    def boundary_in(self, lang: str) -> str:
        return self.boundary.get(lang) or self.boundary.get("de") or ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "unit": f"kg CO2e/{self.per}" if "CO2e" in self.gases or "," in self.gases else f"kg CO2/{self.per}",
            "source": self.source,
            "source_en": self.source_en,
            "year": self.year,
            "gases": self.gases,
            "boundary": self.boundary,
            "document": self.document,
            "version": self.version,
            "table": self.table,
            "url": self.url,
        }


@dataclass(frozen=True)
class Carrier:
    id: str
    name: dict[str, str]
    scope: int  # 0 = no emissions counted, 1 = direct, 2 = purchased energy
    renewable: bool
    energy_per_unit: dict[str, float]  # kWh (net calorific value) per unit
    factor: Factor
    notes: dict[str, str] = field(default_factory=dict)
    kind: str = "fuel"  # electricity | self_generated | fuel (the VSME breakdown row)
    gross_to_net: float | None = None  # kWh as billed (gross, Hs) / this = kWh net (Hi)
    biogenic_co2: Factor | None = None  # biogenic CO2 per unit, reported outside the scopes

    def kwh(self, value: float, unit: str) -> float:
        """The energy of ``value`` ``unit`` in kWh on the net calorific value."""
        if U.same_kind(unit, "kWh"):
            kwh = U.convert(value, unit, "kWh")
            return kwh / self.gross_to_net if self.gross_to_net else kwh
        if unit in self.energy_per_unit:
            return value * self.energy_per_unit[unit]
        for known, kwh_per in self.energy_per_unit.items():
            if U.same_kind(unit, known):
                return U.convert(value, unit, known) * kwh_per
        raise ValueError(f"no calorific value to convert {unit} of {self.id} to kWh")

    def _per_unit(self, f: Factor, value: float, unit: str) -> float:
        if f.per == "kWh":
            return self.kwh(value, unit) * f.value
        if U.same_kind(unit, f.per):
            return U.convert(value, unit, f.per) * f.value
        per_kwh = self.energy_per_unit.get(f.per)
        return self.kwh(value, unit) / per_kwh * f.value if per_kwh else 0.0

    def kg_co2(self, value: float, unit: str) -> float:
        """kg CO2e in the carrier's scope."""
        return self._per_unit(self.factor, value, unit)

    def kg_biogenic(self, value: float, unit: str) -> float:
        return self._per_unit(self.biogenic_co2, value, unit) if self.biogenic_co2 else 0.0


@dataclass(frozen=True)
class FactorTable:
    id: str
    title: dict[str, str]
    carriers: dict[str, Carrier]
    green_tariff: Factor
    path: str
    gwp: dict[str, float] = field(default_factory=dict)  # refrigerant -> 100-year GWP
    gwp_source: dict[str, str] = field(default_factory=dict)


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

    def bad(path: tuple[Any, ...], code: Code, **fields: object) -> None:
        problems.append(code.problem(src.loc(path), severity=None, **fields))  # the code's own severity

    data = src.data if isinstance(src.data, dict) else {}
    carriers: dict[str, Carrier] = {}
    for cid, raw in (data.get("carriers") or {}).items():
        p = ("carriers", cid)
        if cid not in U.CARRIERS:
            bad(p, Code.F001, carrier=cid, suggestion=did_you_mean(cid, U.CARRIERS), allowed=", ".join(U.CARRIERS))
            continue
        if not isinstance(raw, dict):
            bad(p, Code.F002, carrier=cid, found=type(raw).__name__)
            continue
        f = raw.get("factor") or {}
        value = f.get("value")
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            bad((*p, "factor", "value"), Code.F003, carrier=cid, found=repr(value))
            continue
        if f.get("per") not in U.UNITS:
            bad((*p, "factor", "per"), Code.F004, carrier=cid, unit=f.get("per"), allowed="kWh, l, m3 or kg")
            continue
        if not f.get("source") or not isinstance(f.get("year"), int):
            bad((*p, "factor"), Code.F005, carrier=cid)
            continue
        epu = raw.get("energy_per_unit") or {}
        if not isinstance(epu, dict) or any(
            u not in U.UNITS or not isinstance(v, int | float) or v <= 0 for u, v in epu.items()
        ):
            bad((*p, "energy_per_unit"), Code.F006, carrier=cid)
            continue
        g2n = raw.get("gross_to_net")
        if g2n is not None and (isinstance(g2n, bool) or not isinstance(g2n, int | float) or not 1 <= g2n <= 1.5):
            bad((*p, "gross_to_net"), Code.F007, carrier=cid, found=repr(g2n))
            continue
        kind = raw.get("kind", "fuel")
        if kind not in KINDS:
            bad(
                (*p, "kind"),
                Code.F008,
                carrier=cid,
                kind=kind,
                suggestion=did_you_mean(str(kind), KINDS),
                allowed=", ".join(KINDS),
            )
            continue
        bio = raw.get("biogenic_co2")
        biogenic = None
        if isinstance(bio, dict) and isinstance(bio.get("value"), int | float):
            biogenic = _factor({**bio, "year": bio.get("year", f.get("year"))})
        carriers[cid] = Carrier(
            cid,
            raw.get("name") or {"de": cid, "en": cid},
            int(raw.get("scope", 0)),
            bool(raw.get("renewable", False)),
            {k: float(v) for k, v in epu.items()},
            _factor(f),
            raw.get("notes") or {},
            kind,
            float(g2n) if g2n else None,
            biogenic,
        )
    gt = ((data.get("market_based") or {}).get("green_tariff_factor")) or {}
    green = _factor({"value": 0.0, "per": "kWh", "source": "", "year": 0, **gt})
    gwp_raw = data.get("gwp") or {}
    gwp: dict[str, float] = {}
    for name, v in (gwp_raw.get("values") or {}).items():
        if isinstance(v, bool) or not isinstance(v, int | float) or v < 0:
            bad(("gwp", "values", name), Code.F009, refrigerant=name, found=repr(v))
            continue
        gwp[str(name)] = float(v)
    gwp_source = gwp_raw.get("source") or {}
    if isinstance(gwp_source, str):
        gwp_source = {"de": gwp_source}
    if not carriers and not problems:
        bad((), Code.F010)
    if problems:
        raise FactorTableError(problems)
    return FactorTable(
        str(data.get("id", "custom")), data.get("title") or {}, carriers, green, shown, gwp, dict(gwp_source)
    )


def _factor(f: Mapping[str, Any]) -> Factor:
    """A factor whose source is a text or {de: ..., en: ...} (the German text is the one as published)."""
    source = f.get("source", "")
    if isinstance(source, dict):
        original = str(source.get("de") or source.get("en") or "")
        source_en = str(source["en"]) if source.get("en") else None
    else:
        original, source_en = str(source), None
    boundary = f.get("boundary") or {}
    if isinstance(boundary, str):
        boundary = {"de": boundary, "en": boundary}
    return Factor(
        float(f.get("value", 0.0)),
        str(f.get("per", "kWh")),
        original,
        int(f.get("year") or 0),
        source_en,
        str(f.get("gases", "")),
        dict(boundary),
        str(f.get("document", "")),
        str(f.get("version", "")),
        str(f.get("table", "")),
        str(f.get("url", "")),
    )
