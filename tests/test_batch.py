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

from .conftest import EXAMPLES, QUESTIONNAIRE, ROOT

FAKE = "tests.batch_fake_sessions:FakeSession"


def _jobs(tmp_path: Path, ids: list[str], timeout: float = 60) -> list[Job]:
    return [Job(cid, f"{cid}.json", "q.yaml", "de", None, str(tmp_path), "k", timeout) for cid in ids]


@pytest.mark.slow  # worker processes
def test_pool_isolates_crashes_hangs_and_exceptions(tmp_path):
    outcomes = []
    ids = ["a", "dies", "b", "raises", "hangs", "c", "d"]
    WorkerPool(2, FAKE).run(_jobs(tmp_path, ids, timeout=3), outcomes.append)
    status = {o.company_id: o for o in outcomes}
    assert sorted(status) == sorted(ids) and len(outcomes) == len(ids)
    assert {cid for cid, o in status.items() if o.status == "rendered"} == {"a", "b", "c", "d"}
    assert "stopped unexpectedly (exit code 3)" in status["dies"].error
    assert status["dies"].attempts == 2 and "first attempt: the render worker stopped" in status["dies"].error
    assert status["hangs"].stage == "timeout" and "longer than 3 s" in status["hangs"].error
    assert status["hangs"].attempts == 2
    assert status["raises"].stage == "render" and "broken figure" in status["raises"].error
    assert status["raises"].attempts == 1, "an error in the company's data is not tried again"
    for cid in "abcd":
        assert (tmp_path / f"{cid}.txt").exists()


@pytest.mark.slow  # worker processes
def test_a_dead_kernel_browser_or_worker_costs_one_retry_not_the_company(tmp_path):
    outcomes = []
    ids = ["a", "browser-dies-once", "b", "dies-once", "c", "unrestartable-once", "d", "browser-dies", "e"]
    pool = WorkerPool(2, FAKE)
    pool.run(_jobs(tmp_path, ids), outcomes.append)
    status = {o.company_id: o for o in outcomes}
    assert sorted(status) == sorted(ids) and len(outcomes) == len(ids), "each company is reported once"
    assert {cid for cid, o in status.items() if o.status == "failed"} == {"browser-dies"}
    for cid in ("browser-dies-once", "dies-once", "unrestartable-once"):
        assert status[cid].attempts == 2, cid
        assert (tmp_path / f"{cid}.txt").exists(), cid
    assert all(status[cid].attempts == 1 for cid in "abcde")
    # the browser restarted inside the worker: the same process rendered the retry
    assert (tmp_path / ".browser-dies-once.browser").read_text() in (tmp_path / "browser-dies-once.txt").read_text()
    # the worker itself died or could not restart its browser: a fresh worker rendered the retry
    for cid, fault in (("dies-once", "dies"), ("unrestartable-once", "unrestartable")):
        assert (tmp_path / f".{cid}.{fault}").read_text() not in (tmp_path / f"{cid}.txt").read_text()
    failed = status["browser-dies"]
    assert failed.attempts == 2 and failed.stage == "render"
    assert "Target page, context or browser has been closed" in failed.error
    assert "first attempt:" in failed.error and "(browser restarted)" in failed.error
    assert pool.stats.retries == 4


@pytest.mark.slow  # worker processes
def test_a_worker_with_no_job_left_stops_while_the_others_finish(tmp_path):
    """The end of a batch: a worker that finds no job left shuts its kernel and browser down at once, while
    another still renders its last report, instead of both stopping after it."""
    closed_when_slow_done: list[str] = []

    def on_outcome(outcome):
        if outcome.company_id == "slow":
            closed_when_slow_done.extend(p.name for p in tmp_path.glob(".closed-*"))

    outcomes = []
    WorkerPool(2, FAKE).run(_jobs(tmp_path, ["slow", "a"]), lambda o: (outcomes.append(o), on_outcome(o)))
    assert sorted((o.company_id, o.status) for o in outcomes) == [("a", "rendered"), ("slow", "rendered")]
    assert len(closed_when_slow_done) == 1, "the worker that rendered 'a' had stopped before 'slow' was done"
    assert len(list(tmp_path.glob(".closed-*"))) == 2, "and the other one stopped after it"


