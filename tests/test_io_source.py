"""Reading sources: paths, text and documents; files refused with one line; how YAML scalars are read;
where lines come from (YAML, JSON, neither); the Report that ``check`` returns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.errors import Issue, JourneyError
from journeymap.io import MAX_BYTES, Report, check, from_document, load, loads
from journeymap.io.loading import line_of
from journeymap.model import Arrival, Constant, Journey, RatePeriod, Stage, Touchpoint

BASE = """\
title: Small
stages: [{id: s}]
touchpoints:
  - {id: a, stage: s, goal: true}
arrivals:
  - {touchpoint: a, rate: 2}
"""


def only_issue(source: object) -> str:
    report = check(source)  # type: ignore[arg-type]
    assert report.journey is None and len(report.issues) == 1
    return str(report.issues[0])


def test_missing_file_and_directory_are_one_line_each(tmp_path: Path) -> None:
    assert only_issue(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: no such file"
    assert only_issue(tmp_path) == f"{tmp_path}: is a directory, expected a YAML or JSON file"
    with pytest.raises(JourneyError, match="no such file"):
        load(tmp_path / "nope.yaml")


def test_a_50_mb_file_is_refused_naming_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: fast to make, 50 MB long
    assert only_issue(big) == f"{big}: file too large (50.0 MB; the limit is 10 MB)"
    assert MAX_BYTES == 10 * 1024 * 1024


def test_absurd_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("title: x\nmeta: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert only_issue(deep) == f"{deep}: nested too deeply (more than 100 levels)"
    shallow_but_long = "title: x\nmeta: " + "[" * 150 + "]" * 150 + "\n"
    with pytest.raises(JourneyError, match="nested too deeply"):
        loads(shallow_but_long)


def test_deep_json_is_refused(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text('{"title": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert only_issue(deep) == f"{deep}: nested too deeply"


def test_text_can_be_loaded_and_names_itself_in_messages() -> None:
    journey = loads(BASE)
    assert journey.touchpoint_ids == ("a",) and journey.arrivals[0].rate == 2
    assert loads(BASE.encode("utf-8")) == journey
    with pytest.raises(JourneyError) as caught:
        loads(BASE.replace("rate: 2", "rate: -2"), name="client.yaml")
    assert str(caught.value) == "client.yaml:6: arrivals[0].rate: 'rate' must be positive (got -2)"
    with pytest.raises(JourneyError) as caught:
        loads("")
    assert str(caught.value) == "<string>: the file is empty"


def test_check_takes_paths_text_and_journeys(tmp_path: Path) -> None:
    path = tmp_path / "j.yaml"
    path.write_text(BASE)
    from_path, from_text = check(path), check(BASE)
    assert from_path.ok and from_text.ok and from_path.journey == from_text.journey
    assert from_path.file == str(path) and from_text.file == "<string>"
    built = from_text.journey
    assert check(built) == Report(built, ())
    broken = built.update_touchpoint("a", capacity=0)
    issue = Issue("'capacity' must be a positive int (got 0)", "touchpoints[0].capacity")
    assert check(broken) == Report(None, (issue,))


def test_format_comes_from_the_extension_or_the_argument(tmp_path: Path) -> None:
    doc = {"title": "J", "stages": [{"id": "s"}], "touchpoints": [{"id": "a", "stage": "s", "goal": True}],
           "arrivals": [{"touchpoint": "a", "rate": "30/h"}]}
    as_txt = tmp_path / "journey.txt"
    as_txt.write_text(json.dumps(doc))
    assert load(as_txt, format="json") == load(as_txt)  # YAML reads this JSON too
    assert load(as_txt, format="json").arrivals[0].rate == 0.5
    with pytest.raises(JourneyError) as caught:
        load(as_txt, format="xml")
    assert str(caught.value) == f"{as_txt}: unknown format 'xml' (expected 'yaml' or 'json')"


def test_json_issues_have_lines_and_duplicate_keys_are_found(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    path.write_text('{\n  "title": "J",\n  "title": "K",\n  "touchpoints": [\n    {"id": "a", "capacity": 0}\n  ]\n}\n')
    assert [str(i) for i in check(path).errors] == [
        f"{path}:3: title: duplicate key 'title' (first given on line 2)",
        f"{path}:5: touchpoints[0].capacity: 'capacity' must be a positive int (got 0)",
    ]


def test_json_that_yaml_cannot_read_still_loads_without_lines(tmp_path: Path) -> None:
    path = tmp_path / "j.json"
    long_key = "k" * 1100  # YAML refuses implicit keys longer than 1024 characters
    path.write_text(json.dumps({"title": "J", "meta": {long_key: 1}, "capacty": 3}))
    report = check(path)
    assert [str(i) for i in report.errors] == [f"{path}: capacty: unknown key 'capacty'"]
    assert report.errors[0].line is None


def test_yaml_scalars_follow_the_core_schema() -> None:
    text = BASE.replace("rate: 2", "schedule: [{until: 17:30, rate: 1}, {until: 24:00, rate: 0}]") + (
        "meta: {answer: yes, code: 007, big: 1e3, on: off, under: 1_000, hex: 0x1F, none: ~}\n")
    journey = loads(text)
    assert journey.arrivals[0].schedule == (RatePeriod(1050.0, 1), RatePeriod(1440.0, 0))  # 17:30 is a time
    assert journey.meta == {"answer": "yes", "code": "007", "big": 1000.0, "on": "off", "under": 1000,
                            "hex": 31, "none": None}


def test_merge_keys_share_fields_between_touchpoints() -> None:
    text = """\
