"""Answers of a demo company to any questionnaire, driven by the question definitions.

How an answer is chosen:

* every company has a latent maturity per dimension (company maturity plus sector, size and network
  effects, see :mod:`toolkit.demo.companies`); a scored question's latent value is the weighted mean over
  the dimensions it scores plus a per-question difficulty;
* the chosen option is the one whose level is closest to ``4 × latent`` plus noise that is fixed per company
  and question (so the second round repeats most answers) and a little noise per round;
* companies that improve between rounds have a higher latent value in 2026 and act on a few concrete next
  steps (one level up on 2-5 questions);
* number questions follow the company's energy and workforce situation (carrier, kpi tags), and the
  question that asks for the heating carriers, the one about vehicles and the one about renewable power agree
  with the figures;
* some answers are "not applicable" with an explanation, some "explain" answers carry a reason, and
  incomplete company-rounds answer only a part of the questions.
"""

from __future__ import annotations

import random
from typing import Any

from toolkit.definitions import units as U
from toolkit.definitions.factors import FactorTable
from toolkit.definitions.model import Question, Questionnaire
from toolkit.definitions.types import registry
from toolkit.demo import profiles as P
from toolkit.demo.companies import DemoCompany, clip
from toolkit.demo.vsme_answers import VsmeAnswers
from toolkit.responses import Answer, Company
from toolkit.scoring.applicability import visible_questions

CARRIER_OPTIONS = ("natural_gas", "heating_oil", "lpg", "district_heat", "heat_pump", "wood")
HEAT_CARRIERS = {
    "natural_gas": "natural_gas",
    "heating_oil": "heating_oil",
    "lpg": "lpg",
    "district_heat": "district_heat",
    "wood_pellets": "wood",
}

EXPLAIN_TEXTS = (
    "Wir sind ein kleiner Betrieb; die Angaben dazu stellen wir bis zur nächsten Runde zusammen.",
    "Das Thema ist für uns neu. Wir haben uns vorgenommen, es im kommenden Jahr mit dem Netzwerk anzugehen.",
    "Die Informationen liegen bei unserer Steuerberatung; wir reichen sie nach.",
    "Bisher haben Kunden und Banken danach nicht gefragt, daher gibt es noch keine Veröffentlichung.",
    "Wir arbeiten gerade an einer ersten Übersicht und veröffentlichen sie, sobald sie vollständig ist.",
)
NA_TEXTS: dict[str, tuple[str, ...]] = {
    "self_generated_electricity": (
        "Wir haben keine eigene Photovoltaik- oder andere Erzeugungsanlage.",
        "Keine eigene Anlage; das Dach gehört dem Vermieter.",
    ),
    "diesel": ("Unsere Fahrzeuge fahren nur mit Benzin.",),
    "petrol": ("Wir fahren ausschließlich Dieselfahrzeuge.", "Nur Diesel- und Elektrofahrzeuge."),
    "vehicles": ("Wir nutzen nur gelegentlich Mietwagen.",),
    "workforce": (
        "Wir sind ein Inhaberbetrieb ohne Angestellte.",
        "Im Betrieb arbeiten nur die Inhaber und ein Familienmitglied.",
    ),
    "pay": ("Wir haben weder Zielvereinbarungen noch variable Vergütung.",),
    "generic": (
        "Das Thema spielt für unser Geschäft keine Rolle.",
        "Trifft auf unseren Betrieb nicht zu, da wir keine eigenen Räume haben.",
    ),
}
EVIDENCE_TEXTS = (
    "Dokument im Managementhandbuch, Stand Januar 2026.",
    "Protokoll der Geschäftsführung vom Dezember 2025.",
    "Auswertung 2025 im Kennzahlenblatt, liegt der Geschäftsführung vor.",
    "Bericht des externen Beraters vom Herbst 2025.",
)
UNKNOWN_TEXTS = (
    "Die Zahl liegt erst mit der Jahresabrechnung vor und wird nachgetragen.",
    "Noch nicht erhoben; wir klären das mit unserem Vermieter.",
)
NOTES = (
    "Wert aus der Nebenkostenabrechnung geschätzt.",
    "Liefermenge laut Rechnung, nicht Verbrauch.",
    "Zwei Standorte zusammengerechnet.",
    "Vorläufiger Wert, die Jahresabrechnung fehlt noch.",
)
SUPPLIER_TEXTS: dict[str, tuple[str, ...]] = {
    "A": (
        "Saatgut, Dünger und Futtermittel vom regionalen Landhandel; Diesel; Maschinenersatzteile aus Deutschland.",
        "Jungpflanzen aus den Niederlanden, Verpackungen aus Deutschland.",
    ),
    "C": (
        "Stahlbleche und Profile aus Deutschland und Polen; Normteile über einen Großhändler; Lacke.",
        "Mehl und Saaten von Mühlen aus der Region, Verpackungsmaterial aus Deutschland.",
        "Holzwerkstoffe aus Deutschland und Österreich, Beschläge aus Italien.",
        "Kunststoffgranulat aus Deutschland und Belgien, Elektronikbauteile aus Asien über Distributoren.",
    ),
    "F": (
        "Baustoffe vom Baustoffhandel vor Ort; Rohre, Armaturen und Heiztechnik über den Großhandel.",
        "Kabel, Schaltanlagen und Leuchten von deutschen Herstellern über den Elektrogroßhandel.",
    ),
    "G": (
        "Handelsware von rund 40 Lieferanten, überwiegend aus Deutschland, einzelne aus Asien.",
        "Lebensmittel von Höfen der Region und einem Großhändler; Verpackungen.",
    ),
    "H": ("Fahrzeuge und Leasing, Diesel und AdBlue, Reifen und Werkstattleistungen.",),
    "I": ("Lebensmittel von regionalen Erzeugern und einem Großhändler; Getränke; Wäscheservice.",),
    "J": (
        "Hardware über einen Distributor; Cloud- und Rechenzentrumsleistungen aus Deutschland und der EU.",
        "Softwarelizenzen, Laptops aus Asien über einen deutschen Händler.",
    ),
    "M": ("Büromaterial, IT-Ausstattung und Software; Fremdleistungen von Fachplanern.",),
    "N": ("Reinigungsmittel und Geräte aus Deutschland; Arbeitskleidung aus Asien über einen Händler.",),
    "Q": (
        "Medizinprodukte und Verbrauchsmaterial über den Fachhandel; Laborleistungen aus der Region.",
        "Pflegehilfsmittel, Lebensmittel für die Küche und Wäscheservice aus der Region.",
    ),
    "S": ("Pflegeprodukte und Geräte über den Fachgroßhandel.",),
}


