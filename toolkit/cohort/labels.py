"""Readable labels of the cohort's group keys (network, sector, size class, round) and the hyphenation of long
words in narrow table headers. The words themselves are in the ``cohort`` catalogue of :mod:`toolkit.i18n`."""

from __future__ import annotations

import re
from collections.abc import Mapping

from toolkit.i18n import has, size_class_label, t

UNKNOWN = "?"  # the key value of companies whose network, sector or size class is not known

SHY = "\u00ad"  # soft hyphen: a place where a long word may break, shown as "-" only when it does
HYPHENATION: dict[str, str] = {  # long words of table headers with the breaks German (and English) allow
    "Berichterstattung": f"Bericht{SHY}erstattung",
    "Transparenz": f"Trans{SHY}parenz",
    "transparency": f"trans{SHY}parency",
    "Lieferkette": f"Liefer{SHY}kette",
    "Größenklasse": f"Größen{SHY}klasse",
    "Unternehmen": f"Unter{SHY}nehmen",
    "Teilnehmende": f"Teil{SHY}nehmende",
    "Veränderung": f"Ver{SHY}änderung",
    "Gesamtwert": f"Gesamt{SHY}wert",
    "Nachhaltigkeit": f"Nach{SHY}haltig{SHY}keit",
    "Beschäftigte": f"Beschäf{SHY}tigte",
    "Kreislaufwirtschaft": f"Kreislauf{SHY}wirt{SHY}schaft",
    "Workshop-Vorschlag": f"Workshop-Vor{SHY}schlag",
}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def soft_hyphens(text: str) -> str:
    """``text`` with soft hyphens in the long words of :data:`HYPHENATION`, so that a narrow table header breaks
    "Bericht-/erstattung" instead of wherever the column ends ("Berichterstat/tung")."""
    return _WORD.sub(lambda m: HYPHENATION.get(m.group(0), m.group(0)), text)


def sector_name(section: str, lang: str, short: bool = False) -> str:
    """The name of a NACE section letter ('C' -> 'Verarbeitendes Gewerbe'; ``short``: 'Produktion' for a chart
    axis); '' for a letter the catalogue does not name."""
    key = f"cohort.{'sector_short' if short else 'sector'}.{section}"
    return t(key, lang) if has(key) else ""


def key_label(column: str, value: object, lang: str = "de") -> str:
    """A readable label for one group key value, e.g. ('sector', 'C') -> 'C Verarbeitendes Gewerbe'."""
    if value is None or value == UNKNOWN or (isinstance(value, float) and value != value):
        return t("cohort.unknown", lang)
    if column == "sector":
        return f"{value} {sector_name(str(value), lang)}".strip()
    if column == "size_class":
        return size_class_label(str(value), lang)
    return str(value)


def group_label(key: Mapping[str, object], lang: str = "de") -> str:
    """A label for a whole group key, e.g. {'network': 'Lüneburg', 'round': '2026'} -> 'Lüneburg · 2026'."""
    order = ("network", "sector", "size_class", "round")
    parts = [key_label(c, key[c], lang) for c in order if c in key]
    parts += [key_label(c, v, lang) for c, v in key.items() if c not in order]
    return " · ".join(parts) if parts else t("cohort.all_companies", lang)
