"""No traceback from any input (issue 12): every number finite and within the range the computations take,
messages that name the file, line and field, never echo a whole bad value, and warnings for the absurd."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml
from experiment_journeys import call_centre

import journeymap as jm
from journeymap.errors import UnitError
from journeymap.io import check
from journeymap.io.catalog import catalog, template_path
from journeymap.model import Constant, Exponential, Gamma, Lognormal, Touchpoint, Transition, Triangular
from journeymap.model.units import format_duration, format_rate, parse_duration, parse_rate
from journeymap.model.validation import _clock

TEMPLATE = template_path("service_cycle", "en")


def variant(tmp_path: Path, old: str, new: str, name: str = "bad.yaml") -> Path:
    """The service_cycle template with its first ``old`` replaced by ``new``."""
    text = TEMPLATE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(k for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def errors(path: Path) -> list[str]:
    report = check(path)
    assert report.journey is None
    return [str(issue) for issue in report.errors]


# -- overflow while building the message -------------------------------------------------------------------
def test_formatting_a_huge_time_or_rate_never_overflows() -> None:
    with pytest.raises(OverflowError):
        round(float("inf"))  # what format_duration and _clock used to call
    assert format_duration(-1e308, "hour") == -1e308
    assert format_duration(1e308, "minute") == 1e308
    assert format_rate(1e308, "second") == 1e308
    assert _clock(1e308, "minute") == "1e+308"
    assert _clock(-1e308, "hour") == "-1e+308"


def test_a_negative_huge_service_time_is_named_not_a_crash(tmp_path: Path) -> None:
    path = variant(tmp_path, "service_time: 3 min", "service_time: -1e308")
    assert errors(path) == [f"{path}:{line_of(path, '-1e308')}: touchpoints[2].service_time: 'service_time' must be "
                            "positive (got -1e+308)"]


def test_a_schedule_until_1e308_is_named_not_a_crash(tmp_path: Path) -> None:
    path = variant(tmp_path, "arrivals:\n", "arrivals:\n  - {touchpoint: discover, schedule: [{until: 1e308, "
                                             "rate: 1/h}]}\n")
    found = errors(path)
    assert f"{path}:{line_of(path, 'until: 1e308')}: arrivals[0].schedule[0].until: 'until' must be at most 24:00 " \
           "(got 1e+308)" in found


def test_saving_a_journey_with_a_huge_time_never_crashes(tmp_path: Path) -> None:
    journey = call_centre().update_touchpoint("fix", service_time=Constant(1e308))
    path = jm.save(journey, tmp_path / "huge.yaml")
    assert "service_time: 1.0e+308" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    ("service_time: 3 min", "service_time: 1e308", "touchpoints[2].service_time",
     "'service_time' is too large (got 1e+308; a time can be at most about 31,700 years)"),
    ("service_time: 3 min", "service_time: {dist: gamma, mean: 1e156, sd: 1e156}", "touchpoints[2].service_time.sd",
     "'sd' is too large (got 1e+156; a time can be at most about 31,700 years)"),
    ("service_time: 3 min", "service_time: {dist: lognormal, mean: 1e156, sd: 2}", "touchpoints[2].service_time.mean",
     "'mean' is too large (got 1e+156; a time can be at most about 31,700 years)"),
    ("service_time: 3 min", "service_time: {dist: triangular, low: 0, mode: 0, high: 1e308}",
     "touchpoints[2].service_time.high", "'high' is too large (got 1e+308; a time can be at most about 31,700 years)"),
    ("service_time: 3 min", "service_time: 1e400", "touchpoints[2].service_time", "inf is too large"),
    ("service_time: 3 min", "service_time: '1e308 w'", "touchpoints[2].service_time", "'1e308 w' is too large"),
    ("service_time: 3 min", "service_time: {dist: gamma, mean: 1, sd: 1e-200}", "touchpoints[2].service_time.sd",
     "'sd' is too small for the mean (a gamma distribution cannot be drawn from mean 1 and sd 1e-200)"),
    ("service_time: 3 min", "service_time: {dist: lognormal, mean: 1e-200, sd: 1}", "touchpoints[2].service_time.sd",
     "'sd' is too large for the mean (a lognormal distribution cannot be drawn from mean 1e-200 and sd 1)"),
    ("    satisfaction: 3\n", f"    satisfaction: {10 ** 400}\n", "touchpoints[0].satisfaction",
     "1000000000000000000000000000000000000000000000000000000000000000000000000000000… is too large"),
    ("    rate: 36/d\n", "    rate: 1e300/s\n", "arrivals[0].rate",
     "'rate' is too large (got 1e+300 per second; at most 1,000,000,000)"),
])
def test_numbers_beyond_what_the_computations_take_are_errors(tmp_path: Path, old: str, new: str, field: str,
                                                              message: str) -> None:
    path = variant(tmp_path, old, new)
    found = errors(path)
    assert any(f": {field}: {message}" in line for line in found), found
    assert all(line.startswith(f"{path}:") for line in found)


def test_a_capacity_beyond_a_million_and_a_huge_integer_capacity(tmp_path: Path) -> None:
    big = variant(tmp_path, "    capacity: 2\n", "    capacity: 5000000\n")
    assert any("capacity: 'capacity' is too large (got 5000000; at most 1,000,000: leave 'capacity' out for "
               "unlimited capacity)" in line for line in errors(big))
    journey = call_centre().update_touchpoint("call", capacity=10**400)
    issues = [str(i) for i in jm.validate(journey) if i.is_error]
    assert issues == ["touchpoints[0].capacity: 'capacity' is too large (got a number of 400 digits; at most "
                      "1,000,000: leave 'capacity' out for unlimited capacity)"]


def test_the_simulation_never_sees_an_overflowing_distribution() -> None:
    for dist in (Gamma(1e156, 1e156), Lognormal(1e156, 1.0), Triangular(0, 0, 1e308), Exponential(1e300)):
        journey = call_centre().update_touchpoint("diagnose", service_time=dist)
        with pytest.raises(jm.JourneyError, match="too large"):
            jm.simulate(journey, customers=10, replications=1)


# -- the file format's own limits ---------------------------------------------------------------------------
def test_a_json_integer_of_more_than_4300_digits(tmp_path: Path) -> None:
    document = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    text = json.dumps(document, indent=2).replace('"satisfaction": 3,', '"satisfaction": ' + "9" * 5000 + ",", 1)
    path = tmp_path / "big.json"
    path.write_text(text)
    with pytest.raises(ValueError, match="Exceeds the limit"):
        json.loads(text)  # the json module's own message names neither file nor line
    [message] = errors(path)
    line = line_of(path, "9999999")
    assert message == f"{path}:{line}: a number of more than 4,300 digits ('{'9' * 79}…')"


def test_a_yaml_integer_of_more_than_4300_digits(tmp_path: Path) -> None:
    path = variant(tmp_path, "    satisfaction: 3\n", "    satisfaction: " + "7" * 5000 + "\n")
    [message] = errors(path)
    assert message == (f"{path}:{line_of(path, '7777')}: cannot read '{'7' * 79}…' as !!int (a number of more than "
                       "4,300 digits)")


def test_a_control_character_gives_its_line(tmp_path: Path) -> None:
    path = variant(tmp_path, "name: Calls the sales line", "name: Calls the \x1b sales line")
    assert errors(path) == [f"{path}:{line_of(path, chr(27))}: malformed YAML: the control character U+001B "
                            "('\\x1b') is not allowed in YAML text; delete it"]


def test_long_bad_values_are_cut_with_an_ellipsis(tmp_path: Path) -> None:
    long = "x" * 18_000
    lane = variant(tmp_path, "    lane: customer\n", f"    lane: {long}\n", "lane.yaml")
    document = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    document["touchpoints"][0][long] = 1
    document["touchpoints"][1]["service_time"] = f"{long} min"
    document["touchpoints"][1]["next"] = {long: 0.5}
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(document))
    for path in (lane, keys):
        found = errors(path)
        assert found and all(len(line) < 600 for line in found), [len(line) for line in found]  # not 18 KB
        assert all("x" * 100 not in line for line in found)
        assert any("xxx…" in line for line in found)


def test_a_time_too_large_says_so() -> None:
    with pytest.raises(UnitError, match=r"^'1e308 h' is too large$"):
        parse_duration("1e308 h", "minute")
    with pytest.raises(UnitError, match=r"^'1e308/s' is too large$"):
        parse_rate("1e308/s", "week")
    with pytest.raises(UnitError, match=r"^inf is too large$"):
        parse_duration(math.inf, "minute")


# -- absurd but computable: warnings, not errors ----------------------------------------------------------------
def warnings_of(path: Path) -> list[str]:
    report = check(path)
    assert report.ok, report
    return [str(issue) for issue in report.warnings]


def test_a_service_time_of_centuries_is_a_warning(tmp_path: Path) -> None:
    path = variant(tmp_path, "service_time: 3 min", "service_time: 30 w")
    assert not any("averages" in line for line in warnings_of(path))  # seven months: long, not absurd
    path = variant(tmp_path, "service_time: 3 min", "service_time: 20000 w")
    assert (f"{path}:{line_of(path, '20000 w')}: warning: touchpoints[2].service_time: 'service_time' averages about "
            "383 years, more than 1 for a service journey: is the time unit right (time_unit: hour)?"
            ) in warnings_of(path)


def test_a_loop_left_with_a_probability_near_zero_is_a_warning() -> None:
    journey = call_centre()
    journey = journey.update_touchpoint("diagnose", next=(Transition("fix", 1e-10), Transition("call", 1 - 1e-10)))
    journey = journey.update_touchpoint("call", patience=None, next=(Transition("diagnose", 1.0),))
    found = [str(i) for i in jm.validate(journey) if not i.is_error]
    assert ("touchpoints[0].next: warning: customers make about 20,000,000,000 visits in the loop call → diagnose "
            "before leaving it: is a route out missing or its probability near zero?") in [
        f"{i.path}: warning: {i.message}" for i in jm.validate(journey) if not i.is_error], found
    assert all(i.severity == "warning" for i in jm.validate(journey) if "visits in the loop" in i.message)


def test_more_than_a_million_arrivals_an_hour_is_a_warning(tmp_path: Path) -> None:
    path = variant(tmp_path, "    rate: 36/d\n", "    rate: 2000000/h\n")
    assert any("arrivals[0].rate: 'rate' is 2,000,000 arrivals per hour, more than 1,000,000 for a service "
               "journey: is the unit right?" in line for line in warnings_of(path))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", [info.name for info in catalog()])
def test_no_template_is_absurd(name: str, language: str) -> None:
    report = check(template_path(name, language))
    assert report.ok
    assert not [i for i in report.warnings if "averages" in i.message or "visits in the loop" in i.message
                or "arrivals per hour" in i.message]


def test_a_long_loop_is_named_by_its_first_touchpoints() -> None:
    tps = [Touchpoint(f"t{k}", stage="s", next=(Transition(f"t{(k + 1) % 40}", 1.0),)) for k in range(40)]
    journey = jm.Journey("ring", stages=(jm.Stage("s"),), touchpoints=tuple(tps))
    [issue] = [i for i in jm.validate(journey) if i.is_error]
    assert issue.message == "routing loop that customers can never leave: t0 → t1 → t2 → t3 → t4 → t5 → … (40 " \
                            "touchpoints)"
