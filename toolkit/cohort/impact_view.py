"""The cohort report's page "Programmwirkung" / "Programme impact" (issue 16), from the protected impact tables
(:mod:`toolkit.cohort.impact`) only: actions planned, done and dropped per network and per theme, and the median
changes of the scores and of Scope 1+2 of the companies present in both rounds. Withheld groups say why."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

import pandas as pd

from toolkit.cohort.impact import OUTCOMES, action_metric
from toolkit.cohort.labels import key_label
from toolkit.cohort.stats import SHOWN, status_label
from toolkit.i18n import number, t
from toolkit.rendering.charts import Chart
from toolkit.rendering.fragments import Html, Section


class CohortPage(Protocol):
    """What the page needs of the cohort report's view (:class:`toolkit.cohort.view.CohortView`)."""

    tables: dict[str, pd.DataFrame]
    lang: str
    k: int
    headline: list[str]

    def dim_name(self, dim: str) -> str: ...

    def num(self, v: Any, digits: int = 0) -> str: ...

    def head(self, kicker: str, title: str, lead: str = "", note: str = "") -> Html: ...

    def table(
        self,
        title: str,
        header: list[tuple[str, str]],
        rows: Sequence[Sequence[tuple[str, ...]]],
        footnote: str = "",
        widths: list[float] | None = None,
    ) -> Html: ...


def _signed(v: Any, lang: str, digits: int = 1) -> str:
    if v is None or pd.isna(v):
        return "–"
    text = number(abs(float(v)), digits, lang)
    return f"+{text}" if v > 0 else (f"−{text}" if v < 0 else text)


def impact_section(view: CohortPage) -> Section | Html:
    """The page, or nothing when the output has no impact table (fewer than two rounds)."""
    by_network = view.tables.get("impact_network")
    everyone = view.tables.get("impact")
    if by_network is None or everyone is None or everyone.empty:
        return Html("")
    lang, k = view.lang, view.k
    rounds = str(everyone["round"].iloc[0])
    a, _, b = rounds.partition("→")
    label = rounds.replace("→", " → ")
    head = view.head(
        t("cohort.impact.kicker", lang), t("cohort.impact.title", lang), t("cohort.impact.lead", lang, a=a, b=b)
    )
    parts: list[Html | Chart] = [head]
    total = everyone.set_index("metric")
    if pd.isna(total.loc[action_metric("planned"), "total"]) or not total.loc[action_metric("planned"), "total"]:
        parts.append(Html(f"<p class='tk-small tk-muted'>{t('cohort.impact.none', lang)}</p>"))
    else:
        parts.append(_actions_table(view, by_network, total, label))
        parts.append(_themes_table(view, total, label))
    parts.append(_changes_table(view, by_network, total, label))
    parts.append(Html(f"<p class='tk-footnote'>{t('cohort.impact.note', lang, k=k)}</p>"))
    return Section(parts)


def _status_cells(view: CohortPage, row: pd.Series, n: int) -> list[tuple[str, str]]:
    note = status_label(str(row["status"]), view.lang, view.k)
    return [(note, "tk-num tk-muted")] + [("–", "tk-num")] * (n - 1)


def _actions_row(view: CohortPage, name: str, m: pd.DataFrame) -> list[tuple[str, str]]:
    planned = m.loc[action_metric("planned")]
    if planned["status"] != SHOWN:
        return [(name, ""), *_status_cells(view, planned, 5)]
    counts = {o: m.loc[action_metric(o), "total"] for o in OUTCOMES}
    share = 100 * counts["done"] / counts["planned"] if counts["planned"] else None
    return [
        (name, ""),
        (view.num(planned["n_valid"]), "tk-num"),
        *[(view.num(counts[o]), "tk-num") for o in OUTCOMES],
        (f"{view.num(share)} %" if share is not None else "–", "tk-num"),
    ]


def _actions_table(view: CohortPage, by_network: pd.DataFrame, total: pd.DataFrame, label: str) -> Html:
    lang = view.lang
    header = [(t("cohort.impact.network", lang), ""), (t("cohort.impact.with_plan", lang), "tk-num")]
    header += [(t(f"cohort.impact.{o}", lang), "tk-num") for o in OUTCOMES] + [
        (t("cohort.impact.done_share", lang), "tk-num")
    ]
    rows = []
    for network, part in by_network.groupby("network", sort=True, observed=True):
        rows.append(_actions_row(view, key_label("network", network, lang), part.set_index("metric")))
    rows.append(_actions_row(view, t("cohort.impact.all_networks", lang), total))
    return view.table(
        t("cohort.impact.actions_table", lang, rounds=label), header, rows, widths=[20, 18, 14, 14, 16, 18]
    )


def _themes_table(view: CohortPage, total: pd.DataFrame, label: str) -> Html:
    lang = view.lang
    themes = [*view.headline, "other"]
    header = [(t("cohort.impact.theme", lang), "")] + [(t(f"cohort.impact.{o}", lang), "tk-num") for o in OUTCOMES]
    rows = []
    for theme in themes:
        metric = action_metric("planned", theme)
        if metric not in total.index:
            continue
        name = view.dim_name(theme) if theme != "other" else t("cohort.impact.other", lang)
        cells = [(name, "")]
        for o in OUTCOMES:
            r = total.loc[action_metric(o, theme)]
            shown = view.num(r["total"]) if r["status"] == SHOWN else status_label(str(r["status"]), lang, view.k)
            cells.append((shown, "tk-num"))
        rows.append(cells)
    return view.table(t("cohort.impact.themes_table", lang, rounds=label), header, rows, widths=[40, 20, 20, 20])


def _changes_row(view: CohortPage, name: str, m: pd.DataFrame, metrics: list[str]) -> list[tuple[str, str]]:
    first = m.loc[metrics[0]]
    if first["status"] != SHOWN:
        return [(name, ""), *_status_cells(view, first, len(metrics) + 1)]
    cells = [(name, ""), (view.num(first["n"]), "tk-num")]
    for metric in metrics:
        r = m.loc[metric] if metric in m.index else None
        if r is None or r["status"] != SHOWN:
            cells.append((status_label(str(r["status"]), view.lang, view.k) if r is not None else "–", "tk-num"))
        else:
            cells.append((_signed(r["median"], view.lang), "tk-num"))
    return cells


def _changes_table(view: CohortPage, by_network: pd.DataFrame, total: pd.DataFrame, label: str) -> Html:
    lang = view.lang
    metrics = [f"score_{d}_change" for d in view.headline] + ["overall_score_change", "scope12_t_change"]
    header = [(t("cohort.impact.network", lang), ""), (t("cohort.impact.paired", lang), "tk-num")]
    header += [(view.dim_name(d), "tk-num") for d in view.headline]
    header += [(view.dim_name("overall"), "tk-num"), (t("cohort.impact.scope12", lang), "tk-num")]
    rows = []
    for network, part in by_network.groupby("network", sort=True, observed=True):
        rows.append(_changes_row(view, key_label("network", network, lang), part.set_index("metric"), metrics))
    rows.append(_changes_row(view, t("cohort.impact.all_networks", lang), total, metrics))
    rest = round((100 - 16 - 10) / (len(header) - 2), 1)
    widths = [16, 10] + [rest] * (len(header) - 2)
    return view.table(t("cohort.impact.changes_table", lang, rounds=label), header, rows, widths=widths)
