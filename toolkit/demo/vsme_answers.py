"""Demo answers to the VSME Basic questions that the question definitions alone cannot drive.

:class:`~toolkit.demo.answers.AnswerModel` answers a question from its type, its scores and its ``carrier`` or
``kpi`` tag. The VSME Basic questions need more: tables of rows (sites, subsidiaries, pollutants, sites near
protected areas, materials, countries, refrigerants), texts with a fixed form (entity identifier, reporting
period, a link), the disclosures a company omits, the B2 topics, and workforce figures that add up (permanent +
temporary = female + male + other = headcount; hours worked follow the FTE). Everything is drawn from the
company's own seeded random numbers, so a company looks the same alone (``--subset``) or with all others.

Questions of another questionnaire that this module does not know fall back to generic answers: a table gets one
or two rows that fit its columns, a number tag it does not know stays unanswered.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from typing import Any

from toolkit.definitions.model import Column, Question, tr
from toolkit.definitions.types import registry
from toolkit.demo import profiles as P
from toolkit.demo.companies import DemoCompany, clip
from toolkit.demo.names import PLACE_HEADS, PLACE_TAILS
from toolkit.responses import Answer

# the first digits of the (fictitious) postal codes of each federal state the demo networks cover
POSTAL_PREFIX = {
    "Niedersachsen": ("21", "29"),
    "Sachsen-Anhalt": ("06", "39"),
    "Sachsen": ("04", "09"),
    "Thüringen": ("07", "99"),
    "Mecklenburg-Vorpommern": ("19", "23"),
    "Schleswig-Holstein": ("23", "24"),
}
STREET_TAILS = ("weg", "straße", "ring", "allee", "damm", "stieg")
CERTIFICATES = (
    (
        0.75,
        "ISO 14001 (Umweltmanagement), zertifiziert durch TÜV Nord, gültig bis 2027; ISO 50001 (Energiemanagement).",
    ),
    (0.6, "EMAS-Registrierung seit 2021, Umwelterklärung jährlich aktualisiert."),
    (0.5, "ISO 50001 (Energiemanagement), zertifiziert durch DEKRA, gültig bis 2026."),
    (0.4, "Ökoprofit-Betrieb des Landkreises seit 2023."),
)
CIRCULAR_TEXTS: dict[str, tuple[str, ...]] = {
    "C": (
        "Metallspäne und Verschnitt gehen sortenrein an einen Schrotthändler; Transportverpackungen nehmen wir "
        "vom Lieferanten zurück und verwenden sie wieder.",
        "Produktionsreste werden gesammelt und dem Rohstoff wieder zugeführt; Paletten sind im Pfandsystem.",
    ),
    "F": (
        "Baustellenabfälle werden nach Gewerbeabfallverordnung getrennt; Aushub wird auf anderen Baustellen "
        "wiederverwendet.",
    ),
    "G": ("Mehrwegkisten mit unseren Hauptlieferanten; Kartonagen und Folien gehen getrennt ins Recycling.",),
    "I": ("Speisereste gehen in die Biogasanlage; Getränke nur in Mehrwegflaschen.",),
    "A": ("Wirtschaftsdünger und Ernterückstände bleiben im Betriebskreislauf; Folien gehen an ein Rücknahmesystem.",),
}
CIRCULAR_DEFAULT = (
    "Abfälle werden getrennt gesammelt; IT-Geräte lassen wir aufbereiten und weiterverkaufen.",
    "Wir kaufen gebrauchte Büromöbel und geben ausgemusterte Geräte an einen Aufbereiter.",
)
MATERIALS: dict[str, tuple[tuple[str, float], ...]] = {  # material, tonnes per employee and year
    "C": (("Stahlblech", 6.0), ("Aluminiumprofile", 1.2), ("Verpackungen (Karton)", 0.4)),
    "F": (("Beton und Mörtel", 20.0), ("Bauholz", 2.0), ("Dämmstoffe", 0.8)),
    "A": (("Futtermittel", 40.0), ("Mineraldünger", 3.0)),
    "I": (("Lebensmittel", 1.5), ("Getränke", 0.8)),
}
POLLUTANTS = (  # (name in the E-PRTR list, kg to air per employee)
    ("Nitrogen oxides (NOx/NO2)", 12.0),
    ("Non-methane volatile organic compounds (NMVOC)", 25.0),
    ("Particulate matter (PM)", 3.0),
)
REFRIGERANTS = ("r410a", "r32", "r134a", "r404a")
NO_COOLING = (
    "Wir betreiben keine Klima-, Kälte- oder Wärmepumpenanlage.",
    "Keine eigenen Kälteanlagen; die Klimatisierung gehört dem Vermieter.",
)
NO_CERTIFICATE = ("Wir haben kein Nachhaltigkeitszertifikat.",)
ONE_COUNTRY = ("Alle Beschäftigten haben einen deutschen Arbeitsvertrag.",)
NO_MATERIALS = ("Materialflüsse sind für unser Geschäft nicht bedeutend (Dienstleistung).",)
NO_OMISSION = ("Wir lassen keine Angaben weg.",)
NO_PUBLIC = ("Die Angaben sind nicht gesondert veröffentlicht.",)
NO_LAND = ("Die Flächen kennen wir nicht genau; wir sind Mieter.",)
BELOW_50 = ("Die VSME verlangt die Fluktuationsrate erst ab 50 Beschäftigten.",)
B2_TOPICS = (  # topic, base probability of a practice; policies and initiatives are rarer
    ("climate_change", 0.8),
    ("own_workforce", 0.8),
    ("circular_economy", 0.6),
    ("pollution", 0.3),
    ("water", 0.25),
    ("biodiversity", 0.2),
    ("value_chain_workers", 0.25),
    ("communities", 0.3),
    ("consumers", 0.3),
    ("business_conduct", 0.4),
)


@dataclass(frozen=True)
class Workforce:
    """One company-round's people, consistent across the B8 questions."""

    headcount: int
    permanent: int
    temporary: int
    female: int
    male: int
    other: int
    fte: float
    hours: float


