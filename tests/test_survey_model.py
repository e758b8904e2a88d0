"""Requirements with measurable standards and measured satisfaction: the model, files, schema and validation."""

from __future__ import annotations

import pickle
import textwrap

import jsonschema
import pytest
import yaml

import journeymap as jm
from journeymap.io import dumps, json_schema, loads, to_document
from journeymap.model import MeasuredSatisfaction, Requirement, Touchpoint

FILE = textwrap.dedent("""\
    journeymap: 1
    title: Help line
    time_unit: minute
    stages: [{id: s}]
    touchpoints:
      - id: call
        stage: s
        moment_of_truth: true
        capacity: 2
        service_time: 4 min
        requirements:
          - Knows my account
          - {text: Answered within 2 minutes, standard: {wait: 2 min}}
        satisfaction: 3.5
        measured_satisfaction: {mean: 3.8, n: 214, ci: [3.6, 4.0], date: '2025-03-14', source: answers.csv}
    arrivals:
      - {touchpoint: call, rate: 20/h}
    """)


def test_a_requirement_is_its_text_with_a_standard() -> None:
    plain, measured = Requirement("Fast"), Requirement("Fast", {"wait": 2})
    assert plain == "Fast" and measured != "Fast" and measured != plain
    assert measured.text == "Fast" and dict(measured.standard) == {"wait": 2}
    assert f"• {measured}" == "• Fast" and measured.upper() == "FAST"  # every str method returns plain text
    assert pickle.loads(pickle.dumps(measured)) == measured
    assert measured.with_standard(None) == plain and plain.with_text("Quick") == Requirement("Quick")
    with pytest.raises(AttributeError, match="cannot be changed"):
        measured.standard = {}  # type: ignore[misc]


def test_a_touchpoint_turns_plain_text_into_requirements() -> None:
    tp = Touchpoint("call", requirements=["Fast", Requirement("Kind", {"wait": 1})])
    assert all(isinstance(r, Requirement) for r in tp.requirements)
    assert tp.requirements == ("Fast", Requirement("Kind", {"wait": 1}))


def test_the_file_form_reads_and_writes_back() -> None:
    journey = loads(FILE)
    call = journey.touchpoint("call")
    assert call.requirements[1].standard == {"wait": 2.0}
    assert call.measured_satisfaction == MeasuredSatisfaction(3.8, 214, 3.6, 4.0, "2025-03-14", "answers.csv")
    assert call.satisfaction == 3.5 and call.shown_satisfaction == 3.8 and call.satisfaction_is_measured
    document = to_document(journey)["touchpoints"][0]
    assert document["requirements"] == ["Knows my account",
                                        {"text": "Answered within 2 minutes", "standard": {"wait": 2}}]
    assert document["measured_satisfaction"] == {"mean": 3.8, "n": 214, "ci": [3.6, 4], "date": "2025-03-14",
                                                 "source": "answers.csv"}
    assert loads(dumps(journey)) == journey
    assert loads(dumps(journey, "json")) == journey


def test_the_json_schema_takes_both_forms_of_requirement() -> None:
    jsonschema.validate(yaml.safe_load(FILE), json_schema())
    bad = yaml.safe_load(FILE)
    bad["touchpoints"][0]["requirements"][1]["standard"] = {"wiat": "2 min"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, json_schema())


@pytest.mark.parametrize(("line", "replacement", "message"), [
    ("standard: {wait: 2 min}", "standard: {wiat: 2 min}",
     "<string>:13: touchpoints[0].requirements[1].standard.wiat: unknown standard 'wiat' (did you mean 'wait'?) "
     "(a standard takes: wait)"),
    ("standard: {wait: 2 min}", "standard: {wait: soon}",
     "<string>:13: touchpoints[0].requirements[1].standard.wait: "),
    ("standard: {wait: 2 min}", "standard: 2 min",
     "<string>:13: touchpoints[0].requirements[1].standard: 'standard' must be a mapping such as {wait: 2 min} "
     "(got '2 min')"),
    ("{text: Answered within 2 minutes, ", "{txt: Answered within 2 minutes, ",
     "<string>:13: touchpoints[0].requirements[1].txt: unknown key 'txt' (did you mean 'text'?)"),
    ("mean: 3.8", "mean: 6", "<string>:15: touchpoints[0].measured_satisfaction.mean: 'mean' must be between 1 and 5 "
                             "(got 6)"),
    ("n: 214", "n: 2.5", "<string>:15: touchpoints[0].measured_satisfaction.n: 'n' must be a whole number of "
                         "answers, 1 or more (got 2.5)"),
    ("ci: [3.6, 4.0]", "ci: [4.0, 4.5]", "<string>:15: touchpoints[0].measured_satisfaction.ci: the interval 4–4.5 "
                                         "does not hold the mean 3.8"),
])
def test_bad_standards_and_measurements_are_reported_with_file_line_and_field(line: str, replacement: str,
                                                                               message: str) -> None:
    with pytest.raises(jm.JourneyError) as caught:
        loads(FILE.replace(line, replacement))
    assert any(str(issue).startswith(message) for issue in caught.value.issues), caught.value


def test_validation_judges_python_built_standards_too() -> None:
    journey = loads(FILE)
    broken = journey.update_touchpoint("call", requirements=(Requirement("Fast", {"wait": -1}),
                                                             Requirement("Kind", {"queue": 1})))
    messages = [str(issue) for issue in jm.validate(broken) if issue.is_error]
    assert "touchpoints[0].requirements[0].standard.wait: 'wait' must be a time of 0 or more (got -1)" in messages
    assert any(m.startswith("touchpoints[0].requirements[1].standard.queue: unknown standard 'queue'")
               for m in messages)


def test_editing_a_requirements_text_in_the_workbench_keeps_its_standard() -> None:
    from journeymap.widgets import Editor

    editor = Editor(loads(FILE))
    editor.select("call")
    form = editor.touchpoint_form
    rows = form.requirement_rows.children
    rows[1].children[0].value = "Answered within 90 seconds"
    edited = editor.journey.touchpoint("call").requirements[1]
    assert edited.text == "Answered within 90 seconds" and edited.standard == {"wait": 2.0}
