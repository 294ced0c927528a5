"""Numbers as participants type them ("12.500,5" in German, "12,500.5" in English) and back."""

from __future__ import annotations

import math
import re

from toolkit.i18n import number_marks

_GROUPED_DOT = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_GROUPED_COMMA = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


class NotANumber(ValueError):
    """The text is not a number in either notation."""


def parse_number(text: str, lang: str = "de") -> float | int | None:
    """The number in ``text``, or None for an empty text. Raises :class:`NotANumber`.

    German: ',' is the decimal mark and '.' groups thousands ("1.234,5"); a single '.' that does not group
    three digits is read as a decimal point ("1234.5"). English: the other way round. Spaces (also narrow
    no-break spaces) and apostrophes group thousands in both.
    """
    s = (text or "").strip().replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("'", "")
    if not s:
        return None
    if number_marks(lang)[0] == ",":  # decimal comma (German)
        if "," in s:
            s = s.replace(".", "").replace(",", ".")
        elif _GROUPED_DOT.match(s):
            s = s.replace(".", "")
    else:
        if "," in s and "." in s:
            s = s.replace(",", "")
        elif "," in s:
            s = s.replace(",", "") if _GROUPED_COMMA.match(s) else s.replace(",", ".")
    if not _PLAIN.match(s):
        raise NotANumber(text)
    value = float(s)
    if not math.isfinite(value):
        raise NotANumber(text)
    if value == int(value) and "e" not in s.lower() and abs(value) < 1e15:
        return int(value)
    return value


def format_number(value: float | int | None, lang: str = "de") -> str:
    """A number for an input field: grouped thousands, as many decimals as needed (up to 6)."""
    if value is None:
        return ""
    if isinstance(value, int) or float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
    decimal, thousands = number_marks(lang)
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
