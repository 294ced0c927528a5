"""Output files of a report: names from the validated company id only, written atomically."""

from __future__ import annotations

from pathlib import Path

from toolkit.atomic import atomic_write_bytes
from toolkit.errors import RenderError
from toolkit.i18n import LANGS
from toolkit.responses import is_company_id

__all__ = ["atomic_write_bytes", "output_paths"]


def output_paths(out_dir: str | Path, company_id: str, lang: str) -> dict[str, Path]:
    """``<id>_report_<lang>.pdf``, ``<id>_scorecard.json`` and ``<id>_report_<lang>.html`` inside ``out_dir``.

    The id was validated by the response loader; it is checked again here so that no file can ever land outside
    ``out_dir`` whatever the caller passes."""
    if not is_company_id(company_id) or lang not in LANGS:
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
