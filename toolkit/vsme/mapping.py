"""Which answers feed which concept of EFRAG's VSME Digital Template, in both directions. Pure functions.

The template's named ranges are named like the taxonomy concepts they hold (``NumberOfEmployees``); units sit in
``<Concept>_unit`` ranges and the disclosures' "classified or sensitive" flags are the ``template_checkbox_*``
cells of the table of contents. ``facts(...)`` turns a response and its scorecard into template values;
``answers_from_facts(...)`` turns values read from a filled template back into answers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from toolkit.definitions.paths import VSME_DATA
from toolkit.responses import Answer, Company, Response
from toolkit.scoring.kpis import KPIs

DATA = VSME_DATA
TEMPLATE = DATA / "VSME-Digital-Template-1.3.0.xlsx"
TEMPLATE_VERSION = "1.3.0"
KNOWN_VERSIONS = ("1.0.0", "1.0.1", "1.1.0", "1.1.1", "1.2.0", "1.3.0")  # earlier 1.x: read where names allow

OPTION_A = "Option A (Basic Module only)"
OPTION_B = "Option B (Basic Module and Comprehensive Module)"
INDIVIDUAL = "Sustainability report prepared on an individual basis"
CONSOLIDATED = "Sustainability report prepared on a consolidated basis"
AVERAGE = "As an average across the reporting period"
END_OF_PERIOD = "At the end of the reporting period"
HEADCOUNT = "Headcount"
FTE = "Full-time equivalent (FTE)"
LEGAL_FORMS = {
    "limited_company": "private limited liability undertaking",
    "sole_proprietorship": "sole proprietorship",
    "partnership": "partnership",
    "cooperative": "cooperative",
    "other": "other (please specify the legal form in the row below)",
}
SCHEMES = {"lei": "LEI", "euid": "EU ID", "duns": "DUNS", "permid": "PermID"}
B2_ISSUES = (  # the order of the template's columns D..M
    "climate_change",
    "pollution",
    "water",
    "biodiversity",
    "circular_economy",
    "own_workforce",
    "value_chain_workers",
    "communities",
    "consumers",
    "business_conduct",
)
# b1_omitted option -> the table-of-contents checkboxes it sets and the labels the template lists in B1
OMITTED = {
    "b1_subsidiaries": (("template_checkbox_b1_list_of_subsidiaries", "B1 - List of subsidiaries"),),
    "b1_certifications": (
        (
            "template_checkbox_b1_certifications_or_labels",
            "B1 - Disclosure of sustainability-related certification(s) or label(s)",
        ),
    ),
    "b1_sites": (("template_checkbox_b1_list_of_sites", "B1 - List of site(s)"),),
    "b2": (
        (
            "template_checkbox_b2_practices_policies_and_future_initiatives",
            "B2 - Practices, policies and future initiatives for transitioning towards a more sustainable economy",
        ),
    ),
    "b3_energy": (
        ("template_checkbox_b3_total_energy_consumption", "B3 - Total Energy Consumption (in MWh)"),
        ("template_checkbox_b3_breakdown_of_energy_consumption", "B3 - Breakdown of energy consumption (in MWh)"),
    ),
    "b3_ghg": (
        (
            "template_checkbox_b3_estimated_ghg_emissions",
            "B3 - Estimated Greenhouse Gas Emissions considering the GHG Protocol Version 2004 (in tCO2e)",
        ),
        (
            "template_checkbox_b3_ghg_emission_intensity",
            "B3 - Greenhouse gas emission intensity per turnover (in tCO2e)",
        ),
    ),
    "b4": (("template_checkbox_b4_pollution_of_air_water_and_soil", "B4 - Pollution of air, water and soil"),),
    "b5": (
        ("template_checkbox_b5_sites_in_biodiversity_sensitive_areas", "B5 - Sites in biodiversity sensitive areas"),
        ("template_checkbox_b5_biodiversity_land_use", "B5 - Biodiversity - Land-use"),
    ),
    "b6": (
        ("template_checkbox_b6_water_withdrawal", "B6 - Water Withdrawal"),
        ("template_checkbox_b6_water_consumption", "B6 - Water Consumption"),
    ),
    "b7_waste": (("template_checkbox_b7_waste_generated", "B7 - Waste generated"),),
    "b7_materials": (
        ("template_checkbox_b7_annual_mass_flow_of_materials", "B7 - Annual mass-flow of relevant materials used"),
    ),
    "b8": (
        ("template_checkbox_b8_type_of_contract", "B8 - Workforce - General characteristics - Type of contract"),
        ("template_checkbox_b8_gender", "B8 - Workforce - General characteristics - Gender"),
        (
            "template_checkbox_b8_country_of_employment",
            "B8 - Workforce - General characteristics - Country of employment",
        ),
        ("template_checkbox_b8_turnover_rate", "B8 - Workforce - General characteristics - Turnover rate"),
    ),
    "b9": (("template_checkbox_b9_health_and_safety", "B9 - Workforce - Health and safety"),),
    "b10": (
        (
            "template_checkbox_b10_remuneration_and_collective_bargaining",
            "B10 - Workforce - Remuneration, collective bargaining and training",
        ),
        ("template_checkbox_b10_number_annual_training_hours_per_employee", ""),
    ),
    "b11": (
        (
            "template_checkbox_b11_convitions_and_fines_for_corruption_and_bribery",
            "B11 - Convictions and fines for corruption and bribery",
        ),
    ),
}
# Single-cell concepts exported as numbers: concept -> the template's unit (all figures are converted to it)
UNITS = {
    "Assets": "EUR",
    "Turnover": "EUR",
    "NumberOfEmployees": "persons",
    "TotalEnergyConsumption": "MWh",
    "GrossScope1GreenhouseGasEmissions": "t",
    "GrossLocationBasedScope2GreenhouseGasEmissions": "t",
    "GrossMarketBasedScope2GreenhouseGasEmissions": "t",
    "TotalAmountOfWaterWithdrawnFromAllSites": "m3",
    "AmountOfWaterWithdrawnAtSitesLocatedInAreasOfHighWaterStress": "m3",
    "WaterDischargeFromUndertakingProductionProcesses": "m3",
    "NumberOfPermanentContractEmployees": "persons",
    "NumberOfTemporaryContractEmployees": "persons",
    "NumberOfMaleEmployees": "persons",
    "NumberOfFemaleEmployees": "persons",
    "NumberOfOtherGenderEmployees": "persons",
    "NumberOfNonReportedGenderEmployees": "persons",
    "NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod": "count",
    "NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth": "count",
    "AverageNumberOfAnnualTrainingHoursPerMaleEmployee": "hours",
    "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee": "hours",
    "TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws": "count",
    "TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws": "EUR",
    "TotalSealedArea": "ha",
    "TotalNatureOrientedAreaOnSite": "ha",
    "TotalUseOfLand": "ha",
}
# number questions whose answer is a single template concept (question id -> concept, template unit)
NUMBER_QUESTIONS = {
    "res_water": "TotalAmountOfWaterWithdrawnFromAllSites",
    "res_water_stressed": "AmountOfWaterWithdrawnAtSitesLocatedInAreasOfHighWaterStress",
    "res_water_discharge": "WaterDischargeFromUndertakingProductionProcesses",
    "wf_employees_permanent": "NumberOfPermanentContractEmployees",
    "wf_employees_temporary": "NumberOfTemporaryContractEmployees",
    "wf_employees_male": "NumberOfMaleEmployees",
    "wf_employees_female": "NumberOfFemaleEmployees",
    "wf_employees_other_gender": "NumberOfOtherGenderEmployees",
    "wf_employees_gender_not_reported": "NumberOfNonReportedGenderEmployees",
    "wf_accidents": "NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
    "wf_fatalities": "NumberOfFatalitiesAsAResultOfWorkRelatedInjuriesAndWorkRelatedIllHealth",
    "qual_training_hours_male": "AverageNumberOfAnnualTrainingHoursPerMaleEmployee",
    "qual_training_hours_female": "AverageNumberOfAnnualTrainingHoursPerFemaleEmployee",
    "comp_corruption_convictions": "TotalNumberOfConvictionsForTheViolationOfAntiCorruptionAndAntiBriberyLaws",
    "comp_corruption_fines": "TotalAmountOfFinesForTheViolationOfAnticorruptionAndAntibriberyLaws",
    "b5_land_sealed": "TotalSealedArea",
    "b5_land_nature": "TotalNatureOrientedAreaOnSite",
    "b5_land_total": "TotalUseOfLand",
    "ghg_reported_scope1": "GrossScope1GreenhouseGasEmissions",
    "ghg_reported_scope2_location": "GrossLocationBasedScope2GreenhouseGasEmissions",
    "ghg_reported_scope2_market": "GrossMarketBasedScope2GreenhouseGasEmissions",
    "en_reported_total": "TotalEnergyConsumption",
}
PERCENT_QUESTIONS = {  # template cells formatted as % hold fractions (0.25 = 25 %)
    "wf_turnover_rate": "EmployeeTurnoverRate",
    "eq_pay_gap": "PercentageGapInPayBetweenFemaleAndMaleEmployees",
    "wf_collective_bargaining": "PercentageOfEmployeesCoveredByCollectiveBargainingAgreements",
}
TEXT_QUESTIONS = {
    "b1_certifications": "DescriptionOfSustainabilityRelatedCertificationsOrLabels",
    "res_circular_how": "DescriptionOfHowCircularEconomyPrinciplesAreApplied",
    "b4_public_url": "URLOrLinkToThePubliclyAvailableDisclosure",
}
BREAKDOWN = {  # VSME breakdown row -> the template's concepts (renewable, non-renewable, total)
    "electricity": "EnergyConsumptionFromElectricity",
    "self_generated": "EnergyConsumptionFromSelfGeneratedElectricity",
    "fuel": "EnergyConsumptionFromFuels",
}
TONNES = "metric tonnes (t)"
HECTARES = "hectares (ha)"
KILOGRAMS = "kilograms (kg)"


@lru_cache(maxsize=1)
def enumerations() -> dict[str, Any]:
    """Countries (ISO code -> name), NACE entries and pollutants as the template lists them."""
    with open(DATA / "enumerations-1.3.0.json", encoding="utf-8") as fh:
        return json.load(fh)


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    return enumerations()["countries"].get(code.strip().upper())


def country_code(name: Any) -> str | None:
    if not isinstance(name, str):
        return None
    by_name = {v.lower(): k for k, v in enumerations()["countries"].items()}
    return by_name.get(name.strip().lower()) or (name.strip().upper() if len(name.strip()) == 2 else None)


def nace_entry(code: str | None) -> str | None:
    """The template's list entry for a NACE code such as C25.62 ('NACE C - 25.62 ...')."""
    m = re.match(r"^\s*([A-Ua-u])\s*(\d{2}(?:\.\d{1,2})?)", code or "")
    if not m:
        return None
    prefix = f"NACE {m.group(1).upper()} - {m.group(2)} "
    return next((e for e in enumerations()["nace"] if e.startswith(prefix)), None)


