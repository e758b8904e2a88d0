"""The left-hand list of the editor: touchpoints grouped by stage, and the buttons that add, move and
delete touchpoints.

Each stage is a heading over a list box of its touchpoints, in file order; ★ marks a moment of
truth, ⚑ a goal and → an entry point. Picking a touchpoint in any list selects it for the forms.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from journeymap.model import Journey, Stage, Touchpoint
from journeymap.model.edits import add_touchpoint, move_touchpoint, new_touchpoint
from journeymap.text import N_, Translator
from journeymap.widgets.base import Apply, Part
from journeymap.widgets.fields import fixed, stretch
from journeymap.widgets.messages import issues_html

__all__ = ["Outline", "grouped", "touchpoint_label"]


def grouped(journey: Journey) -> list[tuple[Stage | None, tuple[Touchpoint, ...]]]:
    """The touchpoints by stage, in stage order; touchpoints naming no known stage come last under ``None``."""
    groups: list[tuple[Stage | None, tuple[Touchpoint, ...]]] = [
        (stage, journey.touchpoints_in(stage.id)) for stage in journey.stages
    ]
    known = set(journey.stage_ids)
    orphans = tuple(tp for tp in journey.touchpoints if tp.stage not in known)
    if orphans:
        groups.append((None, orphans))
    return groups


def touchpoint_label(tp: Touchpoint, *, entry: bool = False) -> str:
    """How a touchpoint reads in the list: its name with ★ (moment of truth), ⚑ (goal), → (entry)."""
    marks = ("→ " if entry else "") + ("★ " if tp.moment_of_truth else "")
    return f"{marks}{tp.label}{' ⚑' if tp.goal else ''}"


class Outline(Part, w.VBox):
    """Touchpoints by stage with add / move up / move down / delete; ``on_select(id)`` on a pick."""

    def __init__(self, apply: Apply, on_select: Callable[[str], None]) -> None:
        self._start(apply)
        self._on_select = on_select
        self._signature: tuple = ()
        self.selected: str | None = None
        self.lists: dict[str, w.Select] = {}
        self.shown: list[tuple[str | None, str | None, tuple[str, ...]]] = []
        """What the list shows: (stage id, stage name, touchpoint ids) per group; ``None`` for no stage."""
        self.groups = w.VBox(layout=w.Layout(max_height="360px", overflow="auto", padding="0 4px 0 0"))
        says = self._says
        self.new_name = says(w.Text(continuous_update=False, layout=stretch()), placeholder=N_("new touchpoint name"))
        self.add = says(w.Button(icon="plus", layout=fixed("7.5em")), description=N_("Add"),
                        tooltip=N_("add a touchpoint after the selected one"))
        self.up = says(w.Button(icon="arrow-up", layout=fixed("2.8em")), tooltip=N_("move up within its stage"))
        self.down = says(w.Button(icon="arrow-down", layout=fixed("2.8em")), tooltip=N_("move down within its stage"))
        self.delete = says(w.Button(icon="trash", layout=fixed("2.8em")), tooltip=N_("delete the selected touchpoint"))
        self.add.add_class("jm-add-touchpoint")
        self.delete.add_class("jm-delete-touchpoint")
        self.message = w.HTML()
        toolbar = w.HBox([self.new_name, self.add, self.up, self.down, self.delete])
        super().__init__([self.groups, toolbar, self.message], layout=w.Layout(width="100%"))
        self.add_class("jm-outline")
        self.add.on_click(self._add)
        self.up.on_click(lambda _: self._move(-1))
        self.down.on_click(lambda _: self._move(+1))
        self.delete.on_click(self._delete)
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language (the list is rebuilt at the next :meth:`show`)."""
        super().relabel(words)
        self._signature = ()

    # -- showing ---------------------------------------------------------------------------------
    def show(self, journey: Journey, selected: str | None) -> None:
        """List ``journey``'s touchpoints (rebuilt only when ids, names, stages or marks changed)."""
        self.journey, self.selected = journey, selected
        entries = set(journey.entry_points)
        groups = grouped(journey)
        signature = tuple(
            (stage.id if stage else None, stage.label if stage else None,
             tuple((tp.id, touchpoint_label(tp, entry=tp.id in entries)) for tp in tps))
            for stage, tps in groups
        )
        self.shown = [(stage_id, label, tuple(tp_id for tp_id, _ in items)) for stage_id, label, items in signature]
        with self._quiet():
            if signature != self._signature:
                self._signature = signature
                self.lists = {}
                children: list[w.Widget] = []
                for (stage_id, stage_label, items) in signature:
                    no_stage = self.words.gettext("no stage")
                    title = html.escape(stage_label) if stage_id is not None else f"<i>{html.escape(no_stage)}</i>"
                    header = w.HTML(f"<div style='font-weight:600;margin:6px 0 2px'>{title} "
                                    f"<span style='color:#888;font-weight:400'>({len(items)})</span></div>")
                    children.append(header)
                    if not items:
                        empty = html.escape(self.words.gettext("no touchpoints yet"))
                        style = "color:#888;font-size:0.85em;margin-left:8px"
                        children.append(w.HTML(f"<div style='{style}'>{empty}</div>"))
                        continue
                    box = w.Select(
                        options=[(label, tp_id) for tp_id, label in items], value=None,
                        rows=max(2, len(items)), layout=w.Layout(width="100%"),  # size 1 would be a dropdown
                    )
                    box.add_class("jm-stage-list")
                    box.add_class(f"jm-stage-{stage_id or 'none'}")
                    box.observe(self._picked, names="value")
                    for tp_id, _ in items:
                        self.lists[tp_id] = box
                    children.append(box)
                self.groups.children = tuple(children)
            for box in set(self.lists.values()):
                ids = [value for _, value in box.options]
                box.value = selected if selected in ids else None
        for button in (self.up, self.down, self.delete):
            button.disabled = selected is None
        self.message.value = ""

    def _name(self, tp_id: str) -> str:
        journey = self.journey
        return journey.touchpoint(tp_id).label if journey is not None and tp_id in journey.touchpoint_ids else tp_id

    def _picked(self, change: dict) -> None:
        if self._quiet.active or change["new"] is None:
            return
        self._on_select(change["new"])

    # -- edits -----------------------------------------------------------------------------------
    def _add(self, _: w.Button | None = None) -> None:
        if self.journey is None:
            return
        name = self.new_name.value.strip() or self.words.gettext("New touchpoint")
        after = self.selected
        created: list[str] = []

        def edit(journey: Journey) -> Journey:
            touchpoint = new_touchpoint(journey, name, after=after)
            created.append(touchpoint.id)
            return add_touchpoint(journey, touchpoint, after=after)

        errors = self._apply(edit, self.words.gettext("add touchpoint {name}", name=name))
        if errors:
            self.message.value = issues_html(errors)
            return
        self.new_name.value = ""
        self._on_select(created[-1])

    def _move(self, offset: int) -> None:
        tp_id = self.selected
        if tp_id is None:
            return
        errors = self._apply(lambda j: move_touchpoint(j, tp_id, offset),
                             self.words.gettext("move {name}", name=self._name(tp_id)))
        self.message.value = issues_html(errors)

    def _delete(self, _: w.Button | None = None) -> None:
        tp_id = self.selected
        if tp_id is None or self.journey is None:
            return
        errors = self._apply(lambda j: j.without_touchpoint(tp_id),
                             self.words.gettext("delete {name}", name=self._name(tp_id)))
        self.message.value = issues_html(errors)  # on success the editor selects a neighbour
