"""The workshop server: Voila's own tornado app, with every route behind a per-company token check.

Architecture (one process, one port):

* ``/c/<token>``: the link a company gets. The token is looked up by its SHA-256 hash; a valid one sets a
  cookie ``sme_<company-key>=<token>`` (HttpOnly, SameSite=Strict, one cookie per company, so two companies
  in one browser do not mix) and forwards to ``/form/<company-key>``.
* ``/form/<company-key>``: Voila's notebook handler, reached only with that company's cookie. The company id
  is resolved here, server-side, from the token; the browser's query string is discarded and replaced by
  ``company=<id>``, which Voila hands to the (pre-heated) kernel. The kernel opens ``COHORT/<id>.json``.
  Every kernel started or taken from the pool for this request is recorded as belonging to this company.
* ``/api/kernels/<id>[/channels]`` and ``/voila/api/shutdown/<id>``: only for a kernel recorded for the
  company whose cookie the request carries. Voila's kernel-side hand-over socket (``/voila/query/<id>``) only
  for kernels, which authenticate with a per-server secret from their environment.
* Voila's static files, templates and themes: only with a valid company cookie.
* ``/f/<token>``: the facilitator's overview (progress and levels, no answers).
* Everything else (``/api/contents``, ``/files/``, ``/voila/render/``, ``/voila/files/``, ``/login``, ...): 403.
* Before any route: the ``Host`` header must name the server as the facilitator configured it (400 otherwise).

Kernels (see :mod:`.ledger`): a company holds at most one. A new page of a company (a reload, a second tab)
first stops the company's previous kernel, so its last typing is saved before the new one reads the file. A
kernel no browser has shown for a short while is released; the number of companies with a kernel has a cap
(``--max-kernels``), and the pool of pre-heated kernels never takes the total above it.

Why this and not a proxy in front of Voila: one process means no second port that could be reached
around the check, no websocket proxying, and the kernel-to-company map lives where the kernels are started.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import json
import logging
import os
import secrets
import time
from collections.abc import Awaitable, Collection, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import nbformat
import tornado.ioloop
import tornado.log
import tornado.web
from jupyter_core.utils import ensure_async, run_sync

from toolkit.definitions.model import Questionnaire
from toolkit.form.workshop.cohort import cohort_companies, company_progress
from toolkit.form.workshop.hosts import allowed_hosts, host_allowed, host_name
from toolkit.form.workshop.kernel import ENV_COHORT, ENV_QUESTIONNAIRE, ENV_SECRET, SECRET_HEADER
from toolkit.form.workshop.ledger import KernelLedger
from toolkit.form.workshop.page_template import write_template
from toolkit.form.workshop.pages import (
    bad_host_page,
    error_page,
    forbidden_page,
    limit_page,
    opening_page,
    overview_page,
)
from toolkit.form.workshop.tokens import TokenStore, company_key
from toolkit.i18n import DEFAULT_LANG, LANGS

log = logging.getLogger(__name__)  # workshop events with the company id at most: never tokens, names or answers

COOKIE_PREFIX = "sme_"
COOKIE_DAYS = 30
NOTEBOOK_NAME = "Nachhaltigkeits-Check.ipynb"
TOKEN_RE = r"([A-Za-z0-9_-]{20,100})"
POOL_CHECK_MS = 5000
REFILL_QUIET_S = 5.0  # the pool is refilled once no form has been opened for this long ...
REFILL_MAX_WAIT_S = 60.0  # ... or at the latest this long after a kernel was taken from it
_BACKGROUND: set[asyncio.Future[Any]] = set()
RELOAD_BUFFER = 3  # kernels kept ready for reloads once every company has its form open
RELEASE_CHECK_MS = 5000  # how often kernels without a browser are looked for
STOP_WAIT_S = 15.0  # longest wait for a replaced kernel to save and stop before the new page opens anyway
WS_PING_MS = 10_000  # browsers are pinged; a connection silent for WS_PING_TIMEOUT_MS counts as gone
WS_PING_TIMEOUT_MS = 25_000
IOPUB_WAIT_S = 10  # longest wait for a form's messages after its cell has run (Voila's default: 4 s)
# Everything a page loads comes from this server (no CDN, no fonts or images from elsewhere); no framing.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)
WIDGET_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")


class Workshop:
    """What the handlers need to decide: the token store and which kernel belongs to which company."""

    def __init__(
        self,
        cohort_dir: Path,
        qn: Questionnaire,
        store: TokenStore,
        secret: str,
        companies: int = 0,
        max_kernels: int | None = None,
    ) -> None:
        self.cohort_dir = Path(cohort_dir).resolve()
        self.companies = companies
        self.qn = qn
        self.store = store
        self.secret = secret
        self.ledger = KernelLedger(max_kernels if max_kernels is not None else default_max_kernels(companies))
        self.ready: set[str] = set()  # pre-heated kernels waiting for a participant
        self.opening: set[str] = set()  # companies whose page is being served right now
        self.sockets: dict[str, set[Any]] = {}  # kernel id -> its open browser websockets
        self.last_opened = float("-inf")  # when a form page or its kernel connection last opened (monotonic)
        self.refill_owed: tuple[str, float] | None = None  # (notebook, since when) a pool refill waits for calm
        self._locks: dict[str, asyncio.Lock] = {}

    @property
    def kernels(self) -> dict[str, str]:
        """kernel id -> company id of every kernel handed to a company."""
        return self.ledger.owner

    def lock(self, company_id: str) -> asyncio.Lock:
        """One page of a company at a time: reloads in quick succession replace the kernel one after another."""
        return self._locks.setdefault(company_id, asyncio.Lock())

    def company_from_cookie(self, handler: tornado.web.RequestHandler, key: str) -> str | None:
        token = handler.get_cookie(f"{COOKIE_PREFIX}{key}")
        cid = self.store.company(token)
        return cid if cid is not None and company_key(cid) == key else None

    def has_session(self, handler: tornado.web.RequestHandler) -> bool:
        return any(
            self.company_from_cookie(handler, name[len(COOKIE_PREFIX) :]) is not None
            for name in handler.request.cookies
            if name.startswith(COOKIE_PREFIX)
        )

    def kernel_allowed(self, handler: tornado.web.RequestHandler, kernel_id: str | None) -> bool:
        cid = self.kernels.get(kernel_id or "")
        return cid is not None and self.company_from_cookie(handler, company_key(cid)) == cid

    def kernel_secret_ok(self, handler: tornado.web.RequestHandler) -> bool:
        return secrets.compare_digest(handler.request.headers.get(SECRET_HEADER, ""), self.secret)

    def allowed(self, handler: tornado.web.RequestHandler, guard: str) -> bool:
        if guard == "session":
            return self.has_session(handler)
        if guard == "kernel":
            kid = handler.path_kwargs.get("kernel_id") or (handler.path_args[0] if handler.path_args else None)
            return self.kernel_allowed(handler, kid)
        if guard == "secret":
            return self.kernel_secret_ok(handler)
        return False


def default_max_kernels(companies: int) -> int:
    """Enough for every company plus a few reloads: the cap then only bites when set lower on purpose."""
    return max(companies, 1) + RELOAD_BUFFER


def security_headers(handler: tornado.web.RequestHandler) -> None:
    handler.set_header("X-Content-Type-Options", "nosniff")
    handler.set_header("Referrer-Policy", "no-referrer")
    handler.set_header("Content-Security-Policy", CSP)


def html_answer(handler: tornado.web.RequestHandler, status: int, body: str) -> None:
    """Finish with one of the workshop's own small pages."""
    handler.clear()
    handler.set_status(status)
    security_headers(handler)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(body)


