"""Benchmark: seconds per company report for the naive loop and for ``toolkit render``.

Run by hand (not in CI):  .venv/bin/python tests/benchmarks/bench_render.py [N] [N_NAIVE]

(a) the loop a facilitator would write: ``papermill`` CLI, then ``jupyter nbconvert --to html`` CLI, then a
    headless Chromium print, per company (measured on N_NAIVE companies, default 5);
(b) ``toolkit render --workers 1`` on N demo companies (default 60);
(c) ``toolkit render`` on all cores;
and the ratio (a)/(c). Peak memory per worker comes from the render manifest's worker figures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("TOOLKIT_CHROMIUM", "/usr/bin/chromium")


def demo_companies(folder: Path, n: int) -> list[Path]:
    from toolkit.demo.generator import generate

    data = generate(folder / "all")
    latest = sorted(p for p in data.paths if p.parent.name == "2026")[:n]
    chosen = folder / "cohort"
    chosen.mkdir()
    for p in latest:
        shutil.copy(p, chosen / p.name)
    return sorted(chosen.glob("*.json"))


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


def toolkit_render(folder: Path, out: Path, workers: int | None) -> tuple[float, dict]:
    cmd = [str(BIN / "toolkit"), "render", str(folder), "--out", str(out), "--no-progress", "--force"]
    if workers:
        cmd += ["--workers", str(workers)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    manifest = json.loads((out / "manifest.json").read_text())
    return wall, manifest


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    n_naive = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        responses = demo_companies(tmp_path, n)
        print(f"{len(responses)} demo companies, {os.cpu_count()} cores")
        a = naive(responses[:n_naive], tmp_path / "naive")
        print(f"(a) naive loop (papermill CLI + nbconvert CLI + chromium), {n_naive} companies: {a:.2f} s/report")
        wall_b, _ = toolkit_render(tmp_path / "cohort", tmp_path / "b", 1)
        b = wall_b / len(responses)
        print(f"(b) toolkit render --workers 1: {wall_b:.1f} s wall, {b:.2f} s/report")
        wall_c, manifest = toolkit_render(tmp_path / "cohort", tmp_path / "c", None)
        c = wall_c / len(responses)
        print(f"(c) toolkit render on all cores ({manifest['workers']} workers): {wall_c:.1f} s wall, {c:.2f} s/report")
        print(f"ratio (a)/(c): {a / c:.1f}x")
        print(f"peak memory per worker (worker + kernel + Chromium, PSS): {manifest['peak_memory_mb_per_worker']} MB")
        secs = sorted(r["seconds"] for r in manifest["companies"])
        print(f"per-report time inside a worker: median {secs[len(secs) // 2]:.2f} s, max {secs[-1]:.2f} s")


if __name__ == "__main__":
    main()
