"""User-visible strings of the toolkit itself (not of the questionnaire) in German and English."""

from __future__ import annotations

LANGS = ("de", "en")

STRINGS: dict[str, dict[str, str]] = {
    "scorecard": {"de": "Ergebnis", "en": "Scorecard"},
    "company": {"de": "Unternehmen", "en": "Company"},
    "round": {"de": "Runde", "en": "Round"},
    "size_class": {"de": "Größenklasse", "en": "Size class"},
    "micro": {"de": "Kleinstunternehmen", "en": "Micro"},
    "small": {"de": "Kleines Unternehmen", "en": "Small"},
    "medium": {"de": "Mittleres Unternehmen", "en": "Medium"},
    "large": {"de": "Großes Unternehmen", "en": "Large"},
    "unknown": {"de": "unbekannt", "en": "unknown"},
    "dimension": {"de": "Dimension", "en": "Dimension"},
    "score": {"de": "Punkte", "en": "Score"},
    "level": {"de": "Stufe", "en": "Level"},
    "completeness": {"de": "Vollständigkeit", "en": "Completeness"},
    "provisional": {"de": "vorläufig", "en": "provisional"},
    "overall": {"de": "Gesamt", "en": "Overall"},
    "areas": {"de": "DNK-Bereiche", "en": "DNK areas"},
    "coverage": {"de": "DNK-Abdeckung", "en": "DNK coverage"},
    "comply": {"de": "berichtet", "en": "comply"},
    "explain": {"de": "erklärt", "en": "explain"},
    "missing": {"de": "fehlt", "en": "missing"},
    "kpis": {"de": "Kennzahlen", "en": "KPIs"},
    "energy_total": {"de": "Energieverbrauch gesamt", "en": "Total energy consumption"},
    "renewable_share": {"de": "Anteil erneuerbar", "en": "Renewable share"},
    "scope1": {"de": "Scope 1", "en": "Scope 1"},
    "scope2_location": {"de": "Scope 2 (standortbasiert)", "en": "Scope 2 (location-based)"},
    "scope2_market": {"de": "Scope 2 (marktbasiert)", "en": "Scope 2 (market-based)"},
    "per_employee": {"de": "je Beschäftigten", "en": "per employee"},
    "per_meur": {"de": "je Mio. EUR Umsatz", "en": "per EUR million turnover"},
    "next_steps": {"de": "Nächste Schritte", "en": "Next steps"},
    "points": {"de": "Punkte", "en": "points"},
    "not_scored": {"de": "nicht bewertet (keine Antworten)", "en": "not scored (no answers)"},
    "not_applicable": {"de": "trifft nicht zu", "en": "not applicable"},
    "carrier": {"de": "Energieträger", "en": "Energy carrier"},
    "factor": {"de": "Faktor", "en": "Factor"},
    "source": {"de": "Quelle", "en": "Source"},
    "questionnaire": {"de": "Fragebogen", "en": "Questionnaire"},
    # scores a company can trust (issue 12)
    "open": {"de": "offen", "en": "open"},
    "provisional_overall": {
        "de": "VORLÄUFIG: {open} von {shown} Fragen sind offen; offene Fragen zählen 0 Punkte.",
        "en": "PROVISIONAL: {open} of {shown} questions are open; open questions count 0 points.",
    },
    "overall_mean": {"de": "Mittelwert der drei Kerndimensionen", "en": "mean of the three core dimensions"},
    "score_legend": {
        "de": "* Kerndimension: eine der drei Dimensionen, aus denen „Gesamt“ gebildet wird. Punkte 0–100, Stufe 0–4 "
        "(mit Namen); Vollständigkeit: Anteil der beantworteten Fragen der Dimension; (vorläufig): es sind noch "
        "Fragen offen, die 0 Punkte zählen.",
        "en": "* Core dimension: one of the three dimensions the overall score is built from. Score 0-100, level "
        "0-4 (with its name); completeness: share of the dimension's questions answered; (provisional): questions "
        "are still open and count 0 points.",
    },
    "overall_sum": {
        "de": "Kerndimensionen / 3, nicht bewertete zählen 0",
        "en": "core dimensions / 3, unscored ones count 0",
    },
    "incomplete": {"de": "unvollständig", "en": "incomplete"},
    "data_quality": {"de": "Datenqualität", "en": "Data quality"},
    "contradictions": {"de": "Widersprüche", "en": "Contradictions"},
    "unevidenced": {"de": "Angaben ohne Nachweis", "en": "Claims without evidence"},
    "incomplete_kpis": {"de": "Kennzahlen mit offenen Angaben", "en": "Key figures with open inputs"},
    "no_findings": {"de": "keine Auffälligkeiten", "en": "nothing to report"},
    "overall_gain": {"de": "Gesamt {before} → {after}", "en": "overall {before} → {after}"},
    "dim_gain": {"de": "+{gain} in {dim}", "en": "+{gain} in {dim}"},
    "effort": {"de": "Aufwand", "en": "effort"},
    "cost": {"de": "Kosten", "en": "cost"},
    "duration": {"de": "Dauer", "en": "time"},
    "effort_low": {"de": "gering", "en": "low"},
    "effort_medium": {"de": "mittel", "en": "medium"},
    "effort_high": {"de": "hoch", "en": "high"},
    "time_days": {"de": "Tage", "en": "days"},
    "time_weeks": {"de": "Wochen", "en": "weeks"},
    "time_months": {"de": "Monate", "en": "months"},
    "time_year": {"de": "ein Jahr oder länger", "en": "a year or more"},
    "answer_first": {"de": "offene Frage", "en": "open question"},
    "for_source": {"de": "wegen {source}: {share} Ihrer Emissionen", "en": "for {source}: {share} of your emissions"},
    "scope1_source": {"de": "Scope 1", "en": "Scope 1"},
    "scope2_source": {"de": "Scope 2", "en": "Scope 2"},
}

COST_SIGNS = {"low": "€", "medium": "€€", "high": "€€€"}


def t(key: str, lang: str = "de") -> str:
    """The string ``key`` in ``lang`` (German when the language or key has no entry)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["de"]


def number(value: float | None, digits: int = 1, lang: str = "de") -> str:
    """A number formatted for ``lang``: 1.234,5 in German, 1,234.5 in English; '–' for None."""
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}"
    if lang == "de":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text
