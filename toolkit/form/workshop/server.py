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

Why this and not a proxy in front of Voila: one process means no second port that could be reached
around the check, no websocket proxying, and the kernel-to-company map lives where the kernels are started.
"""

from __future__ import annotations

import asyncio
import inspect
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import nbformat
import tornado.ioloop
import tornado.log
import tornado.web
from jupyter_core.utils import ensure_async

from ...model import Questionnaire
from .cohort import cohort_companies, company_progress
from .kernel import ENV_COHORT, ENV_QUESTIONNAIRE, ENV_SECRET, SECRET_HEADER
from .pages import forbidden_page, opening_page, overview_page
from .tokens import TokenStore, company_key

COOKIE_PREFIX = "sme_"
COOKIE_DAYS = 30
NOTEBOOK_NAME = "Nachhaltigkeits-Check.ipynb"
TOKEN_RE = r"([A-Za-z0-9_-]{20,100})"
POOL_CHECK_MS = 5000
_BACKGROUND: set[asyncio.Future[Any]] = set()
RELOAD_BUFFER = 3  # kernels kept ready for reloads once every company has its form open
WIDGET_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8")


class Workshop:
    """What the handlers need to decide: the token store and which kernel belongs to which company."""

    def __init__(self, cohort_dir: Path, qn: Questionnaire, store: TokenStore, secret: str, companies: int = 0) -> None:
        self.cohort_dir = Path(cohort_dir).resolve()
        self.companies = companies
        self.qn = qn
        self.store = store
        self.secret = secret
        self.kernels: dict[str, str] = {}  # kernel id -> company id
        self.ready: set[str] = set()  # pre-heated kernels waiting for a participant

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


def security_headers(handler: tornado.web.RequestHandler) -> None:
    handler.set_header("X-Content-Type-Options", "nosniff")
    handler.set_header("Referrer-Policy", "no-referrer")


def deny(handler: tornado.web.RequestHandler) -> None:
    """403 with a short explanation and no data."""
    handler.clear()
    handler.set_status(403)
    security_headers(handler)
    handler.set_header("Content-Type", "text/html; charset=utf-8")
    handler.set_header("Cache-Control", "no-store")
    handler.finish(forbidden_page())


def _workshop(handler: tornado.web.RequestHandler) -> Workshop:
    return handler.settings["toolkit_workshop"]  # type: ignore[no-any-return]


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


def handover_class(cls: type) -> type:
    """Voila's hand-over socket (request info to a pre-heated kernel), for kernels only; counts ready kernels."""

    class KernelHandover(GuardMixin, cls):  # type: ignore[misc,valid-type]
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


class EntryHandler(tornado.web.RequestHandler):
    """``/c/<token>``: check the token, set the company's cookie, open the form."""

    def get(self, token: str) -> None:
        ws = _workshop(self)
        cid = ws.store.company(token)
        if cid is None:
            deny(self)
            return
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
            deny(self)
            return
        lang = "en" if self.get_argument("lang", "de") == "en" else "de"

        def rows() -> list[Any]:
            return [company_progress(ws.cohort_dir, cid, ws.qn) for cid in cohort_companies(ws.cohort_dir)]

        loop = tornado.ioloop.IOLoop.current()
        table = await loop.run_in_executor(None, rows)
        security_headers(self)
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(overview_page(table, ws.qn, lang))


class _RecordingKernelManager:
    """The kernel manager as one form request sees it: every kernel it gets is recorded for the company."""

    def __init__(self, km: Any, company_id: str, kernels: dict[str, str]) -> None:
        self._km = km
        self._cid = company_id
        self._kernels = kernels

    def __getattr__(self, name: str) -> Any:
        return getattr(self._km, name)

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
        task, cache, kernel_id = await self._km.get_rendered_notebook(*args, **kwargs)
        self._kernels[kernel_id] = self._cid
        return task, cache, kernel_id

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        kernel_id: str = await ensure_async(self._km.start_kernel(*args, **kwargs))
        self._kernels[kernel_id] = self._cid
        return kernel_id


