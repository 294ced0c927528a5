"""The form a workshop kernel builds while it waits for its participant, bound to the company on arrival.

A pre-heated kernel does not know its company until the participant opens the link. Building the form's
widgets is most of the work of opening it (about a hundred widgets, each a message from the kernel through
the server), so the kernel builds the form beforehand on an :class:`UnboundSession`: an empty response of no
company, held in memory, that saves nothing. When the server hands the kernel its company,
:meth:`~toolkit.form.app.AssessmentForm.bind` puts that company's session in and updates only the widgets
that show something else; the browser then receives the finished form's state and little more.

A kernel serves one company for its whole life (a reload gets a new kernel), and the form before binding holds
nobody's data, so no participant can see another company's answers through it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from toolkit.definitions.model import Questionnaire
from toolkit.form.app import AssessmentForm
from toolkit.form.session import FormSession, SaveOutcome
from toolkit.responses import Company, new_response


class UnboundSession(FormSession):
    """The session of a form whose company is not known yet: nobody's empty response, no file."""

    def __init__(self, qn: Questionnaire) -> None:  # no super().__init__: that opens or creates a file
        self.path = Path(os.devnull)
        self.qn = qn
        self.stale = False
        self.last_saved = None
        self.resp = new_response(qn, Company(id=""))
        self.ui: dict[str, Any] = {}

    def save(self) -> SaveOutcome:
        """Nothing is saved before the form belongs to a company (no browser shows it before)."""
        return SaveOutcome(False)

    def remember(self, **state: Any) -> None:
        return

    def reload(self) -> None:
        return


def prebuilt_form(qn: Questionnaire) -> AssessmentForm:
    """The form built for nobody, to be bound with ``form.bind(FormSession(path, qn))``."""
    return AssessmentForm(UnboundSession(qn), qn)
