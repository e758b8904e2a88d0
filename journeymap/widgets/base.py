"""What every part of the editor shares: how an edit is proposed and how a part is refreshed.

A part (the touchpoint form, the routing form...) never changes the journey itself: it builds an
:data:`Edit` (a pure function from the current journey to the next one) and hands it to the
editor's ``apply``, which validates the result and either commits it (returning no errors) or
returns the errors, which the part shows next to the field the user touched. The typed text stays
in the field, so nothing is lost while the user fixes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol

from journeymap.errors import Issue
from journeymap.model import Journey
from journeymap.text import Translator, translator

__all__ = ["Apply", "Edit", "Part", "Quiet", "error_issue"]

Edit = Callable[[Journey], Journey]
"""A proposed change: the current journey in, the edited journey out (or a ``ValueError``, such as the
:class:`~journeymap.errors.NotFound` or :class:`~journeymap.errors.EditError` of a model edit)."""


class Apply(Protocol):
    """The editor's entry point for edits: ``apply(edit, label)`` → the errors that stopped it (empty: done)."""

    def __call__(self, edit: Edit, label: str) -> list[Issue]: ...


def error_issue(exc: BaseException, path: str = "") -> Issue:
    """An exception raised by an edit, as an issue to show inline."""
    return Issue(str(exc), path)


class Quiet:
    """A flag that silences a part's observers while it fills its own widgets from the journey."""

    def __init__(self) -> None:
        self.active = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        previous, self.active = self.active, True
        try:
            yield
        finally:
            self.active = previous


class Part:
    """What every part of the editor holds: the editor's ``apply`` for its edits (``_apply``), a
    :class:`Quiet` flag for filling its widgets (``_quiet``), its words (English until it is relabelled)
    and the journey it shows (``None`` until the first ``show``)."""

    _apply: Apply
    _quiet: Quiet
    words: Translator
    journey: Journey | None

    def _start(self, apply: Apply) -> None:
        """Set what every part holds; called first in the part's ``__init__``."""
        self._apply = apply
        self._quiet = Quiet()
        self.words = translator("en")
        self.journey = None
