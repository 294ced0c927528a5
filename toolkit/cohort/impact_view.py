"""The cohort report's page "Programmwirkung" / "Programme impact" (issue 16), from the protected impact tables
(:mod:`toolkit.cohort.impact`) only: actions planned, done and dropped per network and per theme, and the median
changes of the scores and of Scope 1+2 of the companies present in both rounds. Withheld groups say why."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from toolkit.cohort.impact import OUTCOMES, action_metric
from toolkit.cohort.stats import SHOWN, status_label
from toolkit.cohort.strings import key_label
from toolkit.i18n import number

if TYPE_CHECKING:
    from toolkit.cohort.view import CohortView, Html, Section
    from toolkit.rendering.charts import Chart

STRINGS: dict[str, dict[str, str]] = {
    "kicker": {"de": "Wirkung", "en": "Impact"},
    "title": {"de": "Programmwirkung", "en": "Programme impact"},
    "lead": {
        "de": "Was die Unternehmen sich in Runde {a} vorgenommen und bis Runde {b} umgesetzt haben, und wie sich "
        "ihre Ergebnisse verändert haben. Gezählt werden nur Unternehmen, die an beiden Runden teilnahmen.",
        "en": "What the companies set out to do in round {a} and had done by round {b}, and how their results "
        "changed. Only companies that took part in both rounds are counted.",
    },
    "actions_table": {"de": "Maßnahmen je Netzwerk ({rounds})", "en": "Actions per network ({rounds})"},
    "themes_table": {
        "de": "Maßnahmen nach Thema, alle Netzwerke ({rounds})",
        "en": "Actions by topic, all networks ({rounds})",
    },
    "changes_table": {
        "de": "Veränderung je Netzwerk: Median ({rounds})",
        "en": "Change per network: median ({rounds})",
    },
    "network": {"de": "Netzwerk", "en": "Network"},
    "theme": {"de": "Thema", "en": "Topic"},
    "with_plan": {"de": "Unternehmen mit Plan", "en": "Companies with a plan"},
    "planned": {"de": "geplant", "en": "planned"},
    "done": {"de": "erledigt", "en": "done"},
    "dropped": {"de": "verworfen", "en": "dropped"},
    "done_share": {"de": "Anteil erledigt", "en": "Share done"},
    "paired": {"de": "n", "en": "n"},
    "scope12": {"de": "Scope 1+2 (t CO₂e)", "en": "Scope 1+2 (t CO₂e)"},
    "all_networks": {"de": "Alle Netzwerke", "en": "All networks"},
    "other": {"de": "übrige Themen", "en": "other topics"},
    "note": {
        "de": "Maßnahmen: in der früheren Runde geplant, ihr Stand in der späteren (Summen über die Unternehmen mit "
        "Maßnahmenplan). Veränderungen: Median über die Unternehmen in beiden Runden; Scope 1+2 standortbasiert. "
        "Gruppen unter {k} Unternehmen und Gruppen, aus denen sich kleinere errechnen ließen, werden nicht gezeigt.",
        "en": "Actions: planned in the earlier round, their status in the later one (totals over the companies with "
        "an action plan). Changes: median over the companies in both rounds; Scope 1+2 location-based. Groups under "
        "{k} companies and groups from which smaller ones could be worked out are not shown.",
    },
    "none": {
        "de": "In der früheren Runde hat noch kein Unternehmen Maßnahmen geplant.",
        "en": "No company planned actions in the earlier round yet.",
    },
}


def t(key: str, lang: str, **fields: object) -> str:
    entry = STRINGS[key]
    return (entry.get(lang) or entry["de"]).format(**fields)


def _signed(v: Any, lang: str, digits: int = 1) -> str:
    if v is None or pd.isna(v):
        return "–"
    text = number(abs(float(v)), digits, lang)
    return f"+{text}" if v > 0 else (f"−{text}" if v < 0 else text)


def impact_section(view: CohortView) -> Section | Html:
    """The page, or nothing when the output has no impact table (fewer than two rounds)."""
    from toolkit.cohort.view import Html, Section

    by_network = view.tables.get("impact_network")
    everyone = view.tables.get("impact")
    if by_network is None or everyone is None or everyone.empty:
        return Html("")
    lang, k = view.lang, view.k
    rounds = str(everyone["round"].iloc[0])
    a, _, b = rounds.partition("→")
    label = rounds.replace("→", " → ")
    head = view._head(t("kicker", lang), t("title", lang), t("lead", lang, a=a, b=b))
    parts: list[Html | Chart] = [head]
    total = everyone.set_index("metric")
    if pd.isna(total.loc[action_metric("planned"), "total"]) or not total.loc[action_metric("planned"), "total"]:
        parts.append(Html(f"<p class='tk-small tk-muted'>{t('none', lang)}</p>"))
    else:
        parts.append(_actions_table(view, by_network, total, label))
        parts.append(_themes_table(view, total, label))
    parts.append(_changes_table(view, by_network, total, label))
    parts.append(Html(f"<p class='tk-footnote'>{t('note', lang, k=k)}</p>"))
    return Section(parts)


def _status_cells(view: CohortView, row: pd.Series, n: int) -> list[tuple[str, str]]:
    note = status_label(str(row["status"]), view.lang, view.k)
    return [(note, "tk-num tk-muted")] + [("–", "tk-num")] * (n - 1)


def _actions_row(view: CohortView, name: str, m: pd.DataFrame) -> list[tuple[str, str]]:
    planned = m.loc[action_metric("planned")]
    if planned["status"] != SHOWN:
        return [(name, ""), *_status_cells(view, planned, 5)]
    counts = {o: m.loc[action_metric(o), "total"] for o in OUTCOMES}
    share = 100 * counts["done"] / counts["planned"] if counts["planned"] else None
    return [
        (name, ""),
        (view._num(planned["n_valid"]), "tk-num"),
        *[(view._num(counts[o]), "tk-num") for o in OUTCOMES],
        (f"{view._num(share)} %" if share is not None else "–", "tk-num"),
    ]


def _actions_table(view: CohortView, by_network: pd.DataFrame, total: pd.DataFrame, label: str) -> Html:
    lang = view.lang
    header = [(t("network", lang), ""), (t("with_plan", lang), "tk-num")]
    header += [(t(o, lang), "tk-num") for o in OUTCOMES] + [(t("done_share", lang), "tk-num")]
    rows = []
    for network, part in by_network.groupby("network", sort=True, observed=True):
        rows.append(_actions_row(view, key_label("network", network, lang), part.set_index("metric")))
    rows.append(_actions_row(view, t("all_networks", lang), total))
    return view._table(t("actions_table", lang, rounds=label), header, rows, widths=[20, 18, 14, 14, 16, 18])


def _themes_table(view: CohortView, total: pd.DataFrame, label: str) -> Html:
    lang = view.lang
    themes = [*view.headline, "other"]
    header = [(t("theme", lang), "")] + [(t(o, lang), "tk-num") for o in OUTCOMES]
    rows = []
    for theme in themes:
        metric = action_metric("planned", theme)
        if metric not in total.index:
            continue
        name = view.dim_name(theme) if theme != "other" else t("other", lang)
        cells = [(name, "")]
        for o in OUTCOMES:
            r = total.loc[action_metric(o, theme)]
            shown = view._num(r["total"]) if r["status"] == SHOWN else status_label(str(r["status"]), lang, view.k)
            cells.append((shown, "tk-num"))
        rows.append(cells)
    return view._table(t("themes_table", lang, rounds=label), header, rows, widths=[40, 20, 20, 20])


def _changes_row(view: CohortView, name: str, m: pd.DataFrame, metrics: list[str]) -> list[tuple[str, str]]:
    first = m.loc[metrics[0]]
    if first["status"] != SHOWN:
        return [(name, ""), *_status_cells(view, first, len(metrics) + 1)]
    cells = [(name, ""), (view._num(first["n"]), "tk-num")]
    for metric in metrics:
        r = m.loc[metric] if metric in m.index else None
        if r is None or r["status"] != SHOWN:
            cells.append((status_label(str(r["status"]), view.lang, view.k) if r is not None else "–", "tk-num"))
        else:
            cells.append((_signed(r["median"], view.lang), "tk-num"))
    return cells


def _changes_table(view: CohortView, by_network: pd.DataFrame, total: pd.DataFrame, label: str) -> Html:
    lang = view.lang
    metrics = [f"score_{d}_change" for d in view.headline] + ["overall_score_change", "scope12_t_change"]
    header = [(t("network", lang), ""), (t("paired", lang), "tk-num")]
    header += [(view.dim_name(d), "tk-num") for d in view.headline]
    header += [(view.dim_name("overall"), "tk-num"), (t("scope12", lang), "tk-num")]
    rows = []
    for network, part in by_network.groupby("network", sort=True, observed=True):
        rows.append(_changes_row(view, key_label("network", network, lang), part.set_index("metric"), metrics))
    rows.append(_changes_row(view, t("all_networks", lang), total, metrics))
    rest = round((100 - 16 - 10) / (len(header) - 2), 1)
    widths = [16, 10] + [rest] * (len(header) - 2)
    return view._table(t("changes_table", lang, rounds=label), header, rows, widths=widths)
