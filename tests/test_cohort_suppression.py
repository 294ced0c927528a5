"""Anonymity: minimum group size and complementary suppression in tables, summary, exports and charts."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.cohort import build_tables, from_frame, group_stats, publish
from toolkit.cohort.charts import box_chart
from toolkit.cohort.export import read_tables, write_exports
from toolkit.cohort.summary import cohort_summary
from toolkit.cohort.suppression import audit, margins, quantiles_allowed, suppress
from toolkit.errors import CohortError
from toolkit.views.cohort_summary import parse_cohort_summary

SCORES = {"C": [60, 62, 64, 66, 68, 70], "F": [40, 42, 44, 46, 48], "G": [5, 95]}


def _network_a(round_: str = "2026") -> pd.DataFrame:
    """Network A: sector C 6 companies, F 5, G 2 (G's mean is 50: the secret)."""
    rows = []
    for sector, scores in SCORES.items():
        for i, v in enumerate(scores):
            rows.append(
                {
                    "company_id": f"{sector}{i}-{round_}",
                    "network": "A",
                    "sector": sector,
                    "size_class": "small",
                    "round": round_,
                    "score_energy": float(v),
                    "score_supply_chain": float(v),
                    "score_reporting": float(v),
                    "overall_score": float(v),
                }
            )
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def network_a():
    return from_frame(_network_a())


def test_subtraction_cannot_reveal_a_suppressed_sector(network_a) -> None:
    tables = publish(network_a, [("round", "network", "sector")], ["overall_score"])
    total = tables[("round", "network")].iloc[0]
    parts = tables[("round", "network", "sector")].set_index("sector")
    # the network total is public: n = 13, mean = (6*65 + 5*44 + 2*50) / 13
    assert total["status"] == "shown" and total["n"] == 13
    assert total["mean"] == pytest.approx((6 * 65 + 5 * 44 + 100) / 13)
    # G (2 companies) is suppressed; without more, 13*mean - 6*mean(C) - 5*mean(F) = 2*mean(G) = 100
    assert parts.loc["G", "status"] == "primary"
    # ... so the next-smallest sector F is withheld too: its n and figures are hidden
    assert parts.loc["F", "status"] == "complementary"
    assert parts.loc[["F", "G"], ["n", "mean", "median"]].isna().all().all()
    assert parts.loc["C", "status"] == "shown" and parts.loc["C", "n"] == 6
    # the attack: total minus everything shown. What it yields is F and G pooled (7 companies >= 5)
    shown = parts[parts["status"] == "shown"]
    rest_n = total["n"] - shown["n"].sum()
    rest_mean = (total["n"] * total["mean"] - (shown["n"] * shown["mean"]).sum()) / rest_n
    assert rest_n == 7  # not the 2 of G: counts cannot be recovered either
    assert rest_mean == pytest.approx((5 * 44 + 100) / 7)
    assert rest_mean != pytest.approx(50)  # G's own mean stays unknown


def test_without_complementary_suppression_the_value_would_leak(network_a) -> None:
    """The same figures with only the small group hidden: subtraction gives G's mean exactly. This is the leak the
    rule prevents (computed here by hand from unsuppressed statistics)."""
    df = network_a.companies
    total_sum = df["overall_score"].sum()
    shown_sum = df.loc[df["sector"].isin(["C", "F"]), "overall_score"].sum()
    assert (total_sum - shown_sum) / 2 == pytest.approx(50)


def test_single_group_table_is_protected_against_its_margins(network_a) -> None:
    # group_stats alone assumes the coarser totals (network, all companies) are public as well
    t = group_stats(network_a, ["round", "network", "sector"], ["overall_score"]).set_index("sector")
    assert list(t["status"].loc[["C", "F", "G"]]) == ["shown", "complementary", "primary"]


def test_counts_are_protected_across_two_tables() -> None:
    """network x sector and network x size class share the network totals; the audit finds no cell whose count
    (or sum) can be computed from the shown cells."""
    rows = _network_a()
    rows.loc[rows.index[:3], "size_class"] = "micro"
    rows.loc[rows.index[3:12], "size_class"] = "small"
    rows.loc[rows.index[12:], "size_class"] = "medium"
    coh = from_frame(rows)
    groupings = [("round", "network", "sector"), ("round", "network", "size_class")]
    every = margins(groupings)
    keys = ["network", "round", "sector", "size_class"]
    atoms = coh.companies.groupby(keys).size().rename("count").reset_index()
    sup = suppress(atoms, "count", every, 5)
    assert audit(atoms, "count", every, sup, 5) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from("NOS"), st.sampled_from("CFGJ"), st.sampled_from(["micro", "small", "medium"])),
        min_size=1,
        max_size=70,
    ),
    st.integers(min_value=3, max_value=6),
)
def test_every_suppression_pattern_passes_the_audit(companies: list[tuple[str, str, str]], k: int) -> None:
    df = pd.DataFrame(companies, columns=["network", "sector", "size_class"])
    df["round"] = "2026"
    every = margins([("round", "network", "sector"), ("round", "network", "size_class")])
    atoms = df.groupby(["network", "round", "sector", "size_class"]).size().rename("count").reset_index()
    sup = suppress(atoms, "count", every, k)
    assert audit(atoms, "count", every, sup, k) == []


