"""The VSME size classes (micro, small, medium, large) and the rule that puts a company into one."""

from __future__ import annotations

# VSME size classes: a company is in a class if it does not exceed two of the three limits.
SIZE_LIMITS = (  # (class, balance sheet EUR, turnover EUR, employees)
    ("micro", 450_000, 900_000, 10),
    ("small", 5_000_000, 10_000_000, 50),
    ("medium", 25_000_000, 50_000_000, 250),
)


def size_class(employees: float | None, turnover: float | None, balance_sheet: float | None) -> str | None:
    """The VSME size class: the smallest class whose limits the company does not exceed on two of three
    criteria (on the criteria that are known when fewer than three are given)."""
    known = [(i, v) for i, v in enumerate((balance_sheet, turnover, employees)) if v is not None]
    if not known:
        return None
    need = 2 if len(known) >= 2 else 1
    for name, *limits in SIZE_LIMITS:
        within = sum(1 for i, v in known if v <= limits[i])
        if within >= need:
            return name
    return "large"
