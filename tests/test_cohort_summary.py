"""The cohort summary for company reports follows the quantile rule: written that way, checked that way on
reading, and a company report compares just as well when the tails are absent."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import DATA, EXAMPLES
from toolkit.cohort import build_tables, from_frame
from toolkit.cohort.summary import cohort_summary
from toolkit.cohort.suppression import QUARTILES_MIN_VALUES, TAILS_MIN_VALUES
from toolkit.report.view import ReportView
from toolkit.views import cohort_summary as contract
from toolkit.views.cohort_summary import CohortSummaryError, load_cohort_summary, parse_cohort_summary


def _group(n: int, **stats: float) -> dict:
    energy = {"median": 50, "q1": 40, "q3": 60, "mean": 51} | stats
    return {
        "key": {"network": "Beispielnetzwerk", "round": "2026"},
        "label": {"de": "Beispielnetzwerk 2026", "en": "Example network 2026"},
        "n": n,
        "dimensions": {"energy": energy},
    }


def _doc(*groups: dict, k: int = 5) -> dict:
    return {"format": "sme-toolkit-cohort-summary/1", "min_group_size": k, "groups": list(groups)}


def test_contract_and_cohort_tools_state_the_same_rule() -> None:
    assert contract.TAILS_MIN_N == TAILS_MIN_VALUES == 10
    assert contract.QUARTILES_MIN_N == QUARTILES_MIN_VALUES == 5


def test_tails_are_read_for_groups_of_ten() -> None:
    summary = parse_cohort_summary(_doc(_group(10, p10=22, p90=81)))
    stats = summary.groups[0].dimensions["energy"]
    assert (stats.p10, stats.q1, stats.median, stats.q3, stats.p90) == (22, 40, 50, 60, 81)
    without = parse_cohort_summary(_doc(_group(10))).groups[0].dimensions["energy"]
    assert without.p10 is None and without.p90 is None and without.median == 50


@pytest.mark.parametrize(
    ("n", "stats", "message"),
    [
        (9, {"p10": 22, "p90": 81}, "p10 and p90 are given for a group of 9 companies"),
        (12, {"p10": 22}, "'p10' without 'p90'"),
        (12, {"p10": 45, "p90": 81}, "p10 <= q1 and q3 <= p90 do not hold"),
    ],
)
def test_tails_against_the_rule_are_refused(n: int, stats: dict, message: str) -> None:
    with pytest.raises(CohortSummaryError) as info:
        parse_cohort_summary(_doc(_group(n, **stats)), "summary.json")
    assert info.value.where == "groups[0].dimensions.energy" and message in str(info.value)
    assert str(info.value).startswith("summary.json: groups[0].dimensions.energy: ")


def test_quartiles_of_fewer_than_five_are_never_passed_on() -> None:
    """Even when a summary says min_group_size 3, a group of 4 gives a report no quartiles."""
    summary = parse_cohort_summary(_doc(_group(4), k=3))
    group = summary.groups[0]
    assert group.shown(summary.min_group_size) and group.dimensions == {}
    assert parse_cohort_summary(_doc(_group(5), k=3)).groups[0].dimensions["energy"].median == 50


def _write(tmp_path: Path, doc: dict) -> Path:
    path = tmp_path / "cohort-summary.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize("tails", [True, False])
def test_company_report_compares_with_or_without_tails(tmp_path: Path, tails: bool) -> None:
    doc = _doc(_group(23, **({"p10": 22, "p90": 81} if tails else {})))
    view = ReportView.load(EXAMPLES / "manufacturer.json", lang="de", cohort=_write(tmp_path, doc))
    assert view.comparison_group.stats("energy").median == 50
    html = view.comparison().html()
    assert "40–60" in html and "Beispielnetzwerk 2026" in html
    assert view.dimension("energy").html()


def test_written_summary_carries_tails_only_from_ten() -> None:
    """The cohort tools write p10/p90 for groups of 10 or more and never below; it loads under the contract."""
    rows = [
        {"company_id": f"{net}{i}", "network": net, "round": "2026", "score_energy": 10.0 + 7 * i % 90}
        for net, size in (("Gross", 12), ("Mittel", 7))
        for i in range(size)
    ]
    tables = build_tables(from_frame(pd.DataFrame(rows), ["energy"]), 5, metrics=["score_energy"])
    doc = json.loads(json.dumps(cohort_summary(tables)))
    parse_cohort_summary(doc)
    by_key = {tuple(sorted(g["key"].items())): g for g in doc["groups"]}
    everyone = by_key[(("round", "2026"),)]["dimensions"]["energy"]
    big = by_key[(("network", "Gross"), ("round", "2026"))]["dimensions"]["energy"]
    middle = by_key[(("network", "Mittel"), ("round", "2026"))]["dimensions"]["energy"]
    assert {"p10", "p90"} <= set(everyone) and {"p10", "p90"} <= set(big)
    assert {"median", "q1", "q3", "mean"} == set(middle)


def test_fixture_summary_still_loads() -> None:
    summary = load_cohort_summary(DATA / "cohort-summary.json")
    assert summary.groups[1].dimensions["energy"].p10 is None
