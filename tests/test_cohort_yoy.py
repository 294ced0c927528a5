"""Year-over-year change: companies are paired by id (not by name or row position)."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.cohort import from_frame, year_over_year, yoy_stats
from toolkit.errors import CohortError


def _rows() -> pd.DataFrame:
    first = [  # (id, name, overall)
        ("c1", "Tischlerei Hollmann", 40.0),
        ("c2", "Elektro Wiechert", 50.0),
        ("c3", "Café Reimers", 30.0),
        ("c4", "Bäckerei Ahlers", 20.0),  # leaves after 2025
        ("c5", "Hof Brammer", 60.0),
        ("c6", "Kanzlei Gerdes", 70.0),
    ]
    second = [  # shuffled order, c2 renamed, c1 and c3 swapped names, a new company c7
        ("c6", "Kanzlei Gerdes", 72.0),
        ("c3", "Tischlerei Hollmann", 45.0),
        ("c7", "Autohaus Dittmer", 10.0),  # joins in 2026
        ("c1", "Café Reimers", 38.0),
        ("c5", "Hof Brammer", 66.0),
        ("c2", "Wiechert Elektrotechnik GmbH", 59.0),
    ]
    rows = [
        {
            "company_id": c,
            "company_name": n,
            "network": "Nord",
            "sector": "C",
            "size_class": "small",
            "round": r,
            "overall_score": v,
            "score_energy": v / 2,
        }
        for r, part in (("2025", first), ("2026", second))
        for c, n, v in part
    ]
    return pd.DataFrame(rows)


def test_pairs_by_company_id() -> None:
    pairs = year_over_year(from_frame(_rows()), ["overall_score", "score_energy"]).set_index("company_id")
    assert sorted(pairs.index) == ["c1", "c2", "c3", "c5", "c6"]  # c4 left, c7 joined: not paired
    # by id: c1 40 -> 38, c2 50 -> 59 (renamed), c3 30 -> 45 (now carries c1's old name)
    assert pairs.loc["c1", "overall_score_change"] == pytest.approx(-2)
    assert pairs.loc["c2", "overall_score_change"] == pytest.approx(9)
    assert pairs.loc["c3", "overall_score_change"] == pytest.approx(15)
    assert pairs.loc["c5", "overall_score_from"] == 60 and pairs.loc["c5", "overall_score_to"] == 66
    assert pairs.loc["c6", "score_energy_change"] == pytest.approx(1)
    assert set(pairs["round"]) == {"2025→2026"}


def test_yoy_group_statistics() -> None:
    pairs = year_over_year(from_frame(_rows()), ["overall_score"])
    t = yoy_stats(pairs, ["round", "network"], ["overall_score_change"])[("round", "network")].iloc[0]
    # changes -2, 9, 15, 6, 2 -> sorted -2 2 6 9 15: median 6, q1 2, q3 9; 4 of 5 improved
    assert (t["n"], t["median"], t["q1"], t["q3"]) == (5, 6, 2, 9)
    assert t["share_positive"] == pytest.approx(0.8)
    assert "mean" not in t.index  # see yoy_stats: a mean change would reveal joiners and leavers


def test_yoy_groups_below_minimum_are_hidden() -> None:
    pairs = year_over_year(from_frame(_rows()), ["overall_score"])
    t = yoy_stats(pairs, ["round", "network"], ["overall_score_change"], min_group_size=6)[("round", "network")]
    assert t.iloc[0]["status"] == "primary" and pd.isna(t.iloc[0]["median"])


def test_duplicate_company_in_a_round_is_refused() -> None:
    rows = pd.concat([_rows(), _rows().iloc[[0]]], ignore_index=True)
    with pytest.raises(CohortError, match="appears twice"):
        year_over_year(from_frame(rows), ["overall_score"])


def test_needs_two_rounds() -> None:
    rows = _rows()
    with pytest.raises(CohortError, match="two rounds"):
        year_over_year(from_frame(rows[rows["round"] == "2026"]), ["overall_score"])
    with pytest.raises(CohortError, match="not in the cohort"):
        year_over_year(from_frame(rows), ["overall_score"], "2024", "2026")
