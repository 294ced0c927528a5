"""Nothing `toolkit cohort` publishes lets anyone work out a group of 1 to k-1 companies or a member of a group
under 10 (issue 10, confidentiality items 1 and 2).

The cohort: networks Solo (1 company), Alpha (7) and Beta (7); sectors C (6), F (5) and G (4); three size
classes; rounds 2025 (13 companies) and 2026 (15). The real command writes every CSV, Excel sheet and Parquet
table, the cohort summary and (slow test) the cohort PDF. The tests read all of it back and attack it the way
a curious network member would, with code that shares nothing with the toolkit's own suppression:

* every published count and sum is a linear equation over the companies that contribute to it (the companies
  of a group that have a value for that figure: a score, a KPI, an agenda question they answered, a change
  between rounds). Stacked per figure, numpy decides whether any single company's value, or the count or sum
  of any set of 1 to k-1 companies, is determined by them (row space membership, exact up to rounding);
* every published set of quantiles (with the mean) is a linear system in the group's sorted values (linear
  interpolation between order statistics, as pandas and numpy compute them); for groups under 10 it must leave
  the smallest and the largest value undetermined, and no tails may be published there at all.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from toolkit.cohort import from_frame, group_stats, load_cohort, year_over_year
from toolkit.cohort.export import read_tables
from toolkit.cohort.impact import impact_pairs
from toolkit.cohort.view import CohortView
from toolkit.cohort.workbook import read_workbook
from toolkit.definitions.loader import load_questionnaire
from toolkit.definitions.model import tr

from .conftest import DATA, ROOT

MINI = DATA / "questionnaires" / "minimal.yaml"
K = 5
LATEST = "2026"
PAIRED = "2025→2026"
KEYS = ("network", "sector", "size_class")

# id, network, NACE, employees, energy metering, supplier code, purchasing criteria ("na": not applicable), diesel l
COMPANIES = [
    ("s1", "Solo", "G47.11", 20, "bills", "no", "na", 1500),
    ("a1", "Alpha", "C25.62", 5, "bills", "yes", ["environment"], None),
    ("a2", "Alpha", "C10.71", 20, "monthly", "no", ["social", "regional"], 800),
    ("a3", "Alpha", "C28.99", 80, "submetered", "yes", ["environment", "social", "regional"], 12000),
    ("a4", "Alpha", "F43.21", 5, "bills", "no", ["regional"], 3000),
    ("a5", "Alpha", "F41.20", 20, "monthly", "yes", ["environment", "social"], None),
    ("a6", "Alpha", "G46.90", 20, "monthly", "no", "na", 500),
    ("a7", "Alpha", "G47.30", 80, "bills", "yes", ["regional"], 2500),
    ("b1", "Beta", "C22.29", 5, "monthly", "yes", ["environment"], None),
    ("b2", "Beta", "C16.23", 20, "bills", "no", ["social"], 900),
    ("b3", "Beta", "C33.12", 80, "submetered", "yes", ["environment", "regional"], 7000),
    ("b4", "Beta", "F43.22", 5, "monthly", "no", ["social"], 4000),
    ("b5", "Beta", "F42.11", 20, "bills", "yes", "na", None),
    ("b6", "Beta", "F43.91", 80, "monthly", "no", ["environment", "social", "regional"], 6000),
    ("b7", "Beta", "G46.73", 20, "submetered", "yes", ["social", "regional"], 1200),
]
JOINED_2026 = {"a7", "b7"}


def _document(row: tuple, round_: str) -> dict:
    cid, network, nace, employees, metering, code, criteria, diesel = row
    answers: dict[str, dict] = {
        "en_metering": {"value": metering},
        "vc_supplier_code": {"value": code},
        "vc_criteria": {"not_applicable": True} if criteria == "na" else {"value": criteria},
        "en_has_vehicles": {"value": "yes" if diesel else "no"},
    }
    if diesel:
        answers["en_diesel"] = {"value": diesel, "unit": "l"}
    return {
        "format": "sme-toolkit-response/1",
        "questionnaire": {"id": "mini", "version": "1.0"},
        "round": round_,
        "revision": 1,
        "company": {
            "id": cid,
            "name": f"Firma {cid.upper()} GmbH",
            "nace": nace,
            "employees": employees,
            "network": network,
            "region": "Niedersachsen",
        },
        "answers": answers,
        **({"actions": _actions(row, round_)} if cid not in JOINED_2026 else {}),
    }


def _actions(row: tuple, round_: str) -> list[dict]:
    """Issue 16: every company that stays planned two actions in 2025; in 2026 they are done, dropped or open."""
    _cid, _network, _nace, _employees, metering, code, _criteria, _diesel = row
    later = round_ == "2026"
    return [
        {
            "id": "m1",
            "title": "Zähler monatlich ablesen",
            "questions": ["en_metering"],
            "created_round": "2025",
            "status": ("done" if metering != "bills" else "dropped") if later else "planned",
        },
        {
            "id": "m2",
            "title": "Lieferantenkodex",
            "questions": ["vc_supplier_code"],
            "created_round": "2025",
            "status": ("done" if code == "yes" else "in_progress") if later else "planned",
        },
    ]


def write_cohort(folder: Path) -> Path:
    """The response files: 2026 as listed; 2025 without the two companies that joined in 2026, all on the
    lowest rungs (so every company that stayed has changed)."""
    for row in COMPANIES:
        (folder / "2026").mkdir(parents=True, exist_ok=True)
        (folder / "2026" / f"{row[0]}.json").write_text(json.dumps(_document(row, "2026")), encoding="utf-8")
        if row[0] not in JOINED_2026:
            earlier = (*row[:4], "bills", "no", *row[6:])
            (folder / "2025").mkdir(parents=True, exist_ok=True)
            (folder / "2025" / f"{row[0]}.json").write_text(json.dumps(_document(earlier, "2025")), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def responses(mini_cohort_run) -> Path:
    return mini_cohort_run.responses  # written by write_cohort above


@pytest.fixture(scope="module")
def truth(responses: Path):
    cohort = load_cohort(responses, load_questionnaire(MINI))
    assert not cohort.invalid and len(cohort.companies) == 28
    return cohort


@pytest.fixture(scope="module")
def tables(out: Path) -> dict[str, pd.DataFrame]:
    return all_formats(out)


@pytest.fixture(scope="module")
def out(mini_cohort_run) -> Path:
    """`toolkit cohort` as a facilitator runs it (without the PDF; see the slow test for that)."""
    return mini_cohort_run.out


# ---- reading back what was published ---------------------------------------------------------------------------
def all_formats(out: Path) -> dict[str, pd.DataFrame]:
    """Every table of the output, after checking that CSV, Excel and Parquet hold the same figures (the
    workbook's raw sheets read back with the machine-readable names; they leave out the short notes and the
    texts in the other language; its overview sheet repeats protected figures, see test_cohort_workbook.py)."""
    meta = json.loads((out / "cohort_meta.json").read_text("utf-8"))
    csv = {p.stem: pd.read_csv(p) for p in (out / "cohort_csv").glob("*.csv")}
    parquet = {p.stem: pd.read_parquet(p) for p in (out / "cohort_parquet").glob("*.parquet")}
    xlsx = read_workbook(out / "cohort_tables.xlsx", meta)
    assert set(csv) == set(parquet) == set(xlsx) == set(meta["tables"])
    for name, df in parquet.items():
        for other in (csv[name], xlsx[name]):
            assert list(other.columns) == [c for c in df.columns if c in other.columns], name
            assert set(df.columns) - set(other.columns) <= {"note", "text_en", "topic_en"}, name
            for col in other.columns:
                a, b = df[col], other[col]
                if pd.api.types.is_numeric_dtype(a) and len(a.dropna()):
                    assert np.allclose(a.astype(float), b.astype(float), equal_nan=True, rtol=1e-9), (name, col)
                else:
                    assert _texts(a) == _texts(b), (name, col)
    return parquet


def _texts(column: pd.Series) -> list[str]:
    return ["" if pd.isna(v) else str(v) for v in column]


Fact = tuple[str, str, tuple[tuple[str, str], ...]]  # (variable, round, group key)


def _key(row: pd.Series) -> tuple[tuple[str, str], ...]:
    return tuple((c, str(row[c])) for c in KEYS if c in row.index)


def published_facts(tables: dict[str, pd.DataFrame], summary: dict) -> tuple[set[Fact], list[dict]]:
    """Every group whose count or sum of some variable is published, and every published set of quantiles.

    Variables: ``population`` (companies of a round), ``paired`` (companies in both rounds), each score or KPI
    column (companies with a value), each change column and each agenda question (companies that answered)."""
    facts: set[Fact] = set()
    quantiles: list[dict] = []
    for name, df in tables.items():
        if name.startswith("agenda"):
            network = name.removeprefix("agenda").removeprefix("_")
            key = (("network", network),) if network else ()
            for q in df["question"]:
                facts.add((str(q), LATEST, key))
            continue
        for _, row in df.iterrows():
            round_ = str(row["round"])
            key = _key(row)
            if pd.notna(row["n"]):
                facts.add(("paired" if round_ == PAIRED else "population", round_, key))
            if "metric" not in row.index:
                continue
            figures = [c for c in ("n_valid", "mean", "share_positive") if c in row.index and pd.notna(row[c])]
            if figures and row["n_valid"] > 0:
                facts.add((str(row["metric"]), round_, key))
            q = {c: row[c] for c in ("p10", "q1", "median", "q3", "p90") if pd.notna(row[c])}
            if q:
                mean = row["mean"] if "mean" in row.index and pd.notna(row["mean"]) else None
                quantiles.append(
                    {
                        "where": f"{name}: {key} {row['metric']}",
                        "variable": str(row["metric"]),
                        "round": round_,
                        "key": key,
                        "q": q,
                        "mean": mean,
                    }
                )
    for g in summary["groups"]:
        if g.get("suppressed"):
            continue
        round_ = g["key"]["round"]
        key = tuple((c, g["key"][c]) for c in KEYS if c in g["key"])
        facts.add(("population", round_, key))
        for dim, st in g["dimensions"].items():
            facts.add((f"score_{dim}", round_, key))
            q = {c: st[c] for c in ("p10", "q1", "median", "q3", "p90") if c in st}
            quantiles.append(
                {
                    "where": f"summary: {key} {dim}",
                    "variable": f"score_{dim}",
                    "round": round_,
                    "key": key,
                    "q": q,
                    "mean": st.get("mean"),
                }
            )
    return facts, quantiles


def contributors(truth, variable: str, round_: str, pairs: pd.DataFrame | None = None) -> pd.DataFrame:
    """The companies a variable's figures are made of (truth, unknown to the attacker except for membership)."""
    if round_ == PAIRED:
        pairs = year_over_year(truth) if pairs is None else pairs
        if variable != "paired" and variable not in pairs:  # the programme-impact table's own figures (issue 16)
            pairs = impact_pairs(truth)
        return pairs if variable == "paired" else pairs[pairs[variable].notna()]
    companies = truth.companies[truth.companies["round"] == round_]
    if variable == "population":
        return companies
    if variable in companies.columns:
        return companies[companies[variable].notna()]
    answered = truth.questions[(truth.questions["round"] == round_) & (truth.questions["question"] == variable)]
    return companies[companies["company_id"].isin(answered["company_id"])]


