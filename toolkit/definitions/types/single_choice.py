"""``single_choice``: one option of several, with levels 0-4 when scored (alias ``choice``)."""

from __future__ import annotations

from toolkit.definitions.types.one_option import OneOptionType


class SingleChoice(OneOptionType):
    name = "single_choice"
    aliases = ("choice",)
    top_evidence = True


TYPE = SingleChoice()
