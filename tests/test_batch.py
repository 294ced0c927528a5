"""Batch rendering: failure isolation, skipping unchanged inputs, the manifest, the Dask path."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit.batch import render_batch
from toolkit.batch.jobs import Job
from toolkit.batch.pool import WorkerPool

from .conftest import EXAMPLES, QUESTIONNAIRE

FAKE = "tests.batch_fake_sessions:FakeSession"


def _jobs(tmp_path: Path, ids: list[str], timeout: float = 60) -> list[Job]:
    return [Job(cid, f"{cid}.json", "q.yaml", "de", None, str(tmp_path), "k", timeout) for cid in ids]


def test_pool_isolates_crashes_hangs_and_exceptions(tmp_path):
    outcomes = []
    ids = ["a", "dies", "b", "raises", "hangs", "c", "d"]
    WorkerPool(2, FAKE).run(_jobs(tmp_path, ids, timeout=8), outcomes.append)
    status = {o.company_id: o for o in outcomes}
    assert sorted(status) == sorted(ids)
    assert {cid for cid, o in status.items() if o.status == "rendered"} == {"a", "b", "c", "d"}
    assert "stopped unexpectedly (exit code 3)" in status["dies"].error
    assert status["hangs"].stage == "timeout" and "longer than 8 s" in status["hangs"].error
    assert status["raises"].stage == "render" and "broken figure" in status["raises"].error
    for cid in "abcd":
        assert (tmp_path / f"{cid}.txt").exists()


def test_pool_reports_workers_that_cannot_start(tmp_path):
    outcomes = []
    WorkerPool(2, "tests.batch_fake_sessions:BrokenStartSession").run(_jobs(tmp_path, ["a", "b", "c"]),
                                                                      outcomes.append)
    assert sorted(o.company_id for o in outcomes) == ["a", "b", "c"]
    assert all(o.status == "failed" and "Chromium not found" in o.error for o in outcomes)


# ---- the render key: everything of the toolkit that can change a report ---------------------------------------
def _package_copy(tmp_path: Path) -> Path:
    from toolkit.batch import jobs

    pkg = tmp_path / "toolkit"
    shutil.copytree(jobs.PACKAGE_ROOT, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    return pkg


def test_render_key_covers_every_file_of_the_package(tmp_path):
    from toolkit.batch.jobs import template_fingerprint

    pkg = _package_copy(tmp_path)
    before = template_fingerprint(pkg)
    assert before == template_fingerprint(), "the key depends on file contents only, not on where they are"
    for name in ("applicability.py", "i18n.py", "model.py", "templates/report/static/report.css"):
        f = pkg / name
        original = f.read_bytes()
        f.write_bytes(original + b"\n# changed\n")
        assert template_fingerprint(pkg) != before, name
        f.write_bytes(original)
    assert template_fingerprint(pkg) == before
    (pkg / "data" / "extra-factors.yaml").write_text("version: 1\n")
    assert template_fingerprint(pkg) != before, "a new data file is part of the key"


def test_a_code_change_renders_unchanged_companies_again(tmp_path, monkeypatch):
    from toolkit.batch import jobs

    pkg = _package_copy(tmp_path)
    monkeypatch.setattr(jobs, "PACKAGE_ROOT", pkg)
    out = tmp_path / "out"
    out.mkdir()
    response = EXAMPLES / "service-firm.json"

    def planned() -> jobs.Plan:
        return jobs.plan([str(response)], out, QUESTIONNAIRE, "de", None, False, 60, jobs.OutputNamer())

    first = planned()
    [job] = first.jobs
    for path in jobs.OutputNamer()(out, job.company_id, "de"):
        path.write_text("rendered")
    (out / jobs.STATE_FILE).write_text(json.dumps({jobs.state_key(job.company_id, "de"): job.key}))
    assert planned().jobs == [] and len(planned().skipped) == 1
    applicability = pkg / "applicability.py"
    applicability.write_text(applicability.read_text() + "\n# a changed rule\n")
    again = planned()
    assert [j.company_id for j in again.jobs] == [job.company_id] and again.skipped == []


# ---- the real thing: 10 companies, 2 of them broken --------------------------------------------------------------
def _cohort(folder: Path) -> Path:
    folder.mkdir()
    sources = sorted(EXAMPLES.glob("*.json"))
    for i in range(8):
        doc = json.loads(sources[i % 3].read_text())
        doc["company"]["id"] = f"co-{i:02d}"
        doc["company"]["name"] = f"Firma {i}"
        (folder / f"co-{i:02d}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2))
    text = sources[0].read_text()
    (folder / "broken-truncated.json").write_text(text[: len(text) // 3])
    bad = json.loads(sources[1].read_text())
    bad["company"]["id"] = "broken-option"
    first = next(iter(bad["answers"]))
    bad["answers"][first]["value"] = "no-such-option"
    (folder / "broken-option.json").write_text(json.dumps(bad, ensure_ascii=False))
    return folder


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch")
    cohort = _cohort(root / "cohort")
    out = root / "reports"
    first = render_batch([str(cohort)], out, QUESTIONNAIRE, workers=2, progress=False)
    return cohort, out, first


def test_ten_companies_two_broken(batch):
    _, out, result = batch
    assert len(result.outcomes) == 10
    assert sorted(o.company_id for o in result.rendered) == [f"co-{i:02d}" for i in range(8)]
    failed = {o.company_id: o for o in result.failed}
    assert sorted(failed) == ["broken-option", "broken-truncated"]
    assert "R016" in failed["broken-truncated"].error and "truncated" in failed["broken-truncated"].error
    assert "R011" in failed["broken-option"].error and "no-such-option" in failed["broken-option"].error
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == [f"co-{i:02d}_report_de.pdf" for i in range(8)]
    for pdf in out.glob("*.pdf"):
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
    assert not list(out.glob(".*.tmp"))


def test_manifest_lists_every_company(batch):
    _, out, _ = batch
    doc = json.loads((out / "manifest.json").read_text())
    assert doc["counts"] == {"rendered": 8, "skipped": 0, "failed": 2}
    assert doc["workers"] == 2 and all(mb > 50 for mb in doc["peak_memory_mb_per_worker"].values())
    rows = {r["company"]: r for r in doc["companies"]}
    assert rows["co-03"]["status"] == "rendered" and rows["co-03"]["output"].endswith("co-03_report_de.pdf")
    assert rows["broken-option"]["status"] == "failed" and rows["broken-option"]["error"]
    csv_lines = (out / "manifest.csv").read_text().splitlines()
    assert csv_lines[0] == "company,status,seconds,output,scorecard,error,stage,response"
    assert len(csv_lines) == 11


def test_rerun_renders_nothing_and_a_change_renders_one(batch):
    cohort, out, _ = batch
    again = render_batch([str(cohort)], out, QUESTIONNAIRE, workers=2, progress=False)
    assert again.rendered == [] and len(again.skipped) == 8 and len(again.failed) == 2
    doc = json.loads((cohort / "co-05.json").read_text())
    doc["company"]["name"] = "Firma 5 (umbenannt)"
    (cohort / "co-05.json").write_text(json.dumps(doc, ensure_ascii=False))
    before = (out / "co-04_report_de.pdf").stat().st_mtime_ns
    third = render_batch([str(cohort)], out, QUESTIONNAIRE, workers=2, progress=False)
    assert [o.company_id for o in third.rendered] == ["co-05"]
    assert (out / "co-04_report_de.pdf").stat().st_mtime_ns == before
    text = subprocess.run(["pdftotext", str(out / "co-05_report_de.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "umbenannt" in text


def test_cli_exit_code_and_summary(batch, tmp_path):
    cohort, _, _ = batch
    from click.testing import CliRunner

    from toolkit.cli import main

    only_broken = tmp_path / "in"
    only_broken.mkdir()
    shutil.copy(cohort / "broken-option.json", only_broken)
    res = CliRunner().invoke(main, ["render", str(only_broken), "--out", str(tmp_path / "o"), "--no-progress"])
    assert res.exit_code == 1
    assert "0 rendered, 0 unchanged (skipped), 1 failed" in res.output and "broken-option" in res.output


def test_dask_cluster_produces_the_same_reports(batch, tmp_path):
    from distributed import LocalCluster

    cohort, out, _ = batch
    subset = tmp_path / "subset"
    subset.mkdir()
    for name in ("co-00.json", "co-01.json", "broken-option.json"):
        shutil.copy(cohort / name, subset)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = render_batch([str(subset)], tmp_path / "dask-out", QUESTIONNAIRE, scheduler=cluster.scheduler_address,
                              progress=False)
    assert sorted(o.company_id for o in result.rendered) == ["co-00", "co-01"]
    assert [o.company_id for o in result.failed] == ["broken-option"]
    for cid in ("co-00", "co-01"):
        local = json.loads((out / f"{cid}_scorecard.json").read_text())
        remote = json.loads((tmp_path / "dask-out" / f"{cid}_scorecard.json").read_text())
        assert remote == local
        a, b = (subprocess.run(["pdftotext", str(p / f"{cid}_report_de.pdf"), "-"], capture_output=True, text=True,
                               check=True).stdout for p in (out, tmp_path / "dask-out"))
        assert a.split() == b.split() or _same_but_date(a, b)


def _same_but_date(a: str, b: str) -> bool:
    import re

    pattern = re.compile(r"\d{1,2}\.\s?\w+\s\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}")
    return pattern.sub("DATE", a).split() == pattern.sub("DATE", b).split()


def test_ctrl_c_leaves_no_partial_pdf_and_no_stray_processes(batch, tmp_path):
    import os
    import signal
    import sys
    import time

    import psutil

    cohort, _, _ = batch
    out = tmp_path / "interrupted"
    proc = subprocess.Popen([sys.executable, "-m", "toolkit", "render", str(cohort), "--out", str(out), "--workers",
                             "2", "--no-progress"], start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    descendants: set[int] = set()
    while time.monotonic() < deadline and not list(out.glob("*.pdf")):
        try:
            descendants |= {p.pid for p in psutil.Process(proc.pid).children(recursive=True)}
        except psutil.NoSuchProcess:
            break
        time.sleep(0.2)
    assert list(out.glob("*.pdf")), "the batch should have finished a first report"
    descendants |= {p.pid for p in psutil.Process(proc.pid).children(recursive=True)}
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "interrupted" in err.decode()
    assert not list(out.glob(".*.tmp")), "no half-written file is left behind"
    for pdf in out.glob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), pdf.name
    time.sleep(1)
    alive = [pid for pid in descendants if psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"]
    assert alive == [], [psutil.Process(p).cmdline()[:3] for p in alive]
    assert json.loads((out / "manifest.json").read_text())["counts"]["rendered"] >= 1
