"""One way to look up a text: complete catalogues, every key the code asks for exists, missing keys are errors."""

from __future__ import annotations

import ast
import re
import string
from datetime import date, datetime
from pathlib import Path

import pytest

from toolkit import i18n
from toolkit.i18n import LANGS, MESSAGES, has, long_date, number, plural, size_class_label, t, unit_label
from toolkit.i18n.catalogues import CATALOGUES

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"
TEMPLATES = PACKAGE / "templates"
DOMAINS = tuple(CATALOGUES)
FULL_KEY = re.compile(rf"^(?:{'|'.join(DOMAINS)})\.[A-Za-z0-9_.]+$")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# ---- the catalogues -------------------------------------------------------------------------------------------


def test_every_text_exists_in_every_language_with_the_same_placeholders() -> None:
    problems = []
    for key, texts in MESSAGES.items():
        missing = [lang for lang in LANGS if not isinstance(texts.get(lang), str)]
        extra = sorted(set(texts) - set(LANGS))
        if missing or extra:
            problems.append(f"{key}: missing {missing}, unknown languages {extra}")
            continue
        empty = [lang for lang in LANGS if not texts[lang]]
        if empty and len(empty) != len(LANGS):  # a text may be empty on purpose, then in every language
            problems.append(f"{key}: empty in {empty}")
        fields = {lang: _fields(texts[lang]) for lang in LANGS}
        if len({frozenset(f) for f in fields.values()}) != 1:
            problems.append(f"{key}: the languages fill different fields {fields}")
    assert not problems, "\n".join(problems)


def test_every_language_has_its_name_and_number_format() -> None:
    assert set(i18n.LANG_NAMES) == set(i18n.NUMBER_MARKS) == set(LANGS)
    assert i18n.DEFAULT_LANG == LANGS[0] == "de"


def test_keys_are_named_by_their_catalogue() -> None:
    assert DOMAINS == ("core", "report", "form", "cohort", "plan", "vsme")
    assert len(MESSAGES) == sum(len(table) for table in CATALOGUES.values())
    assert all(FULL_KEY.match(key) for key in MESSAGES)


def test_the_catalogue_modules_are_the_only_place_for_string_tables() -> None:
    """No app keeps its own ``{"de": ..., "en": ...}`` message table (``STRINGS``) any more."""
    owners = [
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*.py")
        if "catalogues" not in path.parts and re.search(r"^STRINGS\b", path.read_text(encoding="utf-8"), re.M)
    ]
    assert owners == []
    for old in ("report/strings.py", "form/strings.py", "cohort/strings.py", "i18n.py"):
        assert not (PACKAGE / old).exists(), old


# ---- looking up -----------------------------------------------------------------------------------------------


def test_t_fills_fields_in_the_language_asked_for() -> None:
    assert t("report.score_of", "de", score=72) == "72 von 100 Punkten"
    assert t("report.score_of", "en", score=72) == "72 of 100 points"
    assert t("core.page_of", "en", page=2, pages=9) == "Page 2 of 9"


def test_a_missing_key_is_an_error_naming_the_key_and_the_language() -> None:
    with pytest.raises(KeyError, match=r"report\.no_such_text.*'en'"):
        t("report.no_such_text", "en")
    with pytest.raises(KeyError, match=r"report\.score_of.*'fr'"):
        t("report.score_of", "fr", score=1)
    assert has("report.score_of") and not has("report.no_such_text")


def test_plural_picks_one_or_other() -> None:
    assert plural("report.dq_contradictions", 1, "en") == "1 contradiction between answers"
    assert plural("report.dq_contradictions", 3, "de") == "3 Widersprüche zwischen Antworten"


def test_numbers_percentages_and_dates_follow_the_language() -> None:
    assert number(1234.5, 1, "de") == "1.234,5" and number(1234.5, 1, "en") == "1,234.5"
    assert number(None, 1, "en") == "–"
    assert i18n.percent_text("85", "de") == "85\u202f%" and i18n.percent_text("85", "en") == "85%"
    assert long_date(22, 11, 2026, "de") == "22. November 2026"
    assert long_date(1, 3, 2026, "en") == "1 March 2026"
    assert t("core.short_date", "de", d=date(2025, 6, 30)) == "30.06.2025"
    assert t("core.short_date", "en", d=date(2025, 6, 30)) == "2025-06-30"
    assert t("core.date_time", "de", d=datetime(2026, 3, 1, 9, 5)) == "01.03.2026 09:05"
    with pytest.raises(KeyError, match="'fr'"):
        number(1.0, 1, "fr")


def test_one_unit_label_after_a_number_and_as_a_name() -> None:
    assert unit_label("persons", "de", 1) == "Person" and unit_label("persons", "de", 180) == "Personen"
    assert unit_label("persons", "en", 1) == "person" and unit_label("FTE", "de") == "VZÄ"
    assert unit_label("count", "de", 3) == "" and unit_label("count", "de", named=True) == "Anzahl"
    assert unit_label("FTE", "en", named=True) == "full-time equivalents (FTE)"
    assert unit_label("m3", "en") == "m³" and unit_label("kWh", "de") == "kWh" and unit_label(None, "de") == ""


