"""``validate`` on journeys built in Python: paths, routing loops, tolerance, odd types; and the
loader's robustness on mangled documents (a ``JourneyError`` or a journey, never another exception)."""

from __future__ import annotations

import math
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import journeys

from journeymap.errors import Issue, JourneyError
from journeymap.io import from_document, loads, to_document, validate
from journeymap.model import (
    Arrival,
    Constant,
    Empirical,
    Exponential,
    Gamma,
    Journey,
    RatePeriod,
    Stage,
    Touchpoint,
    Transition,
    Triangular,
    Uniform,
)


def chain(*touchpoints: Touchpoint, arrivals: tuple[Arrival, ...] | None = None, **fields: Any) -> Journey:
    first = touchpoints[0].id if touchpoints else "a"
    return Journey("t", (Stage("s"),), touchpoints,
                   (Arrival(first, rate=1.0),) if arrivals is None else arrivals, **fields)


def tp(id: str, *routes: tuple[str, float], **fields: Any) -> Touchpoint:
    fields.setdefault("stage", "s")
    return Touchpoint(id, next=tuple(Transition(t, p) for t, p in routes), **fields)


def texts(journey: Journey) -> list[str]:
    return [str(issue) for issue in validate(journey)]


def test_a_sound_journey_has_no_issue() -> None:
    journey = chain(tp("a", ("b", 0.7), ("c", 0.2), ("a", 0.1)), tp("b", ("c", 1.0)), tp("c", goal=True))
    assert validate(journey) == []  # 0.7 + 0.2 + 0.1 is 0.9999999999999999: not above 1, and no loop


def test_loops_customers_cannot_leave_are_errors_with_the_first_member_path() -> None:
    trapped = chain(tp("a", ("b", 0.5)), tp("b", ("c", 1.0)), tp("c", ("b", 1.0)), tp("d", ("d", 1.0), goal=True))
    assert texts(trapped) == [
        "touchpoints[1].next: routing loop that customers can never leave: b → c",
        "touchpoints[3].next: routing loop that customers can never leave: d",
        "warning: touchpoints[3]: touchpoint 'd' cannot be reached from any arrival",
    ]
    with_exit = trapped.update_touchpoint("c", next=(Transition("b", 0.9),))
    assert "b → c" not in " ".join(texts(with_exit)) and "leave: d" in " ".join(texts(with_exit))
    with_way_out = trapped.update_touchpoint("c", next=(Transition("b", 0.5), Transition("a", 0.5)))
    assert "b → c" not in " ".join(texts(with_way_out))  # a leaves, so the class {a, b, c} is not closed


def test_routes_to_unknown_touchpoints_count_as_exits_not_loops() -> None:
    journey = chain(tp("a", ("ghost", 1.0), goal=True))
    assert texts(journey) == ["touchpoints[0].next.ghost: route to unknown touchpoint 'ghost' (expected one of: a)"]


def test_probability_and_sum_messages() -> None:
    journey = chain(tp("a", ("b", 0.6), ("c", 0.6)), tp("b", ("c", 1.4)), tp("c", ("a", -0.1), goal=True))
    assert texts(journey) == [
        "touchpoints[0].next: routing probabilities add up to 1.2, above 1",
        "touchpoints[1].next.c: probability 1.4 is above 1",
        "touchpoints[2].next.a: probability -0.1 is below 0",
    ]


def test_two_routes_to_the_same_touchpoint() -> None:
    journey = chain(tp("a", ("b", 0.2), ("b", 0.3)), tp("b", goal=True))
    assert texts(journey) == ["touchpoints[0].next.b: two routes to 'b'"]


def test_distribution_parameters_that_make_no_sense() -> None:
    journey = chain(
        tp("a", service_time=Uniform(-1, 5), patience=Gamma(5, -1), goal=True),
        tp("b", service_time=Empirical(()), patience=Empirical((0, 0))),
        tp("c", service_time=Exponential(math.nan), patience=Constant(0)),
        tp("d", service_time=6),  # a number instead of a distribution
    )
    assert [i for i in texts(journey) if not i.startswith("warning")] == [
        "touchpoints[0].service_time.low: 'low' must not be negative (got -1)",
        "touchpoints[0].patience.sd: 'sd' must be positive (got -1)",
        "touchpoints[1].service_time.values: 'values' must not be empty",
        "touchpoints[1].patience.values: 'values' must not all be 0",
        "touchpoints[2].service_time: every parameter of 'service_time' must be a finite number "
        "(got exponential(mean=nan))",
        "touchpoints[2].patience: 'patience' must be positive (got 0); leave 'patience' out for customers who "
        "wait as long as it takes",
        "touchpoints[3].service_time: expected a distribution such as Exponential(6) (got 6)",
    ]


def test_zero_times_are_refused_with_a_hint_to_leave_them_out() -> None:
    journey = chain(
        tp("a", service_time=Constant(0), goal=True).with_route("b", 0.5, delay=Constant(0)),
        tp("b", service_time=Triangular(0, 0, 0), patience=Uniform(0, 3)),
    )
    assert texts(journey) == [
        "touchpoints[0].service_time: 'service_time' must be positive (got 0); leave 'service_time' out for an "
        "instantaneous step",
        "touchpoints[0].next.b.delay: 'delay' must be positive (got 0); leave 'delay' out for none",
        "touchpoints[1].service_time.high: 'high' must be positive (got 0)",
    ]


