"""The JSON Schema: a valid draft 2020-12 schema that accepts the example, every template and every
generated journey, refuses what is plainly wrong, and names exactly the keys the loader reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from strategies import journeys

from journeymap.io import json_schema, to_document
from journeymap.io.parse import ARRIVAL_KEYS, JOURNEY_KEYS, PERIOD_KEYS, ROUTE_KEYS, STAGE_KEYS, TOUCHPOINT_KEYS
from journeymap.io.source import read_path
from journeymap.model import Journey
from journeymap.model.distributions import TIME_PARAMETERS

EXAMPLE = Path(__file__).parent / "data" / "outage.yaml"
TEMPLATES = sorted((Path(__file__).parent.parent / "journeymap" / "templates").glob("*.yaml"))
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def errors(doc: Any) -> list[str]:
    return sorted(error.json_path for error in VALIDATOR.iter_errors(doc))


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())
    assert json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_names_exactly_the_keys_the_loader_reads() -> None:
    schema = json_schema()
    defs = schema["$defs"]
    assert set(schema["properties"]) == set(JOURNEY_KEYS)
    assert set(defs["stage"]["properties"]) == set(STAGE_KEYS)
    assert set(defs["touchpoint"]["properties"]) == set(TOUCHPOINT_KEYS)
    assert set(defs["route"]["anyOf"][1]["properties"]) == set(ROUTE_KEYS)
    assert set(defs["arrival"]["properties"]) == set(ARRIVAL_KEYS)
    assert set(defs["period"]["properties"]) == set(PERIOD_KEYS)
    kinds = {d["properties"]["dist"]["const"]: set(d["required"]) for d in defs["distribution"]["anyOf"][1:]}
    assert kinds == {kind: {"dist", *names} for kind, names in TIME_PARAMETERS.items()}


def test_the_rich_example_is_valid() -> None:
    assert errors(read_path(EXAMPLE).data) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_template_is_valid(path: Path) -> None:
    assert errors(read_path(path).data) == []


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d["touchpoints"][1].update(capacity="four"), "$.touchpoints[1].capacity"),
    (lambda d: d["touchpoints"][1].update(capacty=4), "$.touchpoints[1]"),
    (lambda d: d["touchpoints"][1]["next"].update(diagnose=1.4), "$.touchpoints[1].next.diagnose"),
    (lambda d: d["touchpoints"][1].update(lane="frontstge"), "$.touchpoints[1].lane"),
    (lambda d: d["touchpoints"][1].update(service_time={"dist": "expo", "mean": 6}), "$.touchpoints[1].service_time"),
    (lambda d: d["touchpoints"][1].update(service_time="soon"), "$.touchpoints[1].service_time"),
    (lambda d: d["arrivals"][1].update(rate="lots"), "$.arrivals[1].rate"),
    (lambda d: d.update(journeymap=2), "$.journeymap"),
    (lambda d: d.pop("title"), "$"),
])
def test_plainly_wrong_documents_are_refused(change: Any, where: str) -> None:
    doc = read_path(EXAMPLE).data
    change(doc)
    assert where in errors(doc)


@settings(max_examples=50, deadline=None)
@given(journeys())
def test_generated_journeys_are_valid_documents(journey: Journey) -> None:
    assert errors(to_document(journey)) == []
