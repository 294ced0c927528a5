"""Benchmark: seconds per company report for the naive loop and for ``toolkit render``, in one run.

Run by hand (not in CI), when the machine is otherwise idle:

    .venv/bin/python tests/benchmarks/bench_render.py [N] [N_NAIVE] [--one-worker] [--no-dask] [--rounds R]

(a) the loop a facilitator would write: ``papermill`` CLI, then ``jupyter nbconvert --to html`` CLI, then a
    headless Chromium print, per company (measured on N_NAIVE companies, default 5);
(b) ``toolkit render --workers 1`` on the N demo companies (default 48; only with ``--one-worker``);
(c) ``toolkit render`` on all cores, start-up included;
(d) the same batch with ``--scheduler`` on a Dask LocalCluster of as many single-threaded workers as (c) had,
    started before the command (as a cluster is);
then the ratio (a)/(c), (d) against (c), and the goals of issue 15. Peak memory per worker (worker + kernel +
Chromium, PSS) is sampled here with psutil every 2 seconds for (c) and (d); (c) also has the pool's own figure
from the manifest. Prints the load average before each route: figures from a busy machine are not comparable.
This machine's speed drifts by a quarter within minutes; ``--rounds 2`` measures every route twice, forwards and
backwards, and judges the goals on the medians.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium")
GOAL_SECONDS, GOAL_RATIO, GOAL_PSS_MB, GOAL_DASK = 0.5, 15.0, 600, 0.15


def demo_companies(folder: Path, n: int) -> list[Path]:
    from toolkit.demo.generator import generate

    data = generate(folder / "all")
    latest = sorted(p for p in data.paths if p.parent.name == "2026")[:n]
    chosen = folder / "cohort"
    chosen.mkdir()
    for p in latest:
        shutil.copy(p, chosen / p.name)
    return sorted(chosen.glob("*.json"))


def children_cpu() -> float:
    """CPU seconds of every finished child process (and of the children they waited for): what a route cost the
    machine, whatever else ran beside it. On an idle machine with C cores a route takes at least this / C."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def naive(responses: list[Path], out: Path) -> float:
    out.mkdir()
    t0 = time.perf_counter()
    for resp in responses:
        nb = out / f"{resp.stem}.ipynb"
        subprocess.run(
            [
                str(BIN / "papermill"),
                str(ROOT / "notebooks" / "report.ipynb"),
                str(nb),
                "-p",
                "response",
                str(resp.resolve()),
                "-p",
                "lang",
                "de",
                "--cwd",
                str(ROOT / "notebooks"),
            ],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(nb)], check=True, capture_output=True
        )
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--no-first-run",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out / (resp.stem + '.pdf')}",
                str(nb.with_suffix(".html")),
            ],
            check=True,
            capture_output=True,
        )
    return (time.perf_counter() - t0) / len(responses)


class PeakMemory:
    """Samples, every 2 seconds, the PSS of each worker's process tree (the worker with its kernel and Chromium);
    ``workers`` returns the current worker processes. PSS counts pages shared between processes once."""

    def __init__(self, workers: Callable[[], list[psutil.Process]]) -> None:
        self.workers = workers
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(2.0):  # as often as the pool does: each sample costs CPU
            try:
                roots = self.workers()
            except psutil.Error:
                continue
            for root in roots:
                total = 0
                try:
                    procs = [root, *root.children(recursive=True)]
                except psutil.Error:
                    continue
                for p in procs:
                    with contextlib.suppress(psutil.Error):  # a process that just ended
                        total += p.memory_full_info().pss
                self.peak[root.pid] = max(self.peak.get(root.pid, 0), total)

    @property
    def max_mb(self) -> int:
        return max(self.peak.values(), default=0) >> 20


def _spawned_children(pid: int) -> list[psutil.Process]:
    """The render workers of a ``toolkit render`` process (multiprocessing spawns them; not its resource tracker)."""
    found = []
    for child in psutil.Process(pid).children():
        try:
            cmd = " ".join(child.cmdline())
        except psutil.Error:
            continue
        if "spawn_main" in cmd or "multiprocessing.spawn" in cmd:
            found.append(child)
    return found


def toolkit_render(
    folder: Path, out: Path, workers: int | None = None, scheduler: str | None = None, dask_workers=None
) -> tuple[float, dict, int]:
    cmd = [str(BIN / "toolkit"), "render", str(folder), "--out", str(out), "--no-progress", "--force"]
    if workers:
        cmd += ["--workers", str(workers)]
    if scheduler:
        cmd += ["--scheduler", scheduler]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampled = dask_workers if dask_workers is not None else (lambda: _spawned_children(proc.pid))
    with PeakMemory(sampled) as memory:
        stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"toolkit render failed:\n{stdout.decode()}\n{stderr.decode()}")
    manifest = json.loads((out / "manifest.json").read_text())
    failed = manifest["counts"].get("failed", 0)
    if failed:
        raise SystemExit(f"{failed} reports failed: see {out / 'manifest.json'}")
    return wall, manifest, memory.max_mb


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f})"


def route_a(responses: list[Path], folder: Path) -> float:
    cpu0 = children_cpu()
    a = naive(responses, folder)
    cpu_a = (children_cpu() - cpu0) / len(responses)
    print(
        f"(a) naive loop (papermill CLI + nbconvert CLI + chromium), {len(responses)} companies: {a:.2f} s/report "
        f"({cpu_a:.2f} CPU s/report)",
        flush=True,
    )
    return a