def test_times_in_messages_use_the_journey_unit() -> None:
    journey = chain(tp("a", service_time=Exponential(-48), goal=True), time_unit="hour")
    assert texts(journey) == ["touchpoints[0].service_time.mean: 'mean' must be positive (got -2 d)"]


def test_schedules() -> None:
    schedule = (RatePeriod(0, 1), RatePeriod(600, -1), RatePeriod(500, 1), RatePeriod(1500, 1))
    journey = chain(tp("a", goal=True), arrivals=(Arrival("a", schedule=schedule), Arrival("a", rate=math.inf),
                                                   Arrival("a", schedule=(RatePeriod(60, 0),))))
    assert texts(journey) == [
        "arrivals[0].schedule[0].until: 'until' must be after 00:00 (got 00:00)",
        "arrivals[0].schedule[1].rate: 'rate' must not be negative (got -1)",
        "arrivals[0].schedule[2].until: 'until' must be later than the previous period's 10:00 (got 08:20)",
        "arrivals[0].schedule[3].until: 'until' must be at most 24:00 (got 25:00)",
        "arrivals[1].rate: 'rate' must be positive (got inf)",
        "arrivals[2].schedule: every period of the schedule has rate 0: no customers arrive",
    ]


def test_odd_python_values_are_reported_not_raised() -> None:
    journey = Journey("t", (Stage("s"), Stage("")), (
        Touchpoint("a", stage="s", capacity="3", satisfaction="high", lane=None, goal=True,  # type: ignore[arg-type]
                   next=(Transition("a", "0.5"),)),  # type: ignore[arg-type]
    ), (Arrival("a", rate=1),), language=None, time_unit="fortnight")  # type: ignore[arg-type]
    assert texts(journey) == [
        "language: unknown language None (expected one of: en, es)",
        "time_unit: unknown time unit 'fortnight' (expected one of: second, minute, hour, day, week)",
        "stages[1].id: 'id' must be non-empty text (got '')",
        "touchpoints[0].lane: unknown lane None (expected one of: customer, frontstage, backstage, support)",
        "touchpoints[0].capacity: 'capacity' must be a positive int (got '3')",
        "touchpoints[0].satisfaction: 'satisfaction' must be between 1 and 5 (got 'high')",
        "touchpoints[0].next.a: probability must be a number between 0 and 1 (got '0.5')",
    ]


def test_stage_is_required_once_stages_exist_and_optional_without_them() -> None:
    assert texts(chain(tp("a", stage="", goal=True))) == ["touchpoints[0].stage: 'stage' is required (one of: s)"]
    stageless = Journey("t", (), (Touchpoint("a", goal=True),), (Arrival("a", rate=1),))
    assert validate(stageless) == []


def test_errors_come_before_warnings() -> None:
    journey = Journey("t", (Stage("s"),), (tp("a"), tp("b", capacity=0)), ())
    assert validate(journey) == [
        Issue("'capacity' must be a positive int (got 0)", "touchpoints[1].capacity"),
        Issue("no touchpoint is marked as a goal (goal: true) where the customer's need is met", "touchpoints",
              "warning"),
        Issue("no arrivals: customers never enter the cycle (add an arrival such as {touchpoint: ..., rate: 30/h})",
              "arrivals", "warning"),
    ]
    assert validate(Journey("empty")) == [Issue("no touchpoints yet", "touchpoints", "warning")]


def test_reachability_follows_routes_with_positive_probability() -> None:
    journey = chain(tp("a", ("b", 0.0), ("c", 0.5)), tp("b", goal=True), tp("c"))
    assert texts(journey) == ["warning: touchpoints[1]: touchpoint 'b' cannot be reached from any arrival"]


@settings(max_examples=50, deadline=None)
@given(journeys())
def test_generated_journeys_are_valid(journey: Journey) -> None:
    assert [issue for issue in validate(journey) if issue.is_error] == []


_junk = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats() | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=5,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _replaced(doc: Any, path: tuple[Any, ...], junk: Any) -> Any:
    if not path:
        return junk
    head, rest = path[0], path[1:]
    if isinstance(doc, dict):
        return {**doc, head: _replaced(doc[head], rest, junk)}
    return [_replaced(item, rest, junk) if i == head else item for i, item in enumerate(doc)]


@settings(max_examples=50, deadline=None)
@given(journeys(max_touchpoints=3), st.data())
def test_mangled_documents_give_issues_never_crashes(journey: Journey, data: st.DataObject) -> None:
    doc = to_document(journey)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_paths(doc)[1:]))
        doc = _replaced(doc, path, data.draw(_junk))
    try:
        from_document(doc)
    except JourneyError as exc:
        assert exc.issues and all(isinstance(i, Issue) and i.message for i in exc.issues)
    try:  # the same document as YAML text written by another tool
        loads(yaml.safe_dump(doc, allow_unicode=True))
    except JourneyError as exc:
        assert exc.issues


def test_a_journey_error_from_the_model_lists_every_message() -> None:
    journey = chain(tp("a", ("b", 2.0), capacity=-1), tp("b", goal=True))
    with pytest.raises(JourneyError) as caught:
        from_document(to_document(journey))
    assert [i.message for i in caught.value.errors] == [
        "'capacity' must be a positive int (got -1)",
        "probability 2 is above 1",
    ]
