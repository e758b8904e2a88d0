"""The stages of the cycle: add, rename, reorder and delete them.

A stage's id stays fixed (touchpoints and files refer to it); renaming changes the name people
read. Deleting is refused, with the reason shown, while the stage still holds touchpoints.
"""

from __future__ import annotations

import ipywidgets as w

from journeymap.model import Journey
from journeymap.model.edits import add_stage, move_stage, new_stage
from journeymap.text import N_
from journeymap.widgets.base import Apply, Part
from journeymap.widgets.fields import LABEL_WIDTH, Field, fixed, stretch, text
from journeymap.widgets.messages import issues_html

__all__ = ["StagesForm"]


class StagesForm(Part, w.VBox):
    """Pick a stage, then rename, move or delete it; or add a new one after it."""

    def __init__(self, apply: Apply) -> None:
        self._start(apply)
        says = self._says
        self.stage = says(w.Dropdown(style={"description_width": LABEL_WIDTH}, layout=w.Layout(width="auto")),
                          description=N_("stage"))
        self.name = Field(says(text(), description=N_("name")), name="stage-name")
        self.up = says(w.Button(icon="arrow-up", layout=w.Layout(width="2.8em")), tooltip=N_("move this stage earlier"))
        self.down = says(w.Button(icon="arrow-down", layout=w.Layout(width="2.8em")),
                         tooltip=N_("move this stage later"))
        self.delete = says(w.Button(icon="trash", layout=w.Layout(width="12em")), description=N_("Delete stage"))
        self.new_name = says(w.Text(continuous_update=False, layout=stretch()), placeholder=N_("new stage name"))
        self.add = says(w.Button(icon="plus", layout=fixed("11em")), description=N_("Add stage"))
        self.message = w.HTML()
        super().__init__(
            [
                self.stage,
                self.name,
                w.HBox([self.up, self.down, self.delete], layout=w.Layout(margin=f"0 0 6px {LABEL_WIDTH}")),
                w.HBox([self.new_name, self.add]),
                self.message,
            ],
            layout=w.Layout(width="100%"),
        )
        self.add_class("jm-stages-form")
        self.stage.observe(self._picked, names="value")
        self.name.control.observe(self._acting_on(self.stage, self._rename), names="value")
        self.up.on_click(lambda _: self._move(-1))
        self.down.on_click(lambda _: self._move(+1))
        self.delete.on_click(self._delete)
        self.add.on_click(self._add)
        self.relabel(self.words)

    def load(self, journey: Journey, stage_id: str | None = None) -> None:
        """Show ``journey``'s stages, keeping (or setting) the picked one."""
        self.journey = journey
        keep = stage_id if stage_id is not None else self.stage.value
        with self._quiet():
            self.stage.options = [(s.label, s.id) for s in journey.stages]
            if journey.stages:
                self.stage.value = keep if keep in journey.stage_ids else journey.stage_ids[0]
            self._show_name()
        self.message.value = ""

    def _label(self, stage_id: str) -> str:
        journey = self.journey
        return journey.stage(stage_id).label if journey is not None and stage_id in journey.stage_ids else stage_id

    def _show_name(self) -> None:
        if self.journey is not None and self.stage.value in self.journey.stage_ids:
            with self._quiet():
                self.name.control.value = self.journey.stage(self.stage.value).name
        self.name.show([])

    def _picked(self, change: dict) -> None:
        if not self._quiet.active:
            self._show_name()

    def _rename(self, stage_id: str, typed: str) -> None:
        name = self._named(typed, N_("a stage needs a name (got an empty text)"), self.name.show)
        if name is not None:
            self.name.show(self._apply(lambda j: j.with_stage(j.stage(stage_id).replace(name=name)),
                                       self.words.gettext("rename stage {name}", name=name)))

    def _move(self, offset: int) -> None:
        stage_id = self.stage.value
        if stage_id is not None:
            self.message.value = issues_html(self._apply(lambda j: move_stage(j, stage_id, offset),
                                                         self.words.gettext("move stage")))

    def _delete(self, _: w.Button) -> None:
        stage_id = self.stage.value
        if stage_id is not None:
            errors = self._apply(lambda j: j.without_stage(stage_id), self.words.gettext("delete stage {name}",
                                                                                          name=self._label(stage_id)))
            self.message.value = issues_html(errors)

    def _add(self, _: w.Button) -> None:
        after = self.stage.value
        created: list[str] = []

        def add(journey: Journey, name: str) -> Journey:
            stage = new_stage(journey, name)
            created.append(stage.id)
            return add_stage(journey, stage, after=after)

        if self._add_named(self.new_name, add, N_("add stage {name}"), message=self.message,
                           missing=N_("type the new stage's name first, then Add stage")) and self.journey is not None:
            self.load(self.journey, created[-1])
