"""Every pure edit of a journey (``journeymap.model.edits``): exact results, the original untouched, and
errors that name the argument (NotFound, EditError, UnitError, TypeError)."""

from __future__ import annotations

import pytest
from experiment_journeys import call_centre, outage_outline
from hypothesis import given, settings
from hypothesis import strategies as st

from journeymap.errors import EditError, Issue, NotFound, UnitError
from journeymap.model import (
    Arrival,
    Constant,
    Empirical,
    Exponential,
    Gamma,
    Journey,
    Lognormal,
    RatePeriod,
    Segment,
    Shift,
    Stage,
    Team,
    Touchpoint,
    Transition,
    Triangular,
    Uniform,
    validate,
)
from journeymap.model import operations_edits as ops
from journeymap.model.arrivals import mean_arrival_rate
from journeymap.model.edits import (
    add_stage,
    add_touchpoint,
    move_stage,
    move_touchpoint,
    new_stage,
    new_touchpoint,
    remove_route,
    remove_touchpoint,
    scale_arrivals,
    scale_capacity,
    scale_time,
    set_arrival_rate,
    set_capacity,
    set_route,
    set_stage,
    set_time,
    slug,
    switch_kind,
    unique_id,
)
from journeymap.model.operations_edits import (
    scale_team_capacity,
    set_team_capacity,
)


@pytest.fixture
def journey() -> Journey:
    return outage_outline()


def routes(journey: Journey, tp_id: str) -> dict[str, float]:
    return {t.target: t.p for t in journey.touchpoint(tp_id).next}


# -- ids -----------------------------------------------------------------------------------------------------
def test_slugs_are_ascii_identifiers() -> None:
    assert slug("Atención 24 h") == "atencion_24_h"
    assert slug("  After-sales & loyalty ") == "after_sales_loyalty"
    assert slug("2nd call") == "n_2nd_call"
    assert slug("¡!") == "item"
    assert unique_id("Call", ["call", "call_2"]) == "call_3"


def test_new_stages_and_touchpoints_get_fresh_ids(journey: Journey) -> None:
    assert new_stage(journey, " Contact ") == Stage("contact_2", "Contact")
    assert new_touchpoint(journey, "Calls back", after="chat") == Touchpoint("calls_back", "Calls back", "contact")
    assert new_touchpoint(journey, "Survey").stage == "contact"  # the first stage
    assert new_touchpoint(journey, "Survey", "loyalty").stage == "loyalty"
    with pytest.raises(EditError, match=r"^a touchpoint needs a name \(got an empty text\)$"):
        new_touchpoint(journey, "  ")
    with pytest.raises(TypeError, match=r"'stage' must be a text \(got int\)"):
        new_stage(journey, 3)  # type: ignore[arg-type]


# -- stages and order ----------------------------------------------------------------------------------------
def test_moving_a_stage_is_clamped_at_the_ends(journey: Journey) -> None:
    assert move_stage(journey, "loyalty", -1).stage_ids == ("contact", "loyalty", "resolution")
    assert move_stage(journey, "contact", -5).stage_ids == journey.stage_ids
    assert move_stage(journey, "contact", 9).stage_ids == ("resolution", "loyalty", "contact")
    with pytest.raises(NotFound, match="no stage 'loyalti' \\(did you mean 'loyalty'\\?\\)"):
        move_stage(journey, "loyalti", 1)


def test_moving_a_touchpoint_stays_within_its_stage(journey: Journey) -> None:
    moved = move_touchpoint(journey, "chat", -1)
    assert moved.touchpoint_ids == ("chat", "diagnose", "call", "visit")
    assert [tp.id for tp in moved.touchpoints_in("resolution")] == ["diagnose", "visit"]
    assert move_touchpoint(journey, "call", -1) is journey


def test_add_stage_after_another(journey: Journey) -> None:
    added = add_stage(journey, "Proposal", after="contact")
    assert added.stage_ids == ("contact", "proposal", "resolution", "loyalty")
    assert added.stage("proposal").name == "Proposal"
    assert add_stage(journey, Stage("advocacy")).stage_ids[-1] == "advocacy"
    with pytest.raises(EditError, match=r"^a stage 'loyalty' already exists$"):
        add_stage(journey, Stage("loyalty"))
    with pytest.raises(TypeError, match=r"'stage' must be a Stage or a name \(got int\)"):
        add_stage(journey, 3)  # type: ignore[arg-type]


