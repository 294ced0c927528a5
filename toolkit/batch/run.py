"""``render_batch``: every company's report of a cohort, in parallel, with failures isolated.

The body reads as the pipeline: plan (check inputs, skip unchanged) -> render on warm workers (this machine
or a Dask cluster) -> record each outcome as it arrives -> manifest and summary.

Interrupted (Ctrl-C, SIGINT to this process alone, an error): the manifest and the render state are still
written, with Ctrl-C held back while they are. A worker may have finished a PDF without getting to report it;
every PDF that a job of this run put in place (a new file under the final name, written atomically, so complete)
is recorded as rendered, and every other planned company as ``interrupted``, with the PDF of an earlier run if
there is one (as is a company that failed this time). So the manifest lists every report PDF of the companies
that were to be rendered.
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.atomic import TEMP_SUFFIX, atomic_write_text
from toolkit.batch.dask_runner import DaskRunner
from toolkit.batch.jobs import STATE_FILE, Job, Outcome, OutputNamer, load_state, plan, response_files, state_key
from toolkit.batch.manifest import summary_table, write_manifest
from toolkit.batch.pool import WorkerPool, default_workers
from toolkit.batch.progress import Progress

SESSION_FACTORY = "toolkit.batch.session:ReportSession"

log = logging.getLogger(__name__)  # company ids, statuses and timings only: never answers, names or error texts


@dataclass
class BatchResult:
    outcomes: list[Outcome]
    wall_seconds: float
    manifest_csv: Path
    manifest_json: Path
    workers: int
    peak_rss_per_worker: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def rendered(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "rendered"]

    @property
    def skipped(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "skipped"]

    @property
    def interrupted(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "interrupted"]

    def summary(self) -> str:
        return summary_table(self.outcomes, self.wall_seconds)


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temporary files of an interrupted earlier run (never under a final name) are removed."""
    for tmp in out_dir.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()


