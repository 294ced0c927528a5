"""A scorecard as readable terminal text (for ``toolkit score``)."""

from __future__ import annotations

from .i18n import number, t
from .model import tr
from .scoring import ScoreCard


def scorecard_text(card: ScoreCard, lang: str = "de") -> str:
    c = card.company
    lines = [
        f"{t('scorecard', lang)}: {c.get('name') or c.get('id')} ({c.get('id')})",
        f"{t('round', lang)} {card.round} · {t('questionnaire', lang)} {card.questionnaire_id} "
        f"{card.questionnaire_version} · {t('size_class', lang)}: {t(card.size_class or 'unknown', lang)}",
        "",
        f"{t('dimension', lang):<34}{t('score', lang):>8}  {t('level', lang):<22}{t('completeness', lang):>14}",
    ]
    for d in card.dimensions:
        name = tr(d.name, lang) + (" *" if d.headline else "")
        if d.score is None:
            lines.append(f"{name:<34}{'–':>8}  {t('not_scored', lang)}")
            continue
        lvl = f"{d.level} {tr(d.level_name, lang)}"
        flag = f" ({t('provisional', lang)})" if d.provisional else ""
        lines.append(
            f"{name:<34}{number(d.score, 0, lang):>8}  {lvl:<22}{number(100 * d.completeness, 0, lang):>13}%{flag}"
        )
    if card.overall_score is not None:
        lines.append(
            f"{t('overall', lang):<34}{number(card.overall_score, 0, lang):>8}  "
            f"{card.overall_level} {tr(card.overall_level_name, lang)}"
        )
    lines += ["", f"{t('areas', lang)}:"]
    for a in card.areas:
        score = number(a.score, 0, lang) if a.score is not None else "–"
        lines.append(f"  {tr(a.name, lang):<32}{score:>8}")
    counts = {s: sum(1 for cv in card.coverage if cv.status == s) for s in ("comply", "explain", "missing")}
    lines += ["", f"{t('coverage', lang)}: " + ", ".join(f"{n} {t(s, lang)}" for s, n in counts.items())]
    k = card.kpis
    lines += ["", f"{t('kpis', lang)}:"]
    for e in k.energy:
        lines.append(f"  {tr(e.name, lang):<34}{number(e.mwh, 1, lang):>12} MWh{number(e.t_co2e, 2, lang):>12} t CO2e")
    lines += [
        f"  {t('energy_total', lang):<34}{number(k.total_mwh, 1, lang):>12} MWh",
        f"  {t('renewable_share', lang):<34}{number(k.renewable_share, 1, lang):>12} %",
        f"  {t('scope1', lang):<34}{number(k.scope1_t, 2, lang):>12} t CO2e",
        f"  {t('scope2_location', lang):<34}{number(k.scope2_location_t, 2, lang):>12} t CO2e",
    ]
    if k.scope2_market_t is not None:
        lines.append(f"  {t('scope2_market', lang):<34}{number(k.scope2_market_t, 2, lang):>12} t CO2e")
    if k.intensity_per_employee_t is not None:
        lines.append(f"  t CO2e {t('per_employee', lang):<27}{number(k.intensity_per_employee_t, 2, lang):>12}")
    if k.intensity_per_meur_t is not None:
        lines.append(f"  t CO2e {t('per_meur', lang):<27}{number(k.intensity_per_meur_t, 2, lang):>12}")
    lines += ["", f"{t('next_steps', lang)}:"]
    for i, r in enumerate(card.recommendations[:5], 1):
        lines.append(f"  {i}. [+{number(r.gain, 1, lang)} {t('points', lang)}] {tr(r.text, lang)}")
        lines.append(f"     → {tr(r.next_step, lang)}")
    return "\n".join(lines)
