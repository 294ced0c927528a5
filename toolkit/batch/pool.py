"""A pool of warm render workers on this machine.

Each worker is one process that imports papermill and nbconvert once, keeps a warm kernel and one headless
Chromium, and renders job after job. The parent hands out one job at a time, so it always knows which
company a worker holds. Faults cost a company one more try, never the rest of the batch:

* the kernel or the browser dies during a job: the worker restarts it and tries the job once more;
* the worker itself dies, cannot restart its kernel or browser, or exceeds the job's timeout: it is killed with
  its kernel and browser, a fresh worker takes over and tries the job once more;
* a company is reported failed when its second try fails too, or at once when the failure left kernel and
  browser running (an error in its data or in the notebook would fail the same way again).

Ctrl-C stops every worker tree; outcomes the workers had already sent are still recorded.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing as mp
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Any

import psutil

from toolkit.batch.jobs import MAX_ATTEMPTS, Job, Outcome

log = logging.getLogger(__name__)  # worker names, company ids and timings only

READY = "ready"
RETRY = "retry"  # a worker restarted its kernel or browser and tries its job again
BROKEN = "broken"  # a worker could not restart its kernel or browser and stops
_NOTHING = object()  # no message yet from a live worker
# How often the peak memory of each worker tree is sampled: reading the PSS of a worker with its kernel and
# Chromium costs about 0.03 CPU s, which once a second was some 5 % of a batch's CPU time on 2 cores.
MEMORY_SAMPLE_S = 2.0


def load_factory(spec: str) -> Callable[..., Any]:
    """'package.module:attr' -> the object."""
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


class SessionBroken(Exception):
    """A session's kernel or browser died and could not be started again: the worker must be replaced."""

    def __init__(self, message: str, attempt: int) -> None:
        super().__init__(message)
        self.attempt = attempt  # the try of the job that failed

    def __reduce__(self) -> tuple[Any, ...]:
        return type(self), (str(self), self.attempt)


def run_job(session: Any, job: Job, worker: str, on_retry: Callable[[Job, str], None] | None = None) -> Outcome:
    """Render one job in a session; every exception becomes a failed outcome with its stage.

    After a failure the session restarts its kernel or browser if they died (``session.recover()`` names what it
    restarted) and the job is tried once more, announced through ``on_retry``. Raises :class:`SessionBroken`
    when they cannot be restarted."""
    t0 = time.perf_counter()
    first = ""
    while True:
        try:
            pdf, card = session.render(job)
            return Outcome(
                job.company_id,
                job.response,
                "rendered",
                time.perf_counter() - t0,
                str(pdf),
                str(card),
                worker=worker,
                attempts=job.attempt,
            )
        except Exception as exc:
            stage = getattr(exc, "stage", None) or "render"
            message = str(getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}")
        try:
            restarted = list(session.recover() or [])
        except Exception as exc:
            raise SessionBroken(
                f"{message}; then the kernel or browser could not be started again: {exc}", job.attempt
            ) from exc
        if not restarted or job.attempt >= MAX_ATTEMPTS:
            return Outcome(
                job.company_id,
                job.response,
                "failed",
                time.perf_counter() - t0,
                error=with_first_attempt(message, first),
                stage=stage,
                worker=worker,
                attempts=job.attempt,
            )
        first = f"{message} ({' and '.join(restarted)} restarted)"
        job = replace(job, attempt=job.attempt + 1)
        if on_retry is not None:
            on_retry(job, first)


def with_first_attempt(error: str, first: str) -> str:
    return f"{error}\n(first attempt: {first})" if first else error


def _worker_logging(level: int) -> None:
    """A started worker logs like its parent (``toolkit --verbose``): to the same stderr, at the same level."""
    if level >= logging.WARNING:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)-7s %(name)s [%(processName)s]: %(message)s", "%H:%M:%S")
    )
    root = logging.getLogger("toolkit")
    root.addHandler(handler)
    root.setLevel(level)


def _worker_main(
    conn: Connection, name: str, factory: str, options: dict[str, Any], log_level: int = logging.WARNING
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us with SIGTERM
    _worker_logging(log_level)

    def _term(*_: object) -> None:
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, _term)
    session = None
    try:
        session = load_factory(factory)(**options)
        conn.send((READY, name))
        while True:
            job = conn.recv()
            if job is None:
                break
            conn.send(run_job(session, job, name, on_retry=lambda j, why: conn.send((RETRY, j.attempt, why))))
    except (EOFError, KeyboardInterrupt, SystemExit):
        pass
    except SessionBroken as exc:
        with contextlib.suppress(Exception):
            conn.send((BROKEN, exc.attempt, str(exc)))
    except Exception:
        with contextlib.suppress(Exception):
            conn.send(("error", traceback.format_exc(limit=5)))
    finally:
        if session is not None:
            with contextlib.suppress(Exception):
                session.close()


