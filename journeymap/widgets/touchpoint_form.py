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

from journeymap.errors import Issue, UnitError
from journeymap.model import LANES, Journey, Requirement
from journeymap.model.edits import set_stage
from journeymap.model.operations_edits import set_cost_per_contact, set_touchpoint_team
from journeymap.render.words import lane_title
from journeymap.text import Translator
from journeymap.widgets.base import Apply, error_issue
from journeymap.widgets.fields import LABEL_WIDTH, Field, FieldEdits, combobox, fixed, note_html, stretch, text
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

        self.id = Field(text("id"), name="id")
        self.name = Field(text("name"), name="name")
        self.stage = Field(combobox("stage"), name="stage")
        self.channel = Field(combobox("channel", CHANNELS), name="channel")
        self.lane = Field(combobox("lane"), name="lane")
        self.owner = Field(combobox("owner"), name="owner")
        self.team = Field(w.Dropdown(description="team", style={"description_width": LABEL_WIDTH},
                                     layout=w.Layout(width="auto")), name="team")
        self.team_note = w.HTML()
        self.cost_per_contact = Field(text("cost per contact"), name="cost_per_contact")
        self.moment_of_truth = w.Checkbox(description="moment of truth", indent=False)
        self.goal = w.Checkbox(description="goal", indent=False)
        flags = w.HBox(
            [self.moment_of_truth, self.goal], layout=w.Layout(margin=f"0 0 0 {LABEL_WIDTH}", flex_flow="row wrap")
        )
        self.flags = Field(flags, name="flags")
        self.requirement_rows = w.VBox()
        self.new_requirement = text("requirements")
        self.add_requirement = w.Button(description="Add", icon="plus", layout=fixed("7em"))
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
        self.stage.control.observe(self._stage_changed, names="value")
        for field in ("name", "channel", "lane", "owner"):
            getattr(self, field).control.observe(self._simple_changed(field), names="value")
        self.team.control.observe(self._team_changed, names="value")
        self.cost_per_contact.control.observe(self._cost_changed, names="value")
        self.moment_of_truth.observe(self._flag_changed("moment_of_truth"), names="value")
        self.goal.observe(self._flag_changed("goal"), names="value")
        self.new_requirement.observe(self._requirement_typed, names="value")
        self.add_requirement.on_click(lambda _: self._add_requirement(self.new_requirement.value))
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language (the lanes' names too)."""
        self.words = words
        gettext = words.gettext
        labels = {"id": gettext("id"), "name": gettext("name"), "stage": gettext("stage"),
                  "channel": gettext("channel"), "lane": gettext("lane"), "owner": gettext("owner")}
        for field, label in labels.items():
            getattr(self, field).control.description = label
        self.id.control.tooltip = gettext("the id routes and files refer to")
        self.stage.control.placeholder = gettext("a stage, or a new one")
        self.channel.control.placeholder = gettext("phone, web, store…")
        self.owner.control.placeholder = gettext("the team responsible")
        self.team.control.description = gettext("served by")
        self.team.control.tooltip = gettext("a team's shared servers; picking one clears this touchpoint's own "
                                            "capacity")
        self.cost_per_contact.control.description = gettext("cost per contact")
        self.cost_per_contact.control.placeholder = gettext("money per contact served; empty: not given")
        with self._quiet():
            self.lane.control.options = tuple(lane_title(words, lane) for lane in LANES)
            if self.journey is not None and self.touchpoint_id in self.journey.touchpoint_ids:
                self.lane.control.value = lane_title(words, self.journey.touchpoint(self.touchpoint_id).lane)
        self.moment_of_truth.description = gettext("moment of truth")
        self.goal.description = gettext("goal")
        self.new_requirement.description = gettext("requirements")
        self.new_requirement.placeholder = gettext("what the customer needs here; Enter to add")
        self.add_requirement.description = gettext("Add")

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
            "cost_per_contact": format_number(tp.cost_per_contact),
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

    def _stage_changed(self, change: dict) -> None:
        if self._quiet.active or self.touchpoint_id is None:
            return
        tp_id, value = self.touchpoint_id, str(change["new"])
        self._commit(self.stage, lambda j: set_stage(j, tp_id, value),
                     self.words.gettext("stage of {name}", name=self._name(tp_id)))

    def _simple_changed(self, name: str) -> Callable[[dict], None]:
        def changed(change: dict) -> None:
            if self._quiet.active or self.touchpoint_id is None:
                return
            tp_id = self.touchpoint_id
            value: str | None = str(change["new"]).strip()
            if name in ("channel", "owner") and not value:
                value = None
            if name == "lane" and value is not None:
                value = self._lane_key(value)
            what = {"name": self.words.gettext("name of {name}", name=self._name(tp_id)),
                    "channel": self.words.gettext("channel of {name}", name=self._name(tp_id)),
                    "lane": self.words.gettext("lane of {name}", name=self._name(tp_id)),
                    "owner": self.words.gettext("owner of {name}", name=self._name(tp_id))}[name]
            self._commit(getattr(self, name), lambda j: j.update_touchpoint(tp_id, **{name: value}), what)

        return changed

    def _team_changed(self, change: dict) -> None:
        if self._quiet.active or self.touchpoint_id is None:
            return
        tp_id, team = self.touchpoint_id, str(change["new"] or "") or None
        self._commit(self.team, lambda j: set_touchpoint_team(j, tp_id, team),
                     self.words.gettext("team of {name}", name=self._name(tp_id)))

    def _cost_changed(self, change: dict) -> None:
        if self._quiet.active or self.touchpoint_id is None:
            return
        tp_id = self.touchpoint_id
        try:
            cost = parse_number(change["new"], "cost_per_contact")
        except UnitError as exc:
            self._refuse(self.cost_per_contact, exc)
            return
        self._commit(self.cost_per_contact, lambda j: set_cost_per_contact(j, tp_id, cost),
                     self.words.gettext("cost per contact of {name}", name=self._name(tp_id)))

    def _flag_changed(self, name: str) -> Callable[[dict], None]:
        def changed(change: dict) -> None:
            if self._quiet.active or self.touchpoint_id is None:
                return
            tp_id, value = self.touchpoint_id, bool(change["new"])
            gettext, who = self.words.gettext, self._name(tp_id)
            label = {("moment_of_truth", True): gettext("{name} is a moment of truth", name=who),
                     ("moment_of_truth", False): gettext("{name} is no longer a moment of truth", name=who),
                     ("goal", True): gettext("{name} is a goal", name=who),
                     ("goal", False): gettext("{name} is no longer a goal", name=who)}[(name, value)]
            if not self._commit(self.flags, lambda j: j.update_touchpoint(tp_id, **{name: value}), label):
                with self._quiet():
                    getattr(self, name).value = not value  # a checkbox has no draft to keep

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
