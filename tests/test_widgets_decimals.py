"""The workbench's boxes write and read decimals as their language does: a comma in Spanish (with
semicolons between the values of a list), the file format's point in English."""

from __future__ import annotations

import pytest

from journeymap.model import Arrival, Empirical, Exponential, Journey, Segment, Stage, Team, Touchpoint
from journeymap.widgets import Editor, Simulator
from journeymap.widgets.parsing import (
    distribution_texts,
    format_number,
    format_rate_text,
    parse_distribution,
    parse_optional_rate,
)


def desk(language: str) -> Journey:
    return Journey(
        "Ventanilla", [Stage("s", "Atención")],
        [Touchpoint("desk", "Ventanilla", "s", capacity=2, service_time=Exponential(4.5), cost_per_contact=2.5,
                    goal=True),
         Touchpoint("phone", "Teléfono", "s", team="agents", service_time=Empirical((4.0, 4.5, 1.5)), goal=True)],
        [Arrival("desk", rate=0.75), Arrival("phone", rate=0.25)],
        language=language, teams=(Team("agents", capacity=2, cost_per_hour=17.5),),
        segments=(Segment("business", share=0.3), Segment("consumer", share=0.7)),
    )


def test_spanish_boxes_show_a_decimal_comma_and_english_ones_a_point() -> None:
    spanish, english = Editor(desk("es")), Editor(desk("en"))
    spanish.select("desk")
    english.select("desk")
    assert spanish.times_form.service_time.control.parameters["mean"].value == "4,5"
    assert english.times_form.service_time.control.parameters["mean"].value == "4.5"
    assert spanish.times_form.arrival.control.value == "45/h"  # 0.75 a minute
    assert spanish.touchpoint_form.cost_per_contact.control.value == "2,5"
    assert english.touchpoint_form.cost_per_contact.control.value == "2.5"
    assert spanish.teams_form.cost.control.value == "17,5"
    assert [row.share.value for row in spanish.segments_form.rows] == ["0,3", "0,7"]
    assert [row.share.value for row in english.segments_form.rows] == ["0.3", "0.7"]


def test_a_spanish_list_of_times_is_separated_by_semicolons() -> None:
    spanish, english = Editor(desk("es")), Editor(desk("en"))
    spanish.select("phone")
    english.select("phone")
    assert spanish.times_form.service_time.control.parameters["values"].value == "4; 4,5; 1,5"
    assert english.times_form.service_time.control.parameters["values"].value == "4, 4.5, 1.5"


def test_a_time_typed_with_a_decimal_comma_in_a_spanish_box_is_taken() -> None:
    editor = Editor(desk("es"))
    editor.select("desk")
    service = editor.times_form.service_time.control
    service.parameters["mean"].value = "5,5 min"
    assert editor.journey.touchpoint("desk").service_time == Exponential(5.5)
    assert editor.times_form.service_time.issues_text == ""
    editor.times_form.arrival.control.value = "1,5/min"
    assert editor.journey.arrivals[0].rate == pytest.approx(1.5)
    editor.select("phone")
    editor.times_form.service_time.control.parameters["values"].value = "3 min; 4,5 min; 90 s"
    assert editor.journey.touchpoint("phone").service_time == Empirical((3.0, 4.5, 1.5))


def test_an_english_box_keeps_the_file_formats_point() -> None:
    editor = Editor(desk("en"))
    editor.select("desk")
    editor.times_form.service_time.control.parameters["mean"].value = "4,5 min"
    assert editor.journey.touchpoint("desk").service_time == Exponential(4.5)  # refused: unchanged
    assert editor.times_form.service_time.issues_text.startswith("'service time.mean': expected a time such as")


def test_the_simulators_arrival_boxes_speak_the_journeys_language() -> None:
    simulator = Simulator(desk("es"))
    box = simulator.arrivals["phone"]
    assert box.value == "15/h"
    box.value = "22,5/h"
    (change,) = simulator.scenario.changes
    assert change.parameter == "arrival.phone.rate" and change.rate == pytest.approx(22.5 / 60)
    box.value = "2,5/min"
    assert simulator.scenario.changes[0].describe(desk("es")) == "Llegadas a «Teléfono»: 15 por hora → 2,5 por minuto"


@pytest.mark.parametrize("language", ["en", "es"])
def test_what_a_box_shows_it_reads_back(language: str) -> None:
    for distribution in (Exponential(4.5), Empirical((0.25, 4.5, 90.0))):
        texts = distribution_texts(distribution, "minute", language)
        assert parse_distribution(distribution.kind, texts, "minute", language=language) == distribution
    for rate in (0.75, 1 / 7, 2.5):
        assert parse_optional_rate(format_rate_text(rate, "minute", language), "minute",
                                   language=language) == pytest.approx(rate)
    assert format_number(0.3, language) == ("0,3" if language == "es" else "0.3")
    assert format_number(None, language) == ""
