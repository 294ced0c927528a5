"""The per-company PDF report: content, escaping, charts, metadata hygiene, CLI, cohort summary contract.

The expensive parts (one kernel, one Chromium, six rendered reports) are module fixtures shared by all tests.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from tests.conftest import DATA, EXAMPLES, QUESTIONNAIRE, ROOT
from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import tr
from toolkit.errors import CohortError, RenderError
from toolkit.i18n import number
from toolkit.rendering.execute import WarmKernel, build_parameters, execute_notebook, load_template, parameterize
from toolkit.rendering.export import ReportDocument, clean_notebook, export_html
from toolkit.rendering.files import atomic_write_bytes
from toolkit.rendering.pdf import PdfPrinter
from toolkit.report.render import render_report
from toolkit.report.view import ReportView
from toolkit.responses import load_response
from toolkit.scoring.scores import score
from toolkit.views.cohort_summary import CohortSummaryError, load_cohort_summary, parse_cohort_summary

pytestmark = [pytest.mark.slow, pytest.mark.browser]

COHORT = DATA / "cohort-summary.json"
EXAMPLE_FILES = ("manufacturer.json", "micro-craft-firm.json", "service-firm.json")
LANGS = ("de", "en")
SOURCE_MARKERS = (
    "import ",
    "toolkit.",
    "def ",
    "parameters",
    "ReportView",
    "view.cover",
    "view = ",
    "injected",
    "papermill",
)
EVIL_NAME = (
    '<script>alert(1)</script> "Müller & Söhne" ../../etc '
    + "Ελληνικά Προϊόντα Αλουμινίου και Χάλυβα "
    + "中文测试公司有限责任公司 "
    + "Nachhaltige Metallverarbeitung für Maschinenbau und Fahrzeugtechnik in Norddeutschland "
    + "mit Standorten in Lüneburg, Uelzen und Celle sowie Vertrieb in ganz Europa"
)


def pdf_text(path: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first)]
    if last:
        args += ["-l", str(last)]
    out = subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


def page_texts(path: Path) -> list[str]:
    return [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(str(path)).pages]


# ---- shared rendering ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def printer():
    with PdfPrinter() as p:
        yield p


@pytest.fixture(scope="module")
def kernel():
    with WarmKernel() as k:
        yield k


@pytest.fixture(scope="module")
def rendered(printer, kernel, tmp_path_factory):
    """The three example companies in both languages, through one kernel and one browser."""
    out = tmp_path_factory.mktemp("reports")
    results = {}
    for name in EXAMPLE_FILES:
        for lang in LANGS:
            results[(name, lang)] = render_report(
                EXAMPLES / name, out, lang=lang, cohort=COHORT, printer=printer, kernel=kernel, keep_html=True
            )
    return results


def card_for(name: str):
    qn = load_questionnaire(QUESTIONNAIRE)
    return score(qn, load_response(EXAMPLES / name, qn))


# ---- the six reports -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", EXAMPLE_FILES)
@pytest.mark.parametrize("lang", LANGS)
def test_report_shows_company_levels_and_kpis(rendered, name, lang):
    result = rendered[(name, lang)]
    card = card_for(name)
    assert result.pdf_path.name == f"{card.company['id']}_report_{lang}.pdf"
    reader = PdfReader(str(result.pdf_path))
    assert len(reader.pages) >= 9
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595.3) < 2 and abs(float(box.height) - 841.9) < 2  # A4
    text = pdf_text(result.pdf_path)
    assert card.company["name"] in text
    for d in card.headline:
        assert tr(d.name, lang) in text
        assert tr(d.level_name, lang) in text
    assert tr(card.overall_level_name, lang) in text
    k = card.kpis
    gaps = card.data_quality.incomplete_kpis  # figures whose inputs are open read "unvollständig" instead
    candidates = [
        ("total_mwh", number(k.total_mwh, 1, lang)),
        ("renewable_share", number(k.renewable_share, 1, lang)),
        ("scope1", number(k.scope1_t, 2, lang)),
        ("scope2", number(k.scope2_location_t, 2, lang)),
        ("total_t", number(k.total_t, 2, lang)),
        ("per_employee", number(k.intensity_per_employee_t, 2, lang)),
        ("per_meur", number(k.intensity_per_meur_t, 2, lang)),
    ]
    figures = [value for figure, value in candidates if figure not in gaps]
    if gaps:
        assert ("unvollständig" if lang == "de" else "incomplete") in text
    figures += [number(e.mwh, 1, lang) for e in k.energy]
    for fig in figures:
        assert fig in text, f"KPI figure {fig} missing from the {lang} report of {name}"
    for e in k.energy:
        assert e.factor.source_in(lang).split()[0] in text and str(e.factor.year) in text
    n = len(reader.pages)
    assert (f"Seite 1 von {n}" if lang == "de" else f"Page 1 of {n}") in text
    for marker in SOURCE_MARKERS:
        assert marker not in text, f"{marker!r} leaked into the PDF"


def test_german_and_english_number_formats(rendered):
    k = card_for("manufacturer.json").kpis
    assert k.total_mwh > 1000  # so that a thousands separator shows
    de = pdf_text(rendered[("manufacturer.json", "de")].pdf_path)
    en = pdf_text(rendered[("manufacturer.json", "en")].pdf_path)
    assert number(k.total_mwh, 1, "de") in de and number(k.total_mwh, 1, "de") not in en
    assert number(k.total_mwh, 1, "en") in en
    assert "Auf einen Blick" in de and "At a glance" in en


def test_six_answers_make_a_provisional_report(printer, kernel, tmp_path):
    """Issue 12, done-when: a response with 6 answers renders a report whose first two pages say "vorläufig"
    and whose scorecard has overall_provisional: true; the overall figure is not called a mean, and key figures
    whose inputs are open read "unvollständig" instead of 0."""
    data = json.loads((EXAMPLES / "manufacturer.json").read_text(encoding="utf-8"))
    keep = (  # nothing on the supply chain: that dimension is not scored
        "st_strategy",
        "mat_analysis",
        "en_metering",
        "en_efficiency_measures",
        "ctl_kpis",
        "en_grid_electricity",
    )
    data["answers"] = {qid: data["answers"][qid] for qid in keep}
    data["company"]["id"] = "barely-started"
    src = tmp_path / "barely-started.json"
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = render_report(src, tmp_path / "out", printer=printer, kernel=kernel)
    scorecard = json.loads(result.pdf_path.with_name("barely-started_scorecard.json").read_text(encoding="utf-8"))
    assert scorecard["overall_provisional"] is True and scorecard["answers_given"] == 6
    assert scorecard["overall_is_mean"] is False
    first_two = pdf_text(result.pdf_path, 1, 2)
    first, second = pdf_text(result.pdf_path, 1, 1), pdf_text(result.pdf_path, 2, 2)  # cover and summary; the plan
    assert "vorläufig" in first.lower() and "vorläufig" in second.lower()
    open_count = scorecard["answers_shown"] - 6
    assert f"{open_count} von {scorecard['answers_shown']} Fragen" in first
    assert f"{open_count} von {scorecard['answers_shown']} Fragen" in second
    assert "Mittelwert der drei Kerndimensionen" not in first_two
    assert "zählt mit 0 Punkten" in first
    assert "unvollständig" in first_two  # total energy: the heating and fuel questions are open


def test_recommendations_in_order(rendered):
    """The action plan holds the first five steps in order; the appendix's "Weitere Schritte" the rest."""
    card = card_for("micro-craft-firm.json")
    text = pdf_text(rendered[("micro-craft-firm.json", "de")].pdf_path)
    plan = text[text.index("Die wirksamsten Schritte") : text.index("Für Ihre Beraterin oder Ihren Berater")]
    more = text[text.index("Die Schritte 6 bis") :]
    steps = [tr(r.next_step, "de") for r in card.recommendations]
    assert 6 <= len(steps) <= 10
    for part, chosen in ((plan, steps[:5]), (more, steps[5:])):
        positions = [part.find(" ".join(s.split()[:6])) for s in chosen]
        assert all(p >= 0 for p in positions), positions
        assert positions == sorted(positions)


