"""Markdown documents in which the journey's text stays text: no injected HTML, table, link or heading.

:func:`markdown_text` is the one escaping function, for a heading, a list item, a table cell or a
paragraph: line breaks (``\\r\\n``, ``\\r``, ``\\n`` and Unicode's) are folded into one space, so text
can neither end its line nor start a block; ``<`` and ``>`` become ``&lt;``/``&gt;`` (``<script>`` and
``<img onerror=...>`` are shown, not run), an ``&`` that would start an entity becomes ``&amp;``;
``\\`` and the characters that make emphasis, code and table cells (``* _ ` ~ |``) are escaped with a
backslash, each once (so ``\\|`` stays a backslash and a bar in one cell), and so is the ``(`` that
would turn ``[text](url)`` into a link or an image (reference links need a definition at the start of
a line, which folded text cannot make); control and bidirectional-override characters are dropped.
What a reader sees is what was written.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from journeymap.io.atomic import write_text

__all__ = ["markdown_table", "markdown_text", "write_markdown"]

_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_DROPPED = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]{2,}|\t")
_ESCAPED = re.compile(r"([\\`*_~|])")
_LINK = re.compile(r"\]\(")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_CLOSING = re.compile(r"(\s#*)#$")
_BLOCK_MARK = re.compile(r"^([#=+\-])")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


def markdown_text(value: Any, *, starts_line: bool = False) -> str:
    """``value`` as Markdown text that renders exactly as written (see the module documentation).

    ``starts_line=True`` for text that begins a line (a paragraph): a leading ``#``, ``-``, ``+``, ``=`` or
    ``1.`` is escaped too, so that it cannot make a heading or a list. A trailing `` #`` is escaped always
    (a heading would take it for its closing sequence and drop it)."""
    text = _BREAKS.sub(" ", str(value))
    text = _DROPPED.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    text = _LINK.sub(r"]\\(", _ESCAPED.sub(r"\\\1", text))
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _CLOSING.sub(r"\1\\#", text)
    if starts_line:
        text = _LIST_NUMBER.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\\\1", text))
    return text


def markdown_table(header: Sequence[Any], rows: Iterable[Sequence[Any]], *,
                   right: Sequence[int] = ()) -> str:
    """A Markdown table: every cell through :func:`markdown_text`, columns whose index is in ``right``
    aligned right. Rows shorter than the header are padded with empty cells."""
    width = len(header)

    def line(cells: Sequence[Any]) -> str:
        padded = [*cells, *[""] * (width - len(cells))][:width]
        return "| " + " | ".join(markdown_text(c) for c in padded) + " |"

    rule = "|" + "|".join("---:" if k in right else "---" for k in range(width)) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def write_markdown(path: str | os.PathLike[str], text: str) -> Path:
    """Write a Markdown document (UTF-8, ending in a line break) to ``path`` atomically; returns the path."""
    return write_text(path, text if text.endswith("\n") else text + "\n")
