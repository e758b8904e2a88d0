"""The workbench's pure helpers: undo history, the outline's grouping, typed values and inline messages.

The edits the workbench makes are the model's (``journeymap.model.edits``), tested in test_edits.py."""

from __future__ import annotations

import pytest
from experiment_journeys import outage_outline

from journeymap.errors import Issue, UnitError
from journeymap.model import (
    Empirical,
    Exponential,
    Journey,
    Touchpoint,
    Triangular,
)
from journeymap.widgets.history import History
from journeymap.widgets.messages import issues_for_touchpoint, issues_html, under
from journeymap.widgets.outline import grouped
from journeymap.widgets.parsing import (
    distribution_texts,
    duration_text,
    format_capacity,
    format_rate_text,
    parse_capacity,
    parse_distribution,
    parse_optional_rate,
)


@pytest.fixture
def journey() -> Journey:
    return outage_outline()


# -- history ----------------------------------------------------------------------------------------
def test_history_undoes_and_redoes_in_order(journey: Journey) -> None:
    history = History(journey)
    second = history.push(journey.update_touchpoint("call", capacity=2), "capacity of call")
    third = history.push(second.update_touchpoint("call", capacity=3), "capacity again")
    assert history.undo_label == "capacity again"
    assert history.undo() is second
    assert history.undo() is journey
    assert not history.can_undo and history.undo_label is None
    assert history.redo() is second and history.redo_label == "capacity again"
    assert history.redo() is third
    with pytest.raises(IndexError, match="nothing to redo"):
        history.redo()


def test_a_new_edit_after_undo_drops_the_undone_future(journey: Journey) -> None:
    history = History(journey)
    history.push(journey.update_touchpoint("call", capacity=2), "a")
    history.undo()
    branch = history.push(journey.update_touchpoint("call", capacity=9), "b")
    assert not history.can_redo and history.current is branch and len(history) == 2


def test_history_forgets_the_oldest_steps_beyond_its_limit(journey: Journey) -> None:
    history = History(journey, limit=3)
    for capacity in range(1, 6):
        history.push(journey.update_touchpoint("call", capacity=capacity), f"c{capacity}")
    assert len(history) == 3
    history.undo()
    history.undo()
    assert not history.can_undo and history.current.touchpoint("call").capacity == 3
    with pytest.raises(ValueError, match=r"'limit' must be a positive int \(got 0\)"):
        History(journey, limit=0)


# -- the outline -------------------------------------------------------------------------------------
def test_grouped_follows_stage_order_and_collects_orphans(journey: Journey) -> None:
    orphan = journey.with_touchpoint(Touchpoint("lost", "Lost", "nowhere"))
    groups = [(s.id if s else None, [tp.id for tp in tps]) for s, tps in grouped(orphan)]
    assert groups == [
        ("contact", ["call", "chat"]),
        ("resolution", ["diagnose", "visit"]),
        ("loyalty", []),
        (None, ["lost"]),
    ]


# -- typed values ------------------------------------------------------------------------------------
def test_capacity_boxes() -> None:
    assert parse_capacity(" 4 ") == 4
    assert parse_capacity("") is None and parse_capacity("unlimited") is None
    assert parse_capacity("-2") == -2  # judging the sign is validation's job, with the field's path
    with pytest.raises(UnitError, match=r"'capacity' must be a whole number of servers \(got 2.5\)"):
        parse_capacity("2.5")
    with pytest.raises(UnitError, match="or empty for unlimited"):
        parse_capacity("four")
    assert format_capacity(None) == "" and format_capacity(3) == "3"


def test_rate_boxes_use_the_file_format_units() -> None:
    assert parse_optional_rate("30/h", "minute") == pytest.approx(0.5)
    assert parse_optional_rate("2", "minute") == 2.0
    assert parse_optional_rate("  ", "minute") is None
    with pytest.raises(UnitError, match="'arrivals': expected a rate such as '30/h'"):
        parse_optional_rate("fast", "minute", field="arrivals")
    assert format_rate_text(0.5, "minute") == "30/h"
    assert format_rate_text(None, "minute") == ""


