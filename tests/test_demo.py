"""The demo networks: deterministic, valid, realistic; the demo runs end to end; the cohort report shows
aggregates only; the facilitator notebook runs (nbval)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from toolkit.cohort import load_cohort, year_over_year
from toolkit.demo import build_documents, generate
from toolkit.demo.generator import DemoError
from toolkit.responses import Response, load_response
from toolkit.scoring.applicability import visible_questions
from toolkit.views.cohort_summary import load_cohort_summary

from .conftest import ROOT


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, qn) -> Path:
    out = tmp_path_factory.mktemp("demo") / "responses"
    generate(out, seed=2026, qn=qn)
    return out


@pytest.fixture(scope="module")
def loaded(demo_dir: Path, qn) -> dict[Path, Response]:
    """Every demo response, loaded (and so checked) once."""
    return {path: load_response(path, qn) for path in sorted(demo_dir.glob("*/*.json"))}


@pytest.fixture(scope="module")
def cohort(demo_dir: Path, qn):
    return load_cohort(demo_dir, qn)


@pytest.fixture(scope="module")
def docs(demo_dir: Path) -> dict[str, dict]:
    return {str(p.relative_to(demo_dir)): json.loads(p.read_text("utf-8")) for p in sorted(demo_dir.glob("*/*.json"))}


def test_same_seed_same_bytes(demo_dir: Path, tmp_path: Path, qn) -> None:
    again = tmp_path / "again"
    generate(again, seed=2026, qn=qn, validate=False)  # the bytes are compared; the demo_dir ones are checked
    ours = sorted(p.relative_to(demo_dir) for p in demo_dir.glob("*/*.json"))
    theirs = sorted(p.relative_to(again) for p in again.glob("*/*.json"))
    assert ours == theirs and len(ours) > 200
    for rel in ours:
        assert (demo_dir / rel).read_bytes() == (again / rel).read_bytes(), rel


def test_other_seed_other_data(qn, docs: dict[str, dict]) -> None:
    other = {rel: doc for rel, doc, _ in build_documents(qn, seed=7, subset=2)}  # the first companies suffice
    assert any(rel not in docs or doc != docs[rel] for rel, doc in other.items())


def test_subset_is_the_same_companies(qn, docs: dict[str, dict]) -> None:
    small = {rel: doc for rel, doc, _ in build_documents(qn, seed=2026, subset=2)}
    assert {d["company"]["id"] for d in small.values()} <= {"lg-001", "lg-002", "md-001", "md-002", "se-001", "se-002"}
    for rel, doc in small.items():
        assert doc == docs[rel]


def test_every_file_validates(loaded: dict[Path, Response]) -> None:
    assert len(loaded) > 200
    for path, resp in loaded.items():  # each one loaded without a problem
        assert (resp.round, resp.company.id) == (path.parent.name, path.stem), path


def test_only_shown_questions_are_answered(loaded: dict[Path, Response], qn) -> None:
    for path, resp in loaded.items():
        shown = visible_questions(qn, resp.answers, resp.company.size_class)
        assert set(resp.answers) <= shown, path.name
        if (resp.company.employees or 0) < 50:  # the VSME asks for the turnover rate from 50 employees
            rate = resp.answers.get("wf_turnover_rate")
            assert rate is None or rate.value is None, path.name


def test_three_networks_two_rounds(cohort) -> None:
    df = cohort.companies
    ids = df.groupby("network")["company_id"].nunique().to_dict()
    assert ids == {"Lüneburg": 65, "Mitteldeutschland": 40, "Schaalsee-Elbe": 25}
    prefixes = {"Lüneburg": "lg", "Mitteldeutschland": "md", "Schaalsee-Elbe": "se"}
    for net, prefix in prefixes.items():
        assert df.loc[df["network"] == net, "company_id"].str.fullmatch(rf"{prefix}-\d{{3}}").all()
    regions = df.groupby("network")["region"].unique().map(set).to_dict()
    assert regions["Lüneburg"] == {"Niedersachsen"}
    assert regions["Mitteldeutschland"] == {"Sachsen-Anhalt", "Sachsen", "Thüringen"}
    assert regions["Schaalsee-Elbe"] == {"Mecklenburg-Vorpommern", "Schleswig-Holstein"}
    rounds = df.groupby("company_id")["round"].apply(set)
    both = (rounds.map(len) == 2).sum()
    joined = (rounds.map(lambda r: r == {"2026"})).sum()
    left = (rounds.map(lambda r: r == {"2025"})).sum()
    assert both > 0.75 * len(rounds) and joined >= 3 and left >= 2


def test_sector_and_size_mix(cohort) -> None:
    df = cohort.companies[cohort.companies["round"] == "2026"]
    sectors = df["sector"].value_counts()
    assert {"A", "C", "F", "G", "I", "J", "M", "Q"} <= set(sectors.index)
    assert sectors.index[0] == "C"
    sizes = df["size_class"].value_counts()
    assert sizes["micro"] + sizes["small"] > 3 * sizes["medium"] > 0
    assert "large" not in sizes
    assert df["nace"].str.fullmatch(r"[A-S]\d{2}\.\d{2}").all()


def test_names_fictitious_and_unique(docs: dict[str, dict]) -> None:
    names = {d["company"]["id"]: d["company"]["name"] for d in docs.values()}
    assert len(set(names.values())) == len(names)
    legal = {d["company"]["id"]: d["company"]["legal_form"] for d in docs.values()}
    for cid, name in names.items():
        assert name and cid not in name
        if legal[cid] == "cooperative":
            assert name.endswith(" eG")
        if name.endswith(" GmbH") and not name.endswith("& Co. KG"):
            assert legal[cid] == "limited_company"


def test_answers_correlate_like_real_ones(cohort) -> None:
    df = cohort.companies
    manufacturers = df[df["sector"] == "C"]
    assert (
        manufacturers.loc[manufacturers["size_class"] == "medium", "score_energy"].median()
        > df.loc[df["size_class"] == "micro", "score_energy"].median() + 10
    )
    it = df[df["sector"] == "J"]
    assert it["score_reporting"].median() > it["score_supply_chain"].median()
    # dimensions of one company go together (latent maturity)
    assert df["score_energy"].corr(df["score_reporting"]) > 0.4


def test_energy_figures_plausible(cohort, docs: dict[str, dict]) -> None:
    df = cohort.companies.dropna(subset=["total_mwh"])
    per_employee = df["total_mwh"] / df["employees"]
    by_sector = per_employee.groupby(df["sector"]).median()
    assert by_sector["C"] > 2 * by_sector["J"] and by_sector["C"] > 2 * by_sector["M"]
    assert 1 < by_sector["M"] < 15 and 10 < by_sector["C"] < 120
    construction = [d for d in docs.values() if d["company"]["nace"].startswith("F")]
    with_diesel = [d for d in construction if isinstance(d["answers"].get("en_diesel", {}).get("value"), int)]
    assert len(with_diesel) > 0.7 * len(construction)
    carriers = pd.Series(
        [c for d in docs.values() for c in d["answers"].get("en_heating_carriers", {}).get("value", [])]
    )
    assert {"natural_gas", "heating_oil", "district_heat", "heat_pump"} <= set(carriers)
    md = [d for d in docs.values() if d["company"]["network"] == "Mitteldeutschland"]
    lg = [d for d in docs.values() if d["company"]["network"] == "Lüneburg"]

    def district(ds: list[dict]) -> float:
        return sum("district_heat" in d["answers"].get("en_heating_carriers", {}).get("value", []) for d in ds) / len(
            ds
        )

    assert district(md) > district(lg)
    shares = [
        d["answers"]["en_green_tariff_share"].get("value")
        for d in docs.values()
        if d["answers"].get("en_green_tariff_share", {}).get("value") is not None
    ]
    assert 0 in shares and 100 in shares and any(0 < s < 100 for s in shares)


def test_incomplete_not_applicable_and_explained(cohort, docs: dict[str, dict]) -> None:
    df = cohort.companies
    provisional = df["provisional"].astype(bool)
    assert 0.03 < provisional.mean() < 0.2
    headline = df[[f"completeness_{d}" for d in ("energy", "supply_chain", "reporting")]].min(axis=1)
    assert (headline[provisional] < 0.7).all()  # a headline dimension below 70 % makes the result provisional
    na = [a for d in docs.values() for a in d["answers"].values() if a.get("not_applicable")]
    assert len(na) > 50 and all(a.get("explanation") for a in na)
    explains = [a for d in docs.values() for a in d["answers"].values() if a.get("value") == "explain"]
    assert explains and all(a.get("explanation") for a in explains)


def test_demo_companies_answer_the_vsme_basic_questions(qn, docs: dict[str, dict]) -> None:
    """Every table question has rows somewhere (the reported energy breakdown is for companies with their own
    balance, which no demo company has); workforce figures add up to the headcount; identifiers are well formed."""
    given = {qid for d in docs.values() for qid, a in d["answers"].items() if a.get("value") not in (None, [], "")}
    tables = {q.id for q in qn.iter_questions() if q.type == "table"} - {"en_reported_breakdown"}
    assert tables <= given
    for name, doc in docs.items():
        a = {qid: x.get("value") for qid, x in doc["answers"].items()}
        emp = doc["company"]["employees"]
        genders = [a.get(q) for q in ("wf_employees_female", "wf_employees_male", "wf_employees_other_gender",
                                      "wf_employees_gender_not_reported")]  # fmt: skip
        if all(isinstance(v, int | float) for v in genders):
            assert sum(genders) == emp, name
        contracts = [a.get("wf_employees_permanent"), a.get("wf_employees_temporary")]
        if all(isinstance(v, int | float) for v in contracts):
            assert sum(contracts) == emp, name
        ident, scheme = a.get("b1_identifier"), a.get("b1_identifier_scheme")
        if ident is not None:
            pattern = r"^[0-9A-Z]{18}\d{2}$" if scheme == "lei" else r"^DE[A-Z]\d{4}[RV]\.(HRA|HRB|GnR)\d+$"
            assert re.match(pattern, ident), (name, ident)
            if scheme == "lei":  # ISO 7064 MOD 97-10
                assert int("".join(str(int(ch, 36)) for ch in ident)) % 97 == 1, ident


def test_some_improve_some_do_not(cohort) -> None:
    change = year_over_year(cohort, ["overall_score"])["overall_score_change"]
    assert (change > 3).mean() > 0.3 and (change < -1).mean() > 0.05
    assert change.median() > 0


def test_generator_never_writes_into_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "real-response.json").write_text("{}", encoding="utf-8")
    with pytest.raises(DemoError, match="not empty"):
        generate(tmp_path, subset=1)
    assert (tmp_path / "real-response.json").read_text() == "{}"


# ---- the demo run -------------------------------------------------------------------------------------------
def test_demo_responses_only_cli(tmp_path: Path) -> None:
    from toolkit.cli import main

    result = CliRunner().invoke(main, ["demo", "--responses-only", "--out", str(tmp_path), "--subset", "2"])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in (tmp_path / "responses").glob("*/*.json"))
    assert files and all(re.fullmatch(r"(lg|md|se)-00[12]\.json", f) for f in files)
    assert not (tmp_path / "scores").exists() and not (tmp_path / "cohort").exists()


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`toolkit demo --no-pdf` for 3 companies per network (in-process): its folder and what it printed."""
    from toolkit.cli import main

    out = tmp_path_factory.mktemp("demo-run")
    result = CliRunner().invoke(main, ["demo", "--no-pdf", "--out", str(out), "--subset", "3"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_demo_end_to_end_without_pdfs(demo_run: tuple[Path, str]) -> None:
    """Responses, scores and cohort tables for 3 companies per network (PDFs: see the slow test below)."""
    out, _ = demo_run
    responses = sorted(p.relative_to(out / "responses") for p in (out / "responses").glob("*/*.json"))
    assert len(responses) >= 12
    scorecards = sorted(p.relative_to(out / "scores") for p in (out / "scores").glob("*/*.json"))
    assert [p.parent / p.name.replace("_scorecard", "") for p in scorecards] == responses
    card = json.loads((out / "scores" / scorecards[0]).read_text("utf-8"))
    assert card["format"] == "sme-toolkit-scorecard/1"
    summary = load_cohort_summary(out / "cohort" / "cohort-summary.json")
    # 9 companies per round in 3 networks of 3: every network group is too small
    assert all(g.suppressed for g in summary.groups if "network" in g.key)
    assert (out / "cohort" / "cohort_tables.xlsx").exists()
    assert not (out / "reports").exists() and not list(out.rglob("*.pdf"))


def _toolkit(*args: str) -> subprocess.CompletedProcess[str]:
    """The CLI in its own process (each PDF run starts a kernel and a browser; keep them out of pytest's)."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=ROOT, timeout=900
    )


@pytest.mark.slow
def test_demo_end_to_end_with_pdfs(tmp_path: Path) -> None:
    """The demo with PDFs (the report module is ready): every company's report and the cohort report."""
    proc = _toolkit("demo", "--out", str(tmp_path), "--subset", "1")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    pdfs = sorted(p.name for p in (tmp_path / "reports").glob("*.pdf"))
    assert pdfs == ["lg-001_report_de.pdf", "md-001_report_de.pdf", "se-001_report_de.pdf"]
    assert (tmp_path / "cohort" / "cohort_report_de.pdf").read_bytes().startswith(b"%PDF")
    assert "company reports: " in proc.stdout and "0 failed" in proc.stdout


@pytest.mark.slow
def test_cohort_cli_and_pdf_hold_aggregates_only(demo_dir: Path, docs: dict[str, dict], tmp_path: Path) -> None:
    proc = _toolkit("cohort", str(demo_dir), "--out", str(tmp_path), "--lang", "de")
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    for name in ("cohort_tables.xlsx", "cohort-summary.json", "cohort_report_de.pdf"):
        assert (tmp_path / name).exists(), name
    assert (tmp_path / "cohort_csv" / "by_network.csv").exists()
    assert (tmp_path / "cohort_parquet" / "by_network.parquet").exists()
    load_cohort_summary(tmp_path / "cohort-summary.json")
    pdf = tmp_path / "cohort_report_de.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "Lüneburg" in flat and "Verbesserungsagenda" in flat and "Veränderung zum Vorjahr" in flat
    for doc in docs.values():
        company = doc["company"]
        assert company["id"] not in flat, company["id"]
        assert company["name"] not in flat, company["name"]
        for answer in doc["answers"].values():  # typed texts (explanations, notes) never appear
            for key in ("explanation", "note"):
                if answer.get(key):
                    assert answer[key] not in flat
    assert re.search(r"\b(lg|md|se)-\d{3}\b", flat) is None


@pytest.mark.slow
def test_cohort_notebook_runs_under_nbval() -> None:
    """notebooks/cohort.ipynb with its default parameters (generates the demo responses when missing)."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            str(ROOT / "notebooks" / "cohort.ipynb"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "passed" in proc.stdout


def _named(wb, name: str, rows: int = 1) -> list:
    """The values of a workbook-level named range (its first ``rows`` cells), read with openpyxl."""
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    cells = wb[sheet][ref.replace("$", "")]
    flat = [c for row in cells for c in row] if isinstance(cells, tuple) else [cells]
    return [c.value for c in flat[:rows]]


@pytest.mark.filterwarnings("ignore:Data Validation extension:UserWarning")  # openpyxl reading EFRAG's template
def test_demo_writes_each_companys_vsme_template_and_says_where(demo_run: tuple[Path, str], qn) -> None:
    """`toolkit demo` fills EFRAG's template for every company's latest round; the files read back with openpyxl
    and hold the company's figures, sites and identifier."""
    import openpyxl

    from toolkit.demo.run import latest_responses

    out, output = demo_run
    folder = out / "vsme"
    assert f"VSME templates: {folder}" in output
    latest = latest_responses(sorted((out / "responses").glob("*/*.json")))
    assert sorted(p.name for p in folder.glob("*.xlsx")) == sorted(f"{p.stem}_vsme.xlsx" for p in latest)
    for path in latest:
        resp = load_response(path, qn)
        # read-only: the same cells and named ranges, ten times faster on EFRAG's large template
        wb = openpyxl.load_workbook(folder / f"{resp.company.id}_vsme.xlsx", data_only=True, read_only=True)
        try:
            assert _named(wb, "NumberOfEmployees") == [resp.company.employees]
            assert _named(wb, "Turnover") == [resp.company.turnover]
            sites = resp.answers["b1_sites"].value if "b1_sites" in resp.answers else []
            assert _named(wb, "CityOfSite", len(sites)) == [s.get("city") for s in sites]
            ident = resp.answers.get("b1_identifier")
            if ident is not None:
                assert _named(wb, "template_reporting_entity_identifier") == [ident.value]
        finally:
            wb.close()


def test_one_company_whose_template_fails_does_not_stop_the_others(tmp_path: Path, qn, monkeypatch) -> None:
    import toolkit.vsme as vsme
    from toolkit.demo.run import write_vsme_templates
    from toolkit.errors import Code, Location, VsmeTemplateError

    real = vsme.export_vsme
    responses = sorted(generate(tmp_path / "responses", subset=1).paths)[:3]
    broken = load_response(responses[1], qn).company.id

    def export(qn_, resp, card, out, *args, **kwargs):
        if resp.company.id == broken:
            raise VsmeTemplateError([Code.V003.problem(Location("template"), name="NumberOfEmployees", detail="gone")])
        return real(qn_, resp, card, out, *args, **kwargs)

    monkeypatch.setattr(vsme, "export_vsme", export)
    summary = write_vsme_templates(qn, responses, tmp_path / "vsme")
    assert list(summary.failed) == [responses[1].stem] and "NumberOfEmployees" in summary.failed[responses[1].stem]
    assert len(summary.files) == 2 and all(f.exists() for f in summary.files)
