"""``yes_no``: exactly the options ``yes`` and ``no`` (alias ``boolean``)."""

from __future__ import annotations

from typing import ClassVar

from toolkit.definitions.types.one_option import OneOptionType


class YesNo(OneOptionType):
    name = "yes_no"
    aliases = ("boolean",)
    option_rule = "fixed"
    fixed_options = ("yes", "no")
    default_labels: ClassVar[dict[str, dict[str, str]]] = {
        "yes": {"de": "Ja", "en": "Yes"},
        "no": {"de": "Nein", "en": "No"},
    }
    top_evidence = True
    inline = True


TYPE = YesNo()
