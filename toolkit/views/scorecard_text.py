"""A scorecard as readable terminal text (for ``toolkit score``)."""

from __future__ import annotations

import textwrap

from toolkit.definitions.model import tr
from toolkit.i18n import COST_SIGNS, number, size_class_label, t
from toolkit.scoring.scores import Recommendation, ScoreCard

FIGURE_KEYS = {  # key figure -> the name of its line below
    "total_mwh": "energy_total",
    "renewable_share": "renewable_share",
    "scope1": "scope1",
    "scope2": "scope2_location",
}


def step_facts(rec: Recommendation, lang: str) -> str:
    """'Aufwand gering · Kosten € · Dauer Wochen' (empty when the questionnaire says nothing)."""
    if not rec.step:
        return ""
    return " · ".join(
        (
            f"{t('core.effort', lang)} {t('core.effort_' + rec.step['effort'], lang)}",
            f"{t('core.cost', lang)} {COST_SIGNS[rec.step['cost']]}",
            f"{t('core.duration', lang)} {t('core.time_' + rec.step['time'], lang)}",
        )
    )


def effect_text(card: ScoreCard, rec: Recommendation, lang: str, dim_names: dict[str, str]) -> str:
    """'Gesamt 67,8 → 69,1' when the step moves the overall score, else '+2,6 in Lieferkette'."""
    before = card.overall_score or 0.0
    if rec.overall_gain >= 0.05:
        after = number(before + rec.overall_gain, 1, lang)
        return t("core.overall_gain", lang, before=number(before, 1, lang), after=after)
    dim, gain = max(rec.gains.items(), key=lambda kv: kv[1])
    return t("core.dim_gain", lang, gain=number(gain, 1, lang), dim=dim_names.get(dim, dim))


def source_text(card: ScoreCard, rec: Recommendation, lang: str) -> str:
    """Why a step was moved up: 'wegen Heizöl EL: 41 % Ihrer Emissionen'."""
    names = {e.carrier: tr(e.name, lang) for e in card.kpis.energy}
    names |= {"scope1": t("core.scope1_source", lang), "scope2": t("core.scope2_source", lang)}
    share = f"{number(100 * (rec.source_share or 0.0), 0, lang)} %"
    return t("core.for_source", lang, source=names.get(rec.promoted_for or "", rec.promoted_for), share=share)


def scorecard_text(card: ScoreCard, lang: str = "de") -> str:
    c = card.company
    lines = [
        f"{t('core.scorecard', lang)}: {c.get('name') or c.get('id')} ({c.get('id')})",
        f"{t('core.round', lang)} {card.round} · {t('core.questionnaire', lang)} {card.questionnaire_id} "
        f"{card.questionnaire_version} · {t('core.size_class', lang)}: {size_class_label(card.size_class, lang)}",
    ]
    if card.overall_provisional:
        lines.append(t("core.provisional_overall", lang, open=card.open_questions, shown=card.answers_shown))
    lines += [
        "",
        f"{t('core.dimension', lang):<34}{t('core.score', lang):>8}  "
        f"{t('core.level', lang):<22}{t('core.completeness', lang):>14}",
    ]
    for d in card.dimensions:
        name = tr(d.name, lang) + (" *" if d.headline else "")
        if d.score is None:
            lines.append(f"{name:<34}{'–':>8}  {t('core.not_scored', lang)}")
            continue
        lvl = f"{d.level} {tr(d.level_name, lang)}"
        flag = f" ({t('core.provisional', lang)})" if d.provisional else ""
        lines.append(
            f"{name:<34}{number(d.score, 0, lang):>8}  {lvl:<22}{number(100 * d.completeness, 0, lang):>13}%{flag}"
        )
    if card.overall_score is not None:
        how = t("core.overall_mean" if card.overall_is_mean else "core.overall_sum", lang)
        flag = f" ({t('core.provisional', lang)})" if card.overall_provisional else ""
        lines.append(
            f"{t('core.overall', lang):<34}{number(card.overall_score, 0, lang):>8}  "
            f"{card.overall_level} {tr(card.overall_level_name, lang)}{flag} – {how}"
        )
    lines += textwrap.wrap(t("core.score_legend", lang), 116)
    lines += ["", f"{t('core.areas', lang)}:"]
    for a in card.areas:
        score = number(a.score, 0, lang) if a.score is not None else "–"
        lines.append(f"  {tr(a.name, lang):<32}{score:>8}")
    counts = {s: sum(1 for cv in card.coverage if cv.status == s) for s in ("comply", "explain", "open")}
    lines += ["", f"{t('core.coverage', lang)}: " + ", ".join(f"{n} {t(f'core.{s}', lang)}" for s, n in counts.items())]
    lines += _kpi_lines(card, lang)
    lines += _quality_lines(card, lang)
    dim_names = {d.id: tr(d.name, lang) for d in card.dimensions}
    lines += ["", f"{t('core.next_steps', lang)}:"]
    for i, r in enumerate(card.recommendations[:5], 1):
        open_mark = f" ({t('core.answer_first', lang)})" if r.kind == "answer" else ""
        lines.append(f"  {i}. [{effect_text(card, r, lang, dim_names)}] {tr(r.text, lang)}{open_mark}")
        if r.promoted_for:
            lines.append(f"     ({source_text(card, r, lang)})")
        lines.append(f"     → {tr(r.next_step, lang)}")
        facts = step_facts(r, lang)
        if facts:
            lines.append(f"       {facts}")
    return "\n".join(lines)


