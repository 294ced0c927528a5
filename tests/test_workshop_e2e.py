"""The workshop app end to end: the real server in a subprocess, a real headless Chromium.

One server per module (two companies, two pre-heated kernels). Company links open only their own form;
forged tokens, other companies' tokens and Voila's/Jupyter's own routes give 403 and no data.
"""

from __future__ import annotations

import csv
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import QUESTIONNAIRE, ROOT
from toolkit.form.workshop.tokens import company_key
from toolkit.report.pdf import CHROMIUM_ARGS

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
TIMEOUT_MS = 60_000
NASTY_NAME = "Beta <b>Metall</b> & Söhne KG"


@dataclass
class Server:
    base: str
    cohort: Path
    links: dict[str, str]  # company id (or '__facilitator__') -> link
    log: Path

    def token(self, cid: str) -> str:
        return self.links[cid].rstrip("/").rsplit("/", 1)[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http(url: str, cookie: str | None = None, method: str = "GET") -> tuple[int, str]:
    req = urllib.request.Request(url, method=method, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package")
    work = tmp_path_factory.mktemp("workshop")
    cohort = work / "cohort"
    companies = work / "companies.csv"
    companies.write_text(f"company_id;name\nalpha;Alpha Bäckerei GmbH\nbeta;{NASTY_NAME}\n", encoding="utf-8")
    port = free_port()
    log = work / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "toolkit", "workshop", str(cohort), "--companies", str(companies),
             "--port", str(port), "--pool-size", "2", "-q", str(QUESTIONNAIRE)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the workshop server exited:\n{log.read_text()}")
            try:
                if http(base + "/")[0] == 403 and (cohort / "workshop-links.csv").exists():
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the workshop server did not start:\n{log.read_text()}")
            time.sleep(0.3)
        with open(cohort / "workshop-links.csv", encoding="utf-8") as fh:
            links = {row["company_id"]: row["link"] for row in csv.DictReader(fh)}
        yield Server(base, cohort, links, log)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def questionnaire_facts() -> dict[str, object]:
    from toolkit.loader import load_questionnaire

    qn = load_questionnaire(QUESTIONNAIRE)
    for q in qn.iter_questions():
        for cond in q.show_if:
            gate = qn.question(cond.question)
            if q.type == "number" and gate and gate.type == "yes_no" and cond.op == "equals" and cond.value == "yes":
                return {"gate": gate, "dependent": q, "criterion": q.criterion}
    raise AssertionError("no yes/no question gating a number question")


def open_form(context: object, link: str) -> object:
    page = context.new_page()  # type: ignore[attr-defined]
    page.set_default_timeout(TIMEOUT_MS)
    page.goto(link)
    page.wait_for_selector(".sme-form .sme-nav", timeout=TIMEOUT_MS)
    return page


def question_box(page: object, text: str) -> object:
    return page.locator(".sme-q").filter(has_text=text).first  # type: ignore[attr-defined]


def wait_saved(page: object) -> None:
    page.locator(".sme-status", has_text="Alle Änderungen gespeichert").wait_for(timeout=TIMEOUT_MS)  # type: ignore[attr-defined]


# ---- access control -------------------------------------------------------------------------------------------------
PROTECTED = [
    "/",
    "/api/contents",
    "/api/contents/alpha.json",
    "/api/kernels",
    "/api/sessions",
    "/files/alpha.json",
    "/files/workshop-links.csv",
    "/voila/render/Nachhaltigkeits-Check.ipynb",
    "/voila/files/tokens.json",
    "/voila/files/../alpha.json",
    "/voila/static/voila.js",
    "/voila/templates/lab/static/index.css",
    "/voila/api/themes/",
    "/voila/query/00000000-0000-0000-0000-000000000000",
    "/login",
    "/tree",
    "/form/" + company_key("alpha"),
    "/form/" + company_key("beta"),
]


def test_nothing_is_served_without_a_valid_token(server: Server) -> None:
    forged = "A" * 43
    for cookie in (None, f"sme_{company_key('alpha')}={forged}"):
        for path in PROTECTED:
            status, body = http(server.base + path, cookie)
            assert status == 403, (path, cookie, status)
            assert "Alpha" not in body and "answers" not in body and "Beta" not in body
    assert http(server.base + f"/c/{forged}")[0] == 403
    assert http(server.base + f"/f/{forged}")[0] == 403
    assert http(server.base + "/c/" + server.token("alpha") + "x")[0] == 403


def test_a_company_link_works_only_for_its_own_company(server: Server) -> None:
    status, body = http(server.links["alpha"])
    assert status == 200 and "/form/" + company_key("alpha") in body
    alpha_cookie = f"sme_{company_key('alpha')}={server.token('alpha')}"
    beta_cookie_on_alpha_key = f"sme_{company_key('alpha')}={server.token('beta')}"
    assert http(server.base + "/form/" + company_key("alpha"), beta_cookie_on_alpha_key)[0] == 403
    assert http(server.base + "/form/" + company_key("beta"), alpha_cookie)[0] == 403
    # a valid cookie opens nothing else of the server either
    for path in ("/api/contents", "/files/alpha.json", "/voila/render/Nachhaltigkeits-Check.ipynb", "/voila/files/x"):
        assert http(server.base + path, alpha_cookie)[0] == 403, path
    assert server.token("alpha") not in (server.cohort / ".workshop" / "tokens.json").read_text()
    assert (server.cohort / ".workshop" / "tokens.json").stat().st_mode & 0o077 == 0
    assert (server.cohort / "workshop-links.csv").stat().st_mode & 0o077 == 0


def test_answers_survive_a_reload_and_reach_the_file(server: Server, browser: object) -> None:
    facts = questionnaire_facts()
    gate, dependent = facts["gate"], facts["dependent"]
    context = browser.new_context(viewport={"width": 1280, "height": 1000})  # type: ignore[attr-defined]
    page = open_form(context, server.links["alpha"])
    assert "Alpha Bäckerei GmbH" in page.locator(".sme-company").inner_text()
    page.locator("button.sme-nav").filter(has_text=re.compile(rf"^\s*(✓ )?{facts['criterion']} · ")).click()
    gate_box = question_box(page, gate.text["de"])  # type: ignore[attr-defined]
    gate_box.locator("label").filter(has_text=re.compile(r"^\s*Ja\s*$")).click()
    wait_saved(page)
    dep_box = question_box(page, dependent.text["de"])  # type: ignore[attr-defined]
    dep_box.locator(".sme-number input").fill("1.234")
    deadline = time.monotonic() + 30
    path = server.cohort / "alpha.json"
    while time.monotonic() < deadline:
        answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
        if answers.get(dependent.id, {}).get("value") == 1234:  # type: ignore[attr-defined]
            break
        time.sleep(0.2)
    answers = json.loads(path.read_text(encoding="utf-8"))["answers"]
    assert answers[gate.id]["value"] == "yes"  # type: ignore[attr-defined]
    assert answers[dependent.id]["value"] == 1234  # type: ignore[attr-defined]
    wait_saved(page)
    first_kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.content())
    assert first_kernel is not None

    page.reload()
    page.wait_for_selector(".sme-form .sme-nav", timeout=TIMEOUT_MS)
    # leaving the page shut its kernel down (the shutdown request passed the guard)
    deadline = time.monotonic() + 30
    while f"Kernel shutdown: {first_kernel.group(1)}" not in server.log.read_text() and time.monotonic() < deadline:
        time.sleep(0.3)
    assert f"Kernel shutdown: {first_kernel.group(1)}" in server.log.read_text()
    gate_box = question_box(page, gate.text["de"])  # type: ignore[attr-defined]
    assert gate_box.locator("label").filter(has_text=re.compile(r"^\s*Ja\s*$")).locator("input").is_checked()
    assert question_box(page, dependent.text["de"]).locator(".sme-number input").input_value() == "1.234"  # type: ignore[attr-defined]
    gate_box.scroll_into_view_if_needed()
    page.screenshot(path="/tmp/form.png")

    # the kernel serving alpha cannot be reached with beta's token
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page.content())
    assert kernel_id, "no kernel id in the page"
    kid = kernel_id.group(1)
    alpha_cookie = f"sme_{company_key('alpha')}={server.token('alpha')}"
    beta_cookie = f"sme_{company_key('beta')}={server.token('beta')}"
    assert http(f"{server.base}/api/kernels/{kid}", alpha_cookie)[0] == 200
    assert http(f"{server.base}/api/kernels/{kid}", beta_cookie)[0] == 403
    assert http(f"{server.base}/api/kernels/{kid}")[0] == 403
    assert http(f"{server.base}/voila/api/shutdown/{kid}", beta_cookie, method="POST")[0] == 403
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    for cookie in (beta_cookie, None):
        with pytest.raises(InvalidStatus) as refused:
            connect(
                f"ws://127.0.0.1:{server.base.rsplit(':', 1)[1]}/api/kernels/{kid}/channels",
                additional_headers={"Cookie": cookie} if cookie else {},
                open_timeout=10,
            )
        assert refused.value.response.status_code == 403
    context.close()


