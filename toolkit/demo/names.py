"""Fictitious but realistic German SME names for the demo networks.

Names are random combinations of regionally typical surnames, invented place-like words and trade names,
with a legal-form suffix that matches the company's legal form. They are not taken from any register; any
resemblance to a real company is coincidental.
"""

from __future__ import annotations

import random

SURNAMES: dict[str, tuple[str, ...]] = {
    "west": (
        "Hollmann",
        "Brüggemann",
        "Wiechert",
        "Dohrmann",
        "Kallweit",
        "Ahlers",
        "Behrens",
        "Lüdemann",
        "Tiedemann",
        "Meinecke",
        "Rathjen",
        "Klindworth",
        "Harms",
        "Vogeler",
        "Oltmanns",
        "Stöver",
        "Gerdes",
        "Heitmann",
        "Dittmer",
        "Kröger",
        "Reimers",
        "Brammer",
        "Eggers",
        "Wöhler",
        "Bostelmann",
        "Quast",
    ),
    "east": (
        "Kaschube",
        "Seidel",
        "Wünsche",
        "Hentschel",
        "Pöschel",
        "Kretzschmar",
        "Uhlig",
        "Thieme",
        "Börner",
        "Rößler",
        "Drechsler",
        "Naumann",
        "Kunze",
        "Zschoche",
        "Gräfe",
        "Möbius",
        "Schreiter",
        "Fritzsche",
        "Lämmel",
        "Grundmann",
        "Wolfram",
        "Tauscher",
    ),
    "north": (
        "Pagel",
        "Wilcken",
        "Dahlke",
        "Rabe",
        "Kasten",
        "Tessmann",
        "Rieck",
        "Hinz",
        "Krull",
        "Permien",
        "Holst",
        "Schwanbeck",
        "Pieplow",
        "Wendt",
        "Stüve",
        "Lembcke",
        "Brüning",
        "Voß",
        "Kähler",
        "Timm",
    ),
}
PLACE_HEADS = (
    "Birken",
    "Eichen",
    "Linden",
    "Moor",
    "Heide",
    "Wiesen",
    "Kranich",
    "Erlen",
    "Sand",
    "Holler",
    "Tannen",
    "Fuchs",
    "Buchen",
    "Reet",
    "Ried",
    "Lerchen",
    "Haselt",
    "Wacholder",
    "Schilf",
    "Otter",
)
PLACE_TAILS = ("kamp", "feld", "hagen", "winkel", "horst", "grund", "wiese", "bruch", "stedt", "mühle", "au")
WORDS = ("Nord", "Klar", "Grün", "Fein", "Weit", "Brück", "Kern", "Blau", "Licht", "Werk", "Quer", "Stern")
ANIMALS = ("Kranich", "Hirsch", "Storch", "Biber", "Fischotter", "Seeadler")

