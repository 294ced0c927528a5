"""Programme impact for the network (issue 16): what the companies planned, did and dropped, and how they moved.

For each pair of consecutive rounds and each network (and all networks together), over the companies present in
both rounds (paired by company id):

* the actions planned in the earlier round, and of them the ones done and the ones dropped by the later round,
  per theme (the headline dimension an action works on, :func:`toolkit.scoring.plans.action_theme`, or "other"). An
  action's status in the later round is the one its carried-over copy has there (the same action id), else the
  one it had when planned. Companies without any action planned in the earlier round do not contribute;
* the change of each headline dimension's score, of the overall score and of Scope 1+2 (location-based).

The table passes through the same disclosure step as every other table
(:func:`toolkit.cohort.suppression.protect`), protected with the same groupings as the year-over-year tables
(network, sector and size class per round pair, with their margins), so that a group withheld there is
withheld here too and no figure of a group under k can be worked out by differencing:

* action counts are published as totals (the sum over the contributing companies, with their number); no
  quantiles, because counts of a few actions per company are small integers;
* changes are published as median, quartiles (tails from 10 values) and the share that improved, never as a
  mean or sum: with the per-round figures of the same groups, a summed change would give away the companies
  that joined or left (see :func:`toolkit.cohort.stats.yoy_stats`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from toolkit import i18n
from toolkit.cohort.stats import check_columns, describe, year_over_year
from toolkit.cohort.suppression import DEFAULT_MIN_GROUP_SIZE, QUARTILE_FIGURES, TAIL_FIGURES, Grouping, protect
from toolkit.cohort.table import Cohort
from toolkit.errors import ToolkitError
from toolkit.responses import load_response
from toolkit.responses.plan import THEME_OTHER
from toolkit.scoring.plans import action_theme

PROTECTED: tuple[Grouping, ...] = (("round", "network"), ("round", "sector"), ("round", "size_class"))
SHOWN_GROUPINGS: tuple[Grouping, ...] = (("round",), ("round", "network"))
OUTCOMES = ("planned", "done", "dropped")
PLAN_COLUMNS = ("company_id", "round", "action", "status", "theme", "created_round")


def themes(cohort: Cohort) -> list[str]:
    return [*cohort.headline, THEME_OTHER]


def action_metric(outcome: str, theme: str | None = None) -> str:
    """``actions_done`` (all themes) or ``actions_done_energy``."""
    return f"actions_{outcome}" if theme is None else f"actions_{outcome}_{theme}"


def plan_rows(cohort: Cohort) -> pd.DataFrame:
    """One row per action of every response of the cohort (read again from the files the cohort was loaded
    from): company, round, action id, status, theme, the round it was planned in. Files that no longer load
    are left out (they were valid when the cohort was loaded)."""
    rows = []
    qn = cohort.questionnaire
    if qn is None or "path" not in cohort.companies:
        return pd.DataFrame(columns=list(PLAN_COLUMNS))
    for path in cohort.companies["path"].dropna():
        if not str(path) or not Path(str(path)).exists():
            continue
        try:
            resp = load_response(path, qn)
        except ToolkitError:
            continue
        goals = {g.id: g for g in resp.goals}
        for a in resp.actions:
            rows.append(
                {
                    "company_id": resp.company.id,
                    "round": str(resp.round),
                    "action": a.id,
                    "status": a.status,
                    "theme": action_theme(qn, a, goals),
                    "created_round": a.created_round or str(resp.round),
                }
            )
    return pd.DataFrame(rows, columns=list(PLAN_COLUMNS))


def action_outcomes(plans: pd.DataFrame, from_round: str, to_round: str, theme_ids: Sequence[str]) -> pd.DataFrame:
    """Per company with actions planned in ``from_round``: how many were planned, done and dropped by
    ``to_round``, per theme and in total (one row per company, ``company_id`` plus the action metrics)."""
    earlier = plans[(plans["round"] == from_round) & (plans["created_round"] == from_round)]
    later = plans[plans["round"] == to_round].set_index(["company_id", "action"])["status"]
    cols = [action_metric(o) for o in OUTCOMES] + [action_metric(o, t) for o in OUTCOMES for t in theme_ids]
    if earlier.empty:
        return pd.DataFrame(columns=["company_id", *cols])
    status = [later.get((c, a), s) for c, a, s in earlier[["company_id", "action", "status"]].itertuples(index=False)]
    frame = earlier.assign(final=status)
    out = []
    for company, part in frame.groupby("company_id", sort=True):
        row: dict[str, object] = {"company_id": company}
        for outcome in OUTCOMES:
            chosen = part if outcome == "planned" else part[part["final"] == outcome]
            row[action_metric(outcome)] = float(len(chosen))
            for t in theme_ids:
                row[action_metric(outcome, t)] = float((chosen["theme"] == t).sum())
        out.append(row)
    return pd.DataFrame(out, columns=["company_id", *cols])


SCOPE12 = "scope12_t"  # Scope 1 + Scope 2 (location-based), t CO2e


def with_scope12(cohort: Cohort) -> Cohort:
    """The cohort with each company's Scope 1+2 (``scope12_t``) as a column of its own."""
    df = cohort.companies.assign(
        **{
            SCOPE12: pd.to_numeric(cohort.companies["scope1_t"], errors="coerce")
            + pd.to_numeric(cohort.companies["scope2_location_t"], errors="coerce")
        }
    )
    return Cohort(df, cohort.questions, cohort.invalid, cohort.dimensions, cohort.headline, cohort.questionnaire)


