"""How complete a response's VSME Basic module is: per disclosure B1-B11 complete / partly / open / omitted.

Pure function of the questionnaire and the response. A disclosure is *omitted* when the company listed it as
classified or sensitive information (question b1_omitted, as the VSME allows); conditional disclosures follow
the VSME's rules (B4 only when pollutants are reported by law or in an environmental management system, B5 for
sites in or near biodiversity-sensitive areas, B8 turnover rate from 50 employees, the B10 pay gap from 150).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from toolkit.definitions.model import Questionnaire
from toolkit.i18n import LANGS, t
from toolkit.responses import Response
from toolkit.scoring.applicability import visible_questions

COMPLETENESS_STATES = ("complete", "partly", "open", "omitted")
DISCLOSURE_IDS = ("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11")
DISCLOSURES = {  # id -> name in every language (vsme.disclosure.<id>)
    d: {lang: t(f"vsme.disclosure.{d}", lang) for lang in LANGS} for d in DISCLOSURE_IDS
}
OMISSIONS = {  # disclosure -> the b1_omitted options that together omit it
    "B2": ("b2",),
    "B3": ("b3_energy", "b3_ghg"),
    "B4": ("b4",),
    "B5": ("b5",),
    "B6": ("b6",),
    "B7": ("b7_waste", "b7_materials"),
    "B8": ("b8",),
    "B9": ("b9",),
    "B10": ("b10",),
    "B11": ("b11",),
}
PROFILE_B1 = ("legal_form", "nace", "turnover", "balance_sheet", "employees", "country")


@dataclass
class DisclosureStatus:
    id: str
    name: dict[str, str]
    status: str  # complete | partly | open | omitted
    answered: int
    required: int
    missing: list[str] = field(default_factory=list)


@dataclass
class VsmeCompleteness:
    disclosures: list[DisclosureStatus]

    @property
    def complete(self) -> bool:
        return all(d.status in ("complete", "omitted") for d in self.disclosures)

    def to_dict(self) -> dict[str, Any]:
        return {"complete": self.complete, "disclosures": [asdict(d) for d in self.disclosures]}


def _required(qn: Questionnaire, resp: Response, shown: set[str]) -> dict[str, list[str]]:
    def value(qid: str) -> Any:
        a = resp.answers.get(qid)
        return None if a is None else a.value

    employees = resp.company.employees or 0
    req: dict[str, list[str]] = {
        "B1": [f"company.{f}" for f in PROFILE_B1] + ["b1_module", "b1_basis", "b1_sites", "b1_employee_type"],
        "B2": ["b2_practices", "b2_policies", "b2_initiatives"],
        "B3": ["en_grid_electricity", "en_heating_carriers", "en_has_vehicles"],
        "B4": ["b4_applicable"],
        "B5": ["b5_sensitive_sites"],
        "B6": ["res_water"],
        "B7": ["res_circular", "res_waste_total", "res_waste_hazardous"],
        "B8": ["wf_employees_permanent", "wf_employees_temporary", "wf_employees_female", "wf_employees_male"],
        "B9": ["wf_accidents", "wf_fatalities", "wf_hours_worked"],
        "B10": ["eq_min_wage", "wf_collective_bargaining", "qual_training_hours_female", "qual_training_hours_male"],
        "B11": ["comp_corruption_convictions", "comp_corruption_fines"],
    }
    if value("b1_basis") == "consolidated":
        req["B1"].append("b1_subsidiaries")
    req["B3"] += [q.id for q in qn.iter_questions() if q.carrier and q.id in shown and q.show_if]
    if value("b4_applicable") == "yes":
        req["B4"].append("b4_pollutants")
    if value("b5_sensitive_sites") == "yes":
        req["B5"].append("b5_sites")
    if employees >= 50:
        req["B8"].append("wf_turnover_rate")
    if employees >= 150:
        req["B10"].append("eq_pay_gap")
    return {d: [q for q in qs if q.startswith("company.") or q in qn.questions] for d, qs in req.items()}


def vsme_completeness(qn: Questionnaire, resp: Response) -> VsmeCompleteness:
    shown = visible_questions(qn, resp.answers, resp.company.size_class)
    omitted_raw = resp.answers.get("b1_omitted")
    omitted = set(omitted_raw.value) if omitted_raw and isinstance(omitted_raw.value, list) else set()
    out = []
    for d, qids in _required(qn, resp, shown).items():
        missing = []
        for qid in qids:
            if qid.startswith("company."):
                if getattr(resp.company, qid.split(".", 1)[1], None) in (None, ""):
                    missing.append(qid)
                continue
            a = resp.answers.get(qid)
            if a is None or not a.answered:
                missing.append(qid)
        if d in OMISSIONS and set(OMISSIONS[d]) <= omitted:
            status = "omitted"
        elif not missing:
            status = "complete"
        elif len(missing) < len(qids):
            status = "partly"
        else:
            status = "open"
        out.append(DisclosureStatus(d, DISCLOSURES[d], status, len(qids) - len(missing), len(qids), missing))
    return VsmeCompleteness(out)
