"""The NACE codes of the profile's searchable list.

The list is NACE Rev. 2.1 (Commission Delegated Regulation (EU) 2023/137) as EFRAG's VSME Digital Template 1.3.0
gives it in its sheet 'Enumeration Lists'; the toolkit ships it as package data with its source and licence
(``toolkit/data/vsme/enumerations-1.3.0.json``, ``LICENSE-EFRAG``), the same list the VSME export fills in.
Its labels are the official English ones. A participant may pick an entry or type a code; both are stored as
the bare code (``C25.62``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

SOURCE_FILE = "enumerations-1.3.0.json"
_ENTRY = re.compile(r"^NACE ([A-V]) - (?:(\d{2}(?:\.\d{1,2})?) )?(.+)$")
_CODE_AT_START = re.compile(r"^\s*([A-Va-v])\s*(\d{1,2}(?:\.\d{1,2}){0,2})?(?=$|[\s·–—:-])")
SEP = " · "


@lru_cache(maxsize=1)
def nace_source() -> str:
    """Where the list comes from, as the package data says."""
    return str(_data()["source"])


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    ref = resources.files("toolkit") / "data" / "vsme" / SOURCE_FILE
    data: dict[str, Any] = json.loads(ref.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def nace_codes() -> dict[str, str]:
    """code -> English label, in the list's order: 'C' -> 'Manufacturing', 'C25.62' -> 'Manufacture of ...'."""
    out: dict[str, str] = {}
    for entry in _data()["nace"]:
        m = _ENTRY.match(str(entry))
        if not m:
            continue
        section, number, label = m.groups()
        if number is None:  # a section: the template writes its name in capitals
            label = label[:1] + label[1:].lower()
        out.setdefault(f"{section}{number or ''}", label)
    return out


@lru_cache(maxsize=1)
def nace_options() -> tuple[str, ...]:
    """The entries of the searchable list: 'C25.62 · Manufacture of locks and hinges'."""
    return tuple(f"{code}{SEP}{label}" for code, label in nace_codes().items())


def nace_entry_text(code: str | None) -> str:
    """How a stored code shows in the field: its list entry, or the code itself when the list lacks it."""
    if not code:
        return ""
    label = nace_codes().get(code)
    return f"{code}{SEP}{label}" if label else code


def code_from_text(text: str | None) -> str | None:
    """The code in what the participant typed or picked ('c 25.62', 'C25.62 · Manufacture ...' -> 'C25.62');
    the text itself (upper-cased) when it starts with no code, so that the check can say what is wrong."""
    s = (text or "").strip()
    if not s:
        return None
    m = _CODE_AT_START.match(s)
    if m:
        return f"{m.group(1).upper()}{m.group(2) or ''}"
    return s.upper()
