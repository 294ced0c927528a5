"""Group statistics over the cohort table: n, median, quartiles, mean; percentiles; year-over-year change.

Every function that returns group figures passes them through :func:`toolkit.cohort.suppression.protect`
(minimum group size, complementary suppression, exact audit) and the quantile rule
(:func:`toolkit.cohort.suppression.quantiles_allowed`); the returned long tables carry a ``status`` column:
``shown``, ``primary`` (the group or the figure rests on fewer than k companies: "n < k") or ``complementary``
(withheld so that a small group cannot be recovered by subtraction). Quantiles use linear interpolation
between order statistics (pandas' and numpy's default); quartiles of figures resting on fewer than
max(k, 5) values and 10th/90th percentiles of figures resting on fewer than 10 values are left empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from toolkit.cohort.suppression import (
    COMPLEMENTARY,
    DEFAULT_MIN_GROUP_SIZE,
    PRIMARY,
    QUARTILE_FIGURES,
    SHOWN,
    TAIL_FIGURES,
    Grouping,
    Protection,
    check_min_group_size,
    protect,
    quantiles_allowed,
)
from toolkit.cohort.table import GROUP_KEYS, KPI_COLUMNS, QUALITY_COLUMNS, Cohort
from toolkit.errors import CohortError
from toolkit.i18n import t

QUANTILES = {"p10": 0.10, "q1": 0.25, "median": 0.50, "q3": 0.75, "p90": 0.90}
STAT_COLUMNS = ("n", "n_valid", "median", "q1", "q3", "mean", "p10", "p90")


def _frame(data: Cohort | pd.DataFrame) -> pd.DataFrame:
    return data.companies if isinstance(data, Cohort) else data


def default_metrics(data: Cohort | pd.DataFrame) -> list[str]:
    """Scores of every dimension, the overall score, completeness and the KPIs present in the table."""
    df = _frame(data)
    if isinstance(data, Cohort):
        cols = [*data.score_metrics, "completeness", *KPI_COLUMNS, *QUALITY_COLUMNS]
    else:
        cols = [c for c in df.columns if c.startswith("score_")] + ["overall_score", "completeness", *KPI_COLUMNS]
        cols += list(QUALITY_COLUMNS)
    return [c for c in cols if c in df.columns]


def check_columns(df: pd.DataFrame, by: Iterable[str], metrics: Iterable[str]) -> None:
    missing = [c for c in (*by, *metrics) if c not in df.columns]
    if missing:
        raise CohortError(
            f"the cohort table has no column(s) {', '.join(missing)}; group by {', '.join(GROUP_KEYS)} "
            f"and use metrics such as score_energy, overall_score or total_mwh"
        )


def _stats_one(df: pd.DataFrame, by: Grouping, metrics: list[str], share_positive: bool) -> pd.DataFrame:
    """Unsuppressed long table for one grouping: keys..., metric, n, n_valid, median, q1, q3, mean, p10, p90."""
    keys = list(by) or ["_all"]
    work = df if by else df.assign(_all="")
    if work.empty:
        cols = [*by, "metric", *STAT_COLUMNS] + (["share_positive"] if share_positive else [])
        return pd.DataFrame(columns=cols)
    vals = work[[*keys, *metrics]].copy()
    vals[metrics] = vals[metrics].apply(pd.to_numeric, errors="coerce").astype("float64")
    grouped = vals.groupby(keys, sort=True, observed=True, dropna=False)
    parts = {name: grouped[metrics].quantile(qv) for name, qv in QUANTILES.items()}
    parts["mean"] = grouped[metrics].mean()
    parts["n_valid"] = grouped[metrics].count()
    if share_positive:
        pos = (vals[metrics] > 0).astype(float).where(vals[metrics].notna())
        pos[keys] = vals[keys]
        parts["share_positive"] = pos.groupby(keys, sort=True, observed=True, dropna=False)[metrics].mean()
    long = pd.concat({name: frame.stack(future_stack=True) for name, frame in parts.items()}, axis=1)
    long.index = long.index.set_names([*keys, "metric"])
    out = long.reset_index().merge(grouped.size().rename("n").reset_index(), on=keys, how="left")
    if not by:
        out = out.drop(columns=["_all"])
    cols = [*by, "metric", *STAT_COLUMNS] + (["share_positive"] if share_positive else [])
    return out[cols]


def publish(
    data: Cohort | pd.DataFrame,
    groupings: Sequence[Sequence[str]],
    metrics: Sequence[str] | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    share_positive: bool = False,
    include_margins: bool = True,
    initial: dict[Grouping, dict[tuple[object, ...], str]] | None = None,
) -> dict[Grouping, pd.DataFrame]:
    """Group statistics for several groupings that are published together, protected as one publication.

    Returns one long table per grouping (with ``include_margins`` also one per coarser margin, which are part
    of the protection either way): key columns, ``metric``, ``n`` (companies in the group), ``n_valid``
    (companies with a value), median, q1, q3, mean, p10, p90, ``status``. Suppressed figures are NaN, and so
    are quantiles the quantile rule withholds. ``initial`` marks cells to suppress in any case (the
    complementary rule then protects them too).
    """
    df = _frame(data)
    metrics = list(metrics) if metrics is not None else default_metrics(data)
    requested = [tuple(g) for g in groupings]
    check_columns(df, {c for g in requested for c in g}, metrics)
    protection = protect(df, requested, metrics, min_group_size, initial)
    return describe(df, protection, metrics, share_positive, None if include_margins else requested)


def describe(
    df: pd.DataFrame,
    protection: Protection,
    metrics: Sequence[str],
    share_positive: bool = False,
    groupings: Sequence[Grouping] | None = None,
) -> dict[Grouping, pd.DataFrame]:
    """The long statistics tables of a protected publication (every grouping of ``protection`` unless
    ``groupings`` are given), with suppressed figures and withheld quantiles set to NaN."""
    k = protection.min_group_size
    out: dict[Grouping, pd.DataFrame] = {}
    for g in groupings if groupings is not None else protection.groupings:
        table = _stats_one(df, g, list(metrics), share_positive)
        keys = list(table[list(g)].itertuples(index=False, name=None))
        status = [protection.status(g, tuple(key), m) for key, m in zip(keys, table["metric"], strict=True)]
        table["status"] = pd.Series(status, index=table.index, dtype="string")
        cell_hidden = [not protection.cell_shown(g, tuple(key)) for key in keys]
        figures = [c for c in table.columns if c not in (*g, "metric", "n", "status")]
        table.loc[table["status"] != SHOWN, figures] = np.nan
        table.loc[cell_hidden, "n"] = np.nan
        allowed = [quantiles_allowed(n, k) for n in table["n_valid"]]
        table.loc[[not q for q, _ in allowed], list(QUARTILE_FIGURES)] = np.nan
        table.loc[[not t for _, t in allowed], list(TAIL_FIGURES)] = np.nan
        out[g] = table.reset_index(drop=True)
    return out


def group_stats(
    data: Cohort | pd.DataFrame,
    by: Sequence[str] = ("round",),
    metrics: Sequence[str] | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> pd.DataFrame:
    """n, median, quartiles and mean per group of ``by`` (any combination of network, sector, size_class
    and round), suppressed as if all coarser margins were published too. Long table, one row per group and
    metric."""
    by = tuple(by)
    return publish(data, [by], metrics, min_group_size, include_margins=False)[by]


def percentile_in_group(
    data: Cohort | pd.DataFrame,
    metric: str = "overall_score",
    by: Sequence[str] = ("round",),
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> pd.Series:
    """Each company's percentile (0-100) within its peer group ``by``: the share of peers below it plus half
    the share with the same value, the company itself included. NaN when the peer group has fewer than
    ``min_group_size`` values, or when the company has no value."""
    k = check_min_group_size(min_group_size)
    df = _frame(data)
    check_columns(df, by, [metric])
    values = pd.to_numeric(df[metric], errors="coerce")
    grouped = (
        values.groupby([df[c] for c in by], observed=True, dropna=False) if by else values.groupby(np.zeros(len(df)))
    )
    ranks = grouped.rank(method="average")
    counts = grouped.transform("count")
    pct = 100 * (ranks - 0.5) / counts
    return pct.where(counts >= k).rename(f"percentile_{metric}")


def year_over_year(
    data: Cohort | pd.DataFrame,
    metrics: Sequence[str] | None = None,
    from_round: str | None = None,
    to_round: str | None = None,
) -> pd.DataFrame:
    """Companies present in both rounds, paired by company id: ``<metric>_from``, ``<metric>_to`` and
    ``<metric>_change`` per metric; group columns from the later round; ``round`` reads "2025→2026"."""
    df = _frame(data)
    metrics = list(metrics) if metrics is not None else [m for m in default_metrics(data) if m != "completeness"]
    rounds = sorted(df["round"].dropna().unique().tolist())
    if from_round is None or to_round is None:
        if len(rounds) < 2:
            raise CohortError(
                f"year-over-year needs two rounds; the cohort has {', '.join(map(str, rounds)) or 'none'}"
            )
        from_round, to_round = from_round or rounds[-2], to_round or rounds[-1]
    for r in (from_round, to_round):
        if str(r) not in {str(x) for x in rounds}:
            raise CohortError(f"round {r} is not in the cohort (rounds: {', '.join(map(str, rounds))})")
    a = df[df["round"] == str(from_round)]
    b = df[df["round"] == str(to_round)]
    for part, r in ((a, from_round), (b, to_round)):
        dup = part["company_id"][part["company_id"].duplicated()]
        if len(dup):
            raise CohortError(f"company {dup.iloc[0]} appears twice in round {r}; keep one response per round")
    keep = ["company_id", *[c for c in GROUP_KEYS if c in df.columns and c != "round"]]
    left = a[["company_id", *metrics]].rename(columns={m: f"{m}_from" for m in metrics})
    right = b[[*keep, *metrics]].rename(columns={m: f"{m}_to" for m in metrics})
    pairs = right.merge(left, on="company_id", how="inner", validate="one_to_one")
    for m in metrics:
        pairs[f"{m}_change"] = pd.to_numeric(pairs[f"{m}_to"], errors="coerce") - pd.to_numeric(
            pairs[f"{m}_from"], errors="coerce"
        )
    pairs.insert(1, "round", f"{from_round}→{to_round}")
    pairs["round"] = pairs["round"].astype("string")
    return pairs.sort_values("company_id").reset_index(drop=True)


def yoy_stats(
    pairs: pd.DataFrame,
    by: Sequence[str] = ("round",),
    metrics: Sequence[str] | None = None,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    include_margins: bool = False,
    extra_groupings: Sequence[Sequence[str]] = (),
) -> dict[Grouping, pd.DataFrame]:
    """Group statistics of the year-over-year changes of the paired companies: n, median, quartiles,
    p10/p90 and the share that improved, suppressed like every other group figure.

    There is deliberately no mean change: together with the per-round means and counts of the same group it
    would give the summed score of the companies that joined or left the group, which may be fewer than k.
    """
    metrics = list(metrics) if metrics is not None else [c for c in pairs.columns if c.endswith("_change")]
    out = publish(
        pairs,
        [tuple(by), *[tuple(g) for g in extra_groupings]],
        metrics,
        min_group_size,
        share_positive=True,
        include_margins=include_margins,
    )
    return {g: t.drop(columns=["mean"]) for g, t in out.items()}


def status_label(status: str, lang: str = "de", min_group_size: int = DEFAULT_MIN_GROUP_SIZE) -> str:
    """How a suppressed figure reads: "n < 5" or "geschützt"/"withheld"; '' when shown."""
    if status == PRIMARY:
        return t("cohort.suppressed_small", lang, k=min_group_size)
    if status == COMPLEMENTARY:
        return t("cohort.suppressed_complementary", lang)
    return ""
