"""The editor's Teams and Segments tabs and the touchpoint form's team and cost, driven through their
widgets as a consultant would: values typed, buttons clicked, then the journey and the messages checked."""

from __future__ import annotations

import pytest

from journeymap.io.catalog import template
from journeymap.model import Arrival, Exponential, Journey, Segment, Shift, Stage, Team, Touchpoint, Transition
from journeymap.widgets import Editor


@pytest.fixture
def journey() -> Journey:
    """A contact centre whose agents answer phone and chat in two shifts, and a back office of its own."""
    return Journey(
        "Contact centre",
        [Stage("contact", "Contact"), Stage("resolution", "Resolution")],
        [
            Touchpoint("call", "Calls", "contact", team="agents", service_time=Exponential(6),
                       next=[Transition("office", 0.2)]),
            Touchpoint("chat", "Chats", "contact", team="agents", service_time=Exponential(8)),
            Touchpoint("office", "Back office", "resolution", capacity=2, service_time=Exponential(20), goal=True),
        ],
        [Arrival("call", rate=0.5), Arrival("chat", rate=0.2)],
        teams=(Team("agents", "Agents", shifts=(Shift(480, 840, 6), Shift(840, 1200, 4)), cost_per_hour=20),),
    )


@pytest.fixture
def editor(journey: Journey) -> Editor:
    return Editor(journey)


def _plain(html_text: str) -> str:
    import html
    import re

    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", html_text)).split())


# -- teams --------------------------------------------------------------------------------------------
def test_the_teams_tab_lists_the_team_its_shifts_cost_and_touchpoints(editor: Editor) -> None:
    form = editor.teams_form
    assert form.team.options == (("Agents · agents", "agents"),)
    assert form.mode.value == "shifts" and form.capacity.layout.display == "none"
    assert [row.texts for row in form.rows] == [("08:00", "14:00", "6", ""), ("14:00", "20:00", "4", "")]
    assert form.cost.control.value == "20"
    assert _plain(form.serves.value) == "serves: Calls, Chats"


def test_shifts_are_edited_as_one_block_an_overlap_waiting_for_the_next_row(editor: Editor) -> None:
    form = editor.teams_form
    form.rows[0].until.value = "15:00"  # overlaps the afternoon shift until that one moves too
    assert editor.journey.team("agents").shifts[0].until == 840
    assert _plain(form.rows[1].message.value) == ("✖ this shift (14:00–20:00) overlaps shift 1 (08:00–15:00) on "
                                                  "every day: give one shift the servers of both instead")
    assert form.rows[0].until.value == "15:00"  # what was typed stays
    form.rows[1].start.value = "15:00"
    assert editor.journey.team("agents").shifts == (Shift(480, 900, 6), Shift(900, 1200, 4))
    assert form.rows[1].message.value == ""
    form.rows[1].days.value = "mon, tue, wed, thu, fri"
    assert editor.journey.team("agents").shifts[1].days == ("mon", "tue", "wed", "thu", "fri")
    form.rows[0].capacity.value = "two"
    assert _plain(form.rows[0].message.value) == "✖ 'capacity' must be a number (got 'two')"
    assert editor.journey.team("agents").shifts[0].capacity == 6


def test_shift_rows_are_added_and_removed_and_a_team_switches_to_a_flat_capacity(editor: Editor) -> None:
    form = editor.teams_form
    form.add_shift.click()
    assert editor.journey.team("agents").shifts[2] == Shift(1200, 1440, 4)
    assert len(form.rows) == 3
    form.rows[0].remove.click()
    assert [s.start for s in editor.journey.team("agents").shifts] == [840, 1200]
    form.mode.value = "capacity"
    assert (editor.journey.team("agents").capacity, editor.journey.team("agents").shifts) == (4, ())
    assert form.shifts.layout.display == "none" and form.capacity.control.value == "4"
    form.capacity.control.value = "7"
    assert editor.journey.team("agents").capacity == 7
    form.capacity.control.value = "0"
    assert form.capacity.issues_text == "'capacity' must be a positive int (got 0)"
    assert editor.journey.team("agents").capacity == 7
    form.mode.value = "shifts"
    assert editor.journey.team("agents").shifts == (Shift(480, 960, 7),)


def test_a_team_is_added_renamed_costed_and_removed(editor: Editor) -> None:
    form = editor.teams_form
    form.add.click()
    assert _plain(form.message.value) == "✖ type the new team's name first, then Add team"
    form.new_name.value = "Back office staff"
    form.add.click()
    assert editor.journey.team("back_office_staff") == Team("back_office_staff", "Back office staff", capacity=1)
    assert form.team.value == "back_office_staff" and form.new_name.value == ""
    assert _plain(form.message.value) == ("⚠ team 'back_office_staff' serves no touchpoint (give a touchpoint "
                                          "'team: back_office_staff')")
    form.name.control.value = "Back office"
    form.cost.control.value = "18,5"
    assert editor.journey.team("back_office_staff").name == "Back office"
    assert editor.journey.team("back_office_staff").cost_per_hour == 18.5
    form.cost.control.value = "-3"
    assert form.cost.issues_text == "'cost_per_hour' must be 0 or more (got -3.0)"
    form.remove.click()
    assert [t.id for t in editor.journey.teams] == ["agents"]
    assert editor.messages == "✓ remove team Back office"


