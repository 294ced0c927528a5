"""Carrying a response over to a newer questionnaire version, reporting what was kept and dropped."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.definitions.model import Questionnaire
from toolkit.errors import Code, Location, Problem, ResponseError
from toolkit.responses.document import Response
from toolkit.responses.parse import JsonLocator, check_answer, checked_questionnaire_version, parse_response, read_json
from toolkit.responses.plan_parse import migrate_plan


@dataclass
class MigrationReport:
    from_version: str
    to_version: str
    kept: list[str] = field(default_factory=list)
    dropped: dict[str, Any] = field(default_factory=dict)  # question id -> the old answer
    invalid: dict[str, str] = field(default_factory=dict)  # question id -> why the old answer no longer fits
    plan: list[str] = field(default_factory=list)  # links of actions and cooperation entries that were dropped

    def lines(self) -> list[str]:
        out = [f"Migrated from {self.from_version} to {self.to_version}: {len(self.kept)} answers kept."]
        out += [f"  dropped {qid}: the question no longer exists" for qid in self.dropped]
        out += [f"  dropped {qid}: {why}" for qid, why in self.invalid.items()]
        out += [f"  {note}" for note in self.plan]
        return out


def migrate_response(path: str | Path, qn: Questionnaire) -> tuple[Response, MigrationReport]:
    """Carry a response made for another version of ``qn``'s questionnaire over to ``qn``'s version.

    Answers to questions that still exist and still accept the answer are kept; the others are listed in the
    report (with their old value, so nothing is lost silently). The source file is not modified.
    """
    data, text = read_json(path)
    loc = JsonLocator(str(path), text)
    old_version = checked_questionnaire_version(data, qn, loc, [])
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        raise ResponseError([Code.R041.problem(loc.at("answers"))])
    report = MigrationReport(old_version, qn.version)
    migrated = copy.deepcopy(data)
    migrated["questionnaire"] = {"id": qn.id, "version": qn.version}
    kept: dict[str, Any] = {}
    for qid, raw in answers.items():
        q = qn.question(qid)
        if q is None:
            report.dropped[qid] = raw
            continue
        raw, why = qn.migrated_answer(old_version, qid, raw)  # option ids renamed between the versions
        if why is not None:
            report.invalid[qid] = why
            continue
        probs: list[Problem] = []
        if check_answer(q, raw, Location(str(path)), probs) is None:
            report.invalid[qid] = probs[0].message if probs else "invalid"
            continue
        kept[qid] = raw
        report.kept.append(qid)
    migrated["answers"] = kept
    report.plan = migrate_plan(migrated, qn)  # goals and actions stay; links to questions that are gone do not
    resp = parse_response(migrated, qn, str(path))
    resp.revision = 0
    resp.path = None
    return resp, report
