"""The package's shape, checked: import directions, no cycles, modules and classes small enough to read.

These are issue 17's rules for where code may live; docs/architecture.md
describes the layout they protect.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "newsan"
MAX_MODULE_LINES = 500
MAX_CLASS_LINES = 200


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {module_name(p): ast.parse(p.read_text(encoding="utf-8")) for p in sorted(PACKAGE.rglob("*.py"))}


def imported(module: str, node: ast.AST, top_level_only: bool) -> set[str]:
    """The modules `node` imports (absolute names; `from a import b` counts b when b is a module)."""
    names: set[str] = set()
    body = node.body if top_level_only else list(ast.walk(node))
    package = module if module in PACKAGES else module.rpartition(".")[0]
    for item in body:
        if isinstance(item, ast.Import):
            names.update(alias.name for alias in item.names)
        elif isinstance(item, ast.ImportFrom):
            base = item.module or ""
            if item.level:
                anchor = package.rsplit(".", item.level - 1)[0] if item.level > 1 else package
                base = f"{anchor}.{base}".rstrip(".")
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in item.names)
    return names


MODULES = modules()
PACKAGES = {module_name(p) for p in PACKAGE.rglob("__init__.py")}


def internal_graph(top_level_only: bool) -> dict[str, set[str]]:
    return {name: {other for other in imported(name, tree, top_level_only) if other in MODULES and other != name}
            for name, tree in MODULES.items()}


def test_no_import_cycles_at_module_level():
    graph = internal_graph(top_level_only=True)
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for following in sorted(graph[node]):
            if state.get(following) == 1:
                cycles.append(path[path.index(following):] + [following])
            elif following not in state:
                visit(following, path + [following])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert cycles == []


@pytest.mark.parametrize("importer, forbidden", [
    ("newsan.ner", "newsan.evaluation"),       # the runtime taggers never need the scorer
    ("newsan.ner", "newsan.training"),         # nor the training code and its libraries
    ("newsan.analysis", "newsan.evaluation"),
    ("newsan.attribution", "newsan.evaluation"),
    ("newsan.arabic", "newsan.ner"),           # the Arabic rules are the bottom layer
    ("newsan.arabic", "newsan.analysis"),
    ("newsan.analysis", "newsan.report"),      # the report sits on top of the analysis, never under it
    ("newsan.attribution", "newsan.report"),
    ("newsan.runners", "newsan.report"),
    ("newsan.output", "newsan.report"),
    ("newsan.report", "newsan.analysis"),      # a report over JSON Lines never loads the pipeline
    ("newsan.report", "newsan.ner"),
    ("newsan.report", "newsan.runners.batch"),
])
def test_layers_import_downwards_only(importer, forbidden):
    graph = internal_graph(top_level_only=False)
    offending = sorted(f"{name} -> {other}" for name, others in graph.items() if name.startswith(importer)
                       for other in others if other.startswith(forbidden))
    assert offending == []


def test_only_the_cli_imports_click():
    users = sorted(name for name, tree in MODULES.items() if not name.startswith("newsan.cli")
                   and any(other.split(".")[0] == "click" for other in imported(name, tree, top_level_only=False)))
    assert users == []


def test_no_module_is_too_long_to_read():
    long = {name: len(path.read_text(encoding="utf-8").splitlines()) for path in PACKAGE.rglob("*.py")
            if len(path.read_text(encoding="utf-8").splitlines()) > MAX_MODULE_LINES
            for name in [module_name(path)]}
    assert long == {}


def test_no_class_is_too_long_to_hold_in_mind():
    long = {f"{name}.{node.name}": node.end_lineno - node.lineno + 1 for name, tree in MODULES.items()
            for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
            and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES}
    assert long == {}
