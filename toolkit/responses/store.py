"""Saving a response: locked, atomic, and never over a newer revision on disk."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from pathlib import Path

from toolkit.atomic import atomic_write_bytes, temp_target
from toolkit.errors import Code, Location, ResponseError, StaleRevisionError
from toolkit.responses.document import Response
from toolkit.responses.parse import read_json


def _lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with open(_lock_path(path), "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def disk_revision(path: str | Path) -> int | None:
    """The revision of the document on disk, or None when there is none."""
    p = Path(path)
    if not p.exists():
        return None
    data, _ = read_json(p)
    rev = data.get("revision", 0)
    return rev if isinstance(rev, int) else 0


def remove_stale_temp_files(folder: str | Path, holding: str | Path | None = None) -> list[Path]:
    """Remove the temporary copies of responses that a killed save left in ``folder``; the paths removed.

    A temporary file (``.<name>.<random>.tmp``) belongs to a response when that response has a lock file,
    which every save takes before it creates one. It is stale when nobody holds the lock: a live writer holds
    it for as long as its temporary file exists. ``holding`` is a response whose lock the caller holds itself.
    Other temporary files (reports, manifests) are left alone.
    """
    folder = Path(folder)
    held = Path(holding).name if holding is not None else None
    temps: dict[str, list[Path]] = {}
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            target = temp_target(entry.name)
            if target is not None:
                temps.setdefault(target, []).append(Path(entry.path))
    removed: list[Path] = []
    for target, paths in temps.items():
        if target == held:
            removed += _unlink_all(paths)
            continue
        try:
            fh = open(_lock_path(folder / target))  # noqa: SIM115 - closed below; never creates a lock file
        except OSError:  # no lock file: not a response's, or not ours to judge
            continue
        with fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # a live save of that response
                continue
            try:
                removed += _unlink_all(paths)
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
    return removed


def _unlink_all(paths: list[Path]) -> list[Path]:
    removed = []
    for p in paths:
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
            removed.append(p)
    return removed


def save_response(resp: Response, path: str | Path | None = None) -> int:
    """Save atomically and bump the revision. Refuses (StaleRevisionError) when the file on disk has a higher
    revision than the one ``resp`` was loaded from; nothing is written then. Returns the new revision.

    Temporary copies that killed saves left in the folder are removed first (:func:`remove_stale_temp_files`).
    """
    target = Path(path or resp.path or "")
    if not str(target):
        raise ValueError("save_response needs a path")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _locked(target):
        on_disk = disk_revision(target)
        if on_disk is not None and on_disk > resp.revision:
            raise StaleRevisionError([Code.R020.problem(Location(str(target)), disk=on_disk, mine=resp.revision)])
        remove_stale_temp_files(target.parent, holding=target)
        doc = resp.to_dict()
        doc["revision"] = max(resp.revision, on_disk or 0) + 1
        text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:  # an unpaired surrogate from a browser or a script: nothing is written
            escape = f"\\u{ord(text[exc.start]):04x}"
            raise ResponseError([Code.R024.problem(Location(str(target)), escape=escape)]) from None
        atomic_write_bytes(target, data)
    resp.revision = doc["revision"]
    resp.path = str(target)
    return resp.revision
