"""The next round knows the last: a new round's response starts from the previous round's goals and open actions.

:func:`carry_over` is pure: from the previous round's response it builds the new round's (company profile,
goals with their baselines, open actions, the cooperation lists). Nothing is copied silently:

* answers are not carried at all: every question is answered again in the new round;
* each open action (``planned`` or ``in_progress``) is carried with ``confirmed: false``; the form asks the
  participant to confirm or update its status, and scores and reports mark it "nicht bestätigt" until then.
  Actions done or dropped in the previous round stay there;
* goals keep their base round and baseline, so the new round can say whether they are on track;
* the cooperation offers and needs are kept, but the opt-in is off again: taking part is a decision per round.

:func:`carry_over_file` writes the result (atomically, like every save) or merges the carried goals and actions
into a response of the new round that already exists (goals and actions it has already are left as they are).
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.definitions.model import Questionnaire
from toolkit.errors import Code, Location, ResponseError, ToolkitError
from toolkit.responses import Company, Response, load_response, migrate_response, new_response, save_response
from toolkit.responses.plan import Cooperation, round_year

log = logging.getLogger(__name__)  # file paths and codes only


@dataclass
class CarryReport:
    """What one carry-over did."""

    company_id: str
    from_round: str
    to_round: str
    goals: list[str] = field(default_factory=list)  # carried goal ids
    actions: list[str] = field(default_factory=list)  # carried (open) action ids
    finished: list[str] = field(default_factory=list)  # done or dropped, left in the previous round
    kept: list[str] = field(default_factory=list)  # already in the target: left as they are
    merged: bool = False  # into an existing response of the new round
    target: str = ""
    response: Response | None = None  # the new round's response (not saved by carry_over)

    def line(self) -> str:
        where = "merged into" if self.merged else "written"
        kept = f", {len(self.kept)} already there" if self.kept else ""
        return (
            f"{self.company_id}: {len(self.goals)} goal(s) and {len(self.actions)} open action(s) carried from "
            f"{self.from_round} to {self.to_round} ({len(self.finished)} finished left behind{kept}); {where} "
            f"{self.target}"
        )


def carry_over(prev: Response, qn: Questionnaire, new_round: str, into: Response | None = None) -> CarryReport:
    """Carry ``prev``'s goals and open actions into ``into`` (a response of ``new_round``; a new one when None);
    the result is ``report.response``. Raises ResponseError when ``new_round`` is not later than ``prev``'s round."""
    new_year, old_year = round_year(new_round), round_year(prev.round)
    if new_year is None or old_year is None or new_year <= old_year or str(new_round) == str(prev.round):
        raise ResponseError(
            [
                Code.R045.problem(
                    Location(prev.path or "<response>"),
                    round=new_round,
                    previous=prev.round,
                    example=(old_year or 2025) + 1,
                )
            ]
        )
    target = into
    if target is None:
        company = Company(**copy.deepcopy(prev.company.__dict__))
        target = new_response(qn, company, new_round)
    report = CarryReport(prev.company.id, str(prev.round), str(new_round), merged=into is not None)
    have_goals = {g.id for g in target.goals}
    for g in prev.goals:
        if g.id in have_goals:
            report.kept.append(g.id)
            continue
        target.goals.append(copy.deepcopy(g))
        report.goals.append(g.id)
    have_actions = {a.id for a in target.actions}
    for a in prev.actions:
        if not a.open:
            report.finished.append(a.id)
            continue
        if a.id in have_actions:
            report.kept.append(a.id)
            continue
        carried = copy.deepcopy(a)
        carried.confirmed = False
        carried.created_round = a.created_round or str(prev.round)
        if carried.goal is not None and all(g.id != carried.goal for g in target.goals):
            carried.goal = None  # the goal was not carried (cannot happen for a file the toolkit wrote)
        target.actions.append(carried)
        report.actions.append(a.id)
    if prev.cooperation is not None and target.cooperation is None:
        target.cooperation = Cooperation(False, list(prev.cooperation.offers), list(prev.cooperation.needs))
    report.response = target
    return report


def _load_any_version(path: Path, qn: Questionnaire) -> Response:
    """A response of any version of ``qn``'s questionnaire (an earlier one is migrated in memory)."""
    try:
        return load_response(path, qn)
    except ResponseError as exc:
        if not any(p.code == "R004" for p in exc.problems):
            raise
    resp, _report = migrate_response(path, qn)
    resp.path = str(path)
    return resp


def carry_over_file(prev_path: str | Path, qn: Questionnaire, new_round: str, target: str | Path) -> CarryReport:
    """Carry one response file over into ``target`` (a file, or a folder: ``<folder>/<company id>.json``).
    An existing target of the same company and new round is merged into; any other existing file is refused."""
    prev = _load_any_version(Path(prev_path), qn)
    out = Path(target)
    if out.is_dir() or (not out.suffix and not out.exists()):
        out = out / f"{prev.company.id}.json"
    into = None
    if out.exists():
        into = load_response(out, qn)
        if into.company.id != prev.company.id or str(into.round) != str(new_round):
            raise ResponseError(
                [
                    Code.R046.problem(
                        Location(str(out)),
                        found_company=into.company.id,
                        found_round=into.round,
                        company=prev.company.id,
                        round=new_round,
                    )
                ]
            )
    report = carry_over(prev, qn, new_round, into)
    assert report.response is not None
    save_response(report.response, out)
    report.target = str(out)
    return report


def carry_over_folder(
    prev_dir: str | Path, qn: Questionnaire, new_round: str, target_dir: str | Path
) -> tuple[list[CarryReport], list[tuple[str, str]]]:
    """Every response of ``prev_dir`` (not recursive) into ``target_dir``; (reports, failed: (path, why)).
    One failing file never stops the others."""
    reports, failed = [], []
    Path(target_dir).mkdir(parents=True, exist_ok=True)
    for path in sorted(Path(prev_dir).glob("*.json")):
        if path.name.startswith("."):
            continue
        try:
            reports.append(carry_over_file(path, qn, new_round, target_dir))
        except ToolkitError as exc:
            failed.append((str(path), str(exc).splitlines()[0]))
            codes = sorted({p.code for p in getattr(exc, "problems", [])}) or [type(exc).__name__]
            log.info("skipped %s: %s", path, ", ".join(codes))
    return reports, failed
