"""What a company report compares against: the cohort group chosen for the company and whether its figures may be
shown. The owner's pages (:mod:`~toolkit.report.owner`) and the appendix (:mod:`~toolkit.report.view`) both use it;
the computed view carries it as :meth:`Comparison.to_dict`, so the notebook does not read the cohort summary again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from toolkit.responses import Response
from toolkit.views.cohort_summary import CohortGroup, CohortSummary, DimensionStats


@dataclass
class Comparison:
    """The chosen cohort group (None when the summary has none for the company) and whether its figures may be
    shown (the group is not suppressed and has at least ``min_group_size`` companies)."""

    group: CohortGroup | None
    min_group_size: int | None
    shown: bool

    def stats(self, dim_id: str) -> DimensionStats | None:
        if not self.shown or self.group is None:
            return None
        return self.group.dimensions.get(dim_id)

    @classmethod
    def select(cls, summary: CohortSummary, resp: Response) -> Comparison:
        """The group of ``summary`` the company of ``resp`` is compared with."""
        c = resp.company
        group = summary.select(
            c.network, resp.round, {"sector": c.sector, "size_class": c.size_class, "region": c.region}
        )
        return cls(group, summary.min_group_size, bool(group and group.shown(summary.min_group_size)))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Comparison:
        g = d["group"]
        group = None
        if g is not None:
            dims = {k: DimensionStats(**v) for k, v in g["dimensions"].items()}
            group = CohortGroup(g["key"], g["label"], g["suppressed"], g["n"], dims)
        return cls(group, d["min_group_size"], d["shown"])
