"""``table``: rows of the same kind (sites, subsidiaries, pollutants, employees per country ...), each an
object ``{column id: cell}``; the ``columns`` are ``text``, ``number`` (with unit, min, max) or
``single_choice`` (with options), at most ``max_rows`` rows. Never scored; the report lists the rows in its
section "VSME datapoints"."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from toolkit.definitions.model import COLUMN_TYPES, Column
from toolkit.definitions.types.base import (
    MAX_TEXT,
    DefinitionContext,
    DemoContext,
    LabelContext,
    Problem,
    QuestionType,
    WidgetContext,
    plain_number,
)
from toolkit.errors import Code, did_you_mean

if TYPE_CHECKING:
    from toolkit.definitions.model import Question

COLUMN_KEYS = ("id", "type", "text", "unit", "min", "max", "options", "concept")


class Table(QuestionType):
    name = "table"
    tabular = True

    def check_definition(
        self, raw: dict[str, Any], path: tuple[Any, ...], qid: str, b: DefinitionContext
    ) -> dict[str, Any]:
        return {"columns": columns(raw.get("columns"), (*path, "columns"), qid, b)}

    def value_problem(self, q: Question, value: Any, unit: str | None) -> Problem | None:
        return table_problem(q, value)

    def widget(self, ctx: WidgetContext) -> list[Any]:
        return ctx.rows_editor()

    def answer_label(self, q: Question, value: Any, ctx: LabelContext) -> str:
        # the rows themselves are in the section 'VSME datapoints'
        return ctx.rows(len(value)) if isinstance(value, list) and value else ctx.dash

    def demo_answer(self, q: Question, ctx: DemoContext) -> Any:
        return ctx.rows(q)


def columns(node: Any, path: tuple[Any, ...], qid: str, b: DefinitionContext) -> tuple[Column, ...]:
    """The columns of a table question: text, number (with unit, min, max) or single_choice (options)."""
    raw_list = b.seq(node, path, "columns")
    if not raw_list:
        b.err(Code.Q010, path[:-1], what=f"table question '{qid}'", key="columns")
        return ()
    out: list[Column] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_list):
        p = (*path, i)
        c = b.mapping(raw, p, "a column", COLUMN_KEYS, ("id", "type", "text"))
        if c is None:
            continue
        cid = b.ident(c.get("id"), (*p, "id"), "column")
        if cid is None:
            continue
        if cid in seen:
            b.err(Code.Q020, (*p, "id"), kind="column", id=cid, first=seen[cid])
            continue
        seen[cid] = b.src.loc((*p, "id")).line or 0
        ctype = c.get("type")
        if ctype not in COLUMN_TYPES:
            b.err(
                Code.Q021,
                (*p, "type"),
                type=ctype,
                suggestion=did_you_mean(str(ctype), COLUMN_TYPES),
                allowed=", ".join(COLUMN_TYPES),
            )
            continue
        unit = None
        if ctype == "number":
            unit, _ = b.units(c, p)
            if "unit" not in c:
                b.err(Code.Q010, p, what=f"number column '{cid}'", key="unit")
        options = b.options(c.get("options"), (*p, "options"), ctype, False) if ctype == "single_choice" else ()
        out.append(
            Column(
                cid,
                str(ctype),
                b.text(c.get("text"), (*p, "text"), f"column '{cid}' of '{qid}'"),
                unit,
                b.number(c.get("min"), (*p, "min"), "min"),
                b.number(c.get("max"), (*p, "max"), "max"),
                options,
                str(c["concept"]) if c.get("concept") else None,
            )
        )
    return tuple(out)


def table_problem(q: Question, value: Any) -> Problem | None:
    """What is wrong with the rows of a table answer: a list of at most ``max_rows`` objects whose keys are the
    question's column ids; numbers finite and within the column's min/max, choices among its options."""
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        return Code.R014, {"id": q.id, "expected": "a list of rows {column: value}", "found": type(value).__name__}
    if len(value) > q.max_rows:
        return Code.R014, {"id": q.id, "expected": f"at most {q.max_rows} rows", "found": f"{len(value)} rows"}
    cols = {c.id: c for c in q.columns}
    for i, row in enumerate(value, 1):
        for key, cell in row.items():
            col = cols.get(key)
            where = f"row {i}, column '{key}'"
            if col is None:
                return Code.R014, {"id": q.id, "expected": f"only the columns {', '.join(cols)}", "found": where}
            if cell is None or cell == "":
                continue
            if col.type == "number":
                if isinstance(cell, bool) or not isinstance(cell, int | float) or not math.isfinite(cell):
                    return Code.R014, {"id": q.id, "expected": f"a number in {where}", "found": repr(cell)[:40]}
                if (col.min is not None and cell < col.min) or (col.max is not None and cell > col.max):
                    return Code.R014, {
                        "id": q.id,
                        "expected": f"a number from {plain_number(col.min)} to {plain_number(col.max)} "
                        f"{col.unit or ''} in {where}",
                        "found": plain_number(cell),
                    }
            elif col.type == "single_choice":
                if not isinstance(cell, str) or col.option(cell) is None:
                    return Code.R011, {
                        "value": cell,
                        "id": f"{q.id}, {where}",
                        "suggestion": did_you_mean(str(cell), [o.id for o in col.options]),
                        "allowed": ", ".join(o.id for o in col.options),
                    }
            elif not isinstance(cell, str) or len(cell) > MAX_TEXT:
                return Code.R014, {"id": q.id, "expected": f"a text in {where}", "found": type(cell).__name__}
    return None


TYPE = Table()
