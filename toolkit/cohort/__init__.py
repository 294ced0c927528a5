"""Cohort comparisons: networks, sectors, size classes and rounds, with anonymity built in.

Load responses into one tidy table (:func:`load_cohort`), compute group statistics, percentiles and
year-over-year change (:mod:`.stats`), the network's improvement agenda (:mod:`.agenda`), every table of a
facilitator output protected together (:func:`build_tables`) and the cohort summary for company reports
(:mod:`.summary`). No group of fewer than ``min_group_size`` companies is ever shown, and complementary
suppression keeps such groups from being recovered by subtraction: the rule is documented in
:mod:`toolkit.cohort.suppression`.
"""

from .agenda import improvement_agenda
from .stats import group_stats, percentile_in_group, publish, year_over_year, yoy_stats
from .suppression import DEFAULT_MIN_GROUP_SIZE, check_min_group_size
from .table import Cohort, collect_paths, from_frame, load_cohort
from .tables import CohortTables, build_tables

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "Cohort",
    "CohortTables",
    "build_tables",
    "check_min_group_size",
    "collect_paths",
    "from_frame",
    "group_stats",
    "improvement_agenda",
    "load_cohort",
    "percentile_in_group",
    "publish",
    "year_over_year",
    "yoy_stats",
]