def test_set_stage_accepts_ids_names_or_a_new_stage(journey: Journey) -> None:
    assert set_stage(journey, "visit", "contact").touchpoint("visit").stage == "contact"
    assert set_stage(journey, "visit", "loyalty").touchpoint("visit").stage == "loyalty"
    assert set_stage(journey, "visit", "LOYALTY").touchpoint("visit").stage == "loyalty"
    created = set_stage(journey, "visit", "After-sales")
    assert created.stage_ids == ("contact", "resolution", "loyalty", "after_sales")
    assert created.stage("after_sales").name == "After-sales"
    assert created.touchpoint("visit").stage == "after_sales"
    with pytest.raises(EditError, match="a stage needs a name"):
        set_stage(journey, "visit", " ")


@settings(max_examples=60, deadline=None)
@given(
    stages=st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, max_size=8),
    pick=st.integers(0, 7),
    offset=st.integers(-3, 3),
)
def test_moving_keeps_every_id_and_the_other_stages_untouched(stages: list[str], pick: int, offset: int) -> None:
    journey = Journey(
        "moves",
        [Stage("a"), Stage("b"), Stage("c")],
        [Touchpoint(f"t{k}", stage=stage) for k, stage in enumerate(stages)],
    )
    tp = journey.touchpoints[pick % len(stages)]
    moved = move_touchpoint(journey, tp.id, offset)
    assert sorted(moved.touchpoint_ids) == sorted(journey.touchpoint_ids)
    for stage in ("a", "b", "c"):
        before = [t.id for t in journey.touchpoints_in(stage)]
        after = [t.id for t in moved.touchpoints_in(stage)]
        if stage != tp.stage:
            assert after == before
        else:
            index = before.index(tp.id)
            target = min(max(index + offset, 0), len(before) - 1)
            assert after.index(tp.id) == target
            assert [i for i in after if i != tp.id] == [i for i in before if i != tp.id]
    assert [t.stage for t in moved.touchpoints] == [t.stage for t in journey.touchpoints]  # slots stay


# -- touchpoints ---------------------------------------------------------------------------------------------
def test_adding_a_touchpoint_by_name_after_the_selected_one(journey: Journey) -> None:
    added = add_touchpoint(journey, "Calls back", after="call")
    assert added.touchpoint_ids == ("call", "calls_back", "diagnose", "chat", "visit")
    assert added.touchpoint("calls_back").stage == "contact"


def test_adding_a_touchpoint_to_a_stage_goes_after_its_last_one(journey: Journey) -> None:
    added = add_touchpoint(journey, "Survey", "resolution")
    assert added.touchpoint_ids[-1] == "survey"
    again = add_touchpoint(added, "Survey", "contact")
    assert again.touchpoint_ids.index("survey_2") == 3
    with pytest.raises(EditError, match="a touchpoint needs a name"):
        add_touchpoint(journey, "  ")


def test_adding_a_touchpoint_value_checks_its_id_stage_and_routes() -> None:
    journey = call_centre()
    bot = Touchpoint("bot", "Chatbot", stage="contact", service_time=Exponential(1.0), next=(Transition("fix", 0.3),))
    assert add_touchpoint(journey, bot, after="call").touchpoint_ids == ("call", "bot", "chat", "diagnose", "fix")
    assert add_touchpoint(journey, bot).touchpoint_ids == ("call", "chat", "bot", "diagnose", "fix")
    with pytest.raises(EditError, match=r"^a touchpoint 'chat' already exists$"):
        add_touchpoint(journey, bot.replace(id="chat"))
    with pytest.raises(NotFound, match=r"^no stage 'contct' \(did you mean 'contact'\?\)$"):
        add_touchpoint(journey, bot.replace(stage="contct"))
    with pytest.raises(NotFound, match=r"^no touchpoint 'fx' \(did you mean 'fix'\?\)$"):
        add_touchpoint(journey, bot.replace(next=(Transition("fx", 0.3),)))
    with pytest.raises(TypeError, match=r"'touchpoint' must be a Touchpoint or a name \(got dict\)"):
        add_touchpoint(journey, {"id": "bot"})  # type: ignore[arg-type]


