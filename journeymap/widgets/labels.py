"""The fixed words of a widget, declared where each control is made and shown in any language.

A part of the workbench names a control's words when it makes the control::

    self.add = self._says(w.Button(icon="plus"), description=N_("Add stage"), tooltip=N_("..."))

(``N_`` marks the message id for the catalogues). :meth:`Labelled.relabel` then shows every one of
them in a language, so a part's ``relabel`` is written once, here; only words that depend on what is
shown (a dropdown's options, a table's headings) are set by the part itself. The registered labels
are data (:attr:`Labelled.labels`), so a test can check that every label comes from the localisation
layer and names a real property of its control.
"""

from __future__ import annotations

from typing import NamedTuple, TypeVar

import ipywidgets as w

from journeymap.text import Translator

__all__ = ["Label", "Labelled"]

W = TypeVar("W", bound=w.Widget)


class Label(NamedTuple):
    """One fixed word: ``control``'s property ``prop`` (``description``, ``tooltip``...) shows ``message``."""

    control: w.Widget
    prop: str
    message: str


class Labelled:
    """A widget whose controls' fixed words are registered (:meth:`_says`) and shown by :meth:`relabel`."""

    words: Translator
    """The language the widget speaks."""

    labels: list[Label]
    """Every fixed word of the widget's controls, in the order they were declared."""

    def _says(self, control: W, **messages: str) -> W:
        """``control``, registered to show each message id of ``messages`` (``tooltip=N_("...")``) in the
        widget's language from the next :meth:`relabel` on."""
        if "labels" not in vars(self):
            self.labels = []
        self.labels.extend(Label(control, prop, message) for prop, message in messages.items())
        return control

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language."""
        self.words = words
        for control, prop, message in vars(self).get("labels", ()):
            setattr(control, prop, words.gettext(message))