def test_fonts_embedded(rendered):
    out = subprocess.run(
        ["pdffonts", str(rendered[("service-firm.json", "en")].pdf_path)], check=True, capture_output=True, text=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows, "no fonts in the PDF"
    assert any("DejaVu" in r for r in rows)
    for row in rows:  # columns: name type encoding emb sub uni object ID
        emb = re.search(r"\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row)
        assert emb and emb.group(1) == "yes", f"font not embedded: {row}"


def _path_ops(page) -> int:
    data = page.get_contents().get_data().decode("latin-1")
    return len(re.findall(r"(?m)(?:^|\s)(?:re|l|c|m|f|S|B)\s*$", data))


def test_charts_are_drawn_in_the_pdf(rendered, printer):
    """The comparison and energy pages carry many more vector paths than the same document without charts."""
    result = rendered[("manufacturer.json", "de")]
    html = result.html_path.read_text(encoding="utf-8")
    assert html.count('class="tk-chart"') == 2  # comparison bars, energy mix
    body = html[html.index("<body>") :]
    assert "application/vnd.plotly" not in body and "<script" not in body
    assert html.count("<script>") == 2 and "<script src" not in html  # plotly.js once, the drawing script once
    doc = ReportDocument(result.company_id, html.replace(_plotly_script(html), "<!--tk-plotly-js-->"), "de", "t", "f")
    no_charts = ReportDocument(
        doc.company_id, re.sub(r'<div class="tk-chart"[^>]*></div>', "", doc.html), "de", "t", "f"
    )
    with_pdf = PdfReader(io.BytesIO(printer.print_pdf(doc, fresh=True)))
    without_pdf = PdfReader(io.BytesIO(printer.print_pdf(no_charts, fresh=True)))
    texts = [re.sub(r"\s+", " ", p.extract_text() or "") for p in with_pdf.pages]
    cmp_page = next(i for i, t in enumerate(texts) if "Vergleichsgruppe: Beispielnetzwerk" in t)
    mix_page = next(i for i, t in enumerate(texts) if "Energiemix (MWh)" in t)
    for i in (cmp_page, mix_page):
        drawn, bare = _path_ops(with_pdf.pages[i]), _path_ops(without_pdf.pages[i])
        assert drawn > bare + 40, f"page {i + 1}: {drawn} path operators with charts, {bare} without"
    # plotly's own text (axis ticks, level names over the bars) is only there when the chart drew
    assert "Vorreiter" in texts[cmp_page] and "Nicht begonnen" in texts[cmp_page]


def _plotly_script(html: str) -> str:
    start = html.index("<script>")
    return html[start : html.index("</script>", start) + len("</script>")]


def test_warm_page_prints_the_same_as_a_fresh_page(rendered, printer):
    result = rendered[("service-firm.json", "en")]  # printed on the warm page (not the first report)
    html = result.html_path.read_text(encoding="utf-8")
    doc = ReportDocument(result.company_id, html.replace(_plotly_script(html), "<!--tk-plotly-js-->"), "en", "x", "")
    fresh = PdfReader(io.BytesIO(printer.print_pdf(doc, fresh=True)))
    warm = PdfReader(str(result.pdf_path))
    assert len(fresh.pages) == len(warm.pages)

    def body(page) -> list[str]:  # the footer label differs (the test document has none)
        return [line for line in page.extract_text().splitlines() if "Page " not in line]

    assert [body(p) for p in fresh.pages] == [body(p) for p in warm.pages]


def test_html_has_no_code_parameters_or_paths(rendered):
    for (name, _lang), result in rendered.items():
        html = result.html_path.read_text(encoding="utf-8")
        body = html[html.index("<body>") :]
        for marker in ("injected-parameters", "papermill", "ReportView", "import ", str(EXAMPLES), name):
            assert marker not in body, f"{marker!r} in the report HTML of {name}"


def test_cohort_figures_shown(rendered):
    text = pdf_text(rendered[("service-firm.json", "de")].pdf_path)
    assert "Beispielnetzwerk 2026 (23 Unternehmen)" in text
    energy = load_cohort_summary(COHORT).groups[1].dimensions["energy"]
    assert f"{number(energy.q1, 0, 'de')}–{number(energy.q3, 0, 'de')}" in text  # quartiles of the network group


# ---- escaping and file names ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def evil(printer, kernel, tmp_path_factory):
    base = tmp_path_factory.mktemp("evil")
    data = json.loads((EXAMPLES / "service-firm.json").read_text(encoding="utf-8"))
    data["company"]["id"] = "evil-co"
    data["company"]["name"] = EVIL_NAME
    card = card_for("service-firm.json")  # the note goes on the answer listed first among the energy strengths
    top = max((c for c in card.dimension("energy").contributions if c.fraction), key=lambda c: c.points)
    data["answers"][top.question]["note"] = '<img src=x onerror="alert(2)"> </section></main><script>alert(3)</script>'
    src = base / "in" / "evil.json"
    src.parent.mkdir()
    src.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = base / "out"
    result = render_report(src, out, printer=printer, kernel=kernel, keep_html=True)
    return base, out, result


def test_typed_text_is_escaped(evil):
    _base, out, result = evil
    assert result.pdf_path == out.resolve() / "evil-co_report_de.pdf"
    html = result.html_path.read_text(encoding="utf-8")
    body = html[html.index("<body>") :]
    assert "<script>alert" not in body and "<img src=x" not in body and "</main><script>" not in body
    assert "<script>alert(1)" not in html and "<title>Nachhaltigkeits-Check – &lt;script&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    text = pdf_text(result.pdf_path)
    assert "<script>alert(1)</script>" in text
    assert '"Müller & Söhne" ../../etc' in text
    assert "Ελληνικά Προϊόντα Αλουμινίου" in text
    assert "中文测试公司有限责任公司" in text  # drawn with Noto CJK, installed by .ci/install-system-packages
    assert "in ganz Europa" in text  # the whole long name is there
    assert '<img src=x onerror="alert(2)">' in text  # the note, shown as text


def test_no_file_outside_out_dir(evil):
    base, _out, _result = evil
    files = sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file())
    assert files == [
        "in/evil.json",
        "out/evil-co_report_de.html",
        "out/evil-co_report_de.pdf",
        "out/evil-co_scorecard.json",
    ]
    assert not any(f.endswith(".tmp") or "etc" in f for f in files)


def test_chart_labels_are_escaped(printer, tmp_path):
    from toolkit.rendering.charts import Chart, dimension_bars
    from toolkit.rendering.charts import DimensionRow as Row

    evil_label = '<script>alert("x")</script><b>bold</b>'
    fig = dimension_bars([Row(evil_label, 50.0)], [(0, "L0"), (50, "L1")], _labels(), "de", ["50"])
    chart = Chart(fig, caption=evil_label)
    markup = chart.html()
    assert "<script>" not in markup and "<b>" not in markup
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data=chart._repr_mimebundle_())]
    nb.cells = [cell]
    doc = export_html(nb, company_id="x", lang="de", title="t", footer_label="f")
    text = re.sub(r"\s+", " ", PdfReader(io.BytesIO(printer.print_pdf(doc))).pages[0].extract_text())
    assert '<script>alert("x")</script><b>bold</b>' in text  # axis label and caption, shown literally


