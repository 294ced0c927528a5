"""Render sessions for the worker-pool tests: they misbehave on purpose for chosen companies."""

from __future__ import annotations

import os
import time
from pathlib import Path

from toolkit.batch.jobs import Job


class FakeSession:
    def __init__(self) -> None:
        self.pid = os.getpid()

    def render(self, job: Job) -> tuple[Path, Path]:
        if job.company_id == "dies":
            os._exit(3)  # a hard crash, like a kernel or browser taking the worker down
        if job.company_id == "hangs":
            time.sleep(3600)
        if job.company_id == "raises":
            raise RuntimeError("the notebook raised ValueError: broken figure")
        out = Path(job.out_dir) / f"{job.company_id}.txt"
        out.write_text(f"{job.company_id} rendered by {self.pid}")
        return out, out

    def recover(self) -> None:
        pass

    def close(self) -> None:
        pass


class BrokenStartSession:
    def __init__(self) -> None:
        raise RuntimeError("Chromium not found")
