"""Responses layer: one JSON document per company per assessment round.

- ``document``: the model (answers, company, goals, actions, cooperation) and the company id rule;
- ``parse``: reading a file, bounded and scanned, checked against its questionnaire with located problems;
- ``store``: locked, atomic saving that never overwrites a newer revision;
- ``migrate``: carrying answers to a newer questionnaire version;
- ``schema``: the JSON Schema for tools outside the toolkit;
- ``plan`` / ``plan_parse``: the goal and action model and its parsing; ``carryover``: a new round from the last.

The names below are the layer's public interface; modules of other layers import them from here.
"""

from toolkit.definitions.size_classes import size_class
from toolkit.responses.document import (
    ANSWER_KEYS,
    COMPANY_ID_PATTERN,
    COMPANY_ID_RE,
    FORMAT,
    MAX_TEXT,
    Answer,
    Company,
    Response,
    is_company_id,
    new_response,
)
from toolkit.responses.migrate import MigrationReport, migrate_response
from toolkit.responses.parse import (
    MAX_RESPONSE_BYTES,
    check_answer,
    load_response,
    parse_response,
    read_json,
    value_problem,
)
from toolkit.responses.schema import response_schema
from toolkit.responses.store import disk_revision, remove_stale_temp_files, save_response

__all__ = [
    "ANSWER_KEYS",
    "COMPANY_ID_PATTERN",
    "COMPANY_ID_RE",
    "FORMAT",
    "MAX_RESPONSE_BYTES",
    "MAX_TEXT",
    "Answer",
    "Company",
    "MigrationReport",
    "Response",
    "check_answer",
    "disk_revision",
    "is_company_id",
    "load_response",
    "migrate_response",
    "new_response",
    "parse_response",
    "read_json",
    "remove_stale_temp_files",
    "response_schema",
    "save_response",
    "size_class",
    "value_problem",
]
