"""The error corpus: one small bad file per rule in ``tests/data/errors/``, each with the exact lines
``check`` must report (``{f}`` stands for the file's path). Every file is the same small valid
journey with one change, so each table row shows one rule on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.errors import JourneyError
from journeymap.io import check, load

ERRORS = Path(__file__).parent / "data" / "errors"
DISTS = "exponential, constant, uniform, triangular, lognormal, gamma, empirical"

CORPUS: dict[str, list[str]] = {
    # -- files that cannot be read at all -----------------------------------------------------------
    "malformed.yaml": ["{f}:6: malformed YAML: did not find expected ',' or '}' "
                       "(while parsing a flow mapping started at line 5)"],
    "malformed.json": ["{f}:6: malformed JSON: Expecting value (column 3)"],
    "empty.yaml": ["{f}: the file is empty"],
    "comments_only.yaml": ["{f}: the file holds no data (only comments or blank lines)"],
    "binary.yaml": ["{f}: not a text file (it holds NUL bytes); expected YAML or JSON text"],
    "not_utf8.yaml": ["{f}:2: not UTF-8 text (byte 0xe9 at line 2); save the file as UTF-8"],
    "utf16.yaml": ["{f}: the file is UTF-16 text; save it as UTF-8"],
    "top_level_list.yaml": ["{f}:1: expected a mapping of journey fields (title, stages, touchpoints...) "
                            "at the top level, got a list"],
    "python_tag.yaml": ["{f}:2: refusing YAML tag '!!python/object/apply:os.system': "
                        "a journey file holds plain data only"],
    "billion_laughs.yaml": ["{f}:3: YAML aliases expand to more than 10000 values (a 'billion laughs' file?); "
                            "refusing to read it"],
    "recursive_alias.yaml": ["{f}:3: a YAML alias refers to the collection that contains it"],
    # -- structure and types ----------------------------------------------------------------------------
    "duplicate_key.yaml": ["{f}:10: touchpoints[0].capacity: duplicate key 'capacity' (first given on line 9)"],
    "unknown_key.yaml": ["{f}:9: touchpoints[0].capacty: unknown key 'capacty' (did you mean 'capacity'?)"],
    "wrong_type.yaml": ["{f}:9: touchpoints[0].capacity: 'capacity' must be a positive int (got 'four')"],
    "bad_time.yaml": ["{f}:10: touchpoints[0].service_time: expected a time such as '6 min', '90 s' or '2 h', "
                      "got 'soon'"],
    "bad_time_unit_in_time.yaml": ["{f}:10: touchpoints[0].service_time: unknown time unit 'parsecs' "
                                   "(expected one of: s, min, h, d, w)"],
    "bad_rate.yaml": ["{f}:17: arrivals[0].rate: expected a rate such as '30/h' or '120 per day', got 'lots'"],
    "unknown_dist.yaml": ["{f}:10: touchpoints[0].service_time.dist: unknown distribution 'exponental' "
                          f"(did you mean 'exponential'?); expected one of: {DISTS}"],
    "missing_dist.yaml": ["{f}:10: touchpoints[0].service_time: missing 'dist' " f"(one of: {DISTS})"],
    "missing_parameter.yaml": ["{f}:10: touchpoints[0].service_time.high: missing parameter 'high' "
                               "(a uniform distribution takes: low, high)"],
    "unknown_parameter.yaml": ["{f}:10: touchpoints[0].service_time.sd: unknown parameter 'sd' "
                               "(an exponential distribution takes: mean)"],
    "version.yaml": ["{f}:1: journeymap: unsupported format version 2 (this journeymap reads version 1)"],
    "missing_title.yaml": ["{f}: title: missing required key 'title'"],
    "missing_id.yaml": [
        "{f}:12: touchpoints[0].next.fix: route to unknown touchpoint 'fix' (expected one of: call)",
        "{f}:13: touchpoints[1].id: missing required key 'id'",
    ],
    "not_a_bool.yaml": ["{f}:15: touchpoints[1].goal: 'goal' must be true or false (got 'yes')"],
    "next_not_mapping.yaml": ["{f}:11: touchpoints[0].next: 'next' must be a mapping of touchpoint id to "
                              "probability, such as {diagnose: 0.8} (got a list)"],
    "route_not_number.yaml": ["{f}:12: touchpoints[0].next.fix: route probability must be a number between 0 and 1, "
                              "or {p: ..., delay: ...} (got 'often')"],
    "touchpoint_not_mapping.yaml": ["{f}:16: touchpoints[2]: expected a touchpoint (a mapping with an id), "
                                    "got 'just text'"],
    # -- meaning ----------------------------------------------------------------------------------------
    "duplicate_touchpoint.yaml": ["{f}:16: touchpoints[2].id: duplicate touchpoint id 'fix' "
                                  "(first used at touchpoints[1])"],
    "duplicate_stage.yaml": ["{f}:6: stages[2].id: duplicate stage id 'contact' (first used at stages[0])"],
    "dangling_stage.yaml": ["{f}:14: touchpoints[1].stage: unknown stage 'resolutoin' (did you mean 'resolution'?)"],
    "dangling_route.yaml": [
        "{f}:12: touchpoints[0].next.fxi: route to unknown touchpoint 'fxi' (did you mean 'fix'?)",
        "{f}:13: warning: touchpoints[1]: touchpoint 'fix' cannot be reached from any arrival",
    ],
    "dangling_arrival.yaml": ["{f}:17: arrivals[0].touchpoint: unknown touchpoint 'cal' (did you mean 'call'?)"],
    "probability_above_1.yaml": ["{f}:12: touchpoints[0].next.fix: probability 1.4 is above 1"],
    "probability_negative.yaml": ["{f}:12: touchpoints[0].next.fix: probability -0.2 is below 0"],
    "routes_sum.yaml": ["{f}:11: touchpoints[0].next: routing probabilities add up to 1.3, above 1"],
    "closed_loop.yaml": ["{f}:11: touchpoints[0].next: routing loop that customers can never leave: call → fix"],
    "capacity_negative.yaml": ["{f}:9: touchpoints[0].capacity: 'capacity' must be a positive int (got -2)"],
    "capacity_fraction.yaml": ["{f}:9: touchpoints[0].capacity: 'capacity' must be a positive int (got 2.5)"],
    "rate_zero.yaml": ["{f}:17: arrivals[0].rate: 'rate' must be positive (got 0)"],
    "rate_negative.yaml": ["{f}:17: arrivals[0].rate: 'rate' must be positive (got -5/h)"],
    "rate_and_schedule.yaml": ["{f}:17: arrivals[0]: give either 'rate' or 'schedule', not both"],
    "no_rate.yaml": ["{f}:17: arrivals[0].rate: missing 'rate' (customers per time unit, such as 30/h) "
                     "or a daily 'schedule'"],
    "negative_time.yaml": ["{f}:10: touchpoints[0].service_time: 'service_time' must be positive (got -5)"],
    "zero_mean.yaml": ["{f}:10: touchpoints[0].service_time.mean: 'mean' must be positive (got 0)"],
    "zero_patience.yaml": ["{f}:11: touchpoints[0].patience: 'patience' must be positive (got 0); leave 'patience' "
                           "out for customers who wait as long as it takes"],
    "uniform_order.yaml": ["{f}:10: touchpoints[0].service_time: low 8 is above high 2"],
    "triangular_order.yaml": ["{f}:10: touchpoints[0].service_time.mode: mode 9 is outside low 2 to high 8"],
    "sd_zero.yaml": ["{f}:10: touchpoints[0].service_time.sd: 'sd' must be positive (got 0)"],
    "empirical_empty.yaml": ["{f}:10: touchpoints[0].service_time.values: 'values' must not be empty"],
    "empirical_negative.yaml": ["{f}:10: touchpoints[0].service_time.values[1]: time must not be negative (got -1)"],
    "satisfaction.yaml": ["{f}:16: touchpoints[1].satisfaction: 'satisfaction' must be between 1 and 5 (got 7)"],
    "unknown_lane.yaml": ["{f}:16: touchpoints[1].lane: unknown lane 'frontstge' (did you mean 'frontstage'?)"],
    "unknown_language.yaml": ["{f}:3: language: unknown language 'fr' (expected one of: en, es)"],
    "unknown_time_unit.yaml": ["{f}:3: time_unit: unknown time unit 'minutes' (did you mean 'minute'?)"],
    "schedule_order.yaml": ["{f}:20: arrivals[0].schedule[1].until: 'until' must be later than the previous "
                            "period's 12:00 (got 09:00)"],
    "schedule_beyond_day.yaml": ["{f}:20: arrivals[0].schedule[1].until: 'until' must be at most 24:00 (got 30:00)"],
    # -- warnings alone ---------------------------------------------------------------------------------
    "unreachable.yaml": ["{f}:16: warning: touchpoints[2]: touchpoint 'lost' cannot be reached from any arrival"],
    "no_goal.yaml": ["{f}:6: warning: touchpoints: no touchpoint is marked as a goal (goal: true) "
                     "where the customer's need is met"],
    "no_arrivals.yaml": ["{f}: warning: arrivals: no arrivals: customers never enter the cycle "
                         "(add an arrival such as {touchpoint: ..., rate: 30/h})"],
    # -- every problem at once, in line order -----------------------------------------------------------
    "many_problems.yaml": [
        "{f}:9: touchpoints[0].capacty: unknown key 'capacty' (did you mean 'capacity'?)",
        "{f}:10: touchpoints[0].service_time: low 8 is above high 2",
        "{f}:12: touchpoints[0].next.fix: probability 1.4 is above 1",
        "{f}:14: touchpoints[1].stage: unknown stage 'contcat' (did you mean 'contact'?)",
        "{f}:15: touchpoints[1].lane: unknown lane 'frontstge' (did you mean 'frontstage'?)",
        "{f}:18: arrivals[0].rate: 'rate' must be positive (got 0)",
    ],
}


def test_every_corpus_file_has_a_row() -> None:
    assert sorted(p.name for p in ERRORS.iterdir()) == sorted(CORPUS)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_check_reports_exactly_these_issues(name: str) -> None:
    path = ERRORS / name
    report = check(path)
    assert [str(issue) for issue in report.issues] == [line.replace("{f}", str(path)) for line in CORPUS[name]]
    only_warnings = all(": warning: " in line for line in CORPUS[name])
    assert report.ok is only_warnings
    assert (report.journey is not None) is only_warnings


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_load_raises_with_the_same_issues_unless_only_warnings(name: str) -> None:
    path = ERRORS / name
    expected = [line.replace("{f}", str(path)) for line in CORPUS[name]]
    if all(": warning: " in line for line in expected):
        journey = load(path)
        assert journey.title == "Error corpus"
        return
    with pytest.raises(JourneyError) as caught:
        load(path)
    assert [str(issue) for issue in caught.value.issues] == expected
    assert all(issue.file == str(path) for issue in caught.value.issues)
