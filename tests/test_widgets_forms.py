"""What the editor's parts share: their words come from the localisation layer, a field's change is
listed in the history by what it changed, and a name the user must type is asked for."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import ipywidgets as w
import pytest

from journeymap.io.catalog import template
from journeymap.model import Arrival, Exponential, Journey, Segment, Stage, Team, Touchpoint
from journeymap.text import translator
from journeymap.widgets import Editor
from journeymap.widgets.labels import Labelled


@pytest.fixture
def journey() -> Journey:
    return Journey(
        "Reporting an outage",
        [Stage("contact", "Contact"), Stage("resolution", "Resolution")],
        [
            Touchpoint("call", "Calls the support line", "contact", channel="phone", owner="Customer care",
                       capacity=4, service_time=Exponential(6), patience=Exponential(5)),
            Touchpoint("diagnose", "Remote diagnosis", "resolution", capacity=3, service_time=Exponential(10)),
        ],
        [Arrival("call", rate=0.5)],
        teams=(Team("agents", "Agents", capacity=3),),
        segments=(Segment("business", share=0.3), Segment("consumer", share=0.7)),
    )


@pytest.fixture
def editor(journey: Journey) -> Editor:
    return Editor(journey)


def _tree(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _tree(child)


def _plain(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", value))


# -- words ---------------------------------------------------------------------------------------
def test_every_declared_label_is_a_property_of_its_control_shown_in_the_journeys_language() -> None:
    editor = Editor(template("clinic_appointment", "es"))
    spanish = translator("es")
    owners = [x for x in _tree(editor) if isinstance(x, Labelled)]
    labels = [label for owner in owners for label in owner.labels]
    assert {type(owner).__name__ for owner in owners} >= {
        "Editor", "TemplatePicker", "Outline", "TouchpointForm", "RoutingForm", "TimesForm", "StagesForm",
        "TeamsForm", "SegmentsForm", "ShiftRow", "RouteRow",
    }
    assert len(labels) > 60
    for control, prop, message in labels:
        assert control.has_trait(prop), f"{type(control).__name__} has no {prop!r} to show {message!r}"
        assert getattr(control, prop) == spanish.gettext(message)
    assert editor.stages_form.add.description == "Agregar etapa" != "Add stage"


def test_no_english_word_is_left_on_a_control_of_a_spanish_editor() -> None:
    editor = Editor(template("clinic_appointment", "es"))
    spanish = translator("es")
    shown = [(x, prop, getattr(x, prop, None))
             for x in _tree(editor) for prop in ("description", "placeholder", "tooltip")]
    words = [(x, prop, text) for x, prop, text in shown if isinstance(text, str) and text.strip("\u200b ")]
    assert len(words) > 60
    english = [f"{type(x).__name__}.{prop} = {text!r}" for x, prop, text in words if spanish.gettext(text) != text]
    assert english == []


def test_relabelling_back_to_english_restores_every_label(editor: Editor) -> None:
    english = [(control, prop, getattr(control, prop)) for control, prop, _ in editor.teams_form.labels]
    editor.teams_form.relabel(translator("es"))
    assert editor.teams_form.remove.description == "Quitar equipo"
    editor.teams_form.relabel(translator("en"))
    assert [(control, prop, getattr(control, prop)) for control, prop, _ in editor.teams_form.labels] == english


# -- a touchpoint's fields -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("field", "typed", "history", "changed"),
    [
        ("name", " Phones the line ", "name of Calls the support line", ("name", "Phones the line")),
        ("channel", "  ", "channel of Calls the support line", ("channel", None)),
        ("owner", "Back office", "owner of Calls the support line", ("owner", "Back office")),
        ("lane", "Customer", "lane of Calls the support line", ("lane", "customer")),
        ("team", "agents", "team of Calls the support line", ("team", "agents")),
        ("cost_per_contact", "2.5", "cost per contact of Calls the support line", ("cost_per_contact", 2.5)),
    ],
)
def test_a_touchpoint_field_is_committed_and_listed_by_what_changed(
    editor: Editor, field: str, typed: str, history: str, changed: tuple[str, object]
) -> None:
    getattr(editor.touchpoint_form, field).control.value = typed
    name, value = changed
    assert getattr(editor.journey.touchpoint("call"), name) == value
    assert editor.undo_button.tooltip == f"undo: {history}"


def test_the_times_are_listed_by_what_changed(editor: Editor) -> None:
    form = editor.times_form
    form.capacity.control.value = "6"
    assert editor.journey.touchpoint("call").capacity == 6
    assert editor.undo_button.tooltip == "undo: capacity of Calls the support line"
    form.arrival.control.value = "60/h"
    assert editor.undo_button.tooltip == "undo: arrivals at Calls the support line"
    form.patience.control.parameters["mean"].value = "7 min"
    assert editor.journey.touchpoint("call").patience == Exponential(7)
    assert editor.undo_button.tooltip == "undo: patience at Calls the support line"


def test_a_number_that_cannot_be_read_is_kept_as_typed_with_the_reason(editor: Editor, journey: Journey) -> None:
    form = editor.touchpoint_form
    form.cost_per_contact.control.value = "lots"
    assert editor.journey is journey
    assert form.cost_per_contact.control.value == "lots"
    assert "cost_per_contact" in form.cost_per_contact.issues_text
    assert form.drafts["cost_per_contact"]


# -- names the user must type ------------------------------------------------------------------------
def test_a_stage_and_a_team_cannot_be_renamed_to_nothing(editor: Editor, journey: Journey) -> None:
    editor.stages_form.name.control.value = "   "
    assert editor.stages_form.name.issues_text == "a stage needs a name (got an empty text)"
    editor.teams_form.name.control.value = ""
    assert editor.teams_form.name.issues_text == "a team needs a name (got an empty text)"
    assert editor.journey is journey
    editor.teams_form.name.control.value = " Front desk "
    assert editor.journey.team("agents").name == "Front desk"
    assert editor.undo_button.tooltip == "undo: rename team Front desk"


def test_adding_a_stage_or_a_segment_needs_its_name_typed_first(editor: Editor, journey: Journey) -> None:
    stages, segments = editor.stages_form, editor.segments_form
    stages.add.click()
    assert _plain(stages.message.value) == "✖ type the new stage's name first, then Add stage"
    segments.rows[1].patience_factor.value = "0"  # refused, shown on its row
    refused = _plain(segments.rows[1].message.value)
    assert refused == "✖ 'patience_factor' must be a positive number (got 0.0)"
    segments.add.click()
    assert _plain(segments.message.value) == "✖ type the new segment's name first, then Add segment"
    assert _plain(segments.rows[1].message.value) == refused  # the table's draft stays as it was
    assert editor.journey is journey
    stages.new_name.value = "Follow-up"
    stages.add.click()
    assert editor.journey.stage_ids == ("contact", "follow_up", "resolution")  # after the stage picked
    assert stages.stage.value == "follow_up" and stages.new_name.value == ""
    assert editor.undo_button.tooltip == "undo: add stage Follow-up"