class VsmeAnswers:
    """Answers to the VSME Basic questions (see the module docstring)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed

    # ---- the shared figures ----------------------------------------------------------------------------------
    def workforce(self, c: DemoCompany, round_: str) -> Workforce:
        emp = c.employees[round_]
        r = c.rng(self.seed, "workforce", round_)
        temporary = max(0, round(emp * r.uniform(0.0, 0.15)))
        female = round(emp * clip(P.FEMALE_SHARE.get(c.sector, 0.4) + r.gauss(0, 0.1), 0.0, 1.0))
        other = 1 if emp > 30 and r.random() < 0.2 and female < emp else 0
        fte = round(emp * r.uniform(0.75, 0.95), 1)
        hours = round(fte * r.uniform(1600, 1720))
        return Workforce(emp, emp - temporary, temporary, female, max(0, emp - female - other), other, fte, hours)

    def sites(self, c: DemoCompany) -> list[dict[str, str]]:
        """1-3 sites in the company's federal state (fictitious streets, places and postal codes)."""
        r = c.rng(self.seed, "sites")
        emp = max(c.employees.values())
        n = 1 if emp < 10 else 1 + (r.random() < 0.3) + (emp >= 50 and r.random() < 0.4)
        prefixes = POSTAL_PREFIX.get(c.region, ("10",))
        out = []
        for _ in range(n):
            out.append(
                {
                    "address": f"{r.choice(PLACE_HEADS)}{r.choice(STREET_TAILS)} {r.randint(1, 120)}",
                    "postal_code": f"{r.choice(prefixes)}{r.randint(100, 999)}",
                    "city": r.choice(PLACE_HEADS) + r.choice(PLACE_TAILS),
                    "country": "DE",
                }
            )
        return out

    # ---- one answer ------------------------------------------------------------------------------------------
    def answer(self, c: DemoCompany, q: Question, round_: str, stamp: str) -> tuple[bool, Answer | None]:
        """(True, the answer or None for 'left open') when this module answers ``q``; (False, None) otherwise."""
        handler = getattr(self, f"_q_{q.id}", None)
        if handler is not None:
            result = handler(c, q, round_)
            if result is not NotImplemented:
                return True, _stamped(result, stamp)
        return False, None

    def table(self, c: DemoCompany, q: Question, stamp: str) -> Answer | None:
        """Rows for a table question no handler above knows: a plausible row or two from its columns."""
        return _stamped(self._generic_table(c, q), stamp)

    def kpi(self, c: DemoCompany, q: Question, round_: str) -> tuple[float | None, str] | None:
        """The figure for a VSME ``kpi`` tag, or None when this module does not know the tag."""
        unit = q.unit or ""
        tag = q.kpi
        w = self.workforce(c, round_)
        people = {
            "employees_permanent": w.permanent,
            "employees_temporary": w.temporary,
            "employees_female": w.female,
            "employees_male": w.male,
            "employees_other_gender": w.other,
            "employees_gender_not_reported": 0,
        }
        if tag in people:
            return float(people[tag]), unit
        if tag == "employees_fte":
            return w.fte, unit
        if tag == "hours_worked":
            return w.hours, unit
        if tag in ("discrimination_incidents", "noncompliance_fines"):
            return 0.0, unit
        if tag == "water_withdrawal_stressed":  # northern and central Germany: no area of high water stress
            return 0.0, unit
        if tag in ("reported_energy_total", "reported_scope1", "reported_scope2_location", "reported_scope2_market"):
            return None, unit  # the demo companies let the toolkit calculate their figures
        return None

    # ---- B1 ----------------------------------------------------------------------------------------------------
    def _q_b1_module(self, c: DemoCompany, q: Question, round_: str) -> Any:
        comprehensive = c.maturity + c.effects["reporting"] > 0.65 and c.rng(self.seed, "module").random() < 0.5
        return _choice(q, "basic_comprehensive" if comprehensive else "basic")

    def _q_b1_basis(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "consolidated" if self._has_subsidiaries(c) else "individual")

    def _has_subsidiaries(self, c: DemoCompany) -> bool:
        return (
            max(c.employees.values()) >= 20
            and c.legal_form == "limited_company"
            and c.rng(self.seed, "subsidiaries").random() < 0.25
        )

    def _q_b1_subsidiaries(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if not registry.get(q.type).tabular:
            return NotImplemented
        r = c.rng(self.seed, "subsidiary-rows")
        stem = c.name.split(" GmbH")[0].split(" & ")[0]
        rows = []
        for kind in ("Service", "Immobilien")[: 1 + (r.random() < 0.3)]:
            site = self.sites(c)[0]
            rows.append(
                {"name": f"{stem} {kind} GmbH", "address": f"{site['address']}, {site['postal_code']} {site['city']}"}
            )
        return Answer(value=_fit(q, rows))

    def _q_b1_sites(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return Answer(value=_fit(q, self.sites(c))) if registry.get(q.type).tabular else NotImplemented

    def _q_b1_certifications(self, c: DemoCompany, q: Question, round_: str) -> Any:
        m = c.maturity + c.effects["energy"]
        r = c.rng(self.seed, "certificate")
        for threshold, text in CERTIFICATES:
            if m >= threshold and r.random() < 0.6:
                return Answer(value=text)
        return Answer(not_applicable=True, explanation=r.choice(NO_CERTIFICATE))

    def _q_b1_omitted(self, c: DemoCompany, q: Question, round_: str) -> Any:
        r = c.rng(self.seed, "omitted")
        if r.random() < 0.08 and "b10" in q.option_ids:  # pay figures are what SMEs most often keep back
            return Answer(value=["b10"])
        return Answer(not_applicable=True, explanation=NO_OMISSION[0]) if q.not_applicable else None

    def _q_b1_employee_type(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "fte" if c.rng(self.seed, "employee-type").random() < 0.2 else "headcount")

    def _q_b1_employee_method(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "end_of_period" if c.rng(self.seed, "employee-method").random() < 0.4 else "average")

    def _q_b1_identifier_scheme(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "lei" if self._has_lei(c) else "euid")

    def _has_lei(self, c: DemoCompany) -> bool:
        return c.rng(self.seed, "scheme").random() < 0.15

    def _q_b1_identifier(self, c: DemoCompany, q: Question, round_: str) -> Any:
        r = c.rng(self.seed, "identifier")
        if self._has_lei(c):
            return Answer(value=lei(r))
        register = {"limited_company": "HRB", "cooperative": "GnR"}.get(c.legal_form, "HRA")
        court = f"{r.choice('DKNPRTU')}{r.randint(1000, 9999)}{r.choice('RV')}"
        return Answer(value=f"DE{court}.{register}{r.randint(1000, 99999)}")

    def _q_b1_period_start(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return Answer(value=f"{round_}-01-01") if c.rng(self.seed, "period").random() < 0.7 else None

    def _q_b1_period_end(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return Answer(value=f"{round_}-12-31") if c.rng(self.seed, "period").random() < 0.7 else None

    # ---- B2 ----------------------------------------------------------------------------------------------------
    def _b2(self, c: DemoCompany, q: Question, kind: str, scale: float) -> Any:
        if not registry.get(q.type).counted:
            return NotImplemented
        m = clip(c.maturity + 0.5 * (c.effects["strategy"] + c.effects["reporting"]), 0, 1)
        r = c.rng(self.seed, "b2", kind)
        chosen = [t for t, p in B2_TOPICS if t in q.option_ids and r.random() < clip(p * scale * (0.4 + m), 0, 0.95)]
        if chosen:
            return Answer(value=[o for o in q.option_ids if o in chosen])
        if q.not_applicable:
            return Answer(not_applicable=True, explanation="Dazu haben wir bisher nichts Schriftliches.")
        return None

    def _q_b2_practices(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return self._b2(c, q, "practices", 1.0)

    def _q_b2_policies(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return self._b2(c, q, "policies", 0.55)

    def _q_b2_initiatives(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return self._b2(c, q, "initiatives", 0.45)

    def _q_b2_public(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "yes" if c.maturity + c.effects["reporting"] > 0.55 else "no")

    def _q_b2_targets(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "yes" if c.maturity + c.effects["strategy"] > 0.5 else "no")

    # ---- B3 ----------------------------------------------------------------------------------------------------
    def _q_en_refrigerants(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if not registry.get(q.type).tabular:
            return NotImplemented
        r = c.rng(self.seed, "refrigerants")
        cooling = "heat_pump" in c.energy.heating or c.sector in ("G", "I") or r.random() < 0.15
        if not cooling:
            return Answer(not_applicable=True, explanation=r.choice(NO_COOLING)) if q.not_applicable else None
        rr = c.rng(self.seed, "refrigerants", round_)
        if rr.random() < 0.55:  # no leak this year: nothing refilled
            return Answer(value=[{"refrigerant": r.choice(REFRIGERANTS), "kg": 0}])
        gas = "r404a" if c.sector in ("G", "I") and r.random() < 0.5 else r.choice(REFRIGERANTS[:3])
        return Answer(value=_fit(q, [{"refrigerant": gas, "kg": round(rr.uniform(0.5, 6.0), 1)}]))

    def _q_en_reported_breakdown(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return None  # the demo companies let the toolkit calculate their energy

    # ---- B4, B5 ------------------------------------------------------------------------------------------------
    def _pollutes(self, c: DemoCompany) -> bool:
        return c.sector == "C" and max(c.employees.values()) >= 20 and c.rng(self.seed, "b4").random() < 0.35

    def _q_b4_applicable(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "yes" if self._pollutes(c) else "no")

    def _q_b4_pollutants(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if not registry.get(q.type).tabular:
            return NotImplemented
        r = c.rng(self.seed, "pollutants", round_)
        emp = c.employees[round_]
        rows = [
            {"pollutant": name, "air": round(per * emp * r.uniform(0.5, 1.5), 1)}
            for name, per in POLLUTANTS[: 1 + r.randint(0, 2)]
        ]
        return Answer(value=_fit(q, rows))

    def _q_b4_public_url(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if c.rng(self.seed, "b4-public").random() < 0.4:
            return Answer(value="https://thru.de/")
        return Answer(not_applicable=True, explanation=NO_PUBLIC[0]) if q.not_applicable else None

    def _near_protected_area(self, c: DemoCompany) -> bool:
        return c.rng(self.seed, "b5").random() < (0.4 if c.sector == "A" else 0.05)

    def _q_b5_sensitive_sites(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return _choice(q, "yes" if self._near_protected_area(c) else "no")

    def _q_b5_sites(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if not registry.get(q.type).tabular:
            return NotImplemented
        r = c.rng(self.seed, "b5-sites")
        site = self.sites(c)[0]
        area = r.uniform(20, 300) if c.sector == "A" else r.uniform(0.2, 3)
        return Answer(
            value=_fit(
                q, [{"site": site["city"], "area_ha": round(area, 1), "location": "in" if r.random() < 0.3 else "near"}]
            )
        )

    def _land(self, c: DemoCompany) -> tuple[float, float, float] | None:
        r = c.rng(self.seed, "land")
        if r.random() < 0.45:
            return None
        emp = max(c.employees.values())
        total = r.uniform(30, 400) if c.sector == "A" else emp * r.uniform(0.005, 0.04)
        sealed = total * (r.uniform(0.01, 0.05) if c.sector == "A" else r.uniform(0.3, 0.8))
        nature = total * r.uniform(0.0, 0.15)
        return round(total, 2), round(sealed, 2), round(nature, 2)

    def _land_answer(self, c: DemoCompany, q: Question, i: int) -> Any:
        land = self._land(c)
        if land is None:
            return Answer(not_applicable=True, explanation=NO_LAND[0]) if q.not_applicable else None
        return Answer(value=max(land[i], 0.01), unit=q.unit)

    def _q_b5_land_total(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return self._land_answer(c, q, 0)

    def _q_b5_land_sealed(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return self._land_answer(c, q, 1)

    def _q_b5_land_nature(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return self._land_answer(c, q, 2)

    # ---- B7 ----------------------------------------------------------------------------------------------------
    def _q_res_circular_how(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return Answer(value=c.rng(self.seed, "circular").choice(CIRCULAR_TEXTS.get(c.sector, CIRCULAR_DEFAULT)))

    def _q_res_material_flows(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if not registry.get(q.type).tabular:
            return NotImplemented
        materials = MATERIALS.get(c.sector)
        if not materials:
            return Answer(not_applicable=True, explanation=NO_MATERIALS[0]) if q.not_applicable else None
        r = c.rng(self.seed, "materials", round_)
        emp = c.employees[round_]
        rows = [{"material": name, "weight_t": round(per * emp * r.uniform(0.6, 1.4), 1)} for name, per in materials]
        return Answer(value=_fit(q, rows))

    # ---- B8 ----------------------------------------------------------------------------------------------------
    def _q_wf_employees_countries(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if not registry.get(q.type).tabular:
            return NotImplemented
        r = c.rng(self.seed, "countries")
        emp = c.employees[round_]
        if emp < 50 or c.sector != "C" or r.random() > 0.3:
            return Answer(not_applicable=True, explanation=ONE_COUNTRY[0]) if q.not_applicable else None
        abroad = max(1, round(emp * r.uniform(0.05, 0.2)))
        rows: list[dict[str, Any]] = [
            {"country": "DE", "employees": emp - abroad},
            {"country": r.choice(("PL", "CZ", "AT")), "employees": abroad},
        ]
        return Answer(value=_fit(q, rows))

    def _q_wf_turnover_rate(self, c: DemoCompany, q: Question, round_: str) -> Any:
        if c.employees[round_] >= 50:
            return NotImplemented  # the general model's figure
        if not q.not_applicable:
            return None
        return Answer(not_applicable=True, explanation=BELOW_50[0])

    # ---- DNK indicators (201-1) ------------------------------------------------------------------------------
    def _q_ev_personnel_costs(self, c: DemoCompany, q: Question, round_: str) -> Any:
        per_head = c.rng(self.seed, "personnel").uniform(38_000, 62_000)
        return Answer(value=round(c.employees[round_] * per_head, -3), unit=q.unit)

    def _q_ev_taxes(self, c: DemoCompany, q: Question, round_: str) -> Any:
        return Answer(value=round(c.turnover[round_] * c.rng(self.seed, "taxes").uniform(0.005, 0.02), -2), unit=q.unit)

    def _q_ev_community(self, c: DemoCompany, q: Question, round_: str) -> Any:
        r = c.rng(self.seed, "community", round_)
        return Answer(value=round(r.uniform(0, 400) * c.employees[round_] ** 0.5, -1), unit=q.unit)

    # ---- any other table -------------------------------------------------------------------------------------
    def _generic_table(self, c: DemoCompany, q: Question) -> Answer | None:
        if not q.columns:
            return None
        r = c.rng(self.seed, q.id, "rows")
        rows = []
        for i in range(1, min(q.max_rows, r.randint(1, 2)) + 1):
            rows.append({col.id: _cell(col, i, r) for col in q.columns})
        return Answer(value=rows)


def _cell(col: Column, i: int, r: random.Random) -> Any:
    if col.type == "number":
        lo = col.min if col.min is not None else 0.0
        hi = min(col.max if col.max is not None else lo + 100.0, lo + 100.0)
        return round(lo + (hi - lo) * r.random(), 1)
    if col.type == "single_choice":
        return r.choice(col.options).id if col.options else None
    return f"{tr(col.text, 'de')} {i}"


def _fit(q: Question, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows restricted to the question's columns and row limit."""
    ids = {col.id for col in q.columns}
    return [{k: v for k, v in row.items() if k in ids} for row in rows[: q.max_rows]]


def _choice(q: Question, option: str) -> Any:
    return Answer(value=option) if option in q.option_ids else NotImplemented


def _stamped(answer: Answer | None, stamp: str) -> Answer | None:
    if answer is not None:
        answer.changed_at = stamp
    return answer


def lei(r: random.Random) -> str:
    """A fictitious Legal Entity Identifier with valid check digits (ISO 17442, ISO 7064 MOD 97-10)."""
    body = "5299" + "".join(r.choice(string.ascii_uppercase + string.digits) for _ in range(14))
    number = int("".join(str(int(ch, 36)) for ch in body + "00"))
    return f"{body}{98 - number % 97:02d}"
