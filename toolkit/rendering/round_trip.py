"""A notebook's code cells run in a warm kernel in one round trip, each cell's outputs kept with its cell.

Every execute request costs the kernel and the client together about 10 ms of CPU whatever the cell does
(messages, status broadcasts, stream flushes on both sides): with the report's 15 cells, a sixth of a report's CPU
time in a batch. :func:`request_source` turns the cells into the source of one request that runs them in order with
IPython's own ``run_cell`` (magics, the display hook and tracebacks behave as in separate requests) and announces
each cell with a marker output before it runs; :func:`distribute` then puts every output back into its cell and
:func:`first_error` finds an error a cell raised. Running stops at the first cell that raises, as nbclient does,
unless the cell is tagged ``raises-exception``.

A cell's printed text is flushed before the next marker (IPython's display publisher flushes the streams before
it publishes), so it stays with the cell that printed it.
"""

from __future__ import annotations

from typing import Any

MARKER = "application/vnd.sme-toolkit.cell+json"  # one display output before each cell, dropped afterwards
RAISES = "raises-exception"  # nbclient's tag for a cell that may raise without stopping the run

# The request's own code: a function that runs the cells and is gone again afterwards. It returns None, so the
# request itself displays nothing.
_RUNNER = """
def __tk_run_cells(cells):
    shell = get_ipython()
    for index, source, may_raise in cells:
        shell.display_pub.publish({%(marker)r: {"cell": index}}, metadata={})
        if not shell.run_cell(source, store_history=False).success and not may_raise:
            return
__tk_run_cells(%(cells)r)
del __tk_run_cells
"""


def code_cells(nb: Any) -> list[int]:
    """The indices of the cells a run executes: code cells with source (nbclient skips empty ones)."""
    return [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and cell.source.strip()]


def may_raise(cell: Any) -> bool:
    """Whether ``cell`` is tagged to raise without stopping the run."""
    return RAISES in cell.get("metadata", {}).get("tags", [])


def request_source(nb: Any, prelude: str = "") -> str:
    """The source of one execute request that runs ``prelude`` and then every code cell of ``nb`` in order."""
    cells = [(i, nb.cells[i].source, may_raise(nb.cells[i])) for i in code_cells(nb)]
    return prelude + _RUNNER % {"marker": MARKER, "cells": cells}


def distribute(nb: Any, outputs: list[Any]) -> None:
    """Put the outputs of the request from :func:`request_source` into the cells of ``nb`` that made them; every
    cell the request ran gets its execution count. Outputs before the first marker (the prelude's) go to the
    first cell."""
    executed = code_cells(nb)
    for i in executed:
        nb.cells[i].outputs = []
        nb.cells[i].execution_count = None
    current = executed[0] if executed else None
    count = 0
    for output in outputs:
        marker = output.get("data", {}).get(MARKER) if output.get("output_type") == "display_data" else None
        if marker is not None:
            count += 1
            current = int(marker["cell"])
            nb.cells[current].execution_count = count
            continue
        if current is not None:
            nb.cells[current].outputs.append(output)


def first_error(nb: Any) -> tuple[Any, Any] | None:
    """The first cell (not tagged ``raises-exception``) with an error output, and that output; None if none."""
    for i in code_cells(nb):
        cell = nb.cells[i]
        if may_raise(cell):
            continue
        for output in cell.outputs:
            if output.get("output_type") == "error":
                return cell, output
    return None