def deny(handler: tornado.web.RequestHandler) -> None:
    """403 with a short explanation and no data."""
    html_answer(handler, 403, forbidden_page())


def _spawn(aw: Awaitable[Any]) -> None:
    future = asyncio.ensure_future(aw)
    _BACKGROUND.add(future)
    future.add_done_callback(_BACKGROUND.discard)


def _log(handler_or_app: Any) -> Any:
    settings = getattr(handler_or_app, "settings", {})
    return getattr(settings.get("voila"), "log", None) or tornado.log.app_log


def _workshop(handler: tornado.web.RequestHandler) -> Workshop:
    return handler.settings["toolkit_workshop"]


class GuardMixin:
    """Put in front of a Voila/Jupyter handler class: refuse the request unless ``guard`` allows it."""

    guard = "none"

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        handler: tornado.web.RequestHandler = self  # type: ignore[assignment]
        if not _workshop(handler).allowed(handler, self.guard):
            deny(handler)
            return
        security_headers(handler)
        result = super().prepare(*args, **kwargs)  # type: ignore[misc]
        if inspect.isawaitable(result):
            await result

    def check_xsrf_cookie(self) -> None:
        """Cross-site requests cannot pass the guard: its cookie is SameSite=Strict, so browsers never send it
        from another site. (Voila's page sends no XSRF token with its kernel shutdown on leaving the page.)"""
        return