def _labels() -> dict[str, str]:
    return {"your_score": "Score", "median": "Median", "quartiles": "Q1-Q3"}


def test_a_chart_type_missing_from_the_shipped_plotly_fails_its_report(printer):
    from toolkit.errors import RenderError
    from toolkit.rendering.charts import Chart

    nb = nbformat.v4.new_notebook()
    cells = []
    for trace in ({"type": "box", "y": [1, 2, 3]}, {"type": "scatterpolar", "r": [1, 2], "theta": ["a", "b"]}):
        cell = nbformat.v4.new_code_cell("")
        chart = Chart({"data": [trace], "layout": {"width": 300, "height": 200}})
        cell.outputs = [nbformat.v4.new_output("display_data", data=chart._repr_mimebundle_())]
        cells.append(cell)
    nb.cells = cells[:1]  # box (the cohort report's) is in the shipped bundle
    assert printer.print_pdf(export_html(nb, company_id="x", lang="de", title="t", footer_label="f"))
    nb.cells = cells  # a radar is not: plotly.js would draw it as a scatter trace without a word
    with pytest.raises(RenderError, match="trace types scatterpolar drawn as scatter"):
        printer.print_pdf(export_html(nb, company_id="x", lang="de", title="t", footer_label="f"))


def test_shipped_plotly_is_the_version_the_plotly_package_bundles():
    from plotly.offline import get_plotlyjs_version

    from toolkit.rendering.export import plotly_js

    assert f"plotly.js (cartesian - minified) v{get_plotlyjs_version()}" in plotly_js()[:200]