def test_dask_task_retries_on_a_new_session_when_the_old_cannot_restart(tmp_path):
    from toolkit.batch import dask_runner

    [ok, browser_once, unrestartable_once, browser_dies] = _jobs(
        tmp_path, ["a", "browser-dies-once", "unrestartable-once", "browser-dies"]
    )
    sessions = dask_runner._sessions
    try:
        assert dask_runner.render_task(ok, FAKE).attempts == 1
        [first_session] = sessions.idle
        assert dask_runner.render_task(browser_once, FAKE).attempts == 2
        assert sessions.idle == [first_session], "a restarted browser keeps the session"
        outcome = dask_runner.render_task(unrestartable_once, FAKE)
        assert outcome.status == "rendered" and outcome.attempts == 2
        assert len(sessions.idle) == 1 and first_session not in sessions.every, "one that cannot restart is replaced"
        failed = dask_runner.render_task(browser_dies, FAKE)
        assert failed.status == "failed" and failed.attempts == 2 and "first attempt:" in failed.error
    finally:
        sessions.close_all()


def test_a_dask_worker_starts_its_session_ahead_and_the_first_task_waits_for_it(tmp_path):
    """warm_sessions (run on every worker when a batch connects) starts a session in the background; a task
    arriving meanwhile takes that one instead of starting a second kernel and browser."""
    from tests.batch_fake_sessions import SlowStartSession
    from toolkit.batch import dask_runner

    SlowStartSession.started.clear()
    try:
        dask_runner.warm_sessions("tests.batch_fake_sessions:SlowStartSession", {"questionnaire": "q.yaml"})
        dask_runner.warm_sessions("tests.batch_fake_sessions:SlowStartSession", {"questionnaire": "q.yaml"})
        [job] = _jobs(tmp_path, ["a"])
        outcome = dask_runner.render_task(
            job, "tests.batch_fake_sessions:SlowStartSession", {"questionnaire": "q.yaml"}
        )
        assert outcome.status == "rendered"
        assert SlowStartSession.started == [{"questionnaire": "q.yaml"}], "one session, with the batch's options"
    finally:
        dask_runner._sessions.close_all()


@pytest.mark.slow  # worker processes
def test_pool_reports_workers_that_cannot_start(tmp_path):
    outcomes = []
    WorkerPool(2, "tests.batch_fake_sessions:BrokenStartSession").run(_jobs(tmp_path, ["a", "b", "c"]), outcomes.append)
    assert sorted(o.company_id for o in outcomes) == ["a", "b", "c"]
    assert all(o.status == "failed" and "Chromium not found" in o.error for o in outcomes)


