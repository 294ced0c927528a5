"""Import of a filled VSME Digital Template (EFRAG's own sample), and the bad files of issue 13, item 6."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.responses import Answer, load_response
from toolkit.scoring.scores import score
from toolkit.vsme import TEMPLATE, export_vsme, import_vsme, read_template
from toolkit.vsme.xlsx import Write, open_package, write_package

from .conftest import EXAMPLES

SAMPLE = Path(__file__).resolve().parent / "data" / "vsme" / "VSME-Digital-Template-Sample-1.3.0.xlsx"  # EFRAG's
BASIC_FACTS = (  # concepts compared after import -> export
    "NumberOfEmployees",
    "Turnover",
    "Assets",
    "UndertakingsLegalForm",
    "BasisForPreparation",
    "BasisForReporting",
    "TypeOfNumberOfEmployees",
    "EmployeeCountingMethodology",
    "CountryOfPrimaryOperationsAndLocationOfSignificantAssets",
    "TotalEnergyConsumption",
    "GrossScope1GreenhouseGasEmissions",
    "GrossLocationBasedScope2GreenhouseGasEmissions",
    "EnergyConsumptionFromElectricity_RenewableEnergyMember",
    "EnergyConsumptionFromElectricity_NonRenewableEnergyMember",
    "EnergyConsumptionFromSelfGeneratedElectricity_RenewableEnergyMember",
    "EnergyConsumptionFromSelfGeneratedElectricity_NonRenewableEnergyMember",
    "EnergyConsumptionFromFuels_RenewableEnergyMember",
    "EnergyConsumptionFromFuels_NonRenewableEnergyMember",
    "NumberOfPermanentContractEmployees",
    "NumberOfTemporaryContractEmployees",
    "NumberOfMaleEmployees",
    "NumberOfFemaleEmployees",
    "NumberOfOtherGenderEmployees",
    "NumberOfNonReportedGenderEmployees",
    "EmployeeTurnoverRate",
    "NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
    "NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth",
    "PercentageGapInPayBetweenFemaleAndMaleEmployees",
    "PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
    "AverageNumberOfAnnualTrainingHoursPerMaleEmployee",
    "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee",
    "TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws",
    "TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws",
    "template_reporting_entity_identifier",
)


@pytest.fixture(scope="module")
def sample_values():
    return read_template(SAMPLE)[0]


def test_efrag_sample_imports_scores_and_exports_the_same_basic_facts(qn, sample_values, tmp_path):
    result = import_vsme(SAMPLE, qn, "sample-co", network="Testnetz")
    resp = result.response
    assert result.version == "1.3.0" and len(result.imported) >= 40
    assert resp.company.employees == 151 and resp.company.country == "IT" and resp.company.nace == "G47.22"
    card = score(qn, resp)
    # figures the company reported are kept as reported
    assert card.kpis.scope1_t == sample_values["GrossScope1GreenhouseGasEmissions"] == 100
    assert card.kpis.total_mwh == sample_values["TotalEnergyConsumption"] == 250
    assert {"scope1_t", "scope2_location_t", "total_mwh"} <= set(card.kpis.reported)
    out = tmp_path / "again.xlsx"
    export_vsme(qn, resp, card, out)
    again = read_template(out)[0]
    for concept in BASIC_FACTS:
        assert again.get(concept) == pytest.approx(sample_values.get(concept)), concept
    for concept in (
        "AddressOfSite",
        "CityOfSite",
        "CountryOfSite",
        "NameOfTheSubsidiary",
        "NumberOfEmployeesForCountryOfEmploymentContract",
        "CountryOfEmploymentContractAxis",
    ):
        assert [x for x in again[concept] if x] == [x for x in sample_values[concept] if x], concept
    # areas in m2 come back in ha (units converted), the same area
    assert again["AreaOfSiteInBiodiversitySensitiveArea"][0] == pytest.approx(
        sample_values["AreaOfSiteInBiodiversitySensitiveArea"][0] / 10_000
    )
    # the omission of B6 survives the round trip
    assert (
        set(again["omitted"])
        == set(sample_values["omitted"])
        == {"template_checkbox_b6_water_withdrawal", "template_checkbox_b6_water_consumption"}
    )


def test_cli_import_lists_what_was_not_imported(tmp_path):
    out = tmp_path / "sample.json"
    result = CliRunner().invoke(
        main, ["import", "vsme", str(SAMPLE), "--out", str(out), "--network", "Netz", "--round", "2026"]
    )
    assert result.exit_code == 0, result.output
    assert "answers imported" in result.output and "not imported:" in result.output
    assert "DescriptionOfSignificantGroupsOfProductsAndOrServicesOffered" in result.output  # a C1 text
    doc = json.loads(out.read_text())
    assert doc["company"]["network"] == "Netz" and doc["round"] == "2026"


def test_circular_economy_no_comes_back_and_yes_is_left_to_the_form(qn, tmp_path):
    """The template only says whether circular-economy principles are applied: 'NO' is the question's lowest
    option, 'YES' does not say how far they go and is listed with that reason; table frames are no datapoints."""
    sample = import_vsme(SAMPLE, qn, "sample-co")
    assert "res_circular" not in sample.response.answers
    assert "how far" in sample.not_imported["UndertakingAppliesCircularEconomyPrinciples"]
    assert not [c for c in sample.not_imported if c.endswith(("Table", "Member"))]
    resp = load_response(EXAMPLES / "micro-craft-firm.json", qn)
    resp.answers["res_circular"] = Answer(value="none")
    out = tmp_path / "none.xlsx"
    export_vsme(qn, resp, score(qn, resp), out)
    assert import_vsme(out, qn, "again").response.answers["res_circular"].value == "none"


# ---- bad files: one message naming the sheet and cell, exit 1, nothing written -------------------------------------
def _variant(tmp_path: Path, name: str, writes=None, workbook_edit=None) -> Path:
    out = tmp_path / name
    with open_package(TEMPLATE) as zf:
        write_package(zf, out, writes or {})
    if workbook_edit:
        buf = io.BytesIO()
        with zipfile.ZipFile(out) as src, zipfile.ZipFile(buf, "w") as dst:
            for info in src.infolist():
                data = src.read(info.filename)
                if info.filename == "xl/workbook.xml":
                    data = workbook_edit(data.decode()).encode()
                dst.writestr(info, data)
        out.write_bytes(buf.getvalue())
    return out


def _text_file(path: Path) -> Path:
    path.write_text("just text, not a workbook")
    return path


def _bomb(tmp_path: Path) -> Path:
    out = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (400 * 1024 * 1024))
    return out


BAD = {
    "not a template": (lambda p: _text_file(p / "notes.xlsx"), "V001", "'Introduction'!C1"),
    "unknown version": (
        lambda p: _variant(p, "v9.xlsx", {("Introduction", "C1"): Write("9.0.0")}),
        "V002",
        "'Introduction'!C1",
    ),
    "broken named range": (
        lambda p: _variant(
            p, "ref.xlsx", workbook_edit=lambda x: x.replace(">'General Information'!$E$284<", ">#REF!<")
        ),
        "V003",
        "'General Information'!E284",
    ),
    "text in a number cell": (
        lambda p: _variant(p, "text.xlsx", {("Environmental Disclosures", "G5"): Write("viel")}),
        "V004",
        "'Environmental Disclosures'!G5",
    ),
    "xlsx bomb": (_bomb, "V005", "'Introduction'!C1"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_files_get_one_located_message_and_nothing_is_written(case, tmp_path):
    make, code, where = BAD[case]
    bad = make(tmp_path)
    out = tmp_path / "response.json"
    result = CliRunner().invoke(main, ["import", "vsme", str(bad), "--out", str(out)])
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert len(lines) == 1, result.output
    assert code in lines[0] and where in lines[0] and "Traceback" not in result.output
    assert not out.exists()
    assert not list(tmp_path.glob(".response.json*"))


def test_an_imported_response_loads_and_scores(qn, tmp_path):
    src = _variant(
        tmp_path,
        "filled.xlsx",
        {("General Information", "E284"): Write(12.0), ("Environmental Disclosures", "G5"): Write(80.0)},
    )
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["import", "vsme", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    resp = load_response(out, qn)
    assert resp.company.employees == 12 and score(qn, resp).kpis.total_mwh == 80
