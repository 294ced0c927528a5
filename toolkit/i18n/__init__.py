"""Every text the toolkit shows (not the questionnaire's own texts), in German and English, looked up one way.

The texts live in message catalogues, one per part of the toolkit (:mod:`toolkit.i18n.catalogues`). A key names
its catalogue first: ``t("report.score_of", "en", score=72)`` is "72 of 100 points". A key or a language that
is missing is an error (a ``KeyError`` naming both), never a silent fallback: a test checks that every catalogue
has every key in every language of :data:`LANGS` and that every key the code asks for exists.

Number and date conventions (decimal comma, month names) go through the functions here as well, so that an app
never decides wording or formatting with ``if lang == "de"``.

Foundation layer: imports nothing else of the toolkit.
"""

from __future__ import annotations

from toolkit.i18n.catalogues import CATALOGUES

LANGS: tuple[str, ...] = ("de", "en")
"""The toolkit's languages, the default (German) first. The shipped questionnaire offers the same ones."""
DEFAULT_LANG = LANGS[0]
LANG_NAMES: dict[str, str] = {"de": "Deutsch", "en": "English"}
"""Each language in its own words, as the language switch offers it."""

MESSAGES: dict[str, dict[str, str]] = {
    f"{domain}.{key}": texts for domain, table in CATALOGUES.items() for key, texts in table.items()
}

COST_SIGNS = {"low": "€", "medium": "€€", "high": "€€€"}

# (decimal mark, thousands separator) per language: 1.234,5 in German, 1,234.5 in English
NUMBER_MARKS: dict[str, tuple[str, str]] = {"de": (",", "."), "en": (".", ",")}


def t(key: str, lang: str, **fields: object) -> str:
    """The text ``key`` (e.g. ``"report.score_of"``) in ``lang``, with ``{fields}`` filled in.

    Raises ``KeyError`` naming the key and the language when the catalogue has no such text."""
    entry = MESSAGES.get(key)
    if entry is None:
        raise KeyError(f"no text '{key}' in the toolkit's catalogues (language '{lang}')")
    text = entry.get(lang)
    if text is None:
        raise KeyError(f"the text '{key}' has no translation for language '{lang}'")
    return text.format(**fields) if fields else text


def has(key: str) -> bool:
    """Whether the catalogues have the text ``key`` (for keys built from data, e.g. a section's kicker)."""
    return key in MESSAGES


def plural(key: str, n: int, lang: str, **fields: object) -> str:
    """The text ``key_one`` for n == 1, else ``key_other``, with ``n`` filled in."""
    return t(f"{key}_one" if n == 1 else f"{key}_other", lang, n=n, **fields)


def number(value: float | None, digits: int = 1, lang: str = DEFAULT_LANG) -> str:
    """A number formatted for ``lang``: 1.234,5 in German, 1,234.5 in English; '–' for None."""
    if value is None:
        return "–"
    decimal, thousands = number_marks(lang)
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def number_marks(lang: str) -> tuple[str, str]:
    """(decimal mark, thousands separator) of ``lang``."""
    try:
        return NUMBER_MARKS[lang]
    except KeyError:
        raise KeyError(f"no number format for language '{lang}'") from None


def unit_label(unit: str | None, lang: str, value: float | None = None, *, named: bool = False) -> str:
    """How a questionnaire unit id reads.

    After a number (the default): 'm3' -> 'm³', 'FTE' -> 'VZÄ', 'count' -> no unit, and after a ``value`` of
    exactly 1 in the singular ('1 Person'). ``named=True``: the unit named on its own, as the form offers it
    ('Vollzeitäquivalente (VZÄ)', 'Anzahl'). A unit the catalogue does not know reads as its id ('kWh')."""
    if not unit:
        return ""
    if named:
        return t(f"core.unit.{unit}", lang) if has(f"core.unit.{unit}") else unit
    if value == 1 and has(f"core.unit_after_one.{unit}"):
        return t(f"core.unit_after_one.{unit}", lang)
    return t(f"core.unit_after.{unit}", lang) if has(f"core.unit_after.{unit}") else unit


def size_class_label(size_class: str | None, lang: str) -> str:
    """'Kleines Unternehmen' / 'Small enterprise' for 'small'; the same words in the form, reports and cohorts."""
    return t(f"core.size.{size_class}", lang) if size_class else t("core.unknown", lang)


def percent_text(number_text: str, lang: str) -> str:
    """A formatted number as a percentage: '85 %' (narrow space) in German, '85%' in English."""
    return t("core.percent", lang, n=number_text)


def long_date(day: int, month: int, year: int, lang: str) -> str:
    """'22. November 2026' or '22 November 2026'."""
    return t("core.long_date", lang, day=day, month=t(f"core.month.{month}", lang), year=year)