def test_remove_touchpoint_with_and_without_bypass() -> None:
    journey = call_centre()
    cut = remove_touchpoint(journey, "chat")
    assert "chat" not in cut.touchpoint_ids
    assert routes(cut, "call") == {"diagnose": 0.8}
    assert [a.touchpoint for a in cut.arrivals] == ["call"]
    bypassed = remove_touchpoint(journey, "chat", bypass=True)
    assert routes(bypassed, "call") == pytest.approx({"diagnose": 0.85})  # 0.8 + 0.1 × 0.5
    chat_arrivals = bypassed.arrivals[1]
    assert chat_arrivals.touchpoint == "diagnose"
    assert [p.rate for p in chat_arrivals.schedule] == pytest.approx([0.05, 0.15])
    assert journey.touchpoint_ids == ("call", "chat", "diagnose", "fix")  # the original is untouched
    with pytest.raises(TypeError, match=r"'bypass' must be True or False \(got 'yes'\)"):
        remove_touchpoint(journey, "chat", bypass="yes")  # type: ignore[arg-type]


def test_bypass_folds_a_self_loop_and_keeps_delays() -> None:
    journey = call_centre().update_touchpoint("chat", next=(Transition("chat", 0.5), Transition("diagnose", 0.25)))
    bypassed = remove_touchpoint(journey, "chat", bypass=True)
    # a customer at chat goes on to diagnose with 0.25 / (1 - 0.5) = 0.5
    assert routes(bypassed, "call") == pytest.approx({"diagnose": 0.85})
    diagnose = remove_touchpoint(call_centre(), "diagnose", bypass=True)
    assert diagnose.touchpoint("call").route("call").delay == Constant(5.0)  # diagnose → call kept its delay
    assert routes(diagnose, "call") == pytest.approx({"chat": 0.1, "fix": 0.8 * 0.7, "call": 0.8 * 0.2})


# -- routes --------------------------------------------------------------------------------------------------
def test_set_route_rebalancing_others_keeps_the_leaving_share() -> None:
    changed = set_route(call_centre(), "call", "chat", 0.3, rebalance="others")  # diagnose 0.8, chat 0.1
    assert routes(changed, "call") == pytest.approx({"diagnose": 0.6, "chat": 0.3})
    assert changed.touchpoint("call").leave_probability == pytest.approx(0.1)


def test_set_route_rebalancing_leave_keeps_the_other_routes() -> None:
    changed = set_route(call_centre(), "call", "chat", 0.05, rebalance="leave")
    assert routes(changed, "call") == {"diagnose": 0.8, "chat": 0.05}
    assert changed.touchpoint("call").leave_probability == pytest.approx(0.15)


def test_route_delay_is_kept_and_new_routes_are_added() -> None:
    journey = call_centre()
    assert set_route(journey, "diagnose", "call", 0.1, rebalance="leave").touchpoint("diagnose").route(
        "call").delay == Constant(5.0)
    assert routes(set_route(journey, "chat", "fix", 0.2, rebalance="leave"), "chat") == {"diagnose": 0.5, "fix": 0.2}


def test_remove_route() -> None:
    journey = call_centre()
    assert routes(remove_route(journey, "call", "chat", rebalance="leave"), "call") == {"diagnose": 0.8}
    assert routes(remove_route(journey, "call", "chat", rebalance="others"), "call") == pytest.approx({"diagnose": 0.9})
    with pytest.raises(NotFound, match=r"^touchpoint 'call' has no route to 'fix'$"):
        remove_route(journey, "call", "fix", rebalance="leave")


