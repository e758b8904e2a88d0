"""The journey model: immutable values whose edits return new values."""

from __future__ import annotations

import dataclasses

import networkx as nx
import pytest

from journeymap.errors import EditError, NotFound
from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition, Triangular


@pytest.fixture
def journey() -> Journey:
    return Journey(
        "Reporting an outage",
        [Stage("contact", "Contact"), Stage("resolution", "Resolution")],
        [
            Touchpoint(
                "call",
                "Calls the support line",
                "contact",
                channel="phone",
                owner="Customer care",
                moment_of_truth=True,
                requirements=["Answered within 2 minutes"],
                capacity=4,
                service_time=Exponential(6),
                next=[Transition("diagnose", 0.8), Transition("technician", 0.15, Exponential(1440))],
                meta={"kpi": "asa"},
            ),
            Touchpoint("diagnose", "Remote diagnosis", "resolution", goal=True),
            Touchpoint("technician", "Technician visit", "resolution", service_time=Triangular(30, 45, 90)),
        ],
        [Arrival("call", rate=0.5)],
        notes="illustrative",
    )


def test_values_are_frozen_and_lists_become_tuples(journey: Journey) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        journey.title = "x"  # type: ignore[misc]
    assert isinstance(journey.touchpoints, tuple)
    assert journey.touchpoint("call").requirements == ("Answered within 2 minutes",)


def test_edits_return_new_journeys_and_leave_the_original(journey: Journey) -> None:
    edited = journey.update_touchpoint("call", capacity=6)
    assert edited.touchpoint("call").capacity == 6
    assert journey.touchpoint("call").capacity == 4
    assert edited.touchpoint_ids == journey.touchpoint_ids


def test_leave_probability_is_the_remainder(journey: Journey) -> None:
    assert journey.touchpoint("call").leave_probability == pytest.approx(0.05)
    assert journey.touchpoint("diagnose").leave_probability == 1.0


def test_removing_a_touchpoint_drops_routes_and_arrivals_into_it(journey: Journey) -> None:
    smaller = journey.without_touchpoint("diagnose")
    assert smaller.touchpoint("call").targets == ("technician",)
    assert journey.without_touchpoint("call").arrivals == ()


def test_renaming_a_touchpoint_moves_routes_and_arrivals(journey: Journey) -> None:
    renamed = journey.rename_touchpoint("call", "phone_call")
    assert renamed.touchpoint_ids[0] == "phone_call"
    assert renamed.arrivals[0].touchpoint == "phone_call"
    with pytest.raises(EditError, match=r"^a touchpoint 'diagnose' already exists$"):
        journey.rename_touchpoint("call", "diagnose")


def test_adding_after_a_touchpoint_and_reordering(journey: Journey) -> None:
    added = journey.with_touchpoint(Touchpoint("sms", "Confirmation SMS", "resolution"), after="call")
    assert added.touchpoint_ids == ("call", "sms", "diagnose", "technician")
    reordered = added.with_order(["sms", "call", "technician", "diagnose"])
    assert reordered.touchpoint_ids == ("sms", "call", "technician", "diagnose")
    with pytest.raises(EditError, match="exactly once"):
        added.with_order(["sms", "call"])


def test_routes_are_set_and_removed(journey: Journey) -> None:
    call = journey.touchpoint("call").with_route("diagnose", 0.5)
    assert call.route("diagnose").p == 0.5
    assert call.targets == ("diagnose", "technician")
    assert call.with_route("sms", 0.1).targets[-1] == "sms"
    assert call.without_route("technician").targets == ("diagnose",)
    with pytest.raises(NotFound, match=r"^touchpoint 'call' has no route to 'diagnos' \(did you mean 'diagnose'\?\)$"):
        call.route("diagnos")


def test_stages_cannot_be_removed_while_holding_touchpoints(journey: Journey) -> None:
    with pytest.raises(EditError, match="still holds touchpoints: diagnose, technician"):
        journey.without_stage("resolution")
    assert journey.with_stage(Stage("loyalty"), after="contact").stage_ids == ("contact", "loyalty", "resolution")


def test_lookups_suggest_the_closest_id(journey: Journey) -> None:
    with pytest.raises(NotFound, match=r"^no touchpoint 'techician' \(did you mean 'technician'\?\)$") as caught:
        journey.touchpoint("techician")
    assert (caught.value.kind, caught.value.name, caught.value.suggestion) == ("touchpoint", "techician", "technician")
    assert caught.value.choices == ("call", "diagnose", "technician")
    with pytest.raises(NotFound, match=r"^no stage 'contac' \(did you mean 'contact'\?\)$"):
        journey.stage("contac")
    with pytest.raises(LookupError, match=r"^no stage 'zzz'$"):  # nothing close: no suggestion
        journey.stage("zzz")


def test_networkx_round_trip_keeps_every_field(journey: Journey) -> None:
    graph = journey.to_networkx()
    assert isinstance(graph, nx.DiGraph)
    assert list(graph.nodes) == ["call", "diagnose", "technician"]
    assert graph.nodes["call"]["moment_of_truth"] is True
    assert graph.nodes["call"]["meta"] == {"kpi": "asa"}
    assert graph.edges["call", "technician"]["p"] == 0.15
    assert graph.edges["call", "technician"]["delay"] == Exponential(1440)
    assert graph.graph["notes"] == "illustrative"
    assert Journey.from_networkx(graph) == journey


def test_a_plain_digraph_becomes_a_minimal_journey() -> None:
    graph = nx.DiGraph()
    graph.add_edge("a", "b", p=0.7)
    journey = Journey.from_networkx(graph)
    assert journey.touchpoint("a").route("b").p == 0.7
    assert journey.touchpoint("b").leave_probability == 1.0


def test_moments_of_truth_goals_and_entry_points(journey: Journey) -> None:
    assert [tp.id for tp in journey.moments_of_truth] == ["call"]
    assert [tp.id for tp in journey.goals] == ["diagnose"]
    assert journey.entry_points == ("call",)
    assert "3 touchpoints, 1 moments of truth" in repr(journey)
