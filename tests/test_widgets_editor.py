"""The editor driven headless through its own widgets: set ``.value``, ``.click()``, then look at
``editor.journey``, the diagram on screen and the messages."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import journeymap.widgets as jw
from journeymap.errors import JourneyError
from journeymap.io import dumps, load, save, validate
from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition, Triangular
from journeymap.model.edits import move_touchpoint
from journeymap.widgets import Editor


@pytest.fixture
def journey() -> Journey:
    return Journey(
        "Reporting an outage",
        [Stage("contact", "Contact"), Stage("resolution", "Resolution"), Stage("loyalty", "Loyalty")],
        [
            Touchpoint(
                "call", "Calls the support line", "contact", channel="phone", owner="Customer care",
                moment_of_truth=True, requirements=["Answered within 2 minutes"], capacity=4,
                service_time=Exponential(6), patience=Exponential(5),
                next=[Transition("diagnose", 0.8), Transition("technician", 0.15)],
            ),
            Touchpoint("diagnose", "Remote diagnosis", "resolution", capacity=3, service_time=Exponential(10),
                       goal=True),
            Touchpoint("technician", "Technician visit", "resolution", capacity=2,
                       service_time=Triangular(30, 45, 90), next=[Transition("survey", 0.6)]),
            Touchpoint("survey", "Answers the survey", "loyalty", channel="email", lane="customer"),
        ],
        [Arrival("call", rate=0.5)],
    )


@pytest.fixture
def editor(journey: Journey) -> Editor:
    return Editor(journey)


def errors_of(journey: Journey) -> list[str]:
    """What validation says is wrong with ``journey`` (the messages the editor must show)."""
    return [issue.message for issue in validate(journey) if issue.is_error]


# -- opening ---------------------------------------------------------------------------------------
def test_opens_with_touchpoints_by_stage_and_the_diagram(editor: Editor, journey: Journey) -> None:
    assert editor.journey is journey
    assert editor.selected == "call"
    groups = {tp_id: box for tp_id, box in editor.outline.lists.items()}
    assert [value for _, value in groups["diagnose"].options] == ["diagnose", "technician"]
    assert [label for label, _ in groups["call"].options] == ["→ ★ Calls the support line"]
    assert groups["diagnose"].options[0][0] == "Remote diagnosis ⚑"
    assert 'data-touchpoints="4"' in editor.diagram.svg and 'data-moments="call"' in editor.diagram.svg
    assert "<svg" in editor.diagram.svg and "<?xml" not in editor.diagram.svg
    assert editor.touchpoint_form.name.control.value == "Calls the support line"
    assert editor.undo_button.disabled and editor.redo_button.disabled


def test_an_invalid_journey_is_refused_like_load(journey: Journey) -> None:
    broken = journey.update_touchpoint("call", next=(Transition("nowhere", 0.5),))
    with pytest.raises(JourneyError) as caught:
        Editor(broken)
    assert [i.message for i in caught.value.errors] == errors_of(broken)


def test_edit_opens_a_journey_or_a_file(journey: Journey, tmp_path: Path) -> None:
    path = tmp_path / "outage.yaml"
    save(journey, path)
    from_file = jw.edit(path)
    assert isinstance(from_file, Editor) and from_file.journey == load(path)
    assert from_file.path.value == str(path)


# -- touchpoints -----------------------------------------------------------------------------------
def test_add_a_touchpoint_after_the_selected_one(editor: Editor) -> None:
    editor.outline.new_name.value = "Follow-up call"
    editor.outline.add.click()
    assert editor.journey.touchpoint_ids == ("call", "follow_up_call", "diagnose", "technician", "survey")
    assert editor.journey.touchpoint("follow_up_call").stage == "contact"
    assert editor.selected == "follow_up_call"
    assert editor.touchpoint_form.name.control.value == "Follow-up call"
    assert 'data-touchpoints="5"' in editor.diagram.svg and "Follow-up call" in html.unescape(editor.diagram.svg)
    assert editor.outline.new_name.value == ""


def test_toggle_a_moment_of_truth_and_a_goal(editor: Editor) -> None:
    editor.select("survey")
    editor.touchpoint_form.moment_of_truth.value = True
    editor.touchpoint_form.goal.value = True
    survey = editor.journey.touchpoint("survey")
    assert survey.moment_of_truth and survey.goal
    assert 'data-moments="call,survey"' in editor.diagram.svg
    label = next(lbl for lbl, value in editor.outline.lists["survey"].options if value == "survey")
    assert label == "★ Answers the survey ⚑"


def test_rename_a_touchpoint_id_and_its_routes_follow(editor: Editor) -> None:
    editor.select("diagnose")
    editor.touchpoint_form.id.control.value = "remote_check"
    assert editor.selected == "remote_check"
    assert editor.journey.touchpoint("call").targets == ("remote_check", "technician")


def test_a_duplicate_id_is_refused_next_to_the_field(editor: Editor, journey: Journey) -> None:
    editor.touchpoint_form.id.control.value = "diagnose"
    assert editor.journey is journey
    assert editor.touchpoint_form.id.issues_text == "a touchpoint 'diagnose' already exists"
    assert editor.touchpoint_form.id.control.value == "diagnose"  # the typed text stays


def test_name_channel_owner_and_a_new_stage(editor: Editor) -> None:
    form = editor.touchpoint_form
    form.name.control.value = "Phones the helpline"
    form.channel.control.value = "whatsapp"  # not in the list: accepted as a new channel
    form.owner.control.value = "Field service"
    form.stage.control.value = "Prospecting"  # a new stage, created on the fly
    call = editor.journey.touchpoint("call")
    assert (call.name, call.channel, call.owner, call.stage) == (
        "Phones the helpline", "whatsapp", "Field service", "prospecting")
    assert editor.journey.stage("prospecting").name == "Prospecting"
    assert "whatsapp" in form.channel.control.options
    assert editor.outline.shown == [
        ("contact", "Contact", ()),
        ("resolution", "Resolution", ("diagnose", "technician")),
        ("loyalty", "Loyalty", ("survey",)),
        ("prospecting", "Prospecting", ("call",)),
    ]
    form.channel.control.value = ""
    assert editor.journey.touchpoint("call").channel is None


def test_an_unknown_lane_is_refused_with_validations_message(editor: Editor, journey: Journey) -> None:
    editor.touchpoint_form.lane.control.value = "backoffice"
    assert editor.journey is journey
    expected = errors_of(journey.update_touchpoint("call", lane="backoffice"))
    assert expected and editor.touchpoint_form.lane.issues_text == "\n".join(expected)
    assert "not applied" in editor.messages


def test_requirements_are_added_edited_and_removed(editor: Editor) -> None:
    form = editor.touchpoint_form
    form.new_requirement.value = "Knows my account"
    assert editor.journey.touchpoint("call").requirements == ("Answered within 2 minutes", "Knows my account")
    assert form.new_requirement.value == ""
    first_box = form.requirement_rows.children[0].children[0]
    first_box.value = "Answered within 1 minute"
    assert editor.journey.touchpoint("call").requirements == ("Answered within 1 minute", "Knows my account")
    form.requirement_rows.children[1].children[1].click()
    assert editor.journey.touchpoint("call").requirements == ("Answered within 1 minute",)


def test_move_and_delete_touchpoints(editor: Editor) -> None:
    editor.outline.lists["technician"].value = "technician"
    assert editor.selected == "technician"
    editor.outline.up.click()
    assert [tp.id for tp in editor.journey.touchpoints_in("resolution")] == ["technician", "diagnose"]
    editor.outline.delete.click()
    assert "technician" not in editor.journey.touchpoint_ids
    assert editor.journey.touchpoint("call").targets == ("diagnose",)
    assert editor.selected in editor.journey.touchpoint_ids
    assert 'data-touchpoints="3"' in editor.diagram.svg


# -- routing ---------------------------------------------------------------------------------------
def test_routing_above_one_is_refused_then_fixed_as_a_whole(editor: Editor, journey: Journey) -> None:
    rows = editor.routing_form.rows
    assert [(r.target.value, r.p.value) for r in rows] == [("diagnose", 0.8), ("technician", 0.15)]
    assert "leaves the cycle here: <b>5%</b>" in editor.routing_form.leaving.value
    rows[1].p.value = 0.3
    assert editor.journey is journey
    assert "above 100%" in editor.routing_form.leaving.value
    expected = errors_of(journey.update_touchpoint("call", next=(Transition("diagnose", 0.8),
                                                                 Transition("technician", 0.3))))
    shown = editor.routing_form.message.value + "".join(r.message.value for r in editor.routing_form.rows)
    assert expected and all(message.replace("'", "&#x27;") in shown for message in expected)
    editor.routing_form.rows[0].p.value = 0.6
    assert [(t.target, t.p) for t in editor.journey.touchpoint("call").next] == [("diagnose", 0.6),
                                                                                 ("technician", 0.3)]
    assert "leaves the cycle here: <b>10%</b>" in editor.routing_form.leaving.value


def test_a_dangling_target_is_shown_on_its_row(editor: Editor, journey: Journey) -> None:
    editor.routing_form.rows[1].target.value = "techician"
    assert editor.journey is journey
    assert editor.routing_form.rows[1].message.value != ""
    assert editor.routing_form.rows[0].message.value == ""


def test_add_and_remove_a_route(editor: Editor) -> None:
    editor.select("survey")
    editor.routing_form.new_target.value = "call"
    editor.routing_form.add.click()
    assert [(t.target, t.p) for t in editor.journey.touchpoint("survey").next] == [("call", 1.0)]
    editor.routing_form.rows[0].remove.click()
    assert editor.journey.touchpoint("survey").next == ()


# -- times -----------------------------------------------------------------------------------------
def test_capacity_takes_a_number_or_empty(editor: Editor) -> None:
    box = editor.times_form.capacity
    box.control.value = "6"
    assert editor.journey.touchpoint("call").capacity == 6
    box.control.value = ""
    assert editor.journey.touchpoint("call").capacity is None
    box.control.value = "many"
    assert editor.journey.touchpoint("call").capacity is None
    assert box.issues_text == "'capacity' must be a whole number of servers, or empty for unlimited (got 'many')"


def test_a_refused_value_stays_while_another_field_is_changed(editor: Editor) -> None:
    editor.times_form.capacity.control.value = "-2"
    message = editor.times_form.capacity.issues_text
    assert message and editor.journey.touchpoint("call").capacity == 4
    editor.touchpoint_form.name.control.value = "Calls us"
    assert editor.journey.touchpoint("call").name == "Calls us"
    assert editor.times_form.capacity.control.value == "-2"
    assert editor.times_form.capacity.issues_text == message
    editor.select("diagnose")
    editor.select("call")
    assert editor.times_form.capacity.control.value == "4" and editor.times_form.capacity.issues_text == ""


def test_service_time_kind_and_parameters_with_units(editor: Editor) -> None:
    service = editor.times_form.service_time.control
    assert service.kind.value == "exponential" and service.parameters["mean"].value == "6"
    service.kind.value = "triangular"
    assert editor.journey.touchpoint("call").service_time == Triangular(3.0, 6.0, 9.0)
    service.parameters["high"].value = "0.25 h"
    assert editor.journey.touchpoint("call").service_time == Triangular(3.0, 6.0, 15.0)
    service.parameters["low"].value = "soon"
    assert editor.journey.touchpoint("call").service_time == Triangular(3.0, 6.0, 15.0)
    assert editor.times_form.service_time.issues_text.startswith("'service time.low': expected a time such as")


def test_patience_and_arrivals(editor: Editor) -> None:
    editor.select("diagnose")
    patience = editor.times_form.patience.control
    patience.kind.value = "exponential"
    assert editor.journey.touchpoint("diagnose").patience == Exponential(1.0)
    patience.parameters["mean"].value = "0.25 h"
    assert editor.journey.touchpoint("diagnose").patience == Exponential(15.0)
    editor.times_form.arrival.control.value = "30/h"
    assert {a.touchpoint: a.rate for a in editor.journey.arrivals} == {"call": 0.5, "diagnose": 0.5}
    editor.times_form.arrival.control.value = "quickly"
    assert editor.times_form.arrival.issues_text.startswith("'arrivals': expected a rate such as '30/h'")
    editor.times_form.arrival.control.value = ""
    assert editor.journey.entry_points == ("call",)


# -- stages ----------------------------------------------------------------------------------------
def test_stages_are_renamed_added_moved_and_deleted(editor: Editor) -> None:
    stages = editor.stages_form
    stages.stage.value = "loyalty"
    stages.name.control.value = "Loyalty and advocacy"
    assert editor.journey.stage("loyalty").name == "Loyalty and advocacy"
    stages.new_name.value = "Feedback"
    stages.add.click()
    assert editor.journey.stage_ids == ("contact", "resolution", "loyalty", "feedback")
    assert stages.stage.value == "feedback"
    stages.up.click()
    assert editor.journey.stage_ids == ("contact", "resolution", "feedback", "loyalty")
    stages.delete.click()
    assert editor.journey.stage_ids == ("contact", "resolution", "loyalty")
    stages.stage.value = "resolution"
    stages.delete.click()
    assert "stage 'resolution' still holds touchpoints: diagnose, technician" in html.unescape(stages.message.value)
    assert editor.journey.stage_ids == ("contact", "resolution", "loyalty")


# -- undo, redo, view ------------------------------------------------------------------------------
def test_undo_and_redo_walk_the_changes(editor: Editor, journey: Journey) -> None:
    editor.times_form.capacity.control.value = "5"
    after_capacity = editor.journey
    editor.touchpoint_form.moment_of_truth.value = False
    assert not editor.undo_button.disabled
    assert "Calls the support line is no longer a moment of truth" in editor.undo_button.tooltip
    editor.undo_button.click()
    assert editor.journey is after_capacity and editor.touchpoint_form.moment_of_truth.value is True
    editor.undo_button.click()
    assert editor.journey is journey and editor.times_form.capacity.control.value == "4"
    assert editor.undo_button.disabled and not editor.redo_button.disabled
    editor.redo_button.click()
    assert editor.journey is after_capacity
    editor.touchpoint_form.name.control.value = "Calls"
    assert editor.redo_button.disabled
    assert editor.undo() and editor.journey is after_capacity


def test_switching_the_view_redraws(editor: Editor) -> None:
    cycle = editor.diagram.svg
    editor.diagram.view.value = "blueprint"
    assert 'data-view="blueprint"' in editor.diagram.svg and editor.diagram.svg != cycle


# -- files -----------------------------------------------------------------------------------------
def test_save_and_load_inside_the_widget(editor: Editor, journey: Journey, tmp_path: Path) -> None:
    path = tmp_path / "edited.yaml"
    editor.times_form.capacity.control.value = "7"
    editor.path.value = str(path)
    editor.save_button.click()
    assert load(path) == editor.journey and f"saved 4 touchpoints to {path}" in editor.messages
    edited = editor.journey
    other = tmp_path / "other.yaml"
    save(journey.update_touchpoint("call", name="Other"), other)
    editor.path.value = str(other)
    editor.load_button.click()
    assert editor.journey.touchpoint("call").name == "Other"
    editor.undo()
    assert editor.journey is edited


def test_a_broken_file_is_reported_and_nothing_is_lost(editor: Editor, journey: Journey, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = dumps(journey)
    assert "diagnose: 0.8" in text
    bad.write_text(text.replace("diagnose: 0.8", "diagnose: 1.8"))
    assert not editor.load(bad)
    assert editor.journey is journey
    assert "bad.yaml was not loaded" in editor.messages
    where = re.escape(str(bad))
    assert re.search(rf"{where}:\d+: touchpoints\[0\]\.next\.diagnose: probability 1\.8 is above 1", editor.messages)
    assert not editor.load(tmp_path / "missing.yaml")
    assert "missing.yaml was not loaded" in editor.messages


def test_upload_a_yaml_file(editor: Editor, journey: Journey) -> None:
    text = dumps(journey.update_touchpoint("call", name="Uploaded"))
    editor.upload.value = ({"name": "client.yaml", "type": "", "size": len(text),
                            "content": memoryview(text.encode()), "last_modified": datetime.now(UTC)},)
    assert editor.journey.touchpoint("call").name == "Uploaded"
    assert "upload client.yaml" in editor.messages


def test_every_accepted_change_redraws_and_a_refused_one_does_not(editor: Editor) -> None:
    start = editor.diagram.revision
    editor.times_form.capacity.control.value = "5"
    editor.touchpoint_form.goal.value = True
    assert editor.diagram.revision == start + 2
    editor.times_form.capacity.control.value = "0"
    assert editor.diagram.revision == start + 2 and editor.journey.touchpoint("call").capacity == 5


EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("capacity"), st.sampled_from(["call", "diagnose", "technician"]), st.integers(1, 9)),
        st.tuples(st.just("moment"), st.sampled_from(["call", "diagnose", "technician", "survey"]), st.booleans()),
        st.tuples(st.just("move"), st.sampled_from(["diagnose", "technician"]), st.sampled_from([-1, 1])),
        st.tuples(st.just("p"), st.just("call"), st.floats(0, 0.2)),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS)
def test_undoing_every_change_returns_the_journey_opened_and_redo_replays_them(journey: Journey, edits: list) -> None:
    editor = Editor(journey)
    seen = [editor.journey]
    for kind, tp_id, value in edits:
        if kind == "capacity":
            editor.apply(lambda j, t=tp_id, v=value: j.update_touchpoint(t, capacity=v), kind)
        elif kind == "moment":
            editor.apply(lambda j, t=tp_id, v=value: j.update_touchpoint(t, moment_of_truth=v), kind)
        elif kind == "move":
            editor.apply(lambda j, t=tp_id, v=value: move_touchpoint(j, t, v), kind)
        else:
            editor.apply(lambda j, v=value: j.update_touchpoint("call", next=(Transition("diagnose", 0.8),
                                                                                Transition("technician", v))), kind)
        if editor.journey is not seen[-1]:
            seen.append(editor.journey)
        assert not [i for i in validate(editor.journey) if i.is_error]
    for expected in reversed(seen[:-1]):
        assert editor.undo() and editor.journey is expected
    assert not editor.undo() and editor.journey is journey
    for expected in seen[1:]:
        assert editor.redo() and editor.journey is expected