def attack(truth, facts: set[Fact], k: int = K) -> list[str]:
    """What the published counts and sums give away: companies whose value is determined, and sets of 1 to k-1
    companies whose count or sum is determined (stacking every fact of one variable as 0/1 rows over the
    companies that contribute to it)."""
    found = []
    pairs = year_over_year(truth)
    by_variable: dict[tuple[str, str], list[tuple]] = {}
    for variable, round_, key in facts:
        by_variable.setdefault((variable, round_), []).append(key)
    for (variable, round_), keys in sorted(by_variable.items()):
        members = contributors(truth, variable, round_, pairs).reset_index(drop=True)
        ids = list(members["company_id"])
        rows = []
        for key in keys:
            inside = np.ones(len(members), dtype=bool)
            for col, value in key:
                inside &= (members[col].astype(str) == value).to_numpy()
            rows.append(inside.astype(float))
        a = np.array(rows)
        if not a.any():
            continue
        projector = np.linalg.pinv(a) @ a  # onto the row space: what linear combinations of the facts reach
        for size in range(1, min(k - 1, len(ids)) + 1):
            subsets = list(combinations(range(len(ids)), size))
            x = np.zeros((len(subsets), len(ids)))
            for i, subset in enumerate(subsets):
                x[i, list(subset)] = 1.0
            reached = np.linalg.norm(x - x @ projector, axis=1) < 1e-8
            for i in np.flatnonzero(reached):
                who = ", ".join(ids[j] for j in subsets[i])
                found.append(f"{variable} ({round_}): the {'value' if size == 1 else 'sum'} of {who}")
    return found


