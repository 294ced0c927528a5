"""Data quality of one response: contradictions, unevidenced top-level claims, key figures with missing inputs.
Pure functions.

* **Contradictions** come from the questionnaire's ``checks`` (plausibility rules in the YAML, e.g. an ISO 50001
  claim while energy use is known only from the bills, or more electricity fed into the grid than generated)
  and from comply-or-explain answers that say "comply" while the criterion's key questions stay below the
  documented minimum (added by :mod:`toolkit.scoring.scores`). A check fires when every condition holds for the
  answers of questions the company is shown; an open answer never fires a check.
* **Unevidenced claims**: a chosen option that asks for evidence (a certificate number, a document) while the
  answer carries none. Evidence never blocks saving; the report lists what is missing.
* **Incomplete key figures**: a key figure whose inputs are not all answered is "unvollständig"/"incomplete",
  never a misleading 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from toolkit.definitions.model import Questionnaire, Text
from toolkit.responses import Answer, Company
from toolkit.scoring.applicability import HIDDEN, PENDING, evaluate

CONTRADICTION, UNEVIDENCED = "contradiction", "unevidenced"
KPI_FIGURES = (
    "total_mwh",
    "renewable_share",
    "scope1",
    "scope2",
    "total_t",
    "per_employee",
    "per_meur",
    "mwh_per_employee",
)


@dataclass
class Finding:
    """One data-quality finding: a contradiction (``id`` is the check) or an unevidenced claim."""

    kind: str  # contradiction | unevidenced
    id: str
    message: Text
    questions: list[str]


@dataclass
class DataQuality:
    findings: list[Finding] = field(default_factory=list)
    incomplete_kpis: dict[str, list[str]] = field(default_factory=dict)  # figure -> open inputs

    @property
    def contradictions(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == CONTRADICTION]

    @property
    def unevidenced(self) -> list[Finding]:
        return [f for f in self.findings if f.kind == UNEVIDENCED]

    def for_question(self, qid: str) -> list[Finding]:
        return [f for f in self.findings if qid in f.questions]

    def to_dict(self) -> dict[str, Any]:
        return {
            "contradictions": [f.__dict__ for f in self.contradictions],
            "unevidenced": [f.__dict__ for f in self.unevidenced],
            "incomplete_kpis": self.incomplete_kpis,
        }


def contradictions(
    qn: Questionnaire, answers: Mapping[str, Answer], company: Company | None, states: Mapping[str, str]
) -> list[Finding]:
    """The questionnaire's checks that fire for these answers (only answers to questions shown count)."""
    shown = {qid: a for qid, a in answers.items() if states.get(qid) not in (HIDDEN, PENDING)}
    out = []
    for check in qn.checks:
        if check.when and all(evaluate(c, qn, shown, company) is True for c in check.when):
            out.append(Finding(CONTRADICTION, check.id, check.message, list(check.questions)))
    return out


def unevidenced(qn: Questionnaire, answers: Mapping[str, Answer], states: Mapping[str, str]) -> list[Finding]:
    """Chosen options that ask for evidence while the answer gives none."""
    out = []
    for q in qn.iter_questions():
        a = answers.get(q.id)
        if a is None or states.get(q.id) in (HIDDEN, PENDING) or not isinstance(a.value, str) or a.not_applicable:
            continue
        prompt = q.evidence_prompt(a.value)
        if prompt and not (a.evidence or "").strip():
            out.append(Finding(UNEVIDENCED, q.id, prompt, [q.id]))
    return out


def kpi_inputs(qn: Questionnaire, carrier_scope: Mapping[str, int]) -> dict[str, set[str]]:
    """Which questions (and company fields, as ``company.<field>``) each key figure is computed from.
    ``carrier_scope`` maps a carrier to its scope in the factor table (1, 2, or 0 for no emissions)."""
    energy: set[str] = set()
    by_scope: dict[int, set[str]] = {1: set(), 2: set()}
    green: set[str] = set()
    for q in qn.iter_questions():
        if q.carrier:
            gates = {c.question for c in q.show_if}
            energy |= {q.id, *gates}
            scope = carrier_scope.get(q.carrier, 0)
            if scope in by_scope:
                by_scope[scope] |= {q.id, *gates}
        elif q.kpi == "self_generated_exported":
            energy.add(q.id)
        elif q.kpi == "green_tariff_share":
            green.add(q.id)
    total_t = by_scope[1] | by_scope[2]
    return {
        "total_mwh": energy,
        "renewable_share": energy | green,
        "scope1": by_scope[1],
        "scope2": by_scope[2],
        "total_t": total_t,
        "per_employee": total_t | {"company.employees"},
        "per_meur": total_t | {"company.turnover"},
        "mwh_per_employee": energy | {"company.employees"},
    }


def incomplete_kpis(
    qn: Questionnaire,
    answers: Mapping[str, Answer],
    company: Company,
    states: Mapping[str, str],
    carrier_scope: Mapping[str, int],
) -> dict[str, list[str]]:
    """Key figure -> the inputs still open (only figures with open inputs are listed). A shown or pending
    input question without an answer (a value or "not applicable") is open; hidden questions are not inputs."""
    out: dict[str, list[str]] = {}
    for figure, inputs in kpi_inputs(qn, carrier_scope).items():
        missing = sorted(_open(inputs, answers, company, states))
        if missing:
            out[figure] = missing
    return out


def _open(
    inputs: Iterable[str], answers: Mapping[str, Answer], company: Company, states: Mapping[str, str]
) -> Iterator[str]:
    for ref in inputs:
        if ref.startswith("company."):
            if getattr(company, ref.split(".", 1)[1], None) is None:
                yield ref
            continue
        if states.get(ref) == HIDDEN:
            continue
        a = answers.get(ref)
        if a is None or not a.answered:
            yield ref
