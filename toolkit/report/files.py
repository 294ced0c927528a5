"""Output files of a report: names from the validated company id only, written atomically."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from ..errors import RenderError

SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def output_paths(out_dir: str | Path, company_id: str, lang: str) -> dict[str, Path]:
    """``<id>_report_<lang>.pdf``, ``<id>_scorecard.json`` and ``<id>_report_<lang>.html`` inside ``out_dir``.

    The id was validated by the response loader; it is checked again here so that no file can ever land outside
    ``out_dir`` whatever the caller passes."""
    if not SAFE_ID.fullmatch(company_id) or lang not in ("de", "en"):
        raise RenderError(company_id, "write", "the company id is not a safe file name ([A-Za-z0-9._-], 1-64)")
    out = Path(out_dir).resolve()
    paths = {
        "pdf": out / f"{company_id}_report_{lang}.pdf",
        "scorecard": out / f"{company_id}_scorecard.json",
        "html": out / f"{company_id}_report_{lang}.html",
    }
    for p in paths.values():
        if p.parent != out:
            raise RenderError(company_id, "write", f"refusing to write outside {out}")
    return paths


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same directory, fsync, then rename over ``path``: readers see the old
    file or the complete new one, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