def _difficulty(q: Question) -> float:
    return random.Random(f"difficulty:{q.id}").gauss(0.0, 0.06)


class AnswerModel:
    """Answers of demo companies to one questionnaire (see the module docstring)."""

    def __init__(self, qn: Questionnaire, factors: FactorTable, seed: int) -> None:
        self.qn = qn
        self.factors = factors
        self.seed = seed
        self.questions = list(qn.iter_questions())
        gated_by: dict[str, set[str]] = {}
        for q in self.questions:
            for cond in q.show_if:
                gated_by.setdefault(cond.question, set()).add(q.carrier or q.kpi or "")
        # the unscored yes/no question whose "yes" shows the fuel questions
        self.vehicle_gate = {qid for qid, tags in gated_by.items() if tags & {"diesel", "petrol"}}
        self.scored_ids = sorted(q.id for q in self.questions if q.scored)
        self._acted: dict[str, set[str]] = {}
        self.vsme = VsmeAnswers(seed)

    # ---- latent maturity ----------------------------------------------------------------------------------
    def latent(self, c: DemoCompany, q: Question, round_: str) -> float:
        total = sum(q.scores.values()) or 1.0
        m = sum(w * (c.maturity + c.effects.get(d, 0.0)) for d, w in q.scores.items()) / total
        if round_ == "2026" and "2025" in c.rounds:
            m += c.improvement
        return clip(m + _difficulty(q), 0.0, 1.0)

    def target_level(self, c: DemoCompany, q: Question, round_: str) -> float:
        fixed = c.rng(self.seed, q.id, "noise").gauss(0, 0.6)
        per_round = c.rng(self.seed, q.id, round_).gauss(0, 0.2)
        bump = 0.0
        if round_ == "2026" and "2025" in c.rounds and c.improvement > 0.03:
            bump = 1.0 if q.id in self.acted_on(c) else 0.0
        return 4 * self.latent(c, q, round_) + fixed + per_round + bump

    def acted_on(self, c: DemoCompany) -> set[str]:
        """The 2-5 questions on which an improving company took a concrete next step after round one."""
        if c.id not in self._acted:
            r = c.rng(self.seed, "acted")
            self._acted[c.id] = set(r.sample(self.scored_ids, k=min(len(self.scored_ids), r.randint(2, 5))))
        return self._acted[c.id]

    # ---- one answer -----------------------------------------------------------------------------------------
    def answers(self, c: DemoCompany, round_: str, company: Company) -> dict[str, Answer]:
        rng = c.rng(self.seed, round_, "answers")
        out: dict[str, Answer] = {}
        for q in self.questions:
            a = self.answer(c, q, round_, rng)
            if a is not None:
                out[q.id] = a
        out = self._drop_unanswered(c, round_, out, rng)
        shown = visible_questions(self.qn, out, company.size_class)
        return {qid: a for qid, a in out.items() if qid in shown}

    def _drop_unanswered(
        self, c: DemoCompany, round_: str, out: dict[str, Answer], rng: random.Random
    ) -> dict[str, Answer]:
        keep_share = rng.uniform(0.3, 0.55) if c.incomplete.get(round_) else None
        gates = self.vehicle_gate | {q.id for q in self.questions if registry.get(q.type).counted and not q.scored}
        result: dict[str, Answer] = {}
        for qid, a in out.items():
            q = self.qn.questions[qid]
            if qid in gates:
                result[qid] = a
                continue
            if keep_share is not None:
                p_keep = keep_share
            elif registry.get(q.type).numeric and not q.carrier:
                p_keep = 0.7 if c.employees[round_] < 10 else 0.88
            else:
                p_keep = 0.97
            if rng.random() < p_keep:
                result[qid] = a
            elif q.scored and rng.random() < 0.15:  # not answered, but explained (comply or explain)
                result[qid] = Answer(value=None, explanation=rng.choice(EXPLAIN_TEXTS), changed_at=a.changed_at)
            elif registry.get(q.type).numeric and rng.random() < 0.2:
                result[qid] = Answer(value=None, explanation=rng.choice(UNKNOWN_TEXTS), changed_at=a.changed_at)
        return result

    def answer(self, c: DemoCompany, q: Question, round_: str, rng: random.Random) -> Answer | None:
        stamp = _stamp(round_, rng)
        handled, special = self.vsme.answer(c, q, round_, stamp)
        if handled:
            return special
        return registry.get(q.type).demo_answer(q, _Answering(self, c, round_, rng, stamp))

    def _evidence(self, c: DemoCompany, q: Question, value: str) -> str | None:
        """Most companies back a top-level claim with a document reference; about a quarter do not (yet)."""
        if not q.evidence_prompt(value):
            return None
        r = c.rng(self.seed, q.id, "evidence")
        return r.choice(EVIDENCE_TEXTS) if r.random() < 0.75 else None

    def _not_applicable(self, c: DemoCompany, q: Question, round_: str, rng: random.Random) -> str | None:
        if not q.not_applicable or registry.get(q.type).numeric:
            return None
        r = c.rng(self.seed, q.id, "na")
        emp = c.employees[round_]
        if "workforce" in q.scores and emp <= 2 and r.random() < 0.7:
            return r.choice(NA_TEXTS["workforce"])
        if any(cond.question in self.vehicle_gate for cond in q.show_if) and r.random() < 0.1:
            return r.choice(NA_TEXTS["vehicles"])
        if q.scores.get("strategy") and "workforce" in q.scores and emp < 10 and r.random() < 0.35:
            return r.choice(NA_TEXTS["pay"])
        if r.random() < 0.06:
            return r.choice(NA_TEXTS["generic"])
        return None

    def _multiple(self, c: DemoCompany, q: Question, round_: str) -> list[str]:
        m = clip(self.target_level(c, q, round_) / 4, 0.0, 1.0)
        r = c.rng(self.seed, q.id, "multi")
        positive = [o for o in q.options if (o.points or 0) > 0]
        p = clip(0.12 + 0.85 * (m - 0.25), 0.03, 0.95)
        chosen = [o.id for o in positive if r.random() < p]
        if not chosen:
            zero = [o.id for o in q.options if not o.points]
            chosen = zero[:1]
        return [o for o in q.option_ids if o in chosen]

    def _renewable_power(self, c: DemoCompany, q: Question, round_: str) -> str:
        share = c.energy.green_share[round_]
        level = self.target_level(c, q, round_)
        if share >= 100:
            return (
                "labelled_or_own"
                if c.energy.pv_mwh > 0 and level > 3 and "labelled_or_own" in q.option_ids
                else "fully_green_tariff"
            )
        if share > 0:
            return "partly_renewable"
        lowest = next((o.id for o in q.options if o.level == 0), None)  # "we have not checked where it comes from"
        if lowest is not None and level < 1.2:
            return lowest
        return "standard_mix" if "standard_mix" in q.option_ids else _closest(q, level)

    # ---- numbers --------------------------------------------------------------------------------------------
    def _number(self, c: DemoCompany, q: Question, round_: str, rng: random.Random, stamp: str) -> Answer | None:
        emp = c.employees[round_]
        drift = self._drift(c, q, round_)
        e = c.energy
        value: float | None = None
        unit = q.unit or ""
        if q.carrier:
            kwh = 0.0
            if q.carrier == "grid_electricity":
                kwh = emp * e.electricity_per_employee * drift
            elif q.carrier == "self_generated_electricity":
                if e.pv_mwh <= 0:
                    if q.not_applicable:
                        return Answer(
                            not_applicable=True,
                            explanation=c.rng(self.seed, "pv").choice(NA_TEXTS["self_generated_electricity"]),
                            changed_at=stamp,
                        )
                    kwh = 0.0
                else:
                    kwh = e.pv_mwh * 1000 * (1 + c.rng(self.seed, round_, "sun").gauss(0, 0.05))
            elif q.carrier in HEAT_CARRIERS:
                option = HEAT_CARRIERS[q.carrier]
                if option not in e.heating:
                    kwh = emp * e.heat_per_employee * 0.5 * drift  # hidden by its condition anyway
                else:
                    kwh = emp * e.heat_per_employee * e.heat_split[e.heating.index(option)] * drift
            elif q.carrier in ("diesel", "petrol"):
                litres = emp * e.diesel_per_employee * drift
                if q.carrier == "petrol":
                    if e.petrol_share <= 0:
                        return self._fuel_na(c, q, "petrol", stamp)
                    litres *= e.petrol_share
                elif e.petrol_share > 0.7 and c.rng(self.seed, "petrol-only").random() < 0.3:
                    return self._fuel_na(c, q, "diesel", stamp)
                unit = "l" if "l" in q.accepted_units else unit
                return self._answer_number(q, max(1.0, round(litres)), unit, rng, stamp)
            unit = c.units.get(q.carrier, q.unit or "kWh")
            if unit not in q.accepted_units:
                unit = q.unit or q.accepted_units[0]
            value = self._from_kwh(q.carrier, kwh, unit)
        elif q.kpi:
            value, unit = self._kpi(c, q, round_, drift)
            if value is None:
                return None
        else:
            lo = q.min or 0.0
            value = lo + (min(q.max or 100.0, lo + 100.0) - lo) * c.rng(self.seed, q.id).random()
        return self._answer_number(q, value, unit, rng, stamp)

    def _drift(self, c: DemoCompany, q: Question, round_: str) -> float:
        drift = 1 + c.rng(self.seed, q.id, round_, "drift").gauss(0, 0.05)
        if round_ == "2026" and c.improvement > 0.03:
            drift *= 0.95  # efficiency measures
        return drift

    def _fuel_na(self, c: DemoCompany, q: Question, which: str, stamp: str) -> Answer | None:
        if not q.not_applicable:
            return Answer(value=0, unit=q.unit, changed_at=stamp)
        return Answer(
            not_applicable=True, explanation=c.rng(self.seed, which).choice(NA_TEXTS[which]), changed_at=stamp
        )

    def _from_kwh(self, carrier: str, kwh: float, unit: str) -> float:
        if U.same_kind(unit, "kWh"):
            return U.convert(kwh, "kWh", unit)
        c = self.factors.carriers.get(carrier)
        per_unit = c.kwh(1.0, unit) if c else 10.0
        return kwh / per_unit

    def _answer_number(self, q: Question, value: float, unit: str, rng: random.Random, stamp: str) -> Answer:
        if unit not in q.accepted_units:
            value = U.convert(value, unit, q.unit) if q.unit and U.same_kind(unit, q.unit) else value
            unit = q.unit or unit
        value = _round(value, unit)
        if q.unit and U.same_kind(unit, q.unit):
            canonical = U.convert(value, unit, q.unit)
            if q.max is not None and canonical > q.max:
                value = _round(U.convert(q.max, q.unit, unit), unit)
            if q.min is not None and canonical < q.min:
                value = _round(U.convert(q.min, q.unit, unit), unit)
        note = rng.choice(NOTES) if q.carrier and rng.random() < 0.06 else None
        return Answer(value=value, unit=unit, note=note, changed_at=stamp)

    def _kpi(self, c: DemoCompany, q: Question, round_: str, drift: float) -> tuple[float | None, str]:
        emp = c.employees[round_]
        r = c.rng(self.seed, q.id, "kpi")
        rr = c.rng(self.seed, q.id, round_, "kpi")
        tag = q.kpi
        unit = q.unit or ""
        if tag in ("training_hours_female", "training_hours_male"):  # around the average of all employees
            base = self._tagged_value(c, "training_hours", round_)
            return (None if base is None else clip(base * r.uniform(0.8, 1.2), 0, q.max or 500)), unit
        if tag == "water_discharge":
            if c.sector == "A":  # farms use most of their water (irrigation, animals); not metered
                return None, unit
            base = self._tagged_value(c, "water_withdrawal", round_)
            return (None if base is None else base * r.uniform(0.6, 0.9)), "m3"
        vsme = self.vsme.kpi(c, q, round_)
        if vsme is not None:
            return vsme
        if tag == "green_tariff_share":
            return c.energy.green_share[round_], "percent"
        if tag == "self_generated_exported":
            return c.energy.pv_mwh * 1000 * c.energy.pv_exported_share * drift, "kWh"
        if tag == "water_withdrawal":
            lo, hi = P.WATER[c.sector]
            return emp * (lo + (hi - lo) * r.random()) * drift, "m3"
        if tag in ("waste_total", "waste_hazardous", "waste_recycled"):
            lo, hi, hz_lo, hz_hi = P.WASTE[c.sector]
            total = emp * (lo + (hi - lo) * r.random()) * drift
            share = {
                "waste_total": 1.0,
                "waste_hazardous": hz_lo + (hz_hi - hz_lo) * r.random(),
                "waste_recycled": clip(0.3 + 0.6 * (c.maturity + c.effects["supply_chain"]), 0.1, 0.9),
            }[tag]
            unit = c.units.get("waste", "t")
            unit = unit if unit in q.accepted_units else (q.unit or "t")
            return U.convert(total * share, "t", unit), unit
        if tag == "employee_turnover_rate":
            return r.uniform(4, 18) * drift, unit
        if tag == "accidents":
            rate = P.ACCIDENT_RATE.get(c.sector, 0.01) * emp
            return float(_poisson(rr, rate)), unit
        if tag in ("fatalities", "corruption_convictions", "corruption_fines"):
            return 0.0, unit
        if tag == "training_hours":
            m = clip(c.maturity + c.effects["workforce"], 0, 1)
            return clip(r.gauss(6 + 30 * m, 4), 0, 120) * drift, unit
        if tag == "collective_bargaining_share":
            base = {"micro": 0.05, "small": 0.18, "medium": 0.45}.get(_size_of(c, round_), 0.1)
            base *= 0.7 if c.network_east else 1.0
            return (100.0 if r.random() < base else 0.0), unit
        if tag == "gender_pay_gap":
            return clip(r.gauss(9, 6), 0, 35), unit
        return None, unit

    def _tagged_value(self, c: DemoCompany, tag: str, round_: str) -> float | None:
        """The figure the demo gives the question tagged ``tag`` (before rounding), or None."""
        q = next((x for x in self.questions if x.kpi == tag), None)
        return None if q is None else self._kpi(c, q, round_, self._drift(c, q, round_))[0]


