"""Reading a response file: bounded, scanned for hostile content, parsed against its questionnaire with
every problem located at file:line:column.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from toolkit.definitions.model import Question, Questionnaire
from toolkit.definitions.types import registry
from toolkit.definitions.types.base import plain_number as _fmt
from toolkit.errors import Code, Location, Problem, ResponseError, did_you_mean
from toolkit.responses.document import (
    ANSWER_KEYS,
    COMPANY_KEYS,
    FORMAT,
    MAX_NAME,
    MAX_TEXT,
    MIN_COMPANY_FIGURE,
    Answer,
    Company,
    Response,
    is_company_id,
)
from toolkit.responses.plan_parse import PlanLocator, parse_plan

MAX_RESPONSE_BYTES = 8 * 1024 * 1024  # refused before parsing; documented in questionnaires/README.md
MAX_DEPTH = 20  # a response is 4 levels deep (document, answers, answer, list of options)


class JsonLocator:
    """Finds the line of a key in the JSON text, so problems point at the answer that is wrong."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text

    def at(self, key: str | None = None, after: str | None = None) -> Location:
        if not key:
            return Location(self.path)
        start = 0
        if after:
            m = re.search(re.escape(json.dumps(after)) + r"\s*:", self.text)
            start = m.start() if m else 0
        m = re.compile(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:").search(self.text, start)
        if not m:
            m = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(self.text, start)
        if not m:
            return Location(self.path)
        line = self.text.count("\n", 0, m.start()) + 1
        col = m.start() - (self.text.rfind("\n", 0, m.start()) + 1) + 1
        return Location(self.path, line, col)


def read_json(path: str | Path) -> tuple[dict[str, Any], str]:
    """Read a response file as JSON; located errors for empty, truncated, binary, malformed or hostile files.

    Files over :data:`MAX_RESPONSE_BYTES` are refused before they are read in full. Before parsing, one scan of
    the text refuses nesting deeper than :data:`MAX_DEPTH`, numbers no float can hold, NaN/Infinity, unpaired
    surrogate escapes and keys that appear twice in one object, each at its line and column.
    """
    spath = str(path)
    raw = _read_bounded(Path(path), spath)
    if not raw.strip():
        raise ResponseError([Code.R016.problem(Location(spath, 1, 1))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ResponseError([Code.R001.problem(Location(spath), detail=f"not UTF-8 text (byte {exc.start})")]) from None
    start = text.lstrip()[:1]
    if start not in ("{", "["):  # prose, CSV, markup: not JSON at all, so neither empty nor truncated
        begins = text.lstrip()[:12].splitlines()[0]
        detail = f"it is not JSON: it begins with {begins!r}"
        raise ResponseError([Code.R026.problem(Location(spath, 1, 1), detail=detail)])
    fatal, problems = _scan(text, spath)
    if fatal:
        raise ResponseError(problems)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        body = text.rstrip()
        if exc.pos >= len(body) - 1 or not body.endswith("}"):
            end = Location(spath, body.count("\n") + 1, len(body.splitlines()[-1]) + 1)
            raise ResponseError([Code.R016.problem(end)]) from None
        raise ResponseError([Code.R001.problem(Location(spath, exc.lineno, exc.colno), detail=exc.msg)]) from None
    except ValueError as exc:  # an integer with more digits than Python converts; the scan has located it
        raise ResponseError(problems or [Code.R001.problem(Location(spath), detail=str(exc))]) from None
    if problems:
        raise ResponseError(problems)
    if isinstance(data, dict) and not data.keys() & {"format", "questionnaire", "company", "answers"}:
        raise ResponseError(
            [Code.R026.problem(Location(spath, 1, 1), detail="it holds no company, questionnaire or answers")]
        )
    if not isinstance(data, dict):
        raise ResponseError(
            [Code.R037.problem(Location(spath, 1, 1), found=_JSON_KINDS.get(type(data), "something else"))]
        )
    return data, text


_JSON_KINDS = {list: "a list", str: "a text", int: "a number", float: "a number", bool: "true/false"}
_JSON_KINDS[type(None)] = "null"


def _read_bounded(path: Path, spath: str) -> bytes:
    """The file's bytes; refused (R018) when larger than MAX_RESPONSE_BYTES, without reading more than that."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_RESPONSE_BYTES + 1)
            size = max(len(raw), os.fstat(fh.fileno()).st_size)
    except FileNotFoundError:
        raise ResponseError([Code.R038.problem(Location(spath))]) from None
    except OSError as exc:
        raise ResponseError([Code.R039.problem(Location(spath), reason=exc.strerror or exc)]) from None
    if size > MAX_RESPONSE_BYTES:
        raise ResponseError(
            [Code.R018.problem(Location(spath), size=_megabytes(size), limit=_megabytes(MAX_RESPONSE_BYTES))]
        )
    return raw


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


# One token of JSON text as far as the pre-parse scan needs it: a string (a key when a colon follows), a bracket,
# a number or a non-standard constant. Strings use the unrolled-loop form, which never backtracks.
_TOKEN = re.compile(
    r'(?P<str>"[^"\\]*(?:\\.[^"\\]*)*")(?P<colon>\s*:)?'
    r"|(?P<open>[\[{])|(?P<close>[\]}])"
    r"|(?P<num>-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)"
    r"|(?P<const>NaN|-?Infinity)"
)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def _scan(text: str, path: str) -> tuple[bool, list[Problem]]:
    """Problems ``json.loads`` would crash on or silently accept; (fatal, problems). Fatal means: do not parse."""
    problems: list[Problem] = []
    stack: list[dict[str, int] | None] = []  # per open bracket: an object's keys (-> offset) or None (array)

    def at(offset: int) -> Location:
        line = text.count("\n", 0, offset) + 1
        return Location(path, line, offset - (text.rfind("\n", 0, offset) + 1) + 1)

    surrogates = _SURROGATE_ESCAPE.search(text) is not None
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "open":
            stack.append({} if text[m.start()] == "{" else None)
            if len(stack) > MAX_DEPTH:
                return True, [Code.R022.problem(at(m.start()), limit=MAX_DEPTH)]
        elif kind == "close":
            if stack:
                stack.pop()
        elif kind == "colon" or kind == "str":  # a key (a colon follows) or a string value
            token = m.group("str")
            escape = _lone_surrogate(token) if surrogates else None
            if escape is not None:
                problems.append(Code.R024.problem(at(m.start() + token.find(escape)), escape=escape))
                continue
            keys = stack[-1] if kind == "colon" and stack else None
            if keys is not None:
                key = _decode(token)
                if key is None:  # an invalid escape: json.loads reports it
                    continue
                if key in keys:
                    first = at(keys[key]).line
                    problems.append(Code.R019.problem(at(m.start()), key=key, first=first))
                else:
                    keys[key] = m.start()
        elif kind == "num":
            token = m.group("num")
            if not math.isfinite(float(token)):
                what = "digits" if token.lstrip("-").isdigit() else "characters"
                shown = token if len(token) <= 24 else f"{token[:10]}…{token[-4:]} ({len(token)} {what})"
                problems.append(Code.R023.problem(at(m.start()), number=shown, detail="too large for a figure"))
        else:
            token = m.group("const")
            problems.append(Code.R023.problem(at(m.start()), number=token, detail="JSON has no such value"))
    return False, problems


def _decode(token: str) -> str | None:
    """A JSON string token as text, or None when its escapes are invalid."""
    if "\\" not in token:
        return token[1:-1]
    try:
        decoded = json.loads(token)
    except ValueError:
        return None
    return decoded if isinstance(decoded, str) else None


def _lone_surrogate(token: str) -> str | None:
    """The escape of an unpaired UTF-16 surrogate in a JSON string token (as written), or None."""
    if "\\u" not in token or not _SURROGATE_ESCAPE.search(token):
        return None
    for ch in _decode(token) or "":
        if "\ud800" <= ch <= "\udfff":  # the decoder joins valid pairs; what is left is unpaired
            m = re.search(re.escape(f"\\u{ord(ch):04x}"), token, re.IGNORECASE)
            return m.group(0) if m else f"\\u{ord(ch):04x}"
    return None


def load_response(path: str | Path, qn: Questionnaire, check_version: bool = True) -> Response:
    """Load and check a response document against ``qn``. The file is never modified."""
    data, text = read_json(path)
    resp = parse_response(data, qn, str(path), text, check_version=check_version)
    resp.path = str(path)
    return resp


def parse_response(
    data: dict[str, Any],
    qn: Questionnaire,
    path: str = "<response>",
    text: str | None = None,
    check_version: bool = True,
) -> Response:
    loc = JsonLocator(path, text if text is not None else json.dumps(data, indent=2, ensure_ascii=False))
    problems: list[Problem] = []

    if data.get("format") not in (FORMAT, None):
        problems.append(Code.R040.problem(loc.at("format"), found=data.get("format"), expected=FORMAT))
    version = checked_questionnaire_version(data, qn, loc, problems)
    if check_version and version != qn.version:
        problems.append(
            Code.R004.problem(
                loc.at("version", after="questionnaire"),
                found=version,
                expected=qn.version,
                qid=qn.id,
                questionnaire_path=qn.path or "QUESTIONNAIRE",
            )
        )
        raise ResponseError(problems)
    revision = data.get("revision", 0)
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 0:
        problems.append(Code.R047.problem(loc.at("revision"), found=repr(revision)))
        revision = 0
    company = _parse_company(data.get("company"), loc, problems)
    answers: dict[str, Answer] = {}
    raw_answers = data.get("answers", {})
    if not isinstance(raw_answers, dict):
        problems.append(Code.R041.problem(loc.at("answers")))
        raw_answers = {}
    unlocated = Location(path)
    for qid, raw in raw_answers.items():
        q = qn.question(qid)
        if q is None:
            problems.append(
                Code.R010.problem(loc.at(qid, after="answers"), id=qid, suggestion=did_you_mean(qid, qn.questions))
            )
            continue
        found = len(problems)
        ans = check_answer(q, raw, unlocated, problems)
        if len(problems) > found:  # located only when wrong: finding a key in the text is most of the parsing time
            where = loc.at(qid, after="answers")
            problems[found:] = [replace(p, location=where) for p in problems[found:]]
        if ans is not None:
            answers[qid] = ans
    round_ = str(data.get("round", qn.year))
    plan, plan_problems = parse_plan(data, qn, round_, PlanLocator(path, loc.text))
    problems += plan_problems
    if problems:
        raise ResponseError(problems)
    return Response(
        qn.id,
        version,
        round_,
        company,
        answers,
        revision,
        path,
        plan.goals,
        plan.actions,
        plan.cooperation,
        plan.warnings,
    )


def checked_questionnaire_version(
    data: dict[str, Any], qn: Questionnaire, loc: JsonLocator, problems: list[Problem]
) -> str:
    """The version of ``qn``'s questionnaire the document answers; raises with ``problems`` when the document
    names no questionnaire, another one, or its version not as a text."""
    qref = data.get("questionnaire")
    if not isinstance(qref, dict) or not isinstance(qref.get("id"), str):
        problems.append(Code.R042.problem(loc.at("questionnaire")))
        raise ResponseError(problems)
    if qref["id"] != qn.id:
        problems.append(Code.R003.problem(loc.at("id", after="questionnaire"), found=qref["id"], expected=qn.id))
        raise ResponseError(problems)
    version = qref.get("version")
    if not isinstance(version, str):
        if version is None:
            found, example = "nothing", qn.version
        else:
            number = isinstance(version, int | float) and not isinstance(version, bool)
            shown = json.dumps(version, ensure_ascii=False)
            found, example = (f"the number {shown}", shown) if number else (shown, qn.version)
        where = loc.at("version", after="questionnaire") if "version" in qref else loc.at("questionnaire")
        problems.append(Code.R025.problem(where, found=found, example=example))
        raise ResponseError(problems)
    return version


def _parse_company(raw: Any, loc: JsonLocator, problems: list[Problem]) -> Company:
    def bad(fld: str, detail: str, fix: str) -> None:
        where = replace(loc.at(fld, after="company"), where=f"company.{fld}")
        problems.append(Code.R017.problem(where, field=fld, detail=detail, fix=fix))

    if not isinstance(raw, dict):
        problems.append(
            Code.R017.problem(
                loc.at("company"),
                field="company",
                detail="missing or not an object",
                fix='Add "company": {"id": ..., "name": ...}.',
            )
        )
        return Company(id="unknown")
    for key in raw:
        if key not in COMPANY_KEYS:
            bad(key, "unknown field", f"{did_you_mean(key, COMPANY_KEYS)}Known fields: {', '.join(COMPANY_KEYS)}.")
    cid = raw.get("id")
    if not is_company_id(cid):
        bad(
            "id",
            f"{cid!r} is not a valid company id",
            "Use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit (it names the report files).",
        )
        cid = "invalid"
    name = raw.get("name", "")
    if not isinstance(name, str) or len(name) > MAX_NAME:
        bad("name", f"must be a text of at most {MAX_NAME} characters", "Shorten the name.")
        name = ""
    nums: dict[str, float | None] = {}
    for fld, hi in (("employees", 1_000_000), ("turnover", 1e12), ("balance_sheet", 1e12)):
        v = raw.get(fld)
        if v is None:
            nums[fld] = None
            continue
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            bad(fld, f"must be a number, found {v!r}", "Enter a number (turnover and balance sheet in EUR).")
        elif not 0 <= v <= hi:
            bad(fld, f"{_fmt(v)} is outside 0 to {hi:g}", "Check the figure (turnover and balance sheet in EUR).")
        elif 0 < v < MIN_COMPANY_FIGURE:  # the intensities divide by it
            bad(
                fld,
                f"{v:g} is too small to be meant",
                f"Enter 0 or a figure of at least {MIN_COMPANY_FIGURE:g} (turnover and balance sheet in EUR).",
            )
        nums[fld] = float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None
    texts: dict[str, str | None] = {}
    for fld in ("nace", "legal_form", "country", "network", "region"):
        v = raw.get(fld)
        if v is not None and (not isinstance(v, str) or len(v) > 200):
            bad(fld, "must be a short text", "Enter a text of at most 200 characters.")
            v = None
        texts[fld] = v
    return Company(
        id=cid,
        name=name,
        employees=nums["employees"],
        turnover=nums["turnover"],
        balance_sheet=nums["balance_sheet"],
        nace=texts["nace"],
        legal_form=texts["legal_form"],
        country=texts["country"],
        network=texts["network"],
        region=texts["region"],
    )


def check_answer(q: Question, raw: Any, where: Location, problems: list[Problem]) -> Answer | None:
    """Check one raw answer object against its question; append problems; the Answer or None."""
    n_before = len(problems)
    if not isinstance(raw, dict):
        problems.append(
            Code.R014.problem(where, id=q.id, expected='an object {"value": ...}', found=type(raw).__name__)
        )
        return None
    for key in raw:
        if key not in ANSWER_KEYS:
            problems.append(
                Code.R043.problem(
                    where,
                    field=key,
                    id=q.id,
                    suggestion=did_you_mean(key, ANSWER_KEYS),
                    allowed=", ".join(ANSWER_KEYS),
                )
            )
    ans = Answer(
        value=raw.get("value"),
        unit=raw.get("unit"),
        not_applicable=raw.get("not_applicable") is True,
        explanation=raw.get("explanation"),
        note=raw.get("note"),
        changed_at=raw.get("changed_at"),
        evidence=raw.get("evidence"),
    )
    for fld in ("explanation", "note", "evidence"):
        v = getattr(ans, fld)
        if v is not None and (not isinstance(v, str) or len(v) > MAX_TEXT):
            problems.append(
                Code.R014.problem(
                    where, id=q.id, expected=f"a {fld} text of at most {MAX_TEXT} characters", found=type(v).__name__
                )
            )
    if ans.not_applicable:
        if not q.not_applicable:
            problems.append(Code.R044.problem(where, id=q.id))
        return ans if len(problems) == n_before else None
    if ans.value is not None:
        problem = value_problem(q, ans.value, ans.unit)
        if problem is not None:
            code, fields = problem
            problems.append(code.problem(where, **fields))
    if registry.get(q.type).needs_explanation(q, ans.value) and not ans.explained:
        problems.append(Code.R015.problem(where, id=q.id))
    return ans if len(problems) == n_before else None


def value_problem(q: Question, value: Any, unit: str | None) -> tuple[Code, dict[str, Any]] | None:
    """What is wrong with ``value`` as an answer to ``q`` (code and fields), or None. Used by the form too.
    Each question type checks its own answers (:mod:`toolkit.definitions.types`)."""
    return registry.get(q.type).value_problem(q, value, unit)