def test_distribution_boxes_round_trip() -> None:
    tri = parse_distribution("triangular", {"low": "90 s", "mode": "2", "high": "0.1 h"}, "minute")
    assert tri == Triangular(1.5, 2.0, 6.0)
    assert distribution_texts(tri, "minute") == {"low": "1.5", "mode": "2", "high": "6"}
    assert distribution_texts(Exponential(1440.0), "minute") == {"mean": "1 d"}
    emp = parse_distribution("empirical", {"values": "4 min, 6, 90 s"}, "minute")
    assert emp == Empirical((4.0, 6.0, 1.5))
    assert distribution_texts(emp, "minute") == {"values": "4, 6, 1.5"}


def test_short_times_are_shown_in_a_smaller_unit_when_round_there() -> None:
    assert duration_text(8 / 60, "hour") == "8 min"
    assert duration_text(0.05, "hour") == "3 min"
    assert duration_text(1 / 3, "minute") == "20 s"
    assert duration_text(1.5, "minute") == "1.5"  # a bare number already reads well
    assert duration_text(1440.0, "minute") == "1 d"
    assert duration_text(0.123456, "hour") == "0.123456"  # not round in any unit: kept exact
    assert distribution_texts(Exponential(8 / 60), "hour") == {"mean": "8 min"}
    assert parse_distribution("exponential", {"mean": "8 min"}, "hour") == Exponential(8 / 60)


def test_distribution_box_errors_name_the_parameter() -> None:
    with pytest.raises(UnitError, match=r"'service time\.sd' is needed for a gamma distribution"):
        parse_distribution("gamma", {"mean": "6"}, "minute", field="service time")
    with pytest.raises(UnitError, match=r"'patience\.mean': expected a time such as '6 min'"):
        parse_distribution("exponential", {"mean": "soon"}, "minute", field="patience")


# -- inline messages ---------------------------------------------------------------------------------
def test_issues_are_sorted_to_their_touchpoint_and_field(journey: Journey) -> None:
    issues = [
        Issue("sum above 1", "touchpoints[2].next"),
        Issue("no touchpoint 'x'", "touchpoints[2].next[0].target"),
        Issue("'capacity' must be a positive int (got -2)", "touchpoints[2].capacity"),
        Issue("unreachable", "touchpoints[2]", "warning"),
        Issue("about call", "touchpoints[0].name"),
        Issue("rate must be positive", "arrivals[0].rate"),
        Issue("about another", "touchpoints[20].capacity"),
    ]
    chat = issues_for_touchpoint(journey, "chat", issues)
    assert {k: [i.message for i in v] for k, v in chat.items()} == {
        "next": ["sum above 1", "no touchpoint 'x'"],
        "capacity": ["'capacity' must be a positive int (got -2)"],
        "": ["unreachable"],
    }
    call = issues_for_touchpoint(journey, "call", issues)
    assert {k: [i.message for i in v] for k, v in call.items()} == {
        "name": ["about call"],
        "arrival": ["rate must be positive"],
    }
    assert issues_for_touchpoint(journey, "nope", issues) == {}


def test_path_prefixes_do_not_match_longer_indexes() -> None:
    assert under("touchpoints[2].next", "touchpoints[2]")
    assert not under("touchpoints[20].next", "touchpoints[2]")
    assert under("touchpoints[2]", "touchpoints[2]")


def test_issue_html_puts_errors_first_and_escapes() -> None:
    text = issues_html([Issue("<b>careful</b>", "x", "warning"), Issue("broken", "y")])
    assert text.index("broken") < text.index("careful")
    assert "&lt;b&gt;careful&lt;/b&gt;" in text and "jm-error" in text and "jm-warning" in text
