"""Data quality per network in the cohort tables (issue 12): contradictions and unevidenced top-level claims are
counted per company and published through the same disclosure control as every other figure."""

from __future__ import annotations

import json
import math
from pathlib import Path

from toolkit.cohort.table import load_cohort
from toolkit.cohort.tables import build_tables

from .conftest import EXAMPLES

# per example, by hand from the golden tests: (contradictions, unevidenced)
FINDINGS = {"micro-craft-firm": (1, 0), "manufacturer": (0, 4), "service-firm": (1, 5)}


def _write(folder: Path, name: str, cid: str, network: str) -> None:
    data = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    data["company"]["id"], data["company"]["network"] = cid, network
    (folder / f"{cid}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _folder(tmp_path: Path) -> Path:
    """Networks A and C: the three examples twice over each (6 companies each)."""
    for network in ("A", "C"):
        for i in range(2):
            for name in FINDINGS:
                _write(tmp_path, name, f"{name}-{network}{i}", network)
    return tmp_path


def _row(table, network: str, metric: str):
    return table[(table["network"] == network) & (table["metric"] == metric)].iloc[0]


def test_counts_per_company_and_per_network_pass_the_disclosure_control(tmp_path):
    cohort = load_cohort(_folder(tmp_path))
    rows = cohort.companies.set_index("company_id")
    for name, (contradictions, unevidenced) in FINDINGS.items():
        assert rows.loc[f"{name}-A0", "contradictions"] == contradictions
        assert rows.loc[f"{name}-A0", "unevidenced"] == unevidenced
    by_network = build_tables(cohort, min_group_size=5).named("de")["by_network"]
    a = _row(by_network, "A", "contradictions")
    assert a["n"] == 6 and a["status"] == "shown"
    assert a["mean"] * a["n_valid"] == 4  # 2 x (1 + 0 + 1) contradictions in network A
    u = _row(by_network, "A", "unevidenced")
    assert u["mean"] * u["n_valid"] == 18  # 2 x (0 + 4 + 5)
    # a network of one company: its counts are never published, like every other figure of it
    _write(tmp_path, "micro-craft-firm", "alone", "B")
    by_network = build_tables(load_cohort(tmp_path), min_group_size=5).named("de")["by_network"]
    b = _row(by_network, "B", "contradictions")
    assert b["status"] != "shown" and math.isnan(b["mean"])