# ---- interrupted: every PDF that exists is in the manifest and the render state --------------------------------
@pytest.mark.slow  # the batch in its own process, with its worker processes
def test_sigint_to_the_render_process_alone_leaves_no_pdf_unrecorded(tmp_path):
    import os
    import signal
    import sys
    import time

    from toolkit.batch.jobs import STATE_FILE, state_key

    cohort, out = tmp_path / "cohort", tmp_path / "out"
    cohort.mkdir()
    out.mkdir()
    doc = json.loads((EXAMPLES / "service-firm.json").read_text())
    for cid in ("co-a", "co-b", "fails", "stalls", "zz-later"):
        doc["company"]["id"] = cid
        (cohort / f"{cid}.json").write_text(json.dumps(doc, ensure_ascii=False))
    for cid in ("fails", "zz-later"):  # reports of an earlier run; this run fails one, and stops before the other
        (out / f"{cid}_report_de.pdf").write_bytes(b"%PDF-1.4\n% an earlier report\n%%EOF\n")
        (out / f"{cid}_scorecard.json").write_text("{}\n")
    script = (
        "import sys\nfrom pathlib import Path\nfrom toolkit.batch import render_batch\n"
        f"try:\n    render_batch([{str(cohort)!r}], Path({str(out)!r}), Path({str(QUESTIONNAIRE)!r}), workers=1, "
        "progress=False, session_factory='tests.batch_fake_sessions:WritesThenStalls')\n"
        "except KeyboardInterrupt:\n    sys.exit(130)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not (out / "stalls_report_de.pdf").exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert (out / "stalls_report_de.pdf").exists(), proc.communicate(timeout=5)
    os.kill(proc.pid, signal.SIGINT)  # the render process alone: its workers do not see the signal
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    rows = {r["company"]: r for r in json.loads((out / "manifest.json").read_text())["companies"]}
    listed = {Path(r["output"]).name: r["status"] for r in rows.values() if r["output"]}
    assert listed == {
        "co-a_report_de.pdf": "rendered",
        "co-b_report_de.pdf": "rendered",
        "fails_report_de.pdf": "failed",
        "stalls_report_de.pdf": "rendered",
        "zz-later_report_de.pdf": "interrupted",
    }
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(listed), "the manifest lists every PDF that exists"
    assert "earlier run" in rows["zz-later"]["error"] and "earlier run" in rows["fails"]["error"]
    state = json.loads((out / STATE_FILE).read_text())
    assert sorted(state) == [state_key(cid, "de") for cid in ("co-a", "co-b", "stalls")]
    for cid in ("fails", "zz-later"):
        assert b"an earlier report" in (out / f"{cid}_report_de.pdf").read_bytes(), "an earlier PDF is never removed"


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
    for name in (
        "scoring/applicability.py",
        "i18n/__init__.py",
        "definitions/model.py",
        "templates/report/static/report.css",
    ):
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
    applicability = pkg / "scoring" / "applicability.py"
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


@pytest.mark.slow
@pytest.mark.browser
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


@pytest.mark.slow
@pytest.mark.browser
def test_manifest_lists_every_company(batch):
    _, out, _ = batch
    doc = json.loads((out / "manifest.json").read_text())
    assert doc["counts"] == {"rendered": 8, "skipped": 0, "failed": 2, "interrupted": 0}
    assert doc["workers"] == 2 and all(mb > 50 for mb in doc["peak_memory_mb_per_worker"].values())
    rows = {r["company"]: r for r in doc["companies"]}
    assert rows["co-03"]["status"] == "rendered" and rows["co-03"]["output"].endswith("co-03_report_de.pdf")
    assert rows["broken-option"]["status"] == "failed" and rows["broken-option"]["error"]
    csv_lines = (out / "manifest.csv").read_text().splitlines()
    assert csv_lines[0] == "company,status,seconds,output,scorecard,error,stage,response,attempts"
    assert len(csv_lines) == 11


@pytest.mark.slow
@pytest.mark.browser
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
    text = subprocess.run(
        ["pdftotext", str(out / "co-05_report_de.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "umbenannt" in text


@pytest.mark.slow
@pytest.mark.browser
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


@pytest.mark.slow
@pytest.mark.browser
def test_dask_cluster_produces_the_same_reports(batch, tmp_path):
    from distributed import LocalCluster

    cohort, out, _ = batch
    subset = tmp_path / "subset"
    subset.mkdir()
    for name in ("co-00.json", "co-01.json", "broken-option.json"):
        shutil.copy(cohort / name, subset)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = render_batch(
            [str(subset)], tmp_path / "dask-out", QUESTIONNAIRE, scheduler=cluster.scheduler_address, progress=False
        )
    assert sorted(o.company_id for o in result.rendered) == ["co-00", "co-01"]
    assert [o.company_id for o in result.failed] == ["broken-option"]
    for cid in ("co-00", "co-01"):
        local = json.loads((out / f"{cid}_scorecard.json").read_text())
        remote = json.loads((tmp_path / "dask-out" / f"{cid}_scorecard.json").read_text())
        assert remote == local
        a, b = (
            subprocess.run(
                ["pdftotext", str(p / f"{cid}_report_de.pdf"), "-"], capture_output=True, text=True, check=True
            ).stdout
            for p in (out, tmp_path / "dask-out")
        )
        assert a.split() == b.split() or _same_but_date(a, b)


def _same_but_date(a: str, b: str) -> bool:
    import re

    pattern = re.compile(r"\d{1,2}\.\s?\w+\s\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}")
    return pattern.sub("DATE", a).split() == pattern.sub("DATE", b).split()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("whole_group", [True, False], ids=["ctrl-c", "sigint-to-process"])
def test_ctrl_c_leaves_no_partial_pdf_and_no_stray_processes(batch, tmp_path, whole_group):
    import os
    import signal
    import sys
    import time

    import psutil

    from toolkit.batch.jobs import STATE_FILE

    cohort, _, _ = batch
    out = tmp_path / "interrupted"
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "render", str(cohort), "--out", str(out), "--workers", "2", "--no-progress"],
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
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
    if whole_group:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    else:
        os.kill(proc.pid, signal.SIGINT)  # the render process alone: kernels and browsers do not see it
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err.decode()
    assert "interrupted" in err.decode()
    assert not list(out.glob(".*.tmp")), "no half-written file is left behind"
    for pdf in out.glob("*.pdf"):
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF") and data.rstrip().endswith(b"%%EOF"), pdf.name

    def alive() -> list[int]:
        running = []
        for pid in descendants:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    running.append(pid)
            except psutil.NoSuchProcess:
                pass
        return running

    deadline = time.monotonic() + 30  # kernels and browsers stop within moments of the render process
    while alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive() == [], [psutil.Process(p).cmdline()[:3] for p in alive()]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["rendered"] >= 1
    rendered = {Path(r["output"]).name for r in manifest["companies"] if r["status"] == "rendered"}
    assert rendered == {p.name for p in out.glob("*.pdf")}, "every complete PDF is in the manifest"
    state = json.loads((out / STATE_FILE).read_text())
    assert sorted(state) == sorted(f"{name.split('_report_')[0]}:de" for name in rendered)
    listed = {r["company"] for r in manifest["companies"]}
    assert listed == {p.stem for p in cohort.glob("*.json")}, "every company is listed, interrupted ones too"


def _browsers(pid: int) -> list:
    """The main Chromium processes (not their renderer, GPU or zygote helpers) below process ``pid``."""
    import psutil

    found = []
    for p in psutil.Process(pid).children(recursive=True):
        try:
            cmd = p.cmdline()
        except psutil.Error:
            continue
        if cmd and "chrom" in Path(cmd[0]).name and not any(a.startswith("--type=") for a in cmd):
            found.append(p)
    return found


@pytest.mark.slow
@pytest.mark.browser
def test_a_killed_browser_is_restarted_and_prints_at_once():
    import os

    from toolkit.errors import RenderError
    from toolkit.rendering.export import shell_document
    from toolkit.rendering.pdf import PdfPrinter

    others = {p.pid for p in _browsers(os.getpid())}
    with PdfPrinter() as printer:
        printer.preload()
        # at once: the warm page may still be loading plotly.js, and the page's CSP allows no eval() while waiting
        assert printer.print_pdf(shell_document()).startswith(b"%PDF")
        [browser] = [p for p in _browsers(os.getpid()) if p.pid not in others]
        browser.kill()
        browser.wait(10)
        with pytest.raises(RenderError, match="Chromium could not print"):
            printer.print_pdf(shell_document())
        assert not printer.alive()
        printer.restart()
        assert printer.alive()
        assert printer.print_pdf(shell_document()).startswith(b"%PDF")


@pytest.mark.slow
@pytest.mark.browser
def test_a_worker_whose_chromium_is_killed_restarts_it_and_renders_every_company(tmp_path):
    import signal
    import sys
    import time

    cohort = tmp_path / "cohort"
    cohort.mkdir()
    sources = sorted(EXAMPLES.glob("*.json"))
    ids = [f"co-{i:02d}" for i in range(10)]
    for i, cid in enumerate(ids):
        doc = json.loads(sources[i % 3].read_text())
        doc["company"]["id"], doc["company"]["name"] = cid, f"Firma {i}"
        (cohort / f"{cid}.json").write_text(json.dumps(doc, ensure_ascii=False))
    out = tmp_path / "reports"
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "render", str(cohort), "--out", str(out), "--workers", "2", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 180
        while not list(out.glob("*.pdf")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        browsers = _browsers(proc.pid)
        assert len(browsers) == 2, "each of the two workers runs one Chromium"
        victim = browsers[0]
        victim.send_signal(signal.SIGKILL)  # the worker keeps running; only its browser is gone
        victim.wait(10)
        done_before = len(list(out.glob("*.pdf")))
        assert done_before <= len(ids) - 4, "the browser died while the batch still had work to do"
        stdout, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stdout.decode() + stderr.decode()
    assert sorted(p.name for p in out.glob("*.pdf")) == [f"{cid}_report_de.pdf" for cid in ids]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["rendered"] == len(ids) and manifest["counts"]["failed"] == 0


@pytest.mark.slow  # a fresh interpreter
def test_render_workers_import_papermill_without_pyarrow_and_pyarrow_still_imports_afterwards():
    import sys

    probe = (
        "import sys\n"
        "from toolkit.rendering.execute import import_papermill_lean, parameterize\n"
        "import_papermill_lean()\n"
        "import papermill.parameterize\n"
        "print(sorted(m for m in ('papermill', 'pyarrow', 'numpy') if m in sys.modules))\n"
        "import pyarrow\n"
        "print('pyarrow' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["['papermill']", "True"]


def test_a_session_stops_its_browser_and_its_kernel_side_by_side():
    """Each takes a tenth of a second or more to quit; at the end of a batch the worker waits for both. Here each
    one's close waits until the other's has begun: one after the other, the first would give up waiting."""
    import threading

    from toolkit.batch.session import ReportSession

    begun = {"browser": threading.Event(), "kernel": threading.Event()}
    met: dict[str, bool] = {}

    class Closing:
        def __init__(self, me: str, other: str) -> None:
            self.me, self.other = me, other

        def close(self) -> None:
            begun[self.me].set()
            met[self.me] = begun[self.other].wait(timeout=5)

    session = ReportSession.__new__(ReportSession)  # the real close, with stand-ins for the browser and kernel
    session.printer, session.kernel = Closing("browser", "kernel"), Closing("kernel", "browser")
    session.close()
    assert met == {"browser": True, "kernel": True}
