"""Programme impact for the network and cooperation matches (issue 16).

The cohort: networks Solo (1 company), Alpha (7) and Beta (7); sectors C (6), F (5) and G (4) in 2026; rounds 2025
(13 companies) and 2026 (15). In 2025 every company but two plans actions; in 2026 their statuses are updated.
What `toolkit cohort` publishes about the plans is attacked like every other table (tests/test_disclosure.py):
every published total is a linear equation over the companies that contribute to it, and no single company's
value, nor the sum of any 1 to k-1 companies, may be determined by them. The expected totals are counted by
hand from the table below.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from toolkit.cli import main

from .conftest import DATA

MINI = DATA / "questionnaires" / "minimal.yaml"
K = 5
PAIRED = "2025→2026"
COOP_LISTS = """
cooperation:
  - id: waste_streams
    kind: waste
    name: {de: "Abfälle", en: "Waste"}
    entries:
      - {id: wood_waste, ewc: "03 01 05", label: {de: "Sägemehl, Späne", en: "Sawdust, shavings"}}
      - {id: plant_residues, ewc: "02 01 03", label: {de: "Pflanzliche Reststoffe", en: "Plant residues"}}
  - id: shared_services
    kind: service
    name: {de: "Gemeinsame Vorhaben", en: "Shared services"}
    entries:
      - {id: joint_energy_audit, label: {de: "Gemeinsames Energieaudit", en: "Joint energy audit"}}
      - {id: green_power_purchase, label: {de: "Ökostrom-Einkauf", en: "Green-power purchasing"}}
