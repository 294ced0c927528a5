"""Cohort tables: loading responses into the tidy table, group statistics against hand calculations,
percentiles, the improvement agenda."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cohort import (
    build_tables,
    check_min_group_size,
    from_frame,
    group_stats,
    improvement_agenda,
    improvement_agendas,
    load_cohort,
    percentile_in_group,
)
from toolkit.cohort.agenda import with_texts
from toolkit.definitions.loader import load_questionnaire
from toolkit.errors import CohortError

from .conftest import DATA

MINI = DATA / "questionnaires" / "minimal.yaml"


def _frame(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    """(company id, network, sector, size class, overall score) in round 2026; energy = overall / 2."""
    return pd.DataFrame(
        [
            {
                "company_id": cid,
                "network": net,
                "sector": sec,
                "size_class": size,
                "round": "2026",
                "score_energy": score / 2,
                "overall_score": score,
            }
            for cid, net, sec, size, score in rows
        ]
    )


SEVEN = _frame(
    [
        ("a1", "Nord", "C", "small", 10),
        ("a2", "Nord", "C", "small", 20),
        ("a3", "Nord", "F", "micro", 30),
        ("a4", "Nord", "F", "small", 40),
        ("a5", "Nord", "C", "small", 50),
        ("a6", "Nord", "F", "small", 60),
        ("a7", "Nord", "C", "micro", 100),
    ]
)


def test_group_stats_match_hand_calculation() -> None:
    # overall scores 10 20 30 40 50 60 100 (n = 7), linear interpolation between order statistics:
    # median: position (7-1)*0.50 = 3   -> 40
    # q1:     position (7-1)*0.25 = 1.5 -> 20 + 0.5*(30-20) = 25
    # q3:     position (7-1)*0.75 = 4.5 -> 50 + 0.5*(60-50) = 55
    # mean:   310 / 7 = 44.2857...
    # p10 and p90 are not published for fewer than 10 values (they would give the smallest and largest back)
    t = group_stats(from_frame(SEVEN, ["energy"]), ["round", "network"], ["overall_score", "score_energy"])
    row = t[t["metric"] == "overall_score"].iloc[0]
    assert (row["network"], row["n"], row["n_valid"], row["status"]) == ("Nord", 7, 7, "shown")
    assert row["median"] == pytest.approx(40)
    assert row["q1"] == pytest.approx(25)
    assert row["q3"] == pytest.approx(55)
    assert pd.isna(row["p10"]) and pd.isna(row["p90"])
    assert row["mean"] == pytest.approx(310 / 7)
    energy = t[t["metric"] == "score_energy"].iloc[0]
    assert energy["median"] == pytest.approx(20) and energy["q1"] == pytest.approx(12.5)


def test_tails_from_ten_values() -> None:
    # 10 20 ... 100 (n = 10): p10 at position 0.9 -> 10 + 0.9*10 = 19; p90 at position 8.1 -> 90 + 0.1*10 = 91
    ten = _frame([(f"t{i}", "Nord", "C", "small", 10.0 * i) for i in range(1, 11)])
    row = group_stats(from_frame(ten, ["energy"]), ["round", "network"], ["overall_score"]).iloc[0]
    assert (row["n_valid"], row["median"], row["q1"], row["q3"]) == (10, 55, 32.5, 77.5)
    assert row["p10"] == pytest.approx(19) and row["p90"] == pytest.approx(91)


def test_any_combination_of_keys_and_small_groups_hidden() -> None:
    t = group_stats(from_frame(SEVEN, ["energy"]), ["round", "network", "size_class"], ["overall_score"])
    small = t[t["size_class"] == "small"].iloc[0]
    micro = t[t["size_class"] == "micro"].iloc[0]
    # micro: 2 companies -> suppressed, count hidden as well
    assert micro["status"] == "primary"
    assert pd.isna(micro["n"]) and pd.isna(micro["median"]) and pd.isna(micro["mean"])
    # small (5 companies) would be shown on its own, but the network total (7) is public: 7 - 5 = 2 and
    # 7 * mean(all) - 5 * mean(small) would give the micro companies' sum -> withheld as well
    assert small["status"] == "complementary" and pd.isna(small["n"]) and pd.isna(small["mean"])
    # Three size classes of 5, 5 and 2 companies: micro (2) is hidden, and one of the two groups of 5 is withheld
    # with it (equal size: the first by key, 'medium'), so the other one can be shown with its figures.
    rows = [(f"s{i}", "Ost", "C", "small", 10.0 * i) for i in range(1, 6)]
    rows += [(f"d{i}", "Ost", "C", "medium", 50.0 + i) for i in range(1, 6)]
    rows += [("u1", "Ost", "C", "micro", 5.0), ("u2", "Ost", "C", "micro", 7.0)]
    by = group_stats(from_frame(_frame(rows), ["energy"]), ["round", "size_class"], ["overall_score"]).set_index(
        "size_class"
    )
    assert (by.loc["micro", "status"], by.loc["medium", "status"]) == ("primary", "complementary")
    # small: 10 20 30 40 50 -> n 5, median 30, q1 20, q3 40, mean 30
    small = by.loc["small"]
    assert (small["status"], small["n"], small["median"], small["q1"], small["q3"], small["mean"]) == (
        "shown",
        5,
        30,
        20,
        40,
        30,
    )


def test_percentile_within_peer_group() -> None:
    coh = from_frame(SEVEN, ["energy"])
    pct = percentile_in_group(coh, "overall_score", ["round", "network"])
    # share below plus half the share equal (the company itself counts as equal): 40 -> (3 + 0.5) / 7
    assert pct.iloc[3] == pytest.approx(100 * 3.5 / 7)
    assert pct.iloc[0] == pytest.approx(100 * 0.5 / 7)
    assert pct.iloc[6] == pytest.approx(100 * 6.5 / 7)
    # peer groups by sector: C has 4 companies, F 3: both below 5 -> no percentile for anyone
    assert percentile_in_group(coh, "overall_score", ["round", "network", "sector"]).isna().all()


def test_percentile_needs_min_group_size() -> None:
    coh = from_frame(SEVEN, ["energy"])
    pct = percentile_in_group(coh, "overall_score", ["round", "sector"], min_group_size=3)
    # with k = 3 the F group (30, 40, 60) is large enough: 40 is the middle one -> (1 + 0.5) / 3
    assert pct.iloc[3] == pytest.approx(50)
    with pytest.raises(CohortError):
        percentile_in_group(coh, "overall_score", ["round"], min_group_size=2)


@pytest.mark.parametrize("bad", [2, 0, -1, "5", 4.5, True])
def test_min_group_size_below_three_or_not_whole_is_refused(bad: object) -> None:
    with pytest.raises(CohortError):
        check_min_group_size(bad)
    with pytest.raises(CohortError):
        group_stats(from_frame(SEVEN, ["energy"]), ["round"], ["overall_score"], min_group_size=bad)  # type: ignore[arg-type]


def test_unknown_column_is_a_cohort_error() -> None:
    with pytest.raises(CohortError, match="no column"):
        group_stats(from_frame(SEVEN, ["energy"]), ["round", "branch"], ["overall_score"])


# ---- loading response files -----------------------------------------------------------------------------------
def _response(cid: str, metering: str, network: str = "Nord", round_: str = "2026", name: str | None = None) -> dict:
    return {
        "format": "sme-toolkit-response/1",
        "questionnaire": {"id": "mini", "version": "1.0"},
        "round": round_,
        "revision": 1,
        "company": {
            "id": cid,
            "name": name or f"Firma {cid}",
            "nace": "C25.62",
            "employees": 12,
            "network": network,
            "region": "Niedersachsen",
        },
        "answers": {
            "en_metering": {"value": metering},
            "vc_supplier_code": {"value": "yes"},
            "vc_criteria": {"value": ["environment", "social", "regional"]},
        },
    }


@pytest.fixture(scope="module")
def mini_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mini-cohort")
    sub = root / "2026"
    sub.mkdir()
    for cid, metering in [("m1", "bills"), ("m2", "bills"), ("m3", "monthly"), ("m4", "submetered"), ("m5", "monthly")]:
        (sub / f"{cid}.json").write_text(json.dumps(_response(cid, metering)), encoding="utf-8")
    (sub / "broken.json").write_text('{"format": "sme-toolkit-response/1", "questionnaire": ', encoding="utf-8")
    other = _response("x1", "bills")
    other["questionnaire"]["id"] = "another-questionnaire"
    (sub / "x1.json").write_text(json.dumps(other), encoding="utf-8")
    (root / "copy-of-m1.json").write_text(json.dumps(_response("m1", "monthly")), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def mini_cohort(mini_folder: Path):
    return load_cohort(mini_folder, load_questionnaire(MINI))


def test_load_folder_into_tidy_table(mini_cohort) -> None:
    df = mini_cohort.companies
    assert sorted(df["company_id"]) == ["m1", "m2", "m3", "m4", "m5"]
    for col in (
        "network",
        "region",
        "sector",
        "nace",
        "size_class",
        "employees",
        "round",
        "score_energy",
        "level_energy",
        "completeness_energy",
        "provisional_energy",
        "score_supply_chain",
        "score_reporting",
        "overall_score",
        "completeness",
        "provisional",
        "total_mwh",
        "renewable_share",
        "scope1_t",
        "scope2_location_t",
        "t_per_employee",
        "t_per_meur",
    ):
        assert col in df.columns, col
    m3 = df.set_index("company_id").loc["m3"]
    # m3: metering 'monthly' (level 2 -> 0.5), supplier code yes (1.0), criteria all (4/4 = 1.0)
    # energy = 100 * 2*0.5 / 2 = 50; supply chain = 100 * (1*1 + 2*1) / 3 = 100
    # reporting = 100 * (1*0.5 + 1*1) / 2 = 75; overall = (50 + 100 + 75) / 3 = 75
    assert m3["score_energy"] == pytest.approx(50)
    assert m3["score_supply_chain"] == pytest.approx(100)
    assert m3["score_reporting"] == pytest.approx(75)
    assert m3["overall_score"] == pytest.approx(75)
    assert (m3["sector"], m3["network"], m3["round"]) == ("C", "Nord", "2026")


def test_invalid_files_reported_and_skipped(mini_cohort, mini_folder: Path) -> None:
    reasons = dict(mini_cohort.invalid)
    assert set(reasons) == {
        str(mini_folder / "2026" / "broken.json"),
        str(mini_folder / "2026" / "x1.json"),
        str(mini_folder / "copy-of-m1.json"),
    }
    assert "truncated" in reasons[str(mini_folder / "2026" / "broken.json")]
    assert "another-questionnaire" in reasons[str(mini_folder / "2026" / "x1.json")]
    assert "second response of company m1" in reasons[str(mini_folder / "copy-of-m1.json")]


def test_improvement_agenda_hand_calculation(mini_cohort) -> None:
    # Points of en_metering per company: energy 2/2 of the energy weight -> 100 points at full answer,
    # reporting 1/(1+1) -> 50 points; together 150 points for the best answer.
    # open = (1 - fraction) * 150: bills 150, bills 150, monthly 75, submetered 0, monthly 75 -> 450, 4 companies
    # next step (bills -> monthly, monthly -> submetered: +0.5 each) = 75 for each of the 4 -> 300
    # on the overall score (mean of the three headline dimensions): energy +50, reporting +25 -> +25 each -> 100,
    # i.e. +20 on the mean overall score of the 5 companies; 4 of 5 have a gap
    # the other questions are at their best answer for everyone -> not on the agenda
    agenda = improvement_agenda(mini_cohort)
    assert list(agenda["question"]) == ["en_metering"]
    row = agenda.iloc[0]
    assert row["potential"] == pytest.approx(450)
    assert row["gain"] == pytest.approx(300)
    assert row["overall_gain"] == pytest.approx(100)
    assert row["group_mean_gain"] == pytest.approx(20)
    assert (row["companies"], row["answered"], row["rank"], row["share_gap"]) == (4, 5, 1, 0.8)
    # the table names the question by id; its text and workshop topic are looked up when it is exported
    assert not any(c.startswith(("text_", "topic_")) for c in agenda.columns)
    exported = with_texts(agenda, mini_cohort.questionnaire).iloc[0]
    assert exported["text_de"] == "Wie erfassen Sie Ihren Energieverbrauch?"
    assert exported["text_en"] == "How do you record your energy use?"
    # no workshop_topic in this questionnaire: the first step (the lowest option's next step) stands in
    assert (exported["topic_de"], exported["topic_en"]) == (
        "Zählerstände monatlich notieren",
        "Note meter readings monthly",
    )
    assert list(exported.index[:4]) == ["rank", "question", "criterion", "text_de"]  # the exported column order


def test_agenda_suppressed_below_min_group_size(mini_cohort) -> None:
    agenda = improvement_agenda(mini_cohort, min_group_size=6)
    assert agenda.empty and agenda.attrs["suppressed"]


def test_build_tables_needs_valid_responses(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    cohort = load_cohort(tmp_path, load_questionnaire(MINI))
    assert cohort.companies.empty and len(cohort.invalid) == 1
    with pytest.raises(CohortError, match="no valid responses"):
        build_tables(cohort)


def _agenda_cohort() -> object:
    """Networks A and C of 6 companies, B of one; question q1 answered by all, q2 by 4 companies of C only,
    q3 by everyone in A and C (not B)."""
    companies, questions = [], []
    for net, size in (("A", 6), ("B", 1), ("C", 6)):
        for i in range(size):
            cid = f"{net.lower()}{i}"
            companies.append({"company_id": cid, "network": net, "round": "2026", "score_energy": 50.0})
            questions.append({"company_id": cid, "round": "2026", "question": "q1", "potential": 10.0 + i, "gain": 5.0})
            if net == "C" and i < 4:
                questions.append({"company_id": cid, "round": "2026", "question": "q2", "potential": 3.0, "gain": 1.0})
            if net != "B":
                questions.append({"company_id": cid, "round": "2026", "question": "q3", "potential": 1.0, "gain": 1.0})
    return from_frame(pd.DataFrame(companies), ["energy"], questions=pd.DataFrame(questions))


def test_agendas_are_protected_together() -> None:
    """The network-wide agenda minus the shown networks' agendas never leaves B's one company: A (the first of
    the two networks of 6) is withheld with it; a question answered by fewer than 5 is listed nowhere."""
    agendas = improvement_agendas(_agenda_cohort())
    assert set(agendas) == {"", "A", "B", "C"}
    everyone, c = agendas[""].set_index("question"), agendas["C"].set_index("question")
    assert agendas["B"].empty and agendas["B"].attrs["status"] == "primary"
    assert agendas["A"].empty and agendas["A"].attrs["status"] == "complementary"
    assert list(everyone.index) == ["q1", "q3"]  # q2: 4 companies only
    # q3: B did not answer it, so the total minus C would be exactly A's (withheld) figures: q3 is left out for C
    assert list(c.index) == ["q1"]
    # total minus C: A and B together (7 companies, 6 for q3), never B alone
    assert everyone.loc["q1", "answered"] - c.loc["q1", "answered"] == 7
    assert everyone.loc["q1", "potential"] == pytest.approx(2 * sum(10.0 + i for i in range(6)) + 10.0)
    # improvement_agenda answers for one group of the same publication
    assert improvement_agenda(_agenda_cohort(), "A").empty
    assert list(improvement_agenda(_agenda_cohort(), "C")["question"]) == ["q1"]


def test_stale_demo_responses_are_written_anew(tmp_path: Path) -> None:
    """The facilitator notebook's demo folder, written for an earlier questionnaire version, is regenerated
    instead of failing with "no valid responses"; a folder of real responses is never touched."""
    from toolkit.demo import generate
    from toolkit.demo.folder import load_or_generate

    demo = tmp_path / "demo"
    generate(demo, subset=1)
    stale = sorted(demo.glob("*/*.json"))[0]
    doc = json.loads(stale.read_text("utf-8"))
    doc["questionnaire"]["version"] = "2000.1"
    stale.write_text(json.dumps(doc), encoding="utf-8")
    cohort = load_or_generate(demo, subset=1)
    assert not cohort.invalid and len(cohort.companies) >= 3
    real = tmp_path / "real"
    real.mkdir()
    (real / "x.json").write_text(json.dumps(doc), encoding="utf-8")
    assert len(load_or_generate(real, subset=1).invalid) == 1 and (real / "x.json").read_text("utf-8")