def guarded(cls: type, guard: str) -> type:
    return type(f"Guarded{cls.__name__}", (GuardMixin, cls), {"guard": guard})


def static_path_ok(path: str, template_route: bool = False) -> bool:
    """A relative file path without '..', '.', backslashes or NUL (the URL is decoded: '%2f' is '/' here).

    Voila's template route also needs the form ``<template>/static/<file>``."""
    if not path or "\x00" in path or "\\" in path or path.startswith("/"):
        return False
    parts = path.split("/")
    if any(part in ("..", ".") for part in parts):
        return False
    return not template_route or (len(parts) >= 3 and parts[1] == "static" and all(parts[:3]))


class StaticGuardMixin(GuardMixin):
    """Static files (Voila's scripts, styles, themes, widget extensions) for a company's page only; a path
    that tries to climb out of its folder, or that Voila cannot map, is simply not found (404, no traceback)."""

    template_route = False

    async def prepare(self, *args: Any, **kwargs: Any) -> None:
        await super().prepare(*args, **kwargs)
        handler: tornado.web.RequestHandler = self  # type: ignore[assignment]
        if handler._finished:
            return
        path = handler.path_args[0] if handler.path_args else ""
        if not static_path_ok(path or "", self.template_route):
            raise tornado.web.HTTPError(404)

    async def get(self, *args: Any, **kwargs: Any) -> None:
        try:
            result = super().get(*args, **kwargs)  # type: ignore[misc]
            if inspect.isawaitable(result):
                await result
        except (ValueError, AssertionError, OSError):  # Voila's template route asserts on odd paths
            raise tornado.web.HTTPError(404) from None

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        handler: tornado.web.RequestHandler = self  # type: ignore[assignment]
        html_answer(handler, status_code, error_page(status_code))


def static_guarded(cls: type, template_route: bool = False) -> type:
    return type(
        f"Guarded{cls.__name__}", (StaticGuardMixin, cls), {"guard": "session", "template_route": template_route}
    )


def kernel_socket_class(cls: type) -> type:
    """The kernel websocket of a company's own kernel; counts the browsers connected to each kernel."""

    class KernelSocket(GuardMixin, cls):
        guard = "kernel"
        toolkit_kernel: str | None = None

        async def open(self, kernel_id: str, *args: Any, **kwargs: Any) -> None:
            ws = _workshop(self)
            self.toolkit_kernel = kernel_id
            ws.ledger.connect(kernel_id)
            ws.last_opened = time.monotonic()  # a browser connecting to its form is still arriving
            ws.sockets.setdefault(kernel_id, set()).add(self)
            await super().open(kernel_id, *args, **kwargs)

        def on_close(self) -> None:
            if self.toolkit_kernel is not None:
                ws = _workshop(self)
                ws.ledger.disconnect(self.toolkit_kernel, time.monotonic())
                ws.sockets.get(self.toolkit_kernel, set()).discard(self)
                if not ws.sockets.get(self.toolkit_kernel, True):
                    del ws.sockets[self.toolkit_kernel]
                self.toolkit_kernel = None
            super().on_close()

    return KernelSocket


def handover_class(cls: type) -> type:
    """Voila's hand-over socket (request info to a pre-heated kernel), for kernels only; counts ready kernels."""

    class KernelHandover(GuardMixin, cls):
        guard = "secret"
        toolkit_kernel: str | None = None

        def open(self, kernel_id: str) -> None:
            ws = _workshop(self)
            self.toolkit_kernel = kernel_id
            ws.ready.add(kernel_id)
            log = getattr(self.settings.get("voila"), "log", None) or tornado.log.app_log
            log.info("kernels ready for participants: %d", len(ws.ready))
            super().open(kernel_id)

        def on_close(self) -> None:
            _workshop(self).ready.discard(self.toolkit_kernel or "")
            super().on_close()

    return KernelHandover