# ---- counts and sums ---------------------------------------------------------------------------------------------
def test_formats_agree_and_the_attack_has_something_to_work_with(out: Path, tables, truth) -> None:
    summary = json.loads((out / "cohort-summary.json").read_text("utf-8"))
    facts, quantiles = published_facts(tables, summary)
    variables = {v for v, _, _ in facts}
    # the attack sees the totals, the shown networks and sectors, the agenda questions, the changes
    assert {"population", "paired", "score_energy", "overall_score_change", "en_metering"} <= variables
    assert {"scope12_t_change", "actions_done", "actions_dropped_energy"} <= variables  # programme impact
    assert ("population", LATEST, ()) in facts and ("population", LATEST, (("network", "Beta"),)) in facts
    assert ("en_metering", LATEST, ()) in facts and ("en_metering", LATEST, (("network", "Beta"),)) in facts
    assert len(facts) > 60 and len(quantiles) > 30


def test_no_company_and_no_group_under_k_can_be_worked_out(out: Path, tables, truth) -> None:
    """Issue 10 'Done when': every CSV, Excel sheet, Parquet table and the cohort summary together."""
    facts, _ = published_facts(tables, json.loads((out / "cohort-summary.json").read_text("utf-8")))
    assert attack(truth, facts) == []


def _unprotected_agendas(truth) -> set[Fact]:
    """What the agendas published before the fix: all companies, and every network of at least k companies."""
    companies = truth.companies[truth.companies["round"] == LATEST]
    sizes = companies["network"].value_counts()
    questions = set(truth.questions.loc[truth.questions["round"] == LATEST, "question"])
    facts = {(q, LATEST, ()) for q in questions}
    facts |= {(q, LATEST, (("network", str(n)),)) for q in questions for n, size in sizes.items() if size >= K}
    return facts


