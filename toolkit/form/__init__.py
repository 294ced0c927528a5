"""The assessment form: ipywidgets generated from the questionnaire, autosaved to the company's response file.

In a notebook::

    from toolkit.form import show_form
    show_form("../reports/meine-firma.json")

The workshop app (``toolkit workshop``) serves the same form through Voila, one secret link per company.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .session import FormError, FormSession, SaveOutcome
from .strings import t

if TYPE_CHECKING:
    from ..model import Questionnaire
    from .app import AssessmentForm

__all__ = ["AssessmentForm", "FormError", "FormSession", "SaveOutcome", "open_form", "show_form"]


def open_form(
    response: str | Path,
    questionnaire: Questionnaire | str | Path | None = None,
    lang: str | None = None,
    company_name: str | None = None,
) -> AssessmentForm:
    """The form on ``response`` (created from its file name as company id when it does not exist)."""
    from .app import AssessmentForm

    return AssessmentForm(response, questionnaire, lang=lang, company_name=company_name)


def show_form(
    response: str | Path,
    questionnaire: Questionnaire | str | Path | None = None,
    lang: str | None = None,
) -> AssessmentForm | None:
    """Display the form in the notebook. Problems (a bad file name, a damaged or foreign file) are shown as a
    short message with what to do, not as a traceback."""
    from IPython.display import HTML, display

    from ..errors import ToolkitError

    try:
        form = open_form(response, questionnaire, lang=lang)
    except ToolkitError as exc:
        import html

        lang = lang or "de"
        display(
            HTML(
                f"<div style='border:2px solid #dc2626;border-radius:8px;padding:10px 14px;background:#fef2f2'>"
                f"<b>{html.escape(t('open_failed', lang))}</b><pre style='white-space:pre-wrap'>"
                f"{html.escape(str(exc))}</pre></div>"
            )
        )
        return None
    display(form.widget)
    return form


def __getattr__(name: str) -> object:
    if name == "AssessmentForm":
        from .app import AssessmentForm

        return AssessmentForm
    raise AttributeError(name)
