"""Run a render batch on an existing Dask distributed cluster.

Each Dask worker process keeps its render sessions (kernel and browser) between tasks: one for each task it runs at
once, closed when the worker shuts down. :class:`DaskRunner` connects as soon as the batch starts and has every
worker start a session in the background, so kernels and browsers come up while the batch plans, as the local
workers' do. Tasks never raise: a failing company comes back as a failed outcome, so one failure never cancels
the others. A job whose kernel or browser died is tried once more, on a new session when the old one cannot be
restarted. Inputs and outputs must be on storage all workers share.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from toolkit.batch.jobs import MAX_ATTEMPTS, Job, Outcome
from toolkit.batch.pool import SessionBroken, load_factory, run_job

log = logging.getLogger(__name__)  # company ids and timings only


class _Sessions:
    """This worker process's render sessions: idle ones are handed to the next task; a task finding none while
    one is starting waits for it rather than starting a second kernel and browser."""

    def __init__(self) -> None:
        self.changed = threading.Condition()
        self.idle: list[Any] = []
        self.starting = 0
        self.every: list[Any] = []

    def _start(self, factory: str, options: dict[str, Any]) -> Any:
        with self.changed:
            self.starting += 1
        try:
            session = load_factory(factory)(**options)
        finally:
            with self.changed:
                self.starting -= 1
                self.changed.notify_all()
        with self.changed:
            if not self.every:
                atexit.register(self.close_all)
            self.every.append(session)
        return session

    def warm(self, factory: str, options: dict[str, Any]) -> None:
        """Start a session in the background unless one exists or is starting."""
        with self.changed:
            if self.every or self.starting:
                return

        def start() -> None:
            try:
                session = self._start(factory, options)
            except Exception as exc:  # the first task tries again and reports it as its failure
                log.info("a render session did not start ahead: %s", exc)
                return
            self.give_back(session)

        threading.Thread(target=start, name="tk-session-warm-up", daemon=True).start()

    def take(self, factory: str, options: dict[str, Any]) -> Any:
        with self.changed:
            while not self.idle and self.starting:
                self.changed.wait()
            if self.idle:
                return self.idle.pop()
        return self._start(factory, options)

    def give_back(self, session: Any) -> None:
        with self.changed:
            self.idle.append(session)
            self.changed.notify_all()

    def drop(self, session: Any) -> None:
        """Close and forget a session whose kernel or browser cannot be restarted."""
        with self.changed:
            if session in self.every:
                self.every.remove(session)
        with contextlib.suppress(Exception):
            session.close()

    def close_all(self) -> None:
        with self.changed:
            every, self.every, self.idle = self.every, [], []
        for session in every:
            with contextlib.suppress(Exception):
                session.close()


_sessions = _Sessions()


def warm_sessions(factory: str, options: dict[str, Any] | None = None) -> None:
    """Run on each worker when a batch starts: a session comes up there while the batch plans."""
    _sessions.warm(factory, options or {})


def render_task(job: Job, factory: str, options: dict[str, Any] | None = None) -> Outcome:
    worker = f"dask-{os.getpid()}"
    while True:
        try:
            session = _sessions.take(factory, options or {})
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
            outcome = run_job(session, job, worker)
        except SessionBroken as exc:
            _sessions.drop(session)
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
            continue
        _sessions.give_back(session)
        return outcome


class DaskRunner:
    """A batch's connection to a Dask cluster (context manager). Connecting has every worker start a render
    session in the background; :meth:`run` then renders the jobs there."""

    def __init__(
        self,
        scheduler: str,
        factory: str = "toolkit.batch.session:ReportSession",
        options: dict[str, Any] | None = None,
    ) -> None:
        from distributed import Client

        self.scheduler, self.factory, self.options = scheduler, factory, options or {}
        self.client = Client(scheduler, timeout="30s")
        try:
            self.client.run(warm_sessions, factory, self.options)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> DaskRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(self, jobs: list[Job], on_outcome: Callable[[Outcome], None]) -> None:
        from distributed import as_completed

        futures = {
            self.client.submit(
                render_task,
                job,
                self.factory,
                self.options,
                key=f"render-{job.company_id}-{job.key[:12]}",
                pure=False,
                retries=0,
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
                self.client.cancel(list(futures))
            raise

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()
