"""Stage 3: report HTML -> PDF with headless Chromium (Debian's), through playwright's ``page.pdf``.

:class:`PdfPrinter` owns one browser and prints many documents. With ``reuse_page=True`` (the default) it keeps
one page with plotly.js already loaded and, for each further report, swaps in the new body and redraws the
charts (``window.tkSwapReport``), which saves loading 4.8 MB of plotly.js per report. Every print waits until
the template's script reports that all charts have drawn (``window.tkChartsDone``) and fails loudly when a chart
did not draw, so a PDF never silently lacks its charts. PDFs are tagged (accessible structure) and carry a
document outline built from the headings (h1 the company / "Anhang", h2 the sections, h3 their blocks).

The page runs offline (no network, and the document's Content-Security-Policy allows only the toolkit's own two
scripts). A printer is bound to the thread that opened it: use one per worker thread or process.
"""

from __future__ import annotations

import html
import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.errors import RenderError
from toolkit.i18n import t
from toolkit.rendering.export import ReportDocument, shell_document

log = logging.getLogger(__name__)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Conditions to wait for, as functions: Playwright evaluates a function once and calls it on every poll, while a
# bare expression is evaluated again per poll with eval(), which the document's Content-Security-Policy forbids
# (a print right after preload() then failed whenever the page was not ready at the first check).
CHARTS_DONE = "() => window.tkChartsDone === true"
SWAP_READY = "() => window.tkChartsDone === true && typeof window.tkSwapReport === 'function'"
A4_VIEWPORT = {"width": 794, "height": 1123}
FOOTER_STYLE = (
    "width:100%;margin:0 17mm;font-family:'Source Sans 3','Noto Sans','Liberation Sans',Arial,'DejaVu Sans';"
    "font-size:7pt;color:#6b7280;display:flex;justify-content:space-between;align-items:center;"
    "border-top:0.5pt solid #d1d5db;padding-top:4px;-webkit-print-color-adjust:exact;"
)


def footer_template(doc: ReportDocument) -> str:
    """Chromium's footer: the (escaped) report label and 'Seite X von Y' / 'Page X of Y'."""
    pages = t(
        "core.page_of", doc.lang, page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>'
    )
    return f'<div style="{FOOTER_STYLE}"><span>{html.escape(doc.footer_label)}</span><span>{pages}</span></div>'


@dataclass
class PrinterStats:
    printed: int = 0
    page_loads: int = 0
    swaps: int = 0


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
        self.timeout_ms = timeout_s * 1000
        self.stats = PrinterStats()
        self._pw: Any = None
        self._browser: Any = None
        self._context: Any = None
        self._page: Any = None
        self._page_prints = 0
        self._shell: Path | None = None
        self._failed = False  # a print failed inside Chromium: the browser is not trusted with another document

    # ---- lifecycle ---------------------------------------------------------------------------------------------
    def __enter__(self) -> PdfPrinter:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

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
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        t0 = time.perf_counter()
        self._pw = sync_playwright().start()
        try:
            self._browser = self._pw.chromium.launch(
                executable_path=self.executable_path, args=CHROMIUM_ARGS, headless=True
            )
        except PlaywrightError as exc:
            self.close()
            raise RenderError(None, "pdf", f"Chromium did not start ({self.executable_path}): {exc}") from exc
        log.info("Chromium started in %.2f s", time.perf_counter() - t0)

    def alive(self) -> bool:
        """Whether the browser is up and trusted: False once it crashed, was killed or failed inside a print."""
        return self._browser is not None and not self._failed and bool(self._browser.is_connected())

    def restart(self) -> None:
        """A new browser in place of a dead or failed one (with the warm page loading again when reused)."""
        self.close()
        self.open()
        self.preload()

    def close(self) -> None:
        self._failed = False
        self._drop_page()
        if self._shell is not None:
            shutil.rmtree(self._shell.parent, ignore_errors=True)
            self._shell = None
        try:
            if self._browser is not None:
                self._browser.close()
        except Exception:
            pass
        finally:
            self._browser = None
            if self._pw is not None:
                try:
                    self._pw.stop()
                finally:
                    self._pw = None

    def _drop_page(self) -> None:
        for obj in (self._page, self._context):
            try:
                if obj is not None:
                    obj.close()
            except Exception:
                pass
        self._page = self._context = None
        self._page_prints = 0

    def _new_page(self) -> Any:
        self._drop_page()
        if self._browser is None:
            self.open()
        self._context = self._browser.new_context(
            offline=True, viewport=A4_VIEWPORT, java_script_enabled=True, device_scale_factor=1
        )
        page = self._context.new_page()
        page.set_default_timeout(self.timeout_ms)
        self._page = page
        return page

    def preload(self) -> None:
        """Start loading an empty report page with plotly.js now and return at once: Chromium parses plotly.js
        (about 1.5 s) while the caller does other work, e.g. runs the notebook. Only with ``reuse_page``."""
        if not self.reuse_page or self._page is not None:
            return
        if self._shell is None:  # set_content would wait for the parse; a file navigation returns at commit
            folder = Path(tempfile.mkdtemp(prefix="tk-printer-"))
            self._shell = folder / "shell.html"
            self._shell.write_text(shell_document().standalone(), encoding="utf-8")
        page = self._new_page()
        page.goto(self._shell.as_uri(), wait_until="commit")
        self.stats.page_loads += 1

    # ---- printing ----------------------------------------------------------------------------------------------
    def print_pdf(self, doc: ReportDocument, *, fresh: bool = False) -> bytes:
        """The PDF of ``doc`` as bytes, after every chart has drawn. ``fresh`` loads the whole document into a new
        page even when the printer reuses pages (a warm page is then started from this document)."""
        from playwright.sync_api import Error as PlaywrightError

        try:
            result = self._show_warm(doc) if self.reuse_page and not fresh else self._show_fresh(doc)
            self._check_charts(doc, result)
            pdf = self._page.pdf(
                format="A4",
                prefer_css_page_size=True,
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=footer_template(doc),
                tagged=True,  # a structure tree (headings, tables, lists) that screen readers follow
                outline=True,  # bookmarks from the headings, so PDF viewers can jump to each section
            )
        except RenderError:
            self._drop_page()
            raise
        except PlaywrightError as exc:
            self._failed = True  # crashed, killed or stuck: restart() before the next document
            self._drop_page()
            raise RenderError(doc.company_id, "pdf", f"Chromium could not print the report: {exc}") from exc
        finally:
            if not self.reuse_page:
                self._drop_page()
        self.stats.printed += 1
        self._page_prints += 1
        return bytes(pdf)

    def _show_fresh(self, doc: ReportDocument) -> dict[str, Any]:
        page = self._new_page()
        page.set_content(doc.standalone(), wait_until="load")
        self.stats.page_loads += 1
        page.wait_for_function(CHARTS_DONE)
        return {"count": page.evaluate("window.tkChartCount"), "errors": page.evaluate("window.tkChartErrors")}

    def _show_warm(self, doc: ReportDocument) -> dict[str, Any]:
        if self._page is None or self._page_prints >= self.recycle_after:
            return self._show_fresh(doc)
        payload = {"body": doc.body(), "lang": doc.lang, "title": doc.title, "css": None}
        # a preloaded page may still be parsing plotly.js: wait until its own first drawing pass is over
        self._page.wait_for_function(SWAP_READY)
        result = self._page.evaluate("payload => window.tkSwapReport(payload)", payload)
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
