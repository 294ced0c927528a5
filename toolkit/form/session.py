"""One participant's editing session on one response file: answers, autosave, stale detection, position.

No widgets here, so the rules can be tested and reused (the JupyterLab form and the workshop app share it).
The last page viewed and the language are kept in a small sidecar file next to the response
(``.<name>.ui``), never in notebook metadata; it holds no answers and no personal data.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from toolkit.atomic import atomic_write_text
from toolkit.definitions.model import Questionnaire
from toolkit.errors import StaleRevisionError, ToolkitError
from toolkit.form.validation import answer_message, profile_message
from toolkit.responses import COMPANY_ID_RE, Answer, Company, Response, load_response, new_response, save_response
from toolkit.scoring.applicability import visible_questions
from toolkit.scoring.scores import ScoreCard, score

PROFILE_PAGE = "profile"


class FormError(ToolkitError, ValueError):
    """The form cannot be opened on this file (bad name, not a response, damaged file, wrong questionnaire).

    ``key`` names the participant's message ``form.<key>`` in :mod:`toolkit.i18n` (German and English, filled with
    ``fields``); the exception text stays the toolkit's located English detail for logs and the CLI.
    """

    def __init__(self, detail: str, key: str = "damaged_response", **fields: object) -> None:
        super().__init__(detail)
        self.key = key
        self.fields = fields

    def message(self, lang: str = "de") -> str:
        """What went wrong and what to do, in the participant's language."""
        from toolkit.i18n import t

        return t(f"form.{self.key}", lang, **self.fields)


@dataclass
class SaveOutcome:
    """What became of a change: saved, refused as invalid, refused because the file changed elsewhere."""

    saved: bool
    stale: bool = False
    message: str | None = None  # a validation message or a save error, in the participant's language


@dataclass
class Progress:
    done: int
    total: int
    areas: dict[str, tuple[int, int]] = field(default_factory=dict)  # area id -> (done, total)
    criteria: dict[int, tuple[int, int]] = field(default_factory=dict)  # DNK criterion -> (done, total)


def ui_state_path(response_path: str | Path) -> Path:
    p = Path(response_path)
    return p.with_name(f".{p.name}.ui")


def read_ui_state(response_path: str | Path) -> dict[str, Any]:
    try:
        data = json.loads(ui_state_path(response_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_ui_state(response_path: str | Path, state: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # the position is a convenience; never let it disturb answering
        atomic_write_text(ui_state_path(response_path), json.dumps(state, sort_keys=True) + "\n")


def is_done(answer: Answer | None) -> bool:
    """Counted as answered in the progress: a value, 'not applicable', or an explanation why not."""
    return answer is not None and (answer.answered or answer.explained)


class FormSession:
    """Load (or create) the response at ``path`` and keep it saved on every valid change."""

    def __init__(self, path: str | Path, qn: Questionnaire, company_name: str | None = None) -> None:
        self.path = Path(path)
        self.qn = qn
        self.stale = False
        self.last_saved: datetime | None = None
        if self.path.exists():
            try:
                self.resp: Response = load_response(self.path, qn)
            except ToolkitError as exc:
                codes = {p.code for p in getattr(exc, "problems", [])}
                key = "not_a_response" if "R026" in codes or self.path.suffix.lower() != ".json" else "damaged_response"
                raise FormError(str(exc), key, name=self.path.name) from exc
        else:
            cid = self.path.stem
            if not COMPANY_ID_RE.fullmatch(cid) or self.path.suffix.lower() != ".json":
                raise FormError(
                    f"'{self.path.name}' is not a valid company id: use letters, digits, '-', '_', '.'",
                    "bad_company_id",
                    name=self.path.name,
                )
            self.resp = new_response(qn, Company(id=cid, name=company_name or ""))
            save_response(self.resp, self.path)
            self.last_saved = datetime.now()
        self.ui = read_ui_state(self.path)

    # ---- reading -------------------------------------------------------------------------------------------
    @property
    def company(self) -> Company:
        return self.resp.company

    @property
    def size_class(self) -> str | None:
        return self.resp.company.size_class

    def answer(self, qid: str) -> Answer | None:
        return self.resp.answers.get(qid)

    def visible(self) -> set[str]:
        return visible_questions(self.qn, self.resp.answers, self.size_class)

    def progress(self, visible: set[str] | None = None) -> Progress:
        shown = self.visible() if visible is None else visible
        prog = Progress(0, 0)
        for area in self.qn.areas:
            a_done = a_total = 0
            for crit in area.criteria:
                qs = [q for q in crit.questions if q.id in shown]
                done = sum(1 for q in qs if is_done(self.resp.answers.get(q.id)))
                prog.criteria[crit.number] = (done, len(qs))
                a_done += done
                a_total += len(qs)
            prog.areas[area.id] = (a_done, a_total)
            prog.done += a_done
            prog.total += a_total
        return prog

    def scorecard(self) -> ScoreCard:
        return score(self.qn, self.resp)

    # ---- changing ------------------------------------------------------------------------------------------
    def put_answer(self, qid: str, answer: Answer | None, lang: str = "de") -> SaveOutcome:
        """Set (or, with None, remove) the answer to ``qid`` and save. An invalid answer is refused: the
        last valid one stays in memory and on disk."""
        q = self.qn.questions[qid]
        if answer is not None:
            problem = answer_message(q, answer, lang)
            if problem is not None:
                return SaveOutcome(False, message=problem)
            if not (answer.answered or answer.explained or answer.note):
                answer = None
        if self.stale:
            return SaveOutcome(False, stale=True)
        before = self.resp.answers.get(qid)
        if answer is None:
            self.resp.answers.pop(qid, None)
        else:
            self.resp.set_answer(qid, answer)
        outcome = self.save()
        if outcome.stale:  # keep memory equal to the last state this window saved
            if before is None:
                self.resp.answers.pop(qid, None)
            else:
                self.resp.answers[qid] = before
        return outcome

    def put_company(self, fld: str, value: Any, lang: str = "de") -> SaveOutcome:
        """Set one company field (name, nace, employees, turnover, balance_sheet, legal_form, country)."""
        if isinstance(value, str):
            value = value.strip() or None
        problem = profile_message(self.qn, self.resp.company, fld, value, None, lang)
        if problem is not None:
            return SaveOutcome(False, message=problem)
        if self.stale:
            return SaveOutcome(False, stale=True)
        before = getattr(self.resp.company, fld)
        if fld == "name":
            value = value or ""
        elif fld in ("employees", "turnover", "balance_sheet") and value is not None:
            value = float(value)
        setattr(self.resp.company, fld, value)
        outcome = self.save()
        if outcome.stale:
            setattr(self.resp.company, fld, before)
        return outcome

    def save(self) -> SaveOutcome:
        if self.stale:
            return SaveOutcome(False, stale=True)
        try:
            save_response(self.resp, self.path)
        except StaleRevisionError:
            self.stale = True
            return SaveOutcome(False, stale=True)
        except OSError as exc:
            return SaveOutcome(False, message=exc.strerror or str(exc))
        self.last_saved = datetime.now()
        return SaveOutcome(True)

    def reload(self) -> None:
        """Read the file again (after another window changed it) and clear the stale state."""
        try:
            self.resp = load_response(self.path, self.qn)
        except ToolkitError as exc:
            raise FormError(str(exc)) from exc
        self.stale = False

    # ---- position ------------------------------------------------------------------------------------------
    def remember(self, **state: Any) -> None:
        self.ui.update(state)
        write_ui_state(self.path, self.ui)