# Name templates per NACE code ({S}, {S2} surnames, {P} invented place, {W} word, {A} animal).
TEMPLATES: dict[str, tuple[str, ...]] = {
    "A01.11": ("Hof {S}", "Landwirtschaft {S}", "Gut {P}"),
    "A01.41": ("Milchhof {P}", "Milchviehbetrieb {S}"),
    "A01.13": ("Gärtnerei {S}", "Biohof {P}", "Gemüsebau {S}"),
    "A01.24": ("Obstbau {S}", "Obsthof {P}"),
    "A02.20": ("Forstbetrieb {S}", "Holzrückung {S}"),
    "A01.30": ("Baumschule {S}", "Jungpflanzen {P}"),
    "C10.71": ("Bäckerei {S}", "Backstube {P}", "{S}s Landbäckerei"),
    "C16.23": ("Tischlerei {S}", "{S} Holzbau", "{P} Fenster und Türen"),
    "C25.53": ("{S} Präzisionsteile", "{P} Zerspanungstechnik", "{S} & {S2} CNC-Technik"),
    "C25.11": ("{S} Metallbau", "{P} Stahl- und Metallbau"),
    "C22.29": ("{S} Kunststofftechnik", "{P} Kunststoffverarbeitung"),
    "C28.29": ("{S} & {S2} Maschinenbau", "{P} Anlagenbau"),
    "C31.09": ("{W}form Möbelmanufaktur", "{S} Möbelwerkstätten"),
    "C10.13": ("Fleischerei {S}", "{P}er Landschlachterei"),
    "C11.05": ("{P}er Brauhaus", "Brauerei {S}"),
    "C33.12": ("{S} Anlagenservice", "{P} Maschinenservice"),
    "C18.12": ("Druckerei {S}", "{W}druck"),
    "C26.70": ("{S} Optik-Systeme", "{P} Photonik"),
    "C17.21": ("{P} Verpackungen", "{S} Wellpappe"),
    "F43.22": ("{S} Haustechnik", "{S} Sanitär und Heizung"),
    "F43.21": ("Elektro {S}", "{S} Elektrotechnik"),
    "F41.20": ("{S} Bau", "{P} Hochbau", "Bauunternehmen {S}"),
    "F43.91": ("Dachdeckerei {S}", "{S} Bedachungen"),
    "F43.34": ("Malerbetrieb {S}", "Malerwerkstatt {S}"),
    "F42.11": ("{P} Tiefbau", "{S} Straßen- und Tiefbau"),
    "F43.32": ("Zimmerei {S}", "{S} Innenausbau"),
    "F43.33": ("Fliesen {S}", "{S} Fliesen und Naturstein"),
    "G47.11": ("{P}er Hofladen", "Markt {S}", "Bioladen {W}korn"),
    "G46.90": ("{S} Großhandel", "{P} Handelskontor"),
    "G45.20": ("Autohaus {S}", "Kfz-Werkstatt {S}"),
    "G47.52": ("Eisenwaren {S}", "{S} Baumarkt"),
    "G46.73": ("{S} Baustoffhandel", "{P} Baustoffe"),
    "G47.59": ("Einrichtungshaus {S}", "Wohnen {S}"),
    "G46.31": ("{P} Frischedienst", "Obst und Gemüse {S}"),
    "G47.76": ("Gartencenter {S}", "Blumen {S}"),
    "G46.21": ("{P} Landhandel", "Raiffeisenmarkt {P}"),
    "H49.41": ("Spedition {S}", "{S} Transporte"),
    "H52.29": ("{S} Logistik", "{P} Logistikzentrum"),
    "H53.20": ("{P} Kurierdienst", "Kurier {S}"),
    "I55.10": ("Hotel {P}", "Landhotel {S}"),
    "I56.10": ("Landgasthof {S}", "Gasthaus Zum {A}", "Café {S}"),
    "I55.20": ("Ferienhof {P}", "Pension {S}"),
    "I56.21": ("{P} Catering", "Partyservice {S}"),
    "J62.01": ("{W}soft", "{W}code Software"),
    "J62.02": ("{S} IT-Service", "{W}netz Systemhaus"),
    "J63.11": ("{P} Data", "{W}cloud Rechenzentrum"),
    "J58.29": ("{W}ware Software", "{S} Softwareentwicklung"),
    "M71.12": ("Ingenieurbüro {S}", "Planungsbüro {S}", "Vermessung {S}"),
    "M69.20": ("Steuerberatung {S} & Partner", "Kanzlei {S}"),
    "M73.11": ("Werbeagentur {W}blick", "{W}werk Kommunikation"),
    "M70.22": ("{S} Consulting", "{S} Unternehmensberatung"),
    "M71.11": ("Architekturbüro {S}", "{S} Architekten"),
    "N81.21": ("{S} Gebäudereinigung", "{P} Gebäudedienste"),
    "N81.30": ("Garten- und Landschaftsbau {S}", "{S} Grünpflege"),
    "N82.30": ("{P} Eventservice", "{W}punkt Veranstaltungstechnik"),
    "Q86.23": ("Zahnarztpraxis Dr. {S}",),
    "Q86.21": ("Hausarztpraxis {S} & {S2}", "Praxis Dr. {S}"),
    "Q87.10": ("Seniorenhaus {P}", "Pflegeheim {P}"),
    "Q88.10": ("Pflegedienst {P}", "Ambulante Pflege {S}"),
    "Q86.90": ("Physiotherapie {S}", "Praxis für Physiotherapie {S}"),
    "S96.02": ("Friseursalon {S}", "Haarstudio {S}"),
    "S95.22": ("Schuh- und Schlüsseldienst {S}", "Reparaturwerkstatt {S}"),
    "S96.01": ("Textilpflege {S}", "Wäscherei {P}"),
}
SUFFIX = {
    "sole_proprietorship": (" e.K.", "", ""),
    "partnership": (" GmbH & Co. KG", " OHG", " GbR", " KG"),
    "limited_company": (" GmbH", " GmbH", " GmbH", " UG (haftungsbeschränkt)"),
    "cooperative": (" eG",),
    "other": ("",),
}
NO_SUFFIX = ("praxis", "steuerberatung", "& partner", "dr.")


def surname_pool(region: str) -> tuple[str, ...]:
    if region in ("Sachsen-Anhalt", "Sachsen", "Thüringen"):
        return SURNAMES["east"]
    if region in ("Mecklenburg-Vorpommern", "Schleswig-Holstein"):
        return SURNAMES["north"] + SURNAMES["west"][:8]
    return SURNAMES["west"]


def company_name(rng: random.Random, nace: str, region: str, legal_form: str) -> str:
    """A fictitious company name fitting the trade (NACE code), region and legal form."""
    pool = surname_pool(region)
    place = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
    if legal_form == "cooperative":
        return f"Agrargenossenschaft {place} eG" if nace[:1] == "A" else f"{place}er Einkaufsgenossenschaft eG"
    template = rng.choice(TEMPLATES.get(nace, ("{S} Dienstleistungen",)))
    s1 = rng.choice(pool)
    s2 = rng.choice([n for n in pool if n != s1])
    base = template.format(S=s1, S2=s2, P=place, W=rng.choice(WORDS), A=rng.choice(ANIMALS))
    if any(t in base.lower() for t in NO_SUFFIX) and legal_form != "limited_company":
        return base
    return base + rng.choice(SUFFIX.get(legal_form, ("",)))
