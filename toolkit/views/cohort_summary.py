"""The cohort summary file: anonymous aggregates a company report compares against.

Contract ``sme-toolkit-cohort-summary/1`` (written by the cohort tools, read by the report)::

    {
      "format": "sme-toolkit-cohort-summary/1",
      "min_group_size": 5,
      "groups": [
        {"key": {"network": "wf-nord", "round": "2026"},
         "label": {"de": "Netzwerk Nord 2026", "en": "Network North 2026"},
         "n": 42,
         "dimensions": {"energy": {"median": 48.0, "q1": 35.5, "q3": 61.0, "mean": 47.2,
                                   "p10": 22.0, "p90": 74.5}, ...}},
        {"key": {"network": "tiny", "round": "2026"}, "label": {"de": "...", "en": "..."}, "suppressed": true}
      ]
    }

Rules:

* aggregates only: no company ids, names or single answers; figures are scores 0-100;
* ``min_group_size`` (an integer >= 2) is the smallest group whose figures may be shown;
* a suppressed group has ``"suppressed": true`` and carries neither ``n`` nor ``dimensions``;
* otherwise ``n`` (integer >= 0) and ``dimensions`` are required; each dimension needs ``median``, ``q1``
  and ``q3`` (``q1 <= median <= q3``) and may give ``mean``;
* the quantile rule (the same as for every cohort table, see :mod:`toolkit.cohort.suppression`): ``p10`` and
  ``p90`` (the 10th and 90th percentile, given together, ``p10 <= q1`` and ``q3 <= p90``) only for groups of
  at least 10 companies, an error otherwise, because with fewer values they give single companies' values
  back; median and quartiles are shown only for groups of at least ``min_group_size`` and at least 5
  companies: the figures of a smaller group are never passed on to a report;
* ``key`` maps strings to strings (``network`` and ``round`` are the ones a report matches on); ``label``
  needs German (``de``), English is recommended;
* optional top-level keys: ``questionnaire`` (``{"id": ..., "version": ...}``), ``generated_at``,
  ``description``. Unknown keys are errors, so that typos never silently drop figures.

A report picks the group whose key matches the company's network and round (when several do, the one with
the fewest key entries whose other entries, e.g. ``sector`` or ``size_class``, match the company too), else
the first group, and shows figures only when the group is not suppressed and ``n >= min_group_size``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import Code, CohortSummaryError, Location

FORMAT = "sme-toolkit-cohort-summary/1"
TOP_KEYS = ("format", "min_group_size", "groups", "questionnaire", "generated_at", "description")
GROUP_KEYS = ("key", "label", "n", "dimensions", "suppressed")
STAT_KEYS = ("median", "q1", "q3", "mean", "p10", "p90")
TAILS_MIN_N = 10  # p10/p90 only for groups of at least this many companies
QUARTILES_MIN_N = 5  # median and quartiles never for fewer companies, whatever min_group_size says


def _bad(
    path: str, where: str, code: Code, line: int | None = None, column: int | None = None, **fields: object
) -> CohortSummaryError:
    """The error for one problem of the summary at ``where`` (its keys, e.g. ``groups[0].n``; "" for the file)."""
    return CohortSummaryError([code.problem(Location(path, line, column, where or None), severity=None, **fields)])


def _wrong_kind(path: str, where: str, expected: str, found: str, example: str) -> CohortSummaryError:
    """C006: the value at ``where`` is not of the kind the summary format expects there."""
    return _bad(path, where, Code.C006, expected=expected, found=found, example=example)


@dataclass(frozen=True)
class DimensionStats:
    median: float
    q1: float
    q3: float
    mean: float | None = None
    p10: float | None = None  # only for groups of at least 10 companies
    p90: float | None = None


@dataclass(frozen=True)
class CohortGroup:
    key: dict[str, str]
    label: dict[str, str]
    suppressed: bool = False
    n: int | None = None
    dimensions: dict[str, DimensionStats] = field(default_factory=dict)

    def shown(self, min_group_size: int) -> bool:
        """Whether this group's figures may be shown."""
        return not self.suppressed and self.n is not None and self.n >= min_group_size


@dataclass(frozen=True)
class CohortSummary:
    min_group_size: int
    groups: tuple[CohortGroup, ...]
    path: str = ""
    questionnaire: dict[str, str] | None = None

    def select(
        self, network: str | None, round_: str | None, attrs: dict[str, str | None] | None = None
    ) -> CohortGroup | None:
        """The group for a company: among groups keyed by its network and round whose other key entries (e.g.
        sector, size_class) all match ``attrs``, the one with the fewest key entries; else the first group."""
        company = {**(attrs or {}), "network": network, "round": round_}
        matching = [
            g
            for g in self.groups
            if g.key.get("network") == network
            and g.key.get("round") == round_
            and all(company.get(k) == v for k, v in g.key.items())
        ]
        if matching:
            return min(matching, key=lambda g: len(g.key))
        return self.groups[0] if self.groups else None


def load_cohort_summary(path: str | Path) -> CohortSummary:
    """Read and check a cohort summary file; raises :class:`CohortSummaryError` saying where and how to fix."""
    spath = str(path)
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _bad(spath, "", Code.C001) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _bad(spath, "", Code.C002, reason=exc) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise _bad(spath, "", Code.C003, exc.lineno, exc.colno, reason=exc.msg) from None
    return parse_cohort_summary(data, spath)


