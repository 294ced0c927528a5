"""The report's section "VSME-Datenpunkte" / "VSME datapoints": how complete the VSME Basic module (B1-B11) is,
and the rows of every table answer (sites, subsidiaries, pollutants, materials, countries, refrigerants ...).

A pure function of the questionnaire and the response (:func:`vsme_context`); :meth:`ReportView.vsme` renders
it with ``templates/report/sections/vsme.html.j2``. Typed text (site addresses, names) is escaped by the template.
"""

from __future__ import annotations

from typing import Any

from toolkit.definitions.model import Column, Question, Questionnaire, tr
from toolkit.definitions.types import registry
from toolkit.i18n import t, unit_label
from toolkit.rendering import fmt
from toolkit.responses import Answer, Response
from toolkit.scoring.applicability import visible_questions
from toolkit.views.vsme_completeness import COMPLETENESS_STATES, vsme_completeness

MAX_MISSING = 3  # open datapoints named per disclosure; the rest are counted


def vsme_context(qn: Questionnaire, resp: Response, lang: str) -> dict[str, Any]:
    """Everything the section template shows, in ``lang``."""
    view = vsme_completeness(qn, resp)
    profile = {pf.id: pf for pf in qn.profile}

    def datapoint(ref: str) -> str:
        if ref.startswith("company."):
            pf = profile.get(ref.split(".", 1)[1])
            return tr(pf.text, lang) if pf else ref.split(".", 1)[1]
        q = qn.question(ref)
        return tr(q.text, lang) if q else ref

    rows = []
    for d in view.disclosures:
        missing = [datapoint(m) for m in d.missing] if d.status in ("partly", "open") else []
        more = len(missing) - MAX_MISSING
        rows.append(
            {
                "id": d.id,
                "name": tr(d.name, lang),
                "status": d.status,
                "status_text": t(f"vsme.report.{d.status}", lang),
                "answered": d.answered,
                "required": d.required,
                "missing": missing[:MAX_MISSING],
                "more": t("vsme.report.and_more", lang, n=more) if more > 0 else "",
            }
        )
    counts = [
        (st, t(f"vsme.report.{st}", lang), sum(1 for d in view.disclosures if d.status == st))
        for st in COMPLETENESS_STATES
    ]
    shown = visible_questions(qn, resp.answers, resp.company.size_class)
    tables = [
        table_view(q, resp.answers[q.id], lang)
        for q in qn.iter_questions()
        if registry.get(q.type).tabular and q.id in shown and _given(resp.answers.get(q.id))
    ]
    return {
        "lead": t("vsme.report.lead", lang),
        "counts": counts,
        "disclosures": rows,
        "has_omitted": any(d.status == "omitted" for d in view.disclosures),
        "tables": tables,
        "s": lambda key, **v: t(f"vsme.report.{key}", lang, **v),
    }


def _given(a: Answer | None) -> bool:
    return a is not None and (a.not_applicable or a.explained or (isinstance(a.value, list) and bool(a.value)))


def table_view(q: Question, a: Answer, lang: str) -> dict[str, Any]:
    """One table answer as the report shows it: headers with units, rows of formatted cells."""
    vsme = q.refs.get("vsme") or []
    out: dict[str, Any] = {
        "question": tr(q.text, lang),
        "refs": ", ".join(str(v) for v in (vsme if isinstance(vsme, list) else [vsme])),
        "columns": [
            {"text": header(c, lang), "number": c.type == "number", "typed": c.type == "text"} for c in q.columns
        ],
        "rows": [],
        "note": a.note,
        "status": None,
        "explanation": a.explanation,
    }
    if a.not_applicable:
        out["status"] = t("vsme.report.not_applicable", lang)
    elif not (isinstance(a.value, list) and a.value):
        out["status"] = t("vsme.report.cannot_answer", lang)
    else:
        out["rows"] = [[cell_text(c, row.get(c.id) if isinstance(row, dict) else None, lang) for c in q.columns]
                       for row in a.value]  # fmt: skip
    return out


def header(col: Column, lang: str) -> str:
    """The column's label, with its unit unless the label names it already ('Fläche (ha)')."""
    text = tr(col.text, lang)
    unit = unit_label(col.unit, lang) if col.type == "number" and col.unit not in (None, "persons", "count") else ""
    return f"{text} ({unit})" if unit and unit not in text else text


def cell_text(col: Column, value: Any, lang: str) -> str:
    """A cell as the report prints it: numbers in the report's format, choices by their label."""
    if value is None or value == "":
        return fmt.DASH
    if col.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        digits = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
        return fmt.num(value, digits, lang)
    if col.type == "single_choice" and isinstance(value, str):
        opt = col.option(value)
        return tr(opt.label, lang) if opt is not None and opt.label else value
    return str(value)
