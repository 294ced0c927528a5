"""Every VSME Basic datapoint (the taxonomy's B1-B11 presentation groups) has a question, or a stated reason.

The test reads the taxonomy's B1-B11 groups (tests/data/vsme, extracted from EFRAG's taxonomy dump) and lists
each reportable Basic concept that neither the questionnaire's ``refs.concepts`` tags nor the template mapping cover.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from toolkit.vsme import mapping as M
from toolkit.vsme.template import TABLE_CONCEPTS, _wanted

TAXONOMY = Path(__file__).resolve().parent / "data" / "vsme" / "vsme-taxonomy-2026-05-01-basic.json"
NOT_COVERED = {  # concept -> why no question asks for it
    "ReportContainsDisclosuresFromThePreviousReportingPeriodThatRemainUnchanged": "roll-forward of earlier reports",
    "ListOfDisclosuresForWhichNoChangesAreReportedComparedToThePreviousPeriodReporting": "roll-forward",
    "LinkToPreviousReportContainingDisclosuresThatRemainUnchanged": "roll-forward",
    "OtherUndertakingsLegalForm": "the profile's legal form 'other' is exported without the free text",
    "GPSLocationOfSite": "computed by the template from the address",
    "DescriptionOfTheEffectiveParticipationOfWorkersUsersOrOtherInterestedPartiesOrCommunitiesInGovernance": "cooperative-specific, optional",  # noqa: E501  (an EFRAG concept name)
    "FinancialInvestmentInTheCapitalOrAssetsOfSocialEconomyEntities": "cooperative-specific, optional",
    "DescriptionOfLimitsToTheDistributionOfProfitsConnectedToTheMutualisticNatureOrToTheNatureOfTheActivities"
    "ConsistingInServicesOfGeneralEconomicInterestSGEI": "cooperative-specific, optional",
    "GrossScope3GreenhouseGasEmissions": "Scope 3 is optional in the Basic module",
    "TotalGrossLocationBasedGHGEmissions": "includes Scope 3 (optional)",
    "TotalGrossMarketBasedGHGEmissions": "includes Scope 3 (optional)",
    "TotalLocationBasedGreenhouseGasEmissionsIntensityValue": "includes Scope 3 (optional)",
    "TotalMarketBasedGreenhouseGasEmissionsIntensityValue": "includes Scope 3 (optional)",
    "TotalNatureOrientedAreaOffSite": "optional land-use metric, rare for SMEs",
    "WasteDivertedToRecycleOrReuseVolume": "waste by EWC type: totals by mass are asked",
    "WasteDivertedToRecycleOrReuseMass": "per EWC waste type only; the total recycled mass is asked",
    "WasteDirectedToDisposalVolume": "waste by EWC type",
    "WasteDirectedToDisposalMass": "waste by EWC type",
    "TotalWasteRecycledReusedAndDirectedToDisposalVolume": "waste by EWC type",
    "TotalWasteRecycledReusedAndDirectedToDisposalMass": "waste by EWC type",
    "TotalHazardousWasteGeneratedVolume": "waste asked by mass",
    "TotalNonHazardousWasteGeneratedVolume": "waste asked by mass",
    "TotalWasteGeneratedVolume": "waste asked by mass",
    "VolumeOfMaterialUsed": "materials asked by weight",
    "TotalMassOfMaterialUsed": "computed by the template from the rows",
    "TotalVolumeOfMaterialUsed": "materials asked by weight",
    "AverageNumberOfAnnualTrainingHoursPerOtherGenderEmployee": "rarely more than a few people; asked in total",
    "AverageNumberOfAnnualTrainingHoursPerNonReportedGenderEmployee": "asked in total",
    "DisclosureOfAnyOtherGeneralAndOrEntitySpecificInformation": "free text outside the VSME datapoints",
}


def basic_concepts() -> set[str]:
    data = json.loads(TAXONOMY.read_text())
    out = set()
    for role in data["presentation"].values():
        if not re.search(r"\] B(\d+) -", role["definition"]):
            continue
        for row in role["rows"]:
            name = row[1]
            c = data["concepts"].get(name, {})
            dt = c.get("dataType", "")
            local = name.split(":", 1)[1]
            if dt.endswith("domainItemType") or local.endswith(("Abstract", "Table", "LineItems", "Axis", "Hypercube")):
                continue
            if dt in ("xbrli:stringItemType",) and local.startswith("Identifier"):
                continue
            out.add(local)
    return out


def test_every_basic_datapoint_has_a_question_or_a_reason(qn):
    tagged = {c for q in qn.iter_questions() for c in q.refs.get("concepts", [])}
    tagged |= {c.concept for q in qn.iter_questions() for c in q.columns if c.concept}
    mapped = set(_wanted()) | set(TABLE_CONCEPTS) | set(M.UNITS) | set(M.BREAKDOWN.values())
    derived = {  # computed by the toolkit from the figures above and written with the template's own formula
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueLocationBased",
        "Scope1AndScope2GreenhouseGasEmissionsIntensityValueMarketBased",
        "TotalGrossLocationBasedScope1AndScope2GHGEmissions",
        "TotalGrossMarketBasedScope1AndScope2GHGEmissions",
    }
    covered = tagged | mapped | derived
    missing = sorted(basic_concepts() - covered - set(NOT_COVERED))
    assert not missing, "Basic datapoints without a question: " + ", ".join(missing)
    # every concept a question names exists in the taxonomy
    data = json.loads(TAXONOMY.read_text())
    assert not [c for c in tagged if f"vsme:{c}" not in data["concepts"]]
