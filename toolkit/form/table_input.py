"""The widget of a ``table`` question (sites, subsidiaries, pollutants, countries, refrigerants ...).

Each row is a card with one labelled field per column: a text field, a number field (typed as participants
write numbers, "1.234,5" in German) or a list of choices. Cells are checked as they are typed, with the message
under the row and the field marked; the answer (the list of non-empty rows) is saved like every other answer,
through :func:`toolkit.form.validation.compose_answer` and the table type's own check
(:func:`toolkit.definitions.types.table.table_problem`). Rows are added and removed with buttons; at most
``max_rows``. The fields of a row wrap, so that on a phone
(390 px) every field takes the full width and nothing scrolls sideways.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from toolkit.definitions.model import Column, Question, tr
from toolkit.definitions.types import registry
from toolkit.form.inputs import QuestionInput, esc
from toolkit.form.numbers import NotANumber, format_number, parse_number
from toolkit.i18n import t, unit_label
from toolkit.responses import MAX_TEXT, Answer

TABLE_CSS = """
.sme-table { gap: 8px; width: 100%; }
.sme-table-rows { gap: 8px; width: 100%; }
.sme-table-row { border: 1px solid var(--sme-line); border-radius: 8px; padding: 6px 10px 8px 10px;
  background: #fafbfc; box-sizing: border-box; width: 100%; }
.sme-table-row-head { justify-content: space-between; align-items: center; width: 100%; }
.sme-row-title { font-weight: 600; font-size: 13px; color: var(--sme-muted); }
.sme-form button.sme-row-remove { background: transparent; box-shadow: none; color: var(--sme-warn);
  font-size: 13px; height: 30px; width: auto; padding: 0 6px; text-decoration: underline; }
.sme-table-cells { flex-wrap: wrap; gap: 6px 14px; width: 100%; }
.sme-form .sme-cell { flex-direction: column; align-items: stretch; flex: 1 1 11em; min-width: 9em;
  max-width: 100%; width: auto; height: auto; margin: 0; }
.sme-form .sme-cell .widget-label { width: auto; max-width: none; text-align: left; white-space: normal;
  line-height: 1.3; height: auto; padding: 0 0 2px 0; font-size: 13px; color: var(--sme-text); }
.sme-form .sme-cell input, .sme-form .sme-cell select { width: 100%; font-size: 15px; min-height: 32px;
  box-sizing: border-box; }
.sme-form .sme-cell-invalid input, .sme-form .sme-cell-invalid select { border-color: #dc2626;
  box-shadow: 0 0 0 1px #dc2626 inset; }
.sme-row-msg .sme-error { margin: 4px 0 0 0; }
.sme-table-foot { flex-wrap: wrap; gap: 4px 12px; align-items: center; width: 100%; }
.sme-form button.sme-add-row { width: auto; height: 34px; font-size: 14px; border-radius: 6px; flex: 0 0 auto;
  overflow: visible; }
.sme-table-hint { font-size: 12px; color: var(--sme-muted); }
"""


class CellProblem(ValueError):
    """A cell holds what its column does not accept; the message names the row and the column."""


def cell_value(col: Column, widget: w.Widget, lang: str) -> Any:
    """The value of one cell (None when empty). Raises CellProblem with a message in ``lang``."""
    raw = widget.value
    if col.type == "single_choice":
        return raw or None
    text = str(raw or "")
    if not text.strip():
        return None
    if col.type == "number":
        try:
            value = parse_number(text, lang)
        except NotANumber:
            raise CellProblem(t("form.table.err_number", lang)) from None
        if value is None:
            return None
        lo = col.min if col.min is not None else 0.0
        if value < lo or (col.max is not None and value > col.max):
            raise CellProblem(
                t(
                    "form.table.err_range",
                    lang,
                    min=format_number(lo, lang),
                    max=format_number(col.max, lang) if col.max is not None else "∞",
                    unit=unit_label(col.unit, lang, named=True),
                ).replace(" .", ".")
            )
        return value
    if len(text) > MAX_TEXT:
        raise CellProblem(t("form.table.err_long", lang, max=format_number(MAX_TEXT, lang)))
    return text.strip()


class _Row:
    """The widgets of one row: a title, a remove button, one field per column and a message line."""

    def __init__(self, owner: TableInput) -> None:
        self.owner = owner
        k, lang = owner.kit, owner.lang
        self.title = k.html("", "sme-row-title")
        self.remove = k.button(
            t("form.table.remove_row", lang), "sme-row-remove", own_layout=True, layout={"width": "auto"}
        )
        self.remove.on_click(lambda _b: owner.remove_row(self))
        self.cells: dict[str, w.Widget] = {}
        for col in owner.q.columns:
            label = tr(col.text, lang)
            if col.type == "single_choice":
                options = [
                    (t("form.table.choose", lang), ""),
                    *((tr(o.label, lang) or o.id, o.id) for o in col.options),
                ]
                cell = k.make(w.Dropdown, options=options, value="", classes=("sme-cell",),
                              description=label, description_allow_html=False)  # fmt: skip
            else:
                placeholder = format_number(1234.5, lang) if col.type == "number" else ""
                cell = k.make(w.Text, value="", continuous_update=True, classes=("sme-cell",), description=label,
                              description_allow_html=False, placeholder=placeholder)  # fmt: skip
            cell.observe(owner.cell_changed, names="value")
            self.cells[col.id] = cell
        self.message = k.html("", "sme-row-msg")
        head = k.hbox([self.title, self.remove], "sme-table-row-head")
        self.box = k.vbox([head, k.hbox(list(self.cells.values()), "sme-table-cells"), self.message],
                          "sme-table-row")  # fmt: skip

    def show(self, values: dict[str, Any]) -> None:
        lang = self.owner.lang
        for col in self.owner.q.columns:
            v = values.get(col.id)
            cell = self.cells[col.id]
            if col.type == "single_choice":
                cell.value = v if isinstance(v, str) and col.option(v) is not None else ""
            elif col.type == "number":
                ok = isinstance(v, int | float) and not isinstance(v, bool)
                cell.value = format_number(v, lang) if ok else ("" if v is None else str(v))
            else:
                cell.value = v if isinstance(v, str) else ("" if v is None else str(v))

    def problems(self) -> dict[str, str]:
        """Column id -> what is wrong with its cell."""
        out = {}
        for col in self.owner.q.columns:
            try:
                cell_value(col, self.cells[col.id], self.owner.lang)
            except CellProblem as exc:
                out[col.id] = str(exc)
        return out

    def value(self) -> dict[str, Any]:
        """The row's non-empty cells (raises CellProblem for the first bad one)."""
        out = {}
        for col in self.owner.q.columns:
            v = cell_value(col, self.cells[col.id], self.owner.lang)
            if v is not None:
                out[col.id] = v
        return out

    def mark(self) -> dict[str, str]:
        """Mark bad cells and show their messages under the row; the problems found."""
        problems = self.problems()
        lines = []
        for col in self.owner.q.columns:
            cell = self.cells[col.id]
            if col.id in problems:
                cell.add_class("sme-cell-invalid")
                lines.append(f"<div class='sme-error' role='alert'>⚠ {esc(tr(col.text, self.owner.lang))}: "
                             f"{esc(problems[col.id])}</div>")  # fmt: skip
            else:
                cell.remove_class("sme-cell-invalid")
        html = "".join(lines)
        if self.message.value != html:
            self.message.value = html
        return problems

    def set_disabled(self, disabled: bool) -> None:
        for cell in self.cells.values():
            cell.disabled = disabled
        self.remove.disabled = disabled


class TableInput(QuestionInput):
    """All widgets of one ``table`` question: the rows, 'add row', and the extras every question has."""

    def rows_editor(self) -> list[w.Widget]:
        """The rows and 'add row': what the table type's widget asks the form for."""
        k = self.kit
        self.rows: list[_Row] = []
        self.rows_box = k.vbox([], "sme-table-rows")
        self.add_button = k.button(
            t("form.table.add_row", self.lang), "sme-add-row", own_layout=True, layout={"width": "auto"}
        )
        self.add_button.on_click(lambda _b: self.add_row())
        self.hint = k.html(f"<span class='sme-table-hint'>{esc(t('form.table.rows_hint', self.lang))}</span>")
        self.table = k.vbox([self.rows_box, k.hbox([self.add_button, self.hint], "sme-table-foot")], "sme-table",
                            own_layout=True)  # fmt: skip
        return [self.table]

    # ---- rows ------------------------------------------------------------------------------------------------
    def _show_rows(self, rows: list[dict[str, Any]]) -> None:
        wanted = max(1, min(len(rows), self.q.max_rows))
        while len(self.rows) < wanted:
            self.rows.append(_Row(self))
        del self.rows[wanted:]
        for i, row in enumerate(self.rows):
            row.show(rows[i] if i < len(rows) and isinstance(rows[i], dict) else {})
            row.mark()
        self._layout_rows()

    def _layout_rows(self) -> None:
        for i, row in enumerate(self.rows, 1):
            row.title.value = f"<span>{esc(t('form.table.row', self.lang, n=i))}</span>"
        boxes = tuple(r.box for r in self.rows)
        if tuple(self.rows_box.children) != boxes:
            self.rows_box.children = boxes
        full = len(self.rows) >= self.q.max_rows
        self.add_button.disabled = full or self._blocked
        hint = (
            t("form.table.rows_max", self.lang, max=self.q.max_rows) if full else t("form.table.rows_hint", self.lang)
        )
        self.hint.value = f"<span class='sme-table-hint'>{esc(hint)}</span>"

    def add_row(self) -> _Row | None:
        """Add an empty row (nothing is saved until a cell is filled); None at ``max_rows``."""
        if len(self.rows) >= self.q.max_rows or self._blocked:
            return None
        row = _Row(self)
        self.rows.append(row)
        self._layout_rows()
        return row

    def remove_row(self, row: _Row) -> None:
        """Remove ``row`` and save; the last row is emptied instead, so that there is always one to fill."""
        if self._blocked or row not in self.rows:
            return
        quiet, self._quiet = self._quiet, True
        try:
            if len(self.rows) == 1:
                row.show({})
                row.mark()
            else:
                self.rows.remove(row)
        finally:
            self._quiet = quiet
        self._layout_rows()
        self._changed(None)

    def cell_changed(self, change: dict[str, Any]) -> None:
        owner = change.get("owner")
        for row in self.rows:
            if owner in row.cells.values():
                row.mark()
        self._changed(change)

    @property
    def _blocked(self) -> bool:
        return bool(getattr(self, "na", None) is not None and (self.na.value or self.cannot.value))

    # ---- the answer ------------------------------------------------------------------------------------------
    def set_answer(self, answer: Answer | None) -> None:
        quiet, self._quiet = self._quiet, True
        try:
            value = None if answer is None or answer.not_applicable else answer.value
            self._show_rows(value if isinstance(value, list) else [])
        finally:
            self._quiet = quiet
        super().set_answer(answer)

    def raw_value(self) -> Any:
        if self._blocked:  # 'not applicable' or 'cannot answer': the rows are not part of the answer
            return None
        rows = [r for r in (row.value() for row in self.rows) if r]
        return rows or None

    def cell_problem(self) -> str | None:
        """The first bad cell as a message naming its row and column, or None."""
        for i, row in enumerate(self.rows, 1):
            problems = row.problems()
            for col in self.q.columns:
                if col.id in problems:
                    return t(
                        "form.table.err_cell",
                        self.lang,
                        row=i,
                        column=tr(col.text, self.lang),
                        message=problems[col.id],
                    )
        return None

    def compose(self) -> tuple[Answer | None, str | None]:
        if not (self.na.value or self.cannot.value):
            problem = self.cell_problem()
            if problem is not None:
                return None, problem
        return super().compose()

    def _sync_visibility(self) -> None:
        super()._sync_visibility()
        blocked = self._blocked
        for row in getattr(self, "rows", []):
            row.set_disabled(blocked)
        if hasattr(self, "add_button"):
            self.add_button.disabled = blocked or len(self.rows) >= self.q.max_rows

    # ---- for tests -------------------------------------------------------------------------------------------
    def cell(self, row: int, column: str) -> w.Widget:
        """The field of ``column`` in row ``row`` (1-based)."""
        return self.rows[row - 1].cells[column]


def input_class(q: Question) -> type[QuestionInput]:
    """The widget class the form uses for ``q``."""
    return TableInput if registry.get(q.type).tabular else QuestionInput