@pytest.mark.parametrize(("edit", "error", "message"), [
    (lambda j: set_route(j, "call", "chat", 1.4, rebalance="leave"), EditError,
     "'p' must be a probability between 0 and 1 (got 1.4)"),
    (lambda j: set_route(j, "call", "chat", "0.3", rebalance="leave"), TypeError,
     "'p' must be a finite number (got '0.3')"),
    (lambda j: set_route(j, "call", "chat", float("nan"), rebalance="leave"), EditError,
     "'p' must be a finite number (got nan)"),
    (lambda j: set_route(j, "call", "chat", 0.3, rebalance="leave"), EditError,
     "'p' 0.3 with the other routes of 'call' (0.8) sums to 1.1 > 1: lower it or use rebalance='others'"),
    (lambda j: set_route(j, "call", "chat", 0.95, rebalance="others"), EditError,
     "'p' 0.95 is more than the 0.9 routed onward from 'call' before, so the share leaving there cannot be kept: "
     "use rebalance='leave'"),
    (lambda j: set_route(j, "chat", "diagnose", 0.3, rebalance="others"), EditError,
     "touchpoint 'chat' has no other route to rescale: use rebalance='leave'"),
    (lambda j: set_route(j, "call", "chat", 0.2, rebalance="other"), EditError,
     "'rebalance' must be 'others' or 'leave' (got 'other') (did you mean 'others'?)"),
    (lambda j: set_route(j, "call", "chta", 0.2, rebalance="leave"), NotFound,
     "no touchpoint 'chta' (did you mean 'chat'?)"),
    (lambda j: remove_route(j, "chat", "diagnose", rebalance="others"), EditError,
     "touchpoint 'chat' has no other route to carry those customers: use rebalance='leave'"),
])
def test_impossible_route_edits_say_why(edit, error, message) -> None:
    with pytest.raises(error) as caught:
        edit(call_centre())
    assert str(caught.value) == message


@given(st.floats(0.0, 0.9), st.sampled_from(["diagnose", "chat"]))
def test_rebalance_others_keeps_leaving_and_total(p: float, target: str) -> None:
    changed = set_route(call_centre(), "call", target, p, rebalance="others")
    assert changed.touchpoint("call").leave_probability == pytest.approx(0.1, abs=1e-12)
    assert routes(changed, "call")[target] == p


@given(st.floats(0.0, 0.2))
def test_rebalance_leave_changes_only_the_leaving_share(p: float) -> None:
    changed = set_route(call_centre(), "call", "chat", p, rebalance="leave")
    assert routes(changed, "call") == {"diagnose": 0.8, "chat": p}
    assert changed.touchpoint("call").leave_probability == pytest.approx(0.2 - p, abs=1e-12)


# -- capacity and times --------------------------------------------------------------------------------------
def test_set_and_scale_capacity() -> None:
    journey = call_centre(capacity=2)
    assert set_capacity(journey, "call", 5).touchpoint("call").capacity == 5
    assert set_capacity(journey, "call", None).touchpoint("call").capacity is None
    assert scale_capacity(journey, "call", 1.6).touchpoint("call").capacity == 3  # round(3.2)
    assert scale_capacity(journey, "call", 0.1).touchpoint("call").capacity == 1  # never below one
    assert journey.touchpoint("call").capacity == 2  # the original is untouched


@pytest.mark.parametrize(("edit", "error", "message"), [
    (lambda j: set_capacity(j, "call", -2), EditError, "'capacity' must be a positive int (got -2)"),
    (lambda j: set_capacity(j, "call", 2.5), TypeError, "'capacity' must be a positive int or None (got 2.5)"),
    (lambda j: set_capacity(j, "call", True), TypeError, "'capacity' must be a positive int or None (got True)"),
    (lambda j: set_capacity(j, "cal", 3), NotFound, "no touchpoint 'cal' (did you mean 'call'?)"),
    (lambda j: scale_capacity(j, "fix", 2), EditError,
     "touchpoint 'fix' has unlimited capacity: set a capacity instead of scaling it"),
    (lambda j: scale_capacity(j, "call", 0), EditError, "'factor' must be a positive number (got 0)"),
    (lambda j: scale_time(j, "fix", "service_time", 0.5), EditError,
     "touchpoint 'fix' has no service time to scale: set one instead"),
    (lambda j: set_time(j, "call", "patience", "soon"), UnitError,
     "'patience': expected a time such as '6 min', '90 s' or '2 h', got 'soon'"),
    (lambda j: set_time(j, "call", "patience", -1), EditError, "'patience' must be a positive time (got -1)"),
    (lambda j: set_time(j, "call", "patiense", 3), EditError,
     "'field' must be 'service_time' or 'patience' (got 'patiense') (did you mean 'patience'?)"),
])
def test_impossible_capacity_and_time_edits_say_why(edit, error, message) -> None:
    with pytest.raises(error) as caught:
        edit(call_centre())
    assert str(caught.value) == message


