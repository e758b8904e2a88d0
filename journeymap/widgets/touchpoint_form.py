"""The form for one touchpoint's identity: id, name, stage, channel, lane, owner, moment of truth,
goal and the customer's requirements there.

Stage, channel, lane and owner are dropdowns that also take a new value (``Combobox`` with
``ensure_option=False``): typing a new stage name creates that stage. Each field is committed on
its own when the user presses Enter or leaves it; a refused edit leaves the typed text in place
with the reason underneath.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from journeymap.errors import Issue
from journeymap.model import LANES, Journey, Requirement
from journeymap.model.edits import set_stage
from journeymap.model.operations_edits import set_cost_per_contact, set_touchpoint_team
from journeymap.render.words import lane_title
from journeymap.text import N_, Translator
from journeymap.widgets.base import Apply, error_issue
from journeymap.widgets.fields import (
    LABEL_WIDTH,
    Field,
    FieldEdits,
    combobox,
    fixed,
    note_html,
    stretch,
    text,
    updating,
)
from journeymap.widgets.parsing import format_number, parse_number

__all__ = ["CHANNELS", "TouchpointForm"]

CHANNELS = ("store", "phone", "web", "chat", "social", "email", "app")
"""Channels offered in the dropdown before any journey adds its own."""


class TouchpointForm(FieldEdits, w.VBox):
    """Identity and meaning of the selected touchpoint; ``select`` is called with the new id after a rename."""

    def __init__(self, apply: Apply, select: Callable[[str], None]) -> None:
        self._start(apply)
        self._select = select
        self.touchpoint_id: str | None = None
        self.drafts: dict[str, list[Issue]] = {}

        says = self._says
        self.id = Field(says(text(), description=N_("id"), tooltip=N_("the id routes and files refer to")), name="id")
        self.name = Field(says(text(), description=N_("name")), name="name")
        self.stage = Field(says(combobox(), description=N_("stage"), placeholder=N_("a stage, or a new one")),
                           name="stage")
        self.channel = Field(says(combobox(options=CHANNELS), description=N_("channel"),
                                  placeholder=N_("phone, web, store…")), name="channel")
        self.lane = Field(says(combobox(), description=N_("lane")), name="lane")
        self.owner = Field(says(combobox(), description=N_("owner"), placeholder=N_("the team responsible")),
                           name="owner")
        team = w.Dropdown(style={"description_width": LABEL_WIDTH}, layout=w.Layout(width="auto"))
        self.team = Field(says(team, description=N_("served by"), tooltip=N_(
            "a team's shared servers; picking one clears this touchpoint's own capacity")), name="team")
        self.team_note = w.HTML()
        self.cost_per_contact = Field(says(text(), description=N_("cost per contact"),
                                           placeholder=N_("money per contact served; empty: not given")),
                                      name="cost_per_contact")
        self.moment_of_truth = says(w.Checkbox(indent=False), description=N_("moment of truth"))
        self.goal = says(w.Checkbox(indent=False), description=N_("goal"))
        flags = w.HBox(
            [self.moment_of_truth, self.goal], layout=w.Layout(margin=f"0 0 0 {LABEL_WIDTH}", flex_flow="row wrap")
        )
        self.flags = Field(flags, name="flags")
        self.requirement_rows = w.VBox()
        self.new_requirement = says(text(), description=N_("requirements"),
                                    placeholder=N_("what the customer needs here; Enter to add"))
        self.add_requirement = says(w.Button(icon="plus", layout=fixed("7em")), description=N_("Add"))
        self.requirements = Field(
            w.VBox([w.HBox([self.new_requirement, self.add_requirement]), self.requirement_rows]), name="requirements"
        )
        self.summary = w.HTML()
        super().__init__(
            [self.summary, self.id, self.name, self.stage, self.channel, self.lane, self.owner, self.team,
             self.team_note, self.cost_per_contact, self.flags, self.requirements],
            layout=w.Layout(width="100%"),
        )
        self.add_class("jm-touchpoint-form")

        self.id.control.observe(self._id_changed, names="value")
        for field, read, edit, what in (
            (self.name, self._text_of(self.name), updating("name"), N_("name of {name}")),
            (self.stage, lambda: str(self.stage.control.value), set_stage, N_("stage of {name}")),
            (self.channel, self._text_of(self.channel, optional=True), updating("channel"), N_("channel of {name}")),
            (self.lane, lambda: self._lane_key(str(self.lane.control.value)), updating("lane"), N_("lane of {name}")),
            (self.owner, self._text_of(self.owner, optional=True), updating("owner"), N_("owner of {name}")),
            (self.team, lambda: str(self.team.control.value or "") or None, set_touchpoint_team,
             N_("team of {name}")),
            (self.cost_per_contact, lambda: parse_number(self.cost_per_contact.control.value, "cost_per_contact"),
             set_cost_per_contact, N_("cost per contact of {name}")),
        ):
            field.control.observe(self._commits(field, read, edit, what), names="value")
        self.moment_of_truth.observe(self._flag_changed("moment_of_truth", N_("{name} is a moment of truth"),
                                                        N_("{name} is no longer a moment of truth")), names="value")
        self.goal.observe(self._flag_changed("goal", N_("{name} is a goal"), N_("{name} is no longer a goal")),
                          names="value")
        self.new_requirement.observe(self._requirement_typed, names="value")
        self.add_requirement.on_click(lambda _: self._add_requirement(self.new_requirement.value))
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language (the lanes' names too)."""
        super().relabel(words)
        with self._quiet():
            self.lane.control.options = tuple(lane_title(words, lane) for lane in LANES)
            if self.journey is not None and self.touchpoint_id in self.journey.touchpoint_ids:
                self.lane.control.value = lane_title(words, self.journey.touchpoint(self.touchpoint_id).lane)

    def _text_of(self, field: Field, *, optional: bool = False) -> Callable[[], str | None]:
        """What ``field`` holds, stripped; ``optional``: ``None`` when that is empty (no channel, no owner)."""
        return lambda: str(field.control.value).strip() or (None if optional else "")

    def _lane_key(self, text: str) -> str:
        """The lane a typed or picked name means (its key); what was typed when it names none."""
        wanted = text.strip().lower()
        for lane in LANES:
            if wanted in (lane, lane_title(self.words, lane).lower()):
                return lane
        return text.strip()

    # -- filling the form from the journey ---------------------------------------------------------
    def load(
        self, journey: Journey, touchpoint_id: str, issues: dict[str, list[Issue]], *, keep_drafts: bool = False
    ) -> None:
        """Show touchpoint ``touchpoint_id`` of ``journey`` with the validation issues about it, by field.

        With ``keep_drafts``, fields holding a refused edit of this same touchpoint keep the typed
        text and its message (another field was just committed); otherwise every field is reset.
        """
        if not keep_drafts or touchpoint_id != self.touchpoint_id:
            self.drafts.clear()
        self.journey, self.touchpoint_id = journey, touchpoint_id
        tp = journey.touchpoint(touchpoint_id)
        values = {
            "id": tp.id,
            "name": tp.name,
            "stage": journey.stage(tp.stage).label if tp.stage in journey.stage_ids else tp.stage,
            "channel": tp.channel or "",
            "lane": lane_title(self.words, tp.lane),
            "owner": tp.owner or "",
            "cost_per_contact": format_number(tp.cost_per_contact, self.words.language),
        }
        with self._quiet():
            self.stage.control.options = tuple(s.label for s in journey.stages)
            channels = dict.fromkeys([*CHANNELS, *(t.channel for t in journey.touchpoints if t.channel)])
            self.channel.control.options = tuple(channels)
            self.owner.control.options = tuple(dict.fromkeys(t.owner for t in journey.touchpoints if t.owner))
            self.team.control.options = [(self.words.gettext("its own servers"), ""),
                                         *((f"{t.label} · {t.id}" if t.name and t.name != t.id else t.id, t.id)
                                           for t in journey.teams)]
            self.team.control.value = tp.team if tp.team in [t.id for t in journey.teams] else ""
            for name, value in values.items():
                if name not in self.drafts:
                    getattr(self, name).control.value = value
            self.moment_of_truth.value = tp.moment_of_truth
            self.goal.value = tp.goal
            if "requirements" not in self.drafts:
                self.new_requirement.value = ""
        self._show_requirements(tp.requirements)
        self.summary.value = f"<b>{_escape(tp.label)}</b> <span style='color:#666'>· {_escape(tp.id)}</span>"
        self.team.layout.display = "" if journey.teams or tp.team else "none"
        self._show_team_note(journey, touchpoint_id)
        for name in ("id", "name", "stage", "channel", "lane", "owner", "team", "cost_per_contact", "requirements"):
            getattr(self, name).show(self.drafts.get(name, issues.get(name, [])))
        self.flags.show(issues.get("moment_of_truth", []) + issues.get("goal", []) + issues.get("", []))

    def _show_team_note(self, journey: Journey, touchpoint_id: str) -> None:
        """Whose servers serve the touchpoint, when a team's do (by ``team`` or by ``owner``)."""
        tp = journey.touchpoint(touchpoint_id)
        team = journey.team_of(tp)
        if team is None:
            self.team_note.value = ""
            return
        servers = (self.words.gettext("by shift") if team.shifts
                   else self.words.ngettext("{n} server", "{n} servers", team.capacity or 0))
        note = self.words.gettext("shares the servers of {team} ({servers})", team=team.label, servers=servers)
        self.team_note.value = note_html(note)

    def _show_requirements(self, requirements: tuple[str, ...]) -> None:
        rows = []
        for index, requirement in enumerate(requirements):
            box = w.Text(value=requirement, continuous_update=False, layout=stretch())
            box.observe(self._requirement_edited(index), names="value")
            remove = w.Button(icon="times", tooltip=self.words.gettext("remove this requirement"),
                              layout=fixed("2.6em"))
            remove.on_click(self._requirement_removed(index))
            remove.add_class("jm-remove-requirement")
            rows.append(w.HBox([box, remove], layout=w.Layout(margin=f"0 0 0 {LABEL_WIDTH}")))
        self.requirement_rows.children = tuple(rows)

    # -- committing ----------------------------------------------------------------------------
    def _id_changed(self, change: dict) -> None:
        if self._quiet.active or self.touchpoint_id is None:
            return
        old, new = self.touchpoint_id, str(change["new"]).strip()
        if new == old:
            return
        if self._commit(self.id, lambda j: j.rename_touchpoint(old, new),
                        self.words.gettext("rename {old} to {new}", old=old, new=new)):
            self._select(new)

    def _flag_changed(self, name: str, on: str, off: str) -> Callable[[dict], None]:
        """What ticking the box ``name`` does, listed as ``on`` or ``off`` (message ids with ``{name}``); refused,
        the box is put back (a checkbox has no draft to keep)."""
        box: w.Checkbox = getattr(self, name)
        commit = self._commits(self.flags, lambda: bool(box.value), updating(name), lambda value: on if value else off)

        def changed(_: dict) -> None:
            value = bool(box.value)
            if commit() is False:
                with self._quiet():
                    box.value = not value

        return changed

    # -- requirements ----------------------------------------------------------------------------
    def _requirements(self) -> tuple[Requirement, ...]:
        assert self.journey is not None and self.touchpoint_id is not None
        return self.journey.touchpoint(self.touchpoint_id).requirements

    def _set_requirements(self, requirements: tuple[str, ...], label: str) -> bool:
        tp_id = self.touchpoint_id
        assert tp_id is not None
        return self._commit(self.requirements, lambda j: j.update_touchpoint(tp_id, requirements=requirements), label)

    def _requirement_typed(self, change: dict) -> None:
        if not self._quiet.active and str(change["new"]).strip():
            self._add_requirement(change["new"])

    def _add_requirement(self, value: str) -> None:
        value = str(value).strip()
        if self.touchpoint_id is None:
            return
        if not value:
            missing = self.words.gettext("type the requirement first, then Add")
            self.requirements.show([error_issue(ValueError(missing))])
            return
        label = self.words.gettext("requirement at {name}", name=self._name(self.touchpoint_id))
        if self._set_requirements((*self._requirements(), value), label):
            with self._quiet():
                self.new_requirement.value = ""

    def _requirement_edited(self, index: int) -> Callable[[dict], None]:
        def edited(change: dict) -> None:
            if self._quiet.active:
                return
            current = list(self._requirements())
            new = str(change["new"]).strip()
            if new:
                current[index] = current[index].with_text(new)  # a measurable standard stays with its requirement
            else:
                del current[index]
            self._set_requirements(tuple(current), self.words.gettext("requirement at {name}",
                                                                      name=self._name(self.touchpoint_id or "")))

        return edited

    def _requirement_removed(self, index: int) -> Callable[[w.Button], None]:
        def removed(_: w.Button) -> None:
            current = list(self._requirements())
            del current[index]
            self._set_requirements(tuple(current), self.words.gettext("remove requirement at {name}",
                                                                      name=self._name(self.touchpoint_id or "")))

        return removed


def _escape(value: str) -> str:
    import html

    return html.escape(value)