# ---- notebook hygiene ------------------------------------------------------------------------------------------
def test_executed_notebook_has_no_injected_parameters():
    params = build_parameters(EXAMPLES / "micro-craft-firm.json", lang="en")
    raw = execute_notebook(params, company_id="example-joinery")  # papermill, its own kernel
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in raw.cells)  # papermill did inject
    assert raw.metadata["papermill"]["parameters"]["response"] == params["response"]
    nb = clean_notebook(raw)
    assert not any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
    assert set(nb.metadata) <= {"kernelspec", "language_info"}
    dumped = json.dumps(nb.metadata) + json.dumps([c.metadata for c in nb.cells])
    assert "parameters" not in dumped.replace('"tags": ["parameters"]', "")
    assert params["response"] not in nbformat.writes(nb)
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    charts = [o for o in outputs if "application/vnd.plotly.v1+json" in o.get("data", {})]
    assert len(charts) == 1 and all('class="tk-chart"' in o["data"]["text/html"] for o in charts)  # energy mix
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")]


def test_warm_kernel_does_not_keep_state(kernel):
    """Neither a name nor a displayed value (IPython's Out, _, _1 caches) of one run is left for the next."""
    first = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("secret_company = 'Acme Secret'"), nbformat.v4.new_code_cell("secret_company")]
    )
    kept = "[k for k, v in get_ipython().user_ns.items() if 'Acme ' + 'Secret' in repr(v)]"  # not this cell's text
    second = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(f"print('secret_company' in globals(), {kept})")]
    )
    ran = kernel.run(first)
    assert ran.cells[-1].outputs[0]["data"]["text/plain"] == "'Acme Secret'"  # displayed as usual
    out = kernel.run(second)
    assert out.cells[0].outputs[0]["text"].strip() == "False []"
    assert not any("tk-reset" in c.metadata.get("tags", []) for c in out.cells)


