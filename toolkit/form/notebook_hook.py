"""Keep the participants' notebook as shipped when JupyterLab saves it (autosave, Ctrl+S, "save" on closing).

Running ``notebooks/assessment.ipynb`` fills it with outputs (the form), execution counts and the kernel's
language details; saved, those would mark the file changed in git, travel with it and could carry a company's
name. This module is a Jupyter server extension, enabled for the environment by
``jupyter-config/jupyter_server_config.d/sme-toolkit.json`` (installed by ``make setup``); it registers
:func:`keep_clean` as a pre-save hook of the server's contents manager. The hook acts only on notebooks whose
metadata says ``"sme_toolkit": {"keep_clean": true}``:

* the cells' sources are what is on disk: the file on disk is saved again unchanged (same bytes);
* someone edited a source (maintaining the notebook): the edit is saved, without outputs, execution counts,
  widget state or run-time metadata.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import nbformat

MARKER = "sme_toolkit"
KEPT_NOTEBOOK_METADATA = ("kernelspec", MARKER)
KEPT_CELL_METADATA = ("jupyter", "tags")


def wants_clean(nb: dict[str, Any]) -> bool:
    marker = (nb.get("metadata") or {}).get(MARKER)
    return isinstance(marker, dict) and marker.get("keep_clean") is True


def clean(nb: dict[str, Any]) -> dict[str, Any]:
    """``nb`` without outputs, execution counts, widget state and run-time metadata (a JSON-like notebook)."""
    meta = nb.get("metadata") or {}
    kept = {k: meta[k] for k in KEPT_NOTEBOOK_METADATA if k in meta}
    kept["language_info"] = {"name": (meta.get("language_info") or {}).get("name", "python")}
    nb["metadata"] = kept
    for cell in nb.get("cells", []):
        cell["metadata"] = {k: v for k, v in (cell.get("metadata") or {}).items() if k in KEPT_CELL_METADATA}
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return nb


def _sources(nb: dict[str, Any]) -> list[tuple[str, str]]:
    out = []
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        out.append((cell.get("cell_type", ""), "".join(src) if isinstance(src, list) else src))
    return out


def keep_clean(model: dict[str, Any], path: str, contents_manager: Any, **_kwargs: Any) -> None:
    """The pre-save hook (see the module's text). Never raises: a save must not fail because of it."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    nb = model["content"]
    if not wants_clean(nb):
        return
    on_disk = None
    root = getattr(contents_manager, "root_dir", None)
    if root:
        with contextlib.suppress(Exception):  # no file yet, unreadable, not a notebook: clean what is saved
            on_disk = nbformat.read(Path(root) / path.lstrip("/"), as_version=4)
    if on_disk is not None and wants_clean(on_disk) and _sources(on_disk) == _sources(nb):
        model["content"] = nbformat.from_dict(on_disk)
        return
    model["content"] = nbformat.from_dict(clean(nb))


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "toolkit.form.notebook_hook"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    """Called by the Jupyter server (JupyterLab, Notebook) at start-up."""
    serverapp.contents_manager.register_pre_save_hook(keep_clean)
    serverapp.log.info("toolkit: notebooks marked sme_toolkit.keep_clean are saved as shipped")
