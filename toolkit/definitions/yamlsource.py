"""Read YAML into plain Python values while keeping the line and column of every node.

``load_yaml`` returns a :class:`Source`: the data (dicts, lists, scalars) and a map from each node's path
(a tuple of keys and indices) to its location. Keys have their own entries under ``path + ("<key>",)`` so
that an unknown key can be reported where the key is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import Code, Location, Problem, QuestionnaireError

KEY = "<key>"
PathT = tuple[Any, ...]
MAX_ALIAS_VALUES = 10_000  # values that YAML aliases may repeat in one file (a questionnaire needs none)
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]", re.MULTILINE)  # '&name' (not the '&' of "R & D")

Loader = yaml.CSafeLoader | yaml.SafeLoader
try:  # the C loader is much faster on large files and keeps the same marks
    _Loader: type[Loader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the libyaml build
    _Loader = yaml.SafeLoader


@dataclass
class Source:
    path: str
    data: Any
    marks: dict[PathT, tuple[int, int]] = field(default_factory=dict)

    def loc(self, path: PathT, key: bool = False) -> Location:
        """The location of the node at ``path`` (of its key when ``key``), or of the nearest parent."""
        probe = (*path, KEY) if key else path
        while probe:
            if probe in self.marks:
                line, col = self.marks[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        mark = self.marks.get(())
        return Location(self.path, *(mark or (1, 1)))


def _yaml_problem(path: str, exc: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    col = mark.column + 1 if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    detail = f"{problem}" + (f" ({context})" if context else "")
    hint = ""
    if mark is not None:
        lines = text.splitlines()
        src = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in src or "\t" in problem:
            hint = ": YAML does not allow tabs for indentation; indent with spaces"
        elif "quote" in detail or "scalar" in detail:
            hint = ": close the quotation mark that was opened"
    return Code.Q001.problem(Location(path, line, col), detail=detail, hint=hint)


def _check_aliases(text: str, path: str) -> None:
    """Refuse alias bombs before anything is expanded: an alias may repeat only content without aliases (no
    aliases of aliases), never the structure it stands in, and all aliases together at most MAX_ALIAS_VALUES
    values. Raises QuestionnaireError at the offending alias."""
    if "*" not in text or not _ANCHOR.search(text):  # without an anchor there is nothing to repeat
        return
    sizes: dict[str, tuple[int, bool]] = {}  # closed anchor -> (values in it, whether it uses an alias)
    open_: list[list[Any]] = []  # per open mapping/sequence: [anchor, values, uses an alias]
    expanded = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            mark, alias = event.start_mark, event.anchor or ""  # an alias always has both
            where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
            if any(frame[0] == alias for frame in open_):
                raise QuestionnaireError([Code.Q008.problem(where, alias=alias)])
            count, nested = sizes.get(alias, (1, False))
            if nested:
                raise QuestionnaireError([Code.Q006.problem(where, alias=alias)])
            expanded += count
            if expanded > MAX_ALIAS_VALUES:
                raise QuestionnaireError([Code.Q007.problem(where, limit=f"{MAX_ALIAS_VALUES:,}")])
            if open_:
                open_[-1][1] += 1
                open_[-1][2] = True
        elif isinstance(event, yaml.ScalarEvent):
            if event.anchor:
                sizes[event.anchor] = (1, False)
            if open_:
                open_[-1][1] += 1
        elif isinstance(event, yaml.CollectionStartEvent):
            open_.append([event.anchor, 1, False])
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, count, nested = open_.pop()
            if anchor:
                sizes[anchor] = (count, nested)
            if open_:
                open_[-1][1] += count
                open_[-1][2] = open_[-1][2] or nested


def _convert(node: yaml.Node, loader: Loader, path: PathT, src: Source, problems: list[Problem]) -> Any:
    src.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                key = str(key)
            key_path = (*path, key)
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                problems.append(Code.Q013.problem(Location(src.path, *key_mark), key=key))
                continue
            src.marks[(*key_path, KEY)] = key_mark
            out[key] = _convert(value_node, loader, key_path, src, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, loader, (*path, i), src, problems) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load_yaml(path: str | Path, text: str | None = None) -> Source:
    """Load a YAML file keeping marks. Raises QuestionnaireError with located problems, never a traceback."""
    spath = str(path)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError:
            raise QuestionnaireError([Code.Q005.problem(Location(spath))]) from None
        except IsADirectoryError:
            raise QuestionnaireError(
                [Code.Q004.problem(Location(spath), what="the path", expected="file", found="a directory")]
            ) from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            raise QuestionnaireError(
                [Code.Q003.problem(Location(spath, line, col), detail=f"byte 0x{raw[exc.start]:02x}")]
            ) from None
        if "\x00" in text:
            line = text[: text.index("\x00")].count("\n") + 1
            raise QuestionnaireError([Code.Q003.problem(Location(spath, line, 1), detail="NUL bytes: a binary file")])
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise QuestionnaireError([Code.Q002.problem(Location(spath, 1, 1))])
    src = Source(spath, None)
    problems: list[Problem] = []
    loader = _Loader(text)
    try:
        _check_aliases(text, spath)
        node = loader.get_single_node()
        if node is None:
            raise QuestionnaireError([Code.Q002.problem(Location(spath, 1, 1))])
        src.data = _convert(node, loader, (), src, problems)
    except yaml.YAMLError as exc:
        raise QuestionnaireError([_yaml_problem(spath, exc, text)]) from None
    finally:
        loader.dispose()
    if problems:
        raise QuestionnaireError(problems)
    return src
