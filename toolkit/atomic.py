"""Atomic file writes: a reader sees the old file or the complete new one, never a half-written one."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"
# ``.<name>.<8 random characters>.tmp``, as tempfile.mkstemp names them below
_TEMP_NAME = re.compile(r"^\.(?P<target>.+)\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + "$")


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path``: temporary file in the same folder, flush, fsync, rename, fsync the folder.
    Temporary files are named ``.<name>.<random>.tmp`` and removed when the write fails or is interrupted."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=TEMP_SUFFIX, dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(p.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def atomic_write_text(path: str | Path, text: str) -> None:
    """:func:`atomic_write_bytes` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"))


def temp_target(name: str) -> str | None:
    """The name of the file a temporary file named ``name`` was going to replace, or None when ``name`` is not
    one of :func:`atomic_write_bytes`'s temporary files."""
    m = _TEMP_NAME.match(name)
    return m.group("target") if m else None
