"""The message catalogues, one module per part of the toolkit, each a table ``key -> {language: text}``.

The module's name is the first part of a key: ``report.score_of`` is ``score_of`` in :mod:`.report`. To add a
language, add it to :data:`toolkit.i18n.LANGS` (with its name and number format next to it) and to the
questionnaire's ``languages``, then its text to every entry of every catalogue; ``tests/test_i18n.py`` names every
text still missing.
"""

from __future__ import annotations

from toolkit.i18n.catalogues import cohort, core, form, plan, report, vsme

CATALOGUES: dict[str, dict[str, dict[str, str]]] = {
    "core": core.STRINGS,
    "report": report.STRINGS,
    "form": form.STRINGS,
    "cohort": cohort.STRINGS,
    "plan": plan.STRINGS,
    "vsme": vsme.STRINGS,
}