def test_set_time_keeps_the_shape_and_reads_units() -> None:
    journey = call_centre().update_touchpoint("diagnose", service_time=Gamma(4.0, 2.0))
    assert set_time(journey, "diagnose", "service_time", "6 min").touchpoint("diagnose").service_time == Gamma(6.0, 3.0)
    assert scale_time(journey, "diagnose", "service_time", 0.5).touchpoint("diagnose").service_time == Gamma(2.0, 1.0)
    assert set_time(journey, "fix", "service_time", 2).touchpoint("fix").service_time == Exponential(2.0)
    assert set_time(journey, "call", "patience", "90 s").touchpoint("call").patience == Exponential(1.5)
    assert set_time(journey, "call", "patience", None).touchpoint("call").patience is None
    assert set_time(journey, "call", "patience", Constant(7.0)).touchpoint("call").patience == Constant(7.0)
    assert scale_time(journey, "call", "patience", 2).touchpoint("call").patience == Exponential(8.0)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("constant", Constant(6.0)),
        ("exponential", Exponential(6.0)),
        ("uniform", Uniform(3.0, 9.0)),
        ("triangular", Triangular(3.0, 6.0, 9.0)),
        ("lognormal", Lognormal(6.0, 6.0)),
        ("gamma", Gamma(6.0, 6.0)),
        ("empirical", Empirical((6.0,))),
    ],
)
def test_switching_kind_keeps_the_mean(kind: str, expected: object) -> None:
    switched = switch_kind(Exponential(6.0), kind)
    assert switched == expected
    assert switched.mean == pytest.approx(6.0)


def test_switching_kind_without_a_distribution_uses_the_default_mean() -> None:
    assert switch_kind(None, "exponential", default_mean=2.0) == Exponential(2.0)
    assert switch_kind(Gamma(2.0, 1.0), "gamma") == Gamma(2.0, 1.0)
    with pytest.raises(EditError, match=r"^'dist' must be one of: exponential, constant, .* \(got 'weibull'\)$"):
        switch_kind(None, "weibull")
    with pytest.raises(EditError, match=r"\(got 'gama'\) \(did you mean 'gamma'\?\)$"):
        switch_kind(None, "gama")


# -- arrivals ------------------------------------------------------------------------------------------------
def test_setting_and_removing_an_arrival_rate_at_a_touchpoint(journey: Journey) -> None:
    both = set_arrival_rate(journey, 0.25, "chat")
    assert [(a.touchpoint, a.rate) for a in both.arrivals] == [("call", 0.5), ("chat", 0.25)]
    changed = set_arrival_rate(both, "120/h", "call")
    assert {a.touchpoint: a.rate for a in changed.arrivals} == {"call": 2.0, "chat": 0.25}
    assert set_arrival_rate(both, None, "call").entry_points == ("chat",)
    with pytest.raises(NotFound, match="no touchpoint 'chta'"):
        set_arrival_rate(journey, 1.0, "chta")


def test_a_schedule_is_scaled_to_the_new_mean_rate(journey: Journey) -> None:
    day = 1440.0
    scheduled = journey.with_arrival(Arrival("call", schedule=[RatePeriod(day / 2, 1.0), RatePeriod(day, 3.0)]))
    doubled = set_arrival_rate(scheduled, 4.0, "call")  # mean 2 per minute → 4
    assert [p.rate for p in doubled.arrivals[0].schedule] == [2.0, 6.0]
    assert [p.until for p in doubled.arrivals[0].schedule] == [day / 2, day]


def test_the_total_arrival_rate_scales_every_arrival_and_schedule() -> None:
    journey = call_centre(rate=0.5)  # call 0.5/min; chat schedule 0.1 (12 h) and 0.3 (12 h): mean 0.2/min
    call, chat = set_arrival_rate(journey, "84/h").arrivals  # 1.4/min = 2 × the total of 0.7
    assert call.rate == pytest.approx(1.0)
    assert [p.rate for p in chat.schedule] == pytest.approx([0.2, 0.6])
    assert sum(mean_arrival_rate(set_arrival_rate(journey, 3.0)).values()) == pytest.approx(3.0)
    without = journey.replace(arrivals=())
    with pytest.raises(EditError, match=r"^the journey has no arrivals to scale: give the touchpoint"):
        set_arrival_rate(without, 1.0)
    with pytest.raises(TypeError, match="None stops the arrivals at one touchpoint only"):
        set_arrival_rate(journey, None)
    with pytest.raises(EditError, match=r"^'rate' must be a non-negative rate \(got -1\)$"):
        set_arrival_rate(journey, -1)
    with pytest.raises(UnitError, match=r"^'rate': expected a rate such as '30/h'"):
        set_arrival_rate(journey, "lots")


