"""The response document: one company's answers, goals and actions in one assessment round."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeGuard

from toolkit.definitions.model import Questionnaire
from toolkit.definitions.size_classes import size_class
from toolkit.definitions.types.base import MAX_TEXT as _MAX_TEXT
from toolkit.errors import Problem
from toolkit.responses.plan import Action, Cooperation, Goal

FORMAT = "sme-toolkit-response/1"
# The one definition of a company id (also a file name): match it in full, e.g. with is_company_id().
COMPANY_ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}"
COMPANY_ID_RE = re.compile(COMPANY_ID_PATTERN)
MAX_TEXT = _MAX_TEXT  # the longest text in an answer: one limit with the question types that check it
MAX_NAME = 1000
MIN_COMPANY_FIGURE = 0.01  # employees, turnover, balance sheet: 0 or at least this
ANSWER_KEYS = ("value", "unit", "not_applicable", "explanation", "note", "evidence", "changed_at")
COMPANY_KEYS = (
    "id",
    "name",
    "nace",
    "employees",
    "turnover",
    "balance_sheet",
    "legal_form",
    "country",
    "network",
    "region",
)


def is_company_id(value: object) -> TypeGuard[str]:
    """True for a valid company id: the whole string matches (so "abc\\n" or "a/../b" never pass)."""
    return isinstance(value, str) and COMPANY_ID_RE.fullmatch(value) is not None


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass
class Answer:
    value: Any = None
    unit: str | None = None
    not_applicable: bool = False
    explanation: str | None = None
    note: str | None = None
    changed_at: str | None = None
    evidence: str | None = None  # a short note or document reference backing a top-level claim

    @property
    def answered(self) -> bool:
        """A real answer was given (a value, or 'not applicable')."""
        return self.not_applicable or (self.value is not None and self.value != [] and self.value != "")

    @property
    def explained(self) -> bool:
        return bool(self.explanation and self.explanation.strip())

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.not_applicable:
            out["not_applicable"] = True
        else:
            out["value"] = self.value
            if self.unit is not None:
                out["unit"] = self.unit
        if self.explanation:
            out["explanation"] = self.explanation
        if self.note:
            out["note"] = self.note
        if self.evidence and not self.not_applicable:
            out["evidence"] = self.evidence
        out["changed_at"] = self.changed_at or now_iso()
        return out


@dataclass
class Company:
    id: str
    name: str = ""
    nace: str | None = None
    employees: float | None = None
    turnover: float | None = None
    balance_sheet: float | None = None
    legal_form: str | None = None
    country: str | None = None
    network: str | None = None
    region: str | None = None

    @property
    def sector(self) -> str | None:
        """The NACE section letter (e.g. 'C' for manufacturing)."""
        return self.nace[0].upper() if self.nace and self.nace[0].isalpha() else None

    @property
    def size_class(self) -> str | None:
        return size_class(self.employees, self.turnover, self.balance_sheet)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Response:
    questionnaire_id: str
    questionnaire_version: str
    round: str
    company: Company
    answers: dict[str, Answer] = field(default_factory=dict)
    revision: int = 0
    path: str | None = None
    goals: list[Goal] = field(default_factory=list)  # issue 16: goals, action plan, cooperation opt-in
    actions: list[Action] = field(default_factory=list)
    cooperation: Cooperation | None = None
    warnings: list[Problem] = field(default_factory=list)  # found when read (not saved): e.g. W010, W011

    def answer(self, qid: str) -> Answer | None:
        return self.answers.get(qid)

    def set_answer(self, qid: str, answer: Answer) -> None:
        answer.changed_at = now_iso()
        self.answers[qid] = answer

    def to_dict(self) -> dict[str, Any]:
        doc = {
            "format": FORMAT,
            "questionnaire": {"id": self.questionnaire_id, "version": self.questionnaire_version},
            "round": self.round,
            "revision": self.revision,
            "company": self.company.to_dict(),
            "answers": {qid: a.to_dict() for qid, a in self.answers.items()},
        }
        if self.goals:
            doc["goals"] = [g.to_dict() for g in self.goals]
        if self.actions:
            doc["actions"] = [a.to_dict() for a in self.actions]
        if self.cooperation is not None:
            doc["cooperation"] = self.cooperation.to_dict()
        return doc


def new_response(qn: Questionnaire, company: Company, round_: str | int | None = None) -> Response:
    return Response(qn.id, qn.version, str(round_ or qn.year), company)
