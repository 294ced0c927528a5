"""Stage 3: report HTML -> PDF with headless Chromium (Debian's), driven over its DevTools pipe.

:class:`PdfPrinter` owns one browser and prints many documents. With ``reuse_page=True`` (the default) it keeps
one page with plotly.js already loaded and, for each further report, swaps in the new body and redraws the
charts (``window.tkSwapReport``), which saves loading plotly.js (1.5 MB) for every report. Every print waits until
the template's script reports that all charts have drawn (``window.tkChartsDone``) and fails loudly when a chart
did not draw, so a PDF never silently lacks its charts. PDFs are tagged (accessible structure) and carry a
document outline built from the headings (h1 the company / "Anhang", h2 the sections, h3 their blocks).

The browser is spoken to directly (:mod:`toolkit.rendering.chromium`), without Playwright's Node.js driver: one
process less per worker (about 100 MB and half a second of start-up). The page runs offline (no network, and
the document's Content-Security-Policy allows only the toolkit's own two scripts).
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import RenderError
from toolkit.rendering.export import ReportDocument, shell_document

log = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-software-rasterizer",  # nor a software GPU: the GPU process stays small (PDFs the same to the pixel)
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # no spare renderer kept for the next site, no omnibox popup page for the browser window headless mode makes:
    # neither prints anything, together about 15 MB of every worker's memory
    "--disable-features=SpareRendererForSitePerProcess,WebUIOmniboxPopup",
]
# Conditions to wait for, checked inside the page by a promise that polls them: DevTools evaluations are not
# subject to the document's Content-Security-Policy, but the polling must not use eval() either.
CHARTS_DONE = "window.tkChartsDone === true"
SWAP_READY = "window.tkChartsDone === true && typeof window.tkSwapReport === 'function'"
A4_VIEWPORT = {"width": 794, "height": 1123}
A4_INCHES = {"paperWidth": 8.27, "paperHeight": 11.7}
# a page evaluated while a navigation replaces its document: wait for the new document and ask again
_NAVIGATING = ("context was destroyed", "Cannot find default execution context", "Inspected target navigated")


@dataclass
class PrinterStats:
    printed: int = 0
    page_loads: int = 0
    swaps: int = 0


@dataclass
class _Page:
    context: str  # browser context id (its own cookies, storage, cache)
    target: str
    session: str


class PdfPrinter:
    """One headless Chromium that prints many report documents to PDF (context manager)."""

    def __init__(
        self,
        executable_path: str | os.PathLike[str] | None = None,
        *,
        reuse_page: bool = True,
        recycle_after: int = 200,
        timeout_s: float = 60.0,
    ) -> None:
        self.executable_path = str(executable_path or os.environ.get("TOOLKIT_CHROMIUM") or CHROMIUM)
        self.reuse_page = reuse_page
        self.recycle_after = max(1, recycle_after)
        self.timeout_s = timeout_s
        self.stats = PrinterStats()
        self._browser: Any = None  # toolkit.rendering.chromium.Chromium
        self._page: _Page | None = None
        self._page_prints = 0
        self._folder: Path | None = None  # the shell page and documents loaded whole
        self._shell: Path | None = None
        self._failed = False  # a print failed inside Chromium: the browser is not trusted with another document
        self._opened = 0.0
        self._preloading: threading.Thread | None = None
        self._preload_error: Exception | None = None

    # ---- lifecycle ---------------------------------------------------------------------------------------------
    def __enter__(self) -> PdfPrinter:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(wait=False)

    def open(self) -> None:
        if self._browser is not None:
            return
        if not Path(self.executable_path).exists():
            raise RenderError(
                None,
                "pdf",
                f"Chromium not found at {self.executable_path}; install Debian's chromium (apt-get install chromium) "
                "or set TOOLKIT_CHROMIUM to the browser binary",
            )
        from toolkit.rendering.chromium import Chromium, ChromiumError

        try:  # returns at once: Chromium comes up while the caller goes on (the first command waits for it)
            self._browser = Chromium(self.executable_path, CHROMIUM_ARGS, start_timeout=self.timeout_s)
        except ChromiumError as exc:
            raise RenderError(None, "pdf", str(exc)) from exc
        self._opened = time.perf_counter()

    def alive(self) -> bool:
        """Whether the browser is up and trusted: False once it crashed, was killed or failed inside a print."""
        return self._browser is not None and not self._failed and bool(self._browser.alive())

    def restart(self) -> None:
        """A new browser in place of a dead or failed one (with the warm page loading again when reused)."""
        self.close()
        self.open()
        self.preload()

    def close(self, wait: bool = True) -> None:
        """Quit the browser. ``wait=False`` (leaving a ``with`` block) lets Chromium take its few tenths of a
        second to quit while the caller goes on; the interpreter waits for that before it exits."""
        with contextlib.suppress(Exception):
            self._preloaded()
        self._failed = False
        self._drop_page()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = self._shell = None
        browser, self._browser = self._browser, None
        if browser is None:
            return
        if wait:
            browser.close()
        else:
            threading.Thread(target=browser.close, name="tk-chromium-close").start()

    def _call(self, method: str, params: dict[str, Any] | None = None, *, page: bool = True) -> Any:
        assert self._browser is not None
        session = self._page.session if page and self._page is not None else None
        return self._browser.call(method, params, session=session, timeout=self.timeout_s)

    def _drop_page(self) -> None:
        page, self._page = self._page, None
        self._page_prints = 0
        if page is None or self._browser is None or not self._browser.alive():
            return
        with contextlib.suppress(Exception):  # a browser that fails here is restarted before the next document
            self._browser.call("Target.disposeBrowserContext", {"browserContextId": page.context}, timeout=10)

    def _new_page(self) -> _Page:
        self._drop_page()
        if self._browser is None:
            self.open()
        if not self._browser.answered:
            self._browser.ready()
            log.info("Chromium started in %.2f s", time.perf_counter() - self._opened)
        context = self._call("Target.createBrowserContext", {"disposeOnDetach": True}, page=False)
        context_id = context["browserContextId"]
        target = self._call("Target.createTarget", {"url": "about:blank", "browserContextId": context_id}, page=False)
        attached = self._call("Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False)
        self._page = _Page(context_id, target["targetId"], attached["sessionId"])
        self._call("Inspector.enable")  # tells when the page crashes
        self._call("Network.enable")
        offline = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
        self._call("Network.emulateNetworkConditions", offline)
        self._call("Emulation.setDeviceMetricsOverride", {**A4_VIEWPORT, "deviceScaleFactor": 1, "mobile": False})
        return self._page

    def _file(self, name: str, text: str) -> Path:
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="tk-printer-"))
        path = self._folder / name
        path.write_text(text, encoding="utf-8")
        return path

    def preload(self) -> None:
        """Start loading an empty report page with plotly.js and return at once: Chromium starts and parses
        plotly.js (about half a second) while the caller does other work, e.g. runs the notebook. The next print
        waits for it. Only with ``reuse_page``."""
        if not self.reuse_page or self._page is not None or self._preloading is not None:
            return
        if self._browser is None:
            self.open()
        self._preloading = threading.Thread(target=self._preload, name="tk-printer-preload", daemon=True)
        self._preloading.start()

    def _preload(self) -> None:
        try:
            if self._shell is None:  # built here, too: the first one in a process imports nbconvert
                self._shell = self._file("shell.html", shell_document().standalone())
            self._new_page()
            self._call("Page.navigate", {"url": self._shell.as_uri()})  # answers once the navigation started
            self.stats.page_loads += 1
        except Exception as exc:  # raised again by the print that needs the page
            self._preload_error = exc

    def _preloaded(self) -> None:
        """Wait for a preload in progress; its failure is this print's."""
        thread, self._preloading = self._preloading, None
        if thread is None:
            return
        thread.join()
        error, self._preload_error = self._preload_error, None
        if error is not None:
            raise error

    # ---- printing ----------------------------------------------------------------------------------------------
    def print_pdf(self, doc: ReportDocument, *, fresh: bool = False) -> bytes:
        """The PDF of ``doc`` as bytes, after every chart has drawn. ``fresh`` loads the whole document into a new
        page even when the printer reuses pages (a warm page is then started from this document)."""
        from toolkit.rendering.chromium import ChromiumError

        try:
            self._preloaded()
            result = self._show_warm(doc) if self.reuse_page and not fresh else self._show_fresh(doc)
            self._check_charts(doc, result)
            printed = self._call(
                "Page.printToPDF",
                {
                    **A4_INCHES,
                    "preferCSSPageSize": True,
                    "printBackground": True,  # the footer is in the page's own CSS (page_footer_css)
                    "marginTop": 0,
                    "marginBottom": 0,
                    "marginLeft": 0,
                    "marginRight": 0,
                    "generateTaggedPDF": True,  # a structure tree (headings, tables, lists) that screen readers follow
                    "generateDocumentOutline": True,  # bookmarks from the headings, so viewers jump to each section
                },
            )
            pdf = base64.b64decode(printed["data"])
        except RenderError:
            self._drop_page()
            raise
        except ChromiumError as exc:
            self._failed = True  # crashed, killed or stuck: restart() before the next document
            self._drop_page()
            raise RenderError(doc.company_id, "pdf", f"Chromium could not print the report: {exc}") from exc
        finally:
            if not self.reuse_page:
                self._drop_page()
        self.stats.printed += 1
        self._page_prints += 1
        return pdf

    def _evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (awaited when it is a promise)."""
        from toolkit.rendering.chromium import ChromiumError

        reply = self._call("Runtime.evaluate", {"expression": expression, "awaitPromise": True, "returnByValue": True})
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            text = (details.get("exception") or {}).get("description") or details.get("text") or "error"
            raise ChromiumError(f"the page's script failed: {text}")
        return reply.get("result", {}).get("value")

    def _wait_for(self, condition: str) -> None:
        """Wait until ``condition`` holds in the page, also across the navigation that loads its document."""
        from toolkit.rendering.chromium import ChromiumError

        poll = f"new Promise(ok => {{ const check = () => ({condition}) ? ok(true) : setTimeout(check, 5); check(); }})"
        deadline = time.monotonic() + self.timeout_s
        while True:
            try:
                self._evaluate(poll)
                return
            except ChromiumError as exc:
                if not any(m in str(exc) for m in _NAVIGATING) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def _show_fresh(self, doc: ReportDocument) -> dict[str, Any]:
        self._new_page()
        self._call("Page.navigate", {"url": self._file("document.html", doc.standalone()).as_uri()})
        self.stats.page_loads += 1
        self._wait_for(CHARTS_DONE)
        return dict(self._evaluate("({count: window.tkChartCount, errors: window.tkChartErrors})"))

    def _show_warm(self, doc: ReportDocument) -> dict[str, Any]:
        if self._page is None or self._page_prints >= self.recycle_after:
            return self._show_fresh(doc)
        payload = {"body": doc.body(), "lang": doc.lang, "title": doc.title, "css": None, "page": doc.page_css}
        # a preloaded page may still be parsing plotly.js: wait until its own first drawing pass is over
        self._wait_for(SWAP_READY)
        result = self._evaluate(f"window.tkSwapReport({json.dumps(payload, ensure_ascii=False)})")
        self.stats.swaps += 1
        return dict(result)

    def _check_charts(self, doc: ReportDocument, result: dict[str, Any]) -> None:
        errors = list(result.get("errors") or [])
        expected = doc.chart_count
        if errors or result.get("count") != expected:
            detail = "; ".join(errors) or f"{result.get('count')} of {expected} charts found"
            raise RenderError(doc.company_id, "pdf", f"charts did not draw: {detail}")


def print_document(doc: ReportDocument, printer: PdfPrinter | None = None) -> bytes:
    """Print one document with the given printer, or with a browser started (and closed) for it alone."""
    if printer is not None:
        return printer.print_pdf(doc)
    with PdfPrinter(reuse_page=False) as own:
        return own.print_pdf(doc)
