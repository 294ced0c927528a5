"""Errors, warnings and the catalogue of their codes.

Exception tree::

    ToolkitError (Exception)
    ├── QuestionnaireError (ValueError)   a questionnaire file has errors; .problems lists them
    ├── ResponseError (ValueError)        a response document is invalid; .problems lists them
    │   └── StaleRevisionError            a save would overwrite a newer revision
    ├── FactorTableError (ValueError)     an emission-factor table is invalid
    ├── CohortError (ValueError)          a cohort operation cannot be done (e.g. minimum group size)
    │   └── CohortSummaryError            a cohort summary file is malformed; .problems lists it
    └── RenderError (RuntimeError)        a report could not be rendered; .company_id, .stage

Every problem has a code from :class:`Code`, a location (file, line, column), what is wrong and how to fix
it. Warnings use the same :class:`Problem` shape with ``severity="warning"`` and never stop loading.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Location:
    """Where something is: a file and, when known, a 1-based line and column; ``where`` names the place inside
    the document by its keys (e.g. ``company.nace`` or ``groups[0].n``) when that is known."""

    path: str
    line: int | None = None
    column: int | None = None
    where: str | None = None

    def __str__(self) -> str:
        if self.line is None:
            place = self.path
        elif self.column is None:
            place = f"{self.path}:{self.line}"
        else:
            place = f"{self.path}:{self.line}:{self.column}"
        return f"{place}: {self.where}" if self.where else place


class _Detail:
    def __init__(self, code: str, what: str, fix: str) -> None:
        self.code = code
        self.what = what
        self.fix = fix


class _SafeDict(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Code(Enum):
    """The catalogue. Q = questionnaire, R = response, F = factor table, V = VSME template, C = cohort summary,
    W = warning. Codes are never reused for another problem; a retired code's number stays free."""

    # questionnaire files
    Q001 = _Detail("Q001", "YAML syntax error: {detail}", "Fix the YAML syntax at this position{hint}.")
    Q002 = _Detail("Q002", "the file is empty", "Start from questionnaires/dnk-sme-2026.yaml as a template.")
    Q003 = _Detail("Q003", "the file is not UTF-8 text ({detail})", "Save the file as UTF-8 text.")
    Q004 = _Detail("Q004", "{what} must be a {expected}, found {found}", "Write {what} as a {expected}.")
    Q005 = _Detail("Q005", "file not found", "Check the path.")
    Q006 = _Detail(
        "Q006",
        "the YAML alias '*{alias}' refers to content that itself uses an alias",
        "Questionnaires never need aliases of aliases; write the repeated content out.",
    )
    Q007 = _Detail(
        "Q007",
        "the YAML aliases expand to more than {limit} values",
        "Write the repeated content out, or repeat it less often.",
    )
    Q008 = _Detail(
        "Q008",
        "the YAML alias '*{alias}' refers to the structure it stands in",
        "Remove the alias: a structure cannot contain itself.",
    )
    Q010 = _Detail("Q010", "{what} is missing the required key '{key}'", "Add '{key}:' to {what}.")
    Q011 = _Detail("Q011", "unknown key '{key}' in {what}", "{suggestion}Allowed keys: {allowed}.")
    Q013 = _Detail("Q013", "the key '{key}' appears twice in the same mapping", "Keep only one '{key}:'.")
    Q020 = _Detail(
        "Q020", "duplicate {kind} id '{id}' (first defined at line {first})", "Give each {kind} a unique id."
    )
    Q021 = _Detail("Q021", "unknown question type '{type}'", "{suggestion}Known types: {allowed}.")
    Q022 = _Detail(
        "Q022",
        "invalid {kind} id '{id}'",
        "Use lower case letters, digits and '_' (or '-' for the questionnaire id), starting with a letter.",
    )
    Q023 = _Detail("Q023", "unknown profile field type '{type}'", "{suggestion}Profile fields take: {allowed}.")
    Q030 = _Detail(
        "Q030",
        "the condition refers to the unknown question '{ref}'",
        "{suggestion}Refer to the id of a question in this file.",
    )
    Q031 = _Detail(
        "Q031",
        "the condition refers to the option '{ref}', which question '{question}' does not have",
        "{suggestion}Options of '{question}': {allowed}.",
    )
    Q032 = _Detail(
        "Q032",
        "condition cycle: {cycle}",
        "Remove one of the show_if conditions so that no question depends on itself.",
    )
    Q033 = _Detail(
        "Q033",
        "invalid condition: {detail}",
        "Write the condition as {{question: ID, equals: VALUE}} (or in: [...], answered: true, gt: N, lt: N; "
        "checks, requires and comply_when also take min_level, max_level, min_count and gt/lt {{question: ID}}).",
    )
    Q040 = _Detail("Q040", "level {level} is out of range", "Use a level from 0 to 4.")
    Q041 = _Detail(
        "Q041",
        "the weight for '{dimension}' must be a positive number, found {value!r}",
        "Use a number greater than 0, e.g. 1, 2 or 3.",
    )
    Q042 = _Detail("Q042", "unknown dimension '{dimension}'", "{suggestion}Known dimensions: {allowed}.")
    Q043 = _Detail("Q043", "option '{option}' of a scored question has no level", "Add 'level: 0' to 'level: 4'.")
    Q044 = _Detail("Q044", "question type '{type}' {detail}", "{fix}")
    Q045 = _Detail(
        "Q045",
        "the question '{id}' has a workshop_topic but is not scored",
        "Remove 'workshop_topic:'; only scored questions appear on the network's improvement agenda.",
    )
    Q050 = _Detail("Q050", "unknown unit '{unit}'", "{suggestion}Known units: {allowed}.")
    Q051 = _Detail("Q051", "min ({min}) is greater than max ({max})", "Swap or correct min and max.")
    Q052 = _Detail("Q052", "unknown {kind} '{name}'", "{suggestion}Known: {allowed}.")
    Q053 = _Detail("Q053", "the unit '{unit}' cannot be converted to '{target}'{why}", "{fix}")
    Q060 = _Detail("Q060", "{what} has no German text ('de')", "Add 'de: ...'; German is the default language.")
    Q070 = _Detail("Q070", "DNK criterion {number} is outside 1-20", "Use the DNK criterion number 1 to 20.")
    Q071 = _Detail(
        "Q071",
        "DNK criterion {number} appears twice (first at line {first})",
        "Define each criterion once and put all its questions under it.",
    )
    Q072 = _Detail("Q072", "unknown area '{id}'", "{suggestion}Areas: {allowed}.")
    Q080 = _Detail(
        "Q080", "the maturity scale {detail}", "Define exactly five levels 0-4 with increasing min_score, the first 0."
    )
    Q081 = _Detail(
        "Q081",
        "the headline dimension '{id}' is missing or not marked headline",
        "Add a dimension '{id}' with 'headline: true'.",
    )
    Q082 = _Detail("Q082", "the languages must be {expected}, found {found}", "Write 'languages: [{example}]'.")
    Q083 = _Detail(
        "Q083",
        "cooperation list entry '{id}': {detail}",
        "{fix}",
    )
    Q046 = _Detail(
        "Q046",
        "option '{option}' of a scored multiple-choice question has no points",
        "Add 'points: N' (0 or more).",
    )
    # warnings on questionnaires
    W001 = _Detail("W001", "{what} has no English text ('en')", "Add 'en: ...' so English reports are complete.")
    W002 = _Detail(
        "W002",
        "the dimension '{dimension}' is scored by only {count} question(s)",
        "Score it with at least {minimum} questions for a stable result.",
    )
    W003 = _Detail(
        "W003",
        "option '{option}' of a scored question has no next_step",
        "Add next_step: {{de: ..., en: ...}} so reports can recommend a step.",
    )
    W004 = _Detail("W004", "unknown KPI tag '{name}'", "{suggestion}Known tags: {allowed}.")
    W005 = _Detail(
        "W005",
        "the DNK criteria {numbers} have no questions",
        "Add questions for them, unless this is deliberately a short check.",
    )
    W006 = _Detail(
        "W006",
        "the top option '{option}' of '{id}' asks for no evidence",
        "Add evidence: {{de: ..., en: ...}} to the question or the option (e.g. a certificate number or document).",
    )
    W007 = _Detail(
        "W007",
        "option '{option}' of '{id}' has a next step without effort, cost and time",
        "Add step: {{effort: low|medium|high, cost: low|medium|high, time: days|weeks|months|year}}.",
    )
    W008 = _Detail("W008", "DNK criterion {number} {detail}", "{fix}")
    W010 = _Detail(
        "W010",
        "action '{id}' is due on {due}, before round {round} began",
        "Check the date: an action planned in round {round} is due in {round} or later.",
    )
    W011 = _Detail(
        "W011",
        "goal '{id}' on '{kpi}' has no baseline: the company's {round} figure is {why}",
        "Enter the figures behind '{kpi}' first (the goal's baseline is taken from them), or set a goal on a "
        "dimension instead.",
    )
    # warnings on the key figures of a response (the question's answer is kept, the figure left out)
    W012 = _Detail(
        "W012",
        "the factor table has no carrier '{carrier}' for the answer to '{id}'",
        "Use a factor table that has the carrier '{carrier}', or correct the question's carrier.",
    )
    W013 = _Detail(
        "W013",
        "the answer to '{id}' in {unit} cannot be converted to kWh: the factor table gives '{carrier}' no "
        "calorific value for {unit}",
        "Enter the figure in kWh, or add {unit} to the carrier's energy_per_unit in the factor table.",
    )
    W014 = _Detail(
        "W014",
        "the factor table has no GWP for the refrigerant '{refrigerant}' in the answer to '{id}'",
        "Add the refrigerant's 100-year GWP to the factor table (gwp: values:).",
    )
    W009 = _Detail(
        "W009",
        "the workshop_topic of '{id}' has {n} characters",
        "Keep it to {limit} characters, so it fits one line of the network report's agenda.",
    )
    # responses
    R001 = _Detail(
        "R001",
        "the file is not valid JSON: {detail}",
        "Restore the file from a backup or the last autosave; do not edit it by hand.",
    )
    R003 = _Detail(
        "R003",
        "the response is for questionnaire '{found}', not '{expected}'",
        "Open it with the questionnaire it was made for.",
    )
    R004 = _Detail(
        "R004",
        "the response is for version {found} of '{qid}', the questionnaire is version {expected}",
        "Migrate it: toolkit migrate RESPONSE --to {questionnaire_path}.",
    )
    R010 = _Detail("R010", "unknown question id '{id}'", "{suggestion}Remove the answer or correct the id.")
    R011 = _Detail("R011", "'{value}' is not an option of question '{id}'", "{suggestion}Options: {allowed}.")
    R012 = _Detail(
        "R012",
        "{value} {unit} is out of range for '{id}' ({min} to {max} {unit}{canonical})",
        "Check the figure and its unit.",
    )
    R013 = _Detail("R013", "the unit '{unit}' is not accepted for '{id}'", "Use one of: {allowed}.")
    R014 = _Detail("R014", "the answer to '{id}' must be {expected}, found {found}", "Enter {expected}.")
    R015 = _Detail(
        "R015",
        "the answer to '{id}' says 'explain' but gives no explanation",
        "Add an explanation text, or answer the question.",
    )
    R016 = _Detail("R016", "the file is empty or truncated", "Restore the file from a backup or the last autosave.")
    R017 = _Detail("R017", "company field '{field}': {detail}", "{fix}")
    R018 = _Detail(
        "R018",
        "the file is {size}, more than the {limit} a response may have",
        "Check that this is a response file; a response written by the toolkit stays far below the limit.",
    )
    R019 = _Detail(
        "R019",
        "the key '{key}' appears twice in the same object (first at line {first})",
        "Keep only one '{key}'; the toolkit does not guess which one is meant.",
    )
    R022 = _Detail(
        "R022",
        "the JSON is nested more than {limit} levels deep",
        "Restore the file from a backup or the last autosave; a response is at most 4 levels deep.",
    )
    R023 = _Detail(
        "R023",
        "{number} is not a usable number ({detail})",
        "Write an ordinary finite figure, e.g. 12500 or 1.25e4.",
    )
    R024 = _Detail(
        "R024",
        "the text contains '{escape}', half of a UTF-16 surrogate pair, which is not a character",
        "Remove '{escape}' from the text or type the character again.",
    )
    R025 = _Detail(
        "R025",
        "the questionnaire version must be a text in quotes, found {found}",
        'Write the version the answers were given for in quotes, e.g. "version": "{example}".',
    )
    R026 = _Detail(
        "R026",
        "this is not a response file of the self-assessment ({detail})",
        "Open the company's response file (<company-id>.json, written by the form or 'toolkit workshop').",
    )
    R030 = _Detail(
        "R030",
        "'{option}' of question '{id}' means \"none of these\" and cannot be chosen together with {others}",
        "Keep either '{option}' or the other options.",
    )
    # goals, action plan and cooperation blocks of a response (issue 16)
    R031 = _Detail(
        "R031",
        "duplicate {kind} id '{id}' (first at line {first})",
        "Give each {kind} its own id, e.g. '{kind_short}{next}'.",
    )
    R032 = _Detail(
        "R032",
        "{kind} '{id}' is linked to the unknown question '{ref}'",
        "{suggestion}Link it to a question id of the questionnaire, or remove the link.",
    )
    R033 = _Detail(
        "R033",
        "action '{id}' is linked to the unknown goal '{ref}'",
        "{suggestion}Link it to one of the goals ({allowed}) or remove 'goal'.",
    )
    R034 = _Detail(
        "R034",
        "'{value}' is not a status of action '{id}'",
        "{suggestion}Use one of: {allowed}.",
    )
    R035 = _Detail("R035", "{kind} '{id}', field '{field}': {detail}", "{fix}")
    R036 = _Detail(
        "R036",
        "'{value}' is not an entry of the questionnaire's cooperation lists ({where})",
        "{suggestion}Choose entries of the lists in the questionnaire's 'cooperation:' block.",
    )
    R020 = _Detail(
        "R020",
        "the file on disk has revision {disk}, newer than revision {mine} this copy was loaded from",
        "Reload the response to see the newer answers, then make your change again.",
    )
    R037 = _Detail(
        "R037",
        "the document must be a JSON object, found {found}",
        "Start from a file written by the toolkit (toolkit new or the form).",
    )
    R038 = _Detail("R038", "file not found", "Check the path.")
    R039 = _Detail("R039", "the file cannot be read ({reason})", "Check the path and that you may read the file.")
    R040 = _Detail("R040", "unknown document format {found!r}", "This toolkit reads '{expected}'.")
    R041 = _Detail(
        "R041", "answers must be a JSON object keyed by question id", 'Write "answers": {{"question_id": {{...}}}}.'
    )
    R042 = _Detail(
        "R042",
        "the document does not say which questionnaire it answers",
        'Add "questionnaire": {{"id": ..., "version": ...}}.',
    )
    R043 = _Detail("R043", "unknown field '{field}' in the answer to '{id}'", "{suggestion}Fields: {allowed}.")
    R044 = _Detail(
        "R044", "question '{id}' cannot be answered 'not applicable'", "Answer it, or explain why you cannot."
    )
    R045 = _Detail(
        "R045",
        "round {round} is not later than the response's round {previous}",
        "Carry a round over into a later one, e.g. --round {example}.",
    )
    R046 = _Detail(
        "R046",
        "the file holds company {found_company}, round {found_round}, not {company}, round {round}",
        "Choose another target; nothing was written.",
    )
    R047 = _Detail("R047", "revision must be a whole number >= 0, found {found}", "Use the revision the toolkit wrote.")
    # factor tables
    F001 = _Detail("F001", "unknown carrier '{carrier}'", "{suggestion}Known carriers: {allowed}.")
    F002 = _Detail(
        "F002", "carrier '{carrier}' must be a mapping, found {found}", "See toolkit/data/factors-de-2024.yaml."
    )
    F003 = _Detail(
        "F003",
        "the factor of '{carrier}' must be a number >= 0, found {found}",
        "Enter the emission factor in kg CO2e per unit.",
    )
    F004 = _Detail("F004", "unknown unit {unit!r} for the factor of '{carrier}'", "Use per: {allowed}.")
    F005 = _Detail("F005", "the factor of '{carrier}' needs a source and a year", "Add source: ... and year: YYYY.")
    F006 = _Detail(
        "F006",
        "energy_per_unit of '{carrier}' must map units to kWh per unit (> 0)",
        "Write e.g. energy_per_unit: {{kWh: 1.0, l: 10.0}}.",
    )
    F007 = _Detail(
        "F007",
        "gross_to_net of '{carrier}' must be a ratio between 1 and 1.5, found {found}",
        "Natural gas: gross_to_net: 1.11 (Hs/Hi).",
    )
    F008 = _Detail("F008", "unknown kind {kind!r} of '{carrier}'", "{suggestion}Use one of: {allowed}.")
    F009 = _Detail(
        "F009",
        "the GWP of '{refrigerant}' must be a number >= 0, found {found}",
        "Enter the 100-year GWP (kg CO2e per kg).",
    )
    F010 = _Detail("F010", "the table defines no carriers", "Add a 'carriers:' mapping.")
    # VSME Digital Template files (export and import)
    V001 = _Detail(
        "V001",
        "not an EFRAG VSME Digital Template: {detail}",
        "Use the template from EFRAG (version 1.x) or one exported by 'toolkit export vsme'.",
    )
    V002 = _Detail(
        "V002",
        "template version {version!r} is not supported",
        "Use version 1.3.0 (or an earlier 1.x version); migrate newer files with EFRAG's migration tool first.",
    )
    V003 = _Detail(
        "V003",
        "the named range {name} is missing or broken ({detail})",
        "Named ranges are lost when the template is saved by Google Sheets or Excel on the web; copy the values into a fresh template from EFRAG in Excel desktop.",
    )
    V004 = _Detail(
        "V004", "{value!r} in {name} is not a number", "Enter a number in {unit} (no text, no unit in the cell)."
    )
    V005 = _Detail(
        "V005",
        "the file is too large to unpack safely: {detail}",
        "Check that this is the template you meant; a filled template is under 5 MB.",
    )
    # cohort summary files (sme-toolkit-cohort-summary/1, read by the company report)
    C001 = _Detail("C001", "file not found", "Check the path given with --cohort.")
    C002 = _Detail("C002", "cannot read the file ({reason})", "Save it as UTF-8 JSON.")
    C003 = _Detail("C003", "not valid JSON ({reason})", "Regenerate the file with 'toolkit cohort-summary'.")
    C004 = _Detail("C004", "unknown format {found!r}", 'This toolkit reads "format": "{expected}".')
    C005 = _Detail("C005", "unknown key(s) {keys}", "Allowed keys: {allowed}.")
    C006 = _Detail("C006", "must be {expected}, found {found}", "Write {example}.")
    C007 = _Detail("C007", "needs a German text 'de'", 'Write "label": {{"de": "...", "en": "..."}}.')
    C008 = _Detail(
        "C008",
        "a suppressed group must not carry figures (n, dimensions)",
        "Remove n and dimensions from suppressed groups so that small groups stay anonymous.",
    )
    C009 = _Detail("C009", "'{stat}' is missing", "Give median, q1 and q3 (scores 0-100).")
    C010 = _Detail("C010", "q1 <= median <= q3 does not hold", "Check the order of the quartiles.")
    C011 = _Detail("C011", "'{given}' without '{missing}'", "Give both or neither.")
    C012 = _Detail(
        "C012",
        "p10 and p90 are given for a group of {n} companies",
        "Remove them: with fewer than {minimum} companies they give single companies' values away.",
    )
    C013 = _Detail("C013", "p10 <= q1 and q3 <= p90 do not hold", "Check the percentiles.")

    @property
    def code(self) -> str:
        return self.value.code

    def problem(self, location: Location, severity: str | None = None, **fields: object) -> Problem:
        """Build a located problem; missing template fields stay visible instead of crashing."""
        values = _SafeDict(fields)
        what = self.value.what.format_map(values)
        fix = self.value.fix.format_map(values)
        if severity is None:
            severity = "warning" if self.value.code.startswith("W") else "error"
        return Problem(self.value.code, what, fix, location, severity)


