"""Cohort charts as plotly figure specs, drawn from the suppressed aggregate tables only.

Box plots are drawn from precomputed statistics (median and quartiles as the box, 10th to 90th percentile as
the whiskers, only where the tables publish them, i.e. for groups of 10 or more): no individual company's value
ever reaches a chart, and suppressed groups are not drawn (the caption names them). The figures are
:class:`toolkit.rendering.charts.Chart` objects: interactive in JupyterLab, and drawn by the report template's
script in the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from toolkit.cohort.labels import key_label, sector_name
from toolkit.cohort.stats import SHOWN
from toolkit.errors import CohortError
from toolkit.i18n import t
from toolkit.rendering import charts as shared_charts
from toolkit.rendering.charts import CONTENT_WIDTH, FONT_STACK, GRID, INK, MUTED, Chart
from toolkit.rendering.fmt import percent, plotly_text

DIM_COLORS = ("#17324d", "#0f766e", "#c2410c", "#7c3aed", "#b45309", "#6b7280")


def base_layout(lang: str, height: int, **extra: Any) -> dict[str, Any]:
    """The company report's chart layout at full content width, with room for axis labels and a legend."""
    base = {
        "margin": {"l": 56, "r": 12, "t": 36, "b": 64},
        "font": {"family": FONT_STACK, "size": 11, "color": INK},
        "legend": {"orientation": "h", "x": 0, "y": 1.1, "font": {"size": 11}},
    }
    layout = shared_charts.base_layout(CONTENT_WIDTH, height, lang, **{**base, **extra})
    if "showlegend" not in extra:
        del layout["showlegend"]  # plotly decides: a legend only where there are several traces
    return layout


def short_label(column: str, value: object, lang: str) -> str:
    """A label short enough for a chart axis, escaped for plotly (``<br>`` is the only markup)."""
    if column == "sector" and (short := sector_name(str(value), lang, short=True)):
        return f"{plotly_text(str(value))}<br>{plotly_text(short)}"
    return plotly_text(key_label(column, value, lang))


def box_chart(
    table: pd.DataFrame,
    key: str,
    metrics: Sequence[str],
    names: dict[str, str],
    lang: str = "de",
    min_group_size: int = 5,
    y_title: str | None = None,
    caption: str = "",
    y_range: tuple[float, float] | None = (0, 100),
    zero_line: bool = False,
) -> Chart:
    """Boxes per group of ``key`` (x axis) and metric (one colour per metric) from a long statistics table
    (columns key, metric, median, q1, q3, p10, p90, status). Suppressed groups are left out and named in the
    caption."""
    data: list[dict[str, Any]] = []
    hidden: list[str] = []
    if table.duplicated([key, "metric"]).any():
        raise CohortError(
            f"the table has several groups per {key}; pass a table with one row per {key} and metric "
            "(e.g. one round of the by-sector table)"
        )
    order = group_order(table, key)
    for i, metric in enumerate(metrics):
        part = table[table["metric"] == metric].set_index(key)
        xs, q1, med, q3, lo, hi, mean = [], [], [], [], [], [], []
        for g in order:
            if g not in part.index:
                continue
            row = part.loc[g]
            label = short_label(key, g, lang)
            if row["status"] != SHOWN or pd.isna(row["median"]):
                if i == 0:
                    hidden.append(key_label(key, g, lang))
                continue
            xs.append(label)
            q1.append(_r(row["q1"]))
            med.append(_r(row["median"]))
            q3.append(_r(row["q3"]))
            tails = pd.notna(row["p10"]) and pd.notna(row["p90"])  # only for groups of 10 or more
            lo.append(_r(row["p10"] if tails else row["q1"]))  # no whisker rather than a made-up one
            hi.append(_r(row["p90"] if tails else row["q3"]))
            mean.append(_r(row["mean"]) if "mean" in row and pd.notna(row.get("mean")) else None)
        trace: dict[str, Any] = {
            "type": "box",
            "name": plotly_text(names.get(metric, metric)),
            "x": xs,
            "q1": q1,
            "median": med,
            "q3": q3,
            "lowerfence": lo,
            "upperfence": hi,
            "boxpoints": False,
            "marker": {"color": DIM_COLORS[i % len(DIM_COLORS)]},
            "line": {"width": 1.4},
            "fillcolor": _tint(DIM_COLORS[i % len(DIM_COLORS)]),
            "hoverinfo": "x+name",
        }
        if any(m is not None for m in mean):
            trace["mean"] = mean
        data.append(trace)
    yaxis: dict[str, Any] = {
        "title": {"text": plotly_text(y_title or t("cohort.score", lang))},
        "gridcolor": GRID,
        "zeroline": zero_line,
        "zerolinecolor": MUTED,
    }
    if y_range:
        yaxis["range"] = list(y_range)
    layout = base_layout(lang, 330, boxmode="group", yaxis=yaxis, xaxis={"tickangle": 0, "automargin": True})
    if hidden:
        note = t("cohort.hidden_groups", lang, k=min_group_size, groups=", ".join(hidden))
        caption = f"{caption} {note}".strip()
    if not any(t["x"] for t in data):
        layout["annotations"] = [
            {
                "text": plotly_text(t("cohort.no_shown_groups", lang)),
                "showarrow": False,
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "font": {"color": MUTED},
            }
        ]
    return Chart({"data": data, "layout": layout}, caption)


def agenda_chart(agenda: pd.DataFrame, lang: str = "de", caption: str = "") -> Chart:
    """Horizontal bars, first rank on top: how much the group's mean overall score would rise if every company
    with a gap took its next step on the question; each bar says the share of companies with a gap."""
    rows = agenda.sort_values("rank", ascending=False)
    labels = [_wrap(plotly_text(str(t)), 48) for t in rows[f"text_{lang}"]]
    shares = [c / a if a else 0.0 for c, a in zip(rows["companies"], rows["answered"], strict=True)]
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "y": labels,
            "x": [_r(v) for v in rows["group_mean_gain"]],
            "marker": {"color": "#0f766e"},
            "text": [plotly_text(t("cohort.share_gap_short", lang, pct=percent(v, lang))) for v in shares],
            "textposition": "auto",
            "hoverinfo": "x+y",
        }
    ]
    layout = base_layout(
        lang,
        max(260, 44 * len(rows) + 60),
        margin={"l": 10, "r": 12, "t": 16, "b": 44},
        xaxis={"title": {"text": plotly_text(t("cohort.group_gain", lang))}, "gridcolor": GRID},
        yaxis={"automargin": True, "tickfont": {"size": 10}},
        showlegend=False,
    )
    return Chart({"data": data, "layout": layout}, caption)


def group_order(table: pd.DataFrame, key: str) -> list[Any]:
    """The groups of ``key`` in reading order (size classes small to large, others alphabetical)."""
    values = list(dict.fromkeys(table[key].tolist()))
    if key == "size_class":
        rank = {"micro": 0, "small": 1, "medium": 2, "large": 3}
        return sorted(values, key=lambda v: rank.get(str(v), 9))
    return sorted(values, key=str)


def _wrap(text: str, width: int) -> str:
    words, lines, line = text.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    if line:
        lines.append(line)
    return "<br>".join(lines[:3]) + ("…" if len(lines) > 3 else "")


def _r(v: Any) -> float | None:
    return None if v is None or pd.isna(v) else round(float(v), 2)


def _tint(hex_color: str) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.22)"
