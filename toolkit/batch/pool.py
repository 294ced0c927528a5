"""A pool of warm render workers on this machine.

Each worker is one process that imports papermill and nbconvert once, keeps a warm kernel and one headless
Chromium, and renders job after job. The parent hands out one job at a time, so it always knows which
company a worker holds: a worker that dies or exceeds the job's timeout is killed with its kernel and
browser, that company is reported failed, and a fresh worker takes over. Ctrl-C stops every worker tree.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing as mp
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

import psutil

from .jobs import Job, Outcome

READY = "ready"
_NOTHING = object()  # no message yet from a live worker


def load_factory(spec: str) -> Callable[..., Any]:
    """'package.module:attr' -> the object."""
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)  # type: ignore[no-any-return]


def run_job(session: Any, job: Job, worker: str) -> Outcome:
    """Render one job in a session; every exception becomes a failed outcome with its stage."""
    t0 = time.perf_counter()
    try:
        pdf, card = session.render(job)
        return Outcome(job.company_id, job.response, "rendered", time.perf_counter() - t0, str(pdf), str(card),
                       worker=worker)
    except Exception as exc:
        stage = getattr(exc, "stage", None) or "render"
        message = getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"
        with contextlib.suppress(Exception):
            session.recover()
        return Outcome(job.company_id, job.response, "failed", time.perf_counter() - t0, error=str(message),
                       stage=stage, worker=worker)


def _worker_main(conn: Connection, name: str, factory: str, options: dict[str, Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us with SIGTERM

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
            conn.send(run_job(session, job, name))
    except (EOFError, KeyboardInterrupt, SystemExit):
        pass
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


@dataclass
class PoolStats:
    peak_rss_per_worker: dict[str, int] = field(default_factory=dict)
    restarts: int = 0


class WorkerPool:
    """Run jobs on ``workers`` warm processes; ``on_outcome`` is called for every finished job."""

    def __init__(self, workers: int, factory: str, options: dict[str, Any] | None = None,
                 start_timeout: float = 90.0) -> None:
        self.size = max(1, workers)
        self.factory = factory
        self.options = options or {}
        self.start_timeout = start_timeout
        self.ctx = mp.get_context("spawn")
        self.stats = PoolStats()
        self._workers: list[_Worker] = []
        self._counter = 0
        self._start_failures = 0

    def _spawn(self) -> _Worker:
        self._counter += 1
        name = f"w{self._counter}"
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, name, self.factory, self.options), daemon=True,
                                name=f"toolkit-render-{name}")
        proc.start()
        child.close()
        w = _Worker(name, proc, parent, started=time.monotonic())
        self._workers.append(w)
        return w

    def _retire(self, w: _Worker) -> None:
        self.stats.peak_rss_per_worker[w.name] = max(self.stats.peak_rss_per_worker.get(w.name, 0), w.peak_rss)
        if w.process.is_alive():
            kill_tree(w.process.pid)
        w.process.join(timeout=5)
        with contextlib.suppress(OSError):
            w.conn.close()
        self._workers.remove(w)

    def run(self, jobs: list[Job], on_outcome: Callable[[Outcome], None]) -> None:
        pending = deque(jobs)
        try:
            for _ in range(min(self.size, len(pending))):
                self._spawn()
            last_sample = 0.0
            while pending or any(w.job for w in self._workers):
                if not self._workers and pending:
                    self._spawn()
                conns = {w.conn: w for w in self._workers}
                sentinels = {w.process.sentinel: w for w in self._workers}
                for obj in wait([*conns, *sentinels], timeout=0.5):
                    w = conns.get(obj) or sentinels.get(obj)  # type: ignore[call-overload]
                    if w is None or w not in self._workers:
                        continue
                    msg = self._receive(w)
                    if msg is None:  # the worker died
                        w.process.join(timeout=2)
                        self._lost(w, pending, on_outcome, "the render worker stopped unexpectedly "
                                   f"(exit code {w.process.exitcode})")
                        continue
                    if isinstance(msg, tuple) and msg[0] == READY:
                        w.ready = True
                    elif isinstance(msg, tuple) and msg[0] == "error":
                        self._lost(w, pending, on_outcome, f"the render worker could not start: {msg[1]}")
                        continue
                    elif isinstance(msg, Outcome):
                        w.job = None
                        on_outcome(msg)
                    if w.ready and w.job is None:
                        self._assign(w, pending)
                now = time.monotonic()
                for w in list(self._workers):
                    if w.job is not None and now - w.started > w.job.timeout:
                        self._lost(w, pending, on_outcome, f"rendering took longer than {w.job.timeout:.0f} s "
                                   "and was stopped", stage="timeout")
                    elif w.job is None and not w.ready and now - w.started > self.start_timeout:
                        self._lost(w, pending, on_outcome, "the render worker did not start in time")
                if now - last_sample > 1.0:
                    last_sample = now
                    for w in self._workers:
                        w.peak_rss = max(w.peak_rss, tree_memory(w.process.pid))
        except BaseException:  # Ctrl-C or an error here: stop every worker tree now, do not wait for jobs
            self.abort()
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

    def _lost(self, w: _Worker, pending: deque[Job], on_outcome: Callable[[Outcome], None], why: str,
              stage: str = "worker") -> None:
        job, was_ready = w.job, w.ready
        self._retire(w)
        if job is not None:
            on_outcome(Outcome(job.company_id, job.response, "failed", time.monotonic() - w.started, error=why,
                               stage=stage, worker=w.name))
        self._start_failures = 0 if was_ready else self._start_failures + 1
        if self._start_failures >= 3:  # workers cannot even start: report every company instead of looping
            while pending:
                j = pending.popleft()
                on_outcome(Outcome(j.company_id, j.response, "failed", error=why, stage="worker"))
            return
        if pending:
            self.stats.restarts += 1
            self._spawn()

    def abort(self) -> None:
        """Stop all workers with their kernels and browsers at once (SIGTERM, then SIGKILL)."""
        for w in list(self._workers):
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