@contextlib.contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Ctrl-C (SIGINT) waits until the block is done; it is delivered right after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def _identity(path: Path) -> tuple[int, int, int] | None:
    """What tells a file apart from the one that was there before (an atomic write makes a new inode)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


EARLIER = " (the PDF listed is from an earlier run)"


def _unreported(
    jobs: list[Job], outcomes: list[Outcome], before: dict[str, tuple[int, int, int] | None], namer: OutputNamer
) -> list[Outcome]:
    """Outcomes for the jobs that never reported one (the run was interrupted): ``rendered`` when this run put
    their PDF in place, else ``interrupted`` (listing the PDF of an earlier run, if any)."""
    reported = {o.company_id for o in outcomes}
    found = []
    for job in jobs:
        if job.company_id in reported:
            continue
        pdf, card = namer(Path(job.out_dir), job.company_id, job.lang)
        now = _identity(pdf)
        if now is not None and now != before.get(job.company_id) and card.exists():
            found.append(Outcome(job.company_id, job.response, "rendered", pdf=str(pdf), scorecard=str(card)))
        else:
            earlier = EARLIER if now is not None else ""
            found.append(
                Outcome(
                    job.company_id,
                    job.response,
                    "interrupted",
                    pdf=str(pdf) if now else None,
                    error=f"not rendered: the batch was interrupted{earlier}",
                    stage="interrupted",
                )
            )
    return found


def _list_earlier_pdfs(jobs: list[Job], outcomes: list[Outcome], namer: OutputNamer) -> None:
    """A company that failed this time keeps the PDF of an earlier run: the manifest lists it, marked as such."""
    planned = {job.company_id: job for job in jobs}
    for o in outcomes:
        job = planned.get(o.company_id)
        if o.status == "failed" and job is not None and not o.pdf:
            pdf = namer(Path(job.out_dir), job.company_id, job.lang)[0]
            if pdf.exists():
                o.pdf, o.error = str(pdf), f"{o.error or ''}{EARLIER}"


def _likely_renders(inputs: list[str], out_dir: Path, force: bool) -> int:
    """How many reports the batch will likely render, before planning knows: every response file when the whole
    cohort is to be rendered (``--force``, or no earlier run in ``out_dir``), so that workers are worth starting
    now: their kernels and browsers come up while every response is read and checked. Otherwise 0 (most inputs
    unchanged): workers start after planning, and only if there is work."""
    return len(response_files(inputs)) if force or not (out_dir / STATE_FILE).exists() else 0


def render_batch(
    inputs: list[str],
    out_dir: Path,
    questionnaire: Path,
    lang: str = "de",
    workers: int | None = None,
    cohort: Path | None = None,
    force: bool = False,
    scheduler: str | None = None,
    timeout: float = 180.0,
    progress: bool = True,
    factors: Path | None = None,
    session_factory: str = SESSION_FACTORY,
) -> BatchResult:
    """Render every company's report; ``session_factory`` ('module:callable') makes each worker's renderer."""
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out_dir)
    namer = OutputNamer()
    # what each worker's session loads ahead, while its kernel and browser start
    options = {"questionnaire": str(questionnaire), "factors": str(factors) if factors else None}
    pool: WorkerPool | None = None
    cluster: DaskRunner | None = None
    likely = _likely_renders(inputs, out_dir, force)
    if likely and scheduler:
        cluster = DaskRunner(scheduler, session_factory, options)
    elif likely:
        pool = WorkerPool(min(workers or default_workers(), likely), session_factory, options)
        pool.start()
    try:
        planned = plan(inputs, out_dir, questionnaire, lang, cohort, force, timeout, namer, factors)
    except BaseException:
        if pool is not None:
            pool.abort()
        if cluster is not None:
            cluster.close()
        raise
    log.info(
        "plan took %.2f s: %d to render, %d unchanged and skipped, %d failed the checks before rendering",
        time.perf_counter() - t0,
        len(planned.jobs),
        len(planned.skipped),
        len(planned.failed),
    )
    for o in planned.skipped:
        log.debug("%s: unchanged since the last run, skipped", o.company_id)
    for o in planned.failed:
        log.info("%s: not rendered, failed at %s", o.company_id, o.stage or "the checks")
    before = {job.company_id: _identity(namer(out_dir, job.company_id, job.lang)[0]) for job in planned.jobs}
    outcomes: list[Outcome] = [*planned.skipped, *planned.failed]
    keys = {job.company_id: job for job in planned.jobs}
    state = load_state(out_dir)
    n_workers = max(1, min(workers or default_workers(), len(planned.jobs) or 1))
    bar = Progress(total=len(outcomes) + len(planned.jobs), enabled=progress)
    for o in outcomes:
        bar.update(o)

    def remember(outcome: Outcome) -> bool:
        job: Job | None = keys.get(outcome.company_id)
        if outcome.status != "rendered" or job is None or state.get(state_key(job.company_id, job.lang)) == job.key:
            return False
        state[state_key(job.company_id, job.lang)] = job.key
        return True

    def record(outcome: Outcome) -> None:
        log.info(
            "%s: %s in %.2f s (worker %s%s)",
            outcome.company_id,
            outcome.status,
            outcome.seconds,
            outcome.worker or "-",
            f", failed at {outcome.stage}" if outcome.status == "failed" else "",
        )
        outcomes.append(outcome)
        if remember(outcome):
            atomic_write_text(out_dir / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))
        bar.update(outcome)

    peak: dict[str, int] = {}
    t_render = time.perf_counter()
    try:
        if planned.jobs and scheduler:
            cluster = cluster or DaskRunner(scheduler, session_factory, options)
            cluster.run(planned.jobs, record)
        elif planned.jobs:
            pool = pool or WorkerPool(n_workers, session_factory, options)
            pool.run(planned.jobs, record)
        elif pool is not None:
            pool.abort()  # started early, and nothing to render
    finally:
        if cluster is not None:
            cluster.close()
        with _ctrl_c_held():  # the record of what exists is written in full, even on a second Ctrl-C
            log.info(
                "render took %.2f s on %d worker(s)%s",
                time.perf_counter() - t_render,
                n_workers,
                f" of the cluster at {scheduler}" if scheduler else "",
            )
            t_manifest = time.perf_counter()
            outcomes += _unreported(planned.jobs, outcomes, before, namer)
            _list_earlier_pdfs(planned.jobs, outcomes, namer)
            if [o for o in outcomes if remember(o)]:
                atomic_write_text(out_dir / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))
            if pool is not None:
                peak = pool.stats.peak_rss_per_worker
            bar.close()
            wall = time.perf_counter() - t0
            csv_path, json_path = write_manifest(outcomes, out_dir, wall, n_workers, peak)
            remove_stale_temp_files(out_dir)
            log.info("manifest took %.2f s; the batch took %.2f s", time.perf_counter() - t_manifest, wall)
    return BatchResult(outcomes, wall, csv_path, json_path, n_workers, peak)
