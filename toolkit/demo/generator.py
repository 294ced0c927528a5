"""Seeded, deterministic demo networks: response documents of three regional business networks.

``generate(out_dir, seed)`` writes ``out_dir/<round>/<company id>.json`` for the networks

* **Lüneburg** (Niedersachsen, about 65 companies; ids ``lg-001`` ...),
* **Mitteldeutschland** (Sachsen-Anhalt, Sachsen, Thüringen, about 40; ``md-...``),
* **Schaalsee-Elbe** (Mecklenburg-Vorpommern, Schleswig-Holstein, about 25; ``se-...``),

in two rounds (2025 and 2026; most companies in both, some join in 2026, a few leave), with a realistic mix
of NACE sectors and size classes, correlated answers (:mod:`toolkit.demo.answers`), plausible energy
figures, some incomplete and some improving companies. Company names are fictitious
(:mod:`toolkit.demo.names`).

The same seed gives byte-identical files: all randomness comes from ``random.Random`` seeded with strings,
timestamps are drawn too, and dictionaries are written in questionnaire order. Every written file is checked
with :func:`toolkit.responses.load_response`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from toolkit.atomic import atomic_write_text
from toolkit.definitions.factors import FactorTable, load_factors
from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import Questionnaire
from toolkit.demo.answers import AnswerModel
from toolkit.demo.companies import DemoCompany, make_companies
from toolkit.demo.plans import DemoPlanner
from toolkit.errors import ToolkitError
from toolkit.responses import Company, Response, load_response

DEFAULT_SEED = 2026


class DemoError(ToolkitError, ValueError):
    """The demo cannot be generated where asked (e.g. the output folder holds other files)."""


@dataclass
class DemoData:
    """What :func:`generate` wrote."""

    out_dir: Path
    paths: list[Path]
    companies: list[DemoCompany]

    @property
    def rounds(self) -> list[str]:
        return sorted({p.parent.name for p in self.paths})


def company_record(c: DemoCompany, round_: str) -> Company:
    return Company(
        id=c.id,
        name=c.name,
        nace=c.nace,
        employees=c.employees[round_],
        turnover=int(c.turnover[round_]),
        balance_sheet=int(c.balance_sheet[round_]),
        legal_form=c.legal_form,
        country="DE",
        network=c.network,
        region=c.region,
    )


def build_documents(
    qn: Questionnaire, seed: int = DEFAULT_SEED, subset: int | None = None, factors: FactorTable | None = None
) -> list[tuple[str, dict[str, Any], DemoCompany]]:
    """The documents as ``(relative path, response document, company)`` without writing anything."""
    factors = factors or load_factors()
    model = AnswerModel(qn, factors, seed)
    planner = DemoPlanner(qn, factors, seed, model)  # goals, actions and cooperation offers (issue 16)
    docs = []
    for c in make_companies(seed, subset):
        previous = None
        for round_ in c.rounds:
            company = company_record(c, round_)
            resp = Response(qn.id, qn.version, round_, company, model.answers(c, round_, company), revision=1)
            planner.add(c, resp, previous)
            previous = resp
            docs.append((f"{round_}/{c.id}.json", resp.to_dict(), c))
    return docs


def generate(
    out_dir: str | Path,
    seed: int = DEFAULT_SEED,
    qn: Questionnaire | str | Path | None = None,
    subset: int | None = None,
    validate: bool = True,
) -> DemoData:
    """Write the demo response documents to ``out_dir/<round>/<id>.json`` and check each one.

    ``subset``: only the first N companies of each network. ``out_dir`` must be empty, new, or a folder this
    function wrote before (it holds a marker file); the response files of an earlier demo run there are
    replaced, so the folder always holds exactly one demo cohort.
    """
    if qn is None or isinstance(qn, str | Path):
        from toolkit.definitions.paths import default_questionnaire

        qn = load_questionnaire(qn or default_questionnaire())
    out = Path(out_dir)
    _prepare(out)
    paths: list[Path] = []
    docs = build_documents(qn, seed, subset)
    for rel, doc, _ in docs:
        path = out / rel
        atomic_write_text(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        paths.append(path)
    if validate:
        for path in paths:
            load_response(path, qn)  # raises ResponseError with the location of any problem
    companies = list({id(c): c for _, _, c in docs}.values())
    return DemoData(out, paths, companies)


MARKER = ".sme-toolkit-demo"
ID_PATTERN = re.compile(r"^(lg|md|se)-\d{3}\.json$")


def _prepare(out: Path) -> None:
    """Make ``out`` ready for a demo cohort: refuse folders with other content, clear an earlier demo run."""
    if out.exists() and not (out / MARKER).exists() and any(out.iterdir()):
        raise DemoError(
            f"{out} is not empty and was not written by the demo generator; choose a new folder for the demo "
            "so that no real responses are mixed with (or replaced by) demo data"
        )
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Demo response documents written by `toolkit demo`; safe to delete.\n")
    for old in out.glob("*/*.json"):
        if ID_PATTERN.match(old.name):
            old.unlink()
