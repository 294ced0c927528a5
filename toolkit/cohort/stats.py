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
from typing import Any

import numpy as np
import pandas as pd

from toolkit.cohort.suppression import (
    COMPLEMENTARY,
    DEFAULT_MIN_GROUP_SIZE,
    PRIMARY,
    QUARTILE_FIGURES,
    QUARTILES_MIN_VALUES,
    SHOWN,
    TAIL_FIGURES,
    TAILS_MIN_VALUES,
    Grouping,
    GroupKeys,
    Protection,
    check_min_group_size,
    protect,
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


def _figures(values: pd.DataFrame, group: np.ndarray, n_groups: int, share_positive: bool) -> dict[str, np.ndarray]:
    """Unsuppressed figures of every group (rows) and metric (columns of ``values``), as floats: n, n_valid, the
    quantiles, mean and, with ``share_positive``, the share above zero."""
    grouped = values.groupby(group, sort=True)
    qs = list(QUANTILES.values())
    quantiles = grouped.quantile(qs).to_numpy().reshape(n_groups, len(qs), values.shape[1])
    out = {name: quantiles[:, i, :] for i, name in enumerate(QUANTILES)}
    # one column at a time: pandas' compensated sum rounds differently over a block of several columns, and the
    # published means stay the same to the last digit as those of earlier versions
    out["mean"] = np.column_stack([grouped[m].mean().to_numpy() for m in values.columns])
    out["n_valid"] = grouped.count().to_numpy(dtype=float)
    if share_positive:
        pos = (values > 0).astype(float).where(values.notna())
        out["share_positive"] = pos.groupby(group, sort=True).mean().to_numpy()
    out["n"] = np.repeat(np.bincount(group, minlength=n_groups).astype(float)[:, None], values.shape[1], axis=1)
    return out


def _protected_table(
    by: Grouping,
    keys: pd.DataFrame,
    metrics: list[str],
    figures: dict[str, np.ndarray],
    hidden: np.ndarray,
    status: np.ndarray,
    k: int,
) -> pd.DataFrame:
    """The long table of one grouping, one row per group and metric (groups in order, metrics in the given
    order): the figures of a withheld group or variable are NaN (``n`` too when the whole group is withheld),
    and so are the quantiles the quantile rule withholds (:func:`quantiles_allowed`, for all rows at once)."""
    n_groups, n_metrics = len(keys), len(metrics)
    withheld = status != SHOWN
    figures = {name: np.array(values, dtype=float) for name, values in figures.items()}  # writable copies
    for name, values in figures.items():
        if name != "n":
            values[withheld] = np.nan
    figures["n"][hidden, :] = np.nan
    quartiles = figures["n_valid"] >= max(k, QUARTILES_MIN_VALUES)  # NaN compares False
    tails = quartiles & (figures["n_valid"] >= TAILS_MIN_VALUES)
    for name in QUARTILE_FIGURES:
        figures[name][~quartiles] = np.nan
    for name in TAIL_FIGURES:
        figures[name][~tails] = np.nan
    rows = np.repeat(np.arange(n_groups), n_metrics)
    cols: dict[str, Any] = {c: keys[c].take(rows).reset_index(drop=True) for c in by}
    cols["metric"] = pd.Index(metrics).take(np.tile(np.arange(n_metrics), n_groups))
    for name in [*STAT_COLUMNS, *(["share_positive"] if "share_positive" in figures else [])]:
        cols[name] = figures[name].reshape(-1)
    cols["status"] = pd.array(status.reshape(-1), dtype="string")
    return pd.DataFrame(cols)


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
    ``groupings`` are given), with suppressed figures and withheld quantiles set to NaN.

    Each grouping is one vectorised group-by over the whole table (keys coded once for all groupings); the
    disclosure status is looked up once per group, not per figure."""
    k = protection.min_group_size
    metrics = list(metrics)
    todo = [tuple(g) for g in (groupings if groupings is not None else protection.groupings)]
    cols = [*dict.fromkeys(c for g in todo for c in g)]
    keys = GroupKeys(df, cols) if not df.empty else None
    values = df[metrics].apply(pd.to_numeric, errors="coerce").astype("float64").reset_index(drop=True)
    out: dict[Grouping, pd.DataFrame] = {}
    for g in todo:
        if keys is None:  # no company: the columns only
            extra = ["share_positive"] if share_positive else []
            table = pd.DataFrame(columns=[*g, "metric", *STAT_COLUMNS, *extra])
            table["status"] = pd.Series(dtype="string")
            out[g] = table
            continue
        group, group_keys = keys.groups(g)
        figures = _figures(values, group, len(group_keys), share_positive)
        hidden, status = protection.statuses(g, list(group_keys.itertuples(index=False, name=None)), metrics)
        out[g] = _protected_table(g, group_keys, metrics, figures, hidden, status, k)
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
