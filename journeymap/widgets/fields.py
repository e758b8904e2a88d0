"""Labelled inputs with room for a message underneath, and the input for a time distribution.

Every editable field of the workbench is a :class:`Field`: the stock ipywidgets control, then a
line where problems with that field are shown (red for errors, amber for warnings). A time
distribution is a :class:`DistributionInput`: the kind from a dropdown (the file format's
``dist:`` names) and one text box per parameter, typed with units as in a file.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import ipywidgets as w

from journeymap.errors import Issue, UnitError
from journeymap.model import DISTRIBUTIONS, Distribution, Journey
from journeymap.model.distributions import TIME_PARAMETERS
from journeymap.model.edits import switch_kind
from journeymap.text import Translator, translator
from journeymap.widgets.base import Edit, Part, error_issue
from journeymap.widgets.messages import issues_html
from journeymap.widgets.parsing import distribution_texts, parse_distribution
from journeymap.widgets.words import DISTRIBUTION_NAMES, PARAMETER_NAMES, choices, name_of

__all__ = ["LABEL_WIDTH", "ColumnHeadings", "DistributionInput", "Field", "FieldEdits", "cell", "column_heading",
           "combobox", "fixed", "heading_html", "note_html", "stretch", "text", "updating"]

LABEL_WIDTH = "120px"
_STYLE = {"description_width": LABEL_WIDTH}
_EXAMPLES = {"en": "4 min, 6 min, 90 s", "es": "4 min; 4,5 min; 90 s"}
"""What an empirical distribution's box shows as an example of its list, by language."""
T = TypeVar("T")


def fixed(width: str, **more: str) -> w.Layout:
    """A layout that keeps a control (a button) at ``width`` when its row is short of space."""
    return w.Layout(width=width, flex="0 0 auto", **more)


def stretch(**more: str) -> w.Layout:
    """A layout that lets a control (a text box) take the room left in its row or column."""
    return w.Layout(width="auto", flex="1 1 auto", **more)


def text(description: str = "", *, placeholder: str = "", tooltip: str = "") -> w.Text:
    """A one-line text box that reports its value when the user presses Enter or leaves it, not per keystroke
    (its words are usually declared with the part's ``_says``)."""
    return w.Text(
        description=description,
        placeholder=placeholder,
        tooltip=tooltip or None,
        continuous_update=False,
        style=_STYLE,
        layout=stretch(),
    )


def cell(width: str, placeholder: str = "") -> w.Text:
    """A text box of a table's row, ``width`` wide, reporting its value on Enter or when left."""
    return w.Text(placeholder=placeholder, continuous_update=False, layout=fixed(width))


def column_heading(width: str) -> w.HTML:
    """A table's column heading as wide as the column's boxes (``auto``: the rest of the row); its text is
    :func:`heading_html`."""
    return w.HTML(layout=w.Layout(width=width, flex="1 1 auto" if width == "auto" else "0 0 auto", height="1.4em"))


def heading_html(label: str) -> str:
    """A column heading's text: small, grey, on one line."""
    return f"<div style='color:#666;font-size:0.85em;line-height:1.4em;white-space:nowrap'>{html.escape(label)}</div>"


class ColumnHeadings(w.HBox):
    """A table's column headings, each ``(message id, width)``: the heading in the table's language over a
    column as wide as its boxes (``auto``: the rest of the row; an empty id: none, over a row's button)."""

    def __init__(self, columns: Sequence[tuple[str, str]]) -> None:
        self.messages = tuple(message for message, _ in columns)
        super().__init__([column_heading(width) for _, width in columns])

    def relabel(self, words: Translator) -> None:
        """The headings in ``words``' language."""
        for heading, message in zip(self.children, self.messages, strict=True):
            heading.value = heading_html(words.gettext(message) if message else "")


def note_html(text: str, *, indent: bool = True) -> str:
    """A small grey note under a field, lined up with the controls (what serves a touchpoint, say), or
    (``indent=False``) across a form (a hint of what to do first)."""
    margin = LABEL_WIDTH if indent else "0"
    return (f"<div style='color:#555;font-size:0.85em;line-height:1.35;margin:2px 0 6px {margin}'>"
            f"{html.escape(text)}</div>")