def _kpi_lines(card: ScoreCard, lang: str) -> list[str]:
    k = card.kpis
    gaps = card.data_quality.incomplete_kpis

    def value(figure: str, v: float | None, digits: int, unit: str = "") -> str:
        """The figure right-aligned like the others, or 'unvollständig' when an input is open."""
        if figure in gaps:
            return f"{t('core.incomplete', lang):>12}"
        return f"{number(v, digits, lang):>12}{unit}"

    lines = ["", f"{t('core.kpis', lang)}:"]
    for e in k.energy:
        lines.append(f"  {tr(e.name, lang):<34}{number(e.mwh, 1, lang):>12} MWh{number(e.t_co2e, 2, lang):>12} t CO2e")
    lines += [
        f"  {t('core.energy_total', lang):<34}{value('total_mwh', k.total_mwh, 1, ' MWh')}",
        f"  {t('core.renewable_share', lang):<34}{value('renewable_share', k.renewable_share, 1, ' %')}",
        f"  {t('core.scope1', lang):<34}{value('scope1', k.scope1_t, 2, ' t CO2e')}",
        f"  {t('core.scope2_location', lang):<34}{value('scope2', k.scope2_location_t, 2, ' t CO2e')}",
    ]
    if k.scope2_market_t is not None:
        lines.append(f"  {t('core.scope2_market', lang):<34}{value('scope2', k.scope2_market_t, 2, ' t CO2e')}")
    if k.intensity_per_employee_t is not None or "per_employee" in gaps:
        per = value("per_employee", k.intensity_per_employee_t, 2)
        lines.append(f"  t CO2e {t('core.per_employee', lang):<27}{per}")
    if k.intensity_per_meur_t is not None or "per_meur" in gaps:
        lines.append(f"  t CO2e {t('core.per_meur', lang):<27}{value('per_meur', k.intensity_per_meur_t, 2)}")
    return lines


def _quality_lines(card: ScoreCard, lang: str) -> list[str]:
    dq = card.data_quality
    lines = ["", f"{t('core.data_quality', lang)}:"]
    if not dq.findings and not dq.incomplete_kpis:
        return [*lines, f"  {t('core.no_findings', lang)}"]
    if dq.contradictions:
        lines.append(f"  {t('core.contradictions', lang)} ({len(dq.contradictions)}):")
        lines += [f"  - {tr(f.message, lang)}" for f in dq.contradictions]
    if dq.unevidenced:
        lines.append(f"  {t('core.unevidenced', lang)} ({len(dq.unevidenced)}):")
        lines += [f"  - {f.id}: {tr(f.message, lang)}" for f in dq.unevidenced]
    if dq.incomplete_kpis:
        inputs = sorted({ref for refs in dq.incomplete_kpis.values() for ref in refs})
        lines.append(f"  {t('core.incomplete_kpis', lang)}: {', '.join(inputs)}")
    return lines
