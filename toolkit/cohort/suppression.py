"""Anonymity of every published aggregate: minimum group size and complementary suppression.

The rule holds for the cohort tables, the charts, the CSV/Excel/Parquet exports, the cohort summary and
therefore for the company reports, which only ever see the cohort summary:

1. **Minimum group size** ``k`` (default 5, configurable, never below 3: asking for less raises
   :class:`~toolkit.errors.CohortError`). A group (a *cell*: e.g. the sector C companies of network
   Lüneburg in round 2026) with fewer than ``k`` companies is suppressed: neither its figures nor its
   count ``n`` are shown; it reads "n < k" (*primary* suppression).
2. **Complementary suppression.** All tables of one output are checked together as one *publication*.
   Whenever a shown total is split into parts that are shown as well (a network's figure and its sectors; a
   round's figure and its networks), the suppressed parts of that total are either none, or at least two
   cells that together hold at least ``k`` companies; otherwise the next-smallest shown part is suppressed
   too (*complementary*, it reads "withheld"), until this holds. A suppressed total keeps at least one
   suppressed part. Counts ``n`` and sums (mean × n) are additive, so without this rule a suppressed
   figure could be recovered as "total minus the shown parts"; medians and quartiles are not additive.
3. **Audit.** Afterwards every suppressed cell is checked exactly: its count (and so its sum) must not be a
   linear combination of the shown cells over the finest groups of the publication. Where it is, the
   smallest shown cell sharing a total with it is suppressed as well, and the rules are applied again.
4. **Per figure.** A figure of a shown group that rests on fewer than ``k`` values (e.g. only 3 of 8
   companies answered the workforce questions) is suppressed on its own, with the same complementary rule
   for that figure.
5. **Margins.** A single table (e.g. network × sector) is protected together with all its coarser margins
   (network, sector, all companies; always split by round), because anyone can compute those with the same
   functions.

This module works on counts only; :mod:`toolkit.cohort.stats` applies it to the figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations

import numpy as np
import pandas as pd

from ..errors import CohortError

DEFAULT_MIN_GROUP_SIZE = 5
MIN_GROUP_SIZE_FLOOR = 3
FIXED_KEYS = ("round",)  # never summed over: each round is its own population
PRIMARY = "primary"
COMPLEMENTARY = "complementary"

Grouping = tuple[str, ...]
CellKey = tuple[object, ...]
Suppressed = dict[Grouping, dict[CellKey, str]]


def check_min_group_size(value: object) -> int:
    """The minimum group size as an int; CohortError when it is not a whole number of at least 3."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise CohortError(
            f"the minimum group size must be a whole number, found {value!r}; use e.g. --min-group-size 5"
        )
    if value < MIN_GROUP_SIZE_FLOOR:
        raise CohortError(
            f"a minimum group size of {value} would let peers identify single companies; "
            f"use at least {MIN_GROUP_SIZE_FLOOR} (default {DEFAULT_MIN_GROUP_SIZE})"
        )
    return int(value)


def margins(groupings: Iterable[Sequence[str]], fixed: Sequence[str] = FIXED_KEYS) -> list[Grouping]:
    """Every grouping with all its coarser margins (subsets of its keys; keys in ``fixed`` always kept),
    without duplicates, coarsest first."""
    out: list[Grouping] = []
    for g in groupings:
        g = tuple(g)
        keep = tuple(c for c in g if c in fixed)
        free = [c for c in g if c not in fixed]
        for r in range(len(free) + 1):
            for sub in combinations(free, r):
                cand = tuple(c for c in g if c in keep or c in sub)
                if cand not in out:
                    out.append(cand)
    out.sort(key=len)
    return out


