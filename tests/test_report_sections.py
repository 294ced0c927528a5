"""The company report's sections as data, computed once and rendered once (issue 11, items 5 and 6).

* one ordered list of sections (``toolkit.report.contents.SECTIONS``) from which the notebook's section cells, the
  contents and the completeness check derive; adding a section touches only that list and its view function;
* ``toolkit report`` and ``toolkit render`` read each response file once and score it once; the notebook renders
  from the scorecard document that is written next to the PDF.

The first tests need neither a kernel nor a browser (the batch test runs the report notebook's code in this
process, so that every read and every scoring is counted); the last one renders two real PDFs.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import nbformat
import pytest

from tests.conftest import DATA, EXAMPLES, ROOT
from toolkit.rendering import fmt
from toolkit.rendering.fragments import Html, Section
from toolkit.report import contents
from toolkit.report.contents import APPENDIX, SECTIONS, ReportSection, missing_sections, section_cells
from toolkit.report.view import ReportView

NOTEBOOK = ROOT / "notebooks" / "report.ipynb"
COHORT = DATA / "cohort-summary.json"


def _executed(nb: Any) -> Any:
    """The notebook as if every cell had displayed something."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": "<p>x</p>"})]
    return nb


# ---- sections as data --------------------------------------------------------------------------------------------
def test_the_notebook_has_one_cell_per_section_in_order_calling_it():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    tagged = [(contents.cell_section(c), c.source.strip()) for c in nb.cells if contents.cell_section(c)]
    assert tagged == [(s.id, f"view.{s.id}()") for s in SECTIONS], (
        "the report notebook's section cells differ from toolkit.report.contents.SECTIONS: "
        "run `python -m toolkit.report.contents`"
    )
    untagged = [c.source for c in nb.cells if c.cell_type == "code" and not contents.cell_section(c)]
    assert not [src for src in untagged if re.match(r"\s*view\.\w+\(\)\s*$", src)]  # no section cell untagged
    assert missing_sections(_executed(nb)) == []
    for s in SECTIONS:  # each section's view function exists
        assert callable(getattr(ReportView, s.id)), s.id
    assert [s.id for s in SECTIONS if not s.appendix] == ["cover", "progress", "summary", "comparison", "next_steps"]
    assert [s.id for s in SECTIONS if s.optional] == ["progress", "comparison", "more_steps"]


def test_the_notebook_writer_leaves_an_up_to_date_notebook_as_it_is(tmp_path):
    copy = tmp_path / "report.ipynb"
    shutil.copy(NOTEBOOK, copy)
    assert contents.write_section_cells(copy) is False
    assert copy.read_bytes() == NOTEBOOK.read_bytes()


@pytest.fixture
def water_section(monkeypatch):
    """A new appendix section, added as the brief says: one entry in the list and its view function."""
    entry = ReportSection("water", APPENDIX, title="report.glossary", kicker="report.kicker_method")

    def water(self: ReportView) -> Html:
        return Html(f'<section class="tk-water"><p>{self._kicker("water")}</p></section>')

    monkeypatch.setattr(ReportView, "water", water, raising=False)
    before = list(SECTIONS)
    SECTIONS.insert([s.id for s in SECTIONS].index("method"), entry)
    yield entry
    SECTIONS[:] = before


def test_adding_a_section_touches_only_the_list_and_its_view_function(water_section, tmp_path):
    view = ReportView.load(EXAMPLES / "manufacturer.json", lang="de")
    title = view.t("glossary")
    names = view.contents()
    assert names[-2:] == [title, view.t("method")]  # numbered in the contents, before the method
    number = f"{len(names) - 1:02d}"
    html = "".join(p.html() for p in view.parts())
    assert f'<section class="tk-water"><p>{number} · {view.t("kicker_method")}</p></section>' in html
    assert f"<b>{number}</b> {title}" in view.appendix().html()  # the appendix lists it with its number
    assert f"<b>{len(names):02d}</b> {view.t('method')}" in view.appendix().html()  # and renumbers the next one

    shipped = _executed(nbformat.read(NOTEBOOK, as_version=4))  # the notebook does not have its cell yet:
    assert missing_sections(shipped) == ["the report notebook has no cell for the section 'water' (view.water())"]
    nb = tmp_path / "report.ipynb"
    shutil.copy(NOTEBOOK, nb)
    assert contents.write_section_cells(nb) is True  # python -m toolkit.report.contents
    updated = nbformat.read(nb, as_version=4)
    assert missing_sections(_executed(updated)) == []
    cells = [c.source for c in updated.cells if contents.cell_section(c)]
    assert cells[-2:] == ["view.water()", "view.method()"]


