"""The workshop form built before its company is known, bound on arrival; the pool refilled once arrivals calm down.

No kernel and no server here: ipywidgets outside a kernel keeps its widgets in memory, which is all that binding
and the equality of two forms need.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import ipywidgets as w
import pytest
from ipywidgets.widgets import widget as widget_module

from tests.conftest import EXAMPLES, QUESTIONNAIRE
from toolkit.definitions.model import Questionnaire
from toolkit.form.app import AssessmentForm, page_id
from toolkit.form.session import FormSession, write_ui_state
from toolkit.form.workshop import kernel as workshop_kernel
from toolkit.form.workshop.cohort import create_responses
from toolkit.form.workshop.prebuilt import UnboundSession, prebuilt_form
from toolkit.responses import Answer, load_response, save_response


def snapshot(widget: w.Widget) -> dict[str, Any]:
    """Everything a browser would show of a widget tree: every synced trait, children and layouts followed."""
    out: dict[str, Any] = {"_class": type(widget).__name__}
    for key in widget.keys:
        if key.startswith(("_model_", "_view_")):
            continue
        value = getattr(widget, key)
        if isinstance(value, w.Widget):
            value = snapshot(value)
        elif isinstance(value, tuple | list) and value and all(isinstance(v, w.Widget) for v in value):
            value = [snapshot(v) for v in value]
        out[key] = value
    return out


def open_texts() -> str:
    """The text of every widget still open (what a kernel would send the browser when asked for its states)."""
    return json.dumps([m.get_state() for m in list(widget_module._instances.values())], default=str, ensure_ascii=False)


def company_file(folder: Path, qn: Questionnaire, cid: str, name: str, note: str | None = None) -> Path:
    """A full example response re-labelled as company ``cid``, with ``note`` on the first question."""
    resp = load_response(EXAMPLES / "manufacturer.json", qn)
    resp.company.id, resp.company.name = cid, name
    first = next(iter(qn.criteria())).questions[0].id
    if note is not None:
        old = resp.answers[first]
        resp.answers[first] = Answer(value=old.value, unit=old.unit, note=note)
    path = folder / f"{cid}.json"
    save_response(resp, path)
    return path


@pytest.fixture(autouse=True)
def _no_widgets_left() -> Any:
    yield
    w.Widget.close_all()


@pytest.mark.parametrize("case", ["new company", "full answers", "English, on a criterion page"])
def test_a_form_built_for_nobody_and_bound_equals_the_form_built_for_the_company(
    tmp_path: Path, qn: Questionnaire, case: str
) -> None:
    if case == "new company":
        create_responses(tmp_path, {"a1": "Alpha GmbH"}, qn)
        path = tmp_path / "a1.json"
    else:
        path = company_file(tmp_path, qn, "a1", "Alpha GmbH", note="Notiz von Alpha")
    if case.startswith("English"):
        write_ui_state(path, {"lang": "en", "page": page_id(list(qn.criteria())[4])})
    form = prebuilt_form(qn)
    form.bind(FormSession(path, qn))
    assert snapshot(form.widget) == snapshot(AssessmentForm(path, qn).widget)


def test_a_bound_form_saves_to_its_company_through_the_widgets_built_before(tmp_path: Path, qn: Questionnaire) -> None:
    create_responses(tmp_path, {"a1": "Alpha GmbH", "b2": "Beta AG"}, qn)
    before_b2 = (tmp_path / "b2.json").read_bytes()
    names = {p.name for p in tmp_path.iterdir()}
    form = prebuilt_form(qn)
    kept = form.profile_input("employees")  # empty for nobody and for Alpha: kept, not built again
    form.bind(FormSession(tmp_path / "a1.json", qn))
    assert form.profile_input("employees") is kept
    kept.input.value = "12"
    form.profile_input("name").input.value = "Alpha Metall GmbH"
    saved = load_response(tmp_path / "a1.json", qn).company
    assert (saved.employees, saved.name) == (12, "Alpha Metall GmbH")
    assert (tmp_path / "b2.json").read_bytes() == before_b2
    new = {p.name for p in tmp_path.iterdir()} - names
    assert all(name.startswith(".a1.json.") for name in new), new  # at most Alpha's sidecar files


def test_a_form_of_nobody_saves_nothing(tmp_path: Path, qn: Questionnaire, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    form = AssessmentForm(UnboundSession(qn), qn)
    form.profile_input("name").input.value = "Irgendwer"
    form.show(form.page_order[3])  # remembering the page writes nothing either
    assert not form.session.save().saved and list(tmp_path.iterdir()) == []


def test_a_waiting_kernel_has_its_form_built_but_binds_its_company_only_after_the_link_is_opened(
    tmp_path: Path, qn: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``run()``, the workshop notebook's cell, as a pre-heated kernel runs it: the request info arrives while
    the form already exists; before, no widget holds any company's data; after, only the company of the link."""
    company_file(tmp_path, qn, "a1", "Alpha GmbH", note="Notiz von Alpha")
    company_file(tmp_path, qn, "b2", "Beta AG", note="Geheimer Plan von Beta")
    first_page = page_id(next(iter(qn.criteria())))
    for cid in ("a1", "b2"):
        write_ui_state(tmp_path / f"{cid}.json", {"page": first_page})  # the page showing the note
    files = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    monkeypatch.setenv(workshop_kernel.ENV_COHORT, str(tmp_path))
    monkeypatch.setenv(workshop_kernel.ENV_QUESTIONNAIRE, str(QUESTIONNAIRE))
    while_waiting: dict[str, Any] = {}

    def request_info() -> dict[str, str]:  # the server hands the kernel its participant's company
        while_waiting["widgets"] = len(widget_module._instances)
        while_waiting["texts"] = open_texts()
        while_waiting["files"] = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
        return {"QUERY_STRING": "company=a1"}

    shown: list[Any] = []
    monkeypatch.setattr(workshop_kernel, "request_info", request_info)
    monkeypatch.setattr("IPython.display.display", lambda obj, **kw: shown.append((obj, kw)))
    workshop_kernel.run()

    assert while_waiting["widgets"] >= 50, "the form was built before the company was known"
    for secret in ("Alpha", "Beta", "Notiz", "Geheimer"):
        assert secret not in while_waiting["texts"]
    assert while_waiting["files"] == files
    [(bundle, options)] = shown
    assert options == {"raw": True} and set(bundle) == {"text/plain", "application/vnd.jupyter.widget-view+json"}
    model_id = bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    form_texts = json.dumps(snapshot(widget_module._instances[model_id]), default=str, ensure_ascii=False)
    assert "Alpha GmbH" in form_texts and "Notiz von Alpha" in form_texts
    everything = open_texts()
    assert "Beta" not in everything and "Geheimer" not in everything