"""

# id, network, NACE, employees, 2026 metering; actions planned in 2025 as (question, status in 2026)
E, S = "en_metering", "vc_supplier_code"  # energy and supply-chain actions
COMPANIES = [
    ("s1", "Solo", "G47.11", 20, "monthly", [(E, "done"), (S, "dropped")]),
    ("a1", "Alpha", "C25.62", 5, "bills", [(E, "planned")]),
    ("a2", "Alpha", "C10.71", 20, "monthly", [(E, "done"), (S, "done")]),
    ("a3", "Alpha", "C28.99", 80, "submetered", [(E, "done"), (S, "in_progress"), (None, "dropped")]),
    ("a4", "Alpha", "F43.21", 5, "bills", []),
    ("a5", "Alpha", "F41.20", 20, "monthly", [(E, "done")]),
    ("a6", "Alpha", "G46.90", 20, "monthly", [(S, "dropped")]),
    ("a7", "Alpha", "G47.30", 80, "bills", None),  # joined in 2026
    ("b1", "Beta", "C22.29", 5, "monthly", [(E, "done"), (S, "done")]),
    ("b2", "Beta", "C16.23", 20, "bills", [(E, "dropped")]),
    ("b3", "Beta", "C33.12", 80, "submetered", [(E, "done")]),
    ("b4", "Beta", "F43.22", 5, "monthly", [(S, "planned"), (E, "in_progress")]),
    ("b5", "Beta", "F42.11", 20, "bills", []),
    ("b6", "Beta", "F43.91", 80, "monthly", [(E, "done"), (S, "done"), (None, "done")]),
    ("b7", "Beta", "G46.73", 20, "submetered", None),  # joined in 2026
]
# opted in, offers, needs (2026), matched within each network: in Beta, b3 offers sawdust that b2 needs and b1, b3,
# b6 want a joint energy audit; in Alpha, a2 and a3 want one too. a5 (Alpha) names plant residues that b6 needs,
# but did not opt in; a2 needs sawdust, offered only in Beta.
COOPERATION = {
    "a2": (True, [], ["wood_waste", "joint_energy_audit"]),
    "a3": (True, [], ["joint_energy_audit"]),
    "b2": (True, [], ["wood_waste"]),
    "b3": (True, ["wood_waste"], ["joint_energy_audit"]),
    "b1": (True, ["joint_energy_audit"], []),
    "b6": (True, [], ["joint_energy_audit", "plant_residues"]),
    "a5": (False, ["plant_residues"], ["wood_waste", "joint_energy_audit"]),
}


def _document(row: tuple, round_: str) -> dict:
    cid, network, nace, employees, metering, planned = row
    answers = {
        "en_metering": {"value": metering if round_ == "2026" else "bills"},
        "vc_supplier_code": {"value": "no"},
        "en_has_vehicles": {"value": "yes"},
        "en_diesel": {"value": 1000 * employees * (0.9 if round_ == "2026" else 1.0), "unit": "l"},
    }
    doc = {
        "format": "sme-toolkit-response/1",
        "questionnaire": {"id": "mini", "version": "1.0"},
        "round": round_,
        "company": {
            "id": cid,
            "name": f"Firma {cid.upper()} GmbH",
            "nace": nace,
            "employees": employees,
            "network": network,
        },
        "answers": answers,
    }
    if planned:
        doc["actions"] = [
            {
                "id": f"m{i}",
                "title": f"Maßnahme {i}",
                "questions": [q] if q else [],
                "created_round": "2025",
                "status": "planned" if round_ == "2025" else status,
            }
            for i, (q, status) in enumerate(planned, 1)
        ]
    if round_ == "2026" and cid in COOPERATION:
        opt_in, offers, needs = COOPERATION[cid]
        doc["cooperation"] = {"opt_in": opt_in, "offers": offers, "needs": needs}
    return doc


@pytest.fixture(scope="module")
def questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("qn") / "mini-coop.yaml"
    path.write_text(MINI.read_text() + COOP_LISTS, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def responses(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("impact") / "responses"
    for row in COMPANIES:
        for round_ in ("2025", "2026"):
            if round_ == "2025" and row[5] is None:
                continue
            (folder / round_).mkdir(parents=True, exist_ok=True)
            doc = _document(row, round_)
            (folder / round_ / f"{row[0]}.json").write_text(json.dumps(doc), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def out(responses: Path, questionnaire: Path) -> Path:
    target = responses.parent / "out"
    args = [
        "cohort",
        str(responses),
        "--out",
        str(target),
        "--no-pdf",
        "--questionnaire",
        str(questionnaire),
        "--matches",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return target


def _published(out: Path) -> dict[str, pd.DataFrame]:
    meta = json.loads((out / "cohort_meta.json").read_text("utf-8"))
    return {name: pd.read_parquet(out / "cohort_parquet" / f"{name}.parquet") for name in meta["tables"]}


# ---- the figures ---------------------------------------------------------------------------------------------------
def _truth() -> pd.DataFrame:
    """Per paired company: actions planned, done, dropped (all and energy), from the table above."""
    rows = []
    for cid, network, nace, _emp, _m, planned in COMPANIES:
        if planned is None:
            continue
        row = {"company_id": cid, "network": network, "sector": nace[0]}
        if planned:
            for outcome in ("planned", "done", "dropped"):
                chosen = [(q, s) for q, s in planned if outcome == "planned" or s == outcome]
                row[f"actions_{outcome}"] = len(chosen)
                row[f"actions_{outcome}_energy"] = sum(1 for q, _ in chosen if q == E)
                row[f"actions_{outcome}_supply_chain"] = sum(1 for q, _ in chosen if q == S)
                row[f"actions_{outcome}_other"] = sum(1 for q, _ in chosen if q is None)
                row[f"actions_{outcome}_reporting"] = 0  # en_metering counts more for energy than for reporting
        rows.append(row)
    return pd.DataFrame(rows)


def test_impact_tables_hold_the_hand_counted_totals(out: Path) -> None:
    tables = _published(out)
    assert {"impact", "impact_network"} <= set(tables)
    everyone = tables["impact"].set_index("metric")
    truth = _truth()
    # all networks: 13 paired companies, 11 with a plan: 19 actions planned, 11 done, 4 dropped
    assert everyone.loc["actions_planned", "n"] == 13 and everyone.loc["actions_planned", "n_valid"] == 11
    assert everyone.loc["actions_planned", "total"] == truth["actions_planned"].sum() == 19
    assert everyone.loc["actions_done", "total"] == truth["actions_done"].sum() == 11
    assert everyone.loc["actions_dropped", "total"] == truth["actions_dropped"].sum() == 4
    assert everyone.loc["actions_done_energy", "total"] == 7
    assert pd.isna(everyone.loc["actions_done", "median"])  # counts: totals only, no quantiles
    by_network = tables["impact_network"].set_index(["network", "metric"])
    beta = truth[truth["network"] == "Beta"]
    assert by_network.loc[("Beta", "actions_done"), "total"] == beta["actions_done"].sum() == 6
    assert by_network.loc[("Beta", "actions_dropped_energy"), "total"] == 1
    # Solo (1 company) is never shown, and Alpha is withheld with it, as in the year-over-year tables
    assert by_network.loc[("Solo", "actions_done"), "status"] == "primary"
    assert by_network.loc[("Alpha", "actions_done"), "status"] == "complementary"
    assert by_network.loc[("Alpha", "actions_done")][["n", "total"]].isna().all()
    # changes: medians, never means or sums
    assert "mean" not in tables["impact"].columns
    energy = everyone.loc["score_energy_change"]
    assert energy["status"] == "shown" and pd.isna(energy["total"]) and energy["median"] == 50.0


def _facts(tables: dict[str, pd.DataFrame]) -> set[tuple[str, tuple]]:
    facts = set()
    for name in ("impact", "impact_network"):
        for _, row in tables[name].iterrows():
            key = (("network", str(row["network"])),) if "network" in row.index else ()
            if pd.notna(row["n"]):
                facts.add(("paired", key))
            if row["n_valid"] > 0 and (pd.notna(row["total"]) or pd.notna(row["median"])):
                facts.add((str(row["metric"]), key))
    return facts


def _attack(facts: set[tuple[str, tuple]], pairs: pd.DataFrame) -> list[str]:
    """Companies or sets of 1 to k-1 companies whose value or sum the published totals determine."""
    found = []
    variables = sorted({v for v, _ in facts})
    for variable in variables:
        # every paired company has a change of every score and of Scope 1+2 (all answer, all burn diesel)
        members = pairs if variable == "paired" or variable.endswith("_change") else pairs[pairs[variable].notna()]
        members = members.reset_index(drop=True)
        rows = []
        for v, key in facts:
            if v != variable:
                continue
            inside = np.ones(len(members), dtype=bool)
            for col, value in key:
                inside &= (members[col].astype(str) == value).to_numpy()
            rows.append(inside.astype(float))
        a = np.array(rows)
        if not len(members) or not a.any():
            continue
        projector = np.linalg.pinv(a) @ a
        for size in range(1, min(K - 1, len(members)) + 1):
            for subset in combinations(range(len(members)), size):
                x = np.zeros(len(members))
                x[list(subset)] = 1.0
                if np.linalg.norm(x - x @ projector) < 1e-8:
                    found.append(f"{variable}: {[members['company_id'][i] for i in subset]}")
    return found


def test_the_impact_tables_pass_the_disclosure_attack(out: Path) -> None:
    tables = _published(out)
    truth = _truth()
    pairs = truth.assign(paired=1.0)
    facts = _facts(tables)
    assert ("actions_done", (("network", "Beta"),)) in facts and ("actions_done", ()) in facts
    assert _attack(facts, pairs) == []
    # the attack is real: with Alpha's totals published as well, Solo's company follows by subtraction
    leaky = facts | {(v, (("network", "Alpha"),)) for v, key in facts if key == (("network", "Beta"),)}
    assert "actions_done: ['s1']" in _attack(leaky, pairs)


# ---- matches -------------------------------------------------------------------------------------------------------
def test_matches_name_only_opted_in_companies(out: Path) -> None:
    data = json.loads((out / "matches_confidential.json").read_text("utf-8"))
    named = {c for m in data["matches"] for c in m["companies"]}
    assert named <= {"a2", "a3", "b1", "b2", "b3", "b6"}
    text = (out / "matches_confidential.json").read_text("utf-8") + (out / "matches_confidential.csv").read_text(
        "utf-8"
    )
    for outsider in ("a5", "Firma A5", "a1", "Firma A1"):
        assert outsider not in text  # a5 named offers and needs but did not opt in
    kinds = {
        (m["kind"], m["network"], m["entry"], tuple(m["companies"])) for m in data["matches"] if m["kind"] != "gap"
    }
    assert kinds == {
        ("offer_need", "Beta", "wood_waste", ("b2", "b3")),
        ("service", "Beta", "joint_energy_audit", ("b1", "b3", "b6")),
        ("service", "Alpha", "joint_energy_audit", ("a2", "a3")),
    }
    pair = next(m for m in data["matches"] if m["kind"] == "offer_need")
    assert pair["reason"]["de"] == "Firma B2 GmbH sucht „Sägemehl, Späne“ (03 01 05); angeboten von Firma B3 GmbH."
    assert pair["reason"]["en"] == "Firma B2 GmbH needs “Sawdust, shavings” (03 01 05); offered by Firma B3 GmbH."
    # nothing about matches or cooperation in the aggregate outputs
    for path in (out / "cohort_csv").glob("*.csv"):
        assert "wood_waste" not in path.read_text("utf-8")


def test_the_cohort_report_page_shows_the_protected_figures(out: Path) -> None:
    from toolkit.cohort.view import CohortView

    for lang, title, withheld, small in (
        ("de", "Programmwirkung", "geschützt", "n &lt; 5"),
        ("en", "Programme impact", "withheld", "n &lt; 5"),
    ):
        view = CohortView.load(out, lang)
        assert title in view.contents()
        markup = " ".join(p.markup for p in view.impact().parts)
        assert title in markup
        # Beta: 5 companies with a plan (b5 has none), 9 planned, 6 done, 1 dropped; all networks 19 / 11 / 4
        assert re.search(
            r"Beta</th>\s*<td[^>]*>5</td>\s*<td[^>]*>9</td>\s*<td[^>]*>6</td>\s*<td[^>]*>1</td>"
            r"\s*<td[^>]*>67 %</td>",
            markup,
        )
        assert re.search(
            r"(Alle Netzwerke|All networks)</th>\s*<td[^>]*>11</td>\s*<td[^>]*>19</td>\s*<td[^>]*>11</td>"
            r"\s*<td[^>]*>4</td>",
            markup,
        )
        assert re.search(rf"Alpha</th>\s*<td[^>]*>{withheld}", markup, re.IGNORECASE)
        assert re.search(rf"Solo</th>\s*<td[^>]*>[^<]*{small}", markup, re.IGNORECASE)


@pytest.mark.slow
def test_the_cohort_pdf_has_the_impact_page(responses: Path, questionnaire: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from .conftest import ROOT

    args = ["cohort", str(responses), "--out", str(tmp_path), "--questionnaire", str(questionnaire)]
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", *args], capture_output=True, text=True, cwd=ROOT, timeout=600
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "cohort_report_de.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "Programmwirkung" in flat and "Maßnahmen je Netzwerk (2025 → 2026)" in flat
    assert re.search(r"Beta 5 9 6 1 67 %", flat) and re.search(r"Alle Netzwerke 11 19 11 4 58 %", flat)
    assert re.search(r"Solo n\s*<\s*5", flat)