def test_audit_detects_a_leaky_pattern() -> None:
    df = _network_a()
    every = margins([("round", "network", "sector")])
    atoms = df.groupby(["network", "round", "sector"]).size().rename("count").reset_index()
    only_primary = {g: {} for g in every}
    only_primary[("round", "network", "sector")] = {("2026", "A", "G"): "primary"}
    problems = audit(atoms, "count", every, only_primary, 5)
    assert any("reveals" in p for p in problems) and any("computed" in p for p in problems)


def test_figure_resting_on_few_values_is_hidden_in_a_shown_group() -> None:
    df = _network_a()
    df["score_workforce"] = float("nan")
    df.loc[df.index[:3], "score_workforce"] = [10.0, 20.0, 30.0]  # only 3 companies answered
    t = group_stats(from_frame(df), ["round", "network"], ["overall_score", "score_workforce"]).set_index("metric")
    assert t.loc["overall_score", "status"] == "shown"
    assert t.loc["score_workforce", "status"] == "primary"
    assert pd.isna(t.loc["score_workforce", "median"]) and t.loc["score_workforce", "n"] == 13


# ---- outputs: summary, exports, charts -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def two_networks():
    big = _network_a()
    tiny = _network_a().head(3).assign(network="B", company_id=lambda d: "b" + d["company_id"])
    return from_frame(pd.concat([big, tiny], ignore_index=True))


@pytest.fixture(scope="module")
def tables(two_networks):
    return build_tables(two_networks, 5)


def test_cohort_summary_suppresses_small_groups(tables) -> None:
    doc = cohort_summary(tables)
    parse_cohort_summary(json.loads(json.dumps(doc)))  # the report's own contract check
    groups = {json.dumps(g["key"], sort_keys=True): g for g in doc["groups"]}
    b = groups[json.dumps({"network": "B", "round": "2026"}, sort_keys=True)]
    assert b["suppressed"] is True and "n" not in b and "dimensions" not in b
    # all companies (16) is shown; with network A (13) shown too, B (3) would be 16 - 13: A is withheld as well
    everyone = groups[json.dumps({"round": "2026"}, sort_keys=True)]
    assert everyone["n"] == 16 and set(everyone["dimensions"]) == {"energy", "supply_chain", "reporting"}
    a = groups[json.dumps({"network": "A", "round": "2026"}, sort_keys=True)]
    assert a["suppressed"] is True and "n" not in a
    # all sectors: C 6 + B's 3 = 9, F 5, G 2 -> G hidden, F withheld with it, C shown
    by_sector = {g["key"]["sector"]: g for g in doc["groups"] if set(g["key"]) == {"round", "sector"}}
    assert by_sector["G"].get("suppressed") and by_sector["F"].get("suppressed")
    assert by_sector["C"]["n"] == 9
    assert doc["min_group_size"] == 5
    shown = [g for g in doc["groups"] if not g.get("suppressed")]
    assert all(g["n"] >= 5 for g in shown)


def test_totals_with_one_small_network(tables) -> None:
    """All companies (16) and network A (13) both shown would give network B (3) by subtraction."""
    overall = tables.groups[("round", "network")]
    by_network = overall[overall["metric"] == "overall_score"].set_index("network")
    everyone = tables.groups[("round",)].iloc[0]
    statuses = {by_network.loc["A", "status"], by_network.loc["B", "status"], everyone["status"]}
    assert by_network.loc["B", "status"] == "primary"
    assert by_network.loc["A", "status"] == "complementary" and everyone["status"] == "shown"
    assert statuses == {"primary", "complementary", "shown"}


