"""Scenarios and their changes: exact edits, clear errors naming the scenario and the change, YAML files."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from experiment_journeys import call_centre

import journeymap as jm
from journeymap.errors import EditError, JourneyError, NotFound, ScenarioError
from journeymap.experiment.parameters import parameter_change, parameter_value, parse_parameter
from journeymap.experiment.scenario import scenarios_from_data
from journeymap.model import Constant, Exponential, Gamma, Touchpoint, Transition, edits


def routes(journey, tp_id):
    return {t.target: t.p for t in journey.touchpoint(tp_id).next}


# -- changes are records of the model's edits ----------------------------------------------------------------
@pytest.mark.parametrize(("change", "edit"), [
    (jm.set_capacity("call", 5), lambda j: edits.set_capacity(j, "call", 5)),
    (jm.scale_capacity("call", 1.6), lambda j: edits.scale_capacity(j, "call", 1.6)),
    (jm.set_service_time("diagnose", "6 min"), lambda j: edits.set_time(j, "diagnose", "service_time", 6.0)),
    (jm.scale_service_time("diagnose", 0.5), lambda j: edits.scale_time(j, "diagnose", "service_time", 0.5)),
    (jm.set_patience("call", None), lambda j: edits.set_time(j, "call", "patience", None)),
    (jm.scale_patience("call", 2), lambda j: edits.scale_time(j, "call", "patience", 2)),
    (jm.set_arrival_rate("84/h"), lambda j: edits.set_arrival_rate(j, 1.4)),
    (jm.set_arrival_rate(0.25, "diagnose"), lambda j: edits.set_arrival_rate(j, 0.25, "diagnose")),
    (jm.scale_arrivals(3, "call"), lambda j: edits.scale_arrivals(j, 3, "call")),
    (jm.set_route("call", "chat", 0.3, rebalance="others"),
     lambda j: edits.set_route(j, "call", "chat", 0.3, rebalance="others")),
    (jm.add_route("chat", "fix", 0.2, rebalance="leave"), lambda j: edits.set_route(j, "chat", "fix", 0.2,
                                                                                     rebalance="leave")),
    (jm.remove_route("call", "chat", rebalance="others"),
     lambda j: edits.remove_route(j, "call", "chat", rebalance="others")),
    (jm.remove_touchpoint("chat", bypass=True), lambda j: edits.remove_touchpoint(j, "chat", bypass=True)),
    (jm.add_touchpoint(Touchpoint("bot", stage="contact"), after="call"),
     lambda j: edits.add_touchpoint(j, Touchpoint("bot", stage="contact"), after="call")),
])
def test_applying_a_change_makes_the_model_edit(change, edit):
    journey = call_centre().update_touchpoint("diagnose", service_time=Gamma(4.0, 2.0))
    changed = change.apply(journey)
    assert changed == edit(journey) and changed != journey
    assert journey == call_centre().update_touchpoint("diagnose", service_time=Gamma(4.0, 2.0))  # untouched


def test_changes_print_as_the_call_that_makes_them():
    assert str(jm.set_capacity("call", 5)) == "set_capacity('call', 5)"
    assert str(jm.set_arrival_rate("30/h")) == "set_arrival_rate('30/h')"
    assert str(jm.set_patience("call", "5 min")) == "set_patience('call', '5 min')"
    assert str(jm.remove_touchpoint("chat", bypass=True)) == "remove_touchpoint('chat', bypass=True)"
    assert str(jm.set_route("call", "chat", 0.3, rebalance="others")) == "set_route('call', 'chat', 0.3, " \
                                                                          "rebalance='others')"
    assert jm.set_route("call", "chat", 0.3, rebalance="others").touchpoints == ("call",)
    assert jm.set_arrival_rate(2.0).touchpoints == ()


def test_add_touchpoint():
    journey = call_centre()
    bot = Touchpoint("bot", "Chatbot", stage="contact", service_time=Exponential(1.0), next=(Transition("fix", 0.3),))
    changed = jm.Scenario("Bot", [jm.add_touchpoint(bot, after="call"),
                                  jm.set_route("call", "bot", 0.05, rebalance="leave")]).apply(journey)
    assert changed.touchpoint_ids == ("call", "bot", "chat", "diagnose", "fix")
    assert routes(changed, "call") == {"diagnose": 0.8, "chat": 0.1, "bot": 0.05}


# -- errors --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("change", "message"), [
    (jm.set_capacity("cal", 5), "set_capacity('cal', 5): no touchpoint 'cal' (did you mean 'call'?)"),
    (jm.set_capacity("call", -2), "set_capacity('call', -2): 'capacity' must be a positive int (got -2)"),
    (jm.set_route("call", "chat", 1.4, rebalance="leave"),
     "'p' must be a probability between 0 and 1 (got 1.4)"),
    (jm.set_route("call", "chat", 0.3, rebalance="leave"),
     "'p' 0.3 with the other routes of 'call' (0.8) sums to 1.1 > 1: lower it or use rebalance='others'"),
    (jm.set_route("call", "chat", 0.95, rebalance="others"),
     "'p' 0.95 is more than the 0.9 routed onward from 'call' before, so the share leaving there cannot be kept: "
     "use rebalance='leave'"),
    (jm.set_route("call", "chat", 0.2, rebalance="other"),  # type: ignore[arg-type]
     "'rebalance' must be 'others' or 'leave' (got 'other') (did you mean 'others'?)"),
    (jm.scale_service_time("fix", 0.5), "touchpoint 'fix' has no service time to scale: set one instead"),
    (jm.set_patience("call", "soon"), "'patience': expected a time such as '6 min', '90 s' or '2 h', got 'soon'"),
    (jm.remove_route("chat", "diagnose", rebalance="others"),
     "touchpoint 'chat' has no other route to carry those customers: use rebalance='leave'"),
    (jm.scale_arrivals(2, "fix"), "no customers arrive at 'fix'"),
    (jm.set_capacity("call", "five"), "set_capacity('call', 'five'): 'capacity' must be a positive int or None "
                                      "(got 'five')"),
    (jm.add_touchpoint(Touchpoint("call")), "add_touchpoint('call'): a touchpoint 'call' already exists"),
])
def test_impossible_changes_name_the_scenario_and_the_change(change, message):
    with pytest.raises(ScenarioError) as caught:
        jm.Scenario("More agents", [change]).apply(call_centre())
    text = str(caught.value)
    assert text.startswith("changes[0]: scenario 'More agents': ")
    assert text.endswith(message)
    assert isinstance(caught.value, JourneyError)


def test_a_scenario_that_breaks_the_journey_is_refused():
    journey = call_centre()
    with pytest.raises(ScenarioError, match="scenario 'Unknown stage' makes the journey invalid"):
        jm.Scenario("Unknown stage", [jm.add_touchpoint(Touchpoint("x", stage="contact", satisfaction=9))]).apply(
            journey)


def test_scenario_names():
    with pytest.raises(ScenarioError, match="a scenario needs a non-empty 'name'"):
        jm.Scenario("", [])
    with pytest.raises(TypeError, match="change 1 must be a change"):
        jm.Scenario("x", ["set call.capacity 5"])  # type: ignore[list-item]
    assert str(jm.Scenario("More", [jm.set_capacity("call", 5)])) == "More: set_capacity('call', 5)"


# -- parameters ----------------------------------------------------------------------------------------------
def test_parameter_names_and_values():
    journey = call_centre(capacity=2, rate=0.5)
    names = jm.parameter_names(journey)
    assert {"call.capacity", "call.service_time", "call.patience", "call.next.diagnose", "diagnose.next.call",
            "arrival.rate", "arrival.call.rate", "arrival.chat.rate"} <= set(names)
    assert parameter_value(journey, "call.capacity") == 2
    assert parameter_value(journey, "call.service_time") == 3.0
    assert parameter_value(journey, "arrival.rate") == pytest.approx(0.7)
    assert parameter_value(journey, "call.next.fix") == 0.0
    assert parse_parameter("arrival.call.rate").touchpoint == "call"
    assert parse_parameter("a.b.next.c.d").target == "c.d"


def test_unknown_parameter_suggests_the_closest():
    with pytest.raises(NotFound, match=r"unknown parameter 'cal\.capacity' \(did you mean 'call\.capacity'\?\)"):
        parse_parameter("cal.capacity", call_centre())
    with pytest.raises(NotFound, match=r"unknown parameter 'call\.capcity'") as caught:
        parse_parameter("call.capcity", call_centre())
    assert caught.value.kind == "parameter" and caught.value.suggestion == "call.capacity"
    with pytest.raises(EditError, match="sets a routing probability: say how"):
        parameter_change("call.next.chat", 0.2)


# -- files ---------------------------------------------------------------------------------------------------
SCENARIOS = """\
scenarios:
  - name: More agents
    description: Hire two
    changes:
      - {set: call.capacity, to: 4}
      - {scale: diagnose.service_time, by: 0.5}
  - name: Reroute
    changes:
      - {set: call.next.chat, to: 0.3, rebalance: others}
      - {remove_route: diagnose.next.call, rebalance: leave}
      - {remove_touchpoint: chat, bypass: true}
      - add_touchpoint: {id: bot, stage: contact, service_time: 30 s, next: {fix: 0.5}}
        after: call
      - {set: arrival.rate, to: 60/h}