def test_arrival_rate_at_one_touchpoint_scales_only_there() -> None:
    journey = call_centre(rate=0.5)
    changed = set_arrival_rate(journey, 0.4, "chat")
    assert [p.rate for p in changed.arrivals[1].schedule] == pytest.approx([0.2, 0.6])
    assert changed.arrivals[0].rate == 0.5
    new_entry = set_arrival_rate(journey, 0.25, "diagnose")
    assert new_entry.arrivals[-1] == Arrival("diagnose", rate=0.25)


def test_scale_arrivals() -> None:
    journey = call_centre(rate=0.5)
    scaled = scale_arrivals(journey, 3, "call")
    assert scaled.arrivals[0].rate == 1.5 and scaled.arrivals[1] == journey.arrivals[1]
    everything = scale_arrivals(journey, 2)
    assert sum(mean_arrival_rate(everything).values()) == pytest.approx(1.4)
    with pytest.raises(NotFound, match=r"^no customers arrive at 'fix'$") as caught:
        scale_arrivals(journey, 2, "fix")
    assert caught.value.kind == "entry touchpoint" and caught.value.choices == ("call", "chat")


def _staffed() -> Journey:
    """A desk served by a team in four shifts (one closed at night) and a back office with a flat team."""
    return Journey(
        title="Staffed desk",
        stages=(Stage("help", "Help"),),
        touchpoints=(Touchpoint("desk", "Desk", "help", team="front", service_time=Exponential(4)),
                     Touchpoint("office", "Office", "help", team="back", service_time=Exponential(10))),
        arrivals=(Arrival("desk", rate=0.2),),
        teams=(Team("front", "Front desk", shifts=(Shift(0, 420, 0), Shift(420, 780, 3, days=("mon", "tue")),
                                                   Shift(420, 780, 2, days=("wed",)), Shift(780, 1440, 1))),
               Team("back", "Back office", capacity=2)),
    )


def test_a_team_capacity_is_set_for_all_times_or_for_the_shifts_that_start_at_a_time() -> None:
    journey = _staffed()
    assert set_team_capacity(journey, "back", 5).team("back").capacity == 5
    mornings = set_team_capacity(journey, "front", 4, shift="07:00").team("front").shifts
    assert [s.capacity for s in mornings] == [0, 4, 4, 1]  # both 07:00 shifts, whatever their days
    assert set_team_capacity(journey, "front", 2, shift=0).team("front").shifts[0].capacity == 2  # minutes
    assert journey.team("front").shifts[1].capacity == 3  # the original is untouched


def test_a_team_is_scaled_shift_by_shift_and_a_closed_shift_stays_closed() -> None:
    journey = _staffed()
    assert [s.capacity for s in scale_team_capacity(journey, "front", 2).team("front").shifts] == [0, 6, 4, 2]
    assert [s.capacity for s in scale_team_capacity(journey, "front", 0.1).team("front").shifts] == [0, 1, 1, 1]
    only = scale_team_capacity(journey, "front", 2, shift="13:00").team("front").shifts
    assert [s.capacity for s in only] == [0, 3, 2, 2]
    assert scale_team_capacity(journey, "back", 1.5).team("back").capacity == 3


def test_team_edits_say_what_is_wrong() -> None:
    journey = _staffed()
    with pytest.raises(NotFound, match=r"no team 'frnt' \(did you mean 'front'\?\)"):
        set_team_capacity(journey, "frnt", 3)
    with pytest.raises(EditError, match=r"team 'front' works in shifts: set the capacity of one shift "
                                        r"\(team\.front\.shifts\.<from>\.capacity\)"):
        set_team_capacity(journey, "front", 3)
    with pytest.raises(NotFound, match=r"no shift starting at 08:00 \(its shifts start at: 00:00, 07:00, 13:00\)"):
        set_team_capacity(journey, "front", 3, shift="08:00")
    with pytest.raises(EditError, match=r"'capacity' must be a positive int \(got 0\)"):
        set_team_capacity(journey, "back", 0)
    with pytest.raises(TypeError, match="whole number of servers"):
        set_team_capacity(journey, "front", 1.5, shift="07:00")  # type: ignore[arg-type]
    with pytest.raises(EditError, match="has no shifts"):
        scale_team_capacity(journey, "back", 2, shift="07:00")
    with pytest.raises(UnitError):
        set_team_capacity(journey, "front", 3, shift="seven")


