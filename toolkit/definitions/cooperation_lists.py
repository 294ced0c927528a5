"""The questionnaire's cooperation lists (``cooperation:``): what companies may offer and need (issue 16).

Read by :mod:`toolkit.definitions.loader` with the same located errors as the rest of a questionnaire::

    cooperation:
      - id: waste_streams
        kind: waste                 # waste | by_product | material | service
        name: {de: "Abfälle und Reststoffe", en: "Waste streams"}
        entries:
          - {id: wood_waste, ewc: "03 01 05", label: {de: "Holzspäne, Sägemehl", en: "Sawdust, shavings"}}

Entry ids are unique across all lists (a response stores entry ids only). Entries of a ``waste`` list carry
their six-digit code of the European Waste Catalogue (``"03 01 05"``; hazardous waste with ``*``).
"""

from __future__ import annotations

import re
from typing import Any

from toolkit.definitions.builder import Builder
from toolkit.definitions.model import CooperationEntry, CooperationList
from toolkit.errors import Code, did_you_mean

LIST_KEYS = ("id", "kind", "name", "entries")
ENTRY_KEYS = ("id", "label", "ewc")
KINDS = ("waste", "by_product", "material", "service")
EWC_RE = re.compile(r"^\d{2} \d{2} \d{2}\*?$")


def cooperation_lists(b: Builder, node: Any, path: tuple[Any, ...]) -> tuple[CooperationList, ...]:
    """The lists of the ``cooperation:`` block; errors go to the builder."""
    out: list[CooperationList] = []
    seen_lists: dict[str, int] = {}
    seen_entries: dict[str, int] = {}
    for i, raw in enumerate(b.seq(node, path, "cooperation")):
        p = (*path, i)
        m = b.mapping(raw, p, "a cooperation list", LIST_KEYS, ("id", "kind", "name", "entries"))
        if m is None:
            continue
        lid = b.ident(m.get("id"), (*p, "id"), "cooperation list")
        if lid is None:
            continue
        if lid in seen_lists:
            b.err(Code.Q020, (*p, "id"), kind="cooperation list", id=lid, first=seen_lists[lid])
            continue
        seen_lists[lid] = b.src.loc((*p, "id")).line or 0
        kind = m.get("kind")
        if kind not in KINDS:
            b.err(
                Code.Q052,
                (*p, "kind"),
                kind="cooperation list kind",
                name=kind,
                suggestion=did_you_mean(str(kind), KINDS),
                allowed=", ".join(KINDS),
            )
            continue
        name = b.text(m.get("name"), (*p, "name"), f"the name of cooperation list '{lid}'")
        entries: list[CooperationEntry] = []
        for j, raw_entry in enumerate(b.seq(m.get("entries"), (*p, "entries"), "entries")):
            ep = (*p, "entries", j)
            e = b.mapping(raw_entry, ep, "a cooperation entry", ENTRY_KEYS, ("id", "label"))
            if e is None:
                continue
            eid = b.ident(e.get("id"), (*ep, "id"), "cooperation entry")
            if eid is None:
                continue
            if eid in seen_entries:
                b.err(Code.Q020, (*ep, "id"), kind="cooperation entry", id=eid, first=seen_entries[eid])
                continue
            seen_entries[eid] = b.src.loc((*ep, "id")).line or 0
            ewc = e.get("ewc")
            if kind == "waste" and ewc is None:
                b.err(
                    Code.Q083,
                    (*ep, "id"),
                    id=eid,
                    detail="an entry of a waste list needs its EWC code",
                    fix='Add ewc: "03 01 05" (the six-digit code of the European Waste Catalogue / AVV).',
                )
                continue
            if ewc is not None and (not isinstance(ewc, str) or not EWC_RE.match(ewc)):
                b.err(
                    Code.Q083,
                    (*ep, "ewc"),
                    id=eid,
                    detail=f"{ewc!r} is not an EWC code",
                    fix='Write three pairs of digits in quotes, e.g. ewc: "03 01 05" (hazardous: "16 06 01*").',
                )
                continue
            label = b.text(e.get("label"), (*ep, "label"), f"the label of cooperation entry '{eid}'")
            entries.append(CooperationEntry(eid, lid, label, ewc, b.src.loc(ep)))
        if not entries:
            b.err(
                Code.Q083,
                (*p, "id"),
                id=lid,
                detail="the list has no entries",
                fix="Add at least one entry, or remove the list.",
            )
            continue
        out.append(CooperationList(lid, name, str(kind), tuple(entries), b.src.loc(p)))
    return tuple(out)