def test_warm_kernel_gives_each_cell_its_own_outputs_and_stops_at_the_first_error(kernel):
    """All cells go to the kernel in one request; what each printed, displayed or returned comes back in its own
    cell, magics work as in a cell of their own, and an error stops the run at its cell with the cell's own
    exception."""
    cells = [
        "print('one')",
        "%time total = 1 + 1",
        "from IPython.display import HTML, display\ndisplay(HTML('<b>three</b>'))\nprint('still three')",
        "total",
        "1 / 0",
        "print('never')",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells[:4]])
    requests: list[str] = []
    send = kernel.kc.execute
    kernel.kc.execute = lambda code, *args, **kwargs: requests.append(code) or send(code, *args, **kwargs)
    try:
        out = kernel.run(nb)
    finally:
        del kernel.kc.execute  # the client's own method again
    assert len(requests) == 1, "one round trip for the whole notebook"
    texts = [
        [o.get("text") or o.get("data", {}).get("text/html") or o["data"].get("text/plain") for o in c.outputs]
        for c in out.cells
    ]
    assert texts[0] == ["one\n"]
    assert "Wall time" in "".join(texts[1])
    assert texts[2] == ["<b>three</b>", "still three\n"]
    assert texts[3] == ["2"]
    assert [c.execution_count for c in out.cells] == [1, 2, 3, 4]
    failing = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    with pytest.raises(RenderError, match="ZeroDivisionError: division by zero") as raised:
        kernel.run(failing, company_id="acme")
    assert raised.value.stage == "execute" and "acme" in str(raised.value)
    assert [o["output_type"] for o in failing.cells[4].outputs] == ["error"]
    assert failing.cells[5].outputs == [] and failing.cells[5].execution_count is None, "not run after the error"
    assert kernel.run(nb).cells[0].outputs[0]["text"] == "one\n", "the kernel goes on with the next run"