title: Merge
stages: [{id: s}]
touchpoints:
  - &desk {id: a, stage: s, capacity: 3, service_time: 5 min, goal: true}
  - {<<: *desk, id: b, capacity: 1}
arrivals: [{touchpoint: a, rate: 1}]
"""
    journey = loads(text)
    assert journey.touchpoint("b").capacity == 1 and journey.touchpoint("b").service_time == Constant(5)
    assert journey.touchpoint("b").goal and journey.touchpoint("a").capacity == 3


def test_times_and_rates_follow_the_journey_time_unit() -> None:
    text = BASE.replace("title: Small", "title: Small\ntime_unit: hour").replace(
        "{id: a, stage: s, goal: true}", "{id: a, stage: s, goal: true, service_time: 1 d, patience: 90 min}"
    ).replace("rate: 2", "rate: 48 per day")
    tp = loads(text).touchpoint("a")
    assert tp.service_time == Constant(24) and tp.patience == Constant(1.5)
    assert loads(text).arrivals[0].rate == 2


def test_from_document_is_pure_and_places_issues_with_given_lines() -> None:
    doc = {"title": "J", "stages": [{"id": "s"}], "touchpoints": [{"id": "a", "stage": "t"}]}
    with pytest.raises(JourneyError) as caught:
        from_document(doc, file="mine.yaml", lines={"touchpoints[0]": 7, "touchpoints[0].stage": 9})
    assert [str(i) for i in caught.value.issues] == [
        "mine.yaml:9: touchpoints[0].stage: unknown stage 't' (expected one of: s)",
        "mine.yaml: warning: touchpoints: no touchpoint is marked as a goal (goal: true) where the customer's "
        "need is met",
        "mine.yaml: warning: arrivals: no arrivals: customers never enter the cycle "
        "(add an arrival such as {touchpoint: ..., rate: 30/h})",
    ]
    assert doc == {"title": "J", "stages": [{"id": "s"}], "touchpoints": [{"id": "a", "stage": "t"}]}
    with pytest.raises(JourneyError, match="expected a mapping of journey fields, got list"):
        from_document([])  # type: ignore[arg-type]


def test_line_of_falls_back_to_the_enclosing_field() -> None:
    lines = {"touchpoints": 3, "touchpoints[1]": 8, "touchpoints[1].next": 12}
    assert line_of("touchpoints[1].next.x.delay.mean", lines) == 12
    assert line_of("touchpoints[1].stage", lines) == 8
    assert line_of("touchpoints[4]", lines) == 3
    assert line_of("arrivals[0].rate", lines) is None


def test_report_summaries_count_errors_and_warnings() -> None:
    journey = Journey("j", [Stage("s")], [Touchpoint("a", stage="s", goal=True)], [Arrival("a", rate=1)])
    warning = Issue("w", severity="warning")
    assert Report(journey, (), "f.yaml").summary() == "f.yaml: ok"
    assert Report(journey, (warning, warning), "f.yaml").summary() == "f.yaml: ok (2 warnings)"
    assert Report(None, (Issue("e"), warning), "f.yaml").summary() == "f.yaml: 1 error, 1 warning"
    assert Report(None, (Issue("e"), Issue("e2")), None).summary() == "journey: 2 errors"
    assert str(Report(None, (Issue("e", "title", file="f.yaml", line=2),), "f.yaml")) == (
        "f.yaml:2: title: e\nf.yaml: 1 error")
    with pytest.raises(JourneyError, match="e"):
        Report(None, (Issue("e"),)).journey_or_raise()
