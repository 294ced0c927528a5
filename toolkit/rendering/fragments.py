"""The pieces a report section is made of: escaped HTML fragments (:class:`Html`) rendered from the autoescaping
Jinja templates in ``toolkit/templates/report/sections``, and :class:`Section`, several outputs in a row."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from toolkit.definitions.paths import TEMPLATES as PACKAGE_TEMPLATES
from toolkit.rendering import charts as C
from toolkit.rendering.fmt import co2

TEMPLATES = PACKAGE_TEMPLATES / "report"


@lru_cache(maxsize=1)
def env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES / "sections")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
    )


def _finalize(value: Any) -> Any:
    """Every printed text passes here: CO₂ is written one way everywhere (the questionnaire and the factor
    sources say 'CO2' in places). Markup (already rendered HTML) passes unchanged."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return co2(value)
    return value


class Html:
    """One escaped HTML fragment of the report (displays as ``text/html``)."""

    def __init__(self, markup: str) -> None:
        self.markup = markup

    def _repr_html_(self) -> str:
        return self.markup

    def html(self) -> str:
        return self.markup

    def __repr__(self) -> str:
        return "<report section>"


class Section:
    """Several outputs in a row (HTML fragments and charts); displays each as its own output. A section without
    parts displays nothing (an optional section that does not apply)."""

    def __init__(self, parts: Iterable[Html | C.Chart]) -> None:
        self.parts = list(parts)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for part in self.parts:
            display(part)

    def html(self) -> str:
        return "\n".join(p.html() for p in self.parts)

    @property
    def charts(self) -> list[C.Chart]:
        return [p for p in self.parts if isinstance(p, C.Chart)]

    def __repr__(self) -> str:
        return f"<report section: {len(self.parts)} parts>"
