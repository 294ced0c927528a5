"""Headless Chromium driven over its DevTools pipe: no Node.js driver process in between.

:class:`Chromium` starts Debian's Chromium with ``--remote-debugging-pipe`` and speaks the Chrome DevTools Protocol
over the two pipe file descriptors (3: commands in, 4: replies and events out; messages are JSON ended by a NUL
byte). A reader thread hands each reply to the call waiting for it, so calls may come from any thread. The
browser gets a private, temporary profile folder, removed on :meth:`Chromium.close`, and runs in a process group
of its own (a Ctrl-C in the terminal is the toolkit's to handle). Chromium quits by itself when the pipe closes,
so it never outlives the process that started it.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import signal
import tempfile
import threading
import time
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

# Flags for a quiet, deterministic, lean print browser (most of them as Playwright passes them).
BASE_ARGS = (
    "--headless",
    "--remote-debugging-pipe",
    "--no-startup-window",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-service-autorun",
    "--disable-field-trial-config",  # no server-side experiments that could change the layout
    "--disable-background-networking",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
    "--disable-breakpad",
    "--disable-component-update",
    "--disable-component-extensions-with-background-pages",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--disable-hang-monitor",
    "--disable-ipc-flooding-protection",
    "--disable-popup-blocking",
    "--disable-prompt-on-repost",
    "--disable-search-engine-choice-screen",
    "--metrics-recording-only",
    "--password-store=basic",
    "--use-mock-keychain",
    "--force-color-profile=srgb",  # the report's colours as written, whatever the machine's display profile
    "--hide-scrollbars",
    "--mute-audio",
)


class ChromiumError(Exception):
    """Chromium could not start, closed, crashed, or did not answer in time."""


class Chromium:
    """One headless Chromium process and its DevTools pipe (see the module docstring)."""

    def __init__(self, executable: str, args: list[str] | tuple[str, ...] = (), start_timeout: float = 60.0) -> None:
        """Start Chromium and return at once; :meth:`ready` waits until it answers."""
        self.executable = executable
        self._profile = tempfile.mkdtemp(prefix="tk-chromium-")
        self._ids = itertools.count(1)
        self._pending: dict[int, Future[Any]] = {}
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed_reason = ""
        self.page_crashed = False  # a renderer died: the browser is not trusted with another document
        cmd_in_r, self._cmd_in = os.pipe()  # we write commands, Chromium reads them on its fd 3
        self._out, out_w = os.pipe()  # Chromium writes on its fd 4, we read
        log_path = os.path.join(self._profile, "chromium.log")
        argv = [executable, *BASE_ARGS, f"--user-data-dir={self._profile}", *args]
        try:
            self.pid = os.posix_spawn(
                executable,
                argv,
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                    (os.POSIX_SPAWN_OPEN, 1, log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600),
                    (os.POSIX_SPAWN_DUP2, 1, 2),
                    (os.POSIX_SPAWN_DUP2, cmd_in_r, 3),
                    (os.POSIX_SPAWN_DUP2, out_w, 4),
                ],
                setpgroup=0,
            )
        except OSError as exc:
            os.close(self._cmd_in)
            os.close(self._out)
            shutil.rmtree(self._profile, ignore_errors=True)
            raise ChromiumError(f"Chromium did not start ({executable}): {exc}") from exc
        finally:
            os.close(cmd_in_r)
            os.close(out_w)
        self._exit_status: int | None = None
        self._closed = False
        self._reader = threading.Thread(target=self._read_loop, name="tk-chromium-pipe", daemon=True)
        self._reader.start()
        self._start_timeout = start_timeout
        self.answered = False  # Chromium has answered once: it is up

    def ready(self) -> None:
        """Wait until Chromium answers (it starts in the background: commands sent before wait in the pipe)."""
        if self.answered:
            return
        try:
            self.call("Browser.getVersion", timeout=self._start_timeout)
        except ChromiumError as exc:
            raise ChromiumError(f"Chromium did not start ({self.executable}): {exc}{self._log_tail()}") from exc
        self.answered = True

    # ---- protocol ----------------------------------------------------------------------------------------------
    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 60.0
    ) -> Any:
        """Send one command and wait for its result; :class:`ChromiumError` when it fails, times out or the
        browser is gone."""
        msg_id = next(self._ids)
        message: dict[str, Any] = {"id": msg_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        future: Future[Any] = Future()
        with self._lock:
            if self._closed_reason:
                raise ChromiumError(self._closed_reason)
            self._pending[msg_id] = future
        data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\0"
        try:
            with self._write_lock:
                view = memoryview(data)
                while view:
                    view = view[os.write(self._cmd_in, view) :]
        except OSError as exc:
            with self._lock:
                self._pending.pop(msg_id, None)
            raise ChromiumError(f"the browser has been closed ({exc.strerror})") from exc
        try:
            return future.result(timeout)
        except FutureTimeout:
            raise ChromiumError(f"{method} got no answer within {timeout:.0f} s") from None
        finally:
            with self._lock:
                self._pending.pop(msg_id, None)

    def _read_loop(self) -> None:
        buffer = bytearray()
        try:
            while True:
                chunk = os.read(self._out, 1 << 20)
                if not chunk:
                    break
                start = len(buffer)
                buffer += chunk
                end = buffer.find(b"\0", start)
                while end >= 0:
                    self._dispatch(json.loads(bytes(buffer[:end])))
                    del buffer[: end + 1]
                    end = buffer.find(b"\0")
        except (OSError, ValueError):
            pass
        self._fail_pending("the browser has been closed", closed=True)

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "id" in message:
            with self._lock:
                future = self._pending.get(message["id"])
            if future is None or future.done():
                return
            if "error" in message:
                err = message["error"]
                detail = f"{err.get('message', err)} {err.get('data', '')}".strip()
                future.set_exception(ChromiumError(detail))
            else:
                future.set_result(message.get("result", {}))
        elif message.get("method") == "Inspector.targetCrashed":
            self.page_crashed = True
            self._fail_pending("the page crashed", closed=False)

    def _fail_pending(self, reason: str, closed: bool) -> None:
        with self._lock:
            if closed and not self._closed_reason:
                self._closed_reason = reason
            pending = list(self._pending.values())
        for future in pending:
            with contextlib.suppress(Exception):  # already answered
                future.set_exception(ChromiumError(reason))

    # ---- process -----------------------------------------------------------------------------------------------
    def alive(self) -> bool:
        return not self._closed_reason and not self.page_crashed and self._poll() is None

    def _poll(self) -> int | None:
        if self._exit_status is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                self._exit_status = -1
                return self._exit_status
            if pid:
                self._exit_status = os.waitstatus_to_exitcode(status)
        return self._exit_status

    def _wait(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self._poll() is None:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.02)
        return True

    def _log_tail(self) -> str:
        try:
            text = Path(self._profile, "chromium.log").read_text(errors="replace").strip()
        except OSError:
            return ""
        lines = [line for line in text.splitlines() if "unexpected operator" not in line][-5:]
        return ("\n" + "\n".join(lines)) if lines else ""

    def close(self) -> None:
        """Ask Chromium to quit, kill it (and what it started) if it does not, and remove its profile folder."""
        if self._closed:
            return
        self._closed = True
        if self._poll() is None and not self._closed_reason:
            with contextlib.suppress(ChromiumError):
                self.call("Browser.close", timeout=5)
        if not self._wait(5):
            self._kill_group()
            self._wait(5)
        with contextlib.suppress(OSError):
            os.close(self._cmd_in)
        self._reader.join(timeout=5)  # ends at the end of the pipe, now that Chromium is gone
        if not self._reader.is_alive():
            with contextlib.suppress(OSError):
                os.close(self._out)
        self._fail_pending("the browser has been closed", closed=True)
        shutil.rmtree(self._profile, ignore_errors=True)

    def _kill_group(self) -> None:
        with contextlib.suppress(OSError):
            os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
