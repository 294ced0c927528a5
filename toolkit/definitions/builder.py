"""What the parts of the questionnaire loader (cooperation lists, question types) may ask of the loader while
they check their piece of the YAML: report a located error or warning and read typed nodes. The loader's builder
implements it; the parts depend on this protocol, not on the loader, so no import circle forms."""

from __future__ import annotations

import re
from typing import Any, Protocol

from toolkit.definitions.model import Text
from toolkit.definitions.yamlsource import Source
from toolkit.errors import Code

Path_ = tuple[Any, ...]  # the path of a node in the YAML document: keys and list indexes


class Builder(Protocol):
    src: Source

    def err(self, code: Code, path: Path_, at_key: bool = False, **fields: Any) -> None: ...

    def warn(self, code: Code, path: Path_, at_key: bool = False, **fields: Any) -> None: ...

    def mapping(
        self, node: Any, path: Path_, what: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
    ) -> dict[str, Any] | None: ...

    def seq(self, node: Any, path: Path_, what: str) -> list[Any]: ...

    def text(self, node: Any, path: Path_, what: str, required: bool = True) -> Text: ...

    def ident(self, node: Any, path: Path_, kind: str, pattern: re.Pattern[str] = ...) -> str | None: ...
