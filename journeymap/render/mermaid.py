"""The journey in Mermaid, for slides and wikis: the customer's ``journey`` and the routing ``flowchart``.

**Journey** (:func:`to_mermaid`): sections are the stages (in stage order), tasks the customer-facing
touchpoints (customer actions and frontstage, above the line of visibility; ``every_step=True`` adds
backstage and support) in the drawings' numbering order, ★ before a moment of truth. The score is the
touchpoint's satisfaction, measured when a survey measured it, else the estimate (1–5, decimals kept:
2.5 stays 2.5, so the faces keep the spread of the scores); a touchpoint without one is drawn at
:data:`NEUTRAL_SCORE` (Mermaid needs a score) and its task says "no score". Actors are its channel or
owner. Long names are shortened at a word, with an ellipsis.

**Flowchart** (:func:`to_flowchart`): the routing graph left to right, a subgraph per stage, every
touchpoint numbered as in the drawings (moments of truth as hexagons, goals as stadiums), every route
with the share of customers taking it.

Mermaid gives ``#``, ``:``, ``;``, ``,`` and line breaks a meaning, and reads a task line starting with
``title``, ``section`` or ``%%`` as something else. People's text is therefore written with Mermaid
entity codes (``#58;`` for ``:``, ``#59;`` for ``;``, ``#35;`` for ``#``, ``#44;`` for ``,``, also ``<``,
``>``, ``&``, ``%``, and ``"``/``|`` in the flowchart), newlines become spaces, and a task that starts with
a keyword has its first letter coded: every label shows exactly what was typed.
"""

from __future__ import annotations

import re

from journeymap.model import Journey, Touchpoint, require_journey
from journeymap.render.scene import cycle_order
from journeymap.render.text import clean
from journeymap.render.words import channel_name, view_title
from journeymap.text import percent, translator

__all__ = ["ACTORS", "LABEL_LENGTH", "MERMAID_KINDS", "NEUTRAL_SCORE", "mermaid_text", "shorten", "to_flowchart",
           "to_mermaid"]

NEUTRAL_SCORE = 3
"""The score drawn for a touchpoint without ``satisfaction`` (Mermaid requires one; the task says so)."""

ACTORS: tuple[str, ...] = ("channel", "owner")
MERMAID_KINDS: tuple[str, ...] = ("journey", "flowchart")
"""The Mermaid diagrams of a journey."""
LABEL_LENGTH = 48
"""The most characters of a name a Mermaid label shows (longer ones are cut at a word, with "…")."""
CUSTOMER_FACING: tuple[str, ...] = ("customer", "frontstage")

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


def shorten(text: object, length: int = LABEL_LENGTH) -> str:
    """``text`` on one line, cut at the last word that fits in ``length`` characters, with "…"."""
    line = clean(text)
    if len(line) <= length:
        return line
    cut = line[: length - 1]
    space = cut.rfind(" ")
    if space >= length // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def _score(tp: Touchpoint) -> float | None:
    """The satisfaction score as Mermaid draws it: 1–5, one decimal at most; ``None`` when unmeasured."""
    shown = tp.shown_satisfaction  # measured by a survey when it was, else the estimate
    if shown is None:
        return None
    return round(min(5.0, max(1.0, float(shown))), 1)


def _number(value: float) -> str:
    return f"{value:g}"


def to_mermaid(journey: Journey, actor: str = "channel", *, every_step: bool = False) -> str:
    """The Mermaid ``journey`` diagram text of ``journey``: customer-facing touchpoints as tasks (all of
    them with ``every_step``); ``actor`` is ``channel`` or ``owner``."""
    require_journey(journey)
    if actor not in ACTORS:
        raise ValueError(f"'actor' must be one of {', '.join(ACTORS)} (got {actor!r})")
    words = translator(journey.language)
    order = {tp_id: k for k, tp_id in enumerate(cycle_order(journey))}
    title = mermaid_text(journey.title) or mermaid_text(view_title(words, "flow"))
    lines = ["journey", f"    title {title}"]
    sections = [(stage.label, journey.touchpoints_in(stage.id)) for stage in journey.stages]
    declared = set(journey.stage_ids)
    sections.append((words.gettext("(no stage)"), tuple(tp for tp in journey.touchpoints if tp.stage not in declared)))
    for name, members in sections:
        shown = [tp for tp in members if every_step or tp.lane in CUSTOMER_FACING]
        if not shown:
            continue
        lines.append(f"    section {mermaid_text(shorten(name)) or '-'}")
        for tp in sorted(shown, key=lambda t: order[t.id]):
            label = ("★ " if tp.moment_of_truth else "") + shorten(tp.label)
            score = _score(tp)
            if score is None:
                label += " " + words.gettext("(no score)")
            who = (channel_name(words, tp.channel) if tp.channel else "") if actor == "channel" else (tp.owner or "")
            text = mermaid_text(label, task=True) or mermaid_text(tp.id, task=True)
            task = f"      {text}: {_number(NEUTRAL_SCORE if score is None else score)}"
            if clean(who):
                task += f": {mermaid_text(who)}"
            lines.append(task)
    return "\n".join(lines) + "\n"


def _flow_text(text: object) -> str:
    """``text`` for a quoted flowchart label or an edge label: entity codes, quotes and bars coded too."""
    return mermaid_text(text).replace('"', "#quot;").replace("|", "#124;")


def to_flowchart(journey: Journey) -> str:
    """The routing graph of ``journey`` as a Mermaid ``flowchart`` (left to right, a subgraph per stage,
    numbered as the drawings, routes labelled with the share of customers taking them)."""
    require_journey(journey)
    words = translator(journey.language)
    order = cycle_order(journey)
    node = {tp_id: f"t{k + 1}" for k, tp_id in enumerate(order)}
    lines = ["---", f"title: {_flow_text(journey.title or view_title(words, 'flow'))}", "---", "flowchart LR"]
    declared = set(journey.stage_ids)
    groups = [(stage.label, journey.touchpoints_in(stage.id)) for stage in journey.stages]
    groups.append((words.gettext("(no stage)"), tuple(tp for tp in journey.touchpoints if tp.stage not in declared)))
    for k, (name, members) in enumerate(groups):
        if not members:
            continue
        lines.append(f'    subgraph s{k}["{_flow_text(shorten(name))}"]')
        for tp in sorted(members, key=lambda t: order.index(t.id)):
            text = f"{order.index(tp.id) + 1}. " + ("★ " if tp.moment_of_truth else "") + shorten(tp.label)
            text = _flow_text(text)
            shape = f'(["{text}"])' if tp.goal else f'{{{{"{text}"}}}}' if tp.moment_of_truth else f'["{text}"]'
            lines.append(f"        {node[tp.id]}{shape}")
        lines.append("    end")
    for source, transition in journey.transitions():
        if transition.target not in node:
            continue
        share = percent(transition.p, journey.language, digits=2)
        lines.append(f"    {node[source]} -->|{_flow_text(share)}| {node[transition.target]}")
    moments = [node[tp.id] for tp in journey.moments_of_truth]
    if moments:
        lines.append("    classDef moment stroke:#1F2A44,stroke-width:3px")
        lines.append(f"    class {','.join(moments)} moment")
    return "\n".join(lines) + "\n"