@dataclass(frozen=True)
class Problem:
    """One error or warning: code, what is wrong, how to fix it, where."""

    code: str
    message: str
    fix: str
    location: Location
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity} {self.code}: {self.message}. {self.fix}"

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "fix": self.fix,
            "path": self.location.path,
            "line": self.location.line,
            "column": self.location.column,
        }
        if self.location.where is not None:
            out["where"] = self.location.where
        return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'Did you mean 'x'? ' for the closest known name, or ''."""
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"Did you mean '{close[0]}'? " if close else ""


class ToolkitError(Exception):
    """Root of all toolkit errors."""


class _ProblemsError(ToolkitError, ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class QuestionnaireError(_ProblemsError):
    """A questionnaire file has errors."""


class ResponseError(_ProblemsError):
    """A response document is invalid."""


class StaleRevisionError(ResponseError):
    """Saving would overwrite a newer revision of the same document."""


class FactorTableError(_ProblemsError):
    """An emission-factor table is invalid."""


class VsmeTemplateError(_ProblemsError):
    """A file is not a VSME Digital Template the toolkit can read or fill."""


class CohortError(ToolkitError, ValueError):
    """A cohort operation cannot be carried out."""


class CohortSummaryError(_ProblemsError, CohortError):
    """A cohort summary file is malformed; ``.problems`` holds the located problem (``location.where`` names the
    place in the document, e.g. ``groups[0].n``)."""

    @property
    def where(self) -> str:
        return self.problems[0].location.where or "" if self.problems else ""


class RenderError(ToolkitError, RuntimeError):
    """A report could not be rendered. ``company_id`` is None when the failure lies in what all reports share
    (the browser or a kernel did not start), not in one company's report."""

    def __init__(self, company_id: str | None, stage: str, message: str) -> None:
        self.company_id = company_id
        self.stage = stage
        self.message = message
        prefix = f"{company_id}: " if company_id is not None else ""
        super().__init__(f"{prefix}{stage} failed: {message}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.company_id, self.stage, self.message))
