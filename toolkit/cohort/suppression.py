"""Anonymity of every published aggregate: minimum group size, complementary suppression, quantile rule.

Every figure the cohort tools publish (the group tables, the year-over-year tables, the improvement agenda,
the participation table, the charts, the CSV/Excel/Parquet exports, the cohort summary and therefore the
company reports, which only ever see the cohort summary) passes through :func:`protect`:

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
3. **Audit.** Afterwards the pattern is checked exactly, over the finest groups (*atoms*) of the
   publication: no suppressed cell's count (and so its sum) is a linear combination of the shown cells, and
   no *residual group* is either: no set of atoms holding 1 to k-1 companies whose count or sum can be
   computed by adding and subtracting shown figures, whichever tables they come from. Where one is found,
   the smallest shown cell that overlaps it is suppressed as well, and the rules are applied again.
4. **Per figure.** Every published variable has its own contributors: a score or KPI the companies that
   have a value, an agenda question the companies that answered it, a year-over-year change the companies
   present in both rounds. Each variable is protected on its own counts, starting from the pattern of the
   whole publication (a group withheld anywhere is withheld for every variable), with the same rules: a
   figure of a shown group that rests on fewer than ``k`` values is suppressed on its own.
5. **Margins.** A single table (e.g. network × sector) is protected together with all its coarser margins
   (network, sector, all companies; always split by round), because anyone can compute those with the same
   functions.
6. **Quantiles** describe single companies when the group is small: with linear interpolation, the 10th to
   90th percentile of five values give all five values back. So the tails (10th and 90th percentile; minimum
   and maximum are never published) are shown only for figures resting on at least 10 values
   (:data:`TAILS_MIN_VALUES`), and the quartiles (1st quartile, median, 3rd quartile) only for figures resting
   on at least ``k`` values and never fewer than 5 (:data:`QUARTILES_MIN_VALUES`; from three values the
   quartiles are the values themselves). See :func:`quantiles_allowed`.

This module works on counts only; :mod:`toolkit.cohort.stats` and :mod:`toolkit.cohort.agenda` apply it to
the figures.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import ParamSpec, TypeVar

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from toolkit.errors import CohortError

DEFAULT_MIN_GROUP_SIZE = 5
MIN_GROUP_SIZE_FLOOR = 3
FIXED_KEYS = ("round",)  # never summed over: each round is its own population
PRIMARY = "primary"
COMPLEMENTARY = "complementary"
SHOWN = "shown"
TAILS_MIN_VALUES = 10  # 10th/90th percentile only for figures resting on at least this many values
QUARTILES_MIN_VALUES = 5  # quartiles need at least k values, and never fewer than this
QUARTILE_FIGURES = ("q1", "median", "q3")
TAIL_FIGURES = ("p10", "p90")
RESIDUAL_SEARCH_LIMIT = 200_000  # combinations tried per block of the residual-group search
_TOL = 1e-9

Grouping = tuple[str, ...]
CellKey = tuple[object, ...]
Suppressed = dict[Grouping, dict[CellKey, str]]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _one_blas_thread(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run the linear algebra of the disclosure step on one BLAS thread. Its matrices have a few hundred to a
    few thousand rows, where a second thread gains little; on a busy machine (other processes, report workers)
    the threads wait for each other instead: measured on 2 cores, the eigendecompositions of a 100,000-row
    cohort took 2.4 CPU seconds on two threads and 0.3 on one."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with threadpool_limits(limits=1, user_api="blas"):
            return func(*args, **kwargs)

    return wrapper


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


def quantiles_allowed(n_values: float | None, min_group_size: int = DEFAULT_MIN_GROUP_SIZE) -> tuple[bool, bool]:
    """Whether the quartiles and whether the tails (10th/90th percentile) of a figure resting on ``n_values``
    values may be shown (rule 6 of the module docstring)."""
    if n_values is None or n_values != n_values:  # None or NaN: the figure is not shown at all
        return False, False
    quartiles = n_values >= max(min_group_size, QUARTILES_MIN_VALUES)
    return quartiles, quartiles and n_values >= TAILS_MIN_VALUES


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


class GroupKeys:
    """The group keys of one table as small integer codes, worked out once and shared by every grouping of a
    publication: grouping by integers is many times faster than grouping by text, and the text of each key is
    looked at only once."""

    def __init__(self, df: pd.DataFrame, columns: Iterable[str]) -> None:
        self.rows = len(df)
        self.codes: dict[str, np.ndarray] = {}
        self.uniques: dict[str, pd.Index] = {}
        for c in sorted(set(columns)):
            codes, uniques = pd.factorize(df[c], sort=True, use_na_sentinel=False)  # a missing key sorts last
            self.codes[c] = np.asarray(codes, dtype=np.int64)
            self.uniques[c] = pd.Index(uniques)

    def groups(self, by: Sequence[str]) -> tuple[np.ndarray, pd.DataFrame]:
        """Each row's group number (0, 1, ... in the order of ``groupby(by, sort=True, dropna=False)``) and the
        keys of the groups (one row per group, a column per key)."""
        if not by:
            return np.zeros(self.rows, dtype=np.int64), pd.DataFrame(index=pd.RangeIndex(1 if self.rows else 0))
        group = np.zeros(self.rows, dtype=np.int64)
        for c in by:  # lexicographic: the groups so far, then this key; renumbered densely at each step
            group = group * len(self.uniques[c]) + self.codes[c]
            _, group = np.unique(group, return_inverse=True)
        firsts = np.unique(group, return_index=True)[1]
        keys = pd.DataFrame({c: self.uniques[c].take(self.codes[c][firsts]) for c in by})
        return group.astype(np.int64), keys


class _Layout:
    """Which atoms each cell of a publication holds (0/1 rows over the atoms: the finest groups with at least one
    company) and which totals split into which parts. It depends only on which atoms hold companies, so the
    variables of a publication share it (:func:`_layout`); their counts differ."""

    def __init__(self, atoms: pd.DataFrame, groupings: Sequence[Grouping]) -> None:
        self.groupings = list(groupings)
        self.grouping_of: list[int] = []
        self.keys: list[CellKey] = []
        n_atoms = len(atoms)
        self.n_atoms = n_atoms
        self.key_names = sorted({c for g in self.groupings for c in g})
        self.atom_keys: list[CellKey] = (
            list(atoms[self.key_names].itertuples(index=False, name=None)) if self.key_names else [()] * n_atoms
        )
        codes = GroupKeys(atoms, self.key_names)
        self.index: dict[tuple[int, CellKey], int] = {}
        blocks: list[np.ndarray] = []
        for gi, g in enumerate(self.groupings):
            if g and n_atoms:
                group, key_frame = codes.groups(g)
                keys = list(key_frame.itertuples(index=False, name=None))
            else:
                group = np.zeros(n_atoms, dtype=np.int64)
                keys = [()] if n_atoms else []
            block = np.zeros((len(keys), n_atoms))
            block[group, np.arange(n_atoms)] = 1.0
            blocks.append(block)
            for key in keys:
                self.index[(gi, tuple(key))] = len(self.keys)
                self.grouping_of.append(gi)
                self.keys.append(tuple(key))
        self.matrix = np.vstack(blocks) if blocks else np.zeros((0, n_atoms))
        # The key with the most values among the atoms (the network, usually) splits the cells into blocks that
        # share no atom; cells of groupings without it run across the blocks (:func:`_orthonormal_rows`).
        free = [c for c in self.key_names if c not in FIXED_KEYS]
        values = {c: len({key[self.key_names.index(c)] for key in self.atom_keys}) for c in free}
        split = max(free, key=lambda c: values[c], default=None)
        self.wide = np.array([split is not None and split not in self.groupings[gi] for gi in self.grouping_of])
        self.digest = hashlib.blake2b(self.matrix.astype(np.int8).tobytes() + repr(self.matrix.shape).encode()).digest()
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


_LAYOUTS: dict[tuple[tuple[Grouping, ...], bytes], _Layout] = {}
_LAYOUTS_KEPT = 8


def _layout(atoms: pd.DataFrame, groupings: Sequence[Grouping]) -> _Layout:
    """The layout of these atoms (their key columns; one row per atom) and groupings, kept for the last few
    atom sets: every variable of a publication whose companies fill the same atoms has the same layout."""
    names = sorted({c for g in groupings for c in g})
    rows = pd.util.hash_pandas_object(atoms[names], index=False).to_numpy() if names else np.zeros(0)
    key = (tuple(tuple(g) for g in groupings), repr(len(atoms)).encode() + rows.tobytes())
    layout = _LAYOUTS.get(key)
    if layout is None:
        layout = _Layout(atoms, groupings)
        while len(_LAYOUTS) >= _LAYOUTS_KEPT:
            _LAYOUTS.pop(next(iter(_LAYOUTS)))
        _LAYOUTS[key] = layout
    return layout


class _Cells:
    """The cells of a publication (:class:`_Layout`) with the counts of one variable: ``counts`` per atom,
    ``n`` per cell."""

    def __init__(
        self, atoms: pd.DataFrame, count: str, groupings: Sequence[Grouping], layout: _Layout | None = None
    ) -> None:
        layout = layout or _layout(atoms, groupings)
        self.groupings = layout.groupings
        self.grouping_of = layout.grouping_of
        self.keys = layout.keys
        self.key_names = layout.key_names
        self.atom_keys = layout.atom_keys
        self.index = layout.index
        self.matrix = layout.matrix
        self.digest = layout.digest
        self.lines = layout.lines
        self.lines_of = layout.lines_of
        self.wide = layout.wide
        self.counts = atoms[count].to_numpy(dtype=float) if layout.n_atoms else np.zeros(0)
        self.n = self.matrix @ self.counts if layout.n_atoms else np.zeros(len(self.keys))

    def order(self, cell: int) -> tuple[float, int, str]:
        return (self.n[cell], self.grouping_of[cell], repr(self.keys[cell]))

    def shown(self, sup: Mapping[int, str]) -> list[int]:
        return [c for c in range(len(self.keys)) if c not in sup and self.n[c] > 0]

    def atom_name(self, atom: int) -> str:
        return f"{dict(zip(self.key_names, self.atom_keys[atom], strict=True))}"


def _apply_line_rule(cells: _Cells, sup: dict[int, str], k: int) -> bool:
    changed = False
    again = True
    while again:
        again = False
        for parent, children in cells.lines:
            hidden = [c for c in children if c in sup]
            if parent in sup:
                need = not hidden
            else:
                need = bool(hidden) and (len(hidden) < 2 or sum(cells.n[c] for c in hidden) < k)
            if not need:
                continue
            shown = [c for c in children if c not in sup and cells.n[c] > 0]
            if shown:  # the smallest shown part is withheld too
                sup[min(shown, key=cells.order)] = COMPLEMENTARY
                changed = again = True
    return changed


def exposed(cells: _Cells, sup: Mapping[int, str]) -> list[int]:
    """Suppressed cells whose count is a linear combination of the shown cells (exactly recoverable).

    A hidden cell's 0/1 row ``x`` over the atoms is such a combination exactly when its projection onto the row
    space of the shown cells keeps its length: ``|x|² = |Qᵀx|²`` with ``Q`` an orthonormal basis of that row
    space (:func:`_row_basis`, from the small Gram matrix of the shown cells).
    """
    hidden = [c for c in sup if cells.n[c] > 0]
    shown = cells.shown(sup)
    if not hidden or not shown:
        return []
    h = cells.matrix[hidden]
    projected = ((h @ _row_basis(cells, shown)) ** 2).sum(axis=1)
    length = (h**2).sum(axis=1)
    return [c for c, p, n in zip(hidden, projected, length, strict=True) if n - p < 1e-6 * max(1.0, n)]


_BASES: dict[tuple[bytes, tuple[int, ...]], np.ndarray] = {}
_BASES_KEPT = 4


def _row_basis(cells: _Cells, shown: list[int]) -> np.ndarray:
    """An orthonormal basis (atoms × rank) of the row space of the shown cells (:func:`_orthonormal_rows`).
    Kept for the last few patterns, because every variable of a publication with the same groups and the same
    shown cells has the same row space."""
    key = (cells.digest, tuple(shown))
    basis = _BASES.get(key)
    if basis is None:
        basis = _orthonormal_rows(cells.matrix[shown], cells.wide[shown])
        while len(_BASES) >= _BASES_KEPT:
            _BASES.pop(next(iter(_BASES)))
        _BASES[key] = basis
    return basis


def _eigen_basis(a: np.ndarray) -> np.ndarray:
    """An orthonormal basis (columns × rank) of the row space of ``a``: ``Aᵀ V diag(w)^-½`` from the
    eigendecomposition ``A Aᵀ = V diag(w) Vᵀ``, dropping the zero eigenvalues."""
    if not len(a):
        return np.zeros((a.shape[1], 0))
    w, v = np.linalg.eigh(a @ a.T)
    keep = w > _TOL * max(1.0, float(w[-1]))
    return a.T @ (v[:, keep] / np.sqrt(w[keep]))


def _orthonormal_rows(a: np.ndarray, wide: np.ndarray) -> np.ndarray:
    """An orthonormal basis (columns × rank) of the row space of the 0/1 rows ``a``, in blocks.

    The cells of one network (its total, its sectors, its size classes) share no atom with those of another, so
    these rows split into small blocks that are decomposed one by one (:func:`_eigen_basis`); the ``wide`` rows
    (cells across networks: a round, a sector, a size class) are added last, with what the blocks span
    projected out. The same row space as one decomposition of all rows, at a fraction of the cost: for 100,000
    companies in 60 networks, 900 cells in one eigendecomposition take about 0.2 s, in blocks about 0.02 s."""
    narrow = np.flatnonzero(~wide)
    parts: list[np.ndarray] = []
    if len(narrow):
        rows = a[narrow]
        for block in _blocks(rows):
            cols = np.flatnonzero((rows[block] != 0).any(axis=0))
            sub = _eigen_basis(rows[np.ix_(block, cols)])
            full = np.zeros((a.shape[1], sub.shape[1]))
            full[cols] = sub
            parts.append(full)
    q = np.hstack(parts) if parts else np.zeros((a.shape[1], 0))
    if wide.any():
        rest = a[wide]
        rest = rest - (rest @ q) @ q.T  # what the blocks do not span yet
        q = np.hstack([q, _eigen_basis(rest)])
    return q


def _rref(m: np.ndarray) -> np.ndarray:
    """Reduced row echelon form (rows of a basis, so all independent): each row has a 1 in its own pivot
    column, where all other rows have 0."""
    m = m.copy()
    r = 0
    for c in range(m.shape[1]):
        if r == len(m):
            break
        p = r + int(np.argmax(np.abs(m[r:, c])))
        if abs(m[p, c]) < 1e-7:
            continue
        m[[r, p]] = m[[p, r]]
        m[r] /= m[r, c]
        others = np.arange(len(m)) != r
        m[others] -= np.outer(m[others, c], m[r])
        r += 1
    m[np.abs(m) < _TOL] = 0.0
    return m[:r]


def _blocks(b: np.ndarray) -> list[np.ndarray]:
    """Rows of ``b`` (their indices) grouped so that rows of different groups never share a column."""
    parent = list(range(len(b)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for col in (b != 0).T:
        rows = np.flatnonzero(col)
        for r in rows[1:]:
            parent[find(int(r))] = find(int(rows[0]))
    out: dict[int, list[int]] = {}
    for i in range(len(b)):
        out.setdefault(find(i), []).append(i)
    return [np.array(block) for block in out.values()]


def _zero_one_vectors(b: np.ndarray, counts: np.ndarray, k: int, limit: int) -> list[np.ndarray]:
    """0/1 vectors in the span of the reduced rows ``b`` holding 1 to k-1 companies (``counts`` per column).

    A 0/1 vector of the span is the sum of the rows whose pivot it contains, and it holds at least one company
    per pivot, so sums of at most k-1 rows are enough. Beyond ``limit`` combinations the whole block is
    returned as suspect (the caller then suppresses more until the block is small)."""
    d = len(b)
    top = min(k - 1, d)
    if sum(math.comb(d, j) for j in range(1, top + 1)) > limit:
        return [np.abs(b).sum(axis=0) > 0]
    found: list[np.ndarray] = []
    for j in range(1, top + 1):
        combos = np.fromiter(
            (i for c in combinations(range(d), j) for i in c), dtype=np.intp, count=math.comb(d, j) * j
        ).reshape(-1, j)
        for start in range(0, len(combos), 20_000):
            x = b[combos[start : start + 20_000]].sum(axis=1)
            r = np.rint(x)
            ok = (np.abs(x - r) < 1e-6).all(axis=1) & ((r == 0) | (r == 1)).all(axis=1)
            n = r @ counts
            ok &= (n >= 1) & (n < k)
            found += [r[i] > 0.5 for i in np.flatnonzero(ok)]
    return found


def residual_groups(cells: _Cells, sup: Mapping[int, str], k: int, limit: int | None = None) -> list[np.ndarray]:
    """Sets of atoms holding 1 to k-1 companies whose count (and so sum) can be computed from the shown cells,
    as arrays of atom indices.

    Such a set is a 0/1 vector over the atoms that lies in the row space of the shown cells and uses only
    atoms with fewer than k companies. The vectors of the row space that live on those atoms form a subspace
    (the eigenvectors of eigenvalue 1 of the projector's block on them); in reduced row echelon form, every
    0/1 vector of it is a sum of at most k-1 basis rows, and rows that share no atom are searched separately.
    A block too large to search within ``limit`` combinations (default :data:`RESIDUAL_SEARCH_LIMIT`) is
    returned whole, as if it were such a group, so that more is suppressed until it can be searched.
    """
    limit = RESIDUAL_SEARCH_LIMIT if limit is None else limit
    small = np.flatnonzero((cells.counts > 0) & (cells.counts < k))
    shown = cells.shown(sup)
    if not len(small) or not shown:
        return []
    q = _row_basis(cells, shown)[small]  # q qᵀ: the block of the projector onto the row space on the small atoms
    if len(small) <= q.shape[1]:
        w, v = np.linalg.eigh(q @ q.T)
        basis = v[:, w > 1 - 1e-7].T
    else:  # the same eigenvectors (eigenvalue 1) from the smaller matrix qᵀ q
        w, v = np.linalg.eigh(q.T @ q)
        basis = (q @ v[:, w > 1 - 1e-7]).T
    if not len(basis):
        return []
    b = _rref(basis)
    found: list[np.ndarray] = []
    for rows in _blocks(b):
        cols = np.flatnonzero(np.abs(b[rows]).sum(axis=0) > 0)
        for mask in _zero_one_vectors(b[np.ix_(rows, cols)], cells.counts[small[cols]], k, limit):
            found.append(small[cols[mask]])
    return found


def _in_row_space(cells: _Cells, sup: Mapping[int, str], atoms: np.ndarray) -> bool:
    shown = cells.shown(sup)
    if not shown:
        return False
    projected = float((_row_basis(cells, shown)[atoms].sum(axis=0) ** 2).sum())
    return abs(projected - len(atoms)) < 1e-6 * max(1, len(atoms))


def _fix_residual(cells: _Cells, sup: dict[int, str], atoms: np.ndarray) -> bool:
    """Suppress one more cell for a residual group: the smallest shown cell overlapping it whose suppression
    takes the group out of reach, else the smallest overlapping cell."""
    overlap = cells.matrix[:, atoms].sum(axis=1)
    cand = sorted((c for c in cells.shown(sup) if overlap[c] > 0), key=cells.order)
    if not cand:
        return False
    for c in cand[:5]:
        if not _in_row_space(cells, {**sup, c: COMPLEMENTARY}, atoms):
            sup[c] = COMPLEMENTARY
            return True
    sup[cand[0]] = COMPLEMENTARY
    return True


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


@_one_blas_thread
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
    return _suppress_parts(_parts(atoms, count, gs), count, gs, k, initial or {}, initial_audited)


@dataclass
class _Part:
    """The atoms of one round with companies (key columns and the count), where they came from in the atoms
    given (``rows``; None when atoms with the same keys were summed) and their layout once known."""

    atoms: pd.DataFrame
    rows: np.ndarray | None
    layout: _Layout | None = None


def _parts(atoms: pd.DataFrame, count: str, gs: list[Grouping]) -> list[_Part]:
    """The atoms with companies, summed per finest group, one part per round: rounds never share a company, so
    each round is its own, smaller problem."""
    keys = sorted({c for g in gs for c in g})
    rows: np.ndarray | None = np.flatnonzero(atoms[count].to_numpy() > 0)
    atoms = atoms.iloc[rows].reset_index(drop=True)
    if keys:
        where = pd.Series(rows, index=atoms.index, name="_row")
        grouped = atoms.assign(_row=where).groupby(keys, sort=True, dropna=False)
        summed = grouped.agg(**{count: (count, "sum"), "_row": ("_row", "first")})
        rows = summed["_row"].to_numpy() if len(summed) == len(atoms) else None  # None: atoms were summed
        atoms = summed.drop(columns="_row").reset_index()
    split = [c for c in FIXED_KEYS if gs and all(c in g for g in gs)]
    groups = atoms.groupby(split, sort=True) if split and len(atoms) else [((), atoms)]
    return [
        _Part(part.reset_index(drop=True), None if rows is None else rows[part.index.to_numpy()]) for _, part in groups
    ]


def _suppress_parts(
    parts: list[_Part],
    count: str,
    gs: list[Grouping],
    k: int,
    initial: Mapping[Grouping, Mapping[CellKey, str]],
    initial_audited: bool,
) -> Suppressed:
    out: Suppressed = {g: {} for g in gs}
    for part in parts:
        part.layout = part.layout or _layout(part.atoms, gs)
        found = _suppress_part(part.atoms, count, gs, k, initial, initial_audited, part.layout)
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
    layout: _Layout | None = None,
) -> Suppressed:
    cells = _Cells(atoms, count, gs, layout)
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
            at = cells.index.get((gi, tuple(key)))
            if at is not None:
                given.add(at)
                sup.setdefault(at, why)
    for _ in range(len(cells.keys) + 1):
        _apply_line_rule(cells, sup, k)
        if not (initial_audited and set(sup) == given):
            bad = exposed(cells, sup)
            if bad:
                if _fix_exposed(cells, sup, bad):
                    continue
                break
        residual = residual_groups(cells, sup, k)
        if not residual or not _fix_residual(cells, sup, residual[0]):
            break
    out: Suppressed = {g: {} for g in gs}
    for ci, why in sup.items():
        out[gs[cells.grouping_of[ci]]][cells.keys[ci]] = why
    return out


@_one_blas_thread
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
    for atoms_ in residual_groups(cells, sup, k):
        n = int(cells.counts[atoms_].sum())
        problems.append(
            f"the residual group {' + '.join(cells.atom_name(a) for a in atoms_)} ({n} companies) "
            "can be worked out from the shown cells"
        )
    return problems


def count_atoms(df: pd.DataFrame, keys: Sequence[str], variable: str | None = None) -> pd.DataFrame:
    """Companies per finest group of ``keys`` (column ``count``); with ``variable``, only those with a value."""
    keys = list(keys)
    if not keys:
        n = len(df) if variable is None else int(df[variable].notna().sum())
        return pd.DataFrame({"count": [n]})
    g = df.groupby(keys, sort=True, observed=True, dropna=False)
    counts = g.size() if variable is None else g[variable].count()
    return counts.rename("count").reset_index()


def _atom_counts(df: pd.DataFrame, keys: Sequence[str], variables: Sequence[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """:func:`count_atoms` for the companies and for every variable in one pass: the atoms (``keys`` and
    ``count``) and the companies with a value per atom (rows) and variable (columns)."""
    valid = df[list(variables)].notna().to_numpy() if variables else np.zeros((len(df), 0), dtype=bool)
    if not keys:
        return pd.DataFrame({"count": [len(df)]}), valid.sum(axis=0, keepdims=True).astype(np.int64)
    group, atoms = GroupKeys(df, keys).groups(keys)
    n = len(atoms)
    atoms["count"] = np.bincount(group, minlength=n).astype(np.int64)
    per_variable = np.zeros((n, valid.shape[1]), dtype=np.int64)
    for j in range(valid.shape[1]):
        per_variable[:, j] = np.bincount(group, weights=valid[:, j], minlength=n)
    return atoms, per_variable


@dataclass(frozen=True)
class Protection:
    """What :func:`protect` decided for one publication: the groups withheld as a whole (``cells``: their
    count ``n`` too) and, per variable, the groups whose figures of that variable are withheld."""

    groupings: tuple[Grouping, ...]
    cells: Suppressed
    figures: dict[str, Suppressed]
    min_group_size: int

    def status(self, grouping: Grouping, key: CellKey, variable: str | None = None) -> str:
        """``shown``, ``primary`` or ``complementary`` for one group (and one variable's figures)."""
        why = self.cells.get(grouping, {}).get(key)
        if why is None and variable is not None:
            why = self.figures[variable].get(grouping, {}).get(key)
        return why or SHOWN

    def cell_shown(self, grouping: Grouping, key: CellKey) -> bool:
        return self.cells.get(grouping, {}).get(key) is None

    def statuses(
        self, grouping: Grouping, keys: Sequence[CellKey], variables: Sequence[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`status` for many groups and variables at once: whether each group is withheld as a whole,
        and the status of each group (rows) and variable (columns). Only the withheld cells are visited."""
        where = {tuple(key): i for i, key in enumerate(keys)}
        status = np.full((len(keys), len(variables)), SHOWN, dtype=object)
        hidden = np.zeros(len(keys), dtype=bool)
        for key, why in self.cells.get(grouping, {}).items():
            i = where.get(tuple(key))
            if i is not None:
                hidden[i] = True
                status[i, :] = why
        for j, v in enumerate(variables):
            marked = self.figures[v]
            if marked is self.cells:
                continue
            for key, why in marked.get(grouping, {}).items():
                i = where.get(tuple(key))
                if i is not None and not hidden[i]:
                    status[i, j] = why
        return hidden, status


@_one_blas_thread
def protect(
    df: pd.DataFrame,
    groupings: Sequence[Sequence[str]],
    variables: Sequence[str] = (),
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    initial: Mapping[Grouping, Mapping[CellKey, str]] | None = None,
) -> Protection:
    """The disclosure step every published table passes through.

    ``df`` has one row per company (and round) with the group keys and one column per published variable
    (NaN where a company has no value: it does not contribute). ``groupings`` are the tables published
    (their margins are protected too). ``initial`` marks groups withheld in any case, e.g. the pattern of the
    group tables when protecting the agenda of the same output. Rules 1-5 of the module docstring.
    """
    k = check_min_group_size(min_group_size)
    every = margins(groupings)
    keys = sorted({c for g in every for c in g})
    atoms, per_variable = _atom_counts(df, keys, variables)
    try:
        parts = _parts(atoms, "count", every)
        cells = _suppress_parts(parts, "count", every, k, initial or {}, False)
        figures: dict[str, Suppressed] = {}
        base = atoms["count"].to_numpy()
        for j, v in enumerate(variables):
            counts = per_variable[:, j]
            if (counts == base).all():
                figures[v] = cells
                continue
            same_cells = bool(((counts > 0) == (base > 0)).all())
            if same_cells and all(p.rows is not None for p in parts):  # the same atoms and layouts, other counts
                parts_v = [_Part(p.atoms.assign(count=counts[p.rows]), p.rows, p.layout) for p in parts]
            else:
                parts_v = _parts(atoms.assign(count=counts), "count", every)
            figures[v] = _suppress_parts(parts_v, "count", every, k, cells, same_cells)
    finally:
        _BASES.clear()  # shared by the variables of this publication only
        _LAYOUTS.clear()
    return Protection(tuple(every), cells, figures, k)
