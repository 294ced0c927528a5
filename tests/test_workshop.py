"""Workshop set-up without a server: companies CSV, response files, secret links, the facilitator's rows."""

from __future__ import annotations

import json
import re
import shutil
import stat
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from tests.conftest import EXAMPLES, QUESTIONNAIRE
from toolkit.cli import main
from toolkit.definitions.model import Questionnaire
from toolkit.form.workshop.cohort import (
    WorkshopError,
    cohort_companies,
    company_progress,
    create_responses,
    read_companies_csv,
)
from toolkit.form.workshop.kernel import company_path
from toolkit.form.workshop.pages import overview_page
from toolkit.form.workshop.server import write_notebook
from toolkit.form.workshop.tokens import FACILITATOR, TokenStore, company_key, ensure_links, read_links, token_hash


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_companies_csv_as_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "firmen.csv"
    path.write_text(
        "\ufeffKennung;Firma\nbaeckerei-ost;Bäckerei Ost GmbH\n\nmetall-2;Metall & Co. KG\n", encoding="utf-8"
    )
    assert read_companies_csv(path) == {"baeckerei-ost": "Bäckerei Ost GmbH", "metall-2": "Metall & Co. KG"}
    path.write_text("company_id,name\na1,Alpha\n", encoding="utf-8")
    assert read_companies_csv(path) == {"a1": "Alpha"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("company_id;name\n../etc/passwd;x\n", ":2:"),
        ("company_id;name\na;x\na;y\n", ":3:"),
        ("firma\nAlpha\n", ":1:"),
        ("company_id;name\n", "no companies"),
    ],
)
def test_bad_companies_csv_is_refused_with_its_line(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "c.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(WorkshopError, match=where):
        read_companies_csv(path)


def test_response_files_are_created_once(tmp_path: Path, qn: Questionnaire) -> None:
    assert create_responses(tmp_path, {"a1": "Alpha", "b2": "Beta"}, qn) == ["a1", "b2"]
    data = json.loads((tmp_path / "a1.json").read_text(encoding="utf-8"))
    assert data["company"] == {"id": "a1", "name": "Alpha"}
    (tmp_path / "a1.json").write_text(json.dumps({**data, "revision": 7}), encoding="utf-8")
    assert create_responses(tmp_path, {"a1": "Alpha", "c3": "Gamma"}, qn) == ["c3"]
    assert json.loads((tmp_path / "a1.json").read_text(encoding="utf-8"))["revision"] == 7
    (tmp_path / ".a1.json.ui").write_text("{}", encoding="utf-8")
    assert cohort_companies(tmp_path) == {"a1": "Alpha", "b2": "Beta", "c3": "Gamma"}


def test_links_are_secret_hashed_private_and_stable(tmp_path: Path) -> None:
    companies = {"a1": "Alpha", "b2": "Beta"}
    links, csv_path = ensure_links(tmp_path, companies, "http://127.0.0.1:8866")
    by_id = {link.company_id: link.url for link in links}
    tokens = {cid: url.rsplit("/", 1)[-1] for cid, url in by_id.items()}
    assert by_id[FACILITATOR].startswith("http://127.0.0.1:8866/f/")
    assert by_id["a1"].startswith("http://127.0.0.1:8866/c/")
    assert all(len(tok) >= 43 for tok in tokens.values())  # 32 random bytes
    assert len(set(tokens.values())) == 3
    store_file = tmp_path / ".workshop" / "tokens.json"
    stored = store_file.read_text(encoding="utf-8")
    assert all(tok not in stored for tok in tokens.values())  # only hashes on the server side
    assert json.loads(stored)["hashes"]["a1"] == token_hash(tokens["a1"])
    assert mode(store_file) == 0o600 and mode(csv_path) == 0o600 and mode(tmp_path / ".workshop") == 0o700

    store = TokenStore.load(tmp_path)
    assert store.company(tokens["a1"]) == "a1"
    assert store.company(tokens["b2"]) == "b2"
    assert store.company(tokens[FACILITATOR]) is None and store.is_facilitator(tokens[FACILITATOR])
    assert not store.is_facilitator(tokens["a1"])
    assert store.company("A" * 43) is None and store.company("") is None and store.company(None) is None

    # a restart on another port keeps every link valid, a new company gets its own
    again, _ = ensure_links(tmp_path, {**companies, "c3": "Gamma"}, "http://10.0.0.5:9000")
    again_tokens = {link.company_id: link.url.rsplit("/", 1)[-1] for link in again}
    assert {k: again_tokens[k] for k in tokens} == tokens
    assert read_links(csv_path)["c3"] == again_tokens["c3"]
    assert TokenStore.load(tmp_path).company(again_tokens["c3"]) == "c3"

    # rotating invalidates all old links
    rotated, _ = ensure_links(tmp_path, companies, "http://127.0.0.1:8866", rotate=True)
    fresh = TokenStore.load(tmp_path)
    assert fresh.company(tokens["a1"]) is None
    assert fresh.company(rotated[1].url.rsplit("/", 1)[-1]) == "a1"


def test_company_key_is_opaque_and_stable() -> None:
    assert company_key("a1") == company_key("a1") != company_key("b2")
    assert "baeckerei" not in company_key("baeckerei-ost") and len(company_key("baeckerei-ost")) == 16


def test_the_kernel_opens_only_a_file_inside_the_cohort(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOOLKIT_WORKSHOP_COHORT", str(tmp_path))
    assert company_path({"QUERY_STRING": "company=a1"}) == (tmp_path / "a1.json").resolve()
    for query in ("company=../x", "company=a1&company=b2", "", "company=a%2F..%2Fb", "company=.hidden"):
        with pytest.raises(PermissionError):
            company_path({"QUERY_STRING": query})


def test_the_voila_notebook_holds_only_the_call(tmp_path: Path) -> None:
    nb = nbformat.read(write_notebook(tmp_path), as_version=4)
    assert [c.source for c in nb.cells] == ["from toolkit.form.workshop.kernel import run\nrun()"]
    assert set(nb.metadata) == {"kernelspec"}


def test_facilitator_rows_show_progress_and_levels_only(tmp_path: Path, qn: Questionnaire) -> None:
    shutil.copy(EXAMPLES / "manufacturer.json", tmp_path / "example-manufacturer.json")
    create_responses(tmp_path, {"new-co": "Neu <script>alert(1)</script>"}, qn)
    rows = {cid: company_progress(tmp_path, cid, qn) for cid in cohort_companies(tmp_path)}
    full, new = rows["example-manufacturer"], rows["new-co"]
    assert full.done > 0 and full.total >= full.done and full.last_change
    assert all(full.levels[d.id][0] is not None for d in qn.headline_dimensions)
    assert (new.done, new.last_change) == (0, None)
    html = overview_page(list(rows.values()), qn)
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert f"{full.done}/{full.total}" in html and "noch nicht begonnen" in html
    note = json.loads((EXAMPLES / "manufacturer.json").read_text(encoding="utf-8"))["answers"]["obj_climate_target"][
        "note"
    ]
    assert note not in html


def test_cli_setup_only_creates_files_and_links(tmp_path: Path) -> None:
    companies = tmp_path / "c.csv"
    companies.write_text("company_id;name\na1;Alpha\nb2;Beta\n", encoding="utf-8")
    cohort = tmp_path / "cohort"
    result = CliRunner().invoke(
        main, ["workshop", str(cohort), "--companies", str(companies), "--setup-only", "-q", str(QUESTIONNAIRE)]
    )
    assert result.exit_code == 0, result.output
    assert (cohort / "a1.json").exists() and (cohort / "b2.json").exists()
    links = read_links(cohort / "workshop-links.csv")
    assert set(links) == {FACILITATOR, "a1", "b2"}
    assert links["a1"] not in result.output  # company links go to the private CSV only
    empty = CliRunner().invoke(main, ["workshop", str(tmp_path / "empty"), "--setup-only"])
    assert empty.exit_code != 0 and "--companies" in empty.output


@pytest.mark.parametrize("bad", ["abc\n", "abc\r\n", "a/../b", "../abc", "", ".abc", "a" * 65])
def test_a_company_id_is_matched_in_full_everywhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: str) -> None:
    """One definition (responses.is_company_id); each place that takes an id refuses a partial match."""
    from urllib.parse import quote

    from toolkit.errors import RenderError
    from toolkit.rendering.files import output_paths
    from toolkit.responses import is_company_id

    assert not is_company_id(bad)
    assert is_company_id("abc") and is_company_id("A.b_c-9")
    monkeypatch.setenv("TOOLKIT_WORKSHOP_COHORT", str(tmp_path))
    with pytest.raises(PermissionError):
        company_path({"QUERY_STRING": "company=" + quote(bad)})
    with pytest.raises(RenderError):
        output_paths(tmp_path, bad, "de")
    csv_path = tmp_path / "c.csv"
    csv_path.write_text('company_id;name\n"' + bad + 'x";Name\n', encoding="utf-8")
    if "\n" in bad or "/" in bad or bad.startswith("."):
        with pytest.raises(WorkshopError, match=":2:"):
            read_companies_csv(csv_path)
    if bad and "/" not in bad:
        (tmp_path / f"{bad}.json").write_text("{}", encoding="utf-8")
        (tmp_path / "ok.json").write_text("{}", encoding="utf-8")
        assert cohort_companies(tmp_path) == {"ok": ""}


def test_a_company_holds_one_kernel_and_the_cap_counts_companies() -> None:
    from toolkit.form.workshop.ledger import KernelLedger

    ledger = KernelLedger(max_kernels=2)
    ledger.assign("k1", "a1", now=0)
    assert ledger.kernels_of("a1") == ["k1"] and not ledger.at_limit("a1") and not ledger.at_limit("b2")
    ledger.assign("k2", "b2", now=0)
    assert ledger.at_limit("c3")  # two companies hold the two places
    assert not ledger.at_limit("a1")  # a reload of a holder replaces its own kernel
    assert ledger.at_limit("c3", opening={"c3"}) and not KernelLedger(2).at_limit("a1", opening={"b2"})
    assert KernelLedger(2).at_limit("c3", opening={"a1", "b2"})  # pages being served count too
    ledger.prune(["k2"])  # k1 stopped from its page
    assert ledger.kernels_of("a1") == [] and not ledger.at_limit("c3")


def test_kernels_without_a_browser_are_released_after_their_grace() -> None:
    from toolkit.form.workshop.ledger import CLOSED_GRACE_S, FIRST_CONNECT_GRACE_S, KernelLedger
    from toolkit.form.workshop.server import RELEASE_CHECK_MS, WS_PING_MS, WS_PING_TIMEOUT_MS

    # a browser that vanished without closing is noticed by the pings, then released: all within a minute
    assert (WS_PING_MS + WS_PING_TIMEOUT_MS + RELEASE_CHECK_MS) / 1000 + CLOSED_GRACE_S <= 60
    ledger = KernelLedger(max_kernels=5)
    ledger.assign("shown", "a1", now=0)
    ledger.assign("never", "b2", now=0)
    ledger.connect("shown")
    assert ledger.unwatched(now=1000) == ["never"]  # a connected kernel stays, however idle its participant
    ledger.disconnect("shown", now=1000)
    assert ledger.unwatched(now=1000 + CLOSED_GRACE_S - 1) == ["never"]
    assert set(ledger.unwatched(now=1000 + CLOSED_GRACE_S)) == {"shown", "never"}
    ledger.connect("shown")  # the browser came back (network blip)
    assert ledger.unwatched(now=5000) == ["never"]
    fresh = KernelLedger(max_kernels=5)
    fresh.assign("slow", "c3", now=0)
    assert fresh.unwatched(now=FIRST_CONNECT_GRACE_S - 1) == []  # a page still loading keeps its kernel
    two = KernelLedger(max_kernels=5)
    two.assign("k", "a1", now=0)
    two.connect("k")
    two.connect("k")
    two.disconnect("k", now=10)
    assert two.unwatched(now=10_000) == []  # one of two tabs still shows it
    two.forget("k")
    two.disconnect("k", now=20)
    assert two.unwatched(now=10_000) == [] and "k" not in two.owner


@pytest.mark.parametrize(
    ("bind", "public_url", "ok", "refused"),
    [
        ("127.0.0.1", None, ["127.0.0.1:8866", "localhost:8866", "LOCALHOST", "[::1]:8866"], ["evil.example", ""]),
        (
            "0.0.0.0",
            "http://192.168.1.20:8866",
            ["192.168.1.20:8866", "192.168.1.20", "127.0.0.1:8866"],
            ["192.168.1.21:8866", "attacker.example:8866", "192.168.1.20.evil.example"],
        ),
        (
            "192.168.1.20",
            "https://workshop.example.org/",
            ["workshop.example.org", "Workshop.Example.Org.:443", "192.168.1.20:8866"],
            ["127.0.0.1:8866", "localhost", "example.org", "workshop.example.org.evil.example"],
        ),
    ],
)
def test_only_the_configured_host_names_are_answered(
    bind: str, public_url: str | None, ok: list[str], refused: list[str]
) -> None:
    from toolkit.form.workshop.hosts import allowed_hosts, host_allowed

    allowed = allowed_hosts(bind, public_url)
    assert all(host_allowed(h, allowed) for h in ok), allowed
    assert not any(host_allowed(h, allowed) for h in refused), allowed


@pytest.mark.parametrize(
    ("path", "template_route", "ok"),
    [
        ("lab/static/voila.js", True, True),
        ("lab/static/../../../etc/passwd", True, False),
        ("lab/static/../../x", False, False),
        ("../app.py", False, False),
        ("lab/..", True, False),
        ("/etc/passwd", True, False),
        ("lab/static/", True, False),
        ("lab", True, False),
        ("a\\..\\b", False, False),
        ("a\x00b", False, False),
        ("5764.voila.js", False, True),
        ("@jupyter-widgets/jupyterlab-manager/static/remoteEntry.js", False, True),
    ],
)
def test_static_paths_that_climb_out_are_refused(path: str, template_route: bool, ok: bool) -> None:
    from toolkit.form.workshop.server import static_path_ok

    assert static_path_ok(path, template_route) is ok


def test_the_page_template_links_nothing_outside_the_server(tmp_path: Path) -> None:
    from toolkit.form.workshop.page_template import write_template

    text = (write_template(tmp_path) / "index.html.j2").read_text(encoding="utf-8")
    assert "cdn" not in text.lower() and "https://" not in text.replace("'=\"https://'", "")
    assert "nicht mehr verbunden" in text and "no longer connected" in text  # the notices, in both languages
    assert "wird nicht angezeigt" in text and "does not appear" in text
    assert re.search(r"__[A-Z_]+__", text) is None  # every placeholder filled in


def test_facilitator_overview_marks_provisional_levels(tmp_path: Path, qn: Questionnaire) -> None:
    """Issue 12: a level that stands on too few answers is marked provisional, not shown as a plain '3 · Etabliert'."""
    data = json.loads((EXAMPLES / "manufacturer.json").read_text(encoding="utf-8"))
    data["answers"] = {qid: data["answers"][qid] for qid in ("en_metering", "en_efficiency_measures", "ctl_kpis")}
    data["company"]["id"] = "few-answers"
    (tmp_path / "few-answers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    shutil.copy(EXAMPLES / "manufacturer.json", tmp_path / "example-manufacturer.json")
    rows = {cid: company_progress(tmp_path, cid, qn) for cid in cohort_companies(tmp_path)}
    assert rows["few-answers"].provisional >= {"energy", "reporting"}
    assert rows["example-manufacturer"].provisional == set()
    html = overview_page(list(rows.values()), qn)
    few = html[html.index("few-answers") : html.index("</tr>", html.index("few-answers"))]
    full = html[html.index("example-manufacturer") : html.index("</tr>", html.index("example-manufacturer"))]
    assert few.count("(vorläufig)") >= 2 and "vorläufig" not in full


@pytest.mark.slow
def test_form_kernels_keep_no_ipython_history(tmp_path, monkeypatch):
    """A workshop kernel started with the server's IPython folder writes nothing it ran into a history file."""
    import sqlite3

    from jupyter_client.manager import start_new_kernel

    from toolkit.form.workshop.server import write_kernel_profile

    ipython_dir = write_kernel_profile(tmp_path / "state")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("IPYTHONDIR", str(ipython_dir))
    seen: list[dict] = []
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        reply = kc.execute_interactive("company = 'secret-company-7'\nprint(company)", timeout=60)
        assert reply["content"]["status"] == "ok"
        history = kc.execute_interactive(
            "import IPython; print(IPython.get_ipython().history_manager.enabled)", timeout=60, output_hook=seen.append
        )
        assert history["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    printed = "".join(m["content"].get("text", "") for m in seen if m["msg_type"] == "stream")
    assert printed.strip() == "False", "the kernel read the workshop's profile and keeps no history"
    dumps = []
    for db in tmp_path.rglob("*.sqlite"):
        with sqlite3.connect(db) as con:
            dumps += [str(row) for row in con.iterdump()]
    assert "secret-company-7" not in "\n".join(dumps)
    assert not (tmp_path / "home" / ".ipython").exists()


def test_only_the_closed_socket_error_of_a_shutting_down_kernel_is_kept_quiet():
    import errno
    import logging

    import zmq

    from toolkit.form.workshop.kernel import _ClosedSocketAtShutdown

    def record(exc: BaseException) -> logging.LogRecord:
        return logging.LogRecord(
            "tornado.general", logging.ERROR, __file__, 1, "Uncaught exception", None, (type(exc), exc, None)
        )

    quiet = _ClosedSocketAtShutdown()
    assert not quiet.filter(record(zmq.ZMQError(errno.ENOTSOCK)))
    assert quiet.filter(record(zmq.ZMQError(errno.EAGAIN)))
    assert quiet.filter(record(RuntimeError("a real error")))
    assert quiet.filter(logging.LogRecord("tornado.general", logging.ERROR, __file__, 1, "no exception", None, None))
