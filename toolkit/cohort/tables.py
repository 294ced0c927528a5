"""The facilitator's publication: every cohort table of one output, protected together.

:func:`build_tables` computes, from one loaded cohort, the group statistics (all companies, network, sector,
size class, network × sector, network × size class; each per round), the year-over-year changes (per
network, sector and size class), the improvement agenda (all companies and each network) and the
participation overview. Every table passes through the same disclosure step
(:func:`toolkit.cohort.suppression.protect`); the agendas start from the pattern of the group tables, so a
group withheld in one table is withheld in all, and figures from different tables of the same output cannot
be combined to recover a small group. The cohort summary for the company reports is written from the same
publication.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from toolkit.cohort.agenda import improvement_agendas, with_texts
from toolkit.cohort.impact import SCOPE12, programme_impact, with_scope12
from toolkit.cohort.labels import group_label
from toolkit.cohort.stats import (
    SHOWN,
    check_columns,
    default_metrics,
    describe,
    status_label,
    year_over_year,
    yoy_stats,
)
from toolkit.cohort.suppression import DEFAULT_MIN_GROUP_SIZE, Grouping, check_min_group_size, protect
from toolkit.cohort.table import Cohort
from toolkit.errors import CohortError

PUBLISHED: tuple[Grouping, ...] = (("round", "network", "sector"), ("round", "network", "size_class"))
SUMMARY_ORDER: tuple[Grouping, ...] = (
    ("round",),
    ("round", "network"),
    ("round", "sector"),
    ("round", "size_class"),
    ("round", "network", "sector"),
    ("round", "network", "size_class"),
)
YOY_PUBLISHED: tuple[Grouping, ...] = (("round", "network"), ("round", "sector"), ("round", "size_class"))
TABLE_NAMES: dict[Grouping, str] = {
    ("round",): "all",
    ("round", "network"): "by_network",
    ("round", "sector"): "by_sector",
    ("round", "size_class"): "by_size",
    ("round", "network", "sector"): "by_network_sector",
    ("round", "network", "size_class"): "by_network_size",
}


@dataclass
class CohortTables:
    cohort: Cohort
    min_group_size: int
    groups: dict[Grouping, pd.DataFrame]
    yoy: dict[Grouping, pd.DataFrame] = field(default_factory=dict)
    yoy_pairs: pd.DataFrame | None = None
    agendas: dict[str, pd.DataFrame] = field(default_factory=dict)  # "" = all companies, else the network
    impact: dict[Grouping, pd.DataFrame] = field(default_factory=dict)  # programme impact (issue 16)

    @property
    def summary_groupings(self) -> list[Grouping]:
        return [g for g in SUMMARY_ORDER if g in self.groups]

    def named(self, lang: str = "de") -> dict[str, pd.DataFrame]:
        """Every aggregate table by a short name (for CSV/Excel/Parquet), with readable labels and the
        suppression note. Company-level data is not among them."""
        k = self.min_group_size
        out: dict[str, pd.DataFrame] = {"participation": self.participation(lang)}
        for g in SUMMARY_ORDER:
            if g in self.groups:
                out[TABLE_NAMES[g]] = _labelled(self.groups[g], g, lang, k)
        for g, table in self.yoy.items():
            out["yoy_" + TABLE_NAMES.get(g, "_".join(g)).removeprefix("by_")] = _labelled(table, g, lang, k)
        for network, agenda in self.agendas.items():  # question texts and workshop topics looked up now
            name = "agenda" if not network else f"agenda_{network}"
            out[name] = with_texts(agenda, self.cohort.questionnaire)
        for g, table in self.impact.items():
            out["impact" if g == ("round",) else "impact_network"] = _labelled(table, g, lang, k)
        return out

    def group_counts(self) -> Counter[str]:
        """How many groups of the published group tables are ``shown``, ``primary`` (n < k) or ``complementary``
        (withheld), each group counted once (not per measure)."""
        counts: Counter[str] = Counter()
        for g in self.summary_groupings:
            t = self.groups[g]
            for _, part in t.groupby(list(g), sort=False, observed=True, dropna=False):
                first = part.iloc[0]
                counts[SHOWN if pd.notna(first["n"]) else str(first["status"])] += 1
        return counts

    def participation(self, lang: str = "de") -> pd.DataFrame:
        """Companies per network and round (suppressed like every count)."""
        g = ("round", "network")
        if g not in self.groups:
            return pd.DataFrame(columns=["round", "network", "n", "status", "note"])
        t = self.groups[g]
        first = t[t["metric"] == t["metric"].iloc[0]] if len(t) else t
        out = first[["round", "network", "n", "status"]].copy()
        out["note"] = [status_label(st, lang, self.min_group_size) for st in out["status"]]
        return out.reset_index(drop=True)


def _labelled(table: pd.DataFrame, g: Grouping, lang: str, k: int) -> pd.DataFrame:
    out = table.copy()
    out.insert(
        0,
        "label",
        [group_label(dict(zip(g, key, strict=True)), lang) for key in out[list(g)].itertuples(index=False, name=None)],
    )
    out["note"] = [status_label(st, lang, k) for st in out["status"]]
    return out


def build_tables(
    cohort: Cohort,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    metrics: list[str] | None = None,
    agenda_top: int = 10,
    on_stage: Callable[[str], None] | None = None,
) -> CohortTables:
    """All aggregate tables of one facilitator output, suppressed together. ``on_stage`` is called with
    ``protect`` before the disclosure step and ``tables`` before the figures are computed."""
    k = check_min_group_size(min_group_size)
    say = on_stage or (lambda _stage: None)
    if cohort.companies.empty:
        raise CohortError("the cohort has no valid responses; check the folder and the list of invalid files")
    metrics = metrics or default_metrics(cohort)
    check_columns(cohort.companies, {c for g in PUBLISHED for c in g}, metrics)
    say("protect")
    protection = protect(cohort.companies, PUBLISHED, metrics, k)
    say("tables")
    groups = describe(cohort.companies, protection, metrics)
    tables = CohortTables(cohort, k, groups)
    if len(cohort.rounds) >= 2:
        # the companies of both rounds paired once, for the year-over-year and the programme-impact tables
        both = year_over_year(with_scope12(cohort), [*cohort.score_metrics, SCOPE12])
        pairs = both.drop(columns=[f"{SCOPE12}_{part}" for part in ("to", "from", "change")])
        tables.yoy_pairs = pairs
        yoy = yoy_stats(pairs, YOY_PUBLISHED[0], None, k, True, YOY_PUBLISHED[1:])
        tables.yoy = {g: t for g, t in yoy.items() if g in (("round",), *YOY_PUBLISHED)}
        tables.impact = programme_impact(cohort, k, yoy=both)  # protected like the year-over-year tables
    tables.agendas = improvement_agendas(cohort, cohort.rounds[-1], agenda_top, k, initial=protection.cells)
    return tables


def shown(table: pd.DataFrame) -> pd.DataFrame:
    """Only the rows whose figures are shown."""
    return table[table["status"] == SHOWN]
