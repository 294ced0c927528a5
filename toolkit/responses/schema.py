"""The JSON Schema (draft 2020-12) of a response document, for tools outside the toolkit."""

from __future__ import annotations

from typing import Any

from toolkit.definitions import units as U
from toolkit.responses.document import COMPANY_ID_PATTERN, FORMAT, MAX_NAME, MAX_TEXT
from toolkit.responses.plan_parse import plan_schema


def response_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a response document."""
    answer = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "value": {
                "description": "option id, list of option ids, number or text",
                "type": ["string", "number", "array", "null"],
                "items": {"type": "string"},
            },
            "unit": {"type": "string", "enum": list(U.UNITS)},
            "not_applicable": {"type": "boolean"},
            "explanation": {
                "type": "string",
                "maxLength": MAX_TEXT,
                "description": "comply-or-explain: why the question is not answered",
            },
            "note": {"type": "string", "maxLength": MAX_TEXT},
            "evidence": {
                "type": "string",
                "maxLength": MAX_TEXT,
                "description": "a short note or document reference backing a top-level claim",
            },
            "changed_at": {"type": "string", "format": "date-time"},
        },
    }
    num = {"type": "number", "minimum": 0}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://sme-toolkit.example/schemas/response-1.json",
        "title": "SME sustainability self-assessment response",
        "type": "object",
        "required": ["questionnaire", "company", "answers"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "questionnaire": {
                "type": "object",
                "required": ["id", "version"],
                "additionalProperties": False,
                "properties": {"id": {"type": "string"}, "version": {"type": "string"}},
            },
            "round": {"type": "string", "description": "assessment round, e.g. 2026"},
            "revision": {"type": "integer", "minimum": 0},
            "company": {
                "type": "object",
                "required": ["id"],
                "additionalProperties": False,
                "properties": {
                    "id": {"type": "string", "pattern": f"^{COMPANY_ID_PATTERN}$"},
                    "name": {"type": "string", "maxLength": MAX_NAME},
                    "nace": {"type": "string"},
                    "employees": num,
                    "turnover": {**num, "description": "EUR"},
                    "balance_sheet": {**num, "description": "EUR"},
                    "legal_form": {"type": "string"},
                    "country": {"type": "string"},
                    "network": {"type": "string"},
                    "region": {"type": "string"},
                },
            },
            "answers": {
                "type": "object",
                "additionalProperties": answer,
                "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            },
            **plan_schema(MAX_TEXT),
        },
    }
