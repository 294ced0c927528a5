"""The workshop guard (toolkit/form/workshop/server.py) is built on Voila 0.5's internals: its app class and
configuration, its handler classes and routes, and its kernel pool (``_pools``, ``fill_if_needed``). These tests
read them on the installed Voila, without starting a server or a kernel, so that an upgrade which changes any of
them fails here, naming what changed, instead of breaking the workshop (or opening a route) at the facilitator's.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import signal
import tomllib
from importlib.metadata import version
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from packaging.specifiers import SpecifierSet

from toolkit.form.workshop import server
from toolkit.form.workshop.kernel import ENV_COHORT, ENV_QUESTIONNAIRE, ENV_SECRET

from .conftest import QUESTIONNAIRE, ROOT

MAKE_APP_CLASS = server.make_app_class  # the real one (a fixture below replaces it while serve() runs)
UPGRADE = "the workshop guard in toolkit/form/workshop/server.py relies on it; adapt the guard, then the pin"


def test_voila_is_pinned_below_its_next_minor_version_and_the_installed_one_fits() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["dependencies"]
    [pin] = [d.split("#")[0].strip() for d in deps if re.match(r"voila\b", d)]
    spec = SpecifierSet(pin[len("voila") :])
    assert any(s.operator == "<" for s in spec), f"pyproject pins {pin!r}: Voila needs an upper bound ({UPGRADE})"
    installed = version("voila")
    assert spec.contains(installed), f"Voila {installed} is installed, outside the pin {pin!r} ({UPGRADE})"


@pytest.fixture
def workshop_config(tmp_path: Path, qn, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """What ``serve()`` hands to Voila (its configuration and arguments), captured instead of starting it."""
    captured: dict[str, Any] = {}

    class Captured:
        template_dir: str | None = None

        def __init__(self, config: Any) -> None:
            captured["config"] = config

        def initialize(self, argv: list[str]) -> None:
            captured["argv"] = argv
            captured["app"] = self

        def start(self) -> None:
            pass

    for name in (ENV_COHORT, ENV_QUESTIONNAIRE, ENV_SECRET, "VOILA_APP_IP", "IPYTHONDIR"):
        monkeypatch.setenv(name, "")  # serve() sets them for its kernels; restored after the test
    monkeypatch.setattr(server, "make_app_class", lambda: Captured)
    cohort = tmp_path / "cohort"
    cohort.mkdir()
    server.serve(cohort, qn, QUESTIONNAIRE)
    captured["cohort"] = cohort
    return captured


def test_every_setting_the_workshop_gives_voila_still_exists(workshop_config: dict[str, Any]) -> None:
    """A setting that no longer exists is silently ignored by traitlets: the port check, the kernel cap or the
    Unix-socket transport would then be gone without a word."""
    from jupyter_client.manager import KernelManager
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager, MappingKernelManager
    from voila.app import Voila
    from voila.configuration import VoilaConfiguration
    from voila.execute import VoilaExecutor
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    pooled = voila_kernel_manager_factory(AsyncMappingKernelManager, True, 1)
    assert pooled.__name__ == "VoilaKernelManager", f"Voila's pooled kernel manager is now {pooled.__name__}"
    classes = {
        "Voila": Voila,
        "VoilaConfiguration": VoilaConfiguration,
        "VoilaKernelManager": pooled,
        "KernelManager": KernelManager,
        "MappingKernelManager": MappingKernelManager,
        "VoilaExecutor": VoilaExecutor,
    }
    config = workshop_config["config"]
    assert set(config) <= set(classes), f"serve() configures {sorted(set(config) - set(classes))}: check them here"
    for section, values in config.items():
        known = classes[section].class_trait_names(config=True)
        for key in values:
            assert key in known, f"{section}.{key} is no longer a setting of the installed Voila ({UPGRADE})"


@pytest.fixture
def voila_app(workshop_config: dict[str, Any], qn) -> Any:
    """The real workshop app class, configured as ``serve()`` does and initialised up to its routes: no port is
    opened and no kernel started (the pool size is 0, pre-heating stays on)."""
    from toolkit.form.workshop.tokens import TokenStore

    config = workshop_config["config"]
    config.VoilaConfiguration.default_pool_size = 0
    app = MAKE_APP_CLASS()(config=config)
    cohort = workshop_config["cohort"]
    app.workshop = server.Workshop(cohort, qn, TokenStore.load(cohort), "secret", 0)
    app.allowed_hosts = frozenset({"127.0.0.1"})
    previous = signal.getsignal(signal.SIGTERM)
    try:
        app.initialize(workshop_config["argv"])  # Voila installs its own SIGTERM handler here
    finally:
        signal.signal(signal.SIGTERM, previous)
    app.toolkit_settings = app.init_settings()
    return app


def test_the_pool_is_where_the_guard_reads_it(voila_app: Any) -> None:
    km = voila_app.kernel_manager
    assert voila_app.toolkit_settings["toolkit_workshop"] is voila_app.workshop, "Voila.init_settings is no longer used"
    pools = getattr(km, "_pools", None)
    assert isinstance(pools, dict), f"Voila's kernel manager keeps no `_pools` dict (notebook -> futures): {UPGRADE}"
    assert isinstance(km.kernel_pools_config.get("default"), dict), "kernel_pools_config['default'] is gone"
    assert "pool_size" in km.kernel_pools_config["default"], "kernel_pools_config['default']['pool_size'] is gone"
    assert "limit_refills" in km.fill_if_needed.__qualname__, "the workshop no longer wraps fill_if_needed"
    for name in ("list_kernel_ids", "shutdown_kernel", "start_kernel", "__contains__"):
        assert callable(getattr(km, name, None)), f"the kernel manager has no {name}: {UPGRADE}"


def test_taking_a_pre_heated_kernel_asks_for_a_refill_as_the_guard_expects(voila_app: Any) -> None:
    """``limit_refills`` recognises Voila's refill after a participant took a kernel by ``delay=None``, keyword
    arguments only and the notebook's name; ``prune_failed_kernels`` reads ``task`` and ``kernel_id`` of an
    entry; ``_RecordingKernelManager`` unpacks ``(task, cache, kernel_id)``."""
    km = voila_app.kernel_manager
    calls: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    km.fill_if_needed = lambda *args, **kwargs: calls.append((args, kwargs))
    task = object()
    entry = {"renderer": SimpleNamespace(stop_generator=False, rendered_cache=["cell"]), "task": task}
    entry["kernel_id"] = "k-1"

    async def take() -> Any:
        ready = asyncio.get_running_loop().create_future()
        ready.set_result(entry)
        km._pools["form.ipynb"] = [ready]
        return await km.get_rendered_notebook(notebook_name="form.ipynb")

    got = asyncio.run(take())
    assert got == (task, ["cell"], "k-1"), f"get_rendered_notebook now returns {got!r}: {UPGRADE}"
    assert km._pools["form.ipynb"] == [], "a taken kernel is no longer removed from `_pools`"
    assert len(calls) == 1, f"taking a kernel now calls fill_if_needed {len(calls)} times: {UPGRADE}"
    args, kwargs = calls[0]
    assert args == () and "delay" in kwargs and kwargs["delay"] is None, f"the refill is now asked as {calls[0]}"
    assert kwargs.get("notebook_name") == "form.ipynb", f"the refill no longer names the notebook: {calls[0]}"


def test_every_voila_route_the_workshop_serves_is_found_and_guarded(voila_app: Any) -> None:
    from jupyter_server.base.handlers import FileFindHandler
    from jupyter_server.services.kernels.handlers import KernelHandler
    from jupyterlab_server.themes_handler import ThemesHandler
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
    from voila.static_file_handler import MultiStaticFileHandler, TemplateStaticFileHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    routes = voila_app.init_handlers()
    classes = [spec[1] for spec in routes]
    for voila_class in (
        TornadoVoilaHandler,
        RequestInfoSocketHandler,
        KernelHandler,
        VoilaKernelWebsocketHandler,
        VoilaShutdownKernelHandler,
        TemplateStaticFileHandler,
        MultiStaticFileHandler,
        ThemesHandler,
        FileFindHandler,
    ):
        assert any(issubclass(c, voila_class) for c in classes), (
            f"Voila's routes no longer use {voila_class.__module__}.{voila_class.__name__}: the workshop would "
            f"answer 403 where it is needed ({UPGRADE})"
        )
    own = (server.EntryHandler, server.FacilitatorHandler, server.DenyHandler)
    for pattern, cls, *_ in routes:
        assert cls in own or issubclass(cls, (server.GuardMixin, TornadoVoilaHandler)), (pattern, cls)
        if cls not in own and not issubclass(cls, server.GuardMixin):
            assert pattern.startswith("/form/"), f"Voila's page is served at {pattern}, not behind /form/<key>"
    assert classes[-1] is server.DenyHandler
    # the kernel guard finds the kernel id in the path (named group kernel_id, or the first group)
    kid = "0c5f6a2e-1b2c-4d3e-8f40-123456789abc"
    for pattern, cls, *_ in routes:
        if getattr(cls, "guard", None) == "kernel":
            url = pattern.split("(")[0] + kid + ("/channels" if pattern.endswith("/channels") else "")
            found = re.fullmatch(pattern, url)
            assert found, f"the kernel route {pattern} no longer matches {url}"
            assert (found.groupdict().get("kernel_id") or found.group(1)) == kid, pattern


def test_the_handler_methods_the_guard_overrides_keep_their_shape() -> None:
    import tornado.web
    from voila.app import Voila
    from voila.handler import VoilaHandler
    from voila.request_info_handler import RequestInfoSocketHandler
    from voila.tornado.handler import TornadoVoilaHandler
    from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

    for name in ("setup_template_dirs", "init_settings", "init_handlers", "start", "listen", "stop"):
        assert callable(getattr(Voila, name, None)), f"voila.app.Voila.{name} is gone: WorkshopVoila overrides it"
    start = inspect.getsource(Voila.start)
    assert "self.app =" in start and start.index("self.app =") < start.index("self.listen()"), (
        "Voila.start no longer creates its tornado app before listen(): the host check is installed in listen()"
    )
    # FormHandler records every kernel a company gets by overriding the kernel_manager property
    assert isinstance(inspect.getattr_static(TornadoVoilaHandler, "kernel_manager"), property)
    page = inspect.getsource(VoilaHandler)
    for call in ("self.kernel_manager.get_rendered_notebook(", "self.kernel_manager.start_kernel("):
        assert call in page, f"Voila's page handler no longer calls {call}...): kernels would go unrecorded"
    assert 'settings["kernel_manager"]' not in page, "Voila's page handler bypasses the kernel_manager property"
    assert inspect.signature(TornadoVoilaHandler.get).parameters["path"].default is None
    assert list(inspect.signature(RequestInfoSocketHandler.open).parameters)[1] == "kernel_id"
    assert list(inspect.signature(VoilaKernelWebsocketHandler.open).parameters)[1] == "kernel_id"
    for cls in (RequestInfoSocketHandler, VoilaKernelWebsocketHandler):
        assert callable(getattr(cls, "on_close", None)), f"{cls.__name__}.on_close is gone"
    # tornado's own: a refused request is finished in prepare(); the host check wraps the app's handler lookup
    assert "self._finished = False" in inspect.getsource(tornado.web.RequestHandler.__init__)
    assert callable(tornado.web.Application.find_handler)
    assert callable(tornado.web.Application.get_handler_delegate)


def test_a_form_gets_a_waiting_kernel_before_one_still_starting(voila_app: Any) -> None:
    """Voila hands out its pool's oldest entry, even if that kernel is still starting; the workshop takes one
    that already waits for its participant (its hand-over socket is open) when there is one."""
    from toolkit.form.workshop.ledger import KernelLedger

    km = voila_app.kernel_manager
    km.fill_if_needed = lambda *args, **kwargs: None

    def entry(kernel_id: str) -> dict[str, Any]:
        return {
            "renderer": SimpleNamespace(stop_generator=False, rendered_cache=[]),
            "task": None,
            "kernel_id": kernel_id,
        }

    async def take(ready: set[str]) -> tuple[str, list[str]]:
        loop = asyncio.get_running_loop()
        futures = [loop.create_future() for _ in range(3)]
        for future, kernel_id in zip(futures, ("starting", "waiting-1", "waiting-2"), strict=True):
            future.set_result(entry(kernel_id))
        km._pools["form.ipynb"] = futures
        recording = server._RecordingKernelManager(km, "a1", KernelLedger(5), ready)
        _task, _cache, kernel_id = await recording.get_rendered_notebook(notebook_name="form.ipynb")
        return kernel_id, [f.result()["kernel_id"] for f in km._pools["form.ipynb"]]

    assert asyncio.run(take(set())) == ("starting", ["waiting-1", "waiting-2"])  # Voila's own order
    assert asyncio.run(take({"waiting-1", "waiting-2"})) == ("waiting-1", ["starting", "waiting-2"])
    assert asyncio.run(take({"waiting-2"})) == ("waiting-2", ["starting", "waiting-1"])


def test_voila_waits_for_a_forms_messages_longer_than_its_default(workshop_config: dict[str, Any]) -> None:
    """Voila sends the page without the cell's output once nbclient's iopub wait (4 s by default) is over; a busy
    server may need longer for a form's messages. Not a minute, though: messages lost for good would hold the
    page that long, while the page reloads itself at once when it comes without output."""
    from nbclient import NotebookClient

    cfg = workshop_config["config"]
    assert NotebookClient.iopub_timeout.default_value < cfg.VoilaExecutor.iopub_timeout <= 15
