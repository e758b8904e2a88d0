"""The journey as a Mermaid ``journey`` diagram, for slides and wikis.

Sections are the stages (in stage order), tasks the touchpoints (in the order customers first meet
them, ★ before a moment of truth), the score the touchpoint's ``satisfaction`` rounded to a whole
number from 1 to 5 (:data:`NEUTRAL_SCORE`, 3, where it has none) and the actors its channel or owner.

Mermaid's journey syntax gives ``#``, ``:``, ``;``, ``,`` and line breaks a meaning, and reads a
line starting with ``title``, ``section`` or ``%%`` as something else than a task. People's text is
therefore written with Mermaid entity codes (``#58;`` for ``:``, ``#59;`` for ``;``, ``#35;`` for ``#``,
``#44;`` for ``,``, also ``<``, ``>``, ``&`` and ``%``), newlines become spaces, and a task that starts
with a keyword has its first letter coded: every label shows exactly what was typed.
"""

from __future__ import annotations

import math
import re

from journeymap.model import Journey, Touchpoint, require_journey
from journeymap.render.scene import meeting_order
from journeymap.render.text import clean
from journeymap.render.words import channel_name, view_title
from journeymap.text import translator

__all__ = ["ACTORS", "NEUTRAL_SCORE", "mermaid_text", "to_mermaid"]

NEUTRAL_SCORE = 3
"""The score of a touchpoint without ``satisfaction`` (Mermaid requires one)."""

ACTORS: tuple[str, ...] = ("channel", "owner")

_CODED = {"#": "#35;", ":": "#58;", ";": "#59;", ",": "#44;", "<": "#60;", ">": "#62;", "&": "#38;", "%": "#37;"}
_SPECIAL = re.compile("[" + re.escape("".join(_CODED)) + "]")
_KEYWORD = re.compile(r"^(journey|title|section|acctitle|accdescr)", re.IGNORECASE)


def mermaid_text(text: object, *, task: bool = False) -> str:
    """``text`` on one line with Mermaid's special characters written as entity codes; with ``task``,
    a leading keyword (``title``, ``section``...) is defused by coding its first letter."""
    line = _SPECIAL.sub(lambda m: _CODED[m.group(0)], clean(text))
    if task and _KEYWORD.match(line):
        line = f"#{ord(line[0])};{line[1:]}"
    return line


def _score(tp: Touchpoint) -> int:
    if tp.satisfaction is None:
        return NEUTRAL_SCORE
    return int(min(5, max(1, math.floor(tp.satisfaction + 0.5))))  # halves round up, as people expect


def to_mermaid(journey: Journey, actor: str = "channel") -> str:
    """The Mermaid ``journey`` diagram text of ``journey``; ``actor`` is ``channel`` or ``owner``."""
    require_journey(journey)
    if actor not in ACTORS:
        raise ValueError(f"'actor' must be one of {', '.join(ACTORS)} (got {actor!r})")
    words = translator(journey.language)
    order = {tp_id: k for k, tp_id in enumerate(meeting_order(journey))}
    title = mermaid_text(journey.title) or mermaid_text(view_title(words, "flow"))
    lines = ["journey", f"    title {title}"]
    sections = [(stage.label, journey.touchpoints_in(stage.id)) for stage in journey.stages]
    declared = set(journey.stage_ids)
    sections.append((words.gettext("(no stage)"), tuple(tp for tp in journey.touchpoints if tp.stage not in declared)))
    for name, members in sections:
        if not members:
            continue
        lines.append(f"    section {mermaid_text(name) or '-'}")
        for tp in sorted(members, key=lambda t: order[t.id]):
            label = ("★ " if tp.moment_of_truth else "") + tp.label
            who = (channel_name(words, tp.channel) if tp.channel else "") if actor == "channel" else (tp.owner or "")
            task = f"      {mermaid_text(label, task=True) or mermaid_text(tp.id, task=True)}: {_score(tp)}"
            if clean(who):
                task += f": {mermaid_text(who)}"
            lines.append(task)
    return "\n".join(lines) + "\n"
