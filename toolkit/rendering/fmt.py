"""Formatting for the report: numbers, percentages, dates, text for charts. One place, so tests can compare."""

from __future__ import annotations

import re
from datetime import date

from toolkit.i18n import long_date as _long_date
from toolkit.i18n import number, percent_text

DASH = "–"
CO2 = re.compile(r"\bCO2")


def num(value: float | None, digits: int = 1, lang: str = "de") -> str:
    """A number in the report's format (1.234,5 in German); '–' for None."""
    return number(value, digits, lang)


def score(value: float | None, lang: str = "de") -> str:
    """A 0-100 score as a whole number, '–' when not scored."""
    return number(value, 0, lang)


def percent(share: float | None, lang: str = "de", digits: int = 0) -> str:
    """A share 0..1 as a percentage: '85 %' in German, '85%' in English."""
    if share is None:
        return DASH
    return percent_text(number(100 * share, digits, lang), lang)


def percent_value(value: float | None, lang: str = "de", digits: int = 1) -> str:
    """A value already in percent (e.g. the renewable share)."""
    return DASH if value is None else percent(value / 100, lang, digits)


def long_date(d: date, lang: str = "de") -> str:
    """'22. November 2026' or '22 November 2026'."""
    return _long_date(d.day, d.month, d.year, lang)


def co2(text: str) -> str:
    """CO₂ written one way everywhere: 'CO2e', 'CO2-Preise' -> 'CO₂e', 'CO₂-Preise'."""
    return CO2.sub("CO₂", text)


def plotly_text(text: str) -> str:
    """Text for plotly titles and labels: plotly reads a small HTML subset there, so escape it (plotly turns
    &amp; &lt; &gt; back into the characters)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# kept here so that tests format KPI figures exactly as the report does
KPI_DIGITS = {"mwh": 1, "t": 2, "share": 1, "intensity": 2}
