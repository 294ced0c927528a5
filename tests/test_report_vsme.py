"""The report's section "VSME-Datenpunkte" / "VSME datapoints" (B1-B11 complete / partly / open / omitted and the
rows of table answers), and table answers in every place that looks at answers by question type."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, ROOT
from toolkit.cli import main
from toolkit.report.view import ReportView
from toolkit.responses import load_response
from toolkit.scoring.scores import score
from toolkit.views.scorecard_text import scorecard_text

SITE = "<b>Werk</b> & Söhne-Straße 4"  # typed text with markup: shown as text


@pytest.fixture
def response(tmp_path: Path) -> Path:
    """The manufacturer example with table answers, one omitted disclosure and a table answered 'n/a'."""
    doc = json.loads((EXAMPLES / "manufacturer.json").read_text(encoding="utf-8"))
    doc["answers"].update(
        {
            "b1_sites": {
                "value": [
                    {"address": SITE, "postal_code": "21335", "city": "Lüneburg", "country": "DE"},
                    {"address": "Hafenweg 2", "city": "Hamburg", "country": "DE"},
                ]
            },
            "b4_applicable": {"value": "yes"},
            "b4_pollutants": {"value": [{"pollutant": "Nitrogen oxides (NOx/NO2)", "air": 1234.5}]},
            "res_material_flows": {"value": [{"material": "Stahlblech", "weight_t": 812}]},
            "wf_employees_countries": {"not_applicable": True, "explanation": "Nur deutsche Arbeitsverträge."},
            "b1_omitted": {"value": ["b9"]},
        }
    )
    path = tmp_path / "example-manufacturer.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def status_of(html: str, disclosure: str) -> str:
    pattern = rf'<tr class="tk-vsme-(\w+)">\s*<th scope="row"><span class="tk-crit">{disclosure}</span>'
    row = re.search(pattern, html)
    assert row, disclosure
    return row.group(1)


def test_the_section_shows_b1_to_b11_with_their_status(response: Path) -> None:
    html = ReportView.load(response, lang="de").vsme().html()
    assert "VSME-Datenpunkte" in html and "VSME B1–B11" in html
    for i in range(1, 12):
        assert f'<span class="tk-crit">B{i}</span>' in html
    assert status_of(html, "B9") == "omitted" and "weggelassen" in html
    assert status_of(html, "B4") == "complete"  # b4_applicable and its pollutant table
    assert status_of(html, "B6") == "complete"
    english = ReportView.load(response, lang="en").vsme().html()
    assert "VSME datapoints" in english and "omitted" in english and "Basis for preparation" in english


def test_table_answers_are_shown_row_by_row_and_escaped(response: Path) -> None:
    html = ReportView.load(response, lang="de").vsme().html()
    assert "&lt;b&gt;Werk&lt;/b&gt; &amp; Söhne-Straße 4" in html and "<b>Werk</b>" not in html
    assert "Hafenweg 2" in html and "Lüneburg" in html and "21335" in html
    assert "1.234,5" in html and "Nitrogen oxides (NOx/NO2)" in html  # numbers in the report's format
    assert "Stahlblech" in html and "812" in html
    assert "Trifft nicht zu" in html and "Nur deutsche Arbeitsverträge." in html
    english = ReportView.load(response, lang="en").vsme().html()
    assert "1,234.5" in english and "Street and number" in english


def test_the_section_is_in_the_contents_the_parts_and_the_notebook(response: Path) -> None:
    view = ReportView.load(response, lang="de")
    contents = view.contents()
    assert contents.index("VSME-Datenpunkte") == contents.index(view.t("kpis")) + 1
    assert any("tk-vsme" in part.html() for part in view.parts())
    nb = nbformat.read(ROOT / "notebooks" / "report.ipynb", as_version=4)
    calls = [c.source.strip() for c in nb.cells if c.cell_type == "code" and c.source.strip().startswith("view.")]
    assert calls.index("view.vsme()") == calls.index("view.kpis()") + 1  # the notebook displays it after B3
    assert f"{contents.index('VSME-Datenpunkte') + 1:02d} · VSME B1–B11" in view.vsme().html()


def test_a_table_answer_reads_as_its_row_count(response: Path) -> None:
    view = ReportView.load(response, lang="de")
    q = view.qn.question("b1_sites")
    assert view.answer_label(q, view.resp.answers["b1_sites"]) == "2 Zeilen"


def test_tables_pass_through_scoring_the_text_scorecard_and_score_json(response: Path) -> None:
    view = ReportView.load(response, lang="de")
    card = score(view.qn, load_response(response, view.qn))
    assert all(c.question not in ("b1_sites", "b4_pollutants") for d in card.dimensions for c in d.contributions)
    for lang in ("de", "en"):
        assert scorecard_text(card, lang)
    out = CliRunner().invoke(main, ["score", str(response), "--json"])
    assert out.exit_code == 0, out.output
    vsme = {d["id"]: d["status"] for d in json.loads(out.output)["vsme_basic"]["disclosures"]}
    assert vsme["B9"] == "omitted" and vsme["B4"] == "complete"


@pytest.mark.slow
def test_the_pdf_has_the_vsme_page(response: Path, tmp_path: Path) -> None:
    from toolkit.report.render import render_report

    result = render_report(response, tmp_path / "out", lang="de")
    # -raw: the content stream's order; the layout heuristic mixes the count boxes into the table's first row
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(result.pdf_path), "-"], check=True,
                          capture_output=True, text=True).stdout  # fmt: skip
    text = re.sub(r"\s+", " ", text)
    assert text.count("VSME-Datenpunkte") >= 2  # in the contents and as the section's title
    page = text[text.index("VSME B1–B11") :]
    for needle in (
        "Grundlagen für die Erstellung",
        "weggelassen",
        "<b>Werk</b> & Söhne-Straße 4",
        "Hafenweg 2",
        "1.234,5",
        "Stahlblech",
        "Trifft nicht zu",
    ):
        assert needle in page, needle
