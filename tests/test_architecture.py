"""The architecture's guard: layers that only look down, and no import circle between modules.

DESIGN.md orders the layers; a module may import from its own package and from packages of a lower
layer, never from one above (not even inside a function); the front ends use everything. Imports
outside functions (those that run when a module loads, and those under ``if TYPE_CHECKING:``, which
tie the modules' types together just as much) must not form a circle; a method may import a view
lazily (``result.plot()``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

import journeymap

PACKAGE = Path(journeymap.__file__).parent

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "text"),
    ("model",),
    ("io",),
    ("analysis",),
    ("render",),
    ("simulation",),
    ("evidence",),
    ("experiment",),
    ("survey",),
    ("prioritize",),
    ("reporting",),
    ("cli", "widgets", "demo", "__init__", "__main__"),
)
"""Each top-level package or module of ``journeymap`` by layer, lowest first (as in DESIGN.md)."""

RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
FRONT = RANK["cli"]
"""Front ends (and the public face, which offers them) may use each other and everything below."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The ``journeymap`` modules an import statement loads (a name imported from a package counts as
    its submodule when one exists, else as the package itself)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names if alias.name.split(".")[0] == "journeymap"]
    if node.level:
        is_package = MODULES[module].name == "__init__.py"
        base = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    if source.split(".")[0] != "journeymap":
        return []
    found = []
    for alias in node.names:
        candidate = f"{source}.{alias.name}"
        found.append(candidate if candidate in MODULES else source)
    return found


def _imports(module: str) -> tuple[set[str], set[str]]:
    """(every journeymap module imported anywhere in ``module``, those imported outside functions)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    everywhere: set[str] = set()
    at_load: set[str] = set()

    def visit(node: ast.AST, loading: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import | ast.ImportFrom):
                targets = set(_resolve(module, child))
                everywhere.update(targets)
                if loading:
                    at_load.update(targets)
            elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                visit(child, False)
            else:
                visit(child, loading)

    visit(tree, True)
    everywhere.discard(module)
    at_load.discard(module)
    return everywhere, at_load


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = sorted({_top(m) for m in MODULES} - set(RANK))
    assert not unplaced, f"add these to LAYERS (and to DESIGN.md's picture): {unplaced}"


def test_layers_only_look_down() -> None:
    wrong = []
    for module in MODULES:
        here = _top(module)
        for target in _imports(module)[0]:
            there = _top(target)
            if there != here and RANK[there] >= RANK[here] and RANK[here] != FRONT:
                wrong.append(f"{module} imports {target} ({there} is not below {here})")
    assert not wrong, "\n".join(sorted(wrong))


def test_no_import_circle_between_modules() -> None:
    graph = nx.DiGraph()
    for module in MODULES:
        graph.add_node(module)
        for target in _imports(module)[1]:
            graph.add_edge(module, target)
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    assert not circles, "\n".join(" <-> ".join(c) for c in circles)


@pytest.mark.parametrize("source", ["from journeymap.render import draw", "import journeymap.render.dot"])
def test_the_guard_sees_an_upward_import(source: str) -> None:
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.Import | ast.ImportFrom)
    targets = _resolve("journeymap.model.journey", node)
    assert targets and all(RANK[_top(t)] > RANK["model"] for t in targets)
