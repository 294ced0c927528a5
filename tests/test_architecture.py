"""The package's structure (ARCHITECTURE.md): no import circles, every package inside a layer contract.

The layer contracts themselves run with ``lint-imports`` in ``make test``; these tests catch what the contracts
cannot see: a circle inside one layer, and a new top-level module that no contract covers.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every toolkit module and the toolkit modules it imports, counting imports inside functions and under
    TYPE_CHECKING too: a circle hidden by a late import is still a circle in the design."""
    files = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in files}
    for mod, path in files.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in files else base for a in node.names]
            for t in targets:
                while t and t not in files:  # an attribute of a module: the module itself
                    t = t.rpartition(".")[0]
                if t and t != mod and t != "toolkit":
                    graph[mod].add(t)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_circle_in_the_package():
    found = cycles(import_graph())
    assert not found, "import circles (break them by moving the shared part one layer down): " + "; ".join(
        " <-> ".join(c) for c in found
    )


def test_every_package_of_the_toolkit_is_in_the_layer_contract():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["id"] == "layers")["layers"]
    covered = {name.strip() for layer in layers for name in layer.replace(":", "|").split("|")}
    top_level = {module_name(p) for p in PACKAGE.glob("*.py")} | {
        module_name(p / "__init__.py") for p in PACKAGE.iterdir() if (p / "__init__.py").exists()
    }
    top_level -= {"toolkit", "toolkit.__main__"}  # the package itself and `python -m toolkit`
    assert top_level - covered == set(), "add these to a layer in pyproject.toml's [tool.importlinter]"


def test_only_the_command_line_imports_the_command_line():
    graph = import_graph()
    importers = {m for m, deps in graph.items() if any(d.startswith("toolkit.cli") for d in deps)}
    assert {m for m in importers if not m.startswith("toolkit.cli")} <= {"toolkit.__main__"}
