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
from typing import Any, Protocol

import ipywidgets as w

from journeymap.errors import Issue
from journeymap.model import Journey
from journeymap.text import translator
from journeymap.widgets.labels import Labelled
from journeymap.widgets.messages import issues_html

__all__ = ["Apply", "Edit", "NamedEdit", "Part", "Quiet", "error_issue", "shown_in"]

Edit = Callable[[Journey], Journey]
"""A proposed change: the current journey in, the edited journey out (or a ``ValueError``, such as the
:class:`~journeymap.errors.NotFound` or :class:`~journeymap.errors.EditError` of a model edit)."""

NamedEdit = Callable[[Journey, str], Journey]
"""A change that needs a name the user typed: ``(journey, name)`` → the edited journey (``add_team``...)."""


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


class Part(Labelled):
    """What every part of the editor holds: the editor's ``apply`` for its edits (``_apply``), a
    :class:`Quiet` flag for filling its widgets (``_quiet``), its words (English until it is relabelled;
    its fixed ones declared with ``_says``) and the journey it shows (``None`` until the first ``show``)."""

    _apply: Apply
    _quiet: Quiet
    journey: Journey | None

    def _start(self, apply: Apply) -> None:
        """Set what every part holds; called first in the part's ``__init__``."""
        self._apply = apply
        self._quiet = Quiet()
        self.words = translator("en")
        self.journey = None

    def _acting_on(self, picked: w.Dropdown, handler: Callable[[str, Any], object]) -> Callable[[dict], None]:
        """An observer of a control about the item picked in ``picked`` (a stage, a team): the user's change
        becomes ``handler(picked id, new value)``; the part's own filling of its widgets, or a change with
        nothing picked, calls nothing."""

        def observer(change: dict) -> None:
            if not self._quiet.active and picked.value is not None:
                handler(picked.value, change["new"])

        return observer

    def _named(self, typed: object, missing: str, show: Callable[[list[Issue]], object]) -> str | None:
        """``typed`` stripped, as the name the user must give; when it is empty, ``None``, with the message
        ``missing`` (an id marked with ``N_``) shown by ``show``."""
        name = str(typed).strip()
        if not name:
            show([Issue(self.words.gettext(missing))])
            return None
        return name

    def _add_named(self, box: w.Text, add: NamedEdit, what: str, *, missing: str, message: w.HTML,
                   show: Callable[[list[Issue]], object] | None = None) -> bool:
        """Add what the name typed in ``box`` names: ``add(journey, name)``, listed in the history as ``what``
        (a message id with ``{name}``). Accepted, the box is emptied; refused, the errors are shown by ``show``
        (by default in ``message``); an empty box shows ``missing`` in ``message``. Returns whether it was added."""
        in_message = shown_in(message)
        name = self._named(box.value, missing, in_message)
        if name is None:
            return False
        errors = self._apply(lambda journey: add(journey, name), self.words.gettext(what, name=name))
        if errors:
            (show or in_message)(errors)
            return False
        with self._quiet():
            box.value = ""
        return True


def shown_in(line: w.HTML) -> Callable[[list[Issue]], None]:
    """What shows a list of issues in ``line`` (a part's message line under its controls)."""

    def show(issues: list[Issue]) -> None:
        line.value = issues_html(issues)

    return show
