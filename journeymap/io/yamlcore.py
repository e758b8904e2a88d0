"""YAML read as plain data, with the line where every field is written, and nothing executed.

The text is *composed* (parsed into a node tree, never constructed by PyYAML) with a SafeLoader
subclass, and the tree is turned into dicts, lists and scalars here, so that:

- only plain tags are accepted: ``!!python/object`` and any other tag is refused, not run;
- aliases are expanded under a budget, so a "billion laughs" file is refused instead of eating memory;
- duplicate keys are reported instead of silently keeping the last one;
- every field path (``touchpoints[2].next.diagnose``) is mapped to its 1-based line.

Scalars follow the YAML 1.2 core schema (``true``/``false`` only, no sexagesimal ``17:30`` = 1050,
no timestamps, no octal), shared by the loader and the dumper so that whatever is saved reads back
as the same value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from journeymap.errors import YamlProblem, clip, join

__all__ = ["CORE_RESOLVERS", "MAX_ALIAS_NODES", "MAX_DEPTH", "Composed", "compose"]

MAX_ALIAS_NODES = 10_000
"""How many nodes aliases may expand to in one file (a real journey reuses a few small mappings)."""
MAX_DEPTH = 100
"""How deeply collections may nest (a journey needs about six levels)."""

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_MAP, _SEQ, _MERGE = _TAG + "map", _TAG + "seq", _TAG + "merge"


def _core_resolvers() -> dict[str | None, list[tuple[str, re.Pattern[str]]]]:
    """Implicit resolvers of the YAML 1.2 core schema (plus ``<<`` merge keys and ``1_000``)."""
    table: dict[str | None, list[tuple[str, re.Pattern[str]]]] = {}
    rules: list[tuple[str, str, str | list[str | None]]] = [
        (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        (_INT, r"^[-+]?(?:0|[1-9][0-9_]*)$|^0x[0-9a-fA-F_]+$", "-+0123456789"),
        (
            _FLOAT,
            r"^[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$"
            r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$",
            "-+0123456789.",
        ),
        (_MERGE, r"^<<$", "<"),
        (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", None]),
    ]
    for tag, pattern, first in rules:
        regexp = re.compile(pattern)
        for char in first:
            table.setdefault(char, []).append((tag, regexp))
    return table


CORE_RESOLVERS = _core_resolvers()


class _PyLoader(yaml.SafeLoader):
    """Pure-Python composer: slower, but raises ``RecursionError`` on absurd nesting instead of crashing."""


_PyLoader.yaml_implicit_resolvers = CORE_RESOLVERS

_FastLoader: type = _PyLoader
if yaml.__with_libyaml__:

    class _CLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        """libyaml composer for ordinary files (its recursion is in C: only given shallow documents)."""

    _CLoader.yaml_implicit_resolvers = CORE_RESOLVERS
    _FastLoader = _CLoader

_SCALARS: dict[str, Callable[[Any, yaml.ScalarNode], Any]] = {
    _STR: lambda loader, node: node.value,
    _INT: yaml.SafeLoader.construct_yaml_int,
    _FLOAT: yaml.SafeLoader.construct_yaml_float,
    _BOOL: yaml.SafeLoader.construct_yaml_bool,
    _NULL: lambda loader, node: None,
}


@dataclass
class Composed:
    """Plain data read from YAML text, the line of each field path, and the non-fatal problems
    found on the way (duplicate keys) as ``(message, path)`` pairs."""

    data: Any
    lines: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG):] if tag.startswith(_TAG) else tag


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _looks_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when the text may nest deeper than ``limit`` (libyaml would then recurse in C)."""
    if re.search(rf"^[ \t]{{{2 * limit},}}\S", text, re.MULTILINE):
        return True
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return True
    return False