def test_the_attack_finds_the_original_agenda_leak(truth) -> None:
    """The attack is real: on the agendas as they were published before the fix (network-wide agenda, and the
    agendas of Alpha and Beta because each has 7 companies), it isolates Solo's one company for every question
    Solo answered, with its exact open points."""
    found = attack(truth, _unprotected_agendas(truth))
    assert "en_metering (2026): the value of s1" in found
    assert "vc_supplier_code (2026): the value of s1" in found
    q = truth.questions[truth.questions["round"] == LATEST].merge(
        truth.companies.loc[truth.companies["round"] == LATEST, ["company_id", "network"]], on="company_id"
    )
    metering = q[q["question"] == "en_metering"]
    everyone = metering["potential"].sum()
    shown = metering.loc[metering["network"].isin(["Alpha", "Beta"]), "potential"].sum()
    assert everyone - shown == pytest.approx(float(metering.loc[metering["company_id"] == "s1", "potential"].iloc[0]))


def test_regression_network_wide_agenda_minus_network_agendas(tables, truth) -> None:
    """The original leak, tried on the published agenda files: the network-wide agenda minus every shown
    network's agenda never leaves fewer than k companies (it used to leave Solo's one company)."""
    everyone = tables["agenda"].set_index("question")
    networks = sorted(truth.companies.loc[truth.companies["round"] == LATEST, "network"].unique())
    assert not everyone.empty
    shown_lists = {n: tables[f"agenda_{n}"].set_index("question") for n in networks}
    assert shown_lists["Solo"].empty  # n < 5
    for question, row in everyone.iterrows():
        listed = [n for n, df in shown_lists.items() if question in df.index]
        answered = row["answered"] - sum(shown_lists[n].loc[question, "answered"] for n in listed)
        assert answered == 0 or answered >= K, (question, listed, answered)
    # what the facilitator sees instead: Alpha's agenda is withheld with Solo's
    assert shown_lists["Alpha"].empty and not shown_lists["Beta"].empty
    participation = tables["participation"].set_index(["round", "network"])
    assert participation.loc[(LATEST, "Alpha"), "status"] == "complementary"


# ---- quantiles ---------------------------------------------------------------------------------------------------
POSITIONS = {"p10": 0.10, "q1": 0.25, "median": 0.50, "q3": 0.75, "p90": 0.90}


