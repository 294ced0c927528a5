"""The facilitator's workbook (issue 14, item 4): it opens on "Übersicht" ("Overview" in English) with German
headers and formatted numbers, statuses in words, and readable "Rohdaten_" sheets; everything in it is a figure
of the protected tables (the disclosure attack on those tables is in test_disclosure.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from toolkit.cohort.workbook import SHEET_MAX, read_workbook, sheet_names

from .test_disclosure import MINI, write_cohort

SNAKE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$")  # score_energy, n_valid, share_positive ...


def _cohort_out(folder: Path, lang: str) -> Path:
    """`toolkit cohort --no-pdf` on the disclosure test's cohort: networks Solo (1 company), Alpha and Beta (7
    each; Alpha is withheld in 2026 so that Solo cannot be worked out), rounds 2025 and 2026."""
    from toolkit.cli import main

    responses = write_cohort(folder / "responses")
    out = folder / "out"
    args = ["cohort", str(responses), "--out", str(out), "--no-pdf", "--questionnaire", str(MINI), "--lang", lang]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def out_de(mini_cohort_run) -> Path:
    return mini_cohort_run.out  # the same cohort and command, German being the default


@pytest.fixture(scope="module")
def out_en(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _cohort_out(tmp_path_factory.mktemp("workbook-en"), "en")


def _overview(ws) -> tuple[list[str], dict[tuple[str, int], dict[str, object]], list]:
    """Header, rows by (network, round) as {header: cell}, and the cells of the data rows."""
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    data, cells = {}, []
    for row in rows[1:]:
        if row[0].value is None:  # a blank row: the notes follow
            break
        data[(row[0].value, row[1].value)] = {h: c for h, c in zip(header, row, strict=True)}
        cells.append(row)
    return header, data, cells


def test_the_workbook_opens_on_uebersicht_with_german_headers_and_formatted_numbers(out_de: Path) -> None:
    """Issue 14 'Done when': the first sheet is "Übersicht" with German headers and formatted numbers."""
    wb = load_workbook(out_de / "cohort_tables.xlsx")
    assert wb.sheetnames[0] == "Übersicht" and wb.active.title == "Übersicht"
    ws = wb["Übersicht"]
    header, rows, cells = _overview(ws)
    assert header == [
        "Netzwerk",
        "Runde",
        "Unternehmen (n)",
        "Energie (Median)",
        "Lieferkette (Median)",
        "Berichterstattung (Median)",
        "Gesamtwert (Median)",
        "Status",
    ]
    assert all(ws.cell(1, c).font.bold for c in range(1, len(header) + 1))
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["A"].width >= 20 and ws.column_dimensions["D"].width >= 12
    # one row per network and round, then all companies per round
    assert list(rows) == [
        ("Alpha", 2025),
        ("Alpha", 2026),
        ("Beta", 2025),
        ("Beta", 2026),
        ("Solo", 2025),
        ("Solo", 2026),
        ("Alle Netzwerke", 2025),
        ("Alle Netzwerke", 2026),
    ]
    beta = rows[("Beta", 2026)]
    assert beta["Unternehmen (n)"].value == 7 and beta["Unternehmen (n)"].number_format == "0"
    for h in header[3:7]:
        value = beta[h].value
        assert isinstance(value, int | float) and value == round(value, 1), h  # rounded, e.g. 61.5
        assert beta[h].number_format == "0.0", h  # shows as 61,5 in a German Excel
    assert beta["Status"].value is None
    # statuses in words: Solo (1 company) is too small; Alpha is withheld in 2026 so that Solo cannot be worked out
    for round_ in (2025, 2026):
        solo = rows[("Solo", round_)]
        assert solo["Status"].value == "zu klein (n < 5)"
        assert all(solo[h].value is None for h in header[2:7])
    assert rows[("Alpha", 2026)]["Status"].value == "geschützt"
    assert rows[("Alpha", 2026)]["Unternehmen (n)"].value is None
    assert not any(str(c.value) in ("primary", "complementary", "shown") for row in cells for c in row)
    notes = [ws.cell(r, 1).value for r in range(len(cells) + 3, ws.max_row + 1)]
    assert any("zu klein (n < 5)" in n and "geschützt" in n for n in notes if n)
    assert any("cohort_csv" in n for n in notes if n)  # where the machine-readable tables are


def test_the_overview_holds_only_figures_of_the_protected_tables(out_de: Path) -> None:
    """Nothing new is published: every count and median of the overview is a (rounded) figure of the protected
    by_network and all tables that the disclosure attack reads."""
    by_network = pd.read_parquet(out_de / "cohort_parquet" / "by_network.parquet")
    everyone = pd.read_parquet(out_de / "cohort_parquet" / "all.parquet")
    metrics = ["score_energy", "score_supply_chain", "score_reporting", "overall_score"]
    _, rows, _ = _overview(load_workbook(out_de / "cohort_tables.xlsx")["Übersicht"])
    checked = 0
    for (group, round_), row in rows.items():
        table = everyone if group == "Alle Netzwerke" else by_network[by_network["network"] == group]
        table = table[table["round"] == str(round_)].set_index("metric")
        n = table["n"].iloc[0]
        assert (row["Unternehmen (n)"].value is None) == pd.isna(n)
        if pd.isna(n):
            continue
        assert row["Unternehmen (n)"].value == n
        values = [c.value for c in list(row.values())[3:7]]
        for metric, value in zip(metrics, values, strict=True):
            assert value == round(float(table.loc[metric, "median"]), 1), (group, round_, metric)
            checked += 1
    assert checked >= 16  # Alpha 2025, Beta 2025/2026, all companies 2025/2026


def test_raw_sheets_have_readable_headers_measures_and_formats(out_de: Path) -> None:
    wb = load_workbook(out_de / "cohort_tables.xlsx")
    meta = json.loads((out_de / "cohort_meta.json").read_text("utf-8"))
    raw = wb.sheetnames[1:]
    assert sorted(raw) == sorted(sheet_names(meta["tables"], "de").values())
    assert all(name.startswith("Rohdaten_") and len(name) <= SHEET_MAX for name in raw)
    for name in raw:
        ws = wb[name]
        header = [c.value for c in ws[1]]
        assert not [h for h in header if SNAKE.match(str(h))], (name, header)
        assert ws.freeze_panes == "A2" and ws.cell(1, 1).font.bold, name
    networks = wb["Rohdaten_Netzwerke"]
    header = [c.value for c in networks[1]]
    assert {"Kennzahl", "Unternehmen (n)", "davon mit Angabe", "1. Quartil", "10. Perzentil", "Status"} <= set(header)
    measures = {networks.cell(r, header.index("Kennzahl") + 1).value for r in range(2, networks.max_row + 1)}
    assert {"Energie", "Gesamtwert", "Vollständigkeit", "Energieverbrauch (MWh)"} <= measures
    assert not [m for m in measures if SNAKE.match(str(m))]
    # shares are percentages: 0.6095 shows as 61 %
    change = wb["Rohdaten_Vorjahr_Netzwerke"]
    header = [c.value for c in change[1]]
    body = []
    for row in change.iter_rows(min_row=2):
        if all(c.value is None for c in row):  # the table ends; a note follows
            break
        body.append({h: c for h, c in zip(header, row, strict=False)})
    shares = [r["Anteil verbessert"] for r in body if r["Anteil verbessert"].value is not None]
    assert shares and all(c.number_format == "0%" and 0 <= c.value <= 1 for c in shares)
    assert {r["Median"].number_format for r in body if r["Median"].value is not None} == {"0.0"}
    assert {r["Status"].value for r in body} <= {"gezeigt", "zu klein (n < 5)", "geschützt"}
    assert "Solo" in {r["Netzwerk"].value for r in body}


def test_csv_and_parquet_keep_machine_readable_names(out_de: Path) -> None:
    csv = pd.read_csv(out_de / "cohort_csv" / "by_network.csv")
    assert {"metric", "n_valid", "q1", "p10", "status"} <= set(csv.columns)
    assert "score_energy" in set(csv["metric"]) and set(csv["status"]) <= {"shown", "primary", "complementary"}
    agenda = pd.read_parquet(out_de / "cohort_parquet" / "agenda.parquet")
    assert {"share_gap", "overall_gain", "group_mean_gain", "topic_de", "topic_en"} <= set(agenda.columns)


def test_the_workbook_reads_back_to_the_parquet_tables(out_de: Path) -> None:
    meta = json.loads((out_de / "cohort_meta.json").read_text("utf-8"))
    back = read_workbook(out_de / "cohort_tables.xlsx", meta)
    parquet = pd.read_parquet(out_de / "cohort_parquet" / "by_network.parquet")
    shown = back["by_network"]
    assert list(shown["metric"]) == list(parquet["metric"]) and list(shown["status"]) == list(parquet["status"])
    pd.testing.assert_series_equal(shown["median"].astype(float), parquet["median"], check_names=False)


def test_english_workbook_opens_on_overview(out_en: Path) -> None:
    wb = load_workbook(out_en / "cohort_tables.xlsx")
    assert wb.sheetnames[0] == "Overview" and all(n.startswith("Data_") for n in wb.sheetnames[1:])
    header, rows, _ = _overview(wb["Overview"])
    assert header[:3] == ["Network", "Round", "Companies (n)"] and header[-2:] == ["Overall score (Median)", "Status"]
    assert rows[("Solo", 2026)]["Status"].value == "too small (n < 5)"
    assert rows[("Alpha", 2026)]["Status"].value == "withheld"
    assert ("All networks", 2026) in rows


def test_sheet_names_fit_excel_and_stay_unique() -> None:
    names = sheet_names(["agenda", "agenda_Mitteldeutschland", "agenda_Mitteldeutschland-Süd", "agenda_A/B"], "de")
    assert names["agenda"] == "Rohdaten_Agenda"
    assert names["agenda_Mitteldeutschland"] == "Rohdaten_Agenda_Mitteldeutschl…"
    assert names["agenda_A/B"] == "Rohdaten_Agenda_A_B"  # Excel refuses / in sheet names
    assert all(len(n) <= SHEET_MAX for n in names.values())
    assert len({n.lower() for n in names.values()}) == len(names)
