"""Stage 1: run the report notebook for one company.

Two ways, same notebook, same result:

* :func:`execute_notebook` without a kernel: papermill starts a kernel, runs, and stops it (one-off CLI);
* with a :class:`WarmKernel`: papermill only injects the parameters and nbclient runs the notebook's cells, all in
  one request (:mod:`toolkit.rendering.round_trip`), in a kernel that stays up for the next company (batch
  workers). Each run starts by clearing the kernel's namespace (what ``%reset -f`` does, see :data:`RESET`), the
  kernel keeps no output cache, and the notebook keeps no state of its own, so no company's data leaks into the
  next report.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.definitions.paths import NOTEBOOKS
from toolkit.errors import RenderError
from toolkit.i18n import LANGS

log = logging.getLogger(__name__)

NOTEBOOK = NOTEBOOKS / "report.ipynb"
KERNEL_NAME = "python3"
CELL_TIMEOUT = 120
STARTUP_TIMEOUT = 60
# After a cell's reply, how long to wait for its outputs. nbclient's default (4 s) is too short on a loaded
# machine, and without raising it would silently drop a section; so: wait longer, and fail loudly.
IOPUB_TIMEOUT = 60
# Kernels talk to the toolkit over local IPC sockets (files in the Jupyter runtime folder, readable by this user
# only), never over TCP ports: company data in cell outputs is not exposed on the network interface.
TRANSPORT = "ipc"
# Kernels started by the toolkit keep no IPython history: the parameters cell (a response path) and every other
# cell would otherwise land in ~/.ipython/profile_default/history.sqlite. Nor do they keep an output cache (Out,
# _, _1, ...): a report's sections are displayed and let go. Passed on every kernel's command line.
KERNEL_ARGS = ("--HistoryManager.enabled=False", "--InteractiveShell.cache_size=0")
# Run first in every run in a warm kernel: IPython's hard reset (what ``%reset -f`` and ``%reset -f in`` do:
# every name, the input history with its _i, _ii, _iii) without the full garbage collection the magic adds after
# it, which was a third of a warm kernel's CPU time per report. Nothing of the previous company is left to collect
# by name; Python's collector frees the rest as it goes.
RESET = (
    "get_ipython().history_manager._i = get_ipython().history_manager._ii = get_ipython().history_manager._iii = ''\n"
    "get_ipython().reset(new_session=True)"
)


@contextmanager
def _kernel_config() -> Iterator[Any]:
    """Kernel manager config: IPC sockets in a private temporary folder (removed afterwards)."""
    from traitlets.config import Config

    folder = tempfile.mkdtemp(prefix="tk-kernel-")  # mode 0700
    try:
        config = Config()
        config.KernelManager.transport = TRANSPORT
        config.KernelManager.ip = os.path.join(folder, "kernel")
        yield config
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def build_parameters(
    response: str | Path,
    questionnaire: str | Path | None = None,
    lang: str = "de",
    cohort: str | Path | None = None,
    factors: str | Path | None = None,
    max_steps: int = 10,
    computed: str | Path | None = None,
) -> dict[str, Any]:
    """The values for the notebook's ``parameters`` cell (absolute paths, so the kernel's directory does not
    matter). ``computed``: the JSON file of the computed view (the response as read and checked, its scorecard,
    the comparison) that the command wrote, from which the notebook renders without reading or scoring again."""
    if lang not in LANGS:
        raise ValueError(f"unknown report language {lang!r}: use one of {', '.join(LANGS)}")

    def absolute(p: str | Path | None) -> str | None:
        return None if p is None else str(Path(p).resolve())

    return {
        "response": absolute(response),
        "questionnaire": absolute(questionnaire),
        "lang": lang,
        "cohort": absolute(cohort),
        "factors": absolute(factors),
        "max_steps": int(max_steps),
        "computed": absolute(computed),
    }


@lru_cache(maxsize=4)
def _template(path: str, mtime_ns: int) -> Any:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # papermill looks the parameters cell up by cell.metadata.tags
        cell.metadata.setdefault("tags", [])
    return nb


def load_template(notebook: str | Path = NOTEBOOK) -> Any:
    """A fresh copy of the report notebook (read once per process while the file is unchanged)."""
    p = Path(notebook)
    try:
        return copy.deepcopy(_template(str(p.resolve()), p.stat().st_mtime_ns))
    except FileNotFoundError:
        raise RenderError(None, "execute", f"the report notebook {p} does not exist") from None


def _error_text(exc: BaseException) -> str:
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"the report notebook raised {ename}: {evalue}"
    return f"{type(exc).__name__}: {exc}"


def execute_notebook(
    params: dict[str, Any],
    *,
    company_id: str | None = None,
    kernel: WarmKernel | None = None,
    notebook: str | Path = NOTEBOOK,
    timeout: int = CELL_TIMEOUT,
    ahead: KernelAhead | None = None,
) -> Any:
    """Run the report notebook with ``params``; the executed notebook (still carrying papermill's injected cell
    and metadata: pass it through :func:`toolkit.rendering.export.clean_notebook`). Without a warm ``kernel``,
    papermill runs it in the kernel started ``ahead`` when given, else in one it starts itself."""
    if kernel is not None:
        nb = without_replaced_defaults(parameterize(load_template(notebook), params), params)
        return kernel.run(nb, company_id=company_id)
    import papermill
    from papermill.exceptions import PapermillExecutionError

    started = {} if ahead is None else {"km": ahead.manager()}
    try:
        with _kernel_config() as config, ThreadPoolExecutor(1, thread_name_prefix="tk-papermill") as pool:
            # on a fresh thread: its own event loop, whatever the caller's thread runs
            return pool.submit(
                papermill.execute_notebook,
                load_template(notebook),
                None,
                parameters=params,
                kernel_name=KERNEL_NAME,
                cwd=str(Path(notebook).resolve().parent),
                progress_bar=False,
                request_save_on_cell_execute=False,
                log_output=False,
                execution_timeout=timeout,
                start_timeout=STARTUP_TIMEOUT,
                shutdown_kernel="immediate",  # the outputs are in; no need to wait for a graceful exit
                iopub_timeout=IOPUB_TIMEOUT,
                raise_on_iopub_timeout=True,
                config=config,
                extra_arguments=list(KERNEL_ARGS),
                **started,
            ).result()
    except PapermillExecutionError as exc:
        raise RenderError(company_id, "execute", _error_text(exc)) from exc


class KernelAhead:
    """A kernel for one papermill run, started now in the background (context manager): a one-off report starts
    its kernel before it reads the inputs and starts the browser, so the kernel's start-up (a second or more)
    overlaps with them. papermill runs the notebook in it without owning it; leaving the block shuts it down."""

    def __init__(self, cwd: str | Path | None = None) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self._config = ExitStack()
        self._loop = _LoopThread()
        try:
            config = self._config.enter_context(_kernel_config())
            self.km = AsyncKernelManager(kernel_name=KERNEL_NAME, config=config)
            km = self.km

            async def start() -> None:
                await km.start_kernel(cwd=str(cwd or NOTEBOOK.parent), extra_arguments=list(KERNEL_ARGS))

            self._started = asyncio.run_coroutine_threadsafe(start(), self._loop.loop)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> KernelAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def manager(self) -> Any:
        """The kernel manager once its kernel process runs (papermill then waits until the kernel answers)."""
        try:
            self._started.result(STARTUP_TIMEOUT)
        except Exception as exc:
            raise RenderError(None, "execute", f"the report kernel did not start: {exc}") from exc
        return self.km

    def close(self) -> None:
        km = getattr(self, "km", None)

        async def _stop() -> None:
            if km is not None:
                await _shut_down(km)

        try:
            started = getattr(self, "_started", None)
            if started is not None:
                with contextlib.suppress(Exception):
                    started.result(STARTUP_TIMEOUT)
                with contextlib.suppress(Exception):
                    self._loop.call(_stop, timeout=60)
        finally:
            self._loop.stop()
            self._config.close()


def import_papermill_lean() -> None:
    """Import papermill without its optional HDFS support. papermill's I/O module imports pyarrow (and with it
    numpy) when it is installed, as the toolkit's cohort exports need it to be: 40 MB in every render worker and
    0.1 s of its start-up, for a file system the report is never read from. papermill then says so should
    anything ask it for HDFS. A process that has imported pyarrow already keeps it; later imports work as usual."""
    if "papermill" in sys.modules or "pyarrow" in sys.modules:
        return
    sys.modules["pyarrow"] = None  # type: ignore[assignment]  # "import pyarrow" raises ImportError meanwhile
    try:
        import papermill.iorw  # noqa: F401
    finally:
        del sys.modules["pyarrow"]


def without_replaced_defaults(nb: Any, params: dict[str, Any]) -> Any:
    """``nb`` without its ``parameters`` cell when that cell only assigns names the injected cell assigns again
    right after it: in a warm kernel it would be one more cell to run and one more marker output to carry back
    (:mod:`toolkit.rendering.round_trip`), for values replaced at once. Kept whenever it does anything else."""
    import ast

    for i, cell in enumerate(nb.cells):
        if "parameters" not in cell.get("metadata", {}).get("tags", []):
            continue
        try:
            body = ast.parse(cell.source).body
        except SyntaxError:
            return nb
        names: set[str] = set()
        for stmt in body:
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [getattr(stmt, "target", None)]
            if not isinstance(stmt, ast.Assign | ast.AnnAssign) or not all(isinstance(t, ast.Name) for t in targets):
                return nb
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        if names <= set(params):
            del nb.cells[i]
        return nb
    return nb


def parameterize(nb: Any, params: dict[str, Any]) -> Any:
    """papermill's parameter injection (an ``injected-parameters`` cell after the ``parameters`` cell)."""
    from papermill.parameterize import parameterize_notebook

    nb.metadata.setdefault("papermill", {})  # papermill records the parameters there; clean_notebook drops it
    return parameterize_notebook(nb, params, kernel_name=KERNEL_NAME, language="python")


