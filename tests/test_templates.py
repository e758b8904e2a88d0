"""The built-in templates: valid, bilingual with identical structure, and following the content rules.

Each template exists in English and Spanish with the same ids and numbers (only the words differ), loads
without a single error or warning, keeps every queue stable (offered load below 0.85) and carries what a
consultant needs: moments of truth with requirements, a goal, owners, satisfaction estimates, arrivals.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import networkx as nx
import pytest
import yaml

from journeymap.analysis import analyze, reach_probability
from journeymap.cli import main
from journeymap.io import check, json_schema, load
from journeymap.io.catalog import DEFAULT_TEMPLATE, template_names, template_path
from journeymap.model import LANES, Journey, closed_loops
from journeymap.model.units import convert

NAMES = (
    "attraction_loyalty",
    "clinic_appointment",
    "customer_lifecycle",
    "online_loan",
    "online_return_chat",
    "restaurant_review",
    "retail_store_help",
    "service_cycle",
    "software_support",
    "telecom_outage",
)
LANGUAGES = ("en", "es")
FILES = [(name, language) for name in NAMES for language in LANGUAGES]
# The words of a template: these may (and must) differ between languages; everything else is shared.
TEXT_FIELDS = frozenset({"title", "name", "description", "notes", "owner"})
SELF_SERVICE_CHANNELS = frozenset({"web", "app"})
QUEUE_CHANNELS = frozenset({"phone", "chat", "store"})


def _document(name: str, language: str) -> dict[str, Any]:
    return yaml.safe_load(template_path(name, language).read_text(encoding="utf-8"))


def _journey(name: str, language: str) -> Journey:
    return load(template_path(name, language))


def skeleton(value: Any) -> Any:
    """A document with its words blanked out: ids, numbers, flags, channels and lanes stay; texts become
    ``"<text>"`` and requirement lists their length; the ``language`` field is dropped."""
    if isinstance(value, dict):
        return {
            key: "<text>" if key in TEXT_FIELDS else len(item) if key == "requirements" else skeleton(item)
            for key, item in value.items()
            if key != "language"
        }
    if isinstance(value, list):
        return [skeleton(item) for item in value]
    return value


def test_the_catalogue_holds_exactly_the_ten_templates() -> None:
    assert template_names() == NAMES
    assert DEFAULT_TEMPLATE in NAMES


def test_skeleton_blanks_words_and_keeps_numbers() -> None:
    document = {"title": "A", "language": "en", "touchpoints": [
        {"id": "x", "name": "X", "owner": "Team", "requirements": ["a", "b"], "capacity": 2,
         "next": {"y": {"p": 0.5, "notes": "why"}}}]}
    assert skeleton(document) == {"title": "<text>", "touchpoints": [
        {"id": "x", "name": "<text>", "owner": "<text>", "requirements": 2, "capacity": 2,
         "next": {"y": {"p": 0.5, "notes": "<text>"}}}]}


@pytest.mark.parametrize("name", NAMES)
def test_both_languages_share_ids_and_numbers(name: str) -> None:
    english, spanish = _document(name, "en"), _document(name, "es")
    assert skeleton(spanish) == skeleton(english)
    assert (english["language"], spanish["language"]) == ("en", "es")


@pytest.mark.parametrize("name", NAMES)
def test_the_spanish_file_is_translated(name: str) -> None:
    english, spanish = _journey(name, "en"), _journey(name, "es")
    assert spanish.language == "es" and english.language == "en"
    assert spanish.title != english.title
    for ours, theirs in zip(english.stages + english.touchpoints, spanish.stages + spanish.touchpoints, strict=True):
        assert ours.name != theirs.name, f"{name}: '{ours.name}' is not translated"
    for ours, theirs in zip(english.moments_of_truth, spanish.moments_of_truth, strict=True):
        assert set(ours.requirements).isdisjoint(theirs.requirements)
    spanish_text = template_path(name, "es").read_text(encoding="utf-8")
    assert any(letter in spanish_text for letter in "áéíóúñ"), "Spanish text without a single accent"


@pytest.mark.parametrize(("name", "language"), FILES)
def test_loads_without_errors_or_warnings(name: str, language: str) -> None:
    report = check(template_path(name, language))
    assert report.issues == ()
    assert report.journey is not None and report.journey.language == language


@pytest.mark.parametrize(("name", "language"), FILES)
def test_matches_the_json_schema(name: str, language: str) -> None:
    jsonschema.validate(_document(name, language), json_schema())


@pytest.mark.parametrize("name", NAMES)
def test_shape_of_the_map(name: str) -> None:
    journey = _journey(name, "en")
    assert 3 <= len(journey.stages) <= 7
    assert 6 <= len(journey.touchpoints) <= 24
    assert {tp.lane for tp in journey.touchpoints} == set(LANES)
    assert len({tp.channel for tp in journey.touchpoints}) >= 5
    assert {tp.stage for tp in journey.touchpoints} == set(journey.stage_ids), "a stage without touchpoints"
    assert all(tp.owner for tp in journey.touchpoints)
    assert journey.description and journey.notes


@pytest.mark.parametrize(("name", "language"), FILES)
def test_notes_say_the_numbers_are_illustrative(name: str, language: str) -> None:
    notes = _journey(name, language).notes or ""
    assert ("illustrative" if language == "en" else "ilustrativ") in notes


@pytest.mark.parametrize("name", NAMES)
def test_moments_of_truth_goals_and_satisfaction(name: str) -> None:
    journey = _journey(name, "en")
    assert 2 <= len(journey.moments_of_truth) <= 6
    for tp in journey.moments_of_truth:
        assert 2 <= len(tp.requirements) <= 4, tp.id
    assert journey.goals
    for tp in journey.touchpoints:
        if tp.lane in ("customer", "frontstage"):
            assert tp.satisfaction is not None, f"{tp.id} faces the customer but has no satisfaction estimate"
        if tp.satisfaction is not None:
            assert 1 <= tp.satisfaction <= 5


@pytest.mark.parametrize("name", NAMES)
def test_queues_where_people_wait_and_none_for_self_service(name: str) -> None:
    journey = _journey(name, "en")
    assert journey.arrivals
    for tp in journey.touchpoints:
        servers = tp.capacity is not None or bool(tp.shifts) or journey.team_of(tp) is not None  # own or a team's
        if servers:
            assert tp.service_time is not None, f"{tp.id} has servers but no service time"
        if tp.patience is not None:
            assert servers, f"{tp.id} has patience but nobody queues there"
        if tp.channel in SELF_SERVICE_CHANNELS and tp.lane in ("customer", "support"):
            assert not servers, f"{tp.id} is self-service but has servers"
    waiting = [tp for tp in journey.touchpoints if tp.channel in QUEUE_CHANNELS and tp.patience is not None]
    assert waiting, "no phone, chat or counter queue where customers may give up"


@pytest.mark.parametrize("name", NAMES)
def test_routing_reaches_everything_and_always_has_a_way_out(name: str) -> None:
    journey = _journey(name, "en")
    for tp in journey.touchpoints:
        assert sum(t.p for t in tp.next) <= 1 + 1e-12, tp.id
    assert closed_loops(journey) == []
    unreachable = [tp_id for tp_id, p in reach_probability(journey).items() if p <= 0]
    assert unreachable == []
    assert any(tp.leave_probability > 0 for tp in journey.touchpoints)


@pytest.mark.parametrize("name", NAMES)
def test_offered_load_keeps_every_queue_stable(name: str) -> None:
    loads = analyze(_journey(name, "en")).touchpoints["offered_load"]
    assert loads.max() < 0.85, loads.idxmax()


def test_the_default_template_is_the_six_phase_service_cycle_with_a_loop_back() -> None:
    journey = _journey(DEFAULT_TEMPLATE, "en")
    assert journey.stage_ids == ("prospecting", "needs", "proposal", "implementation", "aftersales", "feedback")
    graph = journey.to_networkx()
    assert not nx.is_directed_acyclic_graph(graph), "a loyal customer should be able to buy again"
    loop_back = [(s, t) for s, t in graph.edges if journey.stage_ids.index(journey.touchpoint(t).stage)
                 < journey.stage_ids.index(journey.touchpoint(s).stage)]
    assert loop_back == [("feedback_review", "draft_proposal")]


def test_the_lifecycle_template_has_its_stages_and_a_repeat_purchase_weeks_later() -> None:
    journey = _journey("customer_lifecycle", "en")
    assert journey.stage_ids == ("discovery", "consideration", "conversion", "experience", "retention", "advocacy")
    week = convert(1, "week", journey.time_unit)
    repeats = [t for source, t in journey.transitions() if t.target == "checkout" and source != "product_page"
               and t.delay is not None and t.delay.mean >= week]
    assert len(repeats) >= 2


def test_attraction_loyalty_follows_its_five_stages() -> None:
    assert _journey("attraction_loyalty", "es").stage_ids == (
        "attraction", "conversion", "service", "loyalty", "retention")


def test_the_telecom_outage_is_the_twenty_touchpoint_benchmark() -> None:
    journey = _journey("telecom_outage", "en")
    assert len(journey.touchpoints) >= 20
    assert {"area_check", "technician_visit", "confirmation_sms", "survey"} <= set(journey.touchpoint_ids)
    assert {"web", "app", "chat", "phone", "sms", "social", "store"} <= {tp.channel for tp in journey.touchpoints}


def test_some_templates_follow_a_daily_schedule_with_closed_hours() -> None:
    scheduled = {name for name in NAMES for a in _journey(name, "en").arrivals if a.schedule}
    assert {"clinic_appointment", "retail_store_help", "telecom_outage"} <= scheduled
    clinic = _journey("clinic_appointment", "en").arrivals[1]
    assert clinic.schedule[0].rate == 0 and clinic.schedule[1].until == convert(12, "hour", "minute")


def test_the_validate_command_accepts_every_template(capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(template_path(name, language)) for name, language in FILES]
    assert main(["validate", *paths]) == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.out + captured.err and "aviso" not in captured.out + captured.err
    expected = [f"{path}: {'correcto' if language == 'es' else 'ok'}" for path, (_, language) in zip(paths, FILES,
                                                                                                   strict=True)]
    assert captured.out.splitlines() == expected  # each summary in its journey's language
