"""Table questions in the assessment form, in-process (rows added, filled, checked, removed; the file checked on
disk), and the VSME Basic block of the sidebar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toolkit.definitions.model import Question, Questionnaire
from toolkit.form.app import AssessmentForm
from toolkit.form.table_input import TABLE_CSS, TableInput


def table_with(qn: Questionnaire, *types: str, shown: bool = True) -> Question:
    """A table question (always shown when ``shown``) whose columns include every type in ``types``."""
    for q in qn.iter_questions():
        if q.type == "table" and (not shown or not q.show_if) and set(types) <= {c.type for c in q.columns}:
            return q
    raise AssertionError(f"no table question with columns of the types {types}")


def number_column(q: Question):
    return next(c for c in q.columns if c.type == "number" and c.max is not None)


def text_column(q: Question):
    return next(c for c in q.columns if c.type == "text")


def saved(path: Path, qid: str) -> dict | None:
    return json.loads(path.read_text(encoding="utf-8"))["answers"].get(qid)


def test_a_table_question_gets_the_table_widget_and_saves_its_rows(form, micro, qn) -> None:
    q = table_with(qn, "text", "number")
    inp = form.question(q.id)
    assert isinstance(inp, TableInput) and len(inp.rows) == 1  # one empty row to start with
    text, num = text_column(q), number_column(q)
    inp.cell(1, text.id).value = "Stahl"
    assert saved(micro, q.id) == {"value": [{text.id: "Stahl"}], "changed_at": saved(micro, q.id)["changed_at"]}
    inp.cell(1, num.id).value = "1.234,5"  # typed the German way
    assert saved(micro, q.id)["value"] == [{text.id: "Stahl", num.id: 1234.5}]
    second = inp.add_row()
    assert second is not None and len(inp.rows) == 2
    assert saved(micro, q.id)["value"] == [{text.id: "Stahl", num.id: 1234.5}]  # an empty row is not saved
    inp.cell(2, text.id).value = "Holz"
    assert [r[text.id] for r in saved(micro, q.id)["value"]] == ["Stahl", "Holz"]
    # a new window shows the saved rows
    again = AssessmentForm(micro, qn).question(q.id)
    assert len(again.rows) == 2 and again.cell(1, num.id).value == "1.234,5" and again.cell(2, text.id).value == "Holz"


def test_removing_a_row_saves_the_rest_and_the_last_row_is_emptied(form, micro, qn) -> None:
    q = table_with(qn, "text")
    inp = form.question(q.id)
    col = text_column(q)
    inp.cell(1, col.id).value = "erste"
    inp.add_row()
    inp.cell(2, col.id).value = "zweite"
    inp.remove_row(inp.rows[0])
    assert saved(micro, q.id)["value"] == [{col.id: "zweite"}]
    assert inp.rows[0].title.value.endswith("Zeile 1</span>")  # renumbered
    inp.remove_row(inp.rows[0])
    assert len(inp.rows) == 1 and inp.cell(1, col.id).value == ""  # one row stays, emptied
    assert saved(micro, q.id) is None  # no rows: no answer


def test_a_bad_cell_is_marked_as_typed_and_nothing_is_saved(form, micro, qn) -> None:
    q = table_with(qn, "text", "number")
    inp = form.question(q.id)
    text, num = text_column(q), number_column(q)
    inp.cell(1, text.id).value = "Stahl"
    before = saved(micro, q.id)
    inp.cell(1, num.id).value = "zwölf"
    assert "sme-cell-invalid" in inp.cell(1, num.id)._dom_classes
    assert "Zeile 1" in inp.message_text and "Bitte eine Zahl" in inp.message_text
    assert "Bitte eine Zahl" in inp.rows[0].message.value
    assert saved(micro, q.id) == before
    inp.cell(1, num.id).value = format(num.max * 10, ".0f")  # above the column's maximum
    assert "bis" in inp.message_text and saved(micro, q.id) == before
    inp.cell(1, num.id).value = "12"
    assert inp.message_text is None and "sme-cell-invalid" not in inp.cell(1, num.id)._dom_classes
    assert saved(micro, q.id)["value"] == [{text.id: "Stahl", num.id: 12}]


def test_choices_come_from_the_column_and_are_saved_by_id(form, micro, qn) -> None:
    q = table_with(qn, "single_choice", shown=True)
    col = next(c for c in q.columns if c.type == "single_choice")
    inp = form.question(q.id)
    cell = inp.cell(1, col.id)
    assert [v for _label, v in cell.options] == ["", *(o.id for o in col.options)]
    cell.value = col.options[-1].id
    assert saved(micro, q.id)["value"][0][col.id] == col.options[-1].id


def test_no_more_rows_than_the_question_allows(form, qn) -> None:
    q = min((q for q in qn.iter_questions() if q.type == "table" and not q.show_if), key=lambda q: q.max_rows)
    inp = form.question(q.id)
    while len(inp.rows) < q.max_rows:
        assert inp.add_row() is not None
    assert inp.add_row() is None and inp.add_button.disabled
    assert str(q.max_rows) in inp.hint.value


def test_not_applicable_blocks_the_rows_and_is_saved(form, micro, qn) -> None:
    q = next(q for q in qn.iter_questions() if q.type == "table" and q.not_applicable and not q.show_if)
    inp = form.question(q.id)
    first = q.columns[0]
    inp.cell(1, first.id).value = first.options[0].id if first.type == "single_choice" else "1"
    assert saved(micro, q.id)["value"]
    inp.na.value = True
    assert saved(micro, q.id)["not_applicable"] is True and "value" not in saved(micro, q.id)
    assert all(c.disabled for c in inp.rows[0].cells.values()) and inp.add_button.disabled


def test_the_table_speaks_english(micro, qn) -> None:
    q = table_with(qn, "number")
    inp = AssessmentForm(micro, qn, lang="en").question(q.id)
    assert inp.add_button.description == "+ Add row"
    inp.cell(1, number_column(q).id).value = "twelve"
    assert inp.message_text.startswith("Row 1, ") and "Please enter a number" in inp.message_text


def test_the_table_fits_a_phone_screen(form, qn) -> None:
    """Fields wrap and take the full width; no widget of the table has a fixed width wider than a phone."""
    q = table_with(qn, "text", "number")
    inp = form.question(q.id)
    widgets = [inp.table, inp.rows_box, *(r.box for r in inp.rows), *(c for r in inp.rows for c in r.cells.values())]
    for wid in widgets:
        width = wid.layout.width or ""
        assert not width.endswith("px") or int(width[:-2]) <= 390, width
    assert "flex-wrap: wrap" in TABLE_CSS and "flex: 1 1 11em" in TABLE_CSS
    assert "sme-cell" in inp.cell(1, text_column(q).id)._dom_classes
    assert inp.cell(1, text_column(q).id).description == text_column(q).text["de"]  # the field's label


def test_the_sidebar_shows_the_vsme_basic_disclosures_as_answered(form, qn) -> None:
    def status(d: str) -> str:
        html = form.vsme_panel.value
        start = html.index(f"data-disclosure='{d}'")
        return html[start:].split("data-status='", 1)[1].split("'", 1)[0]

    assert all(f"data-disclosure='B{i}'" in form.vsme_panel.value for i in range(1, 12))
    assert status("B4") == "open"
    form.question("b4_applicable").radio.value = "no"
    assert status("B4") == "complete"
    form.question("b1_omitted").checks["b4"].value = True
    assert status("B4") == "omitted"
    assert "weggelassen" in form.vsme_panel.value and "VSME" in form.vsme_panel.value


@pytest.mark.slow
@pytest.mark.browser
def test_the_table_is_usable_on_a_390px_phone_in_the_workshop_app(tmp_path: Path) -> None:
    """The real workshop app in headless Chromium at 390 x 844: nothing scrolls sideways, every field of a row
    takes the full width, a typed cell reaches the file and a bad one is marked."""
    import re
    import time

    from playwright.sync_api import sync_playwright

    from tests.test_workshop_e2e import start_server, stop_server
    from toolkit.rendering.pdf import CHROMIUM_ARGS

    proc, server = start_server(tmp_path, "company_id;name\nalpha;Alpha Bäckerei GmbH\n", "--pool-size", "1")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            page.set_default_timeout(90_000)
            page.goto(server.links["alpha"])
            page.wait_for_selector(".sme-form .sme-nav", state="attached")
            toggle = page.locator("button.sme-toc-toggle")
            if toggle.is_visible():  # on a phone the contents are a block that opens
                toggle.click()
            page.locator("button.sme-nav").filter(has_text=re.compile(r"^\s*(✓ )?7 · ")).click()
            box = page.locator(".sme-q.sme-type-table:visible").first
            box.wait_for()
            cells = box.locator(".sme-cell")
            cells.first.locator("input").fill("Hauptstraße 12")
            box.locator("button.sme-add-row").click()
            page.wait_for_function("document.querySelectorAll('.sme-table-row').length >= 2")
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            for i in range(cells.count()):
                bb = cells.nth(i).bounding_box()
                assert bb is not None and bb["x"] >= 0 and bb["x"] + bb["width"] <= 390 and bb["width"] >= 250, bb
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                answers = json.loads((server.cohort / "alpha.json").read_text(encoding="utf-8"))["answers"]
                if any("Hauptstraße 12" in json.dumps(a, ensure_ascii=False) for a in answers.values()):
                    break
                time.sleep(0.2)
            else:
                raise AssertionError("the typed cell never reached the file")
            browser.close()
    finally:
        stop_server(proc)
