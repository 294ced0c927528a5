"""Texts of the VSME Basic module: the report section and the form's sidebar block."""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # the disclosures of the VSME Basic module
    "disclosure.B1": {"de": "Grundlagen für die Erstellung", "en": "Basis for preparation"},
    "disclosure.B2": {
        "de": "Praktiken, Richtlinien, künftige Initiativen",
        "en": "Practices, policies and future initiatives",
    },
    "disclosure.B3": {"de": "Energie und Treibhausgasemissionen", "en": "Energy and greenhouse gas emissions"},
    "disclosure.B4": {"de": "Verschmutzung von Luft, Wasser und Boden", "en": "Pollution of air, water and soil"},
    "disclosure.B5": {"de": "Biodiversität", "en": "Biodiversity"},
    "disclosure.B6": {"de": "Wasser", "en": "Water"},
    "disclosure.B7": {
        "de": "Ressourcennutzung, Kreislaufwirtschaft, Abfall",
        "en": "Resource use, circular economy and waste",
    },
    "disclosure.B8": {"de": "Belegschaft: allgemeine Merkmale", "en": "Workforce: general characteristics"},
    "disclosure.B9": {"de": "Belegschaft: Gesundheit und Sicherheit", "en": "Workforce: health and safety"},
    "disclosure.B10": {
        "de": "Belegschaft: Vergütung, Tarifbindung, Weiterbildung",
        "en": "Workforce: remuneration, collective bargaining and training",
    },
    "disclosure.B11": {
        "de": "Verurteilungen und Geldbußen wegen Korruption",
        "en": "Convictions and fines for corruption",
    },
    # the report section
    "report.lead": {
        "de": "Das Basismodul des freiwilligen EU-Standards für KMU (VSME) umfasst die Angaben B1 bis B11. Hier "
        "steht, welche davon Ihre Antworten vollständig, teilweise oder noch nicht abdecken und welche Sie als "
        "vertraulich weglassen. Die Angaben lassen sich in die digitale VSME-Vorlage der EFRAG (Excel) "
        "übertragen, die Banken und Kunden annehmen.",
        "en": "The Basic module of the EU's voluntary standard for SMEs (VSME) covers the disclosures B1 to B11. This "
        "page shows which of them your answers cover completely, partly or not yet, and which you omit as "
        "confidential. The data can be transferred into EFRAG's digital VSME template (Excel), which banks and "
        "customers accept.",
    },
    "report.complete": {"de": "vollständig", "en": "complete"},
    "report.partly": {"de": "teilweise", "en": "partly"},
    "report.open": {"de": "offen", "en": "open"},
    "report.omitted": {"de": "weggelassen", "en": "omitted"},
    "report.disclosure": {"de": "Angabe", "en": "Disclosure"},
    "report.status": {"de": "Stand", "en": "Status"},
    "report.datapoints": {"de": "Datenpunkte", "en": "Datapoints"},
    "report.still_open": {"de": "Noch offen", "en": "Still open"},
    "report.and_more": {"de": "und {n} weitere", "en": "and {n} more"},
    "report.omitted_note": {
        "de": "Als vertraulich oder sensibel weggelassen (die VSME erlaubt das, wenn die Liste offengelegt wird).",
        "en": "Omitted as classified or sensitive (the VSME allows this when the list is disclosed).",
    },
    "report.tables": {"de": "Ihre Angaben in Tabellenform", "en": "Your answers in tables"},
    "report.no_tables": {
        "de": "Noch keine Tabellenangaben (z. B. Standorte).",
        "en": "No table answers yet (e.g. sites).",
    },
    "report.not_applicable": {"de": "Trifft nicht zu", "en": "Not applicable"},
    "report.cannot_answer": {"de": "Nicht beantwortet", "en": "Not answered"},
    "report.rows": {"de": "{n} Zeilen", "en": "{n} rows"},
    # the form's sidebar block
    "form.title": {"de": "VSME-Basismodul", "en": "VSME Basic module"},
    "form.count": {"de": "{done} von {total} Angaben vollständig", "en": "{done} of {total} disclosures complete"},
    "form.complete": {"de": "vollständig", "en": "complete"},
    "form.partly": {"de": "teilweise", "en": "partly"},
    "form.open": {"de": "offen", "en": "open"},
    "form.omitted": {"de": "weggelassen", "en": "omitted"},
    "form.answered": {"de": "{answered}/{required} beantwortet", "en": "{answered}/{required} answered"},
}
