"""One request for all of a notebook's cells (toolkit.rendering.round_trip): each output goes back to its cell."""

from __future__ import annotations

import nbformat

from toolkit.rendering.round_trip import MARKER, distribute, first_error, request_source


def _nb(*sources: str, tags: dict[int, list[str]] | None = None) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# Title")]
    for i, source in enumerate(sources):
        cells.append(nbformat.v4.new_code_cell(source, metadata={"tags": (tags or {}).get(i, [])}))
    return nbformat.v4.new_notebook(cells=cells)


def _marker(index: int) -> nbformat.NotebookNode:
    return nbformat.v4.new_output("display_data", data={MARKER: {"cell": index}})


def test_the_request_runs_every_code_cell_with_source_in_order_after_the_prelude():
    nb = _nb("a = 1", "   ", "print(a)", tags={2: ["raises-exception"]})
    source = request_source(nb, prelude="reset()")
    assert source.startswith("reset()\n")
    assert "[(1, 'a = 1', False), (3, 'print(a)', True)]" in source  # the blank cell and the markdown left out
    compile(source, "<request>", "exec")  # valid Python whatever the cells hold


def test_outputs_go_back_to_the_cells_that_made_them():
    nb = _nb("x = 1", "print('two')", "x", "y = 3")
    stream = nbformat.v4.new_output("stream", name="stdout", text="two\n")
    result = nbformat.v4.new_output("execute_result", data={"text/plain": "1"}, execution_count=1)
    before = nbformat.v4.new_output("stream", name="stdout", text="from the prelude\n")
    distribute(nb, [before, _marker(1), _marker(2), stream, _marker(3), result, _marker(4)])
    assert [c.get("outputs") for c in nb.cells] == [None, [before], [stream], [result], []]
    assert [c.get("execution_count") for c in nb.cells] == [None, 1, 2, 3, 4]


def test_a_cell_that_did_not_run_has_no_outputs_and_no_count():
    nb = _nb("boom()", "later = 1")
    nb.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="stale\n")]
    error = nbformat.v4.new_output("error", ename="NameError", evalue="name 'boom' is not defined", traceback=[])
    distribute(nb, [_marker(1), error])
    assert nb.cells[1].outputs == [error] and nb.cells[1].execution_count == 1
    assert nb.cells[2].outputs == [] and nb.cells[2].execution_count is None
    cell, found = first_error(nb)
    assert cell is nb.cells[1] and found["ename"] == "NameError"


def test_an_error_in_a_cell_tagged_raises_exception_is_not_the_runs_error():
    nb = _nb("1 / 0", "ok = 1", tags={0: ["raises-exception"]})
    error = nbformat.v4.new_output("error", ename="ZeroDivisionError", evalue="division by zero", traceback=[])
    distribute(nb, [_marker(1), error, _marker(2)])
    assert first_error(nb) is None
    assert nb.cells[2].execution_count == 2


def test_any_cell_text_reaches_the_kernel_unchanged():
    """Quotes, backslashes, format marks, line breaks and non-Latin text in a cell (a company name injected as a
    parameter, say) neither break the request nor change what the kernel runs."""
    import ast

    hostile = 'name = "Ö\'\'\'\\"\\"\\" %s %(cells)r \\\\n </script> 株式会社"\nprint(name)'
    nb = _nb(hostile, "x = '''\n'''")
    source = request_source(nb, prelude="reset()")
    call = next(
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__tk_run_cells"
    )
    assert ast.literal_eval(call.args[0]) == [(1, hostile, False), (2, "x = '''\n'''", False)]
