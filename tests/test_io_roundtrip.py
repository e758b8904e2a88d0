"""Saving and loading lose nothing: the rich example and generated journeys survive YAML, JSON,
documents and networkx graphs; the YAML written is the layout a person expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from strategies import journeys

from journeymap.errors import JourneyError
from journeymap.io import dumps, from_document, load, loads, save, to_document, validate
from journeymap.model import (
    Arrival,
    Constant,
    Empirical,
    Exponential,
    Journey,
    RatePeriod,
    Stage,
    Touchpoint,
    Transition,
    Triangular,
)

EXAMPLE = Path(__file__).parent / "data" / "outage.yaml"


@pytest.fixture
def small() -> Journey:
    return Journey(
        "Reporting an outage",
        [Stage("contact", "Contact"), Stage("resolution", "Resolution")],
        [
            Touchpoint("call", "Calls the support line", "contact", channel="phone", owner="Customer care",
                       moment_of_truth=True, requirements=["Answered within 2 minutes",
                                                           "Agent already knows my account"],
                       capacity=4, service_time=Exponential(6), patience=Exponential(3), satisfaction=2,
                       next=[Transition("diagnose", 0.8), Transition("technician", 0.15, Exponential(1440))]),
            Touchpoint("diagnose", "Remote diagnosis", "resolution", lane="backstage", service_time=Constant(90),
                       goal=True),
            Touchpoint("technician", "Técnico en casa", "resolution", service_time=Triangular(30, 45, 120)),
        ],
        [Arrival("call", rate=0.5)],
    )


SMALL_YAML = """\
journeymap: 1
title: Reporting an outage
language: en
time_unit: minute

stages:
  - {id: contact, name: Contact}
  - {id: resolution, name: Resolution}

touchpoints:
  - id: call
    name: Calls the support line
    stage: contact
    channel: phone
    owner: Customer care
    moment_of_truth: true
    requirements: [Answered within 2 minutes, Agent already knows my account]
    capacity: 4
    service_time: {dist: exponential, mean: 6}
    patience: {dist: exponential, mean: 3}
    satisfaction: 2
    next:
      diagnose: 0.8
      technician: {p: 0.15, delay: {dist: exponential, mean: 1 d}}

  - id: diagnose
    name: Remote diagnosis
    stage: resolution
    lane: backstage
    service_time: 90
    goal: true

  - id: technician
    name: Técnico en casa
    stage: resolution
    service_time: {dist: triangular, low: 30, mode: 45, high: 2 h}

arrivals:
  - {touchpoint: call, rate: 30/h}