def test_the_completeness_check_finds_missing_repeated_unknown_and_misplaced_cells():
    nb = _executed(nbformat.v4.new_notebook(cells=section_cells()))
    assert missing_sections(nb) == []
    nb.cells[2].outputs = []  # summary displayed nothing
    assert missing_sections(nb) == ["cell 2 (view.summary()) displayed nothing"]
    nb.cells[3].outputs = []  # the comparison may display nothing (no cohort)
    nb.cells[2].outputs = nb.cells[0].outputs
    assert missing_sections(nb) == []
    nb.cells[0], nb.cells[2] = nb.cells[2], nb.cells[0]
    assert missing_sections(nb) == [
        "the section cells are in the order summary, progress, cover, comparison, next_steps, appendix, dimensions, "
        "more_steps, coverage, kpis, vsme, data_quality, method; the report's order is cover, progress, summary, "
        "comparison, next_steps, appendix, dimensions, more_steps, coverage, kpis, vsme, data_quality, method"
    ]
    nb.cells[0], nb.cells[2] = nb.cells[2], nb.cells[0]
    again = nbformat.v4.new_code_cell("view.method()", metadata={"tags": ["section:method"]})
    extra = _executed(nbformat.v4.new_notebook(cells=[*section_cells(), again]))
    assert missing_sections(extra) == ["the report notebook has 2 cells for the section 'method'"]
    unknown = nbformat.v4.new_code_cell("view.water()", metadata={"tags": ["section:water"]})
    nb.cells.append(unknown)
    assert missing_sections(nb) == ["cell 13 is tagged section:water, but the report has no section 'water'"]


# ---- computed once, rendered once --------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["manufacturer.json", "service-firm.json", "micro-craft-firm.json"])
def test_the_scorecard_document_reads_back_into_the_same_scorecard(name):
    from toolkit.scoring.document import scorecard_from_dict

    card = ReportView.load(EXAMPLES / name).card
    doc = json.loads(json.dumps(card.to_dict()))
    assert scorecard_from_dict(doc) == card
    assert scorecard_from_dict(doc).to_dict() == doc


@pytest.mark.parametrize(("lang", "cohort"), [("de", None), ("en", COHORT)])
def test_the_view_from_the_computed_view_shows_the_same_report(lang, cohort):
    for name in ("manufacturer.json", "micro-craft-firm.json"):
        view = ReportView.load(EXAMPLES / name, lang=lang, cohort=cohort, max_steps=7)
        computed = json.loads(json.dumps(view.computed()))
        again = ReportView.from_computed(computed)
        assert (again.card, again.resp, again.comparison_group) == (view.card, view.resp, view.comparison_group)
        assert [p.html() for p in again.parts()] == [p.html() for p in view.parts()]
        assert again.max_steps == 7 and again.lang == lang


def test_the_notebook_shows_the_scorecard_it_is_handed_not_a_new_score(tmp_path, monkeypatch):
    """The computed view's scorecard is what the report shows: nothing is scored again on the way."""
    view = ReportView.load(EXAMPLES / "manufacturer.json")
    computed = view.computed()
    assert fmt.score(view.card.overall_score, "de") != "12"
    computed["scorecard"]["overall_score"] = 12.0
    path = tmp_path / "computed.json"
    path.write_text(json.dumps(computed), encoding="utf-8")
    monkeypatch.setattr("toolkit.scoring.scores.compute_kpis", _forbidden)
    shown = ReportView.load("ignored.json", computed=path)  # as the notebook calls it
    assert re.search(r">\s*12\s*<", shown.summary().html())


def _forbidden(*args: Any, **kwargs: Any) -> Any:
    raise AssertionError("the response was scored again")


