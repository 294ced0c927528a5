"""The vectorised cohort statistics give exactly the figures of a plain group-by-per-table computation.

The cohort tables are computed with one group-by per grouping over integer-coded keys, disclosure statuses
looked up per withheld cell, and the quantile rule applied to whole columns (issue 15). The reference here is
the straightforward way: pandas group-bys on the text keys, one metric column at a time, and the status and the
quantile rule asked row by row from :class:`toolkit.cohort.suppression.Protection` and
:func:`toolkit.cohort.suppression.quantiles_allowed`. Both run on generated cohorts with missing values, missing
group keys, small groups and values of several sizes, and must agree to the last digit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.cohort import from_frame, protect, publish, year_over_year, yoy_stats
from toolkit.cohort.stats import QUANTILES
from toolkit.cohort.suppression import (
    QUARTILE_FIGURES,
    SHOWN,
    TAIL_FIGURES,
    Grouping,
    Protection,
    _atom_counts,
    count_atoms,
    margins,
    quantiles_allowed,
)
from toolkit.cohort.tables import PUBLISHED, YOY_PUBLISHED

METRICS = ["score_energy", "score_supply_chain", "overall_score", "total_mwh", "renewable_share"]


def _cohort_frame(seed: int, companies: int = 400, networks: int = 7) -> pd.DataFrame:
    """Two rounds of companies in networks of very different sizes (some groups far below k), with missing KPIs,
    a few companies without sector or network, and scores with long decimals."""
    rng = np.random.default_rng(seed)
    weights = rng.dirichlet(np.full(networks, 0.6))
    frame = pd.DataFrame(
        {
            "company_id": [f"c{i:04d}" for i in range(companies)],
            "network": [f"Netz {i}" for i in rng.choice(networks, companies, p=weights)],
            "sector": rng.choice(["C", "F", "G", "M", "Q"], companies, p=[0.4, 0.25, 0.2, 0.1, 0.05]),
            "size_class": rng.choice(["micro", "small", "medium"], companies, p=[0.5, 0.35, 0.15]),
        }
    )
    frame.loc[rng.random(companies) < 0.02, "sector"] = None
    frame.loc[rng.random(companies) < 0.01, "network"] = None
    rounds = []
    for round_, keep in (("2025", rng.random(companies) < 0.8), ("2026", rng.random(companies) < 0.9)):
        part = frame[keep].copy()
        part["round"] = round_
        n = len(part)
        part["score_energy"] = rng.random(n) * 100
        part["score_supply_chain"] = np.round(rng.random(n) * 100, 1)
        part["overall_score"] = (part["score_energy"] + part["score_supply_chain"]) / 3
        part["total_mwh"] = np.where(rng.random(n) < 0.3, np.nan, rng.lognormal(5, 2, n))
        part["renewable_share"] = np.where(rng.random(n) < 0.5, np.nan, rng.random(n))
        rounds.append(part)
    return pd.concat(rounds, ignore_index=True)


def _reference_table(
    df: pd.DataFrame, g: Grouping, metrics: list[str], protection: Protection, share_positive: bool
) -> pd.DataFrame:
    """One grouping's long table the plain way (group-by per figure, status and quantile rule row by row)."""
    keys = list(g) or ["_all"]
    work = df.assign(_all="") if not g else df
    vals = work[[*keys, *metrics]].copy()
    for m in metrics:
        vals[m] = pd.to_numeric(vals[m], errors="coerce").astype("float64")
    grouped = vals.groupby(keys, sort=True, observed=True, dropna=False)
    parts = {name: grouped[metrics].quantile(q) for name, q in QUANTILES.items()}
    parts["mean"] = pd.concat({m: grouped[m].mean() for m in metrics}, axis=1)
    parts["n_valid"] = grouped[metrics].count()
    if share_positive:
        pos = (vals[metrics] > 0).astype(float).where(vals[metrics].notna())
        pos[keys] = vals[keys]
        parts["share_positive"] = pos.groupby(keys, sort=True, observed=True, dropna=False)[metrics].mean()
    long = pd.concat({name: frame.stack(future_stack=True) for name, frame in parts.items()}, axis=1)
    long.index = long.index.set_names([*keys, "metric"])
    table = long.reset_index().merge(grouped.size().rename("n").reset_index(), on=keys, how="left")
    table = table.drop(columns=["_all"]) if not g else table
    extra = ["share_positive"] if share_positive else []
    table = table[[*g, "metric", "n", "n_valid", "median", "q1", "q3", "mean", "p10", "p90", *extra]].copy()
    table[["n", "n_valid"]] = table[["n", "n_valid"]].astype(float)
    group_keys = [tuple(k) for k in table[list(g)].itertuples(index=False, name=None)]
    status = [protection.status(g, k, m) for k, m in zip(group_keys, table["metric"], strict=True)]
    table["status"] = pd.array(status, dtype="string")
    figures = ["n_valid", "median", "q1", "q3", "mean", "p10", "p90", *extra]
    table.loc[table["status"] != SHOWN, figures] = np.nan
    table.loc[[not protection.cell_shown(g, k) for k in group_keys], "n"] = np.nan
    allowed = [quantiles_allowed(n, protection.min_group_size) for n in table["n_valid"]]
    table.loc[[not q for q, _ in allowed], list(QUARTILE_FIGURES)] = np.nan
    table.loc[[not t for _, t in allowed], list(TAIL_FIGURES)] = np.nan
    return table