def test_removing_a_team_that_serves_touchpoints_names_them_then_lets_them_go(editor: Editor) -> None:
    form = editor.teams_form
    form.remove.click()
    assert _plain(form.message.value) == ("✖ team 'agents' serves 'call', 'chat': give them another team first, "
                                          "or remove it with detach=True")
    assert [t.id for t in editor.journey.teams] == ["agents"] and form.detach.layout.display == ""
    form.detach.click()
    assert editor.journey.teams == ()
    assert [tp.team for tp in editor.journey.touchpoints] == [None, None, None]
    assert form.details.layout.display == "none"
    assert "no teams yet" in _plain(form.message.value)
    editor.undo()
    assert [tp.team for tp in editor.journey.touchpoints] == ["agents", "agents", None]


# -- the touchpoint form's team and cost ----------------------------------------------------------------
def test_picking_a_team_on_the_touchpoint_form_clears_its_own_capacity(editor: Editor) -> None:
    editor.select("office")
    form = editor.touchpoint_form
    assert form.team.control.options == (("its own servers", ""), ("Agents · agents", "agents"))
    assert form.team.control.value == "" and form.team_note.value == ""
    form.team.control.value = "agents"
    office = editor.journey.touchpoint("office")
    assert (office.team, office.capacity) == ("agents", None)
    assert _plain(form.team_note.value) == "shares the servers of Agents (by shift)"
    assert editor.times_form.capacity.control.value == ""
    assert _plain(editor.teams_form.serves.value) == "serves: Calls, Chats, Back office"
    form.team.control.value = ""
    assert editor.journey.touchpoint("office").team is None


def test_cost_per_contact_is_typed_on_the_touchpoint_form(editor: Editor) -> None:
    form = editor.touchpoint_form
    form.cost_per_contact.control.value = "4.5"
    assert editor.journey.touchpoint("call").cost_per_contact == 4.5
    form.cost_per_contact.control.value = "a lot"
    assert form.cost_per_contact.issues_text == "'cost_per_contact' must be a number (got 'a lot')"
    form.cost_per_contact.control.value = "-1"
    assert form.cost_per_contact.issues_text == "'cost_per_contact' must be 0 or more (got -1.0)"
    assert editor.journey.touchpoint("call").cost_per_contact == 4.5
    form.cost_per_contact.control.value = ""
    assert editor.journey.touchpoint("call").cost_per_contact is None


# -- segments -----------------------------------------------------------------------------------------------
def test_segments_are_added_and_their_shares_moved_through_validations_message(editor: Editor) -> None:
    form = editor.segments_form
    assert "no segments" in _plain(form.message.value)
    for name in ("Business", "Consumers"):
        form.new_name.value = name
        form.add.click()
    assert editor.journey.segments == (Segment("business", "Business", share=1.0),
                                       Segment("consumers", "Consumers", share=0.0))
    form.rows[0].share.value = "0.3"
    assert _plain(form.message.value) == ("✖ the segments' shares sum to 0.3, not 1 (they split every arrival that "
                                          "names no segment)")
    assert editor.journey.segments[0].share == 1.0 and form.rows[0].share.value == "0.3"
    form.rows[1].share.value = "0.7"
    assert [s.share for s in editor.journey.segments] == [0.3, 0.7] and form.message.value == ""
    form.rows[0].priority.value = "0"
    form.rows[1].priority.value = "1"
    form.rows[1].patience_factor.value = "1.5"
    form.rows[1].name.value = "Households"
    assert editor.journey.segments[1] == Segment("consumers", "Households", share=0.7, priority=1,
                                                 patience_factor=1.5)


def test_segment_values_are_checked_and_a_removed_share_goes_to_the_others(editor: Editor) -> None:
    form = editor.segments_form
    for name in ("Business", "Consumers"):
        form.new_name.value = name
        form.add.click()
    form.rows[0].priority.value = "0.5"
    assert _plain(form.rows[0].message.value) == "✖ 'priority' must be a whole number (got 0.5)"
    form.rows[0].priority.value = "0"
    form.rows[1].patience_factor.value = "0"
    assert _plain(form.rows[1].message.value) == "✖ 'patience_factor' must be a positive number (got 0.0)"
    form.rows[1].patience_factor.value = "1"
    form.rows[0].share.value = "0.4"
    form.rows[1].share.value = "0.6"
    form.rows[0].remove.click()
    assert editor.journey.segments == (Segment("consumers", "Consumers", share=1.0),)
    assert len(form.rows) == 1


def test_the_new_tabs_speak_spanish_with_a_spanish_template() -> None:
    editor = Editor(template("clinic_appointment", "es"))
    assert [editor.tabs.get_title(k) for k in (4, 5)] == ["Equipos", "Segmentos"]
    assert editor.teams_form.add.description == "Agregar equipo"
    assert editor.segments_form.add.description == "Agregar segmento"
    assert editor.teams_form.mode.options[1][0] == "por turnos"


def test_a_team_is_made_preemptive_with_a_box_shown_only_when_segments_have_priorities(journey: Journey) -> None:
    form = Editor(journey).teams_form
    assert form.preemptive.layout.display == "none"  # one kind of customer: nothing to interrupt for
    ranked = journey.replace(segments=(Segment("business", share=0.3, priority=0),
                                       Segment("consumer", share=0.7, priority=1)))
    editor = Editor(ranked)
    form = editor.teams_form
    assert form.preemptive.layout.display == "" and form.preemptive.control.value is False
    form.preemptive.control.value = True
    assert editor.journey.team("agents").preemptive is True
    assert form.preemptive.issues_text == ""
    form.preemptive.control.value = False
    assert editor.journey.team("agents").preemptive is False
