"""The assessment form: ipywidgets generated from the questionnaire, autosaved to the company's response file.

In a notebook, ask which company (open existing answers in a folder or create them from the company's name)::

    from toolkit.form import choose_company
    choose_company("../reports/responses")

or open one file directly::

    from toolkit.form import show_form
    show_form("../reports/responses/mueller-metallbau.json")

The workshop app (``toolkit workshop``) serves the same form through Voila, one secret link per company.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.form.session import FormError, FormSession, SaveOutcome
from toolkit.i18n import t

if TYPE_CHECKING:
    from toolkit.definitions.model import Questionnaire
    from toolkit.form.app import AssessmentForm
    from toolkit.form.picker import CompanyPicker

__all__ = [
    "AssessmentForm",
    "CompanyPicker",
    "FormError",
    "FormSession",
    "SaveOutcome",
    "choose_company",
    "open_form",
    "show_form",
]


def open_form(
    response: str | Path,
    questionnaire: Questionnaire | str | Path | None = None,
    lang: str | None = None,
    company_name: str | None = None,
) -> AssessmentForm:
    """The form on ``response`` (created from its file name as company id when it does not exist)."""
    from toolkit.form.app import AssessmentForm

    return AssessmentForm(response, questionnaire, lang=lang, company_name=company_name)


def show_form(
    response: str | Path,
    questionnaire: Questionnaire | str | Path | None = None,
    lang: str | None = None,
) -> AssessmentForm | None:
    """Display the form in the notebook. Problems (a bad file name, a file that is no response, a damaged one)
    are shown as a short message in the chosen language with what to do, not as a traceback."""
    from IPython.display import HTML, display

    from toolkit.errors import ToolkitError

    try:
        form = open_form(response, questionnaire, lang=lang)
    except ToolkitError as exc:
        import html

        lang = lang or "de"
        said = exc.message(lang) if isinstance(exc, FormError) else ""
        detail = "" if isinstance(exc, FormError) and exc.key in ("not_a_response", "bad_company_id") else str(exc)
        display(
            HTML(
                f"<div role='alert' style='border:2px solid #dc2626;border-radius:8px;padding:10px 14px;"
                f"background:#fef2f2'><b>{html.escape(t('form.open_failed', lang))}</b>"
                f"<p>{html.escape(said)}</p>"
                + (f"<pre style='white-space:pre-wrap'>{html.escape(detail)}</pre>" if detail else "")
                + "</div>"
            )
        )
        return None
    display(form.widget)
    return form


def choose_company(
    folder: str | Path = "../reports/responses",
    questionnaire: Questionnaire | str | Path | None = None,
    lang: str = "de",
) -> CompanyPicker:
    """Ask which company: open existing answers in ``folder`` or create them from the company's name."""
    from toolkit.form.picker import choose_company as _choose

    return _choose(folder, questionnaire, lang)


def __getattr__(name: str) -> object:
    if name == "AssessmentForm":
        from toolkit.form.app import AssessmentForm

        return AssessmentForm
    if name == "CompanyPicker":
        from toolkit.form.picker import CompanyPicker

        return CompanyPicker
    raise AttributeError(name)