class DenyHandler(tornado.web.RequestHandler):
    """Everything the workshop does not serve."""

    def prepare(self) -> None:
        deny(self)

    def check_xsrf_cookie(self) -> None:  # the refusal needs no XSRF token
        return


class BadHostHandler(tornado.web.RequestHandler):
    """A request naming a host the facilitator did not configure (``--host``, ``--public-url``)."""

    def prepare(self) -> None:
        html_answer(self, 400, bad_host_page())

    def check_xsrf_cookie(self) -> None:
        return


def install_host_check(app: tornado.web.Application, allowed: frozenset[str], log: Any) -> None:
    """Route every request with an unknown ``Host`` to :class:`BadHostHandler`, before any other handler."""
    find = app.find_handler
    logged: set[str] = set()

    def find_handler(request: Any, **kwargs: Any) -> Any:
        if host_allowed(request.host, allowed):
            return find(request, **kwargs)
        name = host_name(request.host)[:100]
        if name not in logged and len(logged) < 20:
            logged.add(name)
            log.warning("refused requests for the host name %r; if participants use it, pass it as --public-url", name)
        return app.get_handler_delegate(request, BadHostHandler)

    app.find_handler = find_handler  # type: ignore[method-assign]


class EntryHandler(tornado.web.RequestHandler):
    """``/c/<token>``: check the token, set the company's cookie, open the form."""

    def get(self, token: str) -> None:
        ws = _workshop(self)
        cid = ws.store.company(token)
        if cid is None:
            log.info("refused a company link that is not valid (or no longer)")
            deny(self)
            return
        log.info("%s: opened its link", cid)
        key = company_key(cid)
        self.set_cookie(
            f"{COOKIE_PREFIX}{key}",
            token,
            path="/",
            expires_days=COOKIE_DAYS,
            httponly=True,
            samesite="Strict",
            secure=self.request.protocol == "https",
        )
        security_headers(self)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(opening_page(f"/form/{key}"))


class FacilitatorHandler(tornado.web.RequestHandler):
    """``/f/<token>``: every company's progress, last change and headline levels; no answers."""

    async def get(self, token: str) -> None:
        ws = _workshop(self)
        if not ws.store.is_facilitator(token):
            log.info("refused a facilitator link that is not valid (or no longer)")
            deny(self)
            return
        log.info("the facilitator's overview was opened")
        lang = self.get_argument("lang", DEFAULT_LANG)
        lang = lang if lang in LANGS else DEFAULT_LANG

        def rows() -> list[Any]:
            return [company_progress(ws.cohort_dir, cid, ws.qn) for cid in cohort_companies(ws.cohort_dir)]

        loop = tornado.ioloop.IOLoop.current()
        table = await loop.run_in_executor(None, rows)
        security_headers(self)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(overview_page(table, ws.qn, lang))


def prefer_ready(pools: Any, notebook: str | None, ready: Collection[str]) -> None:
    """Move the first pre-heated kernel that already waits for its participant (``ready``: its hand-over socket
    is open) to the front of Voila's pool (``_pools``: notebook -> futures of {"kernel_id", ...}), ahead of
    kernels still starting, which Voila would otherwise hand out first when they are older in the pool.

    A kernel taken while it starts makes its participant wait for the start. And in the two test runs in which a
    form's messages never reached Voila (see ``page_template``), the kernel had been taken moments after its
    start."""
    pool: list[Any] = (pools.get(notebook) if isinstance(pools, dict) else None) or []
    for index, future in enumerate(pool):
        started = future.done() and not future.cancelled() and future.exception() is None
        if started and future.result().get("kernel_id") in ready:
            if index:
                pool.insert(0, pool.pop(index))
            return


class _RecordingKernelManager:
    """The kernel manager as one form request sees it: every kernel it gets is recorded for the company, and a
    kernel that waits for its participant is taken before one that is still starting."""

    def __init__(self, km: Any, company_id: str, ledger: KernelLedger, ready: Collection[str] = ()) -> None:
        self._km = km
        self._cid = company_id
        self._ledger = ledger
        self._ready = ready

    def __getattr__(self, name: str) -> Any:
        return getattr(self._km, name)

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
        prefer_ready(getattr(self._km, "_pools", None), kwargs.get("notebook_name"), self._ready)
        task, cache, kernel_id = await self._km.get_rendered_notebook(*args, **kwargs)
        self._ledger.assign(kernel_id, self._cid, time.monotonic())
        return task, cache, kernel_id

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        kernel_id: str = await ensure_async(self._km.start_kernel(*args, **kwargs))
        self._ledger.assign(kernel_id, self._cid, time.monotonic())
        return kernel_id


