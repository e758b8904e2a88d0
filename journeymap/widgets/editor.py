"""The notebook editor: touchpoints by stage on the left, the live diagram on the right.

``Editor(journey)`` (or :func:`journeymap.edit`) puts every field of the journey within reach of
a consultant working live with a client. Each change is proposed to :meth:`Editor.apply`, which
validates the edited journey: a change with errors is refused and its reasons are shown next to
the field, so :attr:`Editor.journey` is always the current *valid* model. Every accepted change
is recorded for undo/redo and redraws the diagram.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from journeymap import io
from journeymap.errors import Issue, JourneyError
from journeymap.io.catalog import DEFAULT_TEMPLATE, template
from journeymap.model import Journey, validate
from journeymap.text import N_, translator
from journeymap.widgets.base import Edit, error_issue
from journeymap.widgets.diagram import DiagramView
from journeymap.widgets.history import History
from journeymap.widgets.labels import Labelled
from journeymap.widgets.messages import issues_for_touchpoint, issues_html, notice_html
from journeymap.widgets.outline import Outline
from journeymap.widgets.picker import TemplatePicker
from journeymap.widgets.routing_form import RoutingForm
from journeymap.widgets.segments_form import SegmentsForm
from journeymap.widgets.stages_form import StagesForm
from journeymap.widgets.teams_form import TeamsForm
from journeymap.widgets.times_form import TimesForm
from journeymap.widgets.touchpoint_form import TouchpointForm

__all__ = ["Editor", "edit"]

_TAG = re.compile(r"<[^>]+>")

JourneySource = Journey | str | os.PathLike[str] | None

_CSS = """<style>
.jm-editor .widget-tab > .lm-TabBar .lm-TabBar-tab { flex: 0 1 auto !important; min-width: 0 !important;
  padding: 0 8px !important; }