def _assert_same(
    actual: dict[Grouping, pd.DataFrame],
    df: pd.DataFrame,
    published: tuple[Grouping, ...],
    metrics: list[str],
    share: bool,
) -> None:
    protection = protect(df, published, metrics, 5)
    for g, table in actual.items():
        expected = _reference_table(df, g, metrics, protection, share)
        pd.testing.assert_frame_equal(table, expected, check_exact=True, obj=f"table {g}")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_group_tables_equal_the_plain_computation(seed: int) -> None:
    cohort = from_frame(_cohort_frame(seed), ["energy", "supply_chain"])
    df = cohort.companies
    tables = publish(cohort, PUBLISHED, METRICS, 5)
    assert set(tables) == set(margins(PUBLISHED))
    assert any((t["status"] != SHOWN).any() for t in tables.values())  # the cohort exercises suppression
    _assert_same(tables, df, PUBLISHED, METRICS, share=False)


@pytest.mark.parametrize("seed", [4, 5])
def test_year_over_year_tables_equal_the_plain_computation(seed: int) -> None:
    cohort = from_frame(_cohort_frame(seed), ["energy", "supply_chain"])
    pairs = year_over_year(cohort, ["score_energy", "overall_score", "total_mwh"])
    metrics = [c for c in pairs.columns if c.endswith("_change")]
    tables = publish(pairs, YOY_PUBLISHED, metrics, 5, share_positive=True)
    _assert_same(tables, pairs, YOY_PUBLISHED, metrics, share=True)
    # yoy_stats publishes the same figures, without the mean
    via_yoy = yoy_stats(pairs, YOY_PUBLISHED[0], None, 5, True, YOY_PUBLISHED[1:])
    for g, table in via_yoy.items():
        pd.testing.assert_frame_equal(table, tables[g].drop(columns=["mean"]), check_exact=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), companies=st.integers(20, 150), networks=st.integers(1, 6))
def test_companies_per_atom_counted_in_one_pass(seed: int, companies: int, networks: int) -> None:
    """The counts behind the disclosure step, all variables at once, are the per-variable group-by counts."""
    df = from_frame(_cohort_frame(seed, companies, networks), ["energy", "supply_chain"]).companies
    keys = ["network", "round", "sector", "size_class"]
    atoms, per_variable = _atom_counts(df, keys, METRICS)
    pd.testing.assert_frame_equal(atoms, count_atoms(df, keys))
    for j, m in enumerate(METRICS):
        assert per_variable[:, j].tolist() == count_atoms(df, keys, m)["count"].tolist()
