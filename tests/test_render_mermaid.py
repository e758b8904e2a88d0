"""Mermaid: the ``journey`` (sections, customer-facing tasks, scores as measured, actors, short labels), the
routing ``flowchart``, and Mermaid's special characters."""

from __future__ import annotations

import pytest

from journeymap.io.catalog import template
from journeymap.model import Arrival, Journey, Stage, Touchpoint, Transition
from journeymap.render import NEUTRAL_SCORE, to_flowchart, to_mermaid
from journeymap.render.mermaid import mermaid_text, shorten


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


def test_sections_are_stages_and_tasks_follow_the_numbering() -> None:
    assert to_mermaid(small()) == (
        "journey\n"
        "    title Buying#58; a bike\n"
        "    section Looking around\n"
        "      Browses the catalogue: 2.5: Web\n"
        "      ★ Asks for advice (no score): 3: kiosk\n"
        "    section Buying\n"
        "      Pays at the till: 4.4: Store\n"
    )


def test_actors_can_be_owners_and_a_missing_actor_is_left_out() -> None:
    text = to_mermaid(small(), actor="owner")
    assert "      Browses the catalogue: 2.5: Digital#44; marketing\n" in text
    assert "      ★ Asks for advice (no score): 3\n" in text
    assert "      Pays at the till: 4.4: Shop floor\n" in text
    with pytest.raises(ValueError, match=r"'actor' must be one of channel, owner \(got 'lane'\)"):
        to_mermaid(small(), actor="lane")


def test_scores_keep_their_spread_and_a_missing_score_says_so() -> None:
    assert NEUTRAL_SCORE == 3
    scores = [1.0, 1.5, 2.25, 3.0, 4.75, 5.0, 7.0, 0.2]
    measured = [Touchpoint(f"t{k}", f"Step {k}", "s", lane="customer", satisfaction=v) for k, v in enumerate(scores)]
    journey = Journey("Scores", (Stage("s", "S"),), (*measured, Touchpoint("none", "Unmeasured", "s", lane="customer")))
    found = [line.split(": ")[1] for line in to_mermaid(journey).splitlines() if line.startswith("      ")]
    assert found == ["1", "1.5", "2.2", "3", "4.8", "5", "5", "1", "3"]  # as measured, clipped to 1–5
    assert "      Unmeasured (no score): 3\n" in to_mermaid(journey)
    assert "      Unmeasured (sin puntuación): 3\n" in to_mermaid(journey.replace(language="es"))


def test_channel_names_follow_the_language() -> None:
    text = to_mermaid(small("es"))
    assert "Pays at the till: 4.4: Tienda" in text


def test_only_customer_facing_steps_are_tasks_unless_every_step_is_asked() -> None:
    journey = template("telecom_outage", "en")
    facing = [tp for tp in journey.touchpoints if tp.lane in ("customer", "frontstage")]
    tasks = [line for line in to_mermaid(journey).splitlines() if line.startswith("      ")]
    assert len(tasks) == len(facing) < len(journey.touchpoints)
    assert not any("Remote test of the customer" in task for task in tasks)  # support lane
    everything = [line for line in to_mermaid(journey, every_step=True).splitlines() if line.startswith("      ")]
    assert len(everything) == len(journey.touchpoints)


def test_long_names_are_shortened_at_a_word() -> None:
    assert shorten("Network centre checks whether neighbours are affected too", 40) == (
        "Network centre checks whether…"
    )
    assert shorten("Short name", 40) == "Short name"
    assert shorten("x" * 60, 10) == "xxxxxxxxx…"
    assert all(len(line) < 80 for line in to_mermaid(template("telecom_outage", "es"), every_step=True).splitlines())


def test_the_routing_graph_is_a_flowchart_with_stages_numbers_and_shares() -> None:
    text = to_flowchart(small())
    assert text == (
        "---\n"
        "title: Buying#58; a bike\n"
        "---\n"
        "flowchart LR\n"
        '    subgraph s0["Looking around"]\n'
        '        t1["1. Browses the catalogue"]\n'
        '        t2{{"2. ★ Asks for advice"}}\n'
        "    end\n"
        '    subgraph s1["Buying"]\n'
        '        t3["3. Pays at the till"]\n'
        "    end\n"
        "    t1 -->|50#37;| t2\n"
        "    t1 -->|40#37;| t3\n"
        "    t2 -->|90#37;| t3\n"
        "    classDef moment stroke:#1F2A44,stroke-width:3px\n"
        "    class t2 moment\n"
    )


def test_flowchart_labels_cannot_break_out_of_their_quotes() -> None:
    journey = Journey('A "quoted" | title', (Stage("s", 'Stage "x" | y'),), (
        Touchpoint("a", 'Says "hi"] --> B | end', "s", goal=True),
    ))
    text = to_flowchart(journey)
    assert 'a["' not in text and '"hi"' not in text and "| end" not in text
    assert '        t1(["1. Says #quot;hi#quot;] --#62; B #124; end"])\n' in text


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