"""


def write(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_scenarios_file(tmp_path):
    more, reroute = jm.load_scenarios(write(tmp_path, SCENARIOS))
    assert more.name == "More agents" and more.description == "Hire two"
    journey = call_centre()
    changed = more.apply(journey)
    assert changed.touchpoint("call").capacity == 4
    assert changed.touchpoint("diagnose").service_time == Exponential(2.0)
    other = reroute.apply(journey)
    assert "chat" not in other.touchpoint_ids
    assert routes(other, "call") == pytest.approx({"diagnose": 0.6 + 0.3 * 0.5})
    assert other.touchpoint("bot").service_time == Constant(0.5)
    assert other.touchpoint_ids[1] == "bot"
    assert math.isclose(parameter_value(other, "arrival.rate"), 1.0)
    assert reroute.touchpoints == ("call", "diagnose", "chat", "bot")


@pytest.mark.parametrize(("text", "expected"), [
    ("scenarios:\n  - name: A\n    changes:\n      - {set: call.capcity, to: 4}\n",
     "s.yaml:4: scenarios[0].changes[0].set: unknown parameter 'call.capcity' (did you mean 'call.capacity'?): "
     "expected"),
    ("scenarios:\n  - name: A\n    changes:\n      - {sett: call.capacity, to: 4}\n",
     "s.yaml:4: scenarios[0].changes[0]: a change needs exactly one of: set, scale, remove_route, "
     "remove_touchpoint, add_touchpoint (found 'sett' (did you mean 'set'?))"),
    ("scenarios:\n  - name: A\n    changes:\n      - set: call.next.chat\n        to: 0.3\n",
     "s.yaml:4: scenarios[0].changes[0].set: 'call.next.chat' sets a routing probability"),
    ("scenarios:\n  - name: A\n    changes:\n      - {set: call.capacity, too: 3}\n",
     "s.yaml:4: scenarios[0].changes[0].too: unknown key 'too' for 'set' (did you mean 'to'?)"),
    ("scenarios:\n  - name: A\n    chnges: []\n", "s.yaml:3: scenarios[0].chnges: unknown field 'chnges' (did you mean "
     "'changes'?)"),
    ("title: x\nscenario:\n  - name: A\n", "s.yaml:2: scenario: unknown field 'scenario' (did you mean 'scenarios'?)"),
    ("title: x\n", "s.yaml: no 'scenarios:' list in the file"),
    ("scenarios: [\n", "s.yaml:2: malformed YAML"),
])
def test_file_errors_say_where(tmp_path, text, expected):
    with pytest.raises(ScenarioError) as caught:
        jm.load_scenarios(write(tmp_path, text))
    assert str(caught.value).startswith(str(tmp_path / expected.split(":", 1)[0]) + ":" + expected.split(":", 1)[1])


def test_impossible_change_in_a_file_points_at_its_line(tmp_path):
    text = "scenarios:\n  - name: Too much\n    changes:\n      - {set: call.capacity, to: 3}\n" \
           "      - {set: call.next.chat, to: 0.95, rebalance: others}\n"
    (scenario,) = jm.load_scenarios(write(tmp_path, text))
    with pytest.raises(ScenarioError) as caught:
        scenario.apply(call_centre())
    issue = caught.value.issues[0]
    assert (issue.line, issue.path) == (5, "scenarios[0].changes[1]")
    assert "scenario 'Too much': set_route('call', 'chat', 0.95, rebalance='others')" in issue.message


def test_duplicate_and_reserved_names(tmp_path):
    twice = "scenarios:\n  - name: A\n    changes: []\n  - name: A\n    changes: []\n"
    with pytest.raises(ScenarioError, match=r"s\.yaml:4: scenarios\[1\]: two scenarios are named 'A'"):
        jm.load_scenarios(write(tmp_path, twice))
    with pytest.raises(ScenarioError, match="'base' names the unchanged journey"):
        scenarios_from_data({"scenarios": [{"name": "base", "changes": []}]})


def test_every_sample_scenarios_file_applies_to_its_template():
    from journeymap.io.catalog import template, template_names

    for name in template_names():
        for language in ("en", "es"):
            journey = template(name, language)
            scenarios = jm.sample_scenarios(name, language)
            assert len(scenarios) >= 3
            for scenario in scenarios:
                assert scenario.apply(journey) != journey
    with pytest.raises(NotFound, match="no sample scenarios for template 'telecom' in 'en' \\(did you mean"):
        jm.sample_scenarios("telecom")


# -- a team's servers, at all times or by shift ---------------------------------------------------------------
TEAM_SCENARIOS = """\
scenarios:
  - name: Third receptionist in the morning
    changes:
      - {set: team.receptionists.shifts.07:00.capacity, to: 3}
  - name: Half as many again
    changes:
      - {scale: team.receptionists.capacity, by: 1.5}