def nace_code(entry: Any) -> str | None:
    m = re.match(r"^NACE ([A-U]) - (\d{2}(?:\.\d{1,2})?)\b", str(entry or ""))
    return f"{m.group(1)}{m.group(2)}" if m else None


def pollutant_entry(name: Any) -> str | None:
    wanted = str(name or "").strip().lower()
    return next((p for p in enumerations()["pollutants"] if p.lower() == wanted), None)


def reporting_period(resp: Response) -> tuple[date, date] | None:
    """The reporting period: the answers b1_period_start/end, else the calendar year named by the round."""
    start, end = _text(resp, "b1_period_start"), _text(resp, "b1_period_end")
    try:
        if start and end:
            return date.fromisoformat(start), date.fromisoformat(end)
    except ValueError:
        pass
    m = re.match(r"^(\d{4})", str(resp.round))
    if not m:
        return None
    year = int(m.group(1))
    return date(year, 1, 1), date(year, 12, 31)


def _answer(resp: Response, qid: str) -> Answer | None:
    a = resp.answers.get(qid)
    return None if a is None or a.not_applicable else a


def _value(resp: Response, qid: str) -> Any:
    a = _answer(resp, qid)
    return None if a is None else a.value


def _text(resp: Response, qid: str) -> str | None:
    v = _value(resp, qid)
    return v.strip() if isinstance(v, str) and v.strip() else None


