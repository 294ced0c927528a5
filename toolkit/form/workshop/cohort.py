"""The workshop's companies: one response file ``<company-id>.json`` per company in the cohort folder."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from toolkit.definitions.model import Questionnaire
from toolkit.errors import ToolkitError
from toolkit.form.session import is_done
from toolkit.responses import Company, is_company_id, load_response, new_response, read_json, save_response
from toolkit.responses.plan import parse_date
from toolkit.scoring.applicability import visible_questions
from toolkit.scoring.scores import score

ID_COLUMNS = ("company_id", "id", "company", "kennung", "unternehmens_id", "firma_id")
NAME_COLUMNS = ("name", "company_name", "firma", "unternehmen", "firmenname")


class WorkshopError(ToolkitError, ValueError):
    """The workshop cannot start: a bad companies file or cohort folder."""


def csv_delimiter(text: str, default: str = ";") -> str:
    """';' or ',' as the first line of a CSV uses them (German Excel writes ';'); ``default`` when it says nothing."""
    first = text.splitlines()[0] if text.strip() else ""
    if first.count(";") == first.count(","):
        return default
    return ";" if first.count(";") > first.count(",") else ","


def read_companies_csv(path: Path) -> dict[str, str]:
    """company id -> name from a CSV (comma or semicolon, as Excel writes it). Columns: id and name."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise WorkshopError(f"{path}: file not found. Check the path of --companies.") from None
    except UnicodeDecodeError:
        raise WorkshopError(f"{path}: not UTF-8 text. Save the CSV as 'CSV UTF-8' in Excel.") from None
    reader = csv.DictReader(io.StringIO(text), delimiter=csv_delimiter(text, ","))
    columns = {c.strip().lower(): c for c in (reader.fieldnames or [])}
    id_col = next((columns[c] for c in ID_COLUMNS if c in columns), None)
    name_col = next((columns[c] for c in NAME_COLUMNS if c in columns), None)
    if id_col is None:
        raise WorkshopError(
            f"{path}:1: no company id column. Name the first row's columns e.g. 'company_id;name' "
            f"(accepted: {', '.join(ID_COLUMNS)})."
        )
    out: dict[str, str] = {}
    for line, row in enumerate(reader, start=2):
        cid = (row.get(id_col) or "").strip()
        if not cid:
            continue
        if not is_company_id(cid):
            raise WorkshopError(
                f"{path}:{line}: '{cid}' is not a valid company id. Use 1-64 letters, digits, '.', '_' or '-', "
                "starting with a letter or digit."
            )
        if cid in out:
            raise WorkshopError(f"{path}:{line}: the company id '{cid}' appears twice. Give each company its own id.")
        out[cid] = (row.get(name_col) or "").strip() if name_col else ""
    if not out:
        raise WorkshopError(f"{path}: no companies found. Add one row per company below the header row.")
    return out


def create_responses(cohort_dir: Path, companies: dict[str, str], qn: Questionnaire) -> list[str]:
    """Create ``<id>.json`` for each company that has no file yet; the ids created."""
    created = []
    for cid, name in companies.items():
        path = Path(cohort_dir) / f"{cid}.json"
        if path.exists():
            continue
        save_response(new_response(qn, Company(id=cid, name=name)), path)
        created.append(cid)
    return created


def cohort_companies(cohort_dir: Path) -> dict[str, str]:
    """company id -> name of every response file in the folder (ids from the file names)."""
    out: dict[str, str] = {}
    for path in sorted(Path(cohort_dir).glob("*.json")):
        cid = path.stem
        if path.name.startswith(".") or not is_company_id(cid):
            continue
        name = ""
        try:
            data, _ = read_json(path)
            company = data.get("company")
            if isinstance(company, dict) and isinstance(company.get("name"), str):
                name = company["name"]
        except ToolkitError:
            pass
        out[cid] = name
    return out


@dataclass
class CompanyProgress:
    """What the facilitator sees of one company: progress and levels, never answers."""

    company_id: str
    name: str
    done: int = 0
    total: int = 0
    last_change: str | None = None
    levels: dict[str, tuple[int | None, dict[str, str]]] = field(default_factory=dict)  # dim -> (level, name)
    problem: str | None = None
    provisional: set[str] = field(default_factory=set)  # dims whose level stands on too few answers
    actions_open: int = 0  # planned or in progress (issue 16): counts only, never titles or content
    actions_overdue: int = 0  # open and due before today


def company_progress(cohort_dir: Path, company_id: str, qn: Questionnaire) -> CompanyProgress:
    path = Path(cohort_dir) / f"{company_id}.json"
    try:
        resp = load_response(path, qn)
    except ToolkitError as exc:
        return CompanyProgress(company_id, "", problem=str(exc).splitlines()[0])
    shown = visible_questions(qn, resp.answers, resp.company.size_class)
    row = CompanyProgress(company_id, resp.company.name)
    row.total = len(shown)
    row.done = sum(1 for qid in shown if is_done(resp.answers.get(qid)))
    stamps = [a.changed_at for a in resp.answers.values() if a.changed_at]
    if resp.revision > 1:  # saved again after it was created: the file's own time counts (profile changes too)
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(microsecond=0)
        stamps.append(mtime.isoformat())
    row.last_change = max(stamps) if stamps else None
    today = date.today()
    row.actions_open = sum(1 for a in resp.actions if a.open)
    row.actions_overdue = sum(1 for a in resp.actions if a.open and (due := parse_date(a.due)) and due < today)
    card = score(qn, resp)
    row.levels = {d.id: (d.level, d.level_name) for d in card.headline}
    row.provisional = {d.id for d in card.headline if d.provisional}
    return row