def route_c(cohort: Path, out: Path, n: int) -> tuple[float, int, int]:
    """(c): seconds per report, the number of workers, peak PSS per worker (MB)."""
    cpu0 = children_cpu()
    wall_c, manifest, pss_c = toolkit_render(cohort, out)
    cpu_c = children_cpu() - cpu0
    c = wall_c / n
    print(
        f"(c) toolkit render on all cores ({manifest['workers']} workers): {wall_c:.1f} s wall, {c:.2f} s/report; "
        f"{cpu_c:.1f} CPU s in all, {cpu_c / n:.2f} CPU s/report "
        f"(so at least {cpu_c / (os.cpu_count() or 1) / n:.2f} s/report on otherwise idle cores)"
    )
    secs = sorted(r["seconds"] for r in manifest["companies"])
    print(f"    per report inside a worker: median {secs[len(secs) // 2]:.2f} s, max {secs[-1]:.2f} s")
    print(
        f"    peak PSS per worker (worker + kernel + Chromium): {pss_c} MB sampled here, "
        f"{manifest['peak_memory_mb_per_worker']} MB by the pool",
        flush=True,
    )
    pool_mb = max(manifest["peak_memory_mb_per_worker"].values(), default=0)
    return c, manifest["workers"], max(pss_c, pool_mb)  # the goal holds for both figures


def route_d(cohort: Path, out: Path, n: int, n_workers: int) -> tuple[float, int]:
    """(d): seconds per report on a Dask LocalCluster started beforehand (its start-up is not counted), peak PSS."""
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=n_workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as cluster:
        processes = [psutil.Process(nanny.process.pid) for nanny in cluster.workers.values()]

        def dask_workers() -> list[psutil.Process]:  # each nanny's worker process (with its kernel and browser)
            return processes

        wall_d, _, pss_d = toolkit_render(cohort, out, scheduler=cluster.scheduler_address, dask_workers=dask_workers)
    print(
        f"(d) toolkit render --scheduler (Dask LocalCluster, {n_workers} workers x 1 thread): "
        f"{wall_d:.1f} s wall, {wall_d / n:.2f} s/report; peak PSS per worker {pss_d} MB",
        flush=True,
    )
    return wall_d / n, pss_d


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, nargs="?", default=48, help="companies for toolkit render (default 48)")
    ap.add_argument("n_naive", type=int, nargs="?", default=5, help="companies for the naive loop (default 5)")
    ap.add_argument("--one-worker", action="store_true", help="also (b): toolkit render --workers 1")
    ap.add_argument("--no-dask", action="store_true", help="leave out (d), the Dask LocalCluster")
    ap.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every route this many times, in turn forwards (a, c, d) and backwards (d, c, a), so that a "
        "machine getting faster or slower during the run weighs on every route alike; the goals are judged on "
        "the medians (default 1)",
    )
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        responses = demo_companies(tmp_path, args.n)
        n = len(responses)
        print(f"{n} demo companies, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d %H:%M')}, {load()}", flush=True)
        n_workers = min(n, len(os.sched_getaffinity(0)))
        a_s: list[float] = []
        c_s: list[float] = []
        d_s: list[float] = []
        pss: list[int] = []
        for r in range(max(1, args.rounds)):
            order = ["a", "c", "d"] if r % 2 == 0 else ["d", "c", "a"]
            if args.no_dask:
                order.remove("d")
            if args.rounds > 1:
                print(f"-- round {r + 1}: {', '.join(order)}")
            for route in order:
                print(f"    {load()}", flush=True)
                out = tmp_path / f"{route}{r}"
                if route == "a":
                    a_s.append(route_a(responses[: args.n_naive], out))
                elif route == "c":
                    c, n_workers, pss_c = route_c(tmp_path / "cohort", out, n)
                    c_s.append(c)
                    pss.append(pss_c)
                else:
                    d, pss_d = route_d(tmp_path / "cohort", out, n, n_workers)
                    d_s.append(d)
                    pss.append(pss_d)
            if args.one_worker and r == 0:
                print(f"    {load()}", flush=True)
                wall_b, _, _ = toolkit_render(tmp_path / "cohort", tmp_path / "b", 1)
                print(f"(b) toolkit render --workers 1: {wall_b:.1f} s wall, {wall_b / n:.2f} s/report")
        a, c = statistics.median(a_s), statistics.median(c_s)
        if args.rounds > 1:
            print(
                f"medians of {args.rounds} rounds: (a) {a:.2f} s/report, (c) {c:.2f} s/report"
                + (f", (d) {statistics.median(d_s):.2f} s/report" if d_s else "")
            )
        ratio = a / c
        print(
            f"ratio (a)/(c): {ratio:.1f}x"
            + (
                f" (per round: {', '.join(f'{x / y:.1f}x' for x, y in zip(a_s, c_s, strict=True))})"
                if args.rounds > 1
                else ""
            )
        )
        goals = [
            (f"(c) <= {GOAL_SECONDS} s/report", c <= GOAL_SECONDS),
            (f"(a)/(c) >= {GOAL_RATIO:.0f}x", ratio >= GOAL_RATIO),
            (f"peak PSS per worker <= {GOAL_PSS_MB} MB", max(pss) <= GOAL_PSS_MB),
        ]
        if d_s:
            d = statistics.median(d_s)
            print(f"(d) against (c): {d / c - 1:+.0%}")
            goals.append((f"(d) within {GOAL_DASK:.0%} of (c)", abs(d / c - 1) <= GOAL_DASK))
        print(f"    {load()}")
        print("goals: " + "; ".join(f"{name}: {'met' if ok else 'NOT met'}" for name, ok in goals))


if __name__ == "__main__":
    main()
