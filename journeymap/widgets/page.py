"""The whole workbench on one page, for a workshop: start from a template, edit it live, simulate it.

``workbench()`` (also ``jm.workbench``) is what ``make workshop`` serves with Voilà: the
:class:`~journeymap.widgets.Editor` (template picker, outline, forms, live diagram) and, under it, the
:class:`~journeymap.widgets.Simulator` of the journey being edited. "Simulate this journey" hands the
editor's current journey to a new simulator panel, so a change made in the editor is simulated as it
is now; everything is in the journey's language, and the page holds no code, prose or raw tables.
"""

from __future__ import annotations

import html
import os

import ipywidgets as w

from journeymap.io.catalog import DEFAULT_TEMPLATE, template
from journeymap.model import Journey
from journeymap.text import language_of, translator
from journeymap.widgets.editor import Editor, JourneySource
from journeymap.widgets.simulator import Simulator

__all__ = ["Workbench", "workbench"]

_PAGE_CSS = """<style>
.jm-workbench { max-width: 1500px; margin: 0 auto; font-size: 14px; }
.jm-workbench .widget-label, .jm-workbench .widget-inline-hbox .widget-label { overflow: visible; }
.jm-workbench .jm-diagram { border: 1px solid #e3e3e3; border-radius: 6px; padding: 4px; background: #fff; }
</style>"""


class Workbench(w.VBox):
    """The editor and, under it, the simulator of the journey being edited."""

    def __init__(self, journey: JourneySource = None, *, language: str | None = None, customers: int = 1000,
                 replications: int = 8, seed: int = 1) -> None:
        if journey is None:
            journey = template(DEFAULT_TEMPLATE, language_of(language or os.environ.get("LANG")))
        self.editor = Editor(journey, view="cycle")
        self.settings = {"customers": customers, "replications": replications, "seed": seed}
        self.simulator: Simulator | None = None
        self.simulate_button = w.Button(icon="play", button_style="success", layout=w.Layout(width="auto"))
        self.simulate_button.add_class("jm-simulate-journey")
        self.heading = w.HTML()
        self.note = w.HTML()
        self.panel = w.VBox()
        super().__init__([w.HTML(_PAGE_CSS), self.editor, self.heading,
                          w.HBox([self.simulate_button, self.note], layout=w.Layout(align_items="center")),
                          self.panel], layout=w.Layout(width="100%"))
        self.add_class("jm-workbench")
        self.simulate_button.on_click(lambda _: self.simulate())
        self.editor.listeners.append(lambda _: self._label())  # the page follows the journey's language
        self._label()

    @property
    def journey(self) -> Journey:
        """The journey being edited."""
        return self.editor.journey

    def _label(self) -> None:
        words = translator(self.journey.language)
        title = words.gettext("Simulate")
        note = words.gettext("the journey as it is now in the editor, with sliders for what-ifs")
        self.heading.value = f"<h2 style='margin:18px 0 6px'>{html.escape(title)}</h2>"
        self.simulate_button.description = words.gettext("Simulate this journey")
        self.note.value = f"<span style='color:#555;font-size:0.9em;margin-left:10px'>{html.escape(note)}</span>"

    def simulate(self) -> Simulator:
        """A simulator panel for the journey as it is now in the editor, run once."""
        self._label()
        self.simulator = Simulator(self.journey, view="flow", **self.settings)
        self.panel.children = (self.simulator,)
        self.simulator.run()
        return self.simulator


def workbench(journey: JourneySource = None, *, language: str | None = None, **settings: int) -> Workbench:
    """The workbench page: ``journey`` (a Journey, a YAML path, or ``None`` for the default template in
    ``language``, by default the one ``LANG`` names) in the editor, and its simulator on request."""
    return Workbench(journey, language=language, **settings)