async def stop_kernels(km: Any, workshop: Workshop, kernel_ids: Iterable[str], now: bool = False) -> None:
    """Stop kernels and wait until they are gone. A company's kernel is stopped gracefully (it saves pending
    typing on the way out); ``now`` kills, for pre-heated kernels that hold no answers."""
    loop = asyncio.get_running_loop()
    for kernel_id in list(kernel_ids):
        workshop.ledger.forget(kernel_id)
        # The tab still showing this kernel's form is told at once (its page then asks for a reload).
        for socket in list(workshop.sockets.pop(kernel_id, ())):
            with contextlib.suppress(Exception):
                socket.close(1001, "form opened elsewhere or closed")
        deadline = loop.time() + STOP_WAIT_S
        if kernel_id in km:
            stopping = asyncio.ensure_future(ensure_async(km.shutdown_kernel(kernel_id, now=now)))
            _BACKGROUND.add(stopping)
            stopping.add_done_callback(_BACKGROUND.discard)
            # already stopping or gone (KeyError, HTTPError ...), or slow: the page is not held up longer
            with contextlib.suppress(Exception):
                await asyncio.wait_for(asyncio.shield(stopping), STOP_WAIT_S)
        while kernel_id in km and loop.time() < deadline:  # stopped from the page at the same moment
            await asyncio.sleep(0.1)


def release_unwatched(km: Any, workshop: Workshop, log: Any) -> None:
    """Release company kernels that no browser has shown for a while (tab closed, laptop asleep)."""
    workshop.ledger.prune(km.list_kernel_ids())
    for kernel_id in workshop.ledger.unwatched(time.monotonic()):
        company = workshop.ledger.owner.get(kernel_id, "")
        if company in workshop.opening:
            continue

        async def release(kernel_id: str = kernel_id, company: str = company) -> None:
            async with workshop.lock(company):
                if kernel_id in workshop.ledger.unwatched(time.monotonic()):
                    log.info("released kernel %s: no browser has shown its form for a while", kernel_id)
                    await stop_kernels(km, workshop, [kernel_id])

        _spawn(release())


def form_handler_class() -> type:
    from voila.tornado.handler import TornadoVoilaHandler

    class FormHandler(TornadoVoilaHandler):
        """``/form/<company-key>``: the Voila page of the form, for the company whose cookie is sent."""

        toolkit_company: str | None = None

        async def prepare(self, *args: Any, **kwargs: Any) -> None:
            ws = _workshop(self)
            key = self.path_args[0] if self.path_args else ""
            cid = ws.company_from_cookie(self, key)
            if cid is None:
                deny(self)
                return
            self.toolkit_company = cid
            # The kernel learns its company from the request info Voila hands over. Whatever the browser sent
            # is dropped; only the company resolved from the token goes on.
            self.request.query = urlencode({"company": cid})
            self.request.uri = self.request.path
            self.request.arguments = {}
            self.request.query_arguments = {}
            security_headers(self)
            await super().prepare(*args, **kwargs)

        @property
        def kernel_manager(self) -> Any:
            km = self.settings["kernel_manager"]
            if self.toolkit_company is None:
                return km
            ws = _workshop(self)
            return _RecordingKernelManager(km, self.toolkit_company, ws.ledger, ws.ready)

        async def get(self, key: str | None = None) -> None:
            ws = _workshop(self)
            cid = self.toolkit_company or ""
            km = self.settings["kernel_manager"]
            async with ws.lock(cid):
                # A reload or a second tab: the company's previous kernel saves and stops first.
                await stop_kernels(km, ws, ws.ledger.kernels_of(cid))
                ws.ledger.prune(km.list_kernel_ids())
                if ws.ledger.at_limit(cid, ws.opening):
                    _log(self).warning(
                        "a company could not open its form: %d forms are open, the limit (--max-kernels)",
                        ws.ledger.max_kernels,
                    )
                    html_answer(self, 503, limit_page(ws.ledger.max_kernels))
                    return
                ws.opening.add(cid)
                ws.last_opened = time.monotonic()
                t0 = time.perf_counter()
                log.info("%s: opening its form", cid)
                try:
                    await super().get()
                finally:
                    ws.opening.discard(cid)
                    ws.last_opened = time.monotonic()
                    log.info("%s: form page sent after %.2f s", cid, time.perf_counter() - t0)

    return FormHandler


