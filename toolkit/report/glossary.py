"""The short glossary of the report's owner's part ("Kurz erklärt" / "In plain words").

Each term carries a pattern; the glossary lists the terms that the owner's pages actually use (the steps come from
the questionnaire and may name a tool or a standard), plus the few every report needs. A pure function of text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from toolkit.i18n import t

TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Term:
    key: str
    pattern: str | None  # searched in the owner's pages; None: always listed


TERMS: tuple[Term, ...] = (  # the words: report.glossary.<key> and report.glossary.<key>_text
    Term("level", None),
    Term("completeness", r"Vollständigkeit|Completeness"),
    Term("provisional", r"(?i)vorläufig|provisional"),
    Term("median", r"Median"),
    Term("mwh", r"\bMWh\b"),
    Term("co2e", r"CO₂e|CO₂-Äquivalent|CO₂ equivalent"),
    Term("scope1", r"Scope[\s-]*1\b"),
    Term("scope2", r"Scope[\s-]*(?:1\s*(?:und|and|\+|,)\s*)?2\b"),
    Term("scope3", r"Scope[\s-]*3\b"),
    Term("ghg_protocol", r"GHG[\s-]Protocol"),
    Term("vsme", r"VSME"),
    Term("iso", r"ISO\s?\d{4,5}|EMAS"),
    Term("csr_check", r"CSR[\s-]Risi[ck]o?[\s-]Check"),
    Term("base_year", r"Basisjahr|base year"),
    Term("npv", r"Kapitalwert|net present value"),
)


def plain_text(markup: str) -> str:
    """The visible text of an HTML fragment (tags removed, entities resolved)."""
    return html.unescape(TAG.sub(" ", markup))


def glossary(owner_text: str, lang: str, **values: str) -> list[tuple[str, str]]:
    """(term, explanation) for every term the owner's pages use, in the glossary's order."""
    out = []
    for term in TERMS:
        if term.pattern is None or re.search(term.pattern, owner_text):
            explanation = t(f"report.glossary.{term.key}_text", lang, **values)
            out.append((t(f"report.glossary.{term.key}", lang), explanation))
    return out
