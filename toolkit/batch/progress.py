"""A progress bar for batch rendering: companies done / total, failures, time left."""

from __future__ import annotations

import sys

from tqdm import tqdm

from toolkit.batch.jobs import Outcome


class Progress:
    def __init__(self, total: int, enabled: bool = True) -> None:
        self.failed = 0
        self.bar = tqdm(
            total=total,
            unit="report",
            disable=not enabled,
            file=sys.stderr,
            dynamic_ncols=True,
            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}]{postfix}",
        )
        self.bar.set_postfix_str("0 failed")

    def update(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.failed += 1
            self.bar.set_postfix_str(f"{self.failed} failed", refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()