"""


def test_yaml_layout_is_the_one_a_person_writes(small: Journey) -> None:
    assert dumps(small) == SMALL_YAML
    assert loads(SMALL_YAML) == small


def test_json_has_the_same_document(small: Journey) -> None:
    text = dumps(small, "json")
    assert json.loads(text) == to_document(small) == yaml.safe_load(SMALL_YAML)
    assert "Técnico" in text  # unicode kept, not escaped
    assert loads(text, "json") == small


def test_to_document_leaves_defaults_out_and_writes_times_with_units(small: Journey) -> None:
    doc = to_document(small)
    assert list(doc) == ["journeymap", "title", "language", "time_unit", "stages", "touchpoints", "arrivals"]
    assert doc["touchpoints"][1] == {"id": "diagnose", "name": "Remote diagnosis", "stage": "resolution",
                                     "lane": "backstage", "service_time": 90, "goal": True}
    assert doc["touchpoints"][0]["next"] == {"diagnose": 0.8,
                                             "technician": {"p": 0.15, "delay": {"dist": "exponential", "mean": "1 d"}}}


def test_schedules_and_empirical_times_are_written_readably() -> None:
    journey = Journey("t", [Stage("s")], [Touchpoint("a", stage="s", service_time=Empirical((60, 90, 120)))],
                      [Arrival("a", schedule=(RatePeriod(9, 0), RatePeriod(17.5, 2.5), RatePeriod(24, 0.25)))],
                      time_unit="hour")
    doc = to_document(journey)
    assert doc["touchpoints"][0]["service_time"] == {"dist": "empirical", "values": [60, 90, "5 d"]}
    assert doc["arrivals"][0]["schedule"] == [{"until": "09:00", "rate": 0}, {"until": "17:30", "rate": "60/d"},
                                              {"until": "24:00", "rate": "6/d"}]
    assert loads(dumps(journey)) == journey


def test_rich_example_survives_save_and_load_in_both_formats(tmp_path: Path) -> None:
    journey = load(EXAMPLE)
    for name in ("copy.yaml", "copy.yml", "copy.json"):
        written = save(journey, tmp_path / name)
        assert written == tmp_path / name
        assert load(written) == journey
    assert (tmp_path / "copy.json").read_text(encoding="utf-8").lstrip().startswith("{")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.json", "copy.yaml", "copy.yml"]  # no temp files


def test_rich_example_keeps_every_feature() -> None:
    journey = load(EXAMPLE)
    text = dumps(journey)
    assert dumps(loads(text)) == text  # writing is stable
    assert yaml.safe_load(text) == to_document(journey)  # any YAML reader sees the same document
    call = journey.touchpoint("call")
    assert call.route("technician").notes == "Booked for the next day"
    assert call.route("technician").delay == Exponential(1440)
    assert journey.touchpoint("diagnose").route("technician").meta == {"source": "CRM export, 2024"}
    assert journey.stage("diagnosis").meta == {"color": "#3366cc"}
    assert [p.until for p in journey.arrivals[0].schedule] == [480, 1200, 1440]
    assert journey.arrivals[0].schedule[2].meta == {"source": "call logs"}
    assert journey.arrivals[1].rate == pytest.approx(120 / 1440)
    assert journey.touchpoint("app_report").service_time == Constant(1.5)
    assert journey.touchpoint("system").service_time == Constant(0.5)
    assert journey.meta["tags"] == ["utility", "outage"] and journey.description.endswith("survey.\n")
    assert "Eléctrica del Norte" in text and "«sin luz»" in text and "$schema" not in text


def test_a_failed_save_leaves_the_old_file_whole(small: Journey, tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    save(small, path)
    before = path.read_bytes()
    broken = small.update_touchpoint("call", meta={"when": object()})
    with pytest.raises(JourneyError) as caught:
        save(broken, path)
    assert str(caught.value) == ("touchpoints[0].meta.when: cannot save a value of type object "
                                 "(use text, numbers, true/false, lists and mappings)")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["journey.yaml"]


def test_text_other_yaml_readers_would_misread_is_quoted(small: Journey) -> None:
    odd = small.update_touchpoint("call", channel="yes", owner="12:30", name="2024-01-01")
    text = dumps(odd)
    assert "channel: 'yes'" in text and "owner: '12:30'" in text and "name: '2024-01-01'" in text
    assert yaml.safe_load(text)["touchpoints"][0]["owner"] == "12:30"
    assert loads(text) == odd


@settings(max_examples=50, deadline=None)
@given(journeys())
def test_generated_journeys_survive_yaml(journey: Journey) -> None:
    assert not [issue for issue in validate(journey) if issue.is_error]
    text = dumps(journey)
    assert loads(text) == journey
    assert yaml.safe_load(text) == to_document(journey)


@settings(max_examples=50, deadline=None)
@given(journeys())
def test_generated_journeys_survive_json_and_documents(journey: Journey) -> None:
    assert loads(dumps(journey, "json"), "json") == journey
    assert from_document(to_document(journey)) == journey


@settings(max_examples=50, deadline=None)
@given(journeys())
def test_generated_journeys_survive_networkx(journey: Journey) -> None:
    graph = journey.to_networkx()
    assert list(graph.nodes) == list(journey.touchpoint_ids)
    assert graph.number_of_edges() == sum(len(tp.next) for tp in journey.touchpoints)
    assert Journey.from_networkx(graph) == journey
