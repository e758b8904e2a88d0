"""Start from a template: a language, one of the built-in templates (by its title in that language), and
a button that puts it in the editor (undoable, like any other change).

The picker calls back ``start(name, language)``; it holds no journey itself. Its lists come from the
template catalogue (:func:`journeymap.io.catalog.template_info`), so a new template shows up here.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from journeymap.io.catalog import DEFAULT_TEMPLATE, template_info, template_languages, template_names
from journeymap.text import LANGUAGES, N_, translator
from journeymap.widgets.labels import Labelled

__all__ = ["LANGUAGE_NAMES", "TemplatePicker"]

LANGUAGE_NAMES: dict[str, str] = {"en": "English", "es": "Español"}
"""Each language as its speakers write it (the same in every language)."""


class TemplatePicker(Labelled, w.HBox):
    """Language and template dropdowns and a "Start from this template" button."""

    def __init__(self, start: Callable[[str, str], object], language: str = "en") -> None:
        self._start = start
        chosen = language if language in LANGUAGES else "en"
        says = self._says
        self.language = says(w.Dropdown(options=[(LANGUAGE_NAMES.get(x, x), x) for x in LANGUAGES], value=chosen,
                                        style={"description_width": "initial"}, layout=w.Layout(width="auto")),
                             description=N_("language"))
        self.template = says(w.Dropdown(style={"description_width": "initial"},
                                        layout=w.Layout(width="auto", max_width="32em")), description=N_("template"))
        self.start = says(w.Button(icon="file", layout=w.Layout(width="auto")),
                          description=N_("Start from this template"),
                          tooltip=N_("replace the journey being edited (Undo brings it back)"))
        self.start.add_class("jm-start-template")
        super().__init__([self.language, self.template, self.start],
                         layout=w.Layout(flex_flow="row wrap", align_items="center", margin="0 0 4px 0"))
        self.add_class("jm-template-picker")
        self._fill(chosen)
        self.relabel(translator(language))
        self.language.observe(lambda change: self._fill(change["new"]), names="value")
        self.start.on_click(lambda _: self.pick())

    def _fill(self, language: str) -> None:
        """The templates written in ``language``, by their title in it; the default template first."""
        names = [n for n in template_names() if language in template_languages(n)]
        names.sort(key=lambda n: (n != DEFAULT_TEMPLATE, template_info(n, language).title))
        current = self.template.value
        self.template.options = [(template_info(n, language).title, n) for n in names]
        self.template.value = current if current in names else names[0]

    def pick(self, name: str | None = None, language: str | None = None) -> object:
        """Start from template ``name`` in ``language`` (default: the ones chosen in the dropdowns)."""
        if language is not None:
            self.language.value = language
        if name is not None:
            self.template.value = name
        return self._start(str(self.template.value), str(self.language.value))
