"""The short glossary of the report's owner's part ("Kurz erklärt" / "In plain words").

Each term carries a pattern; the glossary lists the terms that the owner's pages actually use (the steps come from
the questionnaire and may name a tool or a standard), plus the few every report needs. A pure function of text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Term:
    key: str
    pattern: str | None  # searched in the owner's pages; None: always listed
    term: dict[str, str]
    text: dict[str, str]


TERMS: tuple[Term, ...] = (
    Term(
        "level",
        None,
        {"de": "Stufe 0 bis 4", "en": "Level 0 to 4"},
        {
            "de": "wie weit eine Praxis in Ihrem Unternehmen entwickelt ist, von „{l0}“ bis „{l4}“. Die Punkte "
            "(0 bis 100) bestimmen die Stufe.",
            "en": "how far a practice is developed in your company, from “{l0}” to “{l4}”. The score (0 to 100) "
            "decides the level.",
        },
    ),
    Term(
        "completeness",
        r"Vollständigkeit|Completeness",
        {"de": "Vollständigkeit", "en": "Completeness"},
        {
            "de": "Anteil der für Sie geltenden Fragen, die beantwortet sind. Offene Fragen zählen mit 0 Punkten.",
            "en": "the share of the questions that apply to you which are answered. Open questions count 0 points.",
        },
    ),
    Term(
        "provisional",
        r"(?i)vorläufig|provisional",
        {"de": "vorläufig", "en": "provisional"},
        {
            "de": "Es ist weniger als {pct} beantwortet; mit jeder Antwort wird das Ergebnis belastbarer.",
            "en": "less than {pct} is answered; every answer makes the result more reliable.",
        },
    ),
    Term(
        "median",
        r"Median",
        {"de": "Median, mittlere Hälfte", "en": "Median, middle half"},
        {
            "de": "Die Hälfte der Vergleichsgruppe liegt über dem Median, die Hälfte darunter; in der mittleren "
            "Hälfte (grauer Balken) liegen die mittleren 50 % der Unternehmen.",
            "en": "half of the comparison group lies above the median, half below; the middle half (grey band) "
            "holds the middle 50% of the companies.",
        },
    ),
    Term(
        "mwh",
        r"\bMWh\b",
        {"de": "MWh", "en": "MWh"},
        {"de": "Megawattstunde = 1.000 Kilowattstunden (kWh).", "en": "megawatt hour = 1,000 kilowatt hours (kWh)."},
    ),
    Term(
        "co2e",
        r"CO₂e|CO₂-Äquivalent|CO₂ equivalent",
        {"de": "CO₂e", "en": "CO₂e"},
        {
            "de": "alle Treibhausgase, umgerechnet in die Menge CO₂ mit derselben Wirkung aufs Klima.",
            "en": "all greenhouse gases, converted into the amount of CO₂ with the same effect on the climate.",
        },
    ),
    Term(
        "scope1",
        r"Scope[\s-]*1\b",
        {"de": "Scope 1", "en": "Scope 1"},
        {
            "de": "was Sie selbst verbrennen: Heizöl, Erdgas, Diesel und Benzin in Heizung, Maschinen und Fahrzeugen.",
            "en": "what you burn yourself: heating oil, natural gas, diesel and petrol in heating, machines and "
            "vehicles.",
        },
    ),
    Term(
        "scope2",
        r"Scope[\s-]*(?:1\s*(?:und|and|\+|,)\s*)?2\b",
        {"de": "Scope 2", "en": "Scope 2"},
        {
            "de": "was bei der Erzeugung des Stroms und der Fernwärme entsteht, die Sie einkaufen.",
            "en": "what arises when the electricity and district heat you buy are produced.",
        },
    ),
    Term(
        "scope3",
        r"Scope[\s-]*3\b",
        {"de": "Scope 3", "en": "Scope 3"},
        {
            "de": "alle übrigen Emissionen entlang Ihrer Lieferkette: Einkäufe, Transporte, Dienstreisen, Pendeln, "
            "Entsorgung.",
            "en": "all other emissions along your value chain: purchases, transport, business travel, commuting, "
            "disposal.",
        },
    ),
    Term(
        "ghg_protocol",
        r"GHG[\s-]Protocol",
        {"de": "GHG Protocol", "en": "GHG Protocol"},
        {
            "de": "der international übliche Standard, nach dem Treibhausgasbilanzen gerechnet werden.",
            "en": "the internationally used standard for calculating greenhouse gas inventories.",
        },
    ),
    Term(
        "vsme",
        r"VSME",
        {"de": "VSME", "en": "VSME"},
        {
            "de": "freiwilliger EU-Berichtsstandard für kleine und mittlere Unternehmen; Banken und Kunden fragen "
            "zunehmend danach.",
            "en": "the EU's voluntary reporting standard for small and medium-sized companies; banks and customers "
            "increasingly ask for it.",
        },
    ),
    Term(
        "iso",
        r"ISO\s?\d{4,5}|EMAS",
        {"de": "ISO-Normen, EMAS", "en": "ISO standards, EMAS"},
        {
            "de": "anerkannte Regeln für Managementsysteme (Umwelt, Energie, Arbeitsschutz), die sich von einer "
            "Prüfstelle zertifizieren lassen.",
            "en": "recognised rules for management systems (environment, energy, health and safety) that an "
            "auditor can certify.",
        },
    ),
    Term(
        "csr_check",
        r"CSR[\s-]Risi[ck]o?[\s-]Check",
        {"de": "CSR Risiko-Check", "en": "CSR Risk Check"},
        {
            "de": "kostenloses Online-Werkzeug, das für Länder und Produktgruppen typische Umwelt- und "
            "Menschenrechtsrisiken zeigt.",
            "en": "a free online tool that shows the environmental and human-rights risks typical of countries and "
            "product groups.",
        },
    ),
    Term(
        "base_year",
        r"Basisjahr|base year",
        {"de": "Basisjahr", "en": "Base year"},
        {
            "de": "das Jahr, mit dem Sie spätere Jahre vergleichen.",
            "en": "the year you compare later years with.",
        },
    ),
    Term(
        "npv",
        r"Kapitalwert|net present value",
        {"de": "Kapitalwert", "en": "Net present value"},
        {
            "de": "was eine Investition über ihre ganze Laufzeit einbringt, in heutiges Geld umgerechnet.",
            "en": "what an investment earns over its whole lifetime, converted into today's money.",
        },
    ),
)


def plain_text(markup: str) -> str:
    """The visible text of an HTML fragment (tags removed, entities resolved)."""
    return html.unescape(TAG.sub(" ", markup))


def glossary(owner_text: str, lang: str, **values: str) -> list[tuple[str, str]]:
    """(term, explanation) for every term the owner's pages use, in the glossary's order."""
    out = []
    for term in TERMS:
        if term.pattern is None or re.search(term.pattern, owner_text):
            text = term.text.get(lang) or term.text["de"]
            out.append((term.term.get(lang) or term.term["de"], text.format(**values)))
    return out