class FakePool:
    """Voila's kernel manager as far as the pool refill is concerned."""

    def __init__(self) -> None:
        self.kernel_pools_config = {"default": {"pool_size": 5}}
        self.fills: list[dict[str, Any]] = []
        self._pools: dict[str, list[object]] = {"form.ipynb": [object()] * 5}  # kernels still ready

    def list_kernel_ids(self) -> list[str]:
        return []

    def fill_if_needed(self, **kwargs: Any) -> None:
        self.fills.append(kwargs)


def test_the_pool_is_refilled_only_once_the_participants_arrival_has_calmed_down(tmp_path: Path) -> None:
    from toolkit.form.workshop.server import (
        REFILL_MAX_WAIT_S,
        REFILL_QUIET_S,
        RELOAD_BUFFER,
        Workshop,
        limit_refills,
        refill_when_quiet,
    )
    from toolkit.form.workshop.tokens import TokenStore

    ws = Workshop(tmp_path, None, TokenStore(tmp_path / "t.json"), "secret", companies=5)  # type: ignore[arg-type]
    km = FakePool()
    limit_refills(km, ws, pool_size=5)
    km.fill_if_needed(delay=None, notebook_name="form.ipynb")  # Voila, right after a participant took a kernel
    km.fill_if_needed(delay=None, notebook_name="form.ipynb")
    assert km.fills == []
    now = time.monotonic()
    ws.last_opened = now
    assert not refill_when_quiet(km, ws, now + REFILL_QUIET_S - 1)  # others are still arriving
    ws.opening.add("c3")
    assert not refill_when_quiet(km, ws, now + REFILL_QUIET_S + 1)  # a page is being opened right now
    ws.opening.clear()
    assert refill_when_quiet(km, ws, now + REFILL_QUIET_S)
    assert km.fills == [{"delay": 0, "notebook_name": "form.ipynb"}]
    assert not refill_when_quiet(km, ws, now + 100)  # owed once, refilled once

    km.fill_if_needed(delay=None, notebook_name="form.ipynb")
    owed_since = ws.refill_owed[1] if ws.refill_owed else 0.0
    ws.last_opened = owed_since + REFILL_MAX_WAIT_S  # a steady trickle of arrivals never lets it be quiet
    assert refill_when_quiet(km, ws, owed_since + REFILL_MAX_WAIT_S) and len(km.fills) == 2
    km.fill_if_needed(delay=0, notebook_name="form.ipynb")  # the server's own refills are not held back
    assert len(km.fills) == 3

    km._pools["form.ipynb"] = [object()] * (RELOAD_BUFFER - 1)  # about to run dry: refilled as Voila would
    km.fill_if_needed(delay=None, notebook_name="form.ipynb")
    assert km.fills[-1] == {"delay": None, "notebook_name": "form.ipynb"} and len(km.fills) == 4
