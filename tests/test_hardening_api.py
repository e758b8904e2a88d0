"""The public API checks its arguments at the door (issue 12): a wrong type is a TypeError naming the
argument in attrs' words, never an AttributeError from deep inside."""

from __future__ import annotations

from pathlib import Path

import pytest
from experiment_journeys import call_centre

import journeymap as jm
import journeymap.analysis as analysis
import journeymap.prioritize as pr
from journeymap.model import Exponential

NOT_A_JOURNEY = [
    (None, r"^'journey' must be a Journey \(got None\)$"),
    ("outage.yaml", r"^'journey' must be a Journey \(got str 'outage.yaml'\): load a file first with jm.load\(path\)"),
    ({"title": "x"}, r"^'journey' must be a Journey \(got dict \{'title': 'x'\}\): build it from a document with "
                     r"jm.io.from_document"),
    (5, r"^'journey' must be a Journey \(got int 5\)$"),
]

DOORS = {
    "to_dot": lambda j: jm.to_dot(j),
    "to_mermaid": lambda j: jm.to_mermaid(j),
    "draw": lambda j: jm.draw(j),
    "export_views": lambda j: jm.export_views(j, "never-written"),
    "analyze": lambda j: jm.analyze(j),
    "goal_probability": lambda j: analysis.goal_probability(j),
    "expected_visits": lambda j: analysis.expected_visits(j),
    "reach_probability": lambda j: analysis.reach_probability(j),
    "validate": lambda j: jm.validate(j),
    "dumps": lambda j: jm.dumps(j),
    "save": lambda j: jm.save(j, "never-written.yaml"),
    "compare": lambda j: jm.compare(j, [jm.Scenario("x", [jm.set_capacity("call", 3)])]),
    "sweep": lambda j: jm.sweep(j, {"call.capacity": [1, 2]}),
    "action_plan": lambda j: pr.action_plan(j, [pr.Intervention("x", [], effort=1, touchpoints=["call"])]),
}


@pytest.mark.parametrize("door", DOORS)
@pytest.mark.parametrize(("value", "message"), NOT_A_JOURNEY)
def test_a_function_taking_a_journey_says_what_it_got(door: str, value: object, message: str,
                                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError, match=message):
        DOORS[door](value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("call", "message"), [
    (lambda: jm.load(123), r"^'source' must be a file path, str or os.PathLike \(got int 123\)$"),
    (lambda: jm.load(None), r"^'source' must be a file path, str or os.PathLike \(got None\)$"),
    (lambda: jm.check(None), r"^'source' must be a file path, journey text or a Journey \(got None\)$"),
    (lambda: jm.loads(None), r"^'text' must be str or bytes \(got None\): for a file, use jm.load\(path\)$"),
    (lambda: jm.save(call_centre(), None), r"^'path' must be a file path, str or os.PathLike \(got None\)$"),
])
def test_paths_and_texts_are_checked_at_the_door(call, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call()


@pytest.mark.parametrize(("changes", "message"), [
    ({"capacity": "x"}, r"^'capacity' must be a positive int or None \(got 'x'\)$"),
    ({"capacity": 2.5}, r"^'capacity' must be a positive int or None \(got 2.5\)$"),
    ({"capacity": True}, r"^'capacity' must be a positive int or None \(got True\)$"),
    ({"service_time": "6 min"}, r"^'service_time' must be a distribution such as Exponential\(6\) or None \(got "
                                r"'6 min'\); edits.set_time takes a number or a text such as '90 s'$"),
    ({"moment_of_truth": "yes"}, r"^'moment_of_truth' must be True or False \(got 'yes'\)$"),
    ({"next": ["fix"]}, r"^'next' must be a list of Transition \(got \['fix'\]\)$"),
    ({"capacit": 3}, r"^a touchpoint has no field 'capacit' \(did you mean 'capacity'\?\)"),
])
def test_update_touchpoint_refuses_a_wrong_type_at_the_edit(changes: dict, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        call_centre().update_touchpoint("call", **changes)


def test_update_touchpoint_still_takes_every_right_type() -> None:
    journey = call_centre().update_touchpoint("call", capacity=None, service_time=Exponential(2.0), owner=None,
                                              requirements=["Answered quickly"], satisfaction=4, goal=False)
    call = journey.touchpoint("call")
    assert call.capacity is None and call.requirements == ("Answered quickly",) and call.satisfaction == 4
    zero = call_centre().update_touchpoint("call", capacity=0)  # the right type, a wrong value: validation says so
    assert [i.message for i in jm.validate(zero) if i.is_error] == ["'capacity' must be a positive int (got 0)"]


def test_every_field_of_a_touchpoint_can_be_updated_with_its_own_value() -> None:
    """The door check knows every field: each touchpoint's current values pass back through it."""
    import dataclasses

    from journeymap.model import MeasuredSatisfaction

    measured = MeasuredSatisfaction(mean=4.2, n=120, ci_low=4.0, ci_high=4.4, date="2026-10-01", source="survey")
    journey = call_centre().update_touchpoint("call", measured_satisfaction=measured)
    call = journey.touchpoint("call")
    assert call.measured_satisfaction == measured
    every = {f.name: getattr(call, f.name) for f in dataclasses.fields(call) if f.init and f.name != "id"}
    assert journey.update_touchpoint("call", **every).touchpoint("call") == call