class InProcessKernel:
    """Runs the report notebook's code cells in this process, displaying each cell's value as Jupyter would, so
    that the test sees every file the notebook opens and every scoring it does."""

    def run(self, nb: Any, company_id: str = "-") -> Any:
        namespace: dict[str, Any] = {}
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            tree = ast.parse(cell.source)
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, "<cell>", "exec"), namespace)
            value = eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None
            parts = value.parts if isinstance(value, Section) else [] if value is None else [value]
            cell.outputs = [
                nbformat.v4.new_output(
                    "display_data",
                    data=p._repr_mimebundle_() if hasattr(p, "_repr_mimebundle_") else {"text/html": p.html()},
                )
                for p in parts
            ]
        return nb

    def alive(self) -> bool:
        return True


class HtmlPrinter:
    """Stands in for Chromium: the 'PDF' is the HTML it would print."""

    def alive(self) -> bool:
        return True

    def print_pdf(self, doc: Any) -> bytes:
        return doc.standalone().encode("utf-8")


_watched: dict[str, Counter[str]] = {}


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _watched and isinstance(args[0], str | os.PathLike):
        counts = _watched.get("opens")
        if counts is not None:
            counts[os.path.abspath(os.fspath(args[0]))] += 1


sys.addaudithook(_audit)  # counts the files opened while a test watches (audit hooks cannot be removed)


def test_a_batch_reads_each_response_and_the_cohort_summary_once_and_scores_each_response_once(tmp_path, monkeypatch):
    from toolkit.batch.jobs import OutputNamer, plan
    from toolkit.batch.pool import run_job
    from toolkit.batch.session import ReportSession
    from toolkit.definitions.paths import DEFAULT_QUESTIONNAIRE
    from toolkit.scoring import scores

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("manufacturer.json", "micro-craft-firm.json"):
        shutil.copy(EXAMPLES / name, inputs / name)
    cohort = shutil.copy(COHORT, tmp_path / "cohort.json")
    scored: list[str] = []
    real = scores.compute_kpis

    def counted(qn: Any, answers: Any, company: Any, *args: Any, **kwargs: Any) -> Any:
        scored.append(company.id)  # score() computes the key figures once per response it scores
        return real(qn, answers, company, *args, **kwargs)

    monkeypatch.setattr(scores, "compute_kpis", counted)
    rendered_from: dict[str, dict[str, Any]] = {}
    from_computed = ReportView.from_computed.__func__

    def remember(cls: type[ReportView], computed: Any, today: Any = None) -> ReportView:
        view = from_computed(cls, computed, today)
        rendered_from[view.resp.company.id] = json.loads(Path(computed).read_text(encoding="utf-8"))["scorecard"]
        return view

    monkeypatch.setattr(ReportView, "from_computed", classmethod(remember))
    session = ReportSession.__new__(ReportSession)  # the real session, with this process as kernel and no browser
    session.kernel, session.printer = InProcessKernel(), HtmlPrinter()
    out = tmp_path / "out"
    opens: Counter[str] = Counter()
    _watched["opens"] = opens
    try:
        planned = plan([str(inputs)], out, DEFAULT_QUESTIONNAIRE, "de", Path(cohort), False, 60, OutputNamer())
        outcomes = [run_job(session, job, "w1") for job in planned.jobs]
    finally:
        _watched.clear()
    assert [(o.company_id, o.status, o.error) for o in outcomes] == [
        ("example-manufacturer", "rendered", None),
        ("example-joinery", "rendered", None),
    ]
    responses = {
        str(inputs / name): opens[str(inputs / name)] for name in ("manufacturer.json", "micro-craft-firm.json")
    }
    assert responses == {str(inputs / "manufacturer.json"): 1, str(inputs / "micro-craft-firm.json"): 1}
    assert opens[str(cohort)] == 1
    assert sorted(scored) == ["example-joinery", "example-manufacturer"]  # once each: planning, worker, notebook
    for o in outcomes:  # the scorecard written is the document the notebook rendered from
        assert json.loads(Path(o.scorecard).read_text(encoding="utf-8")) == rendered_from[o.company_id]
        assert "Ihr Ergebnis im Vergleich" in Path(o.pdf).read_text(encoding="utf-8")  # compared with the cohort


