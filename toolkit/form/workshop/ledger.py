"""Which form kernel serves which company: at most one each, a hard cap on all, and release of closed tabs.

The server records every kernel it hands to a company and counts the browser connections to it. A new
page of a company replaces that company's kernel; a kernel whose browser went away (tab closed, laptop
asleep, network gone) is released after a short grace, so a participant whose connection merely blinked
keeps working. The ledger itself does no I/O: the server asks it and acts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

CLOSED_GRACE_S = 15.0  # a kernel whose last browser went away is released after this long
FIRST_CONNECT_GRACE_S = 120.0  # a page that never connected (slow room network, aborted load) gets longer


@dataclass
class KernelLedger:
    """Kernel id -> company id, browser connections per kernel, and since when a kernel has had none."""

    max_kernels: int
    owner: dict[str, str] = field(default_factory=dict)
    connections: dict[str, int] = field(default_factory=dict)
    unwatched_since: dict[str, float] = field(default_factory=dict)
    ever_connected: set[str] = field(default_factory=set)

    def assign(self, kernel_id: str, company_id: str, now: float) -> None:
        self.owner[kernel_id] = company_id
        self.connections.setdefault(kernel_id, 0)
        if self.connections[kernel_id] == 0:
            self.unwatched_since[kernel_id] = now

    def forget(self, kernel_id: str) -> None:
        self.owner.pop(kernel_id, None)
        self.connections.pop(kernel_id, None)
        self.unwatched_since.pop(kernel_id, None)
        self.ever_connected.discard(kernel_id)

    def prune(self, live: Iterable[str]) -> None:
        """Forget kernels that no longer run (shut down from the page, culled, crashed)."""
        alive = set(live)
        for kernel_id in [k for k in self.owner if k not in alive]:
            self.forget(kernel_id)

    def kernels_of(self, company_id: str) -> list[str]:
        return [k for k, c in self.owner.items() if c == company_id]

    def companies(self) -> set[str]:
        return set(self.owner.values())

    def at_limit(self, company_id: str, opening: Iterable[str] = ()) -> bool:
        """True when ``company_id`` may not get a kernel: it holds none and the cap is reached."""
        holders = self.companies() | set(opening)
        holders.discard(company_id)
        return len(holders) >= self.max_kernels

    def connect(self, kernel_id: str) -> None:
        self.connections[kernel_id] = self.connections.get(kernel_id, 0) + 1
        self.unwatched_since.pop(kernel_id, None)
        self.ever_connected.add(kernel_id)

    def disconnect(self, kernel_id: str, now: float) -> None:
        left = max(self.connections.get(kernel_id, 0) - 1, 0)
        self.connections[kernel_id] = left
        if left == 0:
            self.unwatched_since[kernel_id] = now

    def unwatched(
        self, now: float, closed_grace: float = CLOSED_GRACE_S, first_grace: float = FIRST_CONNECT_GRACE_S
    ) -> list[str]:
        """Company kernels that no browser has watched for longer than their grace: to be released."""
        out = []
        for kernel_id, since in self.unwatched_since.items():
            if kernel_id not in self.owner:
                continue
            grace = closed_grace if kernel_id in self.ever_connected else first_grace
            if now - since >= grace:
                out.append(kernel_id)
        return out