class _LoopThread:
    """A private asyncio loop on its own thread for one kernel's client and manager.

    Every jupyter_client and nbclient coroutine of a :class:`WarmKernel` runs here, never on the caller's thread:
    a caller may have an event loop marked as running on its thread (Playwright's sync API, a Jupyter kernel), and
    ``jupyter_core``'s ``run_sync`` then moves kernel I/O to helper threads whose sockets a later kernel in the
    same process never hears from. With one loop per kernel no other library shares its loop state.
    """

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._main, name="tk-kernel-loop", daemon=True)
        self.thread.start()

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    def call(self, fn: Callable[[], Awaitable[Any]], timeout: float | None = None) -> Any:
        """Run the coroutine function ``fn`` on the private loop and wait for its result."""

        async def _go() -> Any:
            return await fn()

        return asyncio.run_coroutine_threadsafe(_go(), self.loop).result(timeout)

    def stop(self) -> None:
        if self.loop.is_closed():
            return
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        if not self.thread.is_alive():
            self.loop.close()


async def _maybe(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


async def _shut_down(km: Any) -> None:
    """Stop a kernel manager's kernel at once if it still runs, and remove its connection files."""
    try:
        if await _maybe(km.is_alive()):
            await _maybe(km.shutdown_kernel(now=True))
    finally:
        await _maybe(km.cleanup_resources())


@dataclass
class KernelStats:
    runs: int = 0
    restarts: int = 0


class WarmKernel:
    """One Python kernel kept alive across reports (context manager). Not thread-safe: one per worker."""

    def __init__(
        self,
        kernel_name: str = KERNEL_NAME,
        cwd: str | Path | None = None,
        timeout: int = CELL_TIMEOUT,
        startup_timeout: int = STARTUP_TIMEOUT,
    ) -> None:
        self.kernel_name = kernel_name
        self.cwd = str(cwd or NOTEBOOK.parent)
        self.timeout = timeout
        self.startup_timeout = startup_timeout
        self.km: Any = None
        self.kc: Any = None
        self._config = ExitStack()
        self._loop: _LoopThread | None = None
        self.stats = KernelStats()

    def __enter__(self) -> WarmKernel:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        config = self._config.enter_context(_kernel_config())
        self._loop = _LoopThread()

        async def _start() -> None:
            self.km = AsyncKernelManager(kernel_name=self.kernel_name, config=config)
            await self.km.start_kernel(cwd=self.cwd, extra_arguments=list(KERNEL_ARGS))
            self.kc = self.km.client()
            self.kc.start_channels()
            await self.kc.wait_for_ready(timeout=self.startup_timeout)

        t0 = time.perf_counter()
        try:
            self._loop.call(_start, timeout=self.startup_timeout + 30)
        except Exception as exc:
            self.close()
            log.info("the report kernel did not start after %.2f s", time.perf_counter() - t0)
            raise RenderError(None, "execute", f"the report kernel did not start: {exc}") from exc
        log.info("report kernel started in %.2f s", time.perf_counter() - t0)

    def alive(self) -> bool:
        if self.km is None or self._loop is None:
            return False
        km = self.km
        return bool(self._loop.call(lambda: _maybe(km.is_alive()), timeout=30))

    def run(self, nb: Any, company_id: str | None = None) -> Any:
        """Execute ``nb`` after clearing the namespace (:data:`RESET`); restarts the kernel first if it died.

        All code cells go to the kernel in one request (:mod:`toolkit.rendering.round_trip`): about 7 ms of kernel
        and worker CPU less per cell. Each cell gets back its own outputs; an error stops the run at its cell and
        raises :class:`RenderError` with the cell's exception, as a cell-by-cell run would."""
        import nbformat
        from nbclient import NotebookClient
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        from toolkit.rendering.round_trip import code_cells, distribute, first_error, request_source

        if not self.alive():
            self.close()
            self.start()
            self.stats.restarts += 1
        request = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell(request_source(nb, prelude=RESET))], metadata=nb.metadata
        )
        client = NotebookClient(
            request,
            km=self.km,
            kernel_name=self.kernel_name,
            timeout=self.timeout * max(1, len(code_cells(nb))),  # what the cells would have had one by one
            startup_timeout=self.startup_timeout,
            allow_errors=False,
            record_timing=False,
            iopub_timeout=IOPUB_TIMEOUT,
            raise_on_iopub_timeout=True,
        )
        client.kc = self.kc  # reuse the open channels instead of opening new ones per report
        assert self._loop is not None
        try:
            self._loop.call(client.async_execute)
        except CellExecutionError as exc:  # the request's own code failed, not a cell of the notebook
            raise RenderError(company_id, "execute", _error_text(exc)) from exc
        except (CellTimeoutError, DeadKernelError, RuntimeError) as exc:
            self.close()  # the next run starts a fresh kernel
            raise RenderError(company_id, "execute", _error_text(exc)) from exc
        distribute(nb, request.cells[0].outputs)
        nb.metadata = request.metadata  # with the language_info the kernel reported
        self.stats.runs += 1
        failed = first_error(nb)
        if failed is not None:
            cell, error = failed
            raised = CellExecutionError.from_cell_and_msg(cell, error)
            raise RenderError(company_id, "execute", _error_text(raised)) from raised
        return nb

    def close(self) -> None:
        loop, km, kc = self._loop, self.km, self.kc
        self.km = self.kc = self._loop = None

        async def _stop() -> None:
            try:
                if kc is not None:
                    kc.stop_channels()
            finally:
                if km is not None:
                    await _shut_down(km)

        try:
            if loop is not None:
                loop.call(_stop, timeout=60)
        finally:
            if loop is not None:
                loop.stop()
            self._config.close()