class _Answering:
    """One demo company answering one question (the :class:`~toolkit.definitions.types.base.DemoContext` its
    question type asks): the company's facts decide gates, heating and 'not applicable'; the rest follows its
    maturity in this round."""

    def __init__(self, gen: AnswerModel, c: DemoCompany, round_: str, rng: random.Random, stamp: str) -> None:
        self.gen, self.c, self.round, self.rng, self.stamp = gen, c, round_, rng, stamp

    def preset(self, q: Question) -> tuple[bool, Answer | None]:
        """(True, the answer) when the company's facts decide it: whether it has vehicles, how it heats, or
        that the question does not apply to it; (False, None) otherwise."""
        gen, c, stamp = self.gen, self.c, self.stamp
        if q.id in gen.vehicle_gate:
            yes = c.energy.vehicles
            return True, Answer(value=_yes_no(q, yes), changed_at=stamp)
        if registry.get(q.type).counted and not q.scored and set(q.option_ids) & set(CARRIER_OPTIONS):
            chosen = [o for o in q.option_ids if o in c.energy.heating]
            if not chosen:
                chosen = ["none"] if "none" in q.option_ids else []
            return True, (Answer(value=chosen, changed_at=stamp) if chosen else None)
        na = gen._not_applicable(c, q, self.round, self.rng)
        if na is not None:
            return True, Answer(not_applicable=True, explanation=na, changed_at=stamp)
        return False, None

    def number(self, q: Question) -> Answer | None:
        return self.gen._number(self.c, q, self.round, self.rng, self.stamp)

    def text(self, q: Question) -> Answer | None:
        texts = SUPPLIER_TEXTS.get(self.c.sector, SUPPLIER_TEXTS["M"])
        if self.rng.random() < 0.35:
            return None
        return Answer(value=self.c.rng(self.gen.seed, q.id).choice(texts), changed_at=self.stamp)

    def options(self, q: Question) -> Answer:
        return Answer(value=self.gen._multiple(self.c, q, self.round), changed_at=self.stamp)

    def declaration(self, q: Question) -> Answer:
        c = self.c
        r = c.rng(self.gen.seed, q.id, "comply")
        if c.maturity + c.effects["reporting"] + r.gauss(0, 0.15) > 0.45:
            return Answer(value="comply", changed_at=self.stamp)
        return Answer(value="explain", explanation=r.choice(EXPLAIN_TEXTS), changed_at=self.stamp)

    def choice(self, q: Question) -> Answer:
        gen, c, stamp = self.gen, self.c, self.stamp
        if not q.scored or all(o.level is None for o in q.options):
            return Answer(value=c.rng(gen.seed, q.id, "choice").choice(q.option_ids), changed_at=stamp)
        if {"partly_renewable", "fully_green_tariff"} <= set(q.option_ids):
            value = gen._renewable_power(c, q, self.round)
            return Answer(value=value, evidence=gen._evidence(c, q, value), changed_at=stamp)
        value = _closest(q, gen.target_level(c, q, self.round))
        explanation = None
        if registry.get(q.type).needs_explanation(q, value):
            explanation = c.rng(gen.seed, q.id, "explain").choice(EXPLAIN_TEXTS)
        return Answer(value=value, explanation=explanation, evidence=gen._evidence(c, q, value), changed_at=stamp)

    def rows(self, q: Question) -> Answer | None:
        return self.gen.vsme.table(self.c, q, self.stamp)

    def level(self, q: Question) -> float:
        return self.gen.target_level(self.c, q, self.round)


