"""Checks of form input as it is typed, with messages in the participant's language.

The rules are the toolkit's own (:func:`toolkit.responses.value_problem` for answers, the response parser's
company checks for the profile); this module only turns their findings into friendly German or English text.
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.definitions.model import ProfileField, Question, Questionnaire
from toolkit.definitions.types import registry
from toolkit.errors import Code, Location, ResponseError
from toolkit.form.numbers import format_number
from toolkit.i18n import t, unit_label
from toolkit.responses import MAX_TEXT, Answer, Company, parse_response, value_problem

NACE_RE = re.compile(r"^[A-V](\d{1,2}(\.\d{1,2}){0,2})?$")  # NACE Rev. 2.1 has sections A-V
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_NOWHERE = Location("form")


def _num(v: Any, lang: str) -> str:
    return format_number(v, lang) if isinstance(v, int | float) and not isinstance(v, bool) else "–"


def answer_message(q: Question, answer: Answer, lang: str) -> str | None:
    """What is wrong with ``answer`` to ``q`` in the participant's words, or None when it may be saved."""
    for fld in ("explanation", "note", "evidence"):
        text = getattr(answer, fld)
        if text is not None and len(text) > MAX_TEXT:
            return t("form.err_too_long", lang, max=format_number(MAX_TEXT, lang))
    if answer.not_applicable:
        return None
    if answer.value is None:
        return None
    problem = value_problem(q, answer.value, answer.unit)
    if problem is not None:
        code, fields = problem
        return problem_text(code, fields, q, answer, lang)
    if registry.get(q.type).needs_explanation(q, answer.value) and not answer.explained:
        return t("form.err_explain_missing", lang)
    return None


def problem_text(code: Code, fields: dict[str, Any], q: Question, answer: Answer, lang: str) -> str:
    if code is Code.R012:
        value = answer.value
        if isinstance(value, int | float) and value < 0:
            return t("form.err_negative", lang)
        return t(
            "form.err_range",
            lang,
            value=_num(value, lang),
            unit=unit_label(answer.unit or q.unit, lang, named=True),
            min=_num(q.min if q.min is not None else 0, lang),
            max=_num(q.max, lang) if q.max is not None else "∞",
            canonical=unit_label(q.unit, lang, named=True),
        )
    if code is Code.R013:
        return t(
            "form.err_unit",
            lang,
            unit=unit_label(answer.unit, lang, named=True),
            allowed=", ".join(unit_label(u, lang, named=True) for u in q.accepted_units),
        )
    if code is Code.R011:
        return t("form.err_option", lang)
    invalid = registry.get(q.type).invalid_message  # a value of the wrong kind, in the type's own words
    if code is Code.R014 and invalid:
        return t(f"form.{invalid}", lang, max=format_number(MAX_TEXT, lang))
    if code is Code.R015:
        return t("form.err_explain_missing", lang)
    return t("form.err_invalid", lang, detail=code.problem(_NOWHERE, **fields).message)


def profile_message(
    qn: Questionnaire, company: Company, field: str, value: Any, unit: str | None, lang: str
) -> str | None:
    """What is wrong with ``value`` for the company field ``field``, or None. ``value`` is already converted
    to the field's canonical unit (EUR, persons)."""
    if value is None:
        return None
    pf = next((p for p in qn.profile if p.id == field), None)
    if field == "nace" and not NACE_RE.match(str(value)):
        return t("form.err_nace", lang)
    if field == "country" and not COUNTRY_RE.match(str(value)):
        return t("form.err_country", lang)
    if pf is not None and pf.type == "number":
        if isinstance(value, int | float) and value < 0:
            return t("form.err_negative", lang)
        if (pf.min is not None and value < pf.min) or (pf.max is not None and value > pf.max):
            return t(
                "form.err_company_range",
                lang,
                min=_num(pf.min if pf.min is not None else 0, lang),
                max=_num(pf.max, lang) if pf.max is not None else "∞",
            )
    if pf is not None and pf.type == "single_choice" and pf.options and value not in [o.id for o in pf.options]:
        return t("form.err_option", lang)
    # the response document's own company checks decide the rest
    doc = {
        "questionnaire": {"id": qn.id, "version": qn.version},
        "company": {**company.to_dict(), field: value},
        "answers": {},
    }
    try:
        parse_response(doc, qn, "form")
    except ResponseError as exc:
        mine = [p for p in exc.problems if p.location.where == f"company.{field}"] or exc.problems
        return t("form.err_invalid", lang, detail=f"{mine[0].message}. {mine[0].fix}")
    return None


def profile_field(qn: Questionnaire, field: str) -> ProfileField | None:
    return next((p for p in qn.profile if p.id == field), None)


def compose_answer(
    q: Question,
    *,
    value: Any = None,
    unit: str | None = None,
    not_applicable: bool = False,
    cannot_answer: bool = False,
    explanation: str | None = None,
    note: str | None = None,
    evidence: str | None = None,
    lang: str = "de",
) -> tuple[Answer | None, str | None]:
    """The answer the widgets of one question stand for, or (None, message) when it must not be saved.

    ``cannot_answer`` is the DNK comply-or-explain escape: no value, an explanation instead (required).
    A comply-or-explain question answered 'explain' keeps its explanation in the same field.
    """
    explanation = (explanation or "").strip() or None
    note = (note or "").strip() or None
    evidence = (evidence or "").strip() or None
    if not_applicable:
        ans = Answer(not_applicable=True, note=note)
    elif cannot_answer:
        if not explanation:
            return None, t("form.err_cannot_missing", lang)
        ans = Answer(explanation=explanation, note=note)
    else:
        if value == [] or value == "":
            value = None
        keep_expl = explanation if registry.get(q.type).needs_explanation(q, value) else None
        ans = Answer(
            value=value,
            unit=unit if value is not None and registry.get(q.type).numeric else None,
            explanation=keep_expl,
            note=note,
            evidence=evidence if value is not None else None,
        )
    message = answer_message(q, ans, lang)
    return (None, message) if message else (ans, None)
