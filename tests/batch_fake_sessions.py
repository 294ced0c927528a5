"""Render sessions for the worker-pool tests: they misbehave on purpose for chosen companies.

"Once" faults happen on a company's first try only (a marker file in the job's out_dir remembers it across
worker processes), so the one retry the pool grants must succeed.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import ClassVar

from toolkit.batch.jobs import Job


def _first_time(job: Job, fault: str) -> bool:
    marker = Path(job.out_dir) / f".{job.company_id}.{fault}"
    if marker.exists():
        return False
    marker.write_text(str(os.getpid()))
    return True


class FakeSession:
    def __init__(self) -> None:
        self.pid = os.getpid()
        self.browser_dead = False
        self.broken = False
        self.out_dir: str | None = None

    def render(self, job: Job) -> tuple[Path, Path]:
        cid = job.company_id
        self.out_dir = job.out_dir
        if cid == "slow":
            time.sleep(2)
        if cid == "dies" or (cid == "dies-once" and _first_time(job, "dies")):
            os._exit(3)  # a hard crash, like a kernel or browser taking the worker down
        if cid == "hangs":
            time.sleep(3600)
        if cid == "raises":
            raise RuntimeError("the notebook raised ValueError: broken figure")
        if cid == "browser-dies" or (cid == "browser-dies-once" and _first_time(job, "browser")):
            self.browser_dead = True
            raise RuntimeError("Chromium could not print the report: Target page, context or browser has been closed")
        if cid == "unrestartable-once" and _first_time(job, "unrestartable"):
            self.browser_dead = self.broken = True
            raise RuntimeError("Chromium could not print the report: Browser closed")
        out = Path(job.out_dir) / f"{cid}.txt"
        out.write_text(f"{cid} rendered by {self.pid}")
        return out, out

    def recover(self) -> list[str]:
        if self.broken:
            raise RuntimeError("Chromium did not start")
        restarted = ["browser"] if self.browser_dead else []
        self.browser_dead = False
        return restarted

    def close(self) -> None:
        if self.out_dir is not None:  # when it stopped, for the tests of the pool's end
            (Path(self.out_dir) / f".closed-{self.pid}").write_text(str(time.time()))


class SlowStartSession(FakeSession):
    """Takes half a second to start, like a kernel and a browser; records the options of each one started."""

    started: ClassVar[list[dict[str, str | None]]] = []

    def __init__(self, **options: str | None) -> None:
        time.sleep(0.5)
        super().__init__()
        SlowStartSession.started.append(options)


class BrokenStartSession:
    def __init__(self) -> None:
        raise RuntimeError("Chromium not found")


class WritesThenStalls:
    """Writes each company's PDF and scorecard under their final names, as the real session does; for the company
    'stalls' it then never reports back, like a worker stopped between writing a PDF and reporting it. The company
    'fails' fails. Takes the options a batch passes to the real session (the questionnaire and factor table)."""

    def __init__(self, **options: str | None) -> None:
        self.options = options

    def render(self, job: Job) -> tuple[Path, Path]:
        from toolkit.atomic import atomic_write_bytes, atomic_write_text
        from toolkit.batch.jobs import OutputNamer

        if job.company_id == "fails":
            raise RuntimeError("the notebook raised ValueError: broken figure")
        pdf, card = OutputNamer()(Path(job.out_dir), job.company_id, job.lang)
        atomic_write_text(card, "{}\n")
        atomic_write_bytes(pdf, b"%PDF-1.4\n% a stand-in report\n%%EOF\n")
        if job.company_id == "stalls":
            time.sleep(3600)
        return pdf, card

    def recover(self) -> list[str]:
        return []

    def close(self) -> None:
        pass
