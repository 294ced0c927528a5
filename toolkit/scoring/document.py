"""The scorecard document (``<id>_scorecard.json``, format ``sme-toolkit-scorecard/1``) read back into a
:class:`~toolkit.scoring.scores.ScoreCard`: the inverse of :meth:`ScoreCard.to_dict`.

The company report is rendered from this document, so the PDF shows exactly the figures of the scorecard JSON
written next to it (``toolkit report`` and ``toolkit render`` score each response once and hand the document to
the report notebook). Figures the document derives (the open questions, the total emissions, a factor's unit) are
recomputed by the classes; ``scorecard_from_dict(card.to_dict()) == card`` holds for every scorecard.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.definitions.factors import Factor
from toolkit.errors import Location, Problem
from toolkit.scoring.kpis import EnergyLine, KPIs, RefrigerantLine
from toolkit.scoring.quality import DataQuality, Finding
from toolkit.scoring.scores import AreaScore, Contribution, Coverage, DimensionScore, Recommendation, ScoreCard

FORMAT = "sme-toolkit-scorecard/1"


def scorecard_from_dict(doc: Mapping[str, Any]) -> ScoreCard:
    """The scorecard a document written by :meth:`ScoreCard.to_dict` describes."""
    if doc.get("format") != FORMAT:
        raise ValueError(f"not a scorecard document: format {doc.get('format')!r}, expected {FORMAT!r}")
    return ScoreCard(
        questionnaire_id=doc["questionnaire_id"],
        questionnaire_version=doc["questionnaire_version"],
        round=doc["round"],
        company=dict(doc["company"]),
        size_class=doc["size_class"],
        dimensions=[_dimension(d) for d in doc["dimensions"]],
        areas=[AreaScore(**a) for a in doc["areas"]],
        overall_score=doc["overall_score"],
        overall_level=doc["overall_level"],
        overall_level_name=doc["overall_level_name"],
        completeness=doc["completeness"],
        coverage=[Coverage(**c) for c in doc["coverage"]],
        recommendations=[Recommendation(**r) for r in doc["recommendations"]],
        kpis=kpis_from_dict(doc["kpis"]),
        answers_shown=doc["answers_shown"],
        answers_given=doc["answers_given"],
        overall_provisional=doc["overall_provisional"],
        overall_is_mean=doc["overall_is_mean"],
        data_quality=_data_quality(doc["data_quality"]),
    )


def _dimension(d: Mapping[str, Any]) -> DimensionScore:
    fields = {k: v for k, v in d.items() if k != "contributions"}
    return DimensionScore(**fields, contributions=[Contribution(**c) for c in d["contributions"]])


def kpis_from_dict(k: Mapping[str, Any]) -> KPIs:
    """The inverse of :meth:`KPIs.to_dict`."""
    return KPIs(
        energy=[
            EnergyLine(
                carrier=e["carrier"],
                name=e["name"],
                input_value=e["input"]["value"],
                input_unit=e["input"]["unit"],
                mwh=e["mwh"],
                renewable_mwh=e["renewable_mwh"],
                scope=e["scope"],
                t_co2e=e["t_co2e"],
                factor=_factor(e["factor"]),
                kind=e["kind"],
                biogenic_t=e["biogenic_t_co2"],
            )
            for e in k["energy"]
        ],
        refrigerants=[RefrigerantLine(**r) for r in k["refrigerants"]],
        total_mwh=k["total_mwh"],
        renewable_mwh=k["renewable_mwh"],
        renewable_share=k["renewable_share_percent"],
        scope1_t=k["scope1_t_co2e"],
        scope2_location_t=k["scope2_location_t_co2e"],
        scope2_market_t=k["scope2_market_t_co2e"],
        biogenic_co2_t=k["biogenic_t_co2_outside_scopes"],
        green_tariff_share=k["green_tariff_share_percent"],
        intensity_per_employee_t=k["t_co2e_per_employee"],
        intensity_per_meur_t=k["t_co2e_per_meur_turnover"],
        intensity_per_eur_t=k["t_co2e_per_eur_turnover"],
        energy_per_employee_mwh=k["mwh_per_employee"],
        breakdown=k["breakdown_mwh"],
        reported=list(k["reported"]),
        gwp_source=k["gwp_source"],
        other=k["other"],
        factor_table=k["factor_table"],
        warnings=[_warning(w) for w in k["warnings"]],
    )


def _warning(w: Any) -> Any:
    """A KPI warning: a located problem (its ``to_dict`` form), or a plain text in older documents."""
    if not isinstance(w, Mapping):
        return w
    where = Location(w["path"], w.get("line"), w.get("column"), w.get("where"))
    return Problem(w["code"], w["message"], w["fix"], where, w.get("severity", "error"))


def _factor(f: Mapping[str, Any]) -> Factor:
    return Factor(
        value=f["value"],
        per=str(f["unit"]).rsplit("/", 1)[1],  # "kg CO2e/kWh": the unit the factor is per
        source=f["source"],
        year=f["year"],
        source_en=f["source_en"],
        gases=f["gases"],
        boundary=f["boundary"],
        document=f["document"],
        version=f["version"],
        table=f["table"],
        url=f["url"],
    )


def _data_quality(dq: Mapping[str, Any]) -> DataQuality:
    findings = [Finding(**f) for f in (*dq["contradictions"], *dq["unevidenced"])]
    return DataQuality(findings, dq["incomplete_kpis"])
