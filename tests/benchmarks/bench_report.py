"""Seconds per company report, by route. Prints figures; asserts nothing (speed is not a test).

    .venv/bin/python tests/benchmarks/bench_report.py [--n 12] [--cli-runs 3]

Routes:
  cli        ``toolkit report`` in a new process per report (papermill kernel + own Chromium; the one-off)
  cold       render_report in one process, new kernel (papermill) and new browser (preloaded page) per report
  printer    one PdfPrinter (fresh page per report, plotly.js loaded every time), papermill kernel per report
  warm       one PdfPrinter reusing a warm page (plotly.js loaded once) + one WarmKernel
  warm_cold_page  one WarmKernel, PdfPrinter(reuse_page=False): isolates the warm-page gain
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from toolkit.rendering.execute import WarmKernel  # noqa: E402
from toolkit.rendering.pdf import PdfPrinter  # noqa: E402
from toolkit.report.render import render_report  # noqa: E402

EXAMPLES = sorted((ROOT / "questionnaires" / "examples").glob("*.json"))
COHORT = ROOT / "tests" / "data" / "cohort-summary.json"


def jobs(n: int) -> list[tuple[Path, str]]:
    all_jobs = [(f, lang) for f in EXAMPLES for lang in ("de", "en")]
    return [all_jobs[i % len(all_jobs)] for i in range(n)]


def cli(runs: int, out: Path) -> list[float]:
    """``toolkit report`` per run, as a user starts it; prints when each of its stages began (it reports them)."""
    times = []
    for i in range(runs):
        f, lang = jobs(runs)[i]
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "toolkit",
                "report",
                str(f),
                "--out",
                str(out),
                "--lang",
                lang,
                "--cohort",
                str(COHORT),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert proc.stderr is not None
        marks = []
        for line in proc.stderr:  # "[3/7] preparing the report …"
            if line.startswith("["):
                marks.append((time.perf_counter() - t0, line.split("]", 1)[1].strip(" …\n")))
        if proc.wait() != 0:
            raise SystemExit(f"toolkit report failed for {f.name}")
        times.append(time.perf_counter() - t0)
        stages = ", ".join(f"{label} at {at:.2f}" for at, label in marks)
        print(f"  cli run {i + 1}: {times[-1]:.2f} s ({stages})", flush=True)
    return times


def batch(n: int, out: Path, *, printer_kw: dict | None, warm_kernel: bool) -> tuple[float, list[dict[str, float]]]:
    """Wall time for n reports, including starting and stopping the shared browser/kernel."""
    timings = []
    t0 = time.perf_counter()
    if printer_kw is None:  # nothing shared
        for f, lang in jobs(n):
            timings.append(render_report(f, out, lang=lang, cohort=COHORT).timings)
        return time.perf_counter() - t0, timings
    with PdfPrinter(**printer_kw) as printer:
        printer.preload()  # no-op without reuse_page; else plotly.js parses while the kernel starts
        if warm_kernel:
            with WarmKernel() as kernel:
                for f, lang in jobs(n):
                    r = render_report(f, out, lang=lang, cohort=COHORT, printer=printer, kernel=kernel)
                    timings.append(r.timings)
        else:
            for f, lang in jobs(n):
                timings.append(render_report(f, out, lang=lang, cohort=COHORT, printer=printer).timings)
    return time.perf_counter() - t0, timings


def stage_medians(timings: list[dict[str, float]]) -> str:
    rest = timings[1:] or timings  # after the first report (which pays start-up)
    stages = ("load", "execute", "export", "pdf", "write")
    return "  ".join(f"{s} {statistics.median(t[s] for t in rest):.2f}" for s in stages)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=12, help="reports per batch route")
    ap.add_argument("--cli-runs", type=int, default=3)
    ap.add_argument("--routes", default="cli,cold,printer,warm_cold_page,warm")
    args = ap.parse_args()
    routes = args.routes.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        print(
            f"{len(EXAMPLES)} example companies x de/en; n={args.n} per batch route; {time.strftime('%Y-%m-%d %H:%M')}"
        )
        if "cli" in routes:
            t = cli(args.cli_runs, out)
            runs = ", ".join(f"{x:.2f}" for x in t)
            print(f"cli             {statistics.median(t):6.2f} s/report (median of {len(t)}: {runs})")
        configs = {
            "cold": (None, False),
            "printer": ({"reuse_page": False}, False),
            "warm_cold_page": ({"reuse_page": False}, True),
            "warm": ({"reuse_page": True}, True),
        }
        for name, (printer_kw, warm_kernel) in configs.items():
            if name not in routes:
                continue
            n = min(args.n, 4) if name == "cold" else args.n
            wall, timings = batch(n, out, printer_kw=printer_kw, warm_kernel=warm_kernel)
            per = f"{name:15} {wall / n:6.2f} s/report over {n} (wall {wall:.1f} s)"
            print(f"{per}; after the first: {stage_medians(timings)}")


if __name__ == "__main__":
    main()
