"""``toolkit score``: one response's levels, scores, completeness, KPIs, next steps, goals and actions."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import click

from toolkit.cli.options import factors_option, json_option, lang_option, questionnaire_option


@click.command("score")
@click.argument("response", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@questionnaire_option
@factors_option
@json_option("Print the full scorecard as JSON.")
@lang_option
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge overdue actions as of this date (YYYY-MM-DD; default: today).",
)
def score(
    response: Path, questionnaire: Path | None, factors: Path | None, as_json: bool, lang: str, as_of: Any
) -> None:
    """Score a response: levels, scores, completeness, KPIs, the top next steps, goals and actions."""
    from toolkit.definitions.factors import load_factors
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.definitions.paths import default_questionnaire
    from toolkit.responses import load_response
    from toolkit.scoring.plans import evaluate_plan
    from toolkit.scoring.scores import score as score_response
    from toolkit.views.plan_text import plan_lines
    from toolkit.views.scorecard_text import scorecard_text

    qn = load_questionnaire(questionnaire or default_questionnaire())
    resp = load_response(response, qn)
    card = score_response(qn, resp, load_factors(factors) if factors else None)
    plan = evaluate_plan(qn, resp, card, as_of.date() if as_of else date.today())
    if as_json:
        from toolkit.vsme import vsme_completeness

        doc = {**card.to_dict(), "vsme_basic": vsme_completeness(qn, resp).to_dict(), "plan": plan.to_dict()}
        click.echo(json.dumps(_finite(doc), indent=2, ensure_ascii=False, allow_nan=False))
    else:
        click.echo("\n".join([scorecard_text(card, lang), *plan_lines(plan, qn, lang)]))


def _finite(value: object) -> object:
    """``value`` with every non-finite number as null: strict JSON has no Infinity or NaN."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_finite(v) for v in value]
    return value
