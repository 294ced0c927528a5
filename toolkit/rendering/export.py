"""Stage 2: executed notebook -> report HTML (nbconvert with the toolkit's own template).

The export keeps only the notebook's ``text/html`` outputs: no code, no prompts, no markdown, no streams, no
injected-parameters cell; :func:`clean_notebook` also strips papermill's metadata (which holds the parameters)
and everything else that is not needed from the notebook metadata.

plotly.js is not part of :attr:`ReportDocument.html`: :meth:`ReportDocument.standalone` inserts it (once) for
a self-contained page, while a warm printer page already has it loaded and only swaps in :meth:`body`.
"""

from __future__ import annotations

import base64
import copy
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from toolkit import __version__
from toolkit.definitions.paths import TEMPLATES as PACKAGE_TEMPLATES
from toolkit.i18n import t

TEMPLATES = PACKAGE_TEMPLATES / "report"
TEMPLATE_NAME = "tk_report"
PLOTLY_BUNDLE = "plotly-cartesian.min.js"  # plotly.js-cartesian-dist-min from npm; licence beside it
PLOTLY_MARK = "<!--tk-plotly-js-->"
BODY_START = "<!--tk-body-start-->"
BODY_END = "<!--tk-body-end-->"
REMOVE_TAGS = ("injected-parameters", "parameters")
KEEP_NOTEBOOK_METADATA = ("kernelspec", "language_info")
KEEP_CELL_METADATA = ("tags",)


@lru_cache(maxsize=1)
def plotly_js() -> str:
    """plotly.js as the report page loads it: the "cartesian" bundle of plotly.js (its bar, box, pie, scatter,
    heatmap, histogram and violin traces, without maps and 3D), shipped with the toolkit (never from a CDN) at
    the version the installed plotly package bundles. A third of the full bundle, it loads in a third of the time
    and memory: every print browser, and every ``toolkit report``, starts about a second sooner. charts.js
    reports a chart whose trace type the bundle lacks, so such a chart fails its report instead of being drawn
    wrong."""
    return (TEMPLATES / "static" / PLOTLY_BUNDLE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def report_css() -> str:
    return (TEMPLATES / "static" / "report.css").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def chart_js() -> str:
    return (TEMPLATES / "static" / "charts.js").read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def content_security_policy() -> str:
    """Only the two scripts the toolkit ships may run; nothing may be fetched."""
    return (
        "default-src 'none'; "
        f"script-src {_sha256(plotly_js())} {_sha256(chart_js())}; "
        "style-src 'unsafe-inline'; img-src data:; font-src data:"
    )


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character but ASCII letters, digits, spaces and a few marks as a hex
    escape (ended by the one space CSS reads as its end), so that no quote, backslash, line break or ``</style>``
    in a company's data can end it."""
    safe = "".join(c if (c.isascii() and c.isalnum()) or c in " .,:-" else f"\\{ord(c):x} " for c in text)
    return f'"{safe}"'


def page_footer_css(label: str, lang: str) -> str:
    """The footer texts of every printed page, as CSS page-margin boxes: ``label`` on the left, "Seite 3 von 16" /
    "Page 3 of 16" on the right (Chromium counts the pages). Styled by report.css. Drawn with the page itself:
    about 45 ms less of the browser's CPU per report than DevTools' footer template, which lays out a separate
    footer document for every page."""
    page, pages = "\x00page\x00", "\x00pages\x00"
    parts = []
    for piece in t("core.page_of", lang, page=page, pages=pages).split("\x00"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return (
        f"@page {{ @bottom-left {{ content: {css_string(label)}; }} @bottom-right {{ content: {' '.join(parts)}; }} }}"
    )


@dataclass(frozen=True)
class ReportDocument:
    """The exported report: a full HTML document (without plotly.js) and what the printer needs."""

    company_id: str
    html: str
    lang: str
    title: str
    footer_label: str

    def body(self) -> str:
        start = self.html.index(BODY_START) + len(BODY_START)
        return self.html[start : self.html.index(BODY_END, start)]

    def standalone(self) -> str:
        """The document with plotly.js embedded once: opens offline in any browser."""
        head, sep, tail = self.html.partition(PLOTLY_MARK)
        if not sep:
            raise ValueError("the report HTML has no place for plotly.js")
        return f"{head}<script>{plotly_js()}</script>{tail}"

    @property
    def page_css(self) -> str:
        """The page footer rule of this document (see :func:`page_footer_css`)."""
        return page_footer_css(self.footer_label, self.lang)

    @property
    def chart_count(self) -> int:
        return self.body().count('class="tk-chart"')


def clean_notebook(nb: Any) -> Any:
    """A copy of the executed notebook without the two parameter cells, papermill's metadata (it stores the
    parameters) and any notebook or cell metadata the report does not need (authors, timings, widget state)."""
    nb = copy.deepcopy(nb)
    nb.cells = [c for c in nb.cells if not set(REMOVE_TAGS) & set(c.get("metadata", {}).get("tags", []))]
    for key in list(nb.metadata):
        if key not in KEEP_NOTEBOOK_METADATA:
            del nb.metadata[key]
    for cell in nb.cells:
        for key in list(cell.get("metadata", {})):
            if key not in KEEP_CELL_METADATA:
                del cell.metadata[key]
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("papermill", None)
    return nb


@lru_cache(maxsize=1)
def _exporter() -> Any:
    """nbconvert's template exporter with the toolkit's template, built once per process.

    Not HTMLExporter: that one re-parses and re-serialises every report with BeautifulSoup (to mark up JupyterLab
    cells and image alt texts this template never produces) and validates the notebook after each of its default
    preprocessors, which together cost 45 times the template rendering itself. :func:`clean_notebook` has already
    removed the parameter cells, so no preprocessor is needed."""
    from nbconvert.exporters import TemplateExporter
    from traitlets.config import Config

    config = Config()
    config.NbConvertBase.display_data_priority = ["text/html", "text/plain"]
    return TemplateExporter(
        config=config,
        template_name=TEMPLATE_NAME,
        template_file="index.html.j2",
        extra_template_basedirs=[str(TEMPLATES / "nbconvert")],
        default_preprocessors=[],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=True,
        exclude_raw=True,
        exclude_unknown=True,
    )


@lru_cache(maxsize=2)
def shell_document(lang: str = "de") -> ReportDocument:
    """An empty report page (CSS and scripts, no content): what a printer preloads before the first report."""
    import nbformat

    return export_html(nbformat.v4.new_notebook(), company_id="-", lang=lang, title="", footer_label="")


def export_html(nb: Any, *, company_id: str, lang: str, title: str, footer_label: str) -> ReportDocument:
    """Export a (cleaned) executed report notebook to a :class:`ReportDocument`."""
    resources_in = {
        "tk": {
            "lang": lang,
            "title": title,
            "css": report_css(),
            "page_css": page_footer_css(footer_label, lang),
            "chart_js": chart_js(),
            "csp": content_security_policy(),
            "version": __version__,
        }
    }
    html, _ = _exporter().from_notebook_node(clean_notebook(nb), resources=resources_in)
    return ReportDocument(company_id, html, lang, title, footer_label)
