"""Run a render batch on an existing Dask distributed cluster.

Each Dask worker process keeps one warm render session (kernel and browser) between tasks, created on the
first task and closed when the worker shuts down. Tasks never raise: a failing company comes back as a failed
outcome, so one failure never cancels the others. A job whose kernel or browser died is tried once more, on a new
session when the old one cannot be restarted. Inputs and outputs must be on storage all workers share.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from toolkit.batch.jobs import MAX_ATTEMPTS, Job, Outcome
from toolkit.batch.pool import SessionBroken, load_factory, run_job

_sessions: dict[int, Any] = {}
_lock = threading.Lock()


def _session(factory: str) -> Any:
    """One session per worker thread (a Dask worker may run several threads)."""
    tid = threading.get_ident()
    with _lock:
        if tid not in _sessions:
            _sessions[tid] = load_factory(factory)()
            if len(_sessions) == 1:
                atexit.register(_close_all)
        return _sessions[tid]


def _close_all() -> None:
    with _lock:
        for session in _sessions.values():
            with contextlib.suppress(Exception):
                session.close()
        _sessions.clear()


def _drop_session() -> None:
    """Close and forget this thread's session (its kernel or browser cannot be restarted)."""
    with _lock:
        session = _sessions.pop(threading.get_ident(), None)
    if session is not None:
        with contextlib.suppress(Exception):
            session.close()


def render_task(job: Job, factory: str) -> Outcome:
    worker = f"dask-{os.getpid()}"
    while True:
        try:
            session = _session(factory)
        except Exception as exc:
            return Outcome(
                job.company_id,
                job.response,
                "failed",
                error=f"the render worker could not start: {exc}",
                stage="worker",
                worker=worker,
                attempts=job.attempt,
            )
        try:
            return run_job(session, job, worker)
        except SessionBroken as exc:
            _drop_session()
            if exc.attempt >= MAX_ATTEMPTS:
                return Outcome(
                    job.company_id,
                    job.response,
                    "failed",
                    error=str(exc),
                    stage="worker",
                    worker=worker,
                    attempts=exc.attempt,
                )
            job = replace(job, attempt=exc.attempt + 1)


def run_on_dask(
    jobs: list[Job],
    scheduler: str,
    on_outcome: Callable[[Outcome], None],
    factory: str = "toolkit.batch.session:ReportSession",
) -> None:
    from distributed import Client, as_completed

    with Client(scheduler, timeout="30s") as client:
        futures = {
            client.submit(
                render_task, job, factory, key=f"render-{job.company_id}-{job.key[:12]}", pure=False, retries=0
            ): job
            for job in jobs
        }
        try:
            for future in as_completed(futures):
                job = futures[future]
                try:
                    outcome = future.result()
                except Exception as exc:
                    outcome = Outcome(
                        job.company_id, job.response, "failed", error=f"{type(exc).__name__}: {exc}", stage="dask"
                    )
                on_outcome(outcome)
        except BaseException:  # Ctrl-C: no further company starts (one already running finishes on its worker)
            with contextlib.suppress(Exception):
                client.cancel(list(futures))
            raise