def impact_pairs(
    cohort: Cohort, from_round: str | None = None, to_round: str | None = None, yoy: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The companies present in both rounds: group keys (of the later round), the changes of the headline
    scores, the overall score and Scope 1+2, and the action outcomes (NaN for companies without a plan).
    ``yoy``: the year-over-year pairs of :func:`with_scope12` of the cohort when already computed (with at least
    these changes), so that they are not paired twice."""
    metrics = [f"score_{d}" for d in cohort.headline] + ["overall_score", SCOPE12]
    pairs = year_over_year(with_scope12(cohort), metrics, from_round, to_round) if yoy is None else yoy
    keep = ["company_id", "round", "network", "sector", "size_class", *(f"{m}_change" for m in metrics)]
    pairs = pairs[[c for c in keep if c in pairs.columns]]
    rounds = str(pairs["round"].iloc[0]).split("→") if len(pairs) else [from_round, to_round]
    a, b = (from_round or rounds[0]), (to_round or rounds[-1])
    outcomes = action_outcomes(plan_rows(cohort), str(a), str(b), themes(cohort))
    return pairs.merge(outcomes, on="company_id", how="left")


def change_metrics(cohort: Cohort) -> list[str]:
    return [f"score_{d}_change" for d in cohort.headline] + ["overall_score_change", "scope12_t_change"]


def impact_metrics(cohort: Cohort) -> list[str]:
    """Every published variable of the impact table: changes first, then the action totals."""
    acts = [action_metric(o) for o in OUTCOMES] + [action_metric(o, t) for o in OUTCOMES for t in themes(cohort)]
    return [*change_metrics(cohort), *acts]


def programme_impact(
    cohort: Cohort,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    pairs: pd.DataFrame | None = None,
    yoy: pd.DataFrame | None = None,
) -> dict[Grouping, pd.DataFrame]:
    """The impact tables of the latest round pair: all networks (``("round",)``) and per network
    (``("round", "network")``), long format like the year-over-year tables plus ``total`` for the action
    counts. Empty dict when the cohort has fewer than two rounds. ``pairs``: :func:`impact_pairs` when already
    computed; ``yoy``: the year-over-year pairs it starts from (see there)."""
    if len(cohort.rounds) < 2:
        return {}
    pairs = impact_pairs(cohort, yoy=yoy) if pairs is None else pairs
    metrics = impact_metrics(cohort)
    for m in metrics:
        if m not in pairs:
            pairs[m] = np.nan
    check_columns(pairs, {c for g in PROTECTED for c in g}, metrics)
    protection = protect(pairs, PROTECTED, metrics, min_group_size)  # with all margins, like the yoy tables
    tables = describe(pairs, protection, metrics, share_positive=True, groupings=SHOWN_GROUPINGS)
    counts = {m for m in metrics if m.startswith("actions_")}
    out: dict[Grouping, pd.DataFrame] = {}
    for g in SHOWN_GROUPINGS:
        t = tables[g].copy()
        is_count = t["metric"].isin(counts)
        t["total"] = np.where(is_count, t["mean"] * t["n_valid"], np.nan)
        t["total"] = t["total"].round(6)
        t.loc[is_count, [*QUARTILE_FIGURES, *TAIL_FIGURES, "share_positive"]] = np.nan
        order = {m: i for i, m in enumerate(metrics)}
        t = t.drop(columns=["mean"]).sort_values(
            [*g, "metric"], key=lambda s: s.map(order) if s.name == "metric" else s
        )
        out[g] = t.reset_index(drop=True)
    return out


def metric_labels(dims: dict[str, str], lang: str) -> dict[str, str]:
    """Readable names of the impact table's action and Scope 1+2 measures (``dims``: dimension id -> name)."""
    out = {"scope12_t_change": i18n.t("cohort.impact.scope12_change", lang)}
    for outcome in OUTCOMES:
        word = i18n.t(f"cohort.impact.actions_{outcome}", lang)
        out[action_metric(outcome)] = word
        for theme, name in [*dims.items(), (THEME_OTHER, i18n.t("cohort.impact.other", lang))]:
            out[action_metric(outcome, theme)] = f"{word}: {name}"
    return out
