"""The Mermaid ``journey`` text: sections, tasks, scores, actors, and Mermaid's special characters."""

from __future__ import annotations

import pytest

from journeymap.model import Arrival, Journey, Stage, Touchpoint, Transition
from journeymap.render import NEUTRAL_SCORE, to_mermaid
from journeymap.render.mermaid import mermaid_text


def small(language: str = "en") -> Journey:
    return Journey(
        "Buying: a bike",
        (Stage("look", "Looking around"), Stage("buy", "Buying"), Stage("empty", "Nobody here")),
        (
            Touchpoint("pay", "Pays at the till", "buy", channel="store", owner="Shop floor", satisfaction=4.4),
            Touchpoint("web", "Browses the catalogue", "look", channel="web", owner="Digital, marketing",
                       next=(Transition("ask", 0.5), Transition("pay", 0.4)), satisfaction=2.5),
            Touchpoint("ask", "Asks for advice", "look", channel="kiosk", moment_of_truth=True,
                       next=(Transition("pay", 0.9),)),
        ),
        (Arrival("web", rate=1.0),),
        language=language,  # type: ignore[arg-type]
    )


def test_sections_are_stages_and_tasks_follow_the_meeting_order() -> None:
    assert to_mermaid(small()) == (
        "journey\n"
        "    title Buying#58; a bike\n"
        "    section Looking around\n"
        "      Browses the catalogue: 3: Web\n"
        "      ★ Asks for advice: 3: kiosk\n"
        "    section Buying\n"
        "      Pays at the till: 4: Store\n"
    )


def test_actors_can_be_owners_and_a_missing_actor_is_left_out() -> None:
    text = to_mermaid(small(), actor="owner")
    assert "      Browses the catalogue: 3: Digital#44; marketing\n" in text
    assert "      ★ Asks for advice: 3\n" in text
    assert "      Pays at the till: 4: Shop floor\n" in text
    with pytest.raises(ValueError, match=r"'actor' must be one of channel, owner \(got 'lane'\)"):
        to_mermaid(small(), actor="lane")


def test_scores_round_to_whole_faces_and_default_to_neutral() -> None:
    assert NEUTRAL_SCORE == 3
    assert ": 3: Web" in to_mermaid(small())  # 2.5: halves round up
    assert ": 4: Store" in to_mermaid(small())  # 4.4


def test_channel_names_follow_the_language() -> None:
    text = to_mermaid(small("es"))
    assert "Pays at the till: 4: Tienda" in text


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ("a: b; c, d # e", "a#58; b#59; c#44; d #35; e"),
        ("<b>&</b> 100%", "#60;b#62;#38;#60;/b#62; 100#37;"),
        ("Item #59; literally", "Item #35;59#59; literally"),
        ("two\nlines\tand  tabs", "two lines and tabs"),
        ("Ñandú 🚀 \\ \"quoted\" {x}", "Ñandú 🚀 \\ \"quoted\" {x}"),
    ],
)
def test_special_characters_become_entity_codes(text: str, coded: str) -> None:
    assert mermaid_text(text) == coded


@pytest.mark.parametrize(
    ("name", "coded"),
    [("Section review", "#83;ection review"), ("title deeds", "#116;itle deeds"), ("Journey end", "#74;ourney end"),
     ("accTitle x", "#97;ccTitle x"), ("Entitled", "Entitled")],
)
def test_a_task_starting_with_a_keyword_is_defused(name: str, coded: str) -> None:
    assert mermaid_text(name, task=True) == coded