def form_handler_class() -> type:
    from voila.tornado.handler import TornadoVoilaHandler

    class FormHandler(TornadoVoilaHandler):  # type: ignore[misc,valid-type]
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
            return _RecordingKernelManager(km, self.toolkit_company, _workshop(self).kernels)

        async def get(self, key: str | None = None) -> None:  # type: ignore[override]
            await super().get()

    return FormHandler


def limit_refills(km: Any, workshop: Workshop, pool_size: int) -> None:
    """Refill the pool only for companies that have no form open yet, plus a few kernels for reloads.

    Voila refills the pool after every kernel taken from it. With one kernel ready per company that would
    start a second kernel for everybody right after the workshop's opening minute, costing memory and making
    the first answers of all participants slow while 30 kernels start on two cores.
    """
    original = km.fill_if_needed

    def fill_if_needed(*args: Any, **kwargs: Any) -> Any:
        live = set(km.list_kernel_ids())
        active = {cid for kid, cid in workshop.kernels.items() if kid in live}
        waiting = workshop.companies - len(active)
        wanted = min(pool_size, max(waiting, 0) + RELOAD_BUFFER)
        config = km.kernel_pools_config.get("default")
        if isinstance(config, dict):
            config["pool_size"] = wanted
        return original(*args, **kwargs)

    km.fill_if_needed = fill_if_needed


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


def make_app_class() -> type:
    from jupyter_server.base.handlers import FileFindHandler
    from jupyter_server.services.kernels.handlers import KernelHandler
    from jupyterlab_server.themes_handler import ThemesHandler
    from voila.app import Voila
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    guards: dict[type, str] = {
        KernelHandler: "kernel",
        VoilaKernelWebsocketHandler: "kernel",
        VoilaShutdownKernelHandler: "kernel",
        TemplateStaticFileHandler: "session",
        MultiStaticFileHandler: "session",
        ThemesHandler: "session",
        FileFindHandler: "session",
    }

    class WorkshopVoila(Voila):  # type: ignore[misc,valid-type]
        """Voila with the workshop's routes; everything of Voila's own that is not needed is left out."""

        workshop: Workshop

        def init_settings(self) -> dict[str, Any]:
            settings = super().init_settings()
            settings["toolkit_workshop"] = self.workshop
            limit_refills(self.kernel_manager, self.workshop, self.voila_configuration.default_pool_size)
            return settings  # type: ignore[no-any-return]

        def start(self) -> None:
            if self.voila_configuration.preheat_kernel:
                checker = tornado.ioloop.PeriodicCallback(
                    lambda: prune_failed_kernels(self.kernel_manager, self.log), POOL_CHECK_MS
                )
                checker.start()
            super().start()

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
                    out.append((pattern, guarded(cls, guards[cls]), *rest))
            out.append((r".*", DenyHandler))
            return out

    return WorkshopVoila


def serve(
    cohort_dir: Path,
    qn: Questionnaire,
    questionnaire_path: Path,
    host: str = "127.0.0.1",
    port: int = 8866,
    pool_size: int = 4,
    cull_after: int = 4 * 3600,
) -> None:
    """Run the workshop server until interrupted (Ctrl+C or SIGTERM stop it and its kernels)."""
    from traitlets.config import Config

    from .tokens import state_dir

    cohort = Path(cohort_dir).resolve()
    state = state_dir(cohort)
    notebook = write_notebook(state)
    secret = secrets.token_urlsafe(32)
    # Kernels inherit these: where the files are, which questionnaire, and how to authenticate the hand-over.
    os.environ[ENV_COHORT] = str(cohort)
    os.environ[ENV_QUESTIONNAIRE] = str(Path(questionnaire_path).resolve())
    os.environ[ENV_SECRET] = secret
    os.environ["VOILA_APP_IP"] = "127.0.0.1" if host in ("", "0.0.0.0", "::") else host

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

    app = make_app_class()(config=cfg)
    app.workshop = Workshop(cohort, qn, TokenStore.load(cohort), secret, len(cohort_companies(cohort)))
    app.initialize([str(notebook)])
    app.start()
