"""The company report in two parts (issue 14, item 1): an owner's part of at most three pages in plain words, then
an appendix that begins with the heading "Anhang" / "Appendix"; no page before the last with only a few lines;
tagged PDFs with bookmarks; units, plurals and CO₂ written right.

The first tests need neither a kernel nor a browser; the PDF tests share one kernel and one Chromium.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import DATA, EXAMPLES
from toolkit.i18n import plural, unit_label
from toolkit.rendering.charts import DimensionRow, dimension_bars
from toolkit.rendering.fmt import co2
from toolkit.report.glossary import glossary
from toolkit.report.view import ReportView

COHORT = DATA / "cohort-summary.json"
MIN_WORDS = 60
# reference codes and technical names the owner's pages must not use (they belong to the appendix)
OWNER_FORBIDDEN = ("DNK", "VSME", "GRI", "GHG Protocol", "Faktorentabelle", "factor table", "de-2024", "B3")


def test_contents_number_the_owners_part_first_and_the_comparison_only_with_a_cohort():
    alone = ReportView.load(EXAMPLES / "manufacturer.json", lang="de")
    compared = ReportView.load(EXAMPLES / "manufacturer.json", lang="de", cohort=COHORT)
    assert alone.contents()[:2] == ["Auf einen Blick", "Ihr Maßnahmenplan"]
    assert compared.contents()[:3] == ["Auf einen Blick", "Ihr Ergebnis im Vergleich", "Ihr Maßnahmenplan"]
    assert "Keine Vergleichswerte" not in "".join(p.html() for p in alone.parts())
    assert alone.comparison().parts == []
    appendix = alone.appendix().html()
    assert "<h1>Anhang</h1>" in appendix
    for number, title in enumerate(alone.contents()[2:], start=3):  # the appendix lists its own sections
        assert f"<b>{number:02d}</b> {title.replace('&', '&amp;')}" in appendix


def test_every_answer_is_listed_and_criterion_numbers_say_dnk():
    view = ReportView.load(EXAMPLES / "manufacturer.json", lang="de")
    for d in view.headline:
        html = view.dimension(d.id).html()
        scored = [c for c in d.contributions if c.fraction is not None and c.status not in ("not_applicable",)]
        rows = re.findall(r'<span class="tk-crit">DNK \d+</span>', html)
        assert len(rows) >= len(scored) > 0, d.id
        assert "weitere" not in html and "… und" not in html  # nothing hidden behind "... und 8 weitere"
    plain_badges = re.findall(r'<span class="tk-crit">\d+</span>', "".join(p.html() for p in view.parts()))
    assert plain_badges == []


def test_action_plan_shows_exact_effect_effort_cost_and_time():
    view = ReportView.load(EXAMPLES / "manufacturer.json", lang="de")
    html = view.next_steps().html()
    plan = view.card.recommendations[:5]
    assert html.count('class="tk-plan-item"') == len(plan) == 5
    for r in plan:
        assert escape(view.effect(r)) in html
        assert "Aufwand:" in html and "Kosten:" in html and "Dauer:" in html
    assert "Gesamtergebnis 68\u00a0→\u00a069" in html
    assert "Kurz erklärt" in html and "Stufe 0 bis 4" in html


def test_glossary_lists_the_terms_the_owners_pages_use():
    terms = [t for t, _ in glossary("Scope 1 und 2 in MWh; CSR Risiko-Check; GHG Protocol", "de", pct="70 %",
                                    l0="Nicht begonnen", l4="Vorreiter")]  # fmt: skip
    assert terms == ["Stufe 0 bis 4", "MWh", "Scope 1", "Scope 2", "GHG Protocol", "CSR Risiko-Check"]
    explained = dict(glossary("Scope 1", "de", pct="70 %", l0="a", l4="b"))
    assert explained["Scope 1"].startswith("was Sie selbst verbrennen")
    assert [t for t, _ in glossary("Scope-3-Kategorien", "en", pct="70%", l0="a", l4="b")] == [
        "Level 0 to 4",
        "Scope 3",
    ]


def test_units_plurals_and_co2():
    assert unit_label("persons", "en", 1) == "person" and unit_label("persons", "en", 2) == "persons"
    assert unit_label("persons", "de", 1) == "Person" and unit_label("persons", "de", 180) == "Personen"
    assert unit_label("count", "de", 3) == "" and unit_label("count", "en") == ""
    assert unit_label("m3", "de") == "m³"
    assert plural("report.dq_contradictions", 1, "en") == "1 contradiction between answers"
    assert plural("report.dq_contradictions", 2, "de") == "2 Widersprüche zwischen Antworten"
    assert co2("CO2e, CO2-Preise und CO₂") == "CO₂e, CO₂-Preise und CO₂"
    view = ReportView.load(EXAMPLES / "manufacturer.json", lang="en")
    html = "".join(p.html() for p in view.parts())
    assert re.search(r"\bCO2", html) is None  # the questionnaire's and the factor sources' "CO2" is written CO₂
    assert "t CO₂e per employee" not in html and "Emissions per employee" in html
    assert not re.search(r">1</td><td class=\"tk-nowrap\">persons<", html)
    assert ">count<" not in html and ">Anzahl<" not in html


def test_own_power_says_what_was_fed_in():
    view = ReportView.load(EXAMPLES / "manufacturer.json", lang="de")
    html = view.kpis().html()
    assert "− 95,0 MWh eingespeist" in html
    assert "820,0 MWh erzeugt − 95,0 MWh eingespeist = 725,0 MWh selbst verbraucht" in html


def test_comparison_chart_shows_band_and_bar_in_their_own_lanes_with_matching_legend():
    rows = [DimensionRow("Energie", 77.0, 48.0, 35.5, 61.0), DimensionRow("Lieferkette", 59.0, 36.0, 22.5, 49.0)]
    labels = {"your_score": "Ihr Ergebnis", "median": "Median", "quartiles": "Mittlere Hälfte"}
    fig = dimension_bars(rows, [(0, "L0"), (40, "L2")], labels, "de", ["77", "59"])
    bars = [t for t in fig["data"] if t["type"] == "bar"]
    assert [t["name"] for t in bars] == ["Ihr Ergebnis", "Mittlere Hälfte"]
    for t in bars:
        assert isinstance(t["marker"]["color"], str)  # one colour per trace: the legend shows that colour
    company, band = bars
    lanes = [(t["offset"], t["offset"] + t["width"]) for t in (company, band)]
    assert lanes[1][1] <= lanes[0][0]  # the band lies below the bar, not behind it
    assert company["marker"]["color"] != band["marker"]["color"]


# ---- the PDFs ------------------------------------------------------------------------------------------------------
# The running footer of every page ("Seite 4 von 15" and the report label), which Chromium draws before the page's
# content, so that the extracted text of a page starts with it.
RUNNING_FOOTER = re.compile(r"^(?:Seite|Page) \d+ (?:von|of) \d+[^\n]*\n")


def pages(path: Path) -> list[str]:
    """The text of each page, without its running footer."""
    return [
        re.sub(r"\s+", " ", RUNNING_FOOTER.sub("", p.extract_text() or "", count=1)) for p in PdfReader(str(path)).pages
    ]


def outline(reader: PdfReader) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return out


CASES = [
    ("manufacturer.json", "de", True),
    ("manufacturer.json", "en", True),
    ("manufacturer.json", "de", False),
    ("manufacturer.json", "en", False),
    ("micro-craft-firm.json", "en", False),
    ("service-firm.json", "de", True),
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    from toolkit.rendering.execute import WarmKernel
    from toolkit.rendering.pdf import PdfPrinter
    from toolkit.report.render import render_report

    out = tmp_path_factory.mktemp("layout")
    done = {}
    with PdfPrinter() as printer, WarmKernel() as kernel:
        for name, lang, cohort in CASES:
            folder = out / f"{Path(name).stem}-{lang}-{'cohort' if cohort else 'alone'}"
            result = render_report(
                EXAMPLES / name, folder, lang=lang, cohort=COHORT if cohort else None, printer=printer, kernel=kernel
            )
            done[(name, lang, cohort)] = result.pdf_path
    return done


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(("name", "lang", "cohort"), CASES)
def test_appendix_by_page_four_no_sparse_page_and_bookmarks(reports, name, lang, cohort):
    path = reports[(name, lang, cohort)]
    reader = PdfReader(str(path))
    texts = pages(path)
    heading = "Anhang" if lang == "de" else "Appendix"
    marks = outline(reader)
    appendix_page = next(page for title, page in marks if title == heading)
    assert appendix_page <= 3, f"the appendix starts on page {appendix_page + 1}"
    assert texts[appendix_page].lstrip().startswith(heading)
    for i, text in enumerate(texts[:-1]):
        words = len(re.findall(r"\w+", text))
        assert words >= MIN_WORDS, f"page {i + 1} of {path.name} holds only {words} words"
    view = ReportView.load(EXAMPLES / name, lang=lang, cohort=COHORT if cohort else None)
    titles = [title for title, _ in marks]
    assert titles[0] == view.company_name
    for title in view.contents():
        assert title in titles, f"no bookmark for {title!r}"
    comparison = view.t("cohort")
    assert (comparison in " ".join(texts)) is cohort  # a comparison only when a cohort is given
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize(("name", "lang", "cohort"), [c for c in CASES if c[0] != "service-firm.json"])
def test_owners_pages_use_plain_words(reports, name, lang, cohort):
    """The service firm is left out: one of its steps (from the questionnaire) names the GHG Protocol, which the
    glossary then explains."""
    path = reports[(name, lang, cohort)]
    texts = pages(path)
    heading = "Anhang" if lang == "de" else "Appendix"
    owner = " ".join(t for t in texts[: next(i for i, t in enumerate(texts) if t.lstrip().startswith(heading))])
    for code in OWNER_FORBIDDEN:
        assert code not in owner, f"{code!r} on the owner's pages of {path.name}"
    assert ("Kurz erklärt" if lang == "de" else "In plain words") in owner
    assert "Scope 1" in owner or "MWh" in owner  # the glossary explains the terms the pages use


@pytest.mark.slow
@pytest.mark.browser
def test_units_and_co2_in_the_pdf(reports):
    de = " ".join(pages(reports[("manufacturer.json", "de", True)]))
    en = " ".join(pages(reports[("micro-craft-firm.json", "en", False)]))
    for text in (de, en):
        assert "CO2" not in text and "CO₂" in text
        assert not re.search(r"\b1 (persons|Personen)\b", text)
        assert " Anzahl" not in text and not re.search(r"\d count\b", text)
    assert "t CO₂e je Beschäftigten" not in de and "Emissionen je Beschäftigten" in de
    assert "725,0 MWh selbst verbraucht" in de


@pytest.mark.slow
@pytest.mark.browser
def test_provisional_marks_reach_the_owners_pages(tmp_path):
    from toolkit.report.render import render_report

    data = json.loads((EXAMPLES / "manufacturer.json").read_text(encoding="utf-8"))
    data["answers"] = {k: v for k, v in list(data["answers"].items())[:6]}
    data["company"]["id"] = "barely"
    src = tmp_path / "barely.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = render_report(src, tmp_path / "out", lang="en", cohort=COHORT)
    texts = pages(result.pdf_path)
    owner = texts[: next(i for i, t in enumerate(texts) if t.lstrip().startswith("Appendix"))]
    assert len(owner) <= 3
    assert all("provisional" in t.lower() for t in owner)