def quantile_system(n: int, published: dict[str, float], mean: float | None) -> tuple[np.ndarray, np.ndarray]:
    """The published quantiles (and mean) of n values as equations in the sorted values x(1) <= ... <= x(n)."""
    rows, rhs = [], []
    for name, value in published.items():
        pos = (n - 1) * POSITIONS[name]
        lo = int(np.floor(pos))
        row = np.zeros(n)
        row[lo] += 1 - (pos - lo)
        if pos > lo:
            row[lo + 1] += pos - lo
        rows.append(row)
        rhs.append(value)
    if mean is not None:
        rows.append(np.full(n, 1.0 / n))
        rhs.append(mean)
    return np.array(rows), np.array(rhs)


def determined(a: np.ndarray) -> list[int]:
    """Indices of the sorted values the equations fix."""
    p = np.linalg.pinv(a) @ a
    return [i for i in range(a.shape[1]) if abs(p[i, i] - 1) < 1e-9]


def _values(truth, variable: str, round_: str, key: tuple, pairs: pd.DataFrame) -> np.ndarray:
    members = contributors(truth, variable, round_, pairs)
    for col, value in key:
        members = members[members[col].astype(str) == value]
    return np.sort(members[variable].to_numpy(dtype=float))


def test_quantile_rule_holds_in_every_output(out: Path, tables, truth) -> None:
    """Tails only from 10 values, quartiles only from max(k, 5); below 10, the published quantiles and mean
    leave the smallest and the largest member undetermined."""
    _, quantiles = published_facts(tables, json.loads((out / "cohort-summary.json").read_text("utf-8")))
    small_groups = 0
    pairs = year_over_year(truth)
    for entry in quantiles:
        values = _values(truth, entry["variable"], entry["round"], entry["key"], pairs)
        n = len(values)
        assert set(entry["q"]) >= {"q1", "median", "q3"} and n >= K, entry["where"]
        if {"p10", "p90"} & set(entry["q"]):
            assert n >= 10, entry["where"]
        if n < 10:
            small_groups += 1
            a, _ = quantile_system(n, entry["q"], entry["mean"])
            fixed = determined(a)
            assert 0 not in fixed and n - 1 not in fixed, entry["where"]
            assert np.linalg.matrix_rank(a) < n
    assert small_groups >= 10  # Beta (7), sector C (6), small companies (7), pairs in Beta (6) ...


def test_five_member_group_quantiles_no_longer_solve_for_members() -> None:
    """Issue 10 item 2: a group of 5 used to publish p10, q1, median, q3 and p90, which solve for all five
    members' scores and energy figures (to 1e-12). Now it publishes quartiles and mean only."""
    scores = np.array([31.0, 47.5, 52.0, 68.25, 90.0])
    energy = np.array([12.4, 55.0, 80.3, 141.7, 402.9])
    frame = pd.DataFrame(
        {
            "company_id": [f"c{i}" for i in range(5)],
            "network": "Fünf",
            "round": "2026",
            "overall_score": scores,
            "total_mwh": energy,
        }
    )
    table = group_stats(from_frame(frame, ()), ["round", "network"], ["overall_score", "total_mwh"])
    for metric, values in (("overall_score", scores), ("total_mwh", energy)):
        row = table[table["metric"] == metric].iloc[0]
        assert row["status"] == "shown" and row["n"] == 5
        # before: the five quantiles as pandas computes them, solved as five equations
        before = {name: float(pd.Series(values).quantile(p)) for name, p in POSITIONS.items()}
        a, b = quantile_system(5, before, None)
        assert np.abs(np.linalg.solve(a, b) - values).max() < 1e-12
        # now: no tails; quartiles and mean leave a free direction that moves the smallest and largest member
        assert pd.isna(row["p10"]) and pd.isna(row["p90"])
        now = {name: float(row[name]) for name in ("q1", "median", "q3")}
        a, b = quantile_system(5, now, float(row["mean"]))
        assert np.linalg.matrix_rank(a) == 4
        assert 0 not in determined(a) and 4 not in determined(a)
        guess = np.linalg.lstsq(a, b, rcond=None)[0]
        assert abs(guess[0] - values[0]) > 1 and abs(guess[4] - values[4]) > 1


def test_the_summary_for_company_reports_follows_the_rule(out: Path) -> None:
    summary = json.loads((out / "cohort-summary.json").read_text("utf-8"))
    shown = [g for g in summary["groups"] if not g.get("suppressed")]
    with_tails = [g for g in shown if any("p10" in st for st in g["dimensions"].values())]
    assert with_tails and all(g["n"] >= 10 for g in with_tails)  # all companies: 15 and 13
    assert all(g["n"] >= K for g in shown)
    assert all("p10" not in st for g in shown if g["n"] < 10 for st in g["dimensions"].values())


