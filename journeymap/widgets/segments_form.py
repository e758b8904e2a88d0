"""The journey's customer segments: add and remove them; their name, share, priority and patience.

The segments are edited as one block, like the routes: any change proposes every row as typed, so
moving share from one segment to another can pass through shares that do not sum to 1 without losing
what was typed; validation's message ("the segments' shares sum to 1.2, not 1") stays under the table
until the shares add up. Every change is one of :mod:`journeymap.model.operations_edits`' segment edits.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import ipywidgets as w

from journeymap.errors import Issue, UnitError
from journeymap.model import Journey, Segment, operations_edits
from journeymap.text import N_, Translator, translator
from journeymap.widgets.base import Apply, Part, error_issue
from journeymap.widgets.fields import ColumnHeadings, cell, fixed, note_html, stretch
from journeymap.widgets.labels import Labelled
from journeymap.widgets.messages import issues_html, show_by_row, under
from journeymap.widgets.parsing import format_number, parse_count, parse_number

__all__ = ["SegmentRow", "SegmentsForm"]

_ROW = re.compile(r"^segments\[(\d+)\]")
_COLUMN = {"share": "4.6em", "priority": "4.6em", "patience_factor": "5.4em"}
Typed = tuple[str, str, str, str, str]
"""A row as typed: id, name, share, priority, patience factor."""


class SegmentRow(Labelled, w.VBox):
    """One segment: its name, share (0–1), priority (smaller first), patience factor, a remove button."""

    def __init__(self, segment: Segment, words: Translator | None = None) -> None:
        self.segment_id = segment.id
        language = (words or translator("en")).language
        self.name = w.Text(value=segment.name, placeholder=segment.id, tooltip=segment.id, continuous_update=False,
                           layout=w.Layout(width="auto", flex="1 1 0%", min_width="6em"))
        self.share = cell(_COLUMN["share"])
        self.share.value = format_number(segment.share, language)
        self.priority = cell(_COLUMN["priority"])
        self.priority.value = str(segment.priority)
        self.patience_factor = cell(_COLUMN["patience_factor"])
        self.patience_factor.value = format_number(segment.patience_factor, language)
        self.remove = self._says(w.Button(icon="times", layout=fixed("2.6em")), tooltip=N_("remove this segment"))
        self.remove.add_class("jm-remove-segment")
        self.message = w.HTML()
        super().__init__([w.HBox([self.name, self.share, self.priority, self.patience_factor, self.remove]),
                          self.message])
        self.add_class("jm-segment")
        self.relabel(words or translator("en"))

    @property
    def typed(self) -> Typed:
        """What the row holds."""
        return (self.segment_id, self.name.value, self.share.value, self.priority.value, self.patience_factor.value)


class SegmentsForm(Part, w.VBox):
    """The segments as a small table, the problems with them underneath, and a way to add one."""

    def __init__(self, apply: Apply) -> None:
        self._start(apply)
        self.draft: list[Issue] | None = None
        self.rows: list[SegmentRow] = []
        self.header = ColumnHeadings([(N_("segment"), "auto"), (N_("share"), _COLUMN["share"]),
                                      (N_("priority"), _COLUMN["priority"]),
                                      (N_("patience ×"), _COLUMN["patience_factor"]), ("", "2.6em")])
        self.rows_box = w.VBox()
        self.message = w.HTML()
        self.message.add_class("jm-segments-message")
        self.new_name = self._says(w.Text(continuous_update=False, layout=stretch()),
                                   placeholder=N_("new segment name"))
        self.add = self._says(w.Button(icon="plus", layout=fixed("11em")), description=N_("Add segment"))
        self.add.add_class("jm-add-segment")
        self.note = w.HTML()
        super().__init__([self.note, self.header, self.rows_box, self.message, w.HBox([self.new_name, self.add])],
                         layout=w.Layout(width="100%"))
        self.add_class("jm-segments-form")
        self.add.on_click(self._add)
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language (the table's too)."""
        super().relabel(words)
        self.header.relabel(words)
        note = words.gettext("shares split the arrivals that name no segment and sum to 1; priority 0 is served "
                             "first; patience × multiplies how long they wait")
        self.note.value = note_html(note, indent=False)
        for row in self.rows:
            row.relabel(words)

    # -- showing ---------------------------------------------------------------------------------
    def load(self, journey: Journey, issues: list[Issue] | None = None, *, keep_drafts: bool = False) -> None:
        """Show ``journey``'s segments with the validation ``issues`` about them; ``keep_drafts`` keeps a
        refused table as typed."""
        self.journey = journey
        if keep_drafts and self.draft is not None:
            self._show_issues(self.draft)
            return
        self.draft = None
        self._rows(journey.segments)
        self._show_issues([i for i in issues or [] if under(i.path, "segments")])
        self.header.layout.display = "" if journey.segments else "none"

    def _rows(self, segments: tuple[Segment, ...] | list[Segment]) -> None:
        self.rows = [self._row(segment) for segment in segments]
        self.rows_box.children = tuple(self.rows)

    def _row(self, segment: Segment) -> SegmentRow:
        row = SegmentRow(segment, self.words)
        for box in (row.name, row.share, row.priority, row.patience_factor):
            box.observe(self._changed, names="value")
        row.remove.on_click(self._remover(row))
        return row

    def _show_issues(self, issues: list[Issue]) -> None:
        rest = show_by_row(issues, _ROW, self.rows)
        if not self.rows and not rest:
            hint = self.words.gettext("no segments: every customer is alike (add one to tell, say, business "
                                      "customers from consumers)")
            self.message.value = note_html(hint, indent=False)
        else:
            self.message.value = issues_html(rest)

    # -- committing ------------------------------------------------------------------------------
    def _changed(self, change: dict) -> None:
        if not self._quiet.active:
            self._propose([row.typed for row in self.rows], self.words.gettext("segments"))

    def _propose(self, typed: list[Typed], label: str) -> bool:
        """Every segment as typed, as one edit; refused, the table stays as typed with the reasons."""
        values = []
        for k, (segment_id, name, share, priority, factor) in enumerate(typed):
            try:
                values.append((segment_id, name, parse_number(share, "share"), parse_count(priority, "priority"),
                               parse_number(factor, "patience_factor")))
            except UnitError as exc:
                self.draft = [error_issue(exc, f"segments[{k}]")]
                self._show_issues(self.draft)
                return False

        at: list[int] = []  # the row being edited, to show an edit's refusal on it

        def edit(journey: Journey) -> Journey:
            for k, (segment_id, name, share, priority, factor) in enumerate(values):
                at[:] = [k]
                journey = operations_edits.set_segment(journey, segment_id, name=name or segment_id, share=share,
                                            priority=priority, patience_factor=factor)
            at.clear()
            return journey

        self.draft = None
        errors = self._apply(edit, label)
        if errors:
            self.draft = [Issue(e.message, f"segments[{at[0]}]", e.severity) if at and not e.path else e
                          for e in errors]
            errors = self.draft
            self._show_issues(errors)
        return not errors

    def _remover(self, row: SegmentRow) -> Callable[[w.Button], None]:
        def remove(_: w.Button) -> None:
            label = self.words.gettext("remove segment {name}", name=row.name.value or row.segment_id)
            errors = self._apply(lambda j: operations_edits.remove_segment(j, row.segment_id), label)
            if errors:
                self._show_issues(errors)

        return remove

    def _add(self, _: w.Button) -> None:
        self._add_named(self.new_name, operations_edits.add_segment, N_("add segment {name}"), message=self.message,
                        missing=N_("type the new segment's name first, then Add segment"), show=self._show_issues)
