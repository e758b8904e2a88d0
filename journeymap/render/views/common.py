"""What every view's graph starts with: title, subtitle and fonts, and the touchpoint node attributes."""

from __future__ import annotations

from typing import Any

import graphviz

from journeymap.model import Touchpoint
from journeymap.render.colors import INK, MOMENT_OF_TRUTH, MUTED, channel_color, text_on
from journeymap.render.labels import node_class
from journeymap.render.scene import Scene
from journeymap.render.text import esc
from journeymap.render.themes import CHANNEL_LINE_STYLES
from journeymap.render.words import view_title
from journeymap.text import percent

__all__ = ["ENGINE_NOTE", "new_graph", "subtitle", "touchpoint_node_attrs"]

ENGINE_NOTE = {
    "dot": "lay out with: dot -Tsvg {file} -o {stem}.svg",
    "nop2": "positions are fixed; draw with: neato -n2 -Tsvg {file} -o {stem}.svg",
}


def subtitle(scene: Scene, view: str) -> str:
    """The line under the title: the view's name and the journey's headline numbers."""
    words, journey = scene.words, scene.journey
    touchpoints, moments = len(journey.touchpoints), len(journey.moments_of_truth)
    parts = [view_title(words, view), words.ngettext("{n} touchpoint", "{n} touchpoints", touchpoints)]
    if moments:
        parts.append(words.ngettext("{n} moment of truth", "{n} moments of truth", moments))
    if scene.simulated_goal is not None:
        analysis = scene.percent(scene.goal_probability) if scene.goal_probability is not None else "—"
        shown = percent(scene.simulated_goal, words.language)  # written as the simulation's cards write it
        parts.append(words.gettext("{share} reached a goal in the simulation (route analysis: {analysis} in the "
                                   "long run)", share=shown, analysis=analysis))
    elif scene.goal_probability is not None:
        parts.append(words.gettext("{share} reach a goal in the long run (route analysis)",
                                   share=scene.percent(scene.goal_probability)))
    return " · ".join(parts)


def new_graph(scene: Scene, view: str, engine: str) -> graphviz.Digraph:
    """An empty graph with the journey's title on top, the theme's fonts, and the page size if any."""
    theme = scene.theme
    title = esc(scene.journey.title or view_title(scene.words, view))
    label = (
        f'<<FONT POINT-SIZE="{theme.title:g}"><B>{title}</B></FONT><BR/>'
        f'<FONT POINT-SIZE="{theme.small + 1:g}" COLOR="{MUTED}">{esc(subtitle(scene, view))}</FONT><BR/> >'
    )
    graph_attr: dict[str, str] = {
        "label": label,
        "labelloc": "t",
        "labeljust": "l" if view != "cycle" else "c",
        "fontname": theme.fontname,
        "fontsize": f"{theme.fontsize:g}",
        "bgcolor": "white",
        "pad": "0.3",
        "class": f"journeymap view-{view}",
    }
    note = ENGINE_NOTE[engine].format(file=f"{view}.gv", stem=view)
    return graphviz.Digraph(
        name=f"journeymap_{view}",
        comment=f"journeymap {view} view; {note}",
        graph_attr=graph_attr,
        node_attr={"fontname": theme.fontname, "fontsize": f"{theme.fontsize:g}", "fontcolor": INK},
        edge_attr={"fontname": theme.fontname, "fontsize": f"{theme.small:g}", "fontcolor": MUTED,
                   "arrowsize": f"{theme.arrowsize:g}", "penwidth": f"{theme.penwidth:g}"},
    )


def touchpoint_node_attrs(tp: Touchpoint, scene: Scene, fill: str, **extra: Any) -> dict[str, str]:
    """Node attributes of a touchpoint card: id ``tp-<id>``, classes, fill, border by channel, a double
    border for a moment of truth (and the print theme's border style per channel)."""
    theme = scene.theme
    styles = ["rounded", "filled"]
    border = INK if theme.greyscale else channel_color(tp.channel)
    if theme.greyscale and tp.channel:
        line = CHANNEL_LINE_STYLES.get(tp.channel.lower())
        if line and line != "solid":
            styles.append(line)
    penwidth = theme.penwidth * (1.8 if tp.moment_of_truth else 1.0)
    attrs = {
        "id": graphviz.escape(f"tp-{tp.id}"),
        "class": node_class(tp),
        "shape": "box",
        "style": ",".join(styles),
        "fillcolor": fill,
        "fontcolor": text_on(fill),
        "color": (INK if theme.greyscale else MOMENT_OF_TRUTH) if tp.moment_of_truth else border,
        "penwidth": f"{penwidth:g}",
        "margin": "0.1,0.06",
    }
    if tp.moment_of_truth:
        attrs["peripheries"] = "2"
    attrs.update({k: str(v) for k, v in extra.items()})
    return attrs