def kill_tree(pid: int, grace: float = 3.0) -> None:
    """Terminate a process with all its children (kernels, browsers), then kill what is left."""
    try:
        root = psutil.Process(pid)
        procs = [*root.children(recursive=True), root]
    except psutil.NoSuchProcess:
        return
    for p in procs:
        with contextlib.suppress(psutil.Error):
            p.terminate()
    _, alive = psutil.wait_procs(procs, timeout=grace)
    for p in alive:
        with contextlib.suppress(psutil.Error):
            p.kill()
    psutil.wait_procs(alive, timeout=grace)


def tree_memory(pid: int) -> int:
    """Proportional set size (shared pages counted once across processes) of a process and its children:
    what the worker with its kernel and browser really costs; RSS when PSS cannot be read."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += getattr(p.memory_full_info(), "pss", 0) or p.memory_info().rss
        except psutil.Error:
            continue
    return total


@dataclass
class _Worker:
    name: str
    process: Any
    conn: Connection
    ready: bool = False
    job: Job | None = None
    started: float = 0.0
    peak_rss: int = 0
    released: bool = False  # told to stop: no job was left for it


@dataclass
class PoolStats:
    peak_rss_per_worker: dict[str, int] = field(default_factory=dict)
    restarts: int = 0  # workers started in place of lost ones
    retries: int = 0  # jobs tried a second time


class WorkerPool:
    """Run jobs on ``workers`` warm processes; ``on_outcome`` is called for every finished job."""

    def __init__(
        self, workers: int, factory: str, options: dict[str, Any] | None = None, start_timeout: float = 90.0
    ) -> None:
        self.size = max(1, workers)
        self.factory = factory
        self.options = options or {}
        self.start_timeout = start_timeout
        self.ctx = mp.get_context("spawn")
        self.stats = PoolStats()
        self._workers: list[_Worker] = []
        self._counter = 0
        self._start_failures = 0
        self._first_errors: dict[str, str] = {}  # company -> why its first try on a lost worker failed

    def _spawn(self) -> _Worker:
        self._counter += 1
        name = f"w{self._counter}"
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(
            target=_worker_main,
            args=(child, name, self.factory, self.options, logging.getLogger("toolkit").getEffectiveLevel()),
            daemon=True,
            name=f"toolkit-render-{name}",
        )
        proc.start()
        child.close()
        w = _Worker(name, proc, parent, started=time.monotonic())
        self._workers.append(w)
        log.debug("render worker %s started (pid %s)", name, proc.pid)
        return w

    def _retire(self, w: _Worker) -> None:
        self.stats.peak_rss_per_worker[w.name] = max(self.stats.peak_rss_per_worker.get(w.name, 0), w.peak_rss)
        if w.process.is_alive():
            kill_tree(w.process.pid)
        w.process.join(timeout=5)
        with contextlib.suppress(OSError):
            w.conn.close()
        self._workers.remove(w)

    def start(self, workers: int | None = None) -> None:
        """Start workers now, before the jobs are known: their kernels and browsers come up while the caller
        plans. :meth:`run` uses them, and stops the ones it has no job for."""
        for _ in range(min(self.size, workers or self.size) - len(self._workers)):
            self._spawn()

    def run(self, jobs: list[Job], on_outcome: Callable[[Outcome], None]) -> None:
        pending = deque(jobs)
        try:
            for idle in [w for w in self._workers if w.job is None][len(pending) :]:  # started early, not needed
                self._retire(idle)
            while len(self._workers) < min(self.size, len(pending)):
                self._spawn()
            last_sample = 0.0
            while pending or any(w.job for w in self._workers):
                if not self._workers and pending:
                    self._spawn()
                # a worker's pipe (a message) or its process sentinel (it died)
                handles: dict[Any, _Worker] = {w.conn: w for w in self._workers}
                handles.update({w.process.sentinel: w for w in self._workers})
                for obj in wait(list(handles), timeout=0.5):
                    w = handles.get(obj)
                    if w is None or w not in self._workers:
                        continue
                    msg = self._receive(w)
                    if msg is None and w.released:  # it stopped as told, with its kernel and browser
                        w.process.join(timeout=5)
                        self._retire(w)
                        continue
                    if msg is None:  # the worker died
                        w.process.join(timeout=2)
                        self._lost(
                            w,
                            pending,
                            on_outcome,
                            f"the render worker stopped unexpectedly (exit code {w.process.exitcode})",
                        )
                        continue
                    if isinstance(msg, tuple) and msg[0] == READY:
                        w.ready = True
                        log.info(
                            "render worker %s ready after %.2f s (kernel and browser started)",
                            w.name,
                            time.monotonic() - w.started,
                        )
                    elif isinstance(msg, tuple) and msg[0] == RETRY and w.job is not None:
                        w.job, w.started = replace(w.job, attempt=msg[1]), time.monotonic()  # a new time budget
                        self._first_errors[w.job.company_id] = msg[2]
                        self.stats.retries += 1
                        log.info(
                            "%s: worker %s restarted its kernel or browser and tries again", w.job.company_id, w.name
                        )
                    elif isinstance(msg, tuple) and msg[0] == BROKEN:
                        if w.job is not None:
                            w.job = replace(w.job, attempt=msg[1])
                        self._lost(w, pending, on_outcome, msg[2])
                        continue
                    elif isinstance(msg, tuple) and msg[0] == "error":
                        self._lost(w, pending, on_outcome, f"the render worker could not start: {msg[1]}")
                        continue
                    elif isinstance(msg, Outcome):
                        w.job = None
                        on_outcome(self._finished(msg))
                    if w.ready and w.job is None:
                        self._assign(w, pending)
                    if w.ready and w.job is None and not w.released and not pending:
                        self._release(w)
                now = time.monotonic()
                for w in list(self._workers):
                    if w.job is not None and now - w.started > w.job.timeout:
                        self._lost(
                            w,
                            pending,
                            on_outcome,
                            f"rendering took longer than {w.job.timeout:.0f} s and was stopped",
                            stage="timeout",
                        )
                    elif w.job is None and not w.ready and now - w.started > self.start_timeout:
                        self._lost(w, pending, on_outcome, "the render worker did not start in time")
                if now - last_sample > MEMORY_SAMPLE_S:
                    last_sample = now
                    for w in self._workers:
                        w.peak_rss = max(w.peak_rss, tree_memory(w.process.pid))
        except BaseException:  # Ctrl-C or an error here: stop every worker tree now, do not wait for jobs
            self.abort(on_outcome)
            raise
        finally:
            self.close()

    def _receive(self, w: _Worker) -> Any:
        try:
            if w.conn.poll():
                return w.conn.recv()
        except (EOFError, OSError):
            return None
        if not w.process.is_alive():
            return None
        return _NOTHING

    def _assign(self, w: _Worker, pending: deque[Job]) -> None:
        if pending:
            w.job = pending.popleft()
            w.started = time.monotonic()
            try:
                w.conn.send(w.job)
            except (BrokenPipeError, OSError):
                pending.appendleft(w.job)
                w.job = None

    def _release(self, w: _Worker) -> None:
        """Tell an idle worker to stop when no job is left for it: it shuts its kernel and browser down while the
        others finish their last reports, instead of after them. Should a job come back (its worker was lost),
        a new worker takes it."""
        w.released = True
        with contextlib.suppress(OSError):  # it died meanwhile: its sentinel says so
            w.conn.send(None)

    def _finished(self, outcome: Outcome) -> Outcome:
        first = self._first_errors.pop(outcome.company_id, "")
        if outcome.status == "failed" and "(first attempt: " not in (outcome.error or ""):  # the worker's own retry
            outcome.error = with_first_attempt(outcome.error or "", first)
        return outcome

    def _lost(
        self, w: _Worker, pending: deque[Job], on_outcome: Callable[[Outcome], None], why: str, stage: str = "worker"
    ) -> None:
        job, was_ready = w.job, w.ready
        self._retire(w)
        if job is not None and job.attempt < MAX_ATTEMPTS:  # its kernel and browser went with it: one more try
            self._first_errors[job.company_id] = why
            pending.appendleft(replace(job, attempt=job.attempt + 1))
            self.stats.retries += 1
        elif job is not None:
            on_outcome(
                self._finished(
                    Outcome(
                        job.company_id,
                        job.response,
                        "failed",
                        time.monotonic() - w.started,
                        error=why,
                        stage=stage,
                        worker=w.name,
                        attempts=job.attempt,
                    )
                )
            )
        self._start_failures = 0 if was_ready else self._start_failures + 1
        if self._start_failures >= 3:  # workers cannot even start: report every company instead of looping
            while pending:
                j = pending.popleft()
                on_outcome(Outcome(j.company_id, j.response, "failed", error=why, stage="worker"))
            return
        if pending:
            self.stats.restarts += 1
            self._spawn()

    def abort(self, on_outcome: Callable[[Outcome], None] | None = None) -> None:
        """Stop all workers with their kernels and browsers at once (SIGTERM, then SIGKILL); outcomes already sent
        are passed to ``on_outcome`` first, so a finished report is never left out of the record."""
        for w in list(self._workers):
            if on_outcome is not None:
                with contextlib.suppress(Exception):
                    while w.conn.poll():
                        msg = w.conn.recv()
                        if isinstance(msg, Outcome):
                            w.job = None
                            on_outcome(self._finished(msg))
            self._retire(w)

    def close(self) -> None:
        for w in list(self._workers):
            with contextlib.suppress(Exception):
                w.conn.send(None)
        deadline = time.monotonic() + 10
        for w in list(self._workers):
            w.process.join(timeout=max(0.1, deadline - time.monotonic()))
            self._retire(w)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
