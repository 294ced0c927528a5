"""Fill EFRAG's VSME Digital Template from a response, and read a filled template back into a response.

Export writes literal values into the cells the converter reads (named ranges named like taxonomy concepts),
keeps the template's own total formulas with their results cached, switches on the "classified or sensitive"
checkboxes of omitted disclosures and sets the document fields the converter requires (entity name, identifier
and scheme, currency, reporting period). Everything else in the workbook is copied byte for byte.
Import reads values the way EFRAG's converter does (openpyxl, cached values, named ranges).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from toolkit.definitions.model import Questionnaire
from toolkit.errors import Code, Location, Problem, VsmeTemplateError
from toolkit.responses import Answer, Response, check_answer, new_response
from toolkit.scoring.scores import ScoreCard
from toolkit.vsme import mapping as M
from toolkit.vsme.xlsx import PackageProblem, Target, Write, defined_names, open_package, resolve, write_package

VERSION_NAME = "template_reporting_template_version"
PERCENT_CONCEPTS = set(M.PERCENT_QUESTIONS.values())
NEIGHBOURS = {  # cells without a name of their own: name -> (concept they sit next to, row offset, col offset)
    "template_b2_has_practices": ("SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative", 0, -1),
    "template_hours_worked": ("RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod", -1, 0),
}
TABLE_CONCEPTS = (
    "NaceSectorClassificationCodes",
    "NameOfTheSubsidiary",
    "RegisteredAddressOfTheSubsidiary",
    "AddressOfSite",
    "PostalCodeOfSite",
    "CityOfSite",
    "CountryOfSite",
    "SustainabilityIssueAddressedByPracticePolicyAndOrFutureInitiative",
    "TypeOfPollutantAxis",
    "AmountOfEmissionToAir",
    "AmountOfEmissionToWater",
    "AmountOfEmissionToSoil",
    "IdentifierOfSitesInBiodiversitySensitiveAreasTypedAxis",
    "AreaOfSiteInBiodiversitySensitiveArea",
    "SiteLocatedInABiodiversitySensitiveArea",
    "SiteLocatedNearABiodiversitySensitiveArea",
    "NameOfMaterialUsed",
    "WeightOfMaterialUsed",
    "WeightOfMaterialUsed_unit",
    "CountryOfEmploymentContractAxis",
    "NumberOfEmployeesForCountryOfEmploymentContract",
)


@lru_cache(maxsize=1)
def shipped_targets() -> dict[str, Target]:
    """Where every named range sits in the shipped template 1.3.0 (to locate broken names in other files)."""
    with open_package(M.TEMPLATE) as zf:
        return {n: t for n, r in defined_names(zf).items() if (t := resolve(r)) is not None}


def _loc(path: Path | str, target: Target | None, sheet: str | None = None, cell: str | None = None) -> Location:
    where = f"'{sheet}'!{cell}" if sheet else str(target) if target else "'Introduction'!C1"
    return Location(f"{path}:{where}")


def _package_error(path: Path | str, exc: PackageProblem) -> VsmeTemplateError:
    code = Code.V005 if exc.kind == "bomb" else Code.V001
    return VsmeTemplateError([code.problem(_loc(path, shipped_targets().get(VERSION_NAME)), detail=exc.detail)])


# ---- export ----------------------------------------------------------------------------------------------------
@dataclass
class ExportResult:
    path: Path
    written: list[str]  # concepts written
    not_exported: dict[str, str]  # what could not be written, and why


def export_vsme(
    qn: Questionnaire, resp: Response, card: ScoreCard, out: Path, template: Path = M.TEMPLATE
) -> ExportResult:
    """Write the filled template to ``out`` (atomically; nothing is written when anything fails)."""
    units = {q.id: q.unit for q in qn.iter_questions()}
    f = M.facts(resp, card.kpis, units)
    try:
        zf = open_package(template)
    except PackageProblem as exc:
        raise _package_error(template, exc) from None
    with zf:
        names = {n: resolve(r) for n, r in defined_names(zf).items()}
        writes: dict[tuple[str, str], Write] = {}
        written: list[str] = []

        def target(name: str) -> Target:
            if name in NEIGHBOURS:
                base, dr, dc = NEIGHBOURS[name]
                at = target(base)
                return Target(at.sheet, at.min_col + dc, at.min_row + dr, at.min_col + dc, at.min_row + dr)
            t = names.get(name)
            if t is None:
                raise VsmeTemplateError(
                    [
                        Code.V003.problem(
                            _loc(template, shipped_targets().get(name)), name=name, detail="not in the template"
                        )
                    ]
                )
            return t

        for name, value in f.cells.items():
            if value is None:
                continue
            t = target(name)
            writes[(t.sheet, t.cell())] = Write(value)
            written.append(name)
        for name, value in f.derived.items():
            t = target(name)
            if isinstance(value, date):
                for i, part in enumerate((value.year, value.month, value.day)):
                    writes[(t.sheet, t.cell(row_offset=i - 3))] = Write(part)
                writes[(t.sheet, t.cell())] = Write(value.isoformat(), keep_formula=True)
            else:
                writes[(t.sheet, t.cell())] = Write(value, keep_formula=True)
            written.append(name)
        for name, values in f.tables.items():
            t = target(name)
            for i, v in enumerate(values[: t.rows]):
                if v is not None:
                    writes[(t.sheet, t.cell(row_offset=i))] = Write(v)
            if t.rows == 1 and t.max_col > t.min_col:  # a row of checkboxes (B2 issues)
                for i, v in enumerate(values[: t.max_col - t.min_col + 1]):
                    writes[(t.sheet, t.cell(col_offset=i))] = Write(v)
            written.append(name)
        for name, on in f.checkboxes.items():
            t = target(name)
            writes[(t.sheet, t.cell())] = Write(bool(on))
        if f.omitted_labels:
            t = target("ListOfOmittedDisclosuresDeemedToBeClassifiedOrSensitiveInformation")
            for i, label in enumerate(f.omitted_labels[: t.rows]):
                writes[(t.sheet, t.cell(row_offset=i))] = Write(label, keep_formula=True)
        write_package(zf, out, writes)
    return ExportResult(out, written, f.not_exported)


# ---- import ----------------------------------------------------------------------------------------------------
@dataclass
class ImportResult:
    response: Response
    version: str
    imported: list[str] = field(default_factory=list)  # question ids answered from the template
    not_imported: dict[str, str] = field(default_factory=dict)  # concept or question -> why


def _wanted() -> list[str]:
    single = (
        set(M.UNITS)
        | set(M.PERCENT_QUESTIONS.values())
        | set(M.TEXT_QUESTIONS.values())
        | {
            "BasisForPreparation",
            "BasisForReporting",
            "UndertakingsLegalForm",
            "TypeOfNumberOfEmployees",
            "EmployeeCountingMethodology",
            "CountryOfPrimaryOperationsAndLocationOfSignificantAssets",
            "PracticePolicyAndOrFutureInitiativeIsPubliclyAvailable",
            "UndertakingHasSetATargetWhichIsRelatedToAPolicy",
            "UndertakingAppliesCircularEconomyPrinciples",
            "PubliclyAvailableDisclosure",
            "EmployeesReceivePayEqualOrAboveMinimumWageDeterminedByNationalLawOrCollectiveAgreement",
            "RateOfRecordableWorkRelatedAccidentsInTheReportingPeriod",
            "TotalWaterConsumption",
            "TotalHazardousWasteGeneratedMass",
            "TotalNonHazardousWasteGeneratedMass",
            "TotalWasteGeneratedMass",
            "TotalHazardousWasteGeneratedMass_unit",
            "TotalWasteGeneratedMass_unit",
            "AmountOfEmissionToAir_unit",
            "AreaOfSiteInBiodiversitySensitiveArea_unit",
            "TotalSealedArea_unit",
            "template_reporting_entity_name",
            "template_reporting_entity_identifier",
            "template_reporting_entity_identifier_scheme",
            "template_currency",
            "template_reporting_period_startdate",
            "template_reporting_period_enddate",
        }
    )
    for concept in M.BREAKDOWN.values():
        single |= {f"{concept}_RenewableEnergyMember", f"{concept}_NonRenewableEnergyMember"}
    return sorted(single)


NUMERIC = (
    set(M.UNITS)
    | PERCENT_CONCEPTS
    | {f"{c}_{m}" for c in M.BREAKDOWN.values() for m in ("RenewableEnergyMember", "NonRenewableEnergyMember")}
    | {
        "TotalHazardousWasteGeneratedMass",
        "TotalNonHazardousWasteGeneratedMass",
        "TotalWasteGeneratedMass",
        "AmountOfEmissionToAir",
        "AmountOfEmissionToWater",
        "AmountOfEmissionToSoil",
        "AreaOfSiteInBiodiversitySensitiveArea",
        "WeightOfMaterialUsed",
        "NumberOfEmployeesForCountryOfEmploymentContract",
        "template_hours_worked",
    }
)


def read_template(path: Path) -> tuple[dict[str, Any], str]:
    """Values of a filled template by concept (tables as lists), and its version. Raises VsmeTemplateError."""
    try:
        zf = open_package(path)
    except PackageProblem as exc:
        raise _package_error(path, exc) from None
    with zf:
        raw_names = defined_names(zf)
    shipped = shipped_targets()
    if VERSION_NAME not in raw_names:
        raise VsmeTemplateError(
            [
                Code.V001.problem(
                    _loc(path, shipped[VERSION_NAME]), detail=f"the workbook has no named range {VERSION_NAME}"
                )
            ]
        )
    import openpyxl
    from openpyxl.utils.cell import coordinate_to_tuple

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            # read-only: the values only, without the template's styles and merged cells (10x faster)
            wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
        except Exception as exc:  # openpyxl raises many kinds for damaged packages
            problem = Code.V001.problem(_loc(path, shipped[VERSION_NAME]), detail=str(exc)[:200])
            raise VsmeTemplateError([problem]) from None
    try:
        names = {n: resolve(r) for n, r in raw_names.items()}
        sheets: dict[str, dict[tuple[int, int], Any]] = {}  # sheet -> (row, column) -> value, read once

        def cell(t: Target, dr: int = 0, dc: int = 0) -> Any:
            if t.sheet not in wb.sheetnames:
                return None
            if t.sheet not in sheets:
                with warnings.catch_warnings():  # read-only parses a sheet here (EFRAG's data validations)
                    warnings.simplefilter("ignore")
                    rows = wb[t.sheet].iter_rows(values_only=True)
                    sheets[t.sheet] = {(r, c): v for r, row in enumerate(rows, 1) for c, v in enumerate(row, 1)}
            return sheets[t.sheet].get(coordinate_to_tuple(t.cell(dr, dc)))

        vt = names.get(VERSION_NAME)
        version = str(cell(vt) if vt else "").strip()
        if not version.startswith("1.") or version not in M.KNOWN_VERSIONS:
            raise VsmeTemplateError([Code.V002.problem(_loc(path, vt or shipped[VERSION_NAME]), version=version)])
        values: dict[str, Any] = {}
        problems: list[Problem] = []

        def where(name: str) -> Target | None:
            if name in NEIGHBOURS:
                base, dr, dc = NEIGHBOURS[name]
                t = where(base)
                return (
                    None
                    if t is None
                    else Target(t.sheet, t.min_col + dc, t.min_row + dr, t.min_col + dc, t.min_row + dr)
                )
            target = names.get(name)
            if name in raw_names and (target is None or target.sheet not in wb.sheetnames):
                problems.append(
                    Code.V003.problem(_loc(path, shipped.get(name)), name=name, detail=f"refers to {raw_names[name]}")
                )
                return None
            if name not in raw_names:
                if version == M.TEMPLATE_VERSION and name in shipped:
                    problems.append(Code.V003.problem(_loc(path, shipped.get(name)), name=name, detail="missing"))
                return None
            return names[name]

        def check_number(name: str, t: Target, dr: int, v: Any) -> Any:
            if isinstance(v, str) and v.strip() not in ("", "-") and name in NUMERIC:
                try:
                    return float(v.strip().replace(",", "."))
                except ValueError:
                    unit = M.UNITS.get(name, "the template's unit")
                    problems.append(
                        Code.V004.problem(_loc(path, None, t.sheet, t.cell(dr)), value=v, name=name, unit=unit)
                    )
                    return None
            return v

        for name in [*_wanted(), *NEIGHBOURS]:
            t = where(name)
            if t is None:
                continue
            v = cell(t)
            if isinstance(v, datetime):
                v = v.date()
            if isinstance(v, str) and name.startswith("template_reporting_period_"):
                try:
                    v = date.fromisoformat(v.strip())
                except ValueError:
                    v = None
            values[name] = check_number(name, t, 0, v)
        for name in TABLE_CONCEPTS:
            t = where(name)
            if t is None:
                continue
            if t.rows == 1 and t.max_col > t.min_col:
                values[name] = [cell(t, 0, i) for i in range(t.max_col - t.min_col + 1)]
            else:
                values[name] = [check_number(name, t, i, cell(t, i)) for i in range(t.rows)]
        omitted = []
        for boxes in M.OMITTED.values():
            for box, _ in boxes:
                t = names.get(box)
                if t is not None and cell(t) is True:
                    omitted.append(box)
        values["omitted"] = omitted
        known = set(values) | set(TABLE_CONCEPTS)
        for name, t in names.items():  # other filled concepts: listed as not imported
            if (
                t is None
                or name in known
                or name.startswith(("template_", "enum_", "footnote_"))
                or "_" in name
                or name.endswith(("Table", "Member"))
            ):  # a table's frame or a member, not a datapoint
                continue
            if (
                t.sheet in wb.sheetnames
                and t.rows * (t.max_col - t.min_col + 1) <= 1000
                and any(
                    cell(t, r, c) not in (None, "", "-", False)
                    for r in range(t.rows)
                    for c in range(t.max_col - t.min_col + 1)
                )
            ):
                values[name] = "(filled)"
        if problems:
            raise VsmeTemplateError(problems[:1])
        return values, version
    finally:
        wb.close()


def import_vsme(
    path: Path, qn: Questionnaire, company_id: str, round_: str | None = None, network: str | None = None
) -> ImportResult:
    """A response from a filled template: every Basic datapoint the questionnaire models; figures a company
    reported (energy, Scope 1, Scope 2) kept as reported; everything else listed as not imported."""
    values, version = read_template(path)
    why_not: dict[str, str] = {}
    answers, company, unmodelled = M.answers_from_facts(values, why_not)
    company.id = company_id
    company.network = network
    start = values.get("template_reporting_period_startdate")
    resp = new_response(qn, company, round_ or (start.year if isinstance(start, date) else None))
    result = ImportResult(resp, version)
    for concept in unmodelled:
        result.not_imported[concept] = "no question of the questionnaire models this datapoint"
    result.not_imported.update(why_not)
    for qid, ans in answers.items():
        q = qn.question(qid)
        if q is None:
            result.not_imported[qid] = "not a question of this questionnaire version"
            continue
        probs: list[Problem] = []
        raw = {"value": ans.value, **({"unit": ans.unit} if ans.unit else {})}
        checked = check_answer(q, raw, Location(str(path)), probs)
        if checked is None:
            result.not_imported[qid] = probs[0].message if probs else "does not fit the question"
            continue
        resp.answers[qid] = Answer(value=ans.value, unit=ans.unit)
        result.imported.append(qid)
    return result
