"""The stages of the cycle: add, rename, reorder and delete them.

A stage's id stays fixed (touchpoints and files refer to it); renaming changes the name people
read. Deleting is refused, with the reason shown, while the stage still holds touchpoints.
"""

from __future__ import annotations

import ipywidgets as w

from journeymap.errors import Issue
from journeymap.model import Journey
from journeymap.model.edits import add_stage, move_stage, new_stage
from journeymap.text import Translator
from journeymap.widgets.base import Apply, Part
from journeymap.widgets.fields import LABEL_WIDTH, Field, fixed, stretch, text
from journeymap.widgets.messages import issues_html

__all__ = ["StagesForm"]


class StagesForm(Part, w.VBox):
    """Pick a stage, then rename, move or delete it; or add a new one after it."""

    def __init__(self, apply: Apply) -> None:
        self._start(apply)
        self.stage = w.Dropdown(description="stage", style={"description_width": LABEL_WIDTH},
                                layout=w.Layout(width="auto"))
        self.name = Field(text("name"), name="stage-name")
        self.up = w.Button(icon="arrow-up", tooltip="move this stage earlier", layout=w.Layout(width="2.8em"))
        self.down = w.Button(icon="arrow-down", tooltip="move this stage later", layout=w.Layout(width="2.8em"))
        self.delete = w.Button(description="Delete stage", icon="trash", layout=w.Layout(width="12em"))
        self.new_name = w.Text(
            placeholder="new stage name", continuous_update=False, layout=stretch()
        )
        self.add = w.Button(description="Add stage", icon="plus", layout=fixed("11em"))
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
        self.name.control.observe(self._renamed, names="value")
        self.up.on_click(lambda _: self._move(-1))
        self.down.on_click(lambda _: self._move(+1))
        self.delete.on_click(self._delete)
        self.add.on_click(self._add)
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language."""
        self.words = words
        self.stage.description = words.gettext("stage")
        self.name.control.description = words.gettext("name")
        self.up.tooltip = words.gettext("move this stage earlier")
        self.down.tooltip = words.gettext("move this stage later")
        self.delete.description = words.gettext("Delete stage")
        self.new_name.placeholder = words.gettext("new stage name")
        self.add.description = words.gettext("Add stage")

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

    def _renamed(self, change: dict) -> None:
        stage_id = self.stage.value
        if self._quiet.active or stage_id is None:
            return
        name = str(change["new"]).strip()
        if not name:
            self.name.show([Issue(self.words.gettext("a stage needs a name (got an empty text)"))])
            return
        errors = self._apply(lambda j: j.with_stage(j.stage(stage_id).replace(name=name)),
                             self.words.gettext("rename stage {name}", name=name))
        self.name.show(errors)

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
        name = self.new_name.value.strip()
        if not name:
            self.message.value = issues_html([Issue(self.words.gettext("type the new stage's name first, then Add "
                                                                       "stage"))])
            return
        after = self.stage.value
        created: list[str] = []

        def edit(journey: Journey) -> Journey:
            stage = new_stage(journey, name)
            created.append(stage.id)
            return add_stage(journey, stage, after=after)

        errors = self._apply(edit, self.words.gettext("add stage {name}", name=name))
        self.message.value = issues_html(errors)
        if not errors:
            with self._quiet():
                self.new_name.value = ""
            if self.journey is not None:
                self.load(self.journey, created[-1])