class _Cells:
    """The cells of a publication as 0/1 rows over the atoms (finest groups with at least one company)."""

    def __init__(self, atoms: pd.DataFrame, count: str, groupings: Sequence[Grouping]) -> None:
        self.groupings = list(groupings)
        self.grouping_of: list[int] = []
        self.keys: list[CellKey] = []
        n_atoms = len(atoms)
        self.index: dict[tuple[int, CellKey], int] = {}
        blocks: list[np.ndarray] = []
        for gi, g in enumerate(self.groupings):
            if g and n_atoms:
                grouped = atoms.groupby(list(g), sort=True, dropna=False)
                codes = grouped.ngroup().to_numpy()
                firsts = np.unique(codes, return_index=True)[1]  # first atom of each code, codes ascending
                keys = list(atoms[list(g)].iloc[firsts].itertuples(index=False, name=None))
            else:
                codes = np.zeros(n_atoms, dtype=int)
                keys = [()] if n_atoms else []
            block = np.zeros((len(keys), n_atoms))
            block[codes, np.arange(n_atoms)] = 1.0
            blocks.append(block)
            for key in keys:
                self.index[(gi, tuple(key))] = len(self.keys)
                self.grouping_of.append(gi)
                self.keys.append(tuple(key))
        self.matrix = np.vstack(blocks) if blocks else np.zeros((0, n_atoms))
        self.n = self.matrix @ atoms[count].to_numpy(dtype=float) if n_atoms else np.zeros(len(self.keys))
        self.lines = self._lines()
        self.lines_of: dict[int, list[int]] = {}
        for li, (parent, children) in enumerate(self.lines):
            for c in (parent, *children):
                self.lines_of.setdefault(c, []).append(li)

    def _lines(self) -> list[tuple[int, list[int]]]:
        """(total, parts): every cell of a coarser grouping with the cells of a finer grouping that split it."""
        lines = []
        for gi, coarse in enumerate(self.groupings):
            for fi, fine in enumerate(self.groupings):
                if gi == fi or not set(coarse) < set(fine):
                    continue
                pos = [fine.index(c) for c in coarse]
                parts: dict[CellKey, list[int]] = {}
                for ci, gidx in enumerate(self.grouping_of):
                    if gidx == fi:
                        parts.setdefault(tuple(self.keys[ci][p] for p in pos), []).append(ci)
                for key, children in parts.items():
                    parent = self.index.get((gi, key))
                    if parent is not None:
                        lines.append((parent, children))
        return lines

    def order(self, cell: int) -> tuple[float, int, str]:
        return (self.n[cell], self.grouping_of[cell], repr(self.keys[cell]))


def _apply_line_rule(cells: _Cells, sup: dict[int, str], k: int) -> bool:
    changed = False
    again = True
    while again:
        again = False
        for parent, children in cells.lines:
            hidden = [c for c in children if c in sup]
            shown = sorted((c for c in children if c not in sup and cells.n[c] > 0), key=cells.order)
            if parent in sup:
                need = not hidden and bool(shown)
            else:
                need = bool(hidden) and (len(hidden) < 2 or sum(cells.n[c] for c in hidden) < k) and bool(shown)
            if need:
                sup[shown[0]] = COMPLEMENTARY
                changed = again = True
    return changed


def exposed(cells: _Cells, sup: Mapping[int, str]) -> list[int]:
    """Suppressed cells whose count is a linear combination of the shown cells (exactly recoverable).

    A hidden cell's 0/1 row ``x`` over the atoms is such a combination exactly when its projection onto the row
    space of the shown cells ``A`` keeps its length: ``|x|² = yᵀ (A Aᵀ)⁺ y`` with ``y = A x``. The Gram matrix
    is small (shown cells squared), so this is fast even for large publications.
    """
    hidden = [c for c in sup if cells.n[c] > 0]
    if not hidden:
        return []
    shown = [c for c in range(len(cells.keys)) if c not in sup]
    if not shown:
        return []
    a = cells.matrix[shown]
    h = cells.matrix[hidden]
    gram = a @ a.T
    w, v = np.linalg.eigh(gram)
    keep = w > 1e-9 * max(1.0, float(w[-1]))
    y = (h @ a.T) @ v[:, keep]  # hidden x shown -> coordinates in the eigenbasis
    projected = (y**2 / w[keep]).sum(axis=1)
    length = (h**2).sum(axis=1)
    return [c for c, p, n in zip(hidden, projected, length, strict=True) if n - p < 1e-6 * max(1.0, n)]


def _fix_exposed(cells: _Cells, sup: dict[int, str], bad: list[int]) -> bool:
    """Suppress one more cell for the first exposed cell: the smallest shown cell sharing a total with it whose
    suppression protects it, else the smallest such cell."""
    x = bad[0]
    related: set[int] = set()
    for li in cells.lines_of.get(x, []):
        parent, children = cells.lines[li]
        related.update((parent, *children))
    cand = sorted((c for c in related if c not in sup and cells.n[c] > 0), key=cells.order)
    if not cand:  # fall back to any shown cell overlapping x
        overlap = cells.matrix @ cells.matrix[x]
        cand = sorted(
            (c for c in range(len(cells.keys)) if c not in sup and overlap[c] > 0 and cells.n[c] > 0),
            key=cells.order,
        )
    if not cand:
        return False
    for c in cand:
        trial = {**sup, c: COMPLEMENTARY}
        if x not in exposed(cells, trial):
            sup[c] = COMPLEMENTARY
            return True
    sup[cand[0]] = COMPLEMENTARY
    return True