def limit_refills(km: Any, workshop: Workshop, pool_size: int) -> None:
    """Refill the pool only for companies that have no form open yet, plus a few kernels for reloads, and, while
    it still holds a few kernels, only once the participants' arrival has calmed down (:func:`refill_when_quiet`).

    Voila refills the pool after every kernel taken from it. With one kernel ready per company that would
    start a second kernel for everybody right after the workshop's opening minute, costing memory and making
    the first answers of all participants slow while 30 kernels start on two cores. Companies with a kernel
    plus the pool stay within the cap. Even the few kernels for reloads, started while many participants open
    their forms at once, would take the CPU those participants wait for. A pool about to run dry is refilled
    as Voila would (after ``fill_delay``): otherwise quick reloads would each start a kernel from scratch.
    """
    original = getattr(km, "fill_if_needed", None)
    if original is None:  # no pool (--pool-size 0)
        return

    def fill_if_needed(*args: Any, **kwargs: Any) -> Any:
        notebook = kwargs.get("notebook_name")
        if kwargs.get("delay", 0) is None and not args and isinstance(notebook, str):  # a kernel was just taken
            left = len(getattr(km, "_pools", {}).get(notebook, ()))
            if left >= RELOAD_BUFFER:  # enough kernels still ready: refill once the arrivals calm down
                if workshop.refill_owed is None:
                    workshop.refill_owed = (notebook, time.monotonic())
                return None
        workshop.ledger.prune(km.list_kernel_ids())
        holders = workshop.ledger.companies() | workshop.opening
        waiting = workshop.companies - len(holders)
        room = workshop.ledger.max_kernels - len(holders)  # the pool never takes the total above the cap
        wanted = max(0, min(pool_size, max(waiting, 0) + RELOAD_BUFFER, room))
        config = km.kernel_pools_config.get("default")
        if isinstance(config, dict):
            config["pool_size"] = wanted
        return original(*args, **kwargs)

    km.fill_if_needed = fill_if_needed


def refill_when_quiet(km: Any, workshop: Workshop, now: float) -> bool:
    """Refill the pool that Voila asked to refill when a kernel was taken, once no form has been opened for
    ``REFILL_QUIET_S`` or the refill has waited ``REFILL_MAX_WAIT_S``. True when it refilled now."""
    owed = workshop.refill_owed
    if owed is None or workshop.opening:
        return False
    notebook, since = owed
    if now - workshop.last_opened < REFILL_QUIET_S and now - since < REFILL_MAX_WAIT_S:
        return False
    workshop.refill_owed = None
    km.fill_if_needed(delay=0, notebook_name=notebook)
    return True


def prune_failed_kernels(km: Any, log: Any) -> None:
    """Drop pre-heated kernels that died or whose start failed, so no participant is handed a broken one.

    Uses Voila 0.5's pool (``_pools``: notebook -> futures of {"task", "kernel_id", ...}); a healthy entry's
    render task is still running, because the notebook waits for its participant.
    """
    pools = getattr(km, "_pools", None)
    if not isinstance(pools, dict):
        return
    for name, pool in pools.items():
        for future in list(pool):
            if not future.done():
                continue
            broken = future.exception() is not None
            kernel_id = None
            if not broken:
                entry = future.result()
                kernel_id = entry.get("kernel_id")
                task = entry.get("task")
                broken = task is None or task.done()
            if broken:
                pool.remove(future)
                log.warning("dropped a pre-heated kernel that failed to start; starting another")
                if kernel_id is not None and kernel_id in km:
                    stopping = asyncio.ensure_future(ensure_async(km.shutdown_kernel(kernel_id, now=True)))
                    _BACKGROUND.add(stopping)
                    stopping.add_done_callback(_BACKGROUND.discard)
                km.fill_if_needed(delay=0, notebook_name=name)