def test_exports_hold_no_small_group_figures(tables, tmp_path: Path) -> None:
    result = write_exports(tables, tmp_path, "de")
    names = {p.name for p in result.files}
    assert {"cohort_tables.xlsx", "cohort-summary.json", "cohort_meta.json", "by_network_sector.csv"} <= names
    assert "companies_confidential.csv" not in names
    meta, frames = read_tables(tmp_path)
    for name, df in frames.items():
        if "status" not in df:
            continue
        hidden = df[df["status"] != "shown"]
        figure_cols = [c for c in ("n_valid", "median", "q1", "q3", "mean", "p10", "p90") if c in df]
        assert hidden[figure_cols].isna().all().all(), name
        assert set(hidden["note"]) <= {"n < 5", "geschützt"}, name
        assert (df.loc[df["n"].notna(), "n"] >= 5).all(), name
    xlsx = pd.read_excel(tmp_path / "cohort_tables.xlsx", sheet_name=None)
    assert next(iter(xlsx)) == "Übersicht"
    assert {"Rohdaten_Netzwerke", "Rohdaten_Netzwerk_Branche", "Rohdaten_Teilnahme", "Rohdaten_Agenda"} <= set(xlsx)
    csv = pd.read_csv(tmp_path / "cohort_csv" / "by_network_sector.csv")
    assert csv.loc[csv["sector"] == "G", "mean"].isna().all()
    assert meta["min_group_size"] == 5


def test_company_table_only_on_request(tables, tmp_path: Path) -> None:
    result = write_exports(tables, tmp_path, "en", include_companies=True)
    assert tmp_path / "companies_confidential.csv" in result.files
    # the company table never ends up among what the cohort report reads
    _, frames = read_tables(tmp_path)
    assert all("company_id" not in df.columns for df in frames.values())


def test_box_chart_leaves_out_suppressed_groups(tables) -> None:
    t = tables.groups[("round", "sector")]
    chart = box_chart(t, "sector", ["score_energy"], {"score_energy": "Energie"}, "de", 5)
    xs = chart.figure["data"][0]["x"]
    assert xs == ["C<br>Produktion"]
    assert "F Baugewerbe" in chart.caption and "G Handel" in chart.caption
    # C: A's 60..70 plus B's copies of 60, 62, 64 -> 60 60 62 62 64 64 66 68 70: median 64
    assert chart.figure["data"][0]["median"] == [64.0]
    # 9 companies: no 10th/90th percentile published, so no whiskers beyond the box
    trace = chart.figure["data"][0]
    assert (trace["lowerfence"], trace["upperfence"]) == (trace["q1"], trace["q3"])
    assert "q1" in chart.figure["data"][0] and "y" not in chart.figure["data"][0]  # no single values drawn
    with pytest.raises(CohortError, match="one row per"):
        box_chart(tables.groups[("round", "network", "sector")], "sector", ["score_energy"], {}, "de", 5)


# ---- residual groups across crossed tables ----------------------------------------------------------------------
CROSSED = [
    ("N", "C", "medium"), ("N", "G", "medium"), ("N", "J", "micro"), ("N", "J", "micro"), ("O", "C", "small"),
    ("O", "F", "micro"), ("O", "G", "micro"), ("O", "G", "micro"), ("O", "J", "micro"), ("S", "C", "medium"),
    ("S", "C", "small"), ("S", "C", "small"), ("S", "C", "small"), ("S", "F", "medium"), ("S", "F", "micro"),
    ("S", "G", "small"),
]  # fmt: skip
# What the rules without the residual-group search withheld for these 16 companies (k = 5): every hidden cell
# passes the line rule and none can be computed on its own.
CROSSED_OLD_PATTERN = {
    ("round", "network"): {("2026", "N"): "primary", ("2026", "O"): "complementary"},
    ("round", "sector"): {("2026", "F"): "primary", ("2026", "G"): "primary", ("2026", "J"): "primary"},
    ("round", "size_class"): {("2026", "medium"): "primary", ("2026", "small"): "complementary"},
    ("round", "network", "sector"): {
        ("2026", n, s): "primary" for n, s in ("NC", "NG", "NJ", "OC", "OF", "OG", "OJ", "SC", "SF", "SG")
    },
    ("round", "network", "size_class"): {
        ("2026", n, z): "primary"
        for n, z in (s.split() for s in ("N medium", "N micro", "O micro", "O small", "S medium", "S micro", "S small"))
    },
}


