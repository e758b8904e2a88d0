"""The workbench never lets an exception escape a callback (issue 12): a number too large for any
service journey is refused beside its box, a file holding one loads and shows, and an edit that cannot
even be shown is taken back with the reason, so undo and redo keep working."""

from __future__ import annotations

from pathlib import Path

import pytest

import journeymap.widgets.editor as editor_module
from journeymap.io.catalog import template, template_text
from journeymap.model import Exponential, Journey
from journeymap.widgets import Editor
from journeymap.widgets.parsing import LARGEST, duration_text, format_rate_text, parse_capacity, parse_distribution


@pytest.fixture
def editor() -> Editor:
    opened = Editor(template("telecom_outage", "en"))
    opened.select("phone_agent")
    return opened


@pytest.mark.parametrize("typed", ["1e308", "-1e308", "1e308 h", "inf", "nan", "1e12", "1e300 d"])
def test_a_huge_time_is_refused_beside_the_field(editor: Editor, typed: str) -> None:
    before = editor.journey
    field = editor.times_form.service_time
    field.control.parameters["mean"].value = typed
    assert editor.journey is before  # nothing applied
    assert field.issues_text.startswith("'service time.mean'")
    assert ("too large" if typed not in ("inf", "nan") else "expected a time") in field.issues_text
    assert field.control.parameters["mean"].value == typed  # the typed text stays for the user to fix
    assert editor.undo() is False  # nothing was recorded, and undo does not raise


@pytest.mark.parametrize(("box", "typed"), [("capacity", "1e308"), ("arrival", "1e308/h"), ("arrival", "1e30/s")])
def test_huge_capacities_and_rates_are_refused_beside_the_field(editor: Editor, box: str, typed: str) -> None:
    before = editor.journey
    field = getattr(editor.times_form, box)
    field.control.value = typed
    assert editor.journey is before
    assert "is too large for a service journey" in field.issues_text


def test_the_largest_accepted_number_is_a_billion_in_the_boxes() -> None:
    assert parse_distribution("exponential", {"mean": "1e9"}, "minute") == Exponential(1e9)
    assert LARGEST == 1e9
    with pytest.raises(ValueError, match=r"'time.mean' is too large for a service journey: at most 1,000,000,000"):
        parse_distribution("exponential", {"mean": "1000000001"}, "minute")
    with pytest.raises(ValueError, match="too large"):
        parse_capacity("1e10")


def test_showing_a_huge_value_never_fails() -> None:
    assert duration_text(1e308, "minute") == "1e+308"
    assert duration_text(-1e308, "minute") == "-1e+308"
    assert format_rate_text(1e308, "minute") == "1e+308"


def test_a_file_with_a_huge_time_is_refused_with_its_line_and_nothing_is_lost(editor: Editor, tmp_path: Path) -> None:
    text = template_text("telecom_outage", "en")
    written = "service_time: {dist: exponential, mean: 8}"
    assert text.count(written) == 1  # the phone agent's
    path = tmp_path / "huge.yaml"
    path.write_text(text.replace(written, "service_time: {dist: exponential, mean: 1e308}"), encoding="utf-8")
    before = editor.journey
    assert editor.load(path) is False
    assert editor.journey is before
    assert "huge.yaml was not loaded" in editor.messages
    assert "service_time.mean: 'mean' is too large (got 1e+308" in editor.messages


def test_an_overflow_while_validating_is_a_refusal_not_a_crash(editor: Editor, monkeypatch: pytest.MonkeyPatch) -> None:
    def overflowing(journey: Journey) -> list:
        raise OverflowError("cannot convert float infinity to integer")

    before = editor.journey
    monkeypatch.setattr(editor_module, "validate", overflowing)
    editor.times_form.capacity.control.value = "7"
    assert editor.journey is before
    assert "a number is too large to compute with" in editor.times_form.capacity.issues_text
    assert editor.undo() is False


def test_an_edit_that_cannot_be_shown_is_taken_back(editor: Editor, monkeypatch: pytest.MonkeyPatch) -> None:
    before = editor.journey
    shown = editor.times_form.load

    def failing(journey: Journey, *args: object, **kwargs: object) -> None:
        if journey is not before:
            raise OverflowError("cannot convert float infinity to integer")
        shown(journey, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(editor.times_form, "load", failing)
    editor.times_form.capacity.control.value = "7"
    assert editor.journey is before
    assert "cannot convert float infinity to integer" in editor.times_form.capacity.issues_text
    assert "not applied" in editor.messages
    assert editor.undo() is False and editor.redo() is False  # the taken-back edit is not in the history