def suppress(
    atoms: pd.DataFrame,
    count: str,
    groupings: Sequence[Sequence[str]],
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    initial: Mapping[Grouping, Mapping[CellKey, str]] | None = None,
    initial_audited: bool = False,
) -> Suppressed:
    """Which cells of each grouping are suppressed, and why (``primary`` or ``complementary``).

    ``atoms`` has one column per key of any grouping and the column ``count`` (companies per finest group;
    rows with count 0 are ignored). ``groupings`` is the whole publication; pass :func:`margins` of the
    tables you show. ``initial`` are cells already suppressed (e.g. at group level, when protecting a single
    figure); ``initial_audited`` says they already passed the audit on atoms with the same non-empty cells, so
    the exact check is skipped when nothing is added. Cells with no company are not listed.
    """
    k = check_min_group_size(min_group_size)
    gs = [tuple(g) for g in groupings]
    keys = sorted({c for g in gs for c in g})
    atoms = atoms[atoms[count] > 0]
    atoms = atoms.groupby(keys, sort=True, dropna=False)[count].sum().reset_index() if keys else atoms
    out: Suppressed = {g: {} for g in gs}
    # Rounds never share a company: each round is its own, smaller problem.
    split = [c for c in FIXED_KEYS if gs and all(c in g for g in gs)]
    parts = atoms.groupby(split, sort=True) if split and len(atoms) else [((), atoms)]
    for _, part in parts:
        found = _suppress_part(part.reset_index(drop=True), count, gs, k, initial or {}, initial_audited)
        for g, marked in found.items():
            out[g].update(marked)
    return out


def _suppress_part(
    atoms: pd.DataFrame,
    count: str,
    gs: list[Grouping],
    k: int,
    initial: Mapping[Grouping, Mapping[CellKey, str]],
    initial_audited: bool,
) -> Suppressed:
    cells = _Cells(atoms, count, gs)
    sup: dict[int, str] = {}
    for ci, n in enumerate(cells.n):
        if 0 < n < k:
            sup[ci] = PRIMARY
    given: set[int] = set()
    for g, marked in initial.items():
        if g not in gs:
            continue
        gi = gs.index(g)
        for key, why in marked.items():
            ci = cells.index.get((gi, tuple(key)))
            if ci is not None:
                given.add(ci)
                sup.setdefault(ci, why)
    for _ in range(len(cells.keys) + 1):
        _apply_line_rule(cells, sup, k)
        if initial_audited and set(sup) == given:
            break
        bad = exposed(cells, sup)
        if not bad or not _fix_exposed(cells, sup, bad):
            break
    out: Suppressed = {g: {} for g in gs}
    for ci, why in sup.items():
        out[gs[cells.grouping_of[ci]]][cells.keys[ci]] = why
    return out


def audit(
    atoms: pd.DataFrame,
    count: str,
    groupings: Sequence[Sequence[str]],
    suppressed: Suppressed,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
) -> list[str]:
    """What is wrong with a suppression pattern (empty when it protects every small group): shown cells with
    fewer than k companies, totals whose suppressed parts are one cell or fewer than k companies together, and
    suppressed cells whose count can be computed from the shown ones."""
    k = check_min_group_size(min_group_size)
    gs = [tuple(g) for g in groupings]
    keys = sorted({c for g in gs for c in g})
    atoms = atoms[atoms[count] > 0]
    atoms = atoms.groupby(keys, sort=True, dropna=False)[count].sum().reset_index() if keys else atoms
    cells = _Cells(atoms, count, gs)
    sup = {
        ci: why
        for ci in range(len(cells.keys))
        if (why := suppressed.get(gs[cells.grouping_of[ci]], {}).get(cells.keys[ci])) is not None
    }
    problems = []

    def name(ci: int) -> str:
        return f"{dict(zip(gs[cells.grouping_of[ci]], cells.keys[ci], strict=True))}"

    for ci, n in enumerate(cells.n):
        if 0 < n < k and ci not in sup:
            problems.append(f"{name(ci)} is shown with n={int(n)} < {k}")
    for parent, children in cells.lines:
        hidden = [c for c in children if c in sup]
        if parent not in sup and hidden and (len(hidden) < 2 or sum(cells.n[c] for c in hidden) < k):
            problems.append(f"{name(parent)} minus its shown parts reveals {', '.join(name(c) for c in hidden)}")
    for ci in exposed(cells, sup):
        problems.append(f"{name(ci)} can be computed from the shown cells")
    return problems