def _history_text(ipython_dir: Path) -> str:
    """Everything IPython's history databases under ``ipython_dir`` hold, as one string."""
    import sqlite3

    text = []
    for db in ipython_dir.rglob("*.sqlite"):
        with sqlite3.connect(db) as con:
            text += [str(row) for row in con.iterdump()]
    return "\n".join(text)


def test_kernels_keep_no_ipython_history(tmp_path, monkeypatch):
    """The parameters cell (a response path) must not land in ~/.ipython/profile_default/history.sqlite."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("response = None", metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("print(response)"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    path = tmp_path / "params.ipynb"
    nbformat.write(nb, path)
    with WarmKernel() as warm:  # batch workers' kernel: parameters injected per company, %reset -f between
        for secret in ("/secret/warm-a.json", "/secret/warm-b.json"):
            out = warm.run(parameterize(load_template(path), {"response": secret}))
            assert out.cells[-1].outputs[0]["text"].strip() == secret
    raw = execute_notebook({"response": "/secret/one-off.json"}, notebook=path)  # papermill's own kernel
    assert raw.cells[-1].outputs[0]["text"].strip() == "/secret/one-off.json"
    assert (tmp_path / "ipython").is_dir(), "the kernels did use the temporary IPython folder"
    assert "/secret/" not in _history_text(tmp_path / "ipython")
    assert not (tmp_path / "home" / ".ipython").exists()


def test_report_of_second_company_has_nothing_of_the_first(rendered):
    joinery = rendered[("micro-craft-firm.json", "de")].html_path.read_text(encoding="utf-8")
    assert "Tischlerei Beispiel GmbH" in joinery
    assert "Metallbearbeitung" not in joinery and "IT-Services" not in joinery


def test_nbval_runs_the_notebook_with_its_defaults():
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", "notebooks/report.ipynb"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "passed" in proc.stdout


# ---- CLI and errors ------------------------------------------------------------------------------------------
def test_cli_report(tmp_path):
    # a subprocess, as users run it (a second playwright instance cannot start in a thread that holds one)
    args = ["report", str(EXAMPLES / "service-firm.json"), "--out", str(tmp_path), "--lang", "en"]
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pdf = tmp_path / "example-it-services_report_en.pdf"
    card_path = tmp_path / "example-it-services_scorecard.json"
    assert pdf.read_bytes().startswith(b"%PDF") and f"written: {pdf.resolve()}" in proc.stdout
    assert json.loads(card_path.read_text(encoding="utf-8")) == json.loads(
        json.dumps(card_for("service-firm.json").to_dict())
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([pdf.name, card_path.name])
    text = pdf_text(pdf)
    assert "Your result in comparison" not in text and "No benchmarks" not in text  # no --cohort: no comparison
    assert "Your action plan" in text and "Appendix" in text


def test_cli_report_bad_response(tmp_path):
    from toolkit.cli import main

    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "sme-toolkit-response/1", "questionnaire": {"id": "dnk-sme"', encoding="utf-8")
    result = CliRunner().invoke(main, ["report", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "load failed" in result.output and "bad.json" in result.output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_render_error_names_company_and_stage(tmp_path, printer):
    with pytest.raises(RenderError) as info:
        render_report(EXAMPLES / "manufacturer.json", tmp_path, printer=printer, notebook=tmp_path / "missing.ipynb")
    assert info.value.company_id == "example-manufacturer" and info.value.stage == "execute"


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "a_report_de.pdf"
    target.write_bytes(b"%PDF old")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("toolkit.atomic.os.replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


# ---- cohort summary contract ---------------------------------------------------------------------------------
def test_cohort_summary_fixture_loads():
    summary = load_cohort_summary(COHORT)
    assert summary.min_group_size == 5
    group = summary.select("Beispielnetzwerk", "2026", {"sector": "C"})
    assert group is not None and group.key == {"network": "Beispielnetzwerk", "round": "2026"} and group.n == 23
    assert summary.select("unknown", "2026") is summary.groups[0]
    assert not summary.select("Kleinnetz", "2026").shown(summary.min_group_size)


def _summary(**group) -> dict:
    base = {
        "key": {"network": "N", "round": "2026"},
        "label": {"de": "N"},
        "n": 9,
        "dimensions": {"energy": {"median": 50, "q1": 40, "q3": 60}},
    }
    return {"format": "sme-toolkit-cohort-summary/1", "min_group_size": 5, "groups": [{**base, **group}]}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"format": "other/1"}, "format"),
        ({"min_group_size": 1}, "min_group_size"),
        ({"groups": {}}, "groups"),
        ({"extra": 1}, "top level"),
    ],
)
def test_cohort_summary_top_level_errors(change, where):
    doc = {**_summary(), **change}
    with pytest.raises(CohortSummaryError) as info:
        parse_cohort_summary(doc, "x.json")
    assert info.value.where == where and isinstance(info.value, CohortError)
    assert str(info.value).startswith("x.json: ")


@pytest.mark.parametrize(
    ("group", "where"),
    [
        ({"suppressed": True}, "groups[0]"),  # suppressed but still carrying figures
        ({"n": -1}, "groups[0].n"),
        ({"label": {"en": "N"}}, "groups[0].label"),
        ({"dimensions": {"energy": {"median": 50, "q1": 40}}}, "groups[0].dimensions.energy"),
        ({"dimensions": {"energy": {"median": 30, "q1": 40, "q3": 60}}}, "groups[0].dimensions.energy"),
        ({"dimensions": {"energy": {"median": 50, "q1": 40, "q3": 160}}}, "groups[0].dimensions.energy.q3"),
        ({"dimensions": {"energy": {"meadian": 50, "q1": 40, "q3": 60}}}, "groups[0].dimensions.energy"),
    ],
)
def test_cohort_summary_group_errors(group, where):
    with pytest.raises(CohortSummaryError) as info:
        parse_cohort_summary(_summary(**group), "x.json")
    assert info.value.where == where


def test_cohort_summary_file_errors(tmp_path):
    with pytest.raises(CohortSummaryError, match="file not found"):
        load_cohort_summary(tmp_path / "nope.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(CohortSummaryError, match=r"broken\.json:1:12: error C003: not valid JSON") as info:
        load_cohort_summary(broken)
    assert [(p.code, p.location.line, p.location.column) for p in info.value.problems] == [("C003", 1, 12)]


def _write(tmp_path: Path, doc: dict) -> Path:
    p = tmp_path / "summary.json"
    p.write_text(json.dumps(doc), encoding="utf-8")
    return p


def test_small_or_suppressed_group_shows_no_figures(tmp_path):
    small = _summary(key={"network": "Beispielnetzwerk", "round": "2026"}, n=4)
    suppressed = {**small, "groups": [{"key": small["groups"][0]["key"], "label": {"de": "N"}, "suppressed": True}]}
    for doc in (small, suppressed):
        view = ReportView.load(EXAMPLES / "manufacturer.json", lang="de", cohort=_write(tmp_path, doc))
        section = view.comparison()
        assert "n &lt; 5" in section.html() and section.charts == []  # one line saying why, no empty chart
        assert "40–60" not in section.html() and view.comparison_group.stats("energy") is None
        assert "Median der Vergleichsgruppe" not in view.dimension("energy").html()
    view = ReportView.load(EXAMPLES / "manufacturer.json", lang="en")  # no cohort: no comparison at all
    assert view.comparison().parts == [] and view.t("cohort") not in view.contents()


def test_bad_cohort_summary_stops_before_rendering(tmp_path):
    bad = _write(tmp_path, {**_summary(), "min_group_size": 0})
    with pytest.raises(RenderError) as info:
        render_report(EXAMPLES / "manufacturer.json", tmp_path / "out", cohort=bad)
    assert info.value.stage == "load" and "min_group_size" in info.value.message


def test_notebook_is_thin():
    nb = nbformat.read(ROOT / "notebooks" / "report.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata["tags"]
    assert set(nb.metadata) <= {"kernelspec", "language_info"}
    for c in code[1:]:
        assert not re.search(r"^\s*(def|class|for|if|while|import pandas)\b", c.source, re.M), c.source
        assert all(not o for o in c.get("outputs", [])), "the notebook is stored without outputs"


def test_view_imports_no_heavy_modules():
    # the report package imports lazily: the kernel side needs neither papermill nor playwright
    code = "import sys, toolkit.report.view; print('playwright' in sys.modules, 'papermill' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    assert out.split() == ["False", "False"]


def test_a_section_that_displayed_nothing_fails_the_report():
    from toolkit.report.contents import section_cells
    from toolkit.report.render import check_sections

    html = nbformat.v4.new_output("display_data", data={"text/html": "<p>x</p>"})
    nb = nbformat.v4.new_notebook(cells=section_cells())
    for cell in nb.cells:
        cell.outputs = [html]
    check_sections(nb, "acme")
    coverage = next(c for c in nb.cells if c.source == "view.coverage()")
    coverage.outputs = []
    with pytest.raises(RenderError, match="displayed nothing"):
        check_sections(nb, "acme")
    coverage.outputs = [html]
    next(c for c in nb.cells if c.source == "view.comparison()").outputs = []  # no cohort: nothing to compare
    check_sections(nb, "acme")
    nb.cells = [c for c in nb.cells if c.source != "view.method()"]
    with pytest.raises(RenderError, match=r"no cell for the section 'method' \(view\.method\(\)\)"):
        check_sections(nb, "acme")


def test_the_page_footer_keeps_any_label_inside_its_css_string():
    """The footer label is printed by the page's CSS: quotes, backslashes, line breaks and </style> in it are
    escaped, and the escapes read back to the label exactly."""
    from toolkit.rendering.export import page_footer_css

    label = 'Runde "2026"\n</style><script>alert(1)</script> \\ Müller · 東京'
    css = page_footer_css(label, "de")
    literal = re.search(r'@bottom-left \{ content: (".*?"); \}', css).group(1)
    assert "<" not in css and "\n" not in css and literal.count('"') == 2
    assert re.sub(r"\\([0-9a-f]{1,6}) ", lambda m: chr(int(m.group(1), 16)), literal[1:-1]) == label
    assert 'content: "Seite " counter(page) " von " counter(pages);' in css
    assert '"Page " counter(page) " of " counter(pages)' in page_footer_css("x", "en")


def test_a_warm_run_skips_the_defaults_cell_only_when_every_default_is_injected_again():
    from toolkit.rendering.execute import build_parameters, load_template, parameterize, without_replaced_defaults

    def tags(nb: Any) -> list[list[str]]:
        return [c.metadata.get("tags", []) for c in nb.cells if c.cell_type == "code"][:2]

    params = build_parameters(EXAMPLES / "micro-craft-firm.json")
    report = without_replaced_defaults(parameterize(load_template(), params), params)
    assert tags(report)[0] == ["injected-parameters"], "the report notebook's defaults are all injected again"

    def notebook(defaults: str) -> Any:
        cells = [
            nbformat.v4.new_code_cell(defaults, metadata={"tags": ["parameters"]}),
            nbformat.v4.new_code_cell("x", metadata={"tags": []}),
        ]
        return parameterize(nbformat.v4.new_notebook(cells=cells), {"response": "r.json"})

    for kept in ("response = None\nextra = 1", "import os\nresponse = None", "response, other = None, None"):
        nb = notebook(kept)
        assert tags(without_replaced_defaults(nb, {"response": "r.json"}))[0] == ["parameters"], kept
    nb = notebook("response = None  # the file")
    assert tags(without_replaced_defaults(nb, {"response": "r.json"}))[0] == ["injected-parameters"]