def _number(resp: Response, qid: str, qn_unit: str | None, target: str) -> float | None:
    from toolkit.definitions import units as U

    a = _answer(resp, qid)
    if a is None or isinstance(a.value, bool) or not isinstance(a.value, int | float):
        return None
    unit = a.unit or qn_unit or target
    if unit == target or not (unit in U.UNITS and target in U.UNITS):
        return float(a.value)
    return U.convert(float(a.value), unit, target) if U.same_kind(unit, target) else float(a.value)


@dataclass
class Facts:
    """Values for the template: single cells by concept, table columns as lists, checkboxes, and what could
    not be exported (question or datapoint -> why)."""

    cells: dict[str, Any]
    tables: dict[str, list[Any]]
    checkboxes: dict[str, bool]
    omitted_labels: list[str]
    derived: dict[str, Any]  # template formulas kept, with the value they compute (concept -> value)
    not_exported: dict[str, str]


def facts(resp: Response, kpis: KPIs, units: dict[str, str | None]) -> Facts:
    """Template values of a response. ``units``: question id -> the question's unit (for conversions)."""
    c: dict[str, Any] = {}
    t: dict[str, list[Any]] = {}
    derived: dict[str, Any] = {}
    skipped: dict[str, str] = {}
    co: Company = resp.company
    # document information the converter requires
    c["template_reporting_entity_name"] = co.name or co.id
    c["template_currency"] = "EUR"
    scheme = _value(resp, "b1_identifier_scheme")
    if scheme in SCHEMES and _text(resp, "b1_identifier"):
        c["template_reporting_entity_identifier_scheme"] = SCHEMES[scheme]
        c["template_reporting_entity_identifier"] = _text(resp, "b1_identifier")
    else:
        skipped["b1_identifier"] = "no entity identifier (EUID, LEI ...): EFRAG's converter needs one"
    period = reporting_period(resp)
    if period:
        derived["template_reporting_period_startdate"] = period[0]
        derived["template_reporting_period_enddate"] = period[1]
    # B1
    module = _value(resp, "b1_module")
    if module:
        c["BasisForPreparation"] = OPTION_B if module == "basic_comprehensive" else OPTION_A
    basis = _value(resp, "b1_basis")
    if basis:
        c["BasisForReporting"] = CONSOLIDATED if basis == "consolidated" else INDIVIDUAL
    if co.legal_form in LEGAL_FORMS:
        c["UndertakingsLegalForm"] = LEGAL_FORMS[co.legal_form]
    if co.nace:
        entry = nace_entry(co.nace)
        if entry:
            t["NaceSectorClassificationCodes"] = [entry]
        else:
            skipped["nace"] = f"the NACE code {co.nace} is not in the template's list"
    for concept, v in (("Assets", co.balance_sheet), ("Turnover", co.turnover), ("NumberOfEmployees", co.employees)):
        if v is not None:
            c[concept] = float(v)
    kind = _value(resp, "b1_employee_type")
    if kind:
        c["TypeOfNumberOfEmployees"] = FTE if kind == "fte" else HEADCOUNT
    method = _value(resp, "b1_employee_method")
    if method:
        c["EmployeeCountingMethodology"] = END_OF_PERIOD if method == "end_of_period" else AVERAGE
    if country_name(co.country):
        c["CountryOfPrimaryOperationsAndLocationOfSignificantAssets"] = country_name(co.country)
    subs = _value(resp, "b1_subsidiaries")
    if isinstance(subs, list) and subs:
        t["NameOfTheSubsidiary"] = [r.get("name") for r in subs]
        t["RegisteredAddressOfTheSubsidiary"] = [r.get("address") for r in subs]
    sites = _value(resp, "b1_sites")
    if isinstance(sites, list) and sites:
        t["AddressOfSite"] = [r.get("address") for r in sites]
        t["PostalCodeOfSite"] = [r.get("postal_code") for r in sites]
        t["CityOfSite"] = [r.get("city") for r in sites]
        t["CountryOfSite"] = [country_name(r.get("country")) for r in sites]
    for qid, concept in TEXT_QUESTIONS.items():
        if _text(resp, qid):
            c[concept] = _text(resp, qid)
    checkboxes: dict[str, bool] = {}
    labels: list[str] = []
    omitted = _value(resp, "b1_omitted")
    for opt in omitted if isinstance(omitted, list) else []:
        for box, label in OMITTED.get(opt, ()):
            checkboxes[box] = True
            if label:
                labels.append(label)
    # B2
    chosen: set[str] = set()
    for qid in ("b2_practices", "b2_policies", "b2_initiatives"):
        v = _value(resp, qid)
        if isinstance(v, list):
            chosen |= set(v)
    if any(_answer(resp, q) is not None for q in ("b2_practices", "b2_policies", "b2_initiatives")):
        c["template_b2_has_practices"] = bool(chosen)
        t["SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative"] = [i in chosen for i in B2_ISSUES]
    for qid, concept in (
        ("b2_public", "PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable"),
        ("b2_targets", "UndertakingHasSetATargetWhichIsRelatedToAPolicy"),
    ):
        v = _value(resp, qid)
        if v in ("yes", "no"):
            c[concept] = v == "yes"
    # B3 energy: the net calorific value, MWh
    if kpis.total_mwh or kpis.energy or "total_mwh" in kpis.reported:
        c["TotalEnergyConsumption"] = kpis.total_mwh
        for kind_id, concept in BREAKDOWN.items():
            cell = kpis.breakdown.get(kind_id)
            if cell is None:
                continue
            c[f"{concept}_RenewableEnergyMember"] = cell["renewable"]
            c[f"{concept}_NonRenewableEnergyMember"] = cell["non_renewable"]
            derived[f"{concept}_TotalRenewableAndNonRenewableEnergyMember"] = cell["renewable"] + cell["non_renewable"]
    if kpis.energy or kpis.refrigerants or {"scope1_t", "scope2_location_t"} & set(kpis.reported):
        c["GrossScope1GreenhouseGasEmissions"] = kpis.scope1_t
        c["GrossLocationBasedScope2GreenhouseGasEmissions"] = kpis.scope2_location_t
        derived["TotalGrossLocationBasedScope1AndScope2GHGEmissions"] = kpis.total_t
        if kpis.scope2_market_t is not None:
            c["GrossMarketBasedScope2GreenhouseGasEmissions"] = kpis.scope2_market_t
            derived["TotalGrossMarketBasedScope1AndScope2GHGEmissions"] = kpis.scope1_t + kpis.scope2_market_t
        if kpis.intensity_per_eur_t is not None:
            derived["Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased"] = kpis.intensity_per_eur_t
            if kpis.scope2_market_t is not None and co.turnover:
                derived["Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased"] = (
                    kpis.scope1_t + kpis.scope2_market_t
                ) / co.turnover
    # single numbers
    for qid, concept in NUMBER_QUESTIONS.items():
        if concept in c:  # computed B3 figures already hold a reported value where one is given
            continue
        v = _number(resp, qid, units.get(qid), UNITS[concept])
        if v is not None:
            c[concept] = v
    for qid, concept in PERCENT_QUESTIONS.items():
        v = _number(resp, qid, "percent", "percent")
        if v is not None:
            c[concept] = v / 100
    hours = _number(resp, "wf_hours_worked", "hours", "hours")
    accidents = c.get("NumberOfRecordableWorkRelatedAccidentsInTheReportingPeriod")
    if hours and accidents is not None:
        c["template_hours_worked"] = hours
        derived["RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod"] = accidents / hours * 200_000
    if "TotalAmountOfWaterWithdrawnFromAllSites" in c and "WaterDischargeFromUndertakingProductionProcesses" in c:
        derived["TotalWaterConsumption"] = (
            c["TotalAmountOfWaterWithdrawnFromAllSites"] - c["WaterDischargeFromUndertakingProductionProcesses"]
        )
    if any(k.startswith("TotalSealedArea") or k.startswith("TotalUse") or k.startswith("TotalNature") for k in c):
        c["TotalSealedArea_unit"] = HECTARES
    # B4
    b4 = _value(resp, "b4_applicable")
    if b4 == "yes":
        c["PubliclyAvailableDisclosure"] = bool(_text(resp, "b4_public_url"))
        rows = _value(resp, "b4_pollutants") or []
        kept = [r for r in rows if pollutant_entry(r.get("pollutant"))]
        for r in rows:
            if not pollutant_entry(r.get("pollutant")):
                skipped[f"b4_pollutants: {r.get('pollutant')}"] = "not a pollutant of the template's (E-PRTR) list"
        if kept:
            t["TypeOfPollutantAxis"] = [pollutant_entry(r.get("pollutant")) for r in kept]
            for col, concept in (
                ("air", "AmountOfEmissionToAir"),
                ("water", "AmountOfEmissionToWater"),
                ("soil", "AmountOfEmissionToSoil"),
            ):
                t[concept] = [r.get(col) / 1000 if isinstance(r.get(col), int | float) else None for r in kept]
            c["AmountOfEmissionToAir_unit"] = TONNES
    # B5
    sites5 = _value(resp, "b5_sites")
    if _value(resp, "b5_sensitive_sites") == "yes" and isinstance(sites5, list) and sites5:
        t["IdentifierOfSitesInBiodiversitySensitiveAreasTypedAxis"] = list(range(1, len(sites5) + 1))
        t["AreaOfSiteInBiodiversitySensitiveArea"] = [r.get("area_ha") for r in sites5]
        t["SiteLocatedInABiodiversitySensitiveArea"] = [r.get("location") == "in" for r in sites5]
        t["SiteLocatedNearABiodiversitySensitiveArea"] = [r.get("location") == "near" for r in sites5]
        c["AreaOfSiteInBiodiversitySensitiveArea_unit"] = HECTARES
    # B7
    circular = _value(resp, "res_circular")
    if isinstance(circular, str):
        c["UndertakingAppliesCircularEconomyPrinciples"] = "NO" if circular in ("no", "none") else "YES"
    total = kpis.other.get("waste_total")
    hazardous = kpis.other.get("waste_hazardous")
    if total or hazardous:
        from toolkit.definitions import units as U

        def tonnes(entry: dict[str, Any] | None) -> float | None:
            if not entry:
                return None
            return U.convert(entry["value"], entry["unit"], "t") if U.same_kind(entry["unit"], "t") else None

        tot, haz = tonnes(total), tonnes(hazardous)
        if haz is not None:
            c["TotalHazardousWasteGeneratedMass"] = haz
        if tot is not None:
            c["TotalWasteGeneratedMass"] = tot
            if haz is not None:
                c["TotalNonHazardousWasteGeneratedMass"] = max(tot - haz, 0.0)
        c["TotalHazardousWasteGeneratedMass_unit"] = TONNES
        c["TotalNonHazardousWasteGeneratedMass_unit"] = TONNES
        c["TotalWasteGeneratedMass_unit"] = TONNES
    if kpis.other.get("waste_recycled"):
        skipped["res_waste_recycled"] = "the template records recycling per waste type (EWC code) only"
    flows = _value(resp, "res_material_flows")
    if isinstance(flows, list) and flows:
        t["NameOfMaterialUsed"] = [r.get("material") for r in flows]
        t["WeightOfMaterialUsed"] = [
            r.get("weight_t") * 1000 if isinstance(r.get("weight_t"), int | float) else None for r in flows
        ]
        t["WeightOfMaterialUsed_unit"] = [KILOGRAMS for _ in flows]
    # B8 countries
    countries = _value(resp, "wf_employees_countries")
    if isinstance(countries, list) and countries:
        t["CountryOfEmploymentContractAxis"] = [country_name(r.get("country")) for r in countries]
        t["NumberOfEmployeesForCountryOfEmploymentContract"] = [r.get("employees") for r in countries]
    # B10
    wage = _value(resp, "eq_min_wage")
    if wage in ("yes", "no"):
        c["EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement"] = wage.upper()
    return Facts(c, t, checkboxes, labels, derived, skipped)