def _crossed() -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, ...]]]:
    df = pd.DataFrame(CROSSED, columns=["network", "sector", "size_class"]).assign(round="2026")
    df["score"] = [float(7 * i % 23 + 40) for i in range(len(df))]
    every = margins([("round", "network", "sector"), ("round", "network", "size_class")])
    atoms = df.groupby(["network", "round", "sector", "size_class"]).size().rename("count").reset_index()
    return df, atoms, every


def test_residual_group_across_crossed_tables_is_found() -> None:
    """Sums and differences of shown cells from different tables can isolate a few companies that are no cell
    of their own: here N×G×medium, S×F×medium and S×G×small (3 companies). The exact search finds it."""
    df, atoms, every = _crossed()
    problems = audit(atoms, "count", every, CROSSED_OLD_PATTERN, 5)
    assert any("(3 companies) can be worked out" in p for p in problems), problems
    assert not any("reveals" in p or "can be computed" in p for p in problems)  # the old checks saw nothing
    # the attack: shown cells as 0/1 rows over the companies; the residual group is in their row space
    shown_rows, shown_sums = [], []
    for g in every:
        for key, part in df.groupby(list(g)):
            key = key if isinstance(key, tuple) else (key,)
            if key not in CROSSED_OLD_PATTERN.get(g, {}):
                shown_rows.append(df.index.isin(part.index).astype(float))
                shown_sums.append(part["score"].sum())
    a = np.array(shown_rows)
    target = (
        ((df["network"] == "N") & (df["sector"] == "G") & (df["size_class"] == "medium"))
        | ((df["network"] == "S") & (df["sector"] == "F") & (df["size_class"] == "medium"))
        | ((df["network"] == "S") & (df["sector"] == "G") & (df["size_class"] == "small"))
    ).to_numpy(dtype=float)
    y = np.linalg.lstsq(a.T, target, rcond=None)[0]
    assert np.allclose(a.T @ y, target)  # reachable
    assert y @ np.array(shown_sums) == pytest.approx(df.loc[target > 0, "score"].sum())  # their summed score


def test_suppression_closes_residual_groups() -> None:
    _, atoms, every = _crossed()
    sup = suppress(atoms, "count", every, 5)
    assert audit(atoms, "count", every, sup, 5) == []
    hidden = sum(len(v) for v in sup.values())
    assert hidden > sum(len(v) for v in CROSSED_OLD_PATTERN.values())  # more is withheld than before


# ---- the quantile rule ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "k", "quartiles", "tails"),
    [
        (4, 3, False, False),
        (5, 3, True, False),
        (5, 5, True, False),
        (6, 7, False, False),
        (9, 5, True, False),
        (10, 5, True, True),
        (12, 12, True, True),
        (11, 12, False, False),
    ],
)
def test_quantiles_allowed(n: int, k: int, quartiles: bool, tails: bool) -> None:
    assert quantiles_allowed(n, k) == (quartiles, tails)
    assert quantiles_allowed(float("nan"), k) == (False, False)


def test_quartiles_need_five_values_even_with_a_smaller_minimum_group_size() -> None:
    """With k = 3 a group of three is shown (n and mean), but its quartiles would be the values themselves."""
    rows = _network_a().head(12)  # C: 6 companies (60..70), F: 5 (40..48), G: 1 (5)
    rows.loc[rows.index[9:11], "sector"] = "G"  # C 6, F 3 (40, 42, 44), G 3 (46, 48, 5)
    t = group_stats(from_frame(rows), ["round", "sector"], ["overall_score"], min_group_size=3).set_index("sector")
    g = t.loc["G"]
    assert (g["status"], g["n"]) == ("shown", 3) and g["mean"] == pytest.approx((46 + 48 + 5) / 3)
    assert g[["median", "q1", "q3", "p10", "p90"]].isna().all()
    assert t.loc["C", "median"] == pytest.approx(65) and pd.isna(t.loc["C", "p10"])


def test_a_block_too_large_to_search_is_suppressed_further(monkeypatch: pytest.MonkeyPatch) -> None:
    """When the exact search would take too many combinations, the block counts as exposed and more cells are
    suppressed until the search fits: the result still passes the full audit."""
    import toolkit.cohort.suppression as suppression

    _, atoms, every = _crossed()
    monkeypatch.setattr(suppression, "RESIDUAL_SEARCH_LIMIT", 0)
    cautious = suppress(atoms, "count", every, 5)
    monkeypatch.undo()
    assert audit(atoms, "count", every, cautious, 5) == []
    normal = suppress(atoms, "count", every, 5)
    assert sum(len(v) for v in cautious.values()) > sum(len(v) for v in normal.values())