# ---- one wording per concept --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_size_class_reads_the_same_in_the_form_the_reports_and_the_cohorts(lang: str) -> None:
    from toolkit.cohort.labels import key_label

    for size in ("micro", "small", "medium", "large"):
        word = size_class_label(size, lang)
        assert key_label("size_class", size, lang) == word
    assert size_class_label("small", "de") == "Kleines Unternehmen"
    assert size_class_label("small", "en") == "Small enterprise"
    others = [key for key in MESSAGES if re.search(r"(^|\.)(micro|small|medium|large)$", key)]
    assert sorted(others) == [f"core.size.{s}" for s in ("large", "medium", "micro", "small")]


def test_the_shipped_questionnaire_offers_the_toolkits_languages() -> None:
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.definitions.paths import DEFAULT_QUESTIONNAIRE

    assert tuple(load_questionnaire(DEFAULT_QUESTIONNAIRE).languages) == LANGS


# ---- every key the code asks for exists --------------------------------------------------------------------

BOUND = {"report": "report", "cohort": "cohort"}  # package -> catalogue of its views' ``self.t("key")``
TEMPLATE_CALLS = {  # template folder -> {function passed to the template: key prefix}
    "report": {"t": "report.", "p": "plan.page.", "s": "vsme.report."},
    "cohort": {"t": "cohort."},
}


def _literals(node: ast.expr) -> list[str]:
    """The keys a call argument can be: a literal, either branch of ``a if c else b``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def _prefix(node: ast.expr) -> str | None:
    """The literal start of an f-string key (``f"core.month.{m}"`` -> ``core.month.``)."""
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def _used_keys() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(file, full key) of every literal key and (file, prefix) of every f-string key in the package."""
    keys: set[tuple[str, str]] = set()
    prefixes: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        if "catalogues" in path.parts:
            continue
        where = str(path.relative_to(ROOT))
        package = path.relative_to(PACKAGE).parts[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func, first = node.func, node.args[0]
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            bound = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self"
            if name == "plural" and not bound:
                keys |= {(where, f"{k}_{n}") for k in _literals(first) for n in ("one", "other")}
            elif name == "t" and not bound:
                keys |= {(where, k) for k in _literals(first)}
                if (p := _prefix(first)) is not None:
                    prefixes.add((where, p))
            elif name == "t" and bound and package in BOUND:
                keys |= {(where, f"{BOUND[package]}.{k}") for k in _literals(first)}
            elif name == "FormError" and len(node.args) > 1:
                keys |= {(where, f"form.{k}") for k in _literals(node.args[1])}
    plans = PACKAGE / "scoring" / "plans.py"  # the form's plan messages: keys from the scoring rules
    for key in re.findall(r'\(\("(plan_\w+)"', plans.read_text(encoding="utf-8")):
        keys.add((str(plans.relative_to(ROOT)), f"plan.form.{key}"))
    for folder, calls in TEMPLATE_CALLS.items():
        for path in (TEMPLATES / folder).rglob("*.j2"):
            text = path.read_text(encoding="utf-8")
            for fn, prefix in calls.items():
                for key in re.findall(rf"(?<![\w.]){fn}\(\s*[\"']([a-z0-9_]+)[\"']", text):
                    keys.add((str(path.relative_to(ROOT)), prefix + key))
    return keys, prefixes


def test_every_key_the_code_uses_exists() -> None:
    keys, prefixes = _used_keys()
    assert len(keys) > 500  # the scan finds the lookups (the report, form and cohort use several hundred keys)
    missing = sorted(f"{where}: {key}" for where, key in keys if key not in MESSAGES)
    assert not missing, "texts the code asks for but no catalogue has:\n" + "\n".join(missing)
    dangling = sorted(f"{where}: {p}…" for where, p in prefixes if not any(k.startswith(p) for k in MESSAGES))
    assert not dangling, "key patterns no catalogue text matches:\n" + "\n".join(dangling)


def test_the_key_scan_sees_a_lookup_of_a_missing_key(tmp_path: Path) -> None:
    """The scan itself works: a literal key, a conditional key and a bound lookup are all found."""
    tree = ast.parse('t("report.summary", lang)\nt("form.yes" if a else "form.nope", lang)\nself.t("gaps")')
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    found = {k for c in calls for k in _literals(c.args[0])}
    assert found == {"report.summary", "form.yes", "form.nope", "gaps"}


def test_the_foundation_layer_imports_nothing_else_of_the_toolkit() -> None:
    for path in (PACKAGE / "i18n").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("toolkit"):
                assert node.module.startswith("toolkit.i18n"), f"{path}: imports {node.module}"


# ---- the language switch --------------------------------------------------------------------------------------


def test_the_language_switch_offers_every_language_in_its_own_words() -> None:
    from toolkit.form.kit import Kit

    chosen: list[str] = []
    toggle = Kit().language_toggle("de", chosen.append)
    assert [value for _, value in toggle.options] == list(LANGS)
    assert [label for label, _ in toggle.options] == ["Deutsch", "English"]
    assert toggle.description == t("form.language", "de")
    toggle.value = "en"
    assert chosen == ["en"]


def test_the_picker_and_the_form_switch_language_with_the_same_switch(tmp_path: Path, form, qn) -> None:
    from toolkit.form.picker import CompanyPicker

    picker = CompanyPicker(tmp_path, qn)
    picker.lang_toggle.value = "en"
    assert picker.lang == "en" and picker.lang_toggle.description == t("form.language", "en")
    form.lang_toggle.value = "en"
    assert form.lang == "en" and form.lang_toggle.description == t("form.language", "en")
    assert form.prev_button.description == t("form.previous", "en")
