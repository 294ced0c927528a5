"""Benchmark the workshop server: start-up, memory per kernel, time to form with many participants at once.

Run (each takes 1-3 minutes):

    .venv/bin/python tests/benchmarks/bench_workshop.py --companies 30 --mode http
    .venv/bin/python tests/benchmarks/bench_workshop.py --companies 30 --spread 60
    .venv/bin/python tests/benchmarks/bench_workshop.py --companies 1 --pool-size 1 --mode http

It starts ``toolkit workshop`` on a free port with N fresh companies and waits until every pre-heated kernel
waits for its participant and the server has read what they sent while building their forms (as it has long
before a workshop starts). ``--mode http``: N clients at the same moment do what a browser does on the
server (link, form page, kernel websocket in the page's protocol, widget states), without drawing anything;
prints the median of each step, the run's wall time and the CPU seconds of server and kernels. ``--mode browser``
(default): every company's link in its own headless-Chromium context, at once or arriving over
``--spread`` seconds; time until the form's navigation is on screen. Prints times, CPU seconds used by the
server, the kernels and everything else (Chromium), and kernel memory (RSS and USS, from psutil).
Numbers only; nothing is asserted. On this 2-core machine Chromium itself needs about 7 CPU seconds per page,
so many browser contexts at once measure Chromium more than the server.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from toolkit.form.workshop.tokens import LINKS_FILE, read_links
from toolkit.rendering.pdf import CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def kernels_of(proc: psutil.Process) -> list[psutil.Process]:
    return [c for c in proc.children(recursive=True) if "ipykernel_launcher" in " ".join(c.cmdline())]


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
        except psutil.Error:
            continue
        total += t.user + t.system
    return total


def wait_until_idle(server: psutil.Process, limit: float = 180.0) -> float:
    """Wait until the server and its kernels use less than 5 % of a core (the server may still be reading the
    messages of the forms the pre-heated kernels built, which in a workshop is long over before anyone
    arrives); the seconds waited."""
    start = time.perf_counter()
    used = cpu_seconds([server, *kernels_of(server)])
    while time.perf_counter() - start < limit:
        time.sleep(1.0)
        now = cpu_seconds([server, *kernels_of(server)])
        if now - used < 0.05:
            break
        used = now
    return time.perf_counter() - start


def mib(n: float) -> str:
    return f"{n / 2**20:.0f} MiB"


def memory(procs: list[psutil.Process]) -> tuple[list[int], list[int]]:
    rss, uss = [], []
    for p in procs:
        try:
            info = p.memory_full_info()
        except psutil.Error:
            continue
        rss.append(info.rss)
        uss.append(info.uss)
    return rss, uss


async def open_all(links: list[str], headless_timeout: float, spread: float = 0.0) -> list[float]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        contexts = [await browser.new_context() for _ in links]
        pages = [await c.new_page() for c in contexts]

        async def one(page: object, link: str, delay: float) -> float:
            await asyncio.sleep(delay)
            start = time.perf_counter()
            try:
                await page.goto(link, timeout=headless_timeout * 1000)  # type: ignore[attr-defined]
                await page.wait_for_selector(".sme-form .sme-nav", timeout=headless_timeout * 1000)  # type: ignore[attr-defined]
            except Exception as exc:  # a participant who never got the form
                shot = Path(tempfile.gettempdir()) / f"bench-failed-{abs(hash(link)) % 10**6}.png"
                await page.screenshot(path=str(shot))  # type: ignore[attr-defined]
                print(
                    f"  FAILED after {time.perf_counter() - start:.1f} s: {type(exc).__name__} ({shot})",
                    file=sys.stderr,
                )
                return float("inf")
            return time.perf_counter() - start

        step = spread / max(len(links) - 1, 1)
        times = await asyncio.gather(
            *(one(pg, link, i * step) for i, (pg, link) in enumerate(zip(pages, links, strict=True)))
        )
        await browser.close()
        return list(times)


V1 = "v1.kernel.websocket.jupyter.org"  # the kernel websocket protocol the form's page negotiates


def _msg(msg_type: str, content: dict, session: str, metadata: dict | None = None, v1: bool = False) -> str | bytes:
    import json
    import uuid

    from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1

    header = {
        "msg_id": uuid.uuid4().hex, "username": "bench", "session": session, "msg_type": msg_type,
        "version": "5.4", "date": "2026-01-01T00:00:00Z",
    }  # fmt: skip
    message = {"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content}
    if v1:
        return serialize_msg_to_ws_v1(message, "shell", lambda part: json.dumps(part).encode())  # type: ignore[no-any-return]
    return json.dumps({**message, "channel": "shell"})


def _reply(frame: str | bytes) -> dict:
    """A kernel message from the websocket, in either protocol."""
    import json

    from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1

    if isinstance(frame, str):
        return json.loads(frame)  # type: ignore[no-any-return]
    _channel, parts = deserialize_msg_from_ws_v1(frame)
    return {"msg_type": json.loads(parts[0]).get("msg_type"), "content": json.loads(parts[3])}


def fetch_all_html(links: list[str], protocol: str = V1) -> list[float]:
    """What the server and kernels do for a participant, without a browser: the link, the form page, then the
    kernel websocket and the widget states (the request the widget manager in the browser makes). ``protocol``:
    the kernel websocket protocol; the page's script negotiates ``V1`` (the server relays kernel messages
    unparsed), ``"json"`` is the older one (the server parses and re-encodes every message)."""
    import concurrent.futures
    import http.cookiejar
    import re
    import uuid

    from websockets.sync.client import connect

    phases: list[tuple[float, float, float]] = []

    def one(link: str) -> float:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        start = time.perf_counter()
        body = opener.open(link, timeout=300).read().decode()
        linked = time.perf_counter()
        target = body.split("window.location.replace(")[1].split(")")[0].strip('"')
        base = link.split("/c/")[0]
        page = opener.open(base + target, timeout=300).read().decode()
        paged = time.perf_counter()
        kernel = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page).group(1)  # type: ignore[union-attr]
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        ws_url = base.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels"
        session, comm = uuid.uuid4().hex, uuid.uuid4().hex
        v1 = protocol == V1
        with connect(
            ws_url, additional_headers={"Cookie": cookie}, open_timeout=300, max_size=None,
            subprotocols=[V1] if v1 else None,  # type: ignore[list-item]
        ) as ws:  # fmt: skip
            if v1 and ws.subprotocol != V1:
                raise RuntimeError(f"the server did not accept the {V1} protocol")
            opening = {"comm_id": comm, "target_name": "jupyter.widget.control", "data": {}}
            ws.send(_msg("comm_open", opening, session, {"version": "1.0.0"}, v1=v1))
            ws.send(_msg("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, session, v1=v1))
            while True:
                reply = _reply(ws.recv(timeout=300))
                data = reply.get("content", {}).get("data", {})
                if reply.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
                    if not data.get("states"):
                        raise RuntimeError("no widget states")
                    break
        end = time.perf_counter()
        phases.append((linked - start, paged - linked, end - paged))
        return end - start

    with concurrent.futures.ThreadPoolExecutor(len(links)) as pool:
        times = list(pool.map(one, links))
    link_s, page_s, states_s = (statistics.median(p) for p in zip(*phases, strict=True))
    print(
        f"median per step: link {link_s:.2f} s, form page {page_s:.2f} s, "
        f"kernel connection and widget states {states_s:.2f} s"
    )
    return times


def summary(label: str, values: list[float]) -> str:
    failed = sum(1 for v in values if v == float("inf"))
    values = sorted(v for v in values if v != float("inf"))
    if failed:
        label += f" ({failed} FAILED)"
    if not values:
        return f"{label}: no participant got the form"

    def rank(q: float) -> float:  # nearest-rank percentile
        return values[max(0, math.ceil(q * len(values)) - 1)]

    return (
        f"{label}: n={len(values)} min {values[0]:.2f} s, median {statistics.median(values):.2f} s, "
        f"p90 {rank(0.9):.2f} s, p95 {rank(0.95):.2f} s, max {values[-1]:.2f} s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--companies", type=int, default=30)
    ap.add_argument("--pool-size", type=int, default=30)
    ap.add_argument("--mode", choices=["browser", "http"], default="browser")
    ap.add_argument(
        "--ws-protocol", choices=[V1, "json"], default=V1,
        help=f"http mode: kernel websocket protocol ({V1}, the one the form's page uses, or the older json)",
    )  # fmt: skip
    ap.add_argument("--timeout", type=float, default=180.0, help="seconds one participant may wait at most")
    ap.add_argument(
        "--spread", type=float, default=0.0,
        help="browser mode: participants arrive evenly over this many seconds (0: all at the same moment)",
    )  # fmt: skip
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-workshop-"))
    cohort = work / "cohort"
    companies = work / "companies.csv"
    companies.write_text(
        "company_id;name\n" + "".join(f"firma-{i:02d};Firma {i:02d} GmbH\n" for i in range(args.companies)),
        encoding="utf-8",
    )
    port = free_port()
    log = open(work / "server.log", "wb")  # noqa: SIM115
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "workshop", str(cohort), "--companies", str(companies), "--port", str(port),
         "--pool-size", str(args.pool_size)],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    server = psutil.Process(proc.pid)
    try:
        want = f"kernels ready for participants: {args.pool_size}".encode()
        while want not in (work / "server.log").read_bytes():
            if proc.poll() is not None or time.perf_counter() - t0 > 600:
                raise SystemExit((work / "server.log").read_text())
            time.sleep(0.5)
        ready = time.perf_counter() - t0
        quiet = wait_until_idle(server)
        rss, uss = memory(kernels_of(server))
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"machine: {psutil.cpu_count()} cores, {mib(psutil.virtual_memory().total)} RAM, load average {load}")
        print(
            f"server up, {args.pool_size} pre-heated kernels waiting, after {ready:.1f} s; "
            f"server and kernels idle after {quiet:.1f} s"
        )
        print(
            f"memory per idle pre-heated kernel: RSS median {mib(statistics.median(rss))}, "
            f"USS median {mib(statistics.median(uss))} (n={len(rss)})"
        )
        base = f"http://127.0.0.1:{port}"
        tokens = read_links(cohort / LINKS_FILE)
        links = [f"{base}/c/{token}" for cid, token in sorted(tokens.items()) if cid.startswith("firma-")]
        if args.mode == "http":
            before_server = cpu_seconds([server])
            before_kernels = cpu_seconds(kernels_of(server))
            wall = time.perf_counter()
            times = fetch_all_html(links, args.ws_protocol)
            wall = time.perf_counter() - wall
            print(summary(f"time to form page + widget states ({len(links)} HTTP/websocket clients at once)", times))
            srv = cpu_seconds([server]) - before_server
            krn = cpu_seconds(kernels_of(server)) - before_kernels
            print(
                f"wall time of the run {wall:.2f} s; CPU seconds during the run: server {srv:.1f}, kernels {krn:.1f}, "
                f"{(srv + krn) / len(links):.3f} per participant"
            )
        else:
            before_server = cpu_seconds([server])
            before_kernels = cpu_seconds(kernels_of(server))
            before_all = sum(psutil.cpu_times()[:3])
            times = asyncio.run(open_all(links, args.timeout, args.spread))
            when = f"arriving over {args.spread:.0f} s" if args.spread else "at once"
            print(summary(f"time to form in Chromium ({len(links)} browser contexts {when})", times))
            used = sum(psutil.cpu_times()[:3]) - before_all
            srv = cpu_seconds([server]) - before_server
            krn = cpu_seconds(kernels_of(server)) - before_kernels
            print(
                f"CPU seconds during the run: server {srv:.1f}, kernels {krn:.1f}, "
                f"everything else (mostly Chromium) {used - srv - krn:.1f}"
            )
        time.sleep(2)
        in_use = kernels_of(server)
        rss, uss = memory(in_use)
        srv = server.memory_full_info()
        print(
            f"after the run: {len(in_use)} kernels (in use + refilled pool), total RSS {mib(sum(rss))}, "
            f"USS {mib(sum(uss))}; per kernel RSS median {mib(statistics.median(rss))}, "
            f"USS median {mib(statistics.median(uss))}; server process RSS {mib(srv.rss)}"
        )
        print(f"system memory available: {mib(psutil.virtual_memory().available)}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


if __name__ == "__main__":
    main()
