"""Export into EFRAG's VSME Digital Template: values read back the way the converter reads them, layout intact.

EFRAG's converter (EFRAG-EU/Digital-Template-to-XBRL-Converter, package ``mireport``) is not on PyPI and needs
a git-only dependency, so it cannot run here. These tests read the export as the converter does: openpyxl
with cached values (``data_only=True``), concept-named ranges, ``*_unit`` ranges and checkboxes.
"""

from __future__ import annotations

import json
import zipfile

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.responses import Answer, load_response, save_response
from toolkit.scoring.scores import score
from toolkit.vsme import TEMPLATE, export_vsme, read_template
from toolkit.vsme.xlsx import defined_names

from .conftest import EXAMPLES


@pytest.fixture(scope="module")
def exported(qn, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("vsme")
    resp = load_response(EXAMPLES / "manufacturer.json", qn)
    resp.answers["b1_identifier_scheme"] = Answer(value="euid")
    resp.answers["b1_identifier"] = Answer(value="DEK1101R.HRB12345")
    resp.answers["b1_omitted"] = Answer(value=["b6"])
    resp.answers["b1_sites"] = Answer(
        value=[{"address": "Hafenstraße 1", "postal_code": "21335", "city": "Lüneburg", "country": "DE"}]
    )
    resp.answers["en_refrigerants"] = Answer(value=[{"refrigerant": "r410a", "kg": 5}])
    path = tmp / "manufacturer.json"
    resp.path = None
    save_response(resp, path)
    out = tmp / "manufacturer.xlsx"
    result = CliRunner().invoke(main, ["export", "vsme", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    scored = CliRunner().invoke(main, ["score", str(path), "--json"])
    values, version = read_template(out)
    return out, values, version, json.loads(scored.output), resp


def test_converter_reads_the_figures_of_score_json(exported):
    _, values, version, card, _ = exported
    k = card["kpis"]
    assert version == "1.3.0"
    assert values["NumberOfEmployees"] == card["company"]["employees"] == 180
    assert values["Turnover"] == card["company"]["turnover"]
    assert values["TotalEnergyConsumption"] == pytest.approx(k["total_mwh"], rel=1e-12)
    assert values["GrossScope1GreenhouseGasEmissions"] == pytest.approx(k["scope1_t_co2e"], rel=1e-12)
    assert values["GrossLocationBasedScope2GreenhouseGasEmissions"] == pytest.approx(k["scope2_location_t_co2e"])
    assert values["GrossMarketBasedScope2GreenhouseGasEmissions"] == pytest.approx(k["scope2_market_t_co2e"])
    # refrigerant leakage is part of Scope 1: 5 kg R410A x 1,923.5
    assert any(r["t_co2e"] == pytest.approx(9.6175) for r in k["refrigerants"])


def test_every_filled_concept_equals_the_response(exported, qn):
    _, v, _, card, resp = exported
    k = card["kpis"]
    assert v["template_reporting_entity_identifier"] == "DEK1101R.HRB12345"
    assert v["template_reporting_entity_identifier_scheme"] == "EU ID"
    assert v["template_currency"] == "EUR"
    assert str(v["template_reporting_period_startdate"]) == "2026-01-01"
    assert str(v["template_reporting_period_enddate"]) == "2026-12-31"
    assert v["NaceSectorClassificationCodes"][0].startswith("NACE C - 25.53 ")
    assert v["UndertakingsLegalForm"] == "partnership"
    assert v["CountryOfPrimaryOperationsAndLocationOfSignificantAssets"] == "Germany"
    assert v["Assets"] == resp.company.balance_sheet
    assert v["AddressOfSite"][0] == "Hafenstraße 1" and v["CountryOfSite"][0] == "Germany"
    for kind, concept in (
        ("electricity", "EnergyConsumptionFromElectricity"),
        ("fuel", "EnergyConsumptionFromFuels"),
        ("self_generated", "EnergyConsumptionFromSelfGeneratedElectricity"),
    ):
        assert v[f"{concept}_RenewableEnergyMember"] == pytest.approx(k["breakdown_mwh"][kind]["renewable"])
        assert v[f"{concept}_NonRenewableEnergyMember"] == pytest.approx(k["breakdown_mwh"][kind]["non_renewable"])
    answers = {qid: a.value for qid, a in resp.answers.items()}
    assert v["TotalAmountOfWaterWithdrawnFromAllSites"] == answers["res_water"]
    assert v["NumberOfPermanentContractEmployees"] == answers["wf_employees_permanent"]
    assert v["NumberOfFemaleEmployees"] == answers["wf_employees_female"]
    assert v["EmployeeTurnoverRate"] == pytest.approx(answers["wf_turnover_rate"] / 100)
    assert v["NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod"] == answers["wf_accidents"]
    assert v["TotalHazardousWasteGeneratedMass"] == answers["res_waste_hazardous"]
    assert v["TotalWasteGeneratedMass"] == answers["res_waste_total"]
    # the omitted disclosure is flagged in the table of contents
    assert set(v["omitted"]) == {"template_checkbox_b6_water_withdrawal", "template_checkbox_b6_water_consumption"}


def test_layout_names_validations_and_checkboxes_are_untouched(exported):
    out = exported[0]
    with zipfile.ZipFile(TEMPLATE) as a, zipfile.ZipFile(out) as b:
        assert defined_names(a) == defined_names(b)
        names_a, names_b = set(a.namelist()), set(b.namelist())
        # only the calculation chain is dropped (Excel rebuilds it); every other part is still there
        assert names_a - names_b <= {"xl/calcChain.xml"} and names_b <= names_a
        for part in names_b:
            if part.startswith("xl/worksheets/sheet") or part in (
                "xl/workbook.xml",
                "[Content_Types].xml",
                "xl/_rels/workbook.xml.rels",
            ):
                continue
            assert a.read(part) == b.read(part), part  # styles, checkbox feature bag, drawings, images
        for part in (p for p in names_b if p.startswith("xl/worksheets/sheet")):
            old, new = a.read(part).decode(), b.read(part).decode()
            for tag in ("<dataValidations", "<extLst", "<mergeCells", "<sheetProtection", "<conditionalFormatting"):
                assert old.count(tag) == new.count(tag), (part, tag)
            if "<dataValidations" in old:
                dv = old[old.index("<dataValidations") : old.index("</dataValidations>")]
                assert dv in new, part
    # the workbook still opens with openpyxl and keeps its 16 sheets
    import openpyxl

    assert len(openpyxl.load_workbook(out, read_only=True).sheetnames) == 16


def test_a_folder_of_responses_exports_one_template_each(tmp_path, qn):
    src = tmp_path / "responses"
    src.mkdir()
    for name in ("service-firm", "micro-craft-firm"):
        (src / f"{name}.json").write_text((EXAMPLES / f"{name}.json").read_text())
    (src / "broken.json").write_text("{not json")
    result = CliRunner().invoke(main, ["export", "vsme", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1  # one company failed ...
    assert "broken.json" in result.output
    written = sorted(p.name for p in (tmp_path / "out").glob("*.xlsx"))
    assert written == ["example-it-services_vsme.xlsx", "example-joinery_vsme.xlsx"]  # ... and the others too


def test_export_of_a_response_without_answers_writes_no_figures(qn, tmp_path):
    from toolkit.responses import Company, new_response

    resp = new_response(qn, Company(id="empty-co", name="Leer GmbH"))
    result = export_vsme(qn, resp, score(qn, resp), tmp_path / "empty.xlsx")
    assert "TotalEnergyConsumption" not in result.written and "template_reporting_entity_name" in result.written