def write_notebook(state_dir: Path) -> Path:
    """The notebook Voila runs: one cell that shows the company's form."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("from toolkit.form.workshop.kernel import run\nrun()")
    cell["id"] = "workshop-form"
    nb.cells = [cell]
    nb.metadata = {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}}
    path = state_dir / NOTEBOOK_NAME
    nbformat.write(nb, str(path))
    return path


def make_app_class() -> type[Any]:
    from jupyter_server.base.handlers import FileFindHandler
    from jupyter_server.services.kernels.handlers import KernelHandler
    from jupyterlab_server.themes_handler import ThemesHandler
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    guards: dict[type, type] = {
        KernelHandler: guarded(KernelHandler, "kernel"),
        VoilaKernelWebsocketHandler: kernel_socket_class(VoilaKernelWebsocketHandler),
        VoilaShutdownKernelHandler: guarded(VoilaShutdownKernelHandler, "kernel"),
        TemplateStaticFileHandler: static_guarded(TemplateStaticFileHandler, template_route=True),
        MultiStaticFileHandler: static_guarded(MultiStaticFileHandler),
        ThemesHandler: static_guarded(ThemesHandler),
        FileFindHandler: static_guarded(FileFindHandler),
    }

    class WorkshopVoila(Voila):
        """Voila with the workshop's routes; everything of Voila's own that is not needed is left out."""

        workshop: Workshop
        allowed_hosts: frozenset[str] = frozenset()
        template_dir: str | None = None

        def setup_template_dirs(self) -> None:
            super().setup_template_dirs()
            if self.template_dir:  # searched first: the lab template without links to other servers
                self.template_paths.insert(0, self.template_dir)

        def init_settings(self) -> dict[str, Any]:
            settings = super().init_settings()
            settings["toolkit_workshop"] = self.workshop
            limit_refills(self.kernel_manager, self.workshop, self.voila_configuration.default_pool_size)
            return settings

        def start(self) -> None:
            # Voila's notebook client logs through traitlets' own logger, which shows nothing by default; its
            # warnings (such as a form's messages that did not arrive in time) belong in the server's log.
            for handler in self.log.handlers:
                logging.getLogger("traitlets").addHandler(handler)
            if self.voila_configuration.preheat_kernel:
                checker = tornado.ioloop.PeriodicCallback(
                    lambda: prune_failed_kernels(self.kernel_manager, self.log), POOL_CHECK_MS
                )
                checker.start()

                def refill() -> None:
                    refill_when_quiet(self.kernel_manager, self.workshop, time.monotonic())

                refiller = tornado.ioloop.PeriodicCallback(refill, 1000)
                refiller.start()
            releaser = tornado.ioloop.PeriodicCallback(
                lambda: release_unwatched(self.kernel_manager, self.workshop, self.log), RELEASE_CHECK_MS
            )
            releaser.start()
            super().start()

        def listen(self) -> None:
            install_host_check(self.app, self.allowed_hosts, self.log)
            super().listen()

        def stop(self) -> None:
            """Kill the pre-heated kernels first: they hold no answers, and one stopped gracefully while it
            waits for its participant would end its cell on closed sockets (ZMQError tracebacks). Then Voila
            stops the companies' kernels gracefully, so each saves pending typing."""

            async def kill_waiting() -> None:
                km = self.kernel_manager
                waiting = [k for k in km.list_kernel_ids() if k not in self.workshop.ledger.owner]
                await asyncio.gather(
                    *(ensure_async(km.shutdown_kernel(k, now=True)) for k in waiting), return_exceptions=True
                )

            try:
                run_sync(kill_waiting)()
            finally:
                super().stop()

        def init_handlers(self) -> list[Any]:
            out: list[Any] = [
                (r"/c/" + TOKEN_RE + r"/?", EntryHandler),
                (r"/f/" + TOKEN_RE + r"/?", FacilitatorHandler),
            ]
            for spec in super().init_handlers():
                pattern, cls, *rest = spec
                if cls is TornadoVoilaHandler:
                    out.append((r"/form/([0-9a-f]{16})/?", form_handler_class(), *rest))
                elif cls is RequestInfoSocketHandler:
                    out.append((pattern, handover_class(cls), *rest))
                elif cls in guards:
                    out.append((pattern, guards[cls], *rest))
            out.append((r".*", DenyHandler))
            return out

    return WorkshopVoila


def write_kernel_profile(state: Path) -> Path:
    """An IPython directory for the workshop's kernels whose default profile keeps no history; returns it."""
    ipython_dir = state / "ipython"
    profile = ipython_dir / "profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    config = {"HistoryManager": {"enabled": False}}
    for name in ("ipython_kernel_config.json", "ipython_config.json"):
        (profile / name).write_text(json.dumps(config), encoding="utf-8")
    return ipython_dir


