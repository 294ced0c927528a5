"""Runs inside each workshop kernel: warm up, learn the company from the server, show its form.

Pre-heated kernels execute the workshop notebook before anyone asks for them. The heavy part (imports,
questionnaire, the form's widgets built for nobody, see :mod:`.prebuilt`) happens then; the kernel then waits
until the server hands it to a participant and tells it the company (resolved server-side from the
participant's token; the token itself never reaches a kernel). Only then is the company's file read and the
form bound to it. The company id is checked again here and the file is always ``COHORT_DIR/<company-id>.json``.
"""

from __future__ import annotations

import asyncio
import errno
import html
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

ENV_COHORT = "TOOLKIT_WORKSHOP_COHORT"
ENV_QUESTIONNAIRE = "TOOLKIT_WORKSHOP_QUESTIONNAIRE"
ENV_SECRET = "TOOLKIT_WORKSHOP_SECRET"
SECRET_HEADER = "X-Toolkit-Kernel-Secret"


async def _receive(url: str, secret: str) -> str | None:
    import websockets

    for attempt in range(30):  # the server may be busy starting other kernels: be patient, never give up early
        try:
            async with websockets.connect(
                url, additional_headers={SECRET_HEADER: secret}, open_timeout=60, close_timeout=1
            ) as ws:
                message = await ws.recv()
            return message if isinstance(message, str) else message.decode("utf-8")
        except (OSError, TimeoutError):
            await asyncio.sleep(min(0.2 * (attempt + 1), 2))
    return None


def request_info() -> dict[str, Any]:
    """The request details the server passes to this kernel (Voila's pre-heat hand-over, authenticated)."""
    if os.environ.get("VOILA_PREHEAT", "False") != "True":
        return dict(os.environ)
    host = os.environ.get("VOILA_APP_IP", "127.0.0.1")
    port = os.environ.get("VOILA_APP_PORT", "8866")
    base = os.environ.get("VOILA_SERVER_URL", "/")
    url = f"ws://{host}:{port}{base}voila/query/{os.environ.get('VOILA_KERNEL_ID', '')}"
    result: dict[str, Any] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        try:
            raw = loop.run_until_complete(_receive(url, os.environ.get(ENV_SECRET, "")))
            if raw:
                result.update(json.loads(raw))
        finally:
            loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join()
    return result


def company_path(info: dict[str, Any]) -> Path:
    from toolkit.responses import is_company_id

    values = parse_qs(str(info.get("QUERY_STRING", ""))).get("company", [])
    cid = values[0] if len(values) == 1 else ""
    if not is_company_id(cid):
        raise PermissionError("no company for this kernel")
    cohort = Path(os.environ[ENV_COHORT]).resolve()
    path = (cohort / f"{cid}.json").resolve()
    if path.parent != cohort:
        raise PermissionError("company file outside the cohort folder")
    return path


class _ClosedSocketAtShutdown(logging.Filter):
    """Drops the one error ipykernel 7 may log while the server shuts the kernel down gracefully (Ctrl+C): its
    last "idle" status sent on a socket it has just closed (ZMQError ENOTSOCK). The kernel has already answered
    the shutdown and saved what was pending; a traceback would only alarm the facilitator."""

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        return not (type(exc).__name__ == "ZMQError" and getattr(exc, "errno", None) == errno.ENOTSOCK)


def run() -> None:
    """The workshop notebook's only cell."""
    import ipywidgets
    from IPython.display import HTML, display

    logging.getLogger("tornado.general").addFilter(_ClosedSocketAtShutdown())  # where zmq's streams log it

    from toolkit.definitions.loader import load_questionnaire
    from toolkit.errors import ToolkitError
    from toolkit.form.session import FormSession
    from toolkit.form.workshop.prebuilt import prebuilt_form
    from toolkit.i18n import DEFAULT_LANG, LANGS, t

    qn = load_questionnaire(os.environ[ENV_QUESTIONNAIRE])
    form = prebuilt_form(qn)  # before waiting: the participant does not wait for the widgets to be built
    try:
        path = company_path(request_info())
    except (PermissionError, OSError, ValueError):
        ipywidgets.Widget.close_all()
        display(
            HTML(f"<p style='font-size:18px;color:#b91c1c'>{html.escape(t('form.ws_forbidden', DEFAULT_LANG))}</p>")
        )
        return
    try:
        form.bind(FormSession(path, qn))
    except ToolkitError as exc:  # e.g. a damaged file: say so plainly; the facilitator can restore it
        ipywidgets.Widget.close_all()
        failed = " · ".join(t("form.open_failed", lang) for lang in LANGS)
        detail = str(exc).replace(str(path.parent) + os.sep, "")
        display(
            HTML(
                f"<div style='font-size:16px;color:#b91c1c'><b>{html.escape(failed)}</b>"
                f"<pre style='white-space:pre-wrap'>{html.escape(detail)}</pre></div>"
            )
        )
        return
    display(view_bundle(form.widget), raw=True)


def view_bundle(widget: Any) -> dict[str, Any]:
    """What ``display(widget)`` sends, without the plain-text form that ipywidgets builds from the ``repr`` of
    every widget in the tree (a few hundredths of a second per participant, only to be cut to 110 characters)."""
    view = {"version_major": 2, "version_minor": 0, "model_id": widget.model_id}
    return {"text/plain": type(widget).__name__, "application/vnd.jupyter.widget-view+json": view}
