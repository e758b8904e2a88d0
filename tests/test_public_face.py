"""The public face: one ``__all__`` that names real things, and no function hiding a module."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import types

import journeymap as jm


def test_every_public_name_resolves_once_and_nothing_imported_is_left_off() -> None:
    assert len(set(jm.__all__)) == len(jm.__all__)
    for name in jm.__all__:
        assert getattr(jm, name) is not None, name
    imported = {name for name, value in vars(jm).items()
                if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert imported - set(jm.__all__) == set()


def test_a_notebook_finds_the_method_on_the_face() -> None:
    for name in ("load", "template", "analyze", "draw", "simulate", "compare", "sweep", "Scenario",
                 "action_plan", "Intervention", "edit"):
        assert name in jm.__all__, name


def _packages() -> list[types.ModuleType]:
    found = [jm]
    for info in pkgutil.walk_packages(jm.__path__, "journeymap."):
        if info.ispkg and not info.name.startswith("journeymap.text.locale"):
            found.append(importlib.import_module(info.name))
    return found


def test_no_function_shadows_a_module_of_the_same_name() -> None:
    shadowed = []
    for package in _packages():
        for info in pkgutil.iter_modules(package.__path__):
            value = getattr(package, info.name, None)
            if value is not None and not inspect.ismodule(value):
                shadowed.append(f"{package.__name__}.{info.name}")
    assert not shadowed, f"these names are bound to something other than their module: {shadowed}"


def test_notebooks_use_only_the_public_face() -> None:
    import re
    from pathlib import Path

    import nbformat

    problems = []
    for path in sorted(Path(__file__).parent.parent.joinpath("notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
        problems += [f"{path.name}: {line.strip()}" for line in code.splitlines()
                     if re.match(r"\s*(from journeymap\b|import journeymap\.)", line)]
        problems += [f"{path.name}: jm.{name} is not on the face" for name in re.findall(r"\bjm\.(\w+)", code)
                     if name not in jm.__all__]
    assert not problems, "\n".join(problems)