# -- the editor's teams, shifts, costs and segments -------------------------------------------------


def _errors(journey: Journey) -> list[Issue]:
    return [issue for issue in validate(journey) if issue.is_error]


def test_a_team_is_added_with_a_fresh_id_and_removed_when_nobody_names_it() -> None:
    journey = _staffed()
    added = ops.add_team(journey, "Front desk", capacity=2)
    assert added.team("front_desk") == Team("front_desk", "Front desk", capacity=2)
    assert [t.id for t in ops.add_team(added, "Front desk").teams] == ["front", "back", "front_desk", "front_desk_2"]
    assert [t.id for t in ops.remove_team(added, "front_desk").teams] == ["front", "back"]
    assert [t.id for t in journey.teams] == ["front", "back"]  # the original is untouched
    with pytest.raises(EditError, match=r"^a team needs a name"):
        ops.add_team(journey, "  ")


def test_removing_a_team_that_serves_touchpoints_names_them_or_detaches_them() -> None:
    journey = _staffed()
    with pytest.raises(EditError, match=r"^team 'front' serves 'desk': give them another team first, or remove "
                                        r"it with detach=True$"):
        ops.remove_team(journey, "front")
    detached = ops.remove_team(journey, "front", detach=True)
    assert [t.id for t in detached.teams] == ["back"]
    assert detached.touchpoint("desk").team is None and detached.touchpoint("office").team == "back"
    with pytest.raises(NotFound, match=r"no team 'bak' \(did you mean 'back'\?\)"):
        ops.remove_team(journey, "bak")


def test_shifts_are_added_changed_and_removed_by_row() -> None:
    journey = _staffed()
    shifted = ops.add_shift(journey, "back")  # a flat team starts working shifts: 08:00-16:00, its 2 servers
    assert shifted.team("back").capacity is None
    assert shifted.team("back").shifts == (Shift(480, 960, 2),)
    assert ops.add_shift(shifted, "back").team("back").shifts[1] == Shift(960, 1440, 2)  # on from the last
    changed = ops.set_shift(shifted, "back", 0, start="09:00", until="17:30", capacity=4, days="mon, Tue")
    assert changed.team("back").shifts == (Shift(540, 1050, 4, days=("mon", "tue")),)
    assert ops.set_shift(changed, "back", 0, days=()).team("back").shifts[0].days == ()
    assert _errors(changed) == []
    two = ops.add_shift(changed, "back", "18:00", "22:00", 1)
    assert [s.start for s in ops.remove_shift(two, "back", 0).team("back").shifts] == [1080]
    flat = ops.use_team_capacity(two, "back", 3)
    assert (flat.team("back").capacity, flat.team("back").shifts) == (3, ())


def test_shift_edits_say_what_is_wrong() -> None:
    journey = _staffed()
    with pytest.raises(EditError, match=r"^'days': no day 'tues' \(did you mean 'tue'\?\)"):
        ops.set_shift(journey, "front", 0, days=["tues"])
    with pytest.raises(NotFound, match=r"^team 'front' has no shift number 5 \(it has 4\)$"):
        ops.set_shift(journey, "front", 4, capacity=1)
    with pytest.raises(UnitError, match=r"^'until': '25:00' is not a time of day"):
        ops.set_shift(journey, "front", 0, until="25:00")
    with pytest.raises(EditError, match=r"'capacity' must be 0 or more \(got -1\)"):
        ops.set_shift(journey, "front", 0, capacity=-1)
    with pytest.raises(EditError, match=r"last shift ends at midnight: say when the new shift starts"):
        ops.add_shift(journey, "front")
    alone = ops.add_shift(journey, "back")
    with pytest.raises(EditError, match=r"^shift 1 is team 'back''s only one: give the team a capacity"):
        ops.remove_shift(alone, "back", 0)
    overlapping = ops.add_shift(alone, "back", "12:00", "20:00")
    assert [i.path for i in _errors(overlapping)] == ["teams[1].shifts[1]"]  # validation's to judge


