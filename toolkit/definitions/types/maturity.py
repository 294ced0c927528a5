"""``maturity``: a ladder of 3-5 observable practices, each with a level 0-4 (alias ``ladder``)."""

from __future__ import annotations

from toolkit.definitions.types.one_option import OneOptionType


class Maturity(OneOptionType):
    name = "maturity"
    aliases = ("ladder",)
    top_evidence = True


TYPE = Maturity()
