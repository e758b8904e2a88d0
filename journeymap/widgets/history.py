"""Undo and redo for the editor: a linear list of journeys, each labelled with the edit that made it.

A journey is immutable, so the history keeps the values themselves (no diffs to replay): undoing is
moving a cursor back, and a new edit after an undo drops the undone future, as in any editor.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap.model import Journey

__all__ = ["History"]


@dataclass(frozen=True)
class _Entry:
    journey: Journey
    label: str


class History:
    """The journeys an editor has shown, oldest first, with a cursor on the current one.

    ``limit`` bounds how many steps back can be undone (the oldest ones are forgotten first).
    """

    def __init__(self, journey: Journey, *, label: str = "open", limit: int = 200) -> None:
        if limit < 1:
            raise ValueError(f"'limit' must be a positive int (got {limit})")
        self._entries: list[_Entry] = [_Entry(journey, label)]
        self._cursor = 0
        self._limit = limit

    @property
    def current(self) -> Journey:
        """The journey the editor shows now."""
        return self._entries[self._cursor].journey

    @property
    def can_undo(self) -> bool:
        return self._cursor > 0

    @property
    def can_redo(self) -> bool:
        return self._cursor < len(self._entries) - 1

    @property
    def undo_label(self) -> str | None:
        """What undo would take back (``"capacity of call"``), or ``None`` when there is nothing."""
        return self._entries[self._cursor].label if self.can_undo else None

    @property
    def redo_label(self) -> str | None:
        """What redo would do again, or ``None`` when there is nothing."""
        return self._entries[self._cursor + 1].label if self.can_redo else None

    def __len__(self) -> int:
        return len(self._entries)

    def push(self, journey: Journey, label: str) -> Journey:
        """Record ``journey`` as the result of the edit ``label``; the undone future is dropped."""
        del self._entries[self._cursor + 1 :]
        self._entries.append(_Entry(journey, label))
        if len(self._entries) > self._limit:
            del self._entries[: len(self._entries) - self._limit]
        self._cursor = len(self._entries) - 1
        return journey

    def discard(self) -> Journey:
        """Forget the current journey (one that turned out unusable) and return to the one before it."""
        if not self.can_undo:
            raise IndexError("nothing to discard")
        del self._entries[self._cursor :]
        self._cursor -= 1
        return self.current

    def undo(self) -> Journey:
        """Step back one edit and return the journey before it; ``IndexError`` when there is none."""
        if not self.can_undo:
            raise IndexError("nothing to undo")
        self._cursor -= 1
        return self.current

    def redo(self) -> Journey:
        """Step forward one undone edit and return its journey; ``IndexError`` when there is none."""
        if not self.can_redo:
            raise IndexError("nothing to redo")
        self._cursor += 1
        return self.current