def test_another_company_in_the_same_browser_stays_separate(server: Server, browser: object) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = open_form(context, server.links["beta"])
    assert page.locator(".sme-company").inner_text() == NASTY_NAME  # shown as text, not as markup
    assert page.locator(".sme-company b").count() == 0
    other = context.new_page()
    response = other.goto(server.base + "/form/" + company_key("alpha"))
    assert response is not None and response.status == 403
    assert "Kein Zugang" in other.content() and "Alpha" not in other.content()
    forged = context.new_page()
    response = forged.goto(server.base + "/c/" + "B" * 43)
    assert response is not None and response.status == 403
    context.close()


def test_the_facilitator_sees_progress_but_no_answers(server: Server, browser: object) -> None:
    from toolkit.loader import load_questionnaire
    from toolkit.responses import Answer, load_response, save_response

    qn = load_questionnaire(QUESTIONNAIRE)
    facts = questionnaire_facts()
    resp = load_response(server.cohort / "beta.json", qn)
    resp.set_answer(facts["gate"].id, Answer(value="yes"))  # type: ignore[attr-defined]
    resp.set_answer(facts["dependent"].id, Answer(value=98765, unit=facts["dependent"].unit))  # type: ignore[attr-defined]
    save_response(resp)
    status, body = http(server.links["__facilitator__"])
    assert status == 200
    assert "Alpha Bäckerei GmbH" in body
    assert "Beta &lt;b&gt;Metall&lt;/b&gt; &amp; Söhne KG" in body and NASTY_NAME not in body
    beta_row = next(row for row in body.split("<tr>") if "Söhne" in row)
    assert re.search(r"</div></span>2/\d+</td>", beta_row), beta_row
    assert "98765" not in body and "98.765" not in body  # no answers
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(server.links["__facilitator__"])
    assert page.locator("tbody tr").count() == 2
    context.close()
