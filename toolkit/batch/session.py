"""A warm render session: one kernel and one headless Chromium, reused for every report of a worker."""

from __future__ import annotations

import contextlib
from pathlib import Path

from toolkit.batch.jobs import Job


class ReportSession:
    """Started once per worker (kernel and browser come up before the first job arrives)."""

    def __init__(self) -> None:
        from toolkit.rendering.execute import WarmKernel
        from toolkit.rendering.export import _exporter
        from toolkit.rendering.pdf import PdfPrinter

        self.kernel = WarmKernel()
        self.printer = PdfPrinter()
        try:
            self.printer.open()
            self.printer.preload()  # Chromium parses plotly.js while the kernel starts
            self.kernel.start()
            _exporter()  # build the nbconvert exporter and its template environment once
        except BaseException:
            self.close()
            raise

    def render(self, job: Job) -> tuple[Path, Path]:
        from toolkit.report.render import render_report

        if not self.printer.alive():  # the browser died between two jobs: a new one before this job needs it
            self.printer.restart()

        result = render_report(
            job.response,
            job.out_dir,
            job.lang,
            job.summary or job.cohort,  # the summary planning read, else its file
            job.questionnaire,
            printer=self.printer,
            kernel=self.kernel,
            factors=job.factors,
            document=job.document,  # the response as planning read and checked it: not read again
        )
        return result.pdf_path, result.scorecard_path

    def recover(self) -> list[str]:
        """After a failed job: restart the kernel and the browser if they died (or the browser failed inside a
        print). Returns what was restarted; the job is then worth one more try."""
        restarted = []
        if not self.kernel.alive():
            self.kernel.close()
            self.kernel.start()
            restarted.append("kernel")
        if not self.printer.alive():
            self.printer.restart()
            restarted.append("browser")
        return restarted

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.printer.close()
        with contextlib.suppress(Exception):
            self.kernel.close()
