"""``render_batch``: every company's report of a cohort, in parallel, with failures isolated.

The body reads as the pipeline: plan (check inputs, skip unchanged) -> render on warm workers (this machine
or a Dask cluster) -> record each outcome as it arrives -> manifest and summary.
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import TEMP_SUFFIX, atomic_write_text
from .jobs import STATE_FILE, Job, Outcome, OutputNamer, load_state, plan, state_key
from .manifest import summary_table, write_manifest
from .pool import WorkerPool, default_workers
from .progress import Progress

SESSION_FACTORY = "toolkit.batch.session:ReportSession"


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

    def summary(self) -> str:
        return summary_table(self.outcomes, self.wall_seconds)


def remove_stale_temp_files(out_dir: Path) -> None:
    """Temporary files of an interrupted earlier run (never under a final name) are removed."""
    for tmp in out_dir.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def render_batch(inputs: list[str], out_dir: Path, questionnaire: Path, lang: str = "de", workers: int | None = None,
                 cohort: Path | None = None, force: bool = False, scheduler: str | None = None,
                 timeout: float = 180.0, progress: bool = True, factors: Path | None = None) -> BatchResult:
    t0 = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(out_dir)
    planned = plan(inputs, out_dir, questionnaire, lang, cohort, force, timeout, OutputNamer(), factors)
    outcomes: list[Outcome] = [*planned.skipped, *planned.failed]
    keys = {job.company_id: job for job in planned.jobs}
    state = load_state(out_dir)
    n_workers = max(1, min(workers or default_workers(), len(planned.jobs) or 1))
    bar = Progress(total=len(outcomes) + len(planned.jobs), enabled=progress)
    for o in outcomes:
        bar.update(o)

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        job: Job | None = keys.get(outcome.company_id)
        if outcome.status == "rendered" and job is not None:
            state[state_key(job.company_id, job.lang)] = job.key
            atomic_write_text(out_dir / STATE_FILE, json.dumps(state, indent=1, sort_keys=True))
        bar.update(outcome)

    peak: dict[str, int] = {}
    pool: WorkerPool | None = None
    try:
        if planned.jobs and scheduler:
            from .dask_runner import run_on_dask

            run_on_dask(planned.jobs, scheduler, record)
        elif planned.jobs:
            pool = WorkerPool(n_workers, SESSION_FACTORY)
            pool.run(planned.jobs, record)
    finally:
        if pool is not None:
            peak = pool.stats.peak_rss_per_worker
        bar.close()
        wall = time.perf_counter() - t0
        csv_path, json_path = write_manifest(outcomes, out_dir, wall, n_workers, peak)
        remove_stale_temp_files(out_dir)
    return BatchResult(outcomes, wall, csv_path, json_path, n_workers, peak)