def _size_of(c: DemoCompany, round_: str) -> str:
    emp = c.employees[round_]
    return "micro" if emp < 10 else ("small" if emp < 50 else "medium")


def _poisson(rng: random.Random, lam: float) -> int:
    # Knuth; lam is small here
    import math

    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _round(value: float, unit: str) -> float | int:
    if unit in ("MWh", "t", "GWh"):
        return round(value, 1) if value >= 10 else round(value, 2)
    if unit == "percent":
        return round(value, 1)
    if unit in ("hours", "FTE"):
        return round(value, 1)
    return round(value)


def _closest(q: Question, target: float) -> str:
    """The option whose level is closest to ``target`` (the lower one on ties)."""
    leveled = [o for o in q.options if o.level is not None]
    best = min(leveled, key=lambda o: (abs((o.level or 0) - target), o.level))
    return best.id


def _yes_no(q: Question, yes: bool) -> str:
    ids = q.option_ids
    if "yes" in ids and "no" in ids:
        return "yes" if yes else "no"
    return ids[0] if yes else ids[-1]


def _stamp(round_: str, rng: random.Random) -> str:
    """A deterministic time during the round's workshop weeks."""
    day = {"2025": (3, 11), "2026": (3, 10)}.get(round_, (3, 10))
    month, first = day
    d = first + rng.randrange(0, 14)
    return f"{round_}-{month:02d}-{d:02d}T{rng.randrange(8, 19):02d}:{rng.randrange(60):02d}:00+00:00"


def value_of(answers: dict[str, Answer], qid: str) -> Any:
    a = answers.get(qid)
    return a.value if a else None
