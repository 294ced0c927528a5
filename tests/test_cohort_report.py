"""`toolkit cohort` as a facilitator sees it (issue 14, item 4): stages while it works and a short summary at the
end; the cohort PDF without the duplicate network table and split headers, with the dashed mean line explained
and the agenda as the share of companies with a gap and a suggested workshop."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from toolkit.cohort.export import read_tables
from toolkit.cohort.labels import SHY
from toolkit.cohort.view import CohortView

from .conftest import ROOT
from .test_disclosure import MINI


def _run(args: list[str]):
    from toolkit.cli import main

    return CliRunner().invoke(main, args)


@pytest.fixture(scope="module")
def responses(mini_cohort_run) -> Path:
    return mini_cohort_run.responses  # the cohort of test_disclosure.write_cohort


@pytest.fixture(scope="module")
def out(mini_cohort_run) -> Path:
    """What `toolkit cohort <responses> --out <out> --no-pdf -q minimal.yaml` wrote."""
    return mini_cohort_run.out


def test_cohort_shows_its_stages_and_ends_with_a_short_summary(mini_cohort_run) -> None:
    result, tmp_path = mini_cohort_run.result, mini_cohort_run.out  # `toolkit cohort ... --out <out> --no-pdf`
    stages = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert stages == [
        "[1/4] Antworten laden und bewerten (28 Dateien) …",
        "[2/4] kleine Gruppen schützen (Mindestgröße 5) …",
        "[3/4] Tabellen berechnen (Gruppen, Vorjahr, Agenda) …",
        "[4/4] Arbeitsmappe, CSV, Parquet und Vergleichswerte schreiben …",
    ]
    summary = result.stdout.splitlines()
    assert len(summary) <= 8 and "written:" not in result.stdout  # no list of 35 files
    assert summary[0] == "Fertig: 28 Antworten von 15 Unternehmen (Runden 2025, 2026), 0 Datei(en) übersprungen."
    lines = dict(re.match(r"\s+([^:]+):\s+(.*)", line).groups() for line in summary[1:])
    assert lines["Ordner"] == str(tmp_path)
    assert lines["Arbeitsmappe"] == f"{tmp_path / 'cohort_tables.xlsx'} (öffnet mit »Übersicht«)"
    assert lines["Vergleichswerte"].startswith(str(tmp_path / "cohort-summary.json"))
    assert "cohort_csv/ und cohort_parquet/" in lines["Für Skripte"]
    # the groups shown and withheld, counted once each over the group tables
    shown, small, withheld = map(
        int, re.match(r"(\d+) gezeigt, (\d+) zu klein \(n < 5\), (\d+) geschützt", lines["Gruppen"]).groups()
    )
    _, tables = read_tables(tmp_path)
    counted = {"shown": 0, "primary": 0, "complementary": 0}
    for name in ("all", "by_network", "by_sector", "by_size", "by_network_sector", "by_network_size"):
        df = tables[name]
        keys = [c for c in ("round", "network", "sector", "size_class") if c in df.columns]
        for _, group in df.groupby(keys):
            first = group.iloc[0]
            counted["shown" if pd.notna(first["n"]) else first["status"]] += 1
    assert (shown, small, withheld) == (counted["shown"], counted["primary"], counted["complementary"])
    assert small >= 2 and withheld >= 1  # Solo in both rounds; Alpha in 2026


def test_verbose_lists_the_files_and_english_follows_lang(responses: Path, tmp_path: Path) -> None:
    result = _run(
        ["cohort", str(responses), "--out", str(tmp_path), "--no-pdf", "-q", str(MINI), "--lang", "en", "--verbose"]
    )
    assert result.exit_code == 0, result.output
    assert "[1/4] loading and scoring responses (28 files) …" in result.stderr
    assert f"written: {tmp_path / 'cohort_tables.xlsx'}" in result.stdout
    assert "Done: 28 responses of 15 companies" in result.stdout and "(opens on 'Overview')" in result.stdout


def test_the_overview_page_no_longer_repeats_the_network_table(out: Path) -> None:
    meta, tables = read_tables(out)
    view = CohortView(meta, tables, "de")
    overview = "".join(p.markup for p in view.overview().parts)
    networks = "".join(getattr(p, "markup", "") for p in view.networks().parts)
    assert "Netzwerke im Vergleich (2026)" not in overview and "Netzwerke im Vergleich (2026)" in networks
    assert "Alle Unternehmen je Runde" in overview  # what the page shows instead: all companies per round


def test_table_headers_break_between_syllables_not_anywhere(out: Path) -> None:
    meta, tables = read_tables(out)
    networks = "".join(getattr(p, "markup", "") for p in CohortView(meta, tables, "de").networks().parts)
    assert f"Bericht{SHY}erstattung" in networks
    assert "overflow-wrap: anywhere" not in networks


def test_the_dashed_mean_line_is_explained(out: Path) -> None:
    meta, tables = read_tables(out)
    for lang, words in (("de", "gestrichelte Linie: Mittelwert"), ("en", "dashed line: mean")):
        chart = next(p for p in CohortView(meta, tables, lang).networks().parts if hasattr(p, "caption"))
        assert any("mean" in trace for trace in chart.figure["data"])  # the box chart draws the mean ...
        assert words in chart.caption  # ... and its caption says which line it is


def test_the_agenda_shows_the_share_with_a_gap_and_a_workshop(out: Path) -> None:
    meta, tables = read_tables(out)
    agenda = tables["agenda"]
    parts = [p.markup for p in CohortView(meta, tables, "de").agenda().parts if hasattr(p, "markup")]
    listing = next(m for m in parts if "Alle Netzwerke (2026)" in m)
    assert "der Unter" in listing and "mit Lücke" in listing and "offene Punkte (Summe)" not in listing
    first = agenda.iloc[0]
    share = round(100 * first["companies"] / first["answered"])
    assert f"{share}\u202f% ({first['companies']}/{first['answered']})" in listing  # German: a narrow space
    assert f"Workshop: {first['topic_de']}" in listing
    assert list(agenda["overall_gain"]) == sorted(agenda["overall_gain"], reverse=True)


@pytest.mark.slow
@pytest.mark.browser
def test_cohort_pdf_pages(tmp_path: Path) -> None:
    """The real command with the PDF on demo networks of six companies each, with the shipped questionnaire:
    the network table once, headers broken at syllables, the mean line explained, the agenda as shares with
    workshop topics from the questionnaire."""
    from toolkit.definitions.loader import load_questionnaire
    from toolkit.definitions.model import tr
    from toolkit.demo.generator import generate

    responses = tmp_path / "responses"
    generate(responses, subset=6)
    proc = subprocess.run(
        [sys.executable, "-m", "toolkit", "cohort", str(responses), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "[6/6] Netzwerkbericht: Seiten setzen und PDF drucken …" in proc.stderr
    assert f"Netzwerkbericht: {tmp_path / 'out' / 'cohort_report_de.pdf'}" in proc.stdout
    pdf = tmp_path / "out" / "cohort_report_de.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", " ", text)
    assert len(re.findall(r"Netzwerke im Vergleich \(2026\)", text)) == 1
    assert not re.search(r"BERICHTERSTAT\s*$", text, re.MULTILINE) and "ERSTATTUNG" in text
    assert "gestrichelte Linie: Mittelwert" in flat
    assert "mit Lücke" in flat and "offene Punkte (Summe)" not in flat.replace("OFFENE PUNKTE", "")
    qn = load_questionnaire(ROOT / "questionnaires" / "dnk-sme-2026.yaml")
    topics = {tr(q.workshop_topic, "de") for q in qn.iter_questions() if q.workshop_topic}
    shown = [t for t in topics if t in flat]
    assert len(shown) >= 5, shown
