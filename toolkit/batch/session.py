"""A warm render session: one kernel and one headless Chromium, reused for every report of a worker."""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from toolkit.batch.jobs import Job


def _warm_up(questionnaire: str | None, factors: str | None) -> None:
    """What every report needs first, made ready while the kernel and the browser start (otherwise a worker's
    first job would spend a second on it): the report modules, papermill's parameter injection, the nbconvert
    exporter, the questionnaire and the factor table. A failure here is left to the job that needs the part, which
    reports it with its location."""
    with contextlib.suppress(Exception):
        from toolkit.rendering.execute import import_papermill_lean

        import_papermill_lean()  # first: nothing else may import papermill with pyarrow before

        from toolkit.definitions.factors import load_factors
        from toolkit.definitions.loader import load_questionnaire
        from toolkit.definitions.paths import DEFAULT_QUESTIONNAIRE
        from toolkit.rendering.export import _exporter
        from toolkit.report.render import render_report  # noqa: F401  # with the view, scoring and parsing

        _exporter()  # the exporter and its template environment, built once
        load_questionnaire(questionnaire or DEFAULT_QUESTIONNAIRE)
        load_factors(factors)


def _kernel_warm_up(questionnaire: str | None) -> Any:
    """A one-cell notebook that imports the report's modules into the kernel and loads the questionnaire there,
    so that a worker's first report takes no longer than the others (the next run's reset keeps modules and
    caches, and drops the names)."""
    import nbformat

    from toolkit.definitions.paths import DEFAULT_QUESTIONNAIRE

    path = str(Path(questionnaire or DEFAULT_QUESTIONNAIRE).resolve())
    source = (
        "from toolkit.definitions.loader import load_questionnaire\n"
        "from toolkit.report.view import ReportView\n"
        f"load_questionnaire({path!r});"
    )
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])


class ReportSession:
    """Started once per worker (kernel and browser come up before the first job arrives). ``questionnaire`` and
    ``factors``: the files the batch renders with, loaded ahead (default: the shipped ones)."""

    def __init__(self, questionnaire: str | None = None, factors: str | None = None) -> None:
        from toolkit.rendering.execute import WarmKernel
        from toolkit.rendering.pdf import PdfPrinter

        self.kernel = WarmKernel()
        self.printer = PdfPrinter()
        warming = threading.Thread(target=_warm_up, args=(questionnaire, factors), name="tk-warm-up", daemon=True)
        try:
            self.printer.open()
            self.printer.preload()  # Chromium parses plotly.js while the kernel starts
            warming.start()  # and this process imports and loads what the first report needs
            self.kernel.start()
            with contextlib.suppress(Exception):  # a kernel that failed here is restarted by the first job
                self.kernel.run(_kernel_warm_up(questionnaire))
            warming.join()
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
        """Stop the browser and the kernel, side by side (each takes a tenth of a second or more to quit)."""
        browser = threading.Thread(target=self._close_printer, name="tk-close-browser")
        browser.start()
        with contextlib.suppress(Exception):
            self.kernel.close()
        browser.join()

    def _close_printer(self) -> None:
        with contextlib.suppress(Exception):
            self.printer.close()