def combobox(description: str = "", options: Iterable[str] = (), *, placeholder: str = "") -> w.Combobox:
    """A dropdown that also accepts a value that is not in its list (``ensure_option=False``)."""
    return w.Combobox(
        description=description,
        options=tuple(options),
        ensure_option=False,
        placeholder=placeholder,
        continuous_update=False,
        style=_STYLE,
        layout=stretch(),
    )


class Field(w.VBox):
    """A control and, underneath it, the problems with what it holds."""

    def __init__(self, control: w.Widget, *, name: str = "") -> None:
        self.control = control
        self.name = name
        self.message = w.HTML(layout=w.Layout(margin=f"0 0 2px {LABEL_WIDTH}"))
        super().__init__([control, self.message], layout=w.Layout(width="100%"))
        self.add_class("jm-field")
        if name:
            self.add_class(f"jm-field-{name}")

    def show(self, issues: Iterable[Issue]) -> None:
        """Show these issues under the control (an empty list clears the line)."""
        self.message.value = issues_html(issues)

    @property
    def issues_text(self) -> str:
        """The messages shown, as plain text (for tests and screen readers)."""
        lines = re.findall(r"<div[^>]*>(.*?)</div>", self.message.value)
        return "\n".join(html.unescape(line).removeprefix("✖ ").removeprefix("⚠ ") for line in lines)


def updating(field: str) -> Callable[[Journey, str, Any], Journey]:
    """The edit that gives a touchpoint's ``field`` a value: ``(journey, touchpoint id, value)`` → the journey."""
    return lambda journey, tp_id, value: journey.update_touchpoint(tp_id, **{field: value})


class FieldEdits(Part):
    """What the forms of the selected touchpoint share: each edit goes through the editor's ``apply``
    (``_apply``); one refused keeps its errors under its :class:`Field` as a draft (``drafts``, by the
    field's name) until the user fixes it, the typed text left in place."""

    drafts: dict[str, list[Issue]]
    touchpoint_id: str | None

    def _name(self, tp_id: str) -> str:
        """A touchpoint's name for people (its id when it has none, or is gone)."""
        journey = self.journey
        return journey.touchpoint(tp_id).label if journey is not None and tp_id in journey.touchpoint_ids else tp_id

    def _commit(self, field: Field, edit: Edit, label: str) -> bool:
        """Propose ``edit``; on refusal keep the typed text as a draft and show why under ``field``."""
        self.drafts.pop(field.name, None)
        errors = self._apply(edit, label)
        if errors:
            self.drafts[field.name] = errors
            field.show(errors)
        return not errors

    def _refuse(self, field: Field, exc: Exception) -> None:
        """Show under ``field`` why what was typed there cannot be read, and keep it as a draft."""
        self.drafts[field.name] = [error_issue(exc)]
        field.show(self.drafts[field.name])

    def _commits(self, field: Field, read: Callable[[], T], edit: Callable[[Journey, str, T], Journey],
                 what: str | Callable[[T], str]) -> Callable[..., bool | None]:
        """What the user's change of ``field`` does to the touchpoint shown: ``read()`` takes the value from the
        control (a ``UnitError`` is shown under the field, as a draft), ``edit(journey, touchpoint id, value)``
        is proposed and listed in the history as ``what`` (a message id with ``{name}``, the touchpoint's name;
        or the one for the value). Called with anything (an observer's change, or nothing), it answers whether
        the edit was made; ``None`` when nothing was proposed (the form filling itself, no touchpoint)."""

        def changed(*_: object) -> bool | None:
            if self._quiet.active or self.touchpoint_id is None:
                return None
            tp_id = self.touchpoint_id
            try:
                value = read()
            except UnitError as exc:
                self._refuse(field, exc)
                return False
            message = what(value) if callable(what) else what
            return self._commit(field, lambda j: edit(j, tp_id, value), self.words.gettext(message,
                                                                                           name=self._name(tp_id)))

        return changed


