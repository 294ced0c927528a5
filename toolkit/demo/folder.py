"""A cohort folder for the notebooks: the responses in it, or the demo networks written there first."""

from __future__ import annotations

from pathlib import Path

from toolkit.cohort.table import Cohort, load_cohort
from toolkit.demo.generator import DEFAULT_SEED, MARKER, generate


def load_or_generate(responses: str | Path, seed: int | None = None, subset: int | None = None) -> Cohort:
    """Load the responses in ``responses``; when the folder does not exist or holds no JSON file, first write
    the demo networks there (``toolkit demo --responses-only``). Demo responses written for an earlier
    questionnaire version (a folder the demo generator wrote, whose files no longer load) are written anew.
    ``subset``: only the first N demo companies of each network."""
    folder = Path(responses)
    seed = DEFAULT_SEED if seed is None else seed
    if not folder.exists() or not any(folder.rglob("*.json")):
        generate(folder, seed=seed, subset=subset)
    cohort = load_cohort(folder)
    if cohort.invalid and (folder / MARKER).exists():
        generate(folder, seed=seed, subset=subset)
        cohort = load_cohort(folder)
    return cohort
