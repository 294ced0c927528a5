"""Cohort comparisons: networks, sectors, size classes and rounds, with anonymity built in.

Load responses into one tidy table (:func:`load_cohort`), compute group statistics, percentiles and
year-over-year change (:mod:`.stats`), the network's improvement agenda (:mod:`.agenda`), every table of a
facilitator output protected together (:func:`build_tables`) and the cohort summary for company reports
(:mod:`.summary`). Every published table passes through one disclosure step (:func:`protect`): no group of
fewer than ``min_group_size`` companies is ever shown, complementary suppression keeps such groups from being
recovered by subtraction across all tables (the improvement agendas included), and quantiles follow the
quantile rule; the rules are documented in :mod:`toolkit.cohort.suppression`.
"""

from toolkit.cohort.agenda import improvement_agenda, improvement_agendas
from toolkit.cohort.stats import group_stats, percentile_in_group, publish, year_over_year, yoy_stats
from toolkit.cohort.suppression import (
    DEFAULT_MIN_GROUP_SIZE,
    Protection,
    check_min_group_size,
    protect,
    quantiles_allowed,
)
from toolkit.cohort.table import Cohort, collect_paths, from_frame, load_cohort
from toolkit.cohort.tables import CohortTables, build_tables

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "Cohort",
    "CohortTables",
    "Protection",
    "build_tables",
    "check_min_group_size",
    "collect_paths",
    "from_frame",
    "group_stats",
    "improvement_agenda",
    "improvement_agendas",
    "load_cohort",
    "percentile_in_group",
    "protect",
    "publish",
    "quantiles_allowed",
    "year_over_year",
    "yoy_stats",
]