"""


def test_a_team_is_staffed_by_shift_from_a_file_and_said_in_both_languages(tmp_path):
    from journeymap.io.catalog import template

    morning, more = jm.load_scenarios(write(tmp_path, TEAM_SCENARIOS))
    assert morning.changes == (jm.set_team_capacity("receptionists", 3, shift="07:00"),)
    assert repr(morning.changes[0]) == "set_team_capacity('receptionists', 3, shift='07:00')"
    clinic = template("clinic_appointment")
    before = [s.capacity for s in clinic.team("receptionists").shifts]
    assert [s.capacity for s in morning.apply(clinic).team("receptionists").shifts] == [
        3 if s.start == 420 else s.capacity for s in clinic.team("receptionists").shifts]
    assert [s.capacity for s in more.apply(clinic).team("receptionists").shifts] == [
        max(1, round(c * 1.5)) for c in before]
    assert morning.changes[0].describe(clinic) == "Servers of the team “Receptionists” in the shift from 07:00: 2 → 3"
    spanish = template("clinic_appointment", "es")
    assert morning.changes[0].describe(spanish) == (
        f"Personas del equipo «{spanish.team('receptionists').label}» en el turno de las 07:00: 2 → 3")
    for shift in (420, 420.0, "7 h"):  # the same shift given as a number (in the journey's unit) or a duration
        change = jm.set_team_capacity("receptionists", 3, shift=shift)
        assert change.describe(clinic) == "Servers of the team “Receptionists” in the shift from 07:00: 2 → 3"
        assert change.describe() == "Servers of the team “receptionists” in the shift from 07:00: … → 3"
    mean = parameter_value(clinic, "team.receptionists.capacity")
    assert more.changes[0].describe(clinic).startswith(
        "Servers of the team “Receptionists”, on average over the week: ")
    assert mean == pytest.approx(sum(s.capacity * (s.until - s.start) for s in clinic.team("receptionists").shifts)
                                 / 1440)
    names = jm.parameter_names(clinic)
    assert {"team.receptionists.capacity", "team.receptionists.shifts.07:00.capacity"} <= set(names)


def test_a_misspelt_team_or_shift_points_at_its_line(tmp_path):
    from journeymap.io.catalog import template

    clinic = template("clinic_appointment")
    with pytest.raises(NotFound, match=r"unknown parameter 'team\.recepcionists\.capacity' \(did you mean "
                                       r"'team\.receptionists\.capacity'\?\): no team 'recepcionists'"):
        parameter_change("team.recepcionists.capacity", 3, journey=clinic)
    text = "scenarios:\n  - name: Eight o'clock\n    changes:\n" \
           "      - {set: team.receptionists.shifts.08:00.capacity, to: 3}\n"
    (scenario,) = jm.load_scenarios(write(tmp_path, text))
    with pytest.raises(ScenarioError) as caught:
        scenario.apply(clinic)
    issue = caught.value.issues[0]
    assert (issue.line, issue.path) == (4, "scenarios[0].changes[0]")
    assert "team 'receptionists' has no shift starting at 08:00 (its shifts start at: 00:00, 07:00, 13:00, " \
           "20:00)" in issue.message


def test_one_more_server_in_a_team_gives_the_erlang_c_wait_of_the_larger_team():
    """Two touchpoints share a team of 2 (merged M/M/2, load 0.8); the scenario's team of 3 waits as M/M/3."""
    from journeymap.analysis.queueing import erlang_c
    from journeymap.model import Arrival, Journey, Stage, Team

    shared = Journey("shared", stages=(Stage("s"),), touchpoints=(
        Touchpoint("phone", stage="s", team="agents", service_time=Exponential(5.0)),
        Touchpoint("chat", stage="s", team="agents", service_time=Exponential(5.0))),
        arrivals=(Arrival("phone", rate=0.2), Arrival("chat", rate=0.12)), teams=(Team("agents", capacity=2),))
    comparison = jm.compare(shared, [jm.Scenario("Three agents", [jm.set_team_capacity("agents", 3)])],
                            customers=20_000, replications=10, seed=3, warmup="auto")
    wait = comparison.results["Three agents"].touchpoints_ci.loc[("phone", "mean_wait")]
    exact = erlang_c(0.32, 5.0, 3).mean_wait
    assert wait["ci_low"] <= exact <= wait["ci_high"], (exact, wait.to_dict())
    base = comparison.results["base"].touchpoints_ci.loc[("phone", "mean_wait")]
    assert base["ci_low"] <= erlang_c(0.32, 5.0, 2).mean_wait <= base["ci_high"]
