"""The questionnaire designed from the map: codes, skip logic, effort items, pulses, wording in both languages."""

from __future__ import annotations

import pytest

import journeymap as jm
from journeymap.io.catalog import template
from journeymap.model import Arrival, Journey, Stage, Touchpoint, Transition
from journeymap.survey import design, effort_reasons


def _journey() -> Journey:
    """Four moments: one queue, one in a loop, one reached across channels, one with nothing to make it hard."""
    return Journey(
        title="Help", language="en", stages=[Stage("s")],
        touchpoints=[
            Touchpoint("web", stage="s", channel="web", lane="customer", moment_of_truth=True,
                       requirements=["Clear prices"], next=[Transition("call", 0.5)]),
            Touchpoint("call", stage="s", channel="phone", capacity=2, moment_of_truth=True,
                       requirements=["Answered within 2 minutes", "Knows my account"],
                       next=[Transition("fix", 1.0)]),
            Touchpoint("fix", stage="s", channel="phone", moment_of_truth=True, next=[Transition("check", 1.0)]),
            Touchpoint("check", stage="s", channel="phone", moment_of_truth=True, next=[Transition("fix", 0.3)]),
            Touchpoint("back", stage="s", channel="crm", lane="backstage"),
        ],
        arrivals=[Arrival("web", rate=1.0)],
    )


def test_every_question_has_the_code_the_map_gives_it() -> None:
    questionnaire = design(template("service_cycle", "en"))
    codes = questionnaire.codes
    moments = [tp.id for tp in template("service_cycle", "en").moments_of_truth]
    assert codes[: len(moments)] == tuple(f"lived_{tp}" for tp in moments)
    assert codes[len(moments): len(moments) + 4] == ("mot_sales_line_overall", "mot_sales_line_r1",
                                                      "mot_sales_line_r2", "ces_sales_line")
    assert codes[-3:] == ("overall", "nps", "improve")
    assert len(set(codes)) == len(codes)
    for question in questionnaire.questions:
        if question.touchpoint and question.kind != "lived":
            assert question.relevant == f"lived_{question.touchpoint}"


def test_effort_is_asked_where_customers_wait_loop_back_or_change_channel() -> None:
    assert effort_reasons(_journey()) == {"call": ("queue", "handoff"), "fix": ("loop",), "check": ("loop",)}
    codes = design(_journey()).codes
    assert "ces_call" in codes and "ces_fix" in codes and "ces_web" not in codes


def test_a_touchpoint_served_by_a_team_is_a_queue_too() -> None:
    from journeymap.model import Team

    journey = _journey()
    shared = journey.replace(teams=(Team("agents", capacity=2),)).update_touchpoint("call", capacity=None,
                                                                                      team="agents")
    assert effort_reasons(shared)["call"] == ("queue", "handoff")
    assert effort_reasons(journey.update_touchpoint("call", capacity=None))["call"] == ("handoff",)


def test_a_pulse_design_has_two_questions_per_moment_and_the_end_of_cycle_form() -> None:
    questionnaire = design(_journey(), mode="pulse")
    forms = questionnaire.forms()
    assert [form.codes for form in forms] == [
        ("mot_web_overall", "mot_web_r1"), ("mot_call_overall", "ces_call"), ("mot_fix_overall", "ces_fix"),
        ("mot_check_overall", "ces_check"), ("overall", "nps", "improve")]
    assert [(form.send_after, form.channel) for form in forms] == [
        ("web", "web"), ("call", "sms"), ("fix", "sms"), ("check", "sms"), (None, "email")]
    assert not any(q.relevant for q in questionnaire.questions)  # they just lived it: no screening


def test_the_wording_follows_the_language_and_reads_as_a_question() -> None:
    english = design(_journey()).question("mot_call_r1")
    assert english.text == {
        "en": "How satisfied were you with: answered within 2 minutes?",
        "es": "¿Cuál es su grado de satisfacción con: answered within 2 minutes?",
    }
    spanish = design(template("service_cycle", "es"))
    assert spanish.language == "es"
    lived = spanish.question("lived_sales_line").text["es"]
    assert lived == "Recientemente, ¿pasó usted por «Llama a la línea de ventas»?"
    assert spanish.question("nps").scale.labels["es"][0] == "0 – Nada probable"
    assert design(template("service_cycle", "es"), language="en").language == "en"


def test_segments_add_a_choice_question() -> None:
    question = design(_journey(), segments=["New", "Returning"]).question("segment")
    assert question.scale.values == (1, 2) and question.scale.labels["en"] == ("New", "Returning")


def test_a_map_without_moments_of_truth_cannot_have_a_survey() -> None:
    with pytest.raises(jm.JourneyError, match="no moment of truth"):
        design(Journey("Empty", touchpoints=[Touchpoint("a")]))
    with pytest.raises(ValueError, match="'mode' must be one of: cycle, pulse"):
        design(_journey(), mode="weekly")  # type: ignore[arg-type]


def test_the_standard_of_a_requirement_reaches_the_codebook() -> None:
    journey = _journey().update_touchpoint("call", requirements=[jm.Requirement("Answered within 2 minutes",
                                                                                {"wait": 2.0 / 60})])
    journey = journey.replace(time_unit="hour")
    book = jm.survey.codebook(design(journey))
    assert book.set_index("code").loc["mot_call_r1", "standard"] == "wait: 2 min"