def test_a_touchpoint_joins_a_team_its_own_servers_cleared_and_costs_are_set() -> None:
    journey = _staffed().update_touchpoint("office", team=None, capacity=3)
    joined = ops.set_touchpoint_team(journey, "office", "front")
    assert (joined.touchpoint("office").team, joined.touchpoint("office").capacity) == ("front", None)
    assert joined.team_of(joined.touchpoint("office")) == journey.team("front")
    left = ops.set_touchpoint_team(journey, "desk", None)
    assert left.touchpoint("desk").team is None and left.team_of(left.touchpoint("desk")) is None
    with pytest.raises(NotFound, match=r"no team 'frnt' \(did you mean 'front'\?\)"):
        ops.set_touchpoint_team(journey, "office", "frnt")
    assert ops.set_cost_per_contact(journey, "desk", 4.5).touchpoint("desk").cost_per_contact == 4.5
    assert ops.set_cost_per_contact(journey, "desk", None).touchpoint("desk").cost_per_contact is None
    assert ops.set_team_cost(journey, "back", 22).team("back").cost_per_hour == 22
    with pytest.raises(EditError, match=r"^'cost_per_contact' must be 0 or more \(got -1\)$"):
        ops.set_cost_per_contact(journey, "desk", -1)
    with pytest.raises(TypeError, match=r"'cost_per_hour' must be a finite number \(got 'a lot'\)"):
        ops.set_team_cost(journey, "back", "a lot")  # type: ignore[arg-type]


def test_segments_are_added_changed_and_removed_keeping_the_shares_whole() -> None:
    journey = _staffed()
    first = ops.add_segment(journey, "Business")
    assert first.segments == (Segment("business", "Business", share=1.0),)
    two = ops.add_segment(first, "Consumers")
    assert [s.share for s in two.segments] == [1.0, 0.0]
    split = ops.set_segment(ops.set_segment(two, "business", share=0.3, priority=0), "consumers", share=0.7,
                              priority=1, patience_factor=1.5, name="Households")
    assert split.segments[1] == Segment("consumers", "Households", share=0.7, priority=1, patience_factor=1.5)
    assert _errors(split) == []
    uneven = ops.set_segment(split, "business", share=0.5)
    assert [i.message for i in _errors(uneven)] == [
        "the segments' shares sum to 1.2, not 1 (they split every arrival that names no segment)"]
    three = ops.add_segment(split, "Public sector", share=0.2)
    routed = three.update_touchpoint("desk", next_by_segment={"public_sector": (Transition("office", 1.0),)},
                                     satisfaction_by_segment={"public_sector": 4.0, "business": 3.0})
    removed = ops.remove_segment(routed, "public_sector")
    assert [(s.id, s.share) for s in removed.segments] == [("business", 0.36), ("consumers", 0.84)]
    assert removed.touchpoint("desk").next_by_segment == {}
    assert removed.touchpoint("desk").satisfaction_by_segment == {"business": 3.0}


def test_segment_edits_say_what_is_wrong() -> None:
    journey = ops.add_segment(_staffed(), "Business")
    with pytest.raises(NotFound, match=r"no segment 'busines' \(did you mean 'business'\?\)"):
        ops.set_segment(journey, "busines", share=0.5)
    with pytest.raises(EditError, match=r"^'share' must be between 0 and 1 \(got 1.5\)$"):
        ops.set_segment(journey, "business", share=1.5)
    with pytest.raises(TypeError, match=r"^'priority' must be an int, the smaller served first \(got 0.5\)$"):
        ops.set_segment(journey, "business", priority=0.5)  # type: ignore[arg-type]
    with pytest.raises(EditError, match=r"^'patience_factor' must be a positive number \(got 0\)$"):
        ops.set_segment(journey, "business", patience_factor=0)
    brought = journey.replace(arrivals=(Arrival("desk", rate=0.1, segment="business"),))
    with pytest.raises(EditError, match=r"^segment 'business' is what arrives at 'desk': change or remove"):
        ops.remove_segment(brought, "business")