class _Builder:
    """Turns a composed node tree into plain data, recording lines and refusing what is not plain."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.result = Composed(None)
        self._seen: set[int] = set()
        self._open: set[int] = set()
        self._expanded = 0

    def build(self, node: yaml.Node, path: str, depth: int = 0, aliased: bool = False) -> Any:
        if depth > MAX_DEPTH:
            raise YamlProblem(f"nested too deeply (more than {MAX_DEPTH} levels)", _line(node))
        if id(node) in self._open:
            raise YamlProblem("a YAML alias refers to the collection that contains it", _line(node))
        aliased = aliased or id(node) in self._seen
        self._seen.add(id(node))
        if aliased:
            self._expanded += 1
            if self._expanded > MAX_ALIAS_NODES:
                raise YamlProblem(
                    f"YAML aliases expand to more than {MAX_ALIAS_NODES} values (a 'billion laughs' file?); "
                    "refusing to read it",
                    self.result.lines.get(re.split(r"[.\[]", path, maxsplit=1)[0], _line(node)),
                )
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
                return self._sequence(node, path, depth, aliased)
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
                return self._mapping(node, path, depth, aliased)
        finally:
            self._open.discard(id(node))
        raise self._refused(node)

    def _refused(self, node: yaml.Node) -> YamlProblem:
        return YamlProblem(
            f"refusing YAML tag '{_short_tag(node.tag)}': a journey file holds plain data only", _line(node)
        )

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        make = _SCALARS.get(node.tag)
        if make is None:
            raise self._refused(node)
        try:
            return make(self.loader, node)
        except (ValueError, TypeError) as exc:
            why = " (a number of more than 4,300 digits)" if node.tag == _INT and len(node.value) > 4300 else ""
            raise YamlProblem(f"cannot read '{clip(node.value)}' as {_short_tag(node.tag)}{why}", _line(node)) from exc

    def _sequence(self, node: yaml.SequenceNode, path: str, depth: int, aliased: bool) -> list[Any]:
        items = []
        for index, item in enumerate(node.value):
            item_path = f"{path}[{index}]"
            self.result.lines.setdefault(item_path, _line(item))
            items.append(self.build(item, item_path, depth + 1, aliased))
        return items

    def _mapping(self, node: yaml.MappingNode, path: str, depth: int, aliased: bool) -> dict[Any, Any]:
        merged: dict[Any, Any] = {}
        explicit: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    value = self.build(source, path, depth + 1, aliased)
                    if not isinstance(value, dict):
                        raise YamlProblem("a '<<' merge key needs a mapping (or a list of mappings)", _line(source))
                    merged.update({k: v for k, v in value.items() if k not in merged})
            else:
                explicit.append((key_node, value_node))
        mapping: dict[Any, Any] = {}
        for key_node, value_node in explicit:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a mapping key must be a plain value, not a list or a mapping", _line(key_node))
            key = self.build(key_node, path, depth + 1, aliased)
            key_path = join(path, key)
            if key in mapping:
                first = self.result.lines.get(key_path)
                self.result.problems.append((f"duplicate key '{clip(str(key))}' (first given on line {first})",
                                             key_path))
            self.result.lines[key_path] = _line(key_node)
            mapping[key] = self.build(value_node, key_path, depth + 1, aliased)
        return {**{k: v for k, v in merged.items() if k not in mapping}, **mapping}


def _problem_text(exc: yaml.YAMLError, text: str = "") -> tuple[str, int | None]:
    """One line for a YAML syntax error, and the line it points at (for a character YAML does not allow,
    counted in ``text``)."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        text = exc.problem or exc.context or "not valid YAML"
        if exc.context and exc.problem:
            where = f" started at line {exc.context_mark.line + 1}" if exc.context_mark else ""
            text = f"{exc.problem} ({exc.context}{where})"
        return f"malformed YAML: {text}", mark.line + 1 if mark else None
    if isinstance(exc, yaml.reader.ReaderError):
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        line = text.count("\n", 0, exc.position) + 1 if 0 <= exc.position <= len(text) else None
        return (f"malformed YAML: the control character U+{ord(character):04X} ({character!r}) is not allowed in "
                "YAML text; delete it", line)
    return f"malformed YAML: {exc}", None


def compose(text: str) -> Composed:
    """Read YAML text as plain data with a line map; raises :class:`YamlProblem` for anything unsafe or
    malformed. An empty document (only blanks or comments) gives ``data=None``."""
    loader_class = _PyLoader if _looks_deep(text) else _FastLoader
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return Composed(None)
        builder = _Builder(loader)
        builder.result.data = builder.build(node, "")
        return builder.result
    except yaml.YAMLError as exc:
        raise YamlProblem(*_problem_text(exc, text)) from exc
    except RecursionError as exc:
        raise YamlProblem(f"nested too deeply (more than {MAX_DEPTH} levels)") from exc
    finally:
        loader.dispose()