def voila_config(state: Path, host: str, port: int, pool_size: int, cull_after: int) -> Any:
    """The Voila configuration of the workshop server (``state`` is its private folder, Voila's root)."""
    from traitlets.config import Config

    cfg = Config()
    cfg.Voila.ip = host
    cfg.Voila.port = port
    cfg.Voila.port_retries = 0
    cfg.Voila.open_browser = False
    cfg.Voila.root_dir = str(state)
    cfg.Voila.config_file_paths = []
    cfg.VoilaConfiguration.preheat_kernel = pool_size > 0
    cfg.VoilaConfiguration.default_pool_size = max(pool_size, 0)
    cfg.VoilaConfiguration.show_tracebacks = False
    cfg.VoilaConfiguration.strip_sources = True
    cfg.VoilaConfiguration.theme = "light"
    cfg.VoilaConfiguration.file_allowlist = []
    # Only the widget machinery: other installed lab extensions (plotly's alone is 4.8 MB of script) would be
    # loaded by every participant's browser for nothing.
    cfg.VoilaConfiguration.extension_allowlist = list(WIDGET_EXTENSIONS)
    cfg.VoilaKernelManager.fill_delay = 5
    # Kernels talk to the server over Unix sockets in Voila's private connection folder: no TCP ports that other
    # local users could reach, and no port races when 30 kernels start at once (ZMQError: Address already in use).
    cfg.KernelManager.transport = "ipc"
    cfg.MappingKernelManager.cull_idle_timeout = cull_after
    cfg.MappingKernelManager.cull_interval = 300
    cfg.MappingKernelManager.cull_connected = False
    # Dead browser connections (laptop asleep, network gone) are noticed within WS_PING_TIMEOUT_MS, so their
    # kernels are released like those of closed tabs.
    cfg.Voila.tornado_settings = {"ws_ping_interval": WS_PING_MS, "ws_ping_timeout": WS_PING_TIMEOUT_MS}
    # The form is the cell's output, and Voila's notebook client collects it from the kernel's messages; by
    # default it waits 4 s for them once the cell has finished, then sends the page without the form. A busy
    # server may need longer to read the 230-odd messages of a form, so it gets 10 s. Messages that never come
    # (seen twice in test runs; 60 s did not bring them) are not waited for longer: the page then reloads
    # itself at once (see page_template) and gets a fresh kernel.
    cfg.VoilaExecutor.iopub_timeout = IOPUB_WAIT_S
    return cfg


def serve(
    cohort_dir: Path,
    qn: Questionnaire,
    questionnaire_path: Path,
    host: str = "127.0.0.1",
    port: int = 8866,
    pool_size: int = 4,
    cull_after: int = 4 * 3600,
    max_kernels: int | None = None,
    public_url: str | None = None,
) -> None:
    """Run the workshop server until interrupted (Ctrl+C or SIGTERM stop it and its kernels, quietly).

    ``max_kernels`` caps the companies with a form open at once (default: every company plus a few reloads);
    ``public_url`` is the address in the links, whose host name requests may carry besides ``host``'s."""
    from toolkit.form.workshop.tokens import state_dir

    cohort = Path(cohort_dir).resolve()
    state = state_dir(cohort)
    notebook = write_notebook(state)
    template = write_template(state)
    secret = secrets.token_urlsafe(32)
    # Kernels inherit these: where the files are, which questionnaire, and how to authenticate the hand-over.
    os.environ[ENV_COHORT] = str(cohort)
    os.environ[ENV_QUESTIONNAIRE] = str(Path(questionnaire_path).resolve())
    os.environ[ENV_SECRET] = secret
    os.environ["VOILA_APP_IP"] = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host
    # Form kernels keep no IPython history: nothing of what they run lands in ~/.ipython/.../history.sqlite.
    os.environ["IPYTHONDIR"] = str(write_kernel_profile(state))

    cfg = voila_config(state, host, port, pool_size, cull_after)
    app_class = make_app_class()
    app_class.template_dir = str(template)
    app = app_class(config=cfg)
    app.workshop = Workshop(
        cohort, qn, TokenStore.load(cohort), secret, len(cohort_companies(cohort)), max_kernels=max_kernels
    )
    app.allowed_hosts = allowed_hosts(host, public_url)
    app.initialize([str(notebook)])
    app.start()
