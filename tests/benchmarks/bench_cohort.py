"""Seconds to aggregate 100,000 company-rounds (group statistics with suppression, year-over-year, margins).
Prints figures; asserts nothing (speed is not a test).

    .venv/bin/python tests/benchmarks/bench_cohort.py [--rows 100000] [--networks 60] [--repeat 3]

The rows are synthetic but follow the demo generator's score distribution: the demo networks are generated
and scored in memory, and each synthetic company copies the scores of a random demo company of the same
sector and size class, plus noise. No JSON files are written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from toolkit.cohort import build_tables, from_frame, group_stats  # noqa: E402
from toolkit.cohort.table import company_row  # noqa: E402
from toolkit.definitions.factors import load_factors  # noqa: E402
from toolkit.definitions.loader import load_questionnaire  # noqa: E402
from toolkit.demo import build_documents  # noqa: E402
from toolkit.responses import parse_response  # noqa: E402
from toolkit.scoring.scores import score  # noqa: E402


def demo_rows() -> tuple[pd.DataFrame, tuple[str, ...]]:
    qn = load_questionnaire(ROOT / "questionnaires" / "dnk-sme-2026.yaml")
    factors = load_factors()
    dims = tuple(d.id for d in qn.dimensions)
    rows = []
    for _, doc, _ in build_documents(qn, seed=2026):
        resp = parse_response(doc, qn)
        rows.append(company_row(score(qn, resp, factors), resp, dims))
    return pd.DataFrame(rows), dims


def synthetic(base: pd.DataFrame, n_rows: int, n_networks: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n_companies = int(n_rows / 1.85)  # ~85 % in both rounds
    pick = rng.integers(0, len(base), n_companies)
    companies = base.iloc[pick].reset_index(drop=True)
    companies["company_id"] = [f"c{i:06d}" for i in range(n_companies)]
    companies["network"] = [f"Netzwerk {i:02d}" for i in rng.integers(0, n_networks, n_companies)]
    score_cols = [c for c in base.columns if c.startswith("score_")] + ["overall_score"]
    frames = []
    x = rng.random(n_companies)
    for round_, members in (("2025", x >= 0.08), ("2026", x < 0.93)):
        part = companies[members].copy()
        part["round"] = round_
        shift = 0.0 if round_ == "2025" else 3.0
        noise = rng.normal(shift, 4.0, (len(part), len(score_cols)))
        part[score_cols] = np.clip(part[score_cols].to_numpy(dtype=float) + noise, 0, 100)
        frames.append(part)
    return pd.concat(frames, ignore_index=True).head(n_rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--networks", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    t = time.perf_counter()
    base, dims = demo_rows()
    print(f"demo generated and scored in memory: {len(base)} company-rounds in {time.perf_counter() - t:.2f} s")
    df = synthetic(base, args.rows, args.networks)
    print(
        f"synthetic cohort: {len(df):,} company-rounds, {df['company_id'].nunique():,} companies, "
        f"{df['network'].nunique()} networks, {df['sector'].nunique()} sectors"
    )
    cohort = from_frame(df, dims, [d for d in dims if d in ("energy", "supply_chain", "reporting")])

    single, full, cpu = [], [], []
    load_before = os.getloadavg()[0]
    for _ in range(args.repeat):
        t = time.perf_counter()
        group_stats(cohort, ["round", "network"])
        single.append(time.perf_counter() - t)
        t, c = time.perf_counter(), time.process_time()
        tables = build_tables(cohort, 5)
        full.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    cells = sum(len(t) for t in tables.groups.values())
    hidden = sum(int((t["status"] != "shown").sum()) for t in tables.groups.values())
    print(f"group_stats(round x network), all metrics, margins protected: median {statistics.median(single):.2f} s")
    print(
        f"build_tables (6 groupings x {len(tables.groups[('round',)]['metric'].unique())} metrics, "
        f"year-over-year for {len(tables.yoy_pairs):,} pairs): median {statistics.median(full):.2f} s "
        f"(runs: {', '.join(f'{v:.2f}' for v in full)})"
    )
    print(f"  {cells:,} figure rows, {hidden:,} suppressed")
    print(
        f"  CPU seconds of this process per build_tables: median {statistics.median(cpu):.2f} "
        f"(wall time above includes waiting for the cores)"
    )
    print(
        f"machine: {os.cpu_count()} cores, load average {load_before:.1f} before the runs, "
        f"{os.getloadavg()[0]:.1f} after; goal (issue 15): build_tables median <= 3 s"
    )


if __name__ == "__main__":
    main()