class DistributionInput(w.VBox):
    """A time distribution typed as in the file format: kind, then each parameter with its unit.

    ``optional`` adds a ``none`` choice (no service time, or customers who never give up).
    ``on_change`` is called with no arguments when the user changed the kind or a parameter.
    """

    NONE = "none"

    def __init__(self, description: str, time_unit: str, *, optional: bool = True, default_mean: float = 1.0,
                 words: Translator | None = None) -> None:
        self.time_unit = time_unit
        self.optional = optional
        self.default_mean = default_mean
        self.field = description
        self.words = words or translator("en")
        self._callbacks: list[Callable[[], None]] = []
        self._quiet = False
        self.kinds = ([self.NONE] if optional else []) + list(DISTRIBUTIONS)
        self.kind = w.Dropdown(
            description=description, options=choices(self.words, DISTRIBUTION_NAMES, self.kinds), style=_STYLE,
            layout=w.Layout(width="calc(120px + 9em)"),
        )
        self.parameters: dict[str, w.Text] = {}
        self.boxes = w.HBox(layout=w.Layout(flex_flow="row wrap", margin=f"0 0 0 {LABEL_WIDTH}"))
        self.kind.observe(self._kind_changed, names="value")
        super().__init__([self.kind, self.boxes], layout=w.Layout(width="100%"))
        self.add_class("jm-distribution")

    def relabel(self, words: Translator, description: str) -> None:
        """Show the kinds and the parameters' names in ``words``' language, titled ``description``."""
        self.words = words
        self._quiet, quiet = True, self._quiet
        try:
            self.kind.description = description
            value = self.kind.value
            self.kind.options = choices(words, DISTRIBUTION_NAMES, self.kinds)
            self.kind.value = value
            for name, box in self.parameters.items():
                box.description = name_of(words, PARAMETER_NAMES, name)
        finally:
            self._quiet = quiet

    # -- the value ---------------------------------------------------------------------------
    def set(self, distribution: Distribution | None) -> None:
        """Show ``distribution`` (``None``: the ``none`` choice) without reporting a change."""
        self._quiet = True
        try:
            kind = distribution.kind if distribution is not None else (self.NONE if self.optional else "exponential")
            self.kind.value = kind
            texts = distribution_texts(distribution, self.time_unit, self.words.language) if distribution else {}
            self._build(kind, texts)
        finally:
            self._quiet = False

    def value(self) -> Distribution | None:
        """The distribution typed; ``UnitError`` naming the parameter when a box cannot be read."""
        if self.kind.value == self.NONE:
            return None
        texts = {name: box.value for name, box in self.parameters.items()}
        return parse_distribution(self.kind.value, texts, self.time_unit, field=self.kind.description,
                                  language=self.words.language)

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` whenever the user changes the kind or a parameter."""
        self._callbacks.append(callback)

    # -- internals ---------------------------------------------------------------------------
    def _build(self, kind: str, texts: dict[str, str]) -> None:
        self.parameters = {}
        if kind != self.NONE:
            for name in TIME_PARAMETERS[kind]:
                box = w.Text(
                    value=texts.get(name, ""),
                    description=name_of(self.words, PARAMETER_NAMES, name),
                    placeholder=_EXAMPLES[self.words.language] if kind == "empirical" else "6 min",
                    continuous_update=False,
                    style={"description_width": "initial"},
                    layout=w.Layout(width="100%" if kind == "empirical" else "9.5em", margin="0 6px 0 0"),
                )
                box.observe(self._parameter_changed, names="value")
                self.parameters[name] = box
        self.boxes.children = tuple(self.parameters.values())

    def _kind_changed(self, change: dict) -> None:
        if self._quiet:
            return
        kind = change["new"]
        previous = None
        if change["old"] not in (None, self.NONE):
            try:
                previous = parse_distribution(change["old"], {n: b.value for n, b in self.parameters.items()},
                                              self.time_unit, language=self.words.language)
            except ValueError:
                previous = None
        texts = {}
        if kind != self.NONE:
            texts = distribution_texts(switch_kind(previous, kind, default_mean=self.default_mean), self.time_unit,
                                       self.words.language)
        self._build(kind, texts)
        self._fire()

    def _parameter_changed(self, change: dict) -> None:
        if not self._quiet:
            self._fire()

    def _fire(self) -> None:
        for callback in self._callbacks:
            callback()