# ---- the cohort PDF ----------------------------------------------------------------------------------------------
def test_method_note_states_the_rule_in_both_languages(out: Path) -> None:
    meta, tables = read_tables(out)
    de = CohortView(meta, tables, "de").method().parts[1].markup
    en = CohortView(meta, tables, "en").method().parts[1].markup
    assert "Median und Quartile werden nur für Gruppen mit mindestens 5 Unternehmen gezeigt" in de
    assert "90. Perzentil nur für Gruppen mit mindestens 10 Unternehmen" in de
    assert "median and quartiles are shown only for groups of at least 5 companies" in en
    assert "90th percentile only for groups of at least 10 companies" in en


# rank, question, "% with a gap (companies/answered)", gain in the mean overall score
AGENDA_ROW = re.compile(r"^\s*(\d+)\s+(\S.*?)\s{2,}(\d+)\s*%\s*\((\d+)\s*/\s*(\d+)\)\s+([+−-]?[\d.,]+)\s*$")


def pdf_agenda(text: str, qn) -> dict[str, list[tuple[str, int, int]]]:
    """The agenda rows printed in the PDF per group ('' = all networks): question id, companies, answered."""
    texts = {tr(q.text, "de"): q.id for q in qn.questions.values()}
    groups: dict[str, list[tuple[str, int, int]]] = {}
    current = None
    for line in text.splitlines():
        title = re.match(r"^(Alle Netzwerke|Alpha|Beta|Solo) \(2026\)\s*$", line)
        if title:
            current = "" if title.group(1) == "Alle Netzwerke" else title.group(1)
            groups[current] = []
            continue
        row = AGENDA_ROW.match(line)
        if row and current is not None:
            qid = next(i for t, i in texts.items() if t.startswith(row.group(2).strip()))
            groups[current].append((qid, int(row.group(4)), int(row.group(5))))
    return groups


@pytest.mark.slow
def test_cohort_pdf_publishes_only_protected_figures(responses: Path, truth, tmp_path: Path) -> None:
    """The real command with the PDF: the agenda counts printed in the PDF are exactly those of the protected
    tables, the attack on them finds nothing, and the withheld groups say why."""
    args = ["cohort", str(responses), "--out", str(tmp_path), "--questionnaire", str(MINI)]
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    pdf = tmp_path / "cohort_report_de.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    printed = pdf_agenda(text, load_questionnaire(MINI))
    assert set(printed) == {"", "Alpha", "Beta", "Solo"}
    tables = all_formats(tmp_path)
    for group, rows in printed.items():
        table = tables["agenda" if not group else f"agenda_{group}"]
        expected = list(table[["question", "companies", "answered"]].itertuples(index=False, name=None))
        assert rows == expected[: len(rows)] and (len(rows) == len(expected) or group), group
    assert printed["Solo"] == [] and printed["Alpha"] == [] and printed["Beta"]
    flat = re.sub(r"\s+", " ", text)
    assert "Solo (2026) Weniger als 5 Unternehmen: keine Agenda" in flat
    assert "Alpha (2026) Zurückgehalten" in flat
    assert "Perzentil nur für Gruppen mit mindestens 10 Unternehmen" in flat
    facts = {(q, LATEST, (("network", g),) if g else ()) for g, rows in printed.items() for q, _, _ in rows}
    assert attack(truth, facts) == []
    # the PDF is made from these very tables; their attack is the one above, repeated here for this run
    summary = json.loads((tmp_path / "cohort-summary.json").read_text("utf-8"))
    assert attack(truth, published_facts(tables, summary)[0]) == []


def test_withheld_agendas_say_why(out: Path) -> None:
    meta, tables = read_tables(out)
    for lang, small, withheld in (
        ("de", "Weniger als 5 Unternehmen: keine Agenda", "Zurückgehalten: Zusammen mit den übrigen Agenden"),
        ("en", "Fewer than 5 companies: no agenda", "Withheld: together with the other agendas"),
    ):
        parts = [p.markup for p in CohortView(meta, tables, lang).agenda().parts if hasattr(p, "markup")]
        solo = next(m for m in parts if "Solo (2026)" in m)
        alpha = next(m for m in parts if "Alpha (2026)" in m)
        assert small in solo and withheld in alpha