</style>"""
"""The editor's own style: each tab as wide as its title, so that six titles fit the forms' column."""


def _open(source: JourneySource) -> tuple[Journey, Path | None]:
    """The journey to edit and the file it came from: a journey, a YAML path, or the default template."""
    if isinstance(source, Journey):
        return source, None
    if source is None:
        return template(DEFAULT_TEMPLATE, "en"), None
    return io.load(source), Path(source)


class Editor(Labelled, w.VBox):
    """An ipywidgets editor of a journey, with undo/redo, YAML save/load and a live diagram.

    ``journey`` is a :class:`~journeymap.Journey`, a path to a YAML file, or ``None`` for the
    default template; ``view`` is the diagram shown first (``cycle``, ``flow`` or ``blueprint``);
    ``path`` is where Save writes (default: the file opened, else ``journey.yaml``). A journey with
    errors is refused with :class:`~journeymap.JourneyError`, as :func:`journeymap.load` would.
    """

    def __init__(
        self, journey: JourneySource = None, *, view: str = "cycle", path: str | os.PathLike[str] | None = None
    ) -> None:
        opened, source = _open(journey)
        issues = _checked(opened)
        errors = [i for i in issues if i.is_error]
        if errors:
            raise JourneyError(errors)
        self._history = History(opened)
        self._issues: list[Issue] = issues
        self.words = translator(opened.language)
        self.selected: str | None = opened.touchpoint_ids[0] if opened.touchpoints else None
        self._order: tuple[str, ...] = opened.touchpoint_ids

        self.title = w.HTML()
        self.picker = TemplatePicker(self._start_from, opened.language)
        says = self._says
        self.undo_button = says(w.Button(icon="undo", layout=w.Layout(width="8.5em")), description=N_("Undo"))
        self.redo_button = says(w.Button(icon="repeat", layout=w.Layout(width="8.5em")), description=N_("Redo"))
        self.path = says(w.Text(value=str(path or source or "journey.yaml"), continuous_update=False,
                                style={"description_width": "4.5em"}, layout=w.Layout(width="22em")),
                         description=N_("file"))
        self.save_button = says(w.Button(icon="save", button_style="primary", layout=w.Layout(width="8.5em")),
                                description=N_("Save"), tooltip=N_("write the journey as YAML to the file named"))
        self.load_button = says(w.Button(icon="folder-open", layout=w.Layout(width="8.5em")),
                                description=N_("Load"), tooltip=N_("read the journey from the file named"))
        self.upload = says(w.FileUpload(accept=".yaml,.yml", multiple=False, layout=w.Layout(width="9.5em")),
                           description=N_("Upload"))
        for name in ("undo_button", "redo_button", "save_button", "load_button", "upload"):
            getattr(self, name).add_class(f"jm-{name.replace('_button', '')}")
        self.status = w.HTML()
        self.status.add_class("jm-status")

        self.outline = Outline(self.apply, self.select)
        self.touchpoint_form = TouchpointForm(self.apply, self.select)
        self.routing_form = RoutingForm(self.apply)
        self.times_form = TimesForm(self.apply, opened.time_unit)
        self.stages_form = StagesForm(self.apply)
        self.teams_form = TeamsForm(self.apply)
        self.segments_form = SegmentsForm(self.apply)
        self.tabs = w.Tab([self.touchpoint_form, self.routing_form, self.times_form, self.stages_form,
                           self.teams_form, self.segments_form])
        self.diagram = DiagramView(view)

        toolbar = w.HBox([self.undo_button, self.redo_button, self.path, self.load_button, self.save_button,
                          self.upload], layout=w.Layout(flex_flow="row wrap", align_items="center"))
        left = w.VBox([self.outline, self.tabs], layout=w.Layout(width="44%", min_width="380px", padding="0 12px 0 0"))
        right = w.VBox([self.diagram], layout=w.Layout(flex="1 1 0%", min_width="320px"))
        super().__init__([w.HTML(_CSS), self.picker, self.title, toolbar, self.status,
                          w.HBox([left, right], layout=w.Layout(width="100%"))])
        self.add_class("jm-editor")
        self._labelled: str | None = None
        self.listeners: list[Callable[[Journey], object]] = []
        """Called with the journey after every refresh (a page around the editor follows it)."""

        self.undo_button.on_click(lambda _: self.undo())
        self.redo_button.on_click(lambda _: self.redo())
        self.save_button.on_click(lambda _: self.save())
        self.load_button.on_click(lambda _: self.load())
        self.upload.observe(self._uploaded, names="value")
        self._refresh(keep_drafts=False)
        self._say(self.words.ngettext("editing {title}: {n} touchpoint", "editing {title}: {n} touchpoints",
                                      len(opened.touchpoints), title=opened.title), "info")

    # -- the model -------------------------------------------------------------------------------
    @property
    def journey(self) -> Journey:
        """The current journey: always valid (edits with errors are refused)."""
        return self._history.current

    @property
    def issues(self) -> list[Issue]:
        """The current journey's warnings (it has no errors)."""
        return list(self._issues)

    @property
    def messages(self) -> str:
        """The message bar as plain text (what the last action did, or why it was refused)."""
        return " ".join(html.unescape(_TAG.sub(" ", self.status.value)).split())

    def apply(self, edit: Edit, label: str) -> list[Issue]:
        """Apply ``edit`` (a function from journey to journey) if the result is valid; return the errors if not.

        Notebook code can use it too:
        ``editor.apply(lambda j: j.update_touchpoint("call", capacity=5), "more agents")``.
        """
        try:
            candidate = edit(self.journey)
        except (ValueError, ArithmeticError) as exc:  # NotFound, EditError, UnitError, an overflow...: shown
            return [error_issue(exc)]
        if candidate == self.journey:
            return []
        issues = _checked(candidate)
        errors = [i for i in issues if i.is_error]
        if errors:
            self._say(self.words.gettext("not applied ({label}): {reasons}", label=label,
                                         reasons="; ".join(str(e) for e in errors)), "error")
            return errors
        before = (self._order, self._issues)
        self._order = self.journey.touchpoint_ids
        self._history.push(candidate, label)
        self._issues = issues
        try:
            self._refresh(keep_drafts=True)
        except (ArithmeticError, ValueError) as exc:  # the edited journey cannot even be shown: take it back
            self._history.discard()
            self._order, self._issues = before
            self._refresh(keep_drafts=True)
            refusal = [error_issue(exc)]
            self._say(self.words.gettext("not applied ({label}): {reasons}", label=label, reasons=str(exc)), "error")
            return refusal
        self._say(f"✓ {label}", "ok")
        return []

    def select(self, touchpoint_id: str) -> None:
        """Show touchpoint ``touchpoint_id`` in the forms and highlight it in the list."""
        self.journey.touchpoint(touchpoint_id)  # NotFound with a did-you-mean for a wrong id
        self.selected = touchpoint_id
        self._refresh(keep_drafts=False)

    # -- history ---------------------------------------------------------------------------------
    def undo(self) -> bool:
        """Take back the last change; returns whether there was one."""
        if not self._history.can_undo:
            self._say(self.words.gettext("nothing to undo"), "info")
            return False
        label = self._history.undo_label
        self._history.undo()
        self._after_jump(self.words.gettext("undid: {label}", label=label))
        return True

    def redo(self) -> bool:
        """Make again the last change undone; returns whether there was one."""
        if not self._history.can_redo:
            self._say(self.words.gettext("nothing to redo"), "info")
            return False
        self._history.redo()
        self._after_jump(self.words.gettext("redid: {label}", label=self._history.undo_label))
        return True

    def _after_jump(self, message: str) -> None:
        self._issues = _checked(self.journey)
        self._refresh(keep_drafts=False)
        self._say(message, "info")

    # -- files -----------------------------------------------------------------------------------
    def save(self, path: str | os.PathLike[str] | None = None) -> Path | None:
        """Write the journey as YAML to ``path`` (default: the file box); returns the path, or ``None`` on failure."""
        target = Path(path) if path is not None else Path(self.path.value.strip() or "journey.yaml")
        try:
            written = io.save(self.journey, target)
        except (OSError, ValueError, ArithmeticError) as exc:
            self._say(self.words.gettext("could not save to {path}: {reason}", path=str(target), reason=str(exc)),
                      "error")
            return None
        self.path.value = str(target)
        self._say(self.words.ngettext("saved {n} touchpoint to {path}", "saved {n} touchpoints to {path}",
                                      len(self.journey.touchpoints), path=str(target)), "ok")
        return Path(written) if written is not None else target

    def load(self, path: str | os.PathLike[str] | None = None) -> bool:
        """Replace the journey with the one in a YAML file (undoable); problems are listed, nothing is lost."""
        source = Path(path) if path is not None else Path(self.path.value.strip())
        try:
            journey = io.load(source)
        except JourneyError as exc:
            self._show_refusal(self.words.gettext("{file} was not loaded", file=str(source)), exc.issues)
            return False
        except (OSError, ValueError, ArithmeticError) as exc:
            self._say(self.words.gettext("{file} was not loaded: {reason}", file=str(source), reason=str(exc)),
                      "error")
            return False
        self.path.value = str(source)
        return self._replace(journey, self.words.gettext("load {file}", file=str(source)))

    def _uploaded(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        name = upload.get("name", "upload.yaml")
        try:
            journey = io.loads(bytes(upload["content"]).decode("utf-8"))
        except JourneyError as exc:
            self._show_refusal(self.words.gettext("{file} was not loaded", file=name),
                               [i.located(name) for i in exc.issues])
            return
        except (UnicodeDecodeError, ValueError, ArithmeticError) as exc:
            self._say(self.words.gettext("{file} was not loaded: {reason}", file=name, reason=str(exc)), "error")
            return
        self._replace(journey, self.words.gettext("upload {file}", file=name))

    def _replace(self, journey: Journey, label: str) -> bool:
        issues = _checked(journey)
        errors = [i for i in issues if i.is_error]
        if errors:
            self._show_refusal(self.words.gettext("not loaded ({label})", label=label), errors)
            return False
        before = (self.selected, self._issues)
        self._history.push(journey, label)
        self._issues = issues
        self.selected = journey.touchpoint_ids[0] if journey.touchpoints else None
        try:
            self._refresh(keep_drafts=False)
        except (ArithmeticError, ValueError) as exc:
            self._history.discard()
            self.selected, self._issues = before
            self._refresh(keep_drafts=False)
            self._say(self.words.gettext("not loaded ({label}): {reason}", label=label, reason=str(exc)), "error")
            return False
        self._say(self.words.ngettext("{label}: {title}, {n} touchpoint", "{label}: {title}, {n} touchpoints",
                                      len(journey.touchpoints), label=label, title=journey.title), "ok")
        return True

    def _start_from(self, name: str, language: str) -> bool:
        """Replace the journey with template ``name`` in ``language`` (undoable), from the picker."""
        words = translator(language)
        return self._replace(template(name, language), words.gettext("started from a template"))

    # -- showing ---------------------------------------------------------------------------------
    def _say(self, text: str, kind: str) -> None:
        warnings = [i for i in self._issues if not i.is_error]
        extra = ""
        if warnings:
            shown = issues_html(warnings[:3], with_path=True)
            more_text = self.words.gettext("… and {n} more", n=len(warnings) - 3)
            more = (f"<div style='color:#8a5a00;font-size:0.85em'>{html.escape(more_text)}</div>"
                    if len(warnings) > 3 else "")
            extra = shown + more
        self.status.value = notice_html(text, kind=kind) + extra

    def _relabel(self) -> None:
        """Every label in the journey's language (called when it changes: a Spanish template picked)."""
        words = translator(self.journey.language)
        self._labelled = words.language
        self.relabel(words)
        gettext = words.gettext
        titles = (gettext("Touchpoint"), gettext("Routing"), gettext("Times"), gettext("Stages"), gettext("Teams"),
                  gettext("Segments"))
        for index, title in enumerate(titles):
            self.tabs.set_title(index, title)
        for part in (self.outline, self.touchpoint_form, self.routing_form, self.times_form, self.stages_form,
                     self.teams_form, self.segments_form):
            part.relabel(words)
        self.picker.relabel(words)

    def _show_refusal(self, text: str, issues: tuple[Issue, ...] | list[Issue]) -> None:
        self.status.value = notice_html(text + ":", kind="error") + issues_html(issues, located=True)

    def _refresh(self, *, keep_drafts: bool) -> None:
        journey = self.journey
        if journey.language != self._labelled:
            self._relabel()
        words = self.words
        ids = journey.touchpoint_ids
        if self.selected not in ids:
            index = self._order.index(self.selected) if self.selected in self._order else 0
            self.selected = ids[min(index, len(ids) - 1)] if ids else None
        counts = " · ".join((
            words.ngettext("{n} stage in the cycle", "{n} stages in the cycle", len(journey.stages)),
            words.ngettext("{n} touchpoint", "{n} touchpoints", len(ids)),
            words.ngettext("{n} moment of truth", "{n} moments of truth", len(journey.moments_of_truth)),
        ))
        self.title.value = (
            f"<h3 style='margin:4px 0'>{html.escape(journey.title)} "
            f"<span style='font-weight:400;color:#666;font-size:0.8em'>{html.escape(counts)}</span></h3>"
        )
        self.outline.show(journey, self.selected)
        self.tabs.layout.display = "" if self.selected else "none"
        if self.selected:
            by_field = issues_for_touchpoint(journey, self.selected, self._issues)
            for form in (self.touchpoint_form, self.routing_form, self.times_form):
                form.load(journey, self.selected, by_field, keep_drafts=keep_drafts)
        self.stages_form.load(journey)
        self.teams_form.load(journey, self._issues, keep_drafts=keep_drafts)
        self.segments_form.load(journey, self._issues, keep_drafts=keep_drafts)
        self.diagram.show(journey)
        self.undo_button.disabled = not self._history.can_undo
        self.redo_button.disabled = not self._history.can_redo
        self.undo_button.tooltip = (words.gettext("undo: {label}", label=self._history.undo_label)
                                    if self._history.can_undo else words.gettext("nothing to undo"))
        self.redo_button.tooltip = (words.gettext("redo: {label}", label=self._history.redo_label)
                                    if self._history.can_redo else words.gettext("nothing to redo"))
        for listener in self.listeners:
            listener(journey)


def _checked(journey: Journey) -> list[Issue]:
    """The validation issues of ``journey``; a number too large to compute with is an error, not a crash."""
    try:
        return list(validate(journey))
    except (ArithmeticError, ValueError) as exc:  # an overflow while judging (or writing about) a value
        return [Issue(f"a number is too large to compute with: {exc}", "")]


def edit(journey: JourneySource = None, *, view: str = "cycle", path: str | os.PathLike[str] | None = None) -> Editor:
    """Open ``journey`` (a Journey, a YAML path, or ``None`` for the default template) in an :class:`Editor`."""
    return Editor(journey, view=view, path=path)
