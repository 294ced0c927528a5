"""Charts of the company report as plain plotly figure specs (no plotly import needed in the kernel).

A :class:`Chart` displays interactively in JupyterLab (``application/vnd.plotly.v1+json``) and exports as
``<div class="tk-chart" data-spec="...">`` (``text/html``), which the report template draws with the
plotly.js bundled in the installed ``plotly`` package: never from a CDN.

Every text that goes into a figure passes :func:`toolkit.rendering.fmt.plotly_text`, so a company-typed text
can never become markup inside a chart.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from toolkit.i18n import number_marks
from toolkit.rendering.fmt import plotly_text

FONT_STACK = '"Source Sans 3", "Noto Sans", "Liberation Sans", Arial, "DejaVu Sans"'
INK = "#1f2937"
MUTED = "#6b7280"
NAVY = "#17324d"
ACCENT = "#0f766e"
GRID = "#e5e7eb"
BAND = "#b8c4d2"
MEDIAN = "#b45309"
LEVEL_COLORS = ("#dbe4ea", "#b5d8d1", "#7fbfb3", "#3f9688", "#0f5f55")  # level 0 (lightest) .. 4
LEVEL_INK = ("#1f2937", "#1f2937", "#1f2937", "#ffffff", "#ffffff")
CONTENT_WIDTH = 660  # px: A4 (794 px) less the page margins
CARRIER_COLORS = ("#17324d", "#0f766e", "#7fbfb3", "#c2410c", "#b45309", "#6b7280", "#4f46e5", "#be185d", "#65a30d")


@dataclass
class Chart:
    """A plotly figure (``{"data": [...], "layout": {...}}``) with a caption, displayable in Jupyter."""

    figure: dict[str, Any]
    caption: str = ""
    css_class: str = ""

    @property
    def width(self) -> int:
        return int(self.figure.get("layout", {}).get("width", CONTENT_WIDTH))

    @property
    def height(self) -> int:
        return int(self.figure.get("layout", {}).get("height", 300))

    def spec_json(self) -> str:
        return json.dumps(self.figure, ensure_ascii=False, separators=(",", ":"), allow_nan=False)

    def html(self) -> str:
        """The export form: a div carrying the escaped spec, drawn by the report template's script."""
        caption = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        cls = f"tk-figure {self.css_class}".strip()
        return (
            f'<figure class="{html.escape(cls)}">'
            f'<div class="tk-chart" style="width:{self.width}px;height:{self.height}px" '
            f'data-spec="{html.escape(self.spec_json(), quote=True)}"></div>{caption}</figure>'
        )

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        return {
            "application/vnd.plotly.v1+json": {**self.figure, "config": {"displaylogo": False, "responsive": False}},
            "text/html": self.html(),
            "text/plain": f"<Chart: {self.caption}>",
        }


def base_layout(width: int, height: int, lang: str, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "width": width,
        "height": height,
        "autosize": False,
        "margin": {"l": 10, "r": 10, "t": 10, "b": 10},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "font": {"family": FONT_STACK, "size": 12, "color": INK},
        "separators": "".join(number_marks(lang)),  # plotly: decimal mark, then thousands separator
        "showlegend": False,
    }
    layout.update(extra)
    return layout


@dataclass(frozen=True)
class DimensionRow:
    name: str
    score: float | None
    median: float | None = None
    q1: float | None = None
    q3: float | None = None