def _kind(value: Any) -> str:
    """What a JSON value is, in words: 'missing', 'a list', 'a text' ..."""
    if value is None:
        return "nothing (missing or null)"
    names = {bool: "true/false", int: "a number", float: "a number", str: "a text", list: "a list", dict: "an object"}
    return names.get(type(value), type(value).__name__)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _unknown(path: str, where: str, obj: dict[str, Any], allowed: tuple[str, ...]) -> None:
    extra = sorted(set(obj) - set(allowed))
    if extra:
        raise _bad(path, where, Code.C005, keys=", ".join(map(repr, extra)), allowed=", ".join(allowed))


def parse_cohort_summary(data: Any, path: str = "<cohort summary>") -> CohortSummary:
    """Check an already parsed cohort summary document (see the module docstring for the contract)."""
    if not isinstance(data, dict):
        raise _wrong_kind(path, "", "a JSON object", _kind(data), f'{{"format": "{FORMAT}", ...}}')
    if data.get("format") != FORMAT:
        raise _bad(path, "format", Code.C004, found=data.get("format"), expected=FORMAT)
    _unknown(path, "top level", data, TOP_KEYS)
    mgs = data.get("min_group_size")
    if isinstance(mgs, bool) or not isinstance(mgs, int) or mgs < 2:
        raise _wrong_kind(path, "min_group_size", "a whole number >= 2", repr(mgs), '"min_group_size": 5')
    qref = data.get("questionnaire")
    if qref is not None and (not isinstance(qref, dict) or not all(isinstance(v, str) for v in qref.values())):
        raise _wrong_kind(
            path, "questionnaire", "an object of texts", repr(qref), '{"id": "dnk-sme", "version": "2026.1"}'
        )
    groups_raw = data.get("groups")
    if not isinstance(groups_raw, list):
        raise _wrong_kind(path, "groups", "a list", _kind(groups_raw), '"groups": [ ... ]')
    groups = tuple(_group(path, i, g) for i, g in enumerate(groups_raw))
    return CohortSummary(mgs, groups, path, qref)


def _group(path: str, index: int, g: Any) -> CohortGroup:
    where = f"groups[{index}]"
    if not isinstance(g, dict):
        raise _wrong_kind(path, where, "an object", _kind(g), '{"key": {...}, "label": {...}, "n": ...}')
    _unknown(path, where, g, GROUP_KEYS)
    key = g.get("key")
    if not isinstance(key, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in key.items()):
        raise _wrong_kind(
            path, f"{where}.key", "an object of texts", repr(key), '"key": {"network": "...", "round": "2026"}'
        )
    label = g.get("label")
    if not isinstance(label, dict) or not isinstance(label.get("de"), str) or not label["de"].strip():
        raise _bad(path, f"{where}.label", Code.C007)
    if not all(isinstance(v, str) for v in label.values()):
        raise _wrong_kind(
            path, f"{where}.label", "an object of texts", repr(label), '"label": {"de": "...", "en": "..."}'
        )
    suppressed = g.get("suppressed", False)
    if not isinstance(suppressed, bool):
        raise _wrong_kind(path, f"{where}.suppressed", "true or false", repr(suppressed), '"suppressed": true')
    if suppressed:
        if "n" in g or "dimensions" in g:
            raise _bad(path, where, Code.C008)
        return CohortGroup(dict(key), dict(label), True)
    n = g.get("n")
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise _wrong_kind(path, f"{where}.n", "a whole number >= 0", repr(n), '"n": 12')
    dims = _dimensions(path, where, g.get("dimensions"), n)
    if n < QUARTILES_MIN_N:  # too few companies for quartiles: never passed on, whatever min_group_size says
        dims = {}
    return CohortGroup(dict(key), dict(label), False, n, dims)


def _dimensions(path: str, where: str, dims_raw: Any, n: int) -> dict[str, DimensionStats]:
    if not isinstance(dims_raw, dict):
        raise _wrong_kind(path, f"{where}.dimensions", "an object", _kind(dims_raw), '"dimensions": {"energy": {...}}')
    dims: dict[str, DimensionStats] = {}
    for dim_id, st in dims_raw.items():
        dwhere = f"{where}.dimensions.{dim_id}"
        if not isinstance(st, dict):
            raise _wrong_kind(path, dwhere, "an object", _kind(st), '{"median": .., "q1": .., "q3": ..}')
        _unknown(path, dwhere, st, STAT_KEYS)
        for k in ("median", "q1", "q3"):
            if k not in st:
                raise _bad(path, dwhere, Code.C009, stat=k)
        for k, v in st.items():
            if v is None and k == "mean":
                continue
            if not _number(v) or not 0 <= v <= 100:
                raise _wrong_kind(path, f"{dwhere}.{k}", "a score from 0 to 100", repr(v), f'"{k}": 50')
        if not st["q1"] <= st["median"] <= st["q3"]:
            raise _bad(path, dwhere, Code.C010)
        tails = _tails(path, dwhere, st, n)
        mean = None if st.get("mean") is None else float(st["mean"])
        dims[dim_id] = DimensionStats(float(st["median"]), float(st["q1"]), float(st["q3"]), mean, *tails)
    return dims


def _tails(path: str, where: str, st: dict[str, Any], n: int) -> tuple[float | None, float | None]:
    """The 10th and 90th percentile when given (together, outside the quartiles, for groups of 10 or more)."""
    given = [k for k in ("p10", "p90") if st.get(k) is not None]
    if not given:
        return None, None
    if len(given) == 1:
        missing = "p90" if given == ["p10"] else "p10"
        raise _bad(path, where, Code.C011, given=given[0], missing=missing)
    if n < TAILS_MIN_N:
        raise _bad(path, where, Code.C012, n=n, minimum=TAILS_MIN_N)
    if not st["p10"] <= st["q1"] or not st["q3"] <= st["p90"]:
        raise _bad(path, where, Code.C013)
    return float(st["p10"]), float(st["p90"])