def test_toolkit_report_reads_the_response_and_the_cohort_summary_once_and_scores_once(tmp_path, monkeypatch):
    """``toolkit report`` as the user runs it, with the notebook run in this process and no browser."""
    from click.testing import CliRunner

    from toolkit.cli import main
    from toolkit.report import render
    from toolkit.scoring import scores

    response = Path(shutil.copy(EXAMPLES / "manufacturer.json", tmp_path / "acme.json"))
    cohort = Path(shutil.copy(COHORT, tmp_path / "cohort.json"))
    real_render = render.render_report

    def in_process(*args: Any, **kwargs: Any) -> Any:  # the command's own call, with this process as kernel
        return real_render(*args, **kwargs, kernel=InProcessKernel(), printer=HtmlPrinter())

    monkeypatch.setattr(render, "render_report", in_process)
    scored: list[str] = []
    real = scores.compute_kpis
    monkeypatch.setattr(scores, "compute_kpis", lambda *a, **k: scored.append("score") or real(*a, **k))
    opens: Counter[str] = Counter()
    _watched["opens"] = opens
    try:
        args = ["report", str(response), "--out", str(tmp_path / "out"), "--cohort", str(cohort), "--quiet"]
        result = CliRunner().invoke(main, args, prog_name="toolkit")
    finally:
        _watched.clear()
    assert result.exit_code == 0, result.output
    assert (opens[str(response)], opens[str(cohort)], len(scored)) == (1, 1, 1)
    card = json.loads((tmp_path / "out" / "example-manufacturer_scorecard.json").read_text(encoding="utf-8"))
    html = (tmp_path / "out" / "example-manufacturer_report_de.pdf").read_text(encoding="utf-8")
    assert f"{fmt.num(card['kpis']['scope1_t_co2e'], 2, 'de')}" in html and "Ihr Ergebnis im Vergleich" in html


# ---- the real thing: two PDFs ------------------------------------------------------------------------------------
def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.slow
@pytest.mark.browser
def test_each_pdf_shows_the_numbers_of_its_scorecard_json_and_no_worker_reads_a_response_again(tmp_path):
    """A real batch session (kernel and Chromium) renders two companies after planning; the response files are
    gone by then, so neither the worker nor the notebook can have read them again. Each PDF shows the overall
    score, the core dimensions' scores and the Scope 1 and 2 figures of the scorecard JSON written next to it."""
    from toolkit.batch.jobs import OutputNamer, plan
    from toolkit.batch.pool import run_job
    from toolkit.batch.session import ReportSession
    from toolkit.definitions.paths import DEFAULT_QUESTIONNAIRE

    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDFs")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("manufacturer.json", "service-firm.json"):
        shutil.copy(EXAMPLES / name, inputs / name)
    out = tmp_path / "out"
    planned = plan([str(inputs)], out, DEFAULT_QUESTIONNAIRE, "de", COHORT, False, 120, OutputNamer())
    shutil.rmtree(inputs)
    session = ReportSession()
    try:
        probe = nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell("import sys\nprint('toolkit.report.view' in sys.modules, dir())")]
        )
        warmed = session.kernel.run(probe).cells[-1].outputs[0]["text"]
        assert warmed.startswith("True"), "the session imported the report's modules into its kernel while starting"
        assert "load_questionnaire" not in warmed and "ReportView" not in warmed, "but left no names behind"
        outcomes = [run_job(session, job, "w1") for job in planned.jobs]
    finally:
        session.close()
    assert [(o.status, o.error) for o in outcomes] == [("rendered", None)] * 2
    for o in outcomes:
        card = json.loads(Path(o.scorecard).read_text(encoding="utf-8"))
        text = _pdf_text(Path(o.pdf))
        assert re.search(r"GESAMTERGEBNIS\s+(\d+) /100", text).group(1) == fmt.score(card["overall_score"], "de")
        headline = [d for d in card["dimensions"] if d["headline"]]
        shown = re.findall(r"(\d+) von 100 Punkten", text)
        assert shown[: len(headline)] == [fmt.score(d["score"], "de") for d in headline]
        k = card["kpis"]
        for label, value in (
            (r"Scope 1 \(direkte Emissionen\)", k["scope1_t_co2e"]),
            ("Scope 2 standortbasiert", k["scope2_location_t_co2e"]),
            ("Scope 2 marktbasiert", k["scope2_market_t_co2e"]),
        ):
            if value is None:
                assert not re.search(label, text)
                continue
            found = re.search(rf"{label}\s+([\d.,]+)\s+t CO₂e", text)
            assert found and found.group(1) == fmt.num(value, 2, "de"), (o.company_id, label)