def dimension_bars(
    rows: Sequence[DimensionRow],
    thresholds: Sequence[tuple[float, str]],
    labels: dict[str, str],
    lang: str,
    score_text: Sequence[str],
) -> dict[str, Any]:
    """Horizontal bars of the company's score per dimension and, when given, the cohort's middle half (first to
    third quartile) as a grey band in its own lane just below each bar, so that neither hides the other, with the
    median as a tick across both; the level thresholds as dotted lines named at the top. Every trace has one
    colour, so the legend shows the colours the bars use."""
    names = [plotly_text(r.name) for r in rows][::-1]
    rev = list(rows)[::-1]
    texts = list(score_text)[::-1]
    data: list[dict[str, Any]] = []
    has_cohort = any(r.median is not None for r in rows)
    data.append(
        {
            "type": "bar",
            "orientation": "h",
            "y": names,
            "x": [r.score if r.score is not None else 0 for r in rev],
            "width": 0.36 if has_cohort else 0.5,
            "offset": 0.02 if has_cohort else -0.25,
            "marker": {"color": NAVY, "line": {"width": 0}},
            "text": [plotly_text(t) for t in texts],
            "textposition": "outside",
            "cliponaxis": False,
            "textfont": {"size": 12, "color": INK},
            "name": plotly_text(labels["your_score"]),
            "showlegend": True,
        }
    )
    if has_cohort:
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": [(r.q3 - r.q1) if r.q1 is not None and r.q3 is not None else None for r in rev],
                "base": [r.q1 for r in rev],
                "width": 0.3,
                "offset": -0.32,
                "marker": {"color": BAND, "line": {"width": 0}},
                "name": plotly_text(labels["quartiles"]),
                "hoverinfo": "skip",
                "showlegend": True,
            }
        )
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "y": names,
                "x": [r.median for r in rev],
                "marker": {"symbol": "line-ns", "size": 34, "line": {"width": 3, "color": MEDIAN}},
                "name": plotly_text(labels["median"]),
                "showlegend": True,
            }
        )
    shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": t,
            "x1": t,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#9ca3af", "width": 1, "dash": "dot"},
            "layer": "below",
        }
        for t, _ in thresholds
        if 0 < t < 100
    ]
    bounds = [t for t, _ in thresholds] + [100]
    annotations = [
        {
            "x": (bounds[i] + bounds[i + 1]) / 2,
            "y": 1.0,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "text": plotly_text(name),
            "showarrow": False,
            "font": {"size": 10, "color": MUTED},
        }
        for i, (_, name) in enumerate(thresholds)
    ]
    height = 100 + 64 * len(rows)
    layout = base_layout(
        CONTENT_WIDTH,
        height,
        lang,
        barmode="overlay",
        margin={"l": 170, "r": 30, "t": 30, "b": 50},
        xaxis={
            "range": [0, 100],
            "tickvals": [0, 20, 40, 60, 80, 100] if not thresholds else sorted({*(t for t, _ in thresholds), 100}),
            "gridcolor": GRID,
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={"automargin": True, "fixedrange": True, "tickfont": {"size": 12}},
        shapes=shapes,
        annotations=annotations,
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.14, "yanchor": "top", "font": {"size": 11}},
    )
    return {"data": data, "layout": layout}


def energy_mix(names: Sequence[str], mwh: Sequence[float], texts: Sequence[str], lang: str) -> dict[str, Any]:
    """A donut of the energy use per carrier with its legend beside it (one row of the page); ``names`` label the
    legend, ``texts`` the slices (formatted by the caller, so numbers follow the report language)."""
    trace = {
        "type": "pie",
        "labels": [plotly_text(n) for n in names],
        "values": list(mwh),
        "text": [plotly_text(t) for t in texts],
        "textinfo": "text",
        "textposition": "inside",
        "insidetextorientation": "horizontal",
        "hole": 0.5,
        "sort": False,
        "direction": "clockwise",
        "marker": {"colors": list(CARRIER_COLORS[: len(names)]), "line": {"color": "#ffffff", "width": 2}},
        "domain": {"x": [0, 0.34], "y": [0, 1]},
    }
    layout = base_layout(
        CONTENT_WIDTH,
        230,
        lang,
        margin={"l": 4, "r": 4, "t": 8, "b": 8},
        showlegend=True,
        uniformtext={"minsize": 9, "mode": "hide"},
        legend={"orientation": "v", "x": 0.4, "xanchor": "left", "y": 0.5, "yanchor": "middle", "font": {"size": 11}},
    )
    return {"data": [trace], "layout": layout}
