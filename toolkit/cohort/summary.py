"""The cohort summary file a company report compares against: aggregates only.

The contract (``sme-toolkit-cohort-summary/1``) is defined and checked by
:mod:`toolkit.views.cohort_summary`. Groups are written in this order, so that a report looking for its
network and round finds the network group before any finer group of the same network: all companies per
round (latest round first), network, sector, size class, network × sector, network × size class. Suppressed
groups carry ``"suppressed": true`` and no figures; a dimension whose figure is withheld in a shown group is
left out of that group's ``dimensions``. The quantile rule of :mod:`toolkit.cohort.suppression` holds here
too: median and quartiles only from max(k, 5) values, the 10th/90th percentile (``p10``, ``p90``) only from
10 values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.atomic import atomic_write_text
from toolkit.cohort.labels import group_label
from toolkit.cohort.stats import SHOWN
from toolkit.cohort.suppression import Grouping
from toolkit.cohort.table import score_column
from toolkit.cohort.tables import CohortTables
from toolkit.i18n import LANGS

FORMAT = "sme-toolkit-cohort-summary/1"


def _num(v: Any) -> float:
    return round(float(v), 2)


def cohort_summary(tables: CohortTables) -> dict[str, Any]:
    """The summary document of a publication (see :func:`toolkit.cohort.tables.build_tables`)."""
    cohort = tables.cohort
    dims = list(cohort.dimensions)
    groups: list[dict[str, Any]] = []
    rounds = sorted(cohort.rounds, reverse=True)
    for g in tables.summary_groupings:
        table = tables.groups[g]
        table = table[table["metric"].isin([score_column(d) for d in dims])]
        for key, part in _cells(table, g, rounds):
            key_map = {c: str(v) for c, v in zip(g, key, strict=True)}
            entry: dict[str, Any] = {
                "key": key_map,
                "label": {lang: group_label(key_map, lang) for lang in LANGS},
            }
            if part["n"].isna().all():
                entry["suppressed"] = True
                groups.append(entry)
                continue
            entry["n"] = int(part["n"].iloc[0])
            entry["dimensions"] = {}
            for r in part.itertuples(index=False):
                if r.status != SHOWN or pd.isna(r.median):  # withheld, or quartiles withheld (too few values)
                    continue
                stats = {"median": _num(r.median), "q1": _num(r.q1), "q3": _num(r.q3), "mean": _num(r.mean)}
                if pd.notna(r.p10) and pd.notna(r.p90):  # only from 10 values on (the quantile rule)
                    stats |= {"p10": _num(r.p10), "p90": _num(r.p90)}
                entry["dimensions"][str(r.metric).removeprefix("score_")] = stats
            groups.append(entry)
    doc: dict[str, Any] = {
        "format": FORMAT,
        "min_group_size": tables.min_group_size,
        "groups": groups,
    }
    if cohort.questionnaire is not None:
        doc["questionnaire"] = {"id": cohort.questionnaire.id, "version": cohort.questionnaire.version}
    return doc


def _cells(table: pd.DataFrame, g: Grouping, rounds: list[str]) -> list[tuple[tuple[object, ...], pd.DataFrame]]:
    """The cells of one grouping, latest round first, then by key."""
    if table.empty:
        return []
    parts = list(table.groupby(list(g), sort=True, observed=True))
    order = {r: i for i, r in enumerate(rounds)}
    ri = g.index("round") if "round" in g else None

    def sort_key(item: tuple[object, pd.DataFrame]) -> tuple[int, str]:
        key = item[0] if isinstance(item[0], tuple) else (item[0],)
        return (order.get(str(key[ri]), 99) if ri is not None else 0, repr(key))

    return [((k if isinstance(k, tuple) else (k,)), p) for k, p in sorted(parts, key=sort_key)]


def write_cohort_summary(tables: CohortTables, path: str | Path) -> Path:
    """Write the summary atomically and check it against the report's contract when that module exists."""
    from toolkit.views.cohort_summary import parse_cohort_summary

    doc = cohort_summary(tables)
    parse_cohort_summary(doc, str(path))
    target = Path(path)
    atomic_write_text(target, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    return target