def answers_from_facts(
    values: dict[str, Any], why_not: dict[str, str] | None = None
) -> tuple[dict[str, Answer], Company, list[str]]:
    """Answers and company facts from template values read by concept (``values``: concept -> value or list).
    The third item lists the template's filled concepts no question models (not imported); ``why_not`` receives
    the concepts a question models but whose value does not decide its answer, with the reason."""
    a: dict[str, Answer] = {}
    used: set[str] = set()

    def num(concept: str) -> float | None:
        v = values.get(concept)
        used.add(concept)
        return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None

    def text(concept: str) -> str | None:
        v = values.get(concept)
        used.add(concept)
        return v.strip() if isinstance(v, str) and v.strip() and v.strip() != "-" else None

    co = Company(id="imported")
    co.name = text("template_reporting_entity_name") or ""
    co.turnover, co.balance_sheet, co.employees = num("Turnover"), num("Assets"), num("NumberOfEmployees")
    legal = text("UndertakingsLegalForm")
    co.legal_form = next((k for k, v in LEGAL_FORMS.items() if legal and v.lower() == legal.lower()), None)
    nace = values.get("NaceSectorClassificationCodes")
    used.add("NaceSectorClassificationCodes")
    if isinstance(nace, list):
        co.nace = next((nace_code(x) for x in nace if nace_code(x)), None)
    co.country = country_code(text("CountryOfPrimaryOperationsAndLocationOfSignificantAssets"))
    scheme = text("template_reporting_entity_identifier_scheme")
    ident = text("template_reporting_entity_identifier")
    for k, v in SCHEMES.items():
        if scheme and scheme.replace(" ", "").lower() == v.replace(" ", "").lower():
            a["b1_identifier_scheme"] = Answer(value=k)
    if ident:
        a["b1_identifier"] = Answer(value=ident)
    start, end = values.get("template_reporting_period_startdate"), values.get("template_reporting_period_enddate")
    if isinstance(start, date) and isinstance(end, date):
        a["b1_period_start"] = Answer(value=start.isoformat())
        a["b1_period_end"] = Answer(value=end.isoformat())
    prep = text("BasisForPreparation")
    if prep:
        a["b1_module"] = Answer(value="basic_comprehensive" if prep.startswith("Option B") else "basic")
    basis = text("BasisForReporting")
    if basis:
        a["b1_basis"] = Answer(value="consolidated" if "consolidated" in basis.lower() else "individual")
    kind = text("TypeOfNumberOfEmployees")
    if kind:
        a["b1_employee_type"] = Answer(value="fte" if "FTE" in kind else "headcount")
    method = text("EmployeeCountingMethodology")
    if method:
        a["b1_employee_method"] = Answer(value="end_of_period" if "end" in method.lower() else "average")
    for qid, concept in TEXT_QUESTIONS.items():
        if text(concept):
            a[qid] = Answer(value=text(concept))
    rows = _rows(values, used, name="NameOfTheSubsidiary", address="RegisteredAddressOfTheSubsidiary")
    if rows:
        a["b1_subsidiaries"] = Answer(value=rows)
    rows = _rows(
        values,
        used,
        address="AddressOfSite",
        postal_code="PostalCodeOfSite",
        city="CityOfSite",
        country="CountryOfSite",
    )
    for r in rows:
        if r.get("country"):
            r["country"] = country_code(r["country"]) or r["country"]
    if rows:
        a["b1_sites"] = Answer(value=rows)
    omitted = values.get("omitted") or []
    used.add("ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation")
    chosen = [opt for opt, boxes in OMITTED.items() if boxes and all(b in omitted for b, _ in boxes)]
    if chosen:
        a["b1_omitted"] = Answer(value=chosen)
    issues = values.get("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative")
    used.add("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative")
    if isinstance(issues, list) and any(v is True for v in issues):
        a["b2_practices"] = Answer(value=[i for i, v in zip(B2_ISSUES, issues, strict=False) if v is True])
    for qid, concept in (
        ("b2_public", "PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable"),
        ("b2_targets", "UndertakingHasSetATargetWhichIsRelatedToAPolicy"),
    ):
        said = values.get(concept)
        used.add(concept)
        if isinstance(said, bool) or said in ("YES", "NO"):
            a[qid] = Answer(value="yes" if said in (True, "YES") else "no")
    # B3 as reported
    breakdown = []
    for kind_id, concept in BREAKDOWN.items():
        ren, non = num(f"{concept}_RenewableEnergyMember"), num(f"{concept}_NonRenewableEnergyMember")
        used.add(f"{concept}_TotalRenewableAndNonRenewableEnergyMember")
        if ren is not None or non is not None:
            breakdown.append({"kind": kind_id, "renewable": ren or 0.0, "non_renewable": non or 0.0})
    if breakdown:
        a["en_reported_breakdown"] = Answer(value=breakdown)
    for qid, concept in NUMBER_QUESTIONS.items():
        figure = num(concept)
        if figure is not None:
            a[qid] = Answer(value=figure, unit=UNITS[concept])
    for qid, concept in PERCENT_QUESTIONS.items():
        figure = num(concept)
        if figure is not None:
            a[qid] = Answer(value=round(figure * 100, 10), unit="percent")
    rate_hours = num("template_hours_worked")
    if rate_hours:
        a["wf_hours_worked"] = Answer(value=rate_hours, unit="hours")
    for concept in (
        "RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
        "TotalWaterConsumption",
        "TotalGrossLocationBasedScope1AndScope2GHGEmissions",
        "TotalGrossMarketBasedScope1AndScope2GHGEmissions",
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased",
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased",
        "TotalNonHazardousWasteGeneratedMass",
    ):
        used.add(concept)  # derived by the toolkit from the figures above
    applies = text("UndertakingAppliesCircularEconomyPrinciples")
    if applies == "NO":
        a["res_circular"] = Answer(value="none")
    elif applies == "YES" and why_not is not None:  # the question asks how far they go; the template only whether
        why_not["UndertakingAppliesCircularEconomyPrinciples"] = (
            "the template says only that circular-economy principles are applied; answer in the form how far they go"
        )
    wage = text("EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement")
    if wage in ("YES", "NO"):
        a["eq_min_wage"] = Answer(value=wage.lower())
    # waste totals (t)
    for concept, qid in (
        ("TotalWasteGeneratedMass", "res_waste_total"),
        ("TotalHazardousWasteGeneratedMass", "res_waste_hazardous"),
    ):
        figure = num(concept)
        unit = values.get(f"{concept}_unit")
        if figure is not None:
            a[qid] = Answer(value=figure / 1000 if unit == KILOGRAMS else figure, unit="t")
    if values.get("PubliclyAvailableDisclosure") is not None or values.get("TypeOfPollutantAxis"):
        used.add("PubliclyAvailableDisclosure")
        pol = _rows(
            values,
            used,
            pollutant="TypeOfPollutantAxis",
            air="AmountOfEmissionToAir",
            water="AmountOfEmissionToWater",
            soil="AmountOfEmissionToSoil",
        )
        factor = 1.0 if values.get("AmountOfEmissionToAir_unit") == KILOGRAMS else 1000.0
        for r in pol:
            for col in ("air", "water", "soil"):
                if isinstance(r.get(col), int | float):
                    r[col] = r[col] * factor
        if pol:
            a["b4_applicable"] = Answer(value="yes")
            a["b4_pollutants"] = Answer(value=pol)
    sites5 = _rows(
        values,
        used,
        area_ha="AreaOfSiteInBiodiversitySensitiveArea",
        is_in="SiteLocatedInABiodiversitySensitiveArea",
        near="SiteLocatedNearABiodiversitySensitiveArea",
    )
    used.add("IdentifierOfSitesInBiodiversitySensitiveAreasTypedAxis")
    sites5 = [r for r in sites5 if r.get("area_ha") is not None]
    if sites5:
        per_ha = 0.0001 if "m2" in str(values.get("AreaOfSiteInBiodiversitySensitiveArea_unit") or "") else 1.0
        a["b5_sensitive_sites"] = Answer(value="yes")
        a["b5_sites"] = Answer(
            value=[
                {
                    "site": str(i),
                    "area_ha": r["area_ha"] * per_ha,
                    "location": "in" if r.get("is_in") is True else "near",
                }
                for i, r in enumerate(sites5, 1)
            ]
        )
    for qid in ("b5_land_sealed", "b5_land_nature", "b5_land_total"):
        if qid in a and "m2" in str(values.get("TotalSealedArea_unit") or ""):
            a[qid] = Answer(value=float(a[qid].value) * 0.0001, unit="ha")
    flows = _rows(values, used, material="NameOfMaterialUsed", weight="WeightOfMaterialUsed")
    units = values.get("WeightOfMaterialUsed_unit") or []
    used.add("WeightOfMaterialUsed_unit")
    out_flows = []
    for i, r in enumerate(flows):
        w = r.get("weight")
        if r.get("material") and isinstance(w, int | float):
            unit = units[i] if i < len(units) else TONNES
            out_flows.append({"material": r["material"], "weight_t": w / 1000 if unit == KILOGRAMS else w})
    if out_flows:
        a["res_material_flows"] = Answer(value=out_flows)
    countries = _rows(
        values,
        used,
        country="CountryOfEmploymentContractAxis",
        employees="NumberOfEmployeesForCountryOfEmploymentContract",
    )
    countries = [
        {"country": country_code(r.get("country")) or str(r.get("country")), "employees": r["employees"]}
        for r in countries
        if isinstance(r.get("employees"), int | float)
    ]
    if countries:
        a["wf_employees_countries"] = Answer(value=countries)
    not_imported = sorted(
        k
        for k, v in values.items()
        if k not in used and _filled(v) and not k.startswith("template_") and not k.endswith("_unit") and k != "omitted"
    )
    return a, co, not_imported


def _filled(v: Any) -> bool:
    if isinstance(v, list):
        return any(_filled(x) for x in v)
    return v is not None and v != "" and v != "-" and v is not False


def _rows(values: dict[str, Any], used: set[str], **columns: str) -> list[dict[str, Any]]:
    """Rows of a template table: column id -> concept (each a list of cell values); empty rows dropped."""
    lists = {col: values.get(concept) or [] for col, concept in columns.items()}
    used.update(columns.values())
    n = max((len(v) for v in lists.values() if isinstance(v, list)), default=0)
    rows = []
    for i in range(n):
        row = {col: (v[i] if isinstance(v, list) and i < len(v) else None) for col, v in lists.items()}
        if any(x is not None and x != "" and x != "-" for x in row.values()):
            rows.append({k: v for k, v in row.items() if v is not None and v != "-"})
    return rows
