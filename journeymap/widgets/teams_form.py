"""The journey's teams: add, rename and remove them; their servers at all times or by shift; their cost.

A team is one pool of servers shared by the touchpoints that name it (the touchpoint form picks it).
Its shifts are edited as one block, like the routes: any change proposes every row as typed, so
moving an hour from one shift to the next can pass through an overlap without losing what was typed.
Every change is one of :mod:`journeymap.model.edits`' team edits; removing a team that serves
touchpoints is refused with their names, then offered again as "remove and let them go".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from journeymap.errors import Issue, UnitError
from journeymap.model import Journey, Team, operations_edits
from journeymap.model.wording import clock
from journeymap.text import N_, Translator, translator
from journeymap.widgets.base import Apply, Edit, Part, error_issue
from journeymap.widgets.fields import LABEL_WIDTH, ColumnHeadings, Field, cell, fixed, note_html, stretch, text
from journeymap.widgets.labels import Labelled
from journeymap.widgets.messages import issues_html, show_by_row, under
from journeymap.widgets.parsing import format_number, parse_count, parse_number

__all__ = ["ShiftRow", "TeamsForm"]

_SHIFT = re.compile(r"\.shifts\[(\d+)\]")
_COLUMN = {"start": "5.2em", "until": "5.2em", "capacity": "4.6em"}


class ShiftRow(Labelled, w.VBox):
    """One shift as typed: from, until (times of day), servers, days (empty: every day), a remove button."""

    def __init__(self, start: str, until: str, capacity: str, days: str, words: Translator | None = None) -> None:
        self.start = cell(_COLUMN["start"], "08:00")
        self.until = cell(_COLUMN["until"], "14:00")
        self.capacity = cell(_COLUMN["capacity"], "2")
        self.days = self._says(w.Text(continuous_update=False, layout=w.Layout(width="auto", flex="1 1 0%",
                                                                               min_width="5em")),
                               placeholder=N_("every day"))
        self.start.value, self.until.value, self.capacity.value, self.days.value = start, until, capacity, days
        self.remove = self._says(w.Button(icon="times", layout=fixed("2.6em")), tooltip=N_("remove this shift"))
        self.remove.add_class("jm-remove-shift")
        self.message = w.HTML()
        super().__init__([w.HBox([self.start, self.until, self.capacity, self.days, self.remove]), self.message])
        self.add_class("jm-shift")
        self.relabel(words or translator("en"))

    @property
    def texts(self) -> tuple[str, str, str, str]:
        """What the row holds: from, until, servers, days."""
        return self.start.value, self.until.value, self.capacity.value, self.days.value


class TeamsForm(Part, w.VBox):
    """Pick a team, then rename it, give it servers (at all times or by shift) and a cost, or remove it;
    or add a new one."""

    def __init__(self, apply: Apply) -> None:
        self._start(apply)
        self.issues: list[Issue] = []
        self.draft: list[Issue] | None = None
        says = self._says
        self.team = says(w.Dropdown(style={"description_width": LABEL_WIDTH}, layout=w.Layout(width="auto")),
                         description=N_("team"))
        self.name = Field(says(text(), description=N_("name")), name="team-name")
        self.mode = says(w.Dropdown(style={"description_width": LABEL_WIDTH},
                                    layout=w.Layout(width="calc(120px + 14em)")), description=N_("servers"))
        self.capacity = Field(says(text(), description=N_("capacity"), placeholder=N_("servers at work at all times")),
                              name="team-capacity")
        self.shift_head = ColumnHeadings([(N_("from"), _COLUMN["start"]), (N_("until"), _COLUMN["until"]),
                                          (N_("servers"), _COLUMN["capacity"]), (N_("days"), "auto")])
        self.rows: list[ShiftRow] = []
        self.rows_box = w.VBox()
        self.add_shift = says(w.Button(icon="plus", layout=fixed("9em")), description=N_("Add shift"))
        self.add_shift.add_class("jm-add-shift")
        self.shifts = Field(w.VBox([self.shift_head, self.rows_box, self.add_shift],
                                   layout=w.Layout(margin=f"0 0 0 {LABEL_WIDTH}", width="auto")), name="team-shifts")
        self.cost = Field(says(text(), description=N_("cost per hour"),
                               placeholder=N_("per server and scheduled hour; empty: not given")), name="team-cost")
        self.preemptive = Field(says(w.Checkbox(indent=False, layout=w.Layout(margin=f"0 0 0 {LABEL_WIDTH}",
                                                                              width="auto")),
                                     description=N_("more urgent segments interrupt a service")),
                                name="team-preemptive")
        self.serves = w.HTML()
        self.remove = says(w.Button(icon="trash", layout=fixed("12em")), description=N_("Remove team"))
        self.remove.add_class("jm-remove-team")
        self.detach = says(w.Button(icon="unlink", button_style="warning", layout=fixed("16em", display="none")),
                           description=N_("Remove and let them go"),
                           tooltip=N_("its touchpoints keep no team: give them a capacity or another team"))
        self.detach.add_class("jm-detach-team")
        self.new_name = says(w.Text(continuous_update=False, layout=stretch()), placeholder=N_("new team name"))
        self.add = says(w.Button(icon="plus", layout=fixed("11em")), description=N_("Add team"))
        self.add.add_class("jm-add-team")
        self.message = w.HTML()
        self.details = w.VBox([self.name, self.mode, self.capacity, self.shifts, self.cost, self.preemptive,
                               self.serves, w.HBox([self.remove, self.detach],
                                                   layout=w.Layout(margin=f"0 0 6px {LABEL_WIDTH}"))])
        super().__init__([self.team, self.details, self.message, w.HBox([self.new_name, self.add])],
                         layout=w.Layout(width="100%"))
        self.add_class("jm-teams-form")
        self.team.observe(self._picked, names="value")
        for control, handler in (
            (self.name.control, self._rename),
            (self.mode, self._switch_mode),
            (self.capacity.control, self._number(self.capacity, parse_count, "capacity",
                                                 operations_edits.set_team_capacity, N_("servers of {team}"))),
            (self.cost.control, self._number(self.cost, parse_number, "cost_per_hour", operations_edits.set_team_cost,
                                             N_("cost per hour of {team}"))),
            (self.preemptive.control, self._set_preemptive),
        ):
            control.observe(self._acting_on(self.team, handler), names="value")
        self.add_shift.on_click(self._add_shift)
        self.remove.on_click(lambda _: self._remove(detach=False))
        self.detach.on_click(lambda _: self._remove(detach=True))
        self.add.on_click(self._add)
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language (the choices of servers and the shifts' too)."""
        super().relabel(words)
        with self._quiet():
            value = self.mode.value
            self.mode.options = [(words.gettext("the same at all times"), "capacity"),
                                 (words.gettext("by shift"), "shifts")]
            self.mode.value = value if value is not None else "capacity"
        self.shift_head.relabel(words)
        for row in self.rows:
            row.relabel(words)

    # -- showing ---------------------------------------------------------------------------------
    def load(self, journey: Journey, issues: list[Issue] | None = None, *, team_id: str | None = None,
             keep_drafts: bool = False) -> None:
        """Show ``journey``'s teams, keeping (or setting) the picked one, with the validation ``issues``
        (warnings) about it next to its fields; ``keep_drafts`` keeps refused shifts of the same team."""
        keep = team_id if team_id is not None else self.team.value
        same = keep_drafts and self.draft is not None and keep == self.team.value
        self.journey = journey
        self.issues = list(issues or [])
        ids = [t.id for t in journey.teams]
        with self._quiet():
            self.team.options = [(f"{t.label} · {t.id}" if t.name and t.name != t.id else t.id, t.id)
                                 for t in journey.teams]
            self.team.value = keep if keep in ids else (ids[0] if ids else None)
        self.team.layout.display = "" if ids else "none"
        self.details.layout.display = "" if ids else "none"
        self.message.value = "" if ids else self._hint()
        if self.team.value is not None:
            self._show(journey.team(self.team.value), keep_rows=same)

    def _hint(self) -> str:
        hint = self.words.gettext("no teams yet: a team is one pool of servers that several touchpoints share")
        return note_html(hint, indent=False)

    def _show(self, team: Team, *, keep_rows: bool = False) -> None:
        assert self.journey is not None
        journey, gettext = self.journey, self.words.gettext
        index = [t.id for t in journey.teams].index(team.id)
        mine = [i for i in self.issues if under(i.path, f"teams[{index}]")]
        with self._quiet():
            self.name.control.value = team.name
            self.mode.value = "shifts" if team.shifts else "capacity"
            self.capacity.control.value = format_number(team.capacity, self.words.language)
            self.cost.control.value = format_number(team.cost_per_hour, self.words.language)
            self.preemptive.control.value = bool(team.preemptive)
        ranked = len({segment.priority for segment in journey.segments}) > 1
        self.preemptive.layout.display = "" if ranked or team.preemptive else "none"  # only with priorities
        self.capacity.layout.display = "none" if team.shifts else ""
        self.shifts.layout.display = "" if team.shifts else "none"
        if not keep_rows:
            self.draft = None
            self._rows([(clock(s.start, journey.time_unit), clock(s.until, journey.time_unit), str(s.capacity),
                         ", ".join(s.days)) for s in team.shifts])
        for name in ("name", "capacity", "cost_per_hour", "preemptive"):
            field = {"name": self.name, "capacity": self.capacity, "cost_per_hour": self.cost,
                     "preemptive": self.preemptive}[name]
            field.show([i for i in mine if under(i.path, f"teams[{index}].{name}")])
        self._show_shift_issues(self.draft if keep_rows and self.draft is not None
                                else [i for i in mine if under(i.path, f"teams[{index}].shifts")])
        users = [tp.label for tp in journey.touchpoints if journey.team_of(tp) == team]
        serves = (gettext("serves: {touchpoints}", touchpoints=", ".join(users)) if users
                  else gettext("serves no touchpoint yet: pick it on a touchpoint's form"))
        self.serves.value = note_html(serves)
        rest = [i for i in mine if i.path == f"teams[{index}]"]
        self.message.value = issues_html(rest)
        self.detach.layout.display = "none"

    def _rows(self, texts: list[tuple[str, str, str, str]]) -> None:
        self.rows = [self._row(*row) for row in texts]
        self.rows_box.children = tuple(self.rows)

    def _row(self, start: str, until: str, capacity: str, days: str) -> ShiftRow:
        row = ShiftRow(start, until, capacity, days, self.words)
        for box in (row.start, row.until, row.capacity, row.days):
            box.observe(self._shifts_changed, names="value")
        row.remove.on_click(self._remover(row))
        return row

    def _show_shift_issues(self, issues: list[Issue]) -> None:
        self.shifts.show(show_by_row(issues, _SHIFT, self.rows))

    # -- committing ------------------------------------------------------------------------------
    def _label(self) -> str:
        journey, team_id = self.journey, self.team.value
        return journey.team(team_id).label if journey is not None and team_id in [t.id for t in journey.teams] else ""

    def _commit(self, field: Field, edit: Edit, label: str) -> bool:
        errors = self._apply(edit, label)
        if errors:  # accepted, the editor has shown the team again with its warnings
            field.show(errors)
        return not errors

    def _picked(self, change: dict) -> None:
        if not self._quiet.active and self.journey is not None and change["new"] is not None:
            self.draft = None
            self._show(self.journey.team(change["new"]))

    def _rename(self, team_id: str, typed: str) -> None:
        name = self._named(typed, N_("a team needs a name (got an empty text)"), self.name.show)
        if name is not None:
            self._commit(self.name, lambda j: j.update_team(team_id, name=name),
                         self.words.gettext("rename team {name}", name=name))

    def _switch_mode(self, team_id: str, mode: str) -> None:
        if self.journey is None:
            return
        team = self.journey.team(team_id)
        if mode == "shifts":
            edit: Edit = lambda j: operations_edits.add_shift(j, team_id)  # noqa: E731
        else:
            servers = max([s.capacity for s in team.shifts] + [1])
            edit = lambda j: operations_edits.use_team_capacity(j, team_id, servers)  # noqa: E731
        self._commit(self.capacity if mode == "capacity" else self.shifts, edit,
                     self.words.gettext("servers of {team}", team=team.label))

    def _number(self, field: Field, parse: Callable[[str, str], Any], key: str,
                edit: Callable[[Journey, str, Any], Journey], label: str) -> Callable[[str, str], None]:
        """What a number typed in ``field`` does to the team picked: read by ``parse`` (its error shown under
        the field), then made by ``edit(journey, team id, number)`` and listed in the history as ``label``."""

        def typed(team_id: str, text: str) -> None:
            try:
                number = parse(text, key)
            except UnitError as exc:
                field.show([error_issue(exc)])
                return
            self._commit(field, lambda j: edit(j, team_id, number), self.words.gettext(label, team=self._label()))

        return typed

    def _set_preemptive(self, team_id: str, preemptive: bool) -> None:
        self._commit(self.preemptive, lambda j: j.update_team(team_id, preemptive=preemptive),
                     self.words.gettext("{team}: more urgent customers interrupt a service", team=self._label())
                     if preemptive else self.words.gettext("{team}: no service is interrupted", team=self._label()))

    def _shifts_changed(self, change: dict) -> None:
        if not self._quiet.active:
            self._propose([row.texts for row in self.rows], self.words.gettext("shifts of {team}", team=self._label()))

    def _propose(self, typed: list[tuple[str, str, str, str]], label: str) -> bool:
        """Every shift as typed, as one edit; refused, the rows stay as typed with the reasons."""
        team_id = self.team.value
        if team_id is None:
            return False
        try:
            counts = [parse_count(capacity, "capacity") for _, _, capacity, _ in typed]
        except UnitError as exc:
            bad = next(k for k, (_, _, capacity, _) in enumerate(typed) if not _is_count(capacity))
            self.draft = [error_issue(exc, f"teams[{team_id}].shifts[{bad}].capacity")]
            self._show_shift_issues(self.draft)
            return False

        def edit(journey: Journey) -> Journey:
            for k, ((start, until, _, days), servers) in enumerate(zip(typed, counts, strict=True)):
                journey = operations_edits.set_shift(journey, team_id, k, start=start.strip(), until=until.strip(),
                                          capacity=servers, days=days)
            return journey

        self.draft = None
        errors = self._apply(edit, label)
        if errors:
            self.draft = [e if e.path else Issue(e.message, f"teams[{team_id}].shifts", e.severity) for e in errors]
            self._show_shift_issues(self.draft)
        return not errors

    def _remover(self, row: ShiftRow) -> Callable[[w.Button], None]:
        def remove(_: w.Button) -> None:
            team_id, index = self.team.value, self.rows.index(row)
            if team_id is None:
                return
            errors = self._apply(lambda j: operations_edits.remove_shift(j, team_id, index),
                                 self.words.gettext("remove a shift of {team}", team=self._label()))
            if errors:
                self.shifts.show(errors)

        return remove

    def _add_shift(self, _: w.Button) -> None:
        team_id = self.team.value
        if team_id is not None:
            errors = self._apply(lambda j: operations_edits.add_shift(j, team_id),
                                 self.words.gettext("add a shift to {team}", team=self._label()))
            if errors:
                self.shifts.show(errors)

    def _remove(self, *, detach: bool) -> None:
        team_id = self.team.value
        if team_id is None:
            return
        label = self.words.gettext("remove team {team}", team=self._label())
        errors = self._apply(lambda j: operations_edits.remove_team(j, team_id, detach=detach), label)
        if errors:
            self.message.value = issues_html(errors)
        self.detach.layout.display = "" if errors and not detach else "none"

    def _add(self, _: w.Button) -> None:
        before = {t.id for t in self.journey.teams} if self.journey is not None else set()
        if self._add_named(self.new_name, operations_edits.add_team, N_("add team {name}"), message=self.message,
                           missing=N_("type the new team's name first, then Add team")) and self.journey is not None:
            added = [t.id for t in self.journey.teams if t.id not in before]
            if added:
                self.load(self.journey, self.issues, team_id=added[0])


def _is_count(text: str) -> bool:
    try:
        parse_count(text, "capacity")
    except UnitError:
        return False
    return True
