"""What the simulator panel shows of a run: KPI cards with their intervals beside the previous run's,
and charts as images.

A card is plain HTML built from the simulation's tidy ``kpis`` table (index: KPI names; columns
``mean``, ``ci_low``, ``ci_high``), so it is tested as text and looks the same in JupyterLab and Voilà.
Figures are written by :mod:`journeymap.text` (``62.4%``, ``4 min 10 sec``, ``+8 pp``).
A matplotlib chart becomes an ``<img>`` (:func:`figure_html`), which needs no kernel-side display hook.
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from typing import Any

from journeymap.simulation.formatting import KPI_NAMES, UNSTABLE
from journeymap.text import Translator, change, duration, interval, percent, quantity, shows_nonzero, translator

__all__ = ["CARDS", "Card", "card_html", "cards_html", "figure_html", "format_time", "format_value", "kpi_title"]


@dataclass(frozen=True)
class Card:
    """One headline KPI: its row in ``kpis``, its title, how to print it, and which way is better."""

    kpi: str
    title: str
    kind: str  # "share" (0–1, shown as %) or "time" (in the journey's time unit)
    higher_is_better: bool


CARDS: tuple[Card, ...] = (
    Card("goal_rate", KPI_NAMES["goal_rate"], "share", True),
    Card("abandonment_rate", KPI_NAMES["abandonment_rate"], "share", False),
    Card("mean_time_in_cycle", KPI_NAMES["mean_time_in_cycle"], "time", False),
)
"""The cards shown, in order."""


def kpi_title(card: Card, words: Translator) -> str:
    """A card's title in ``words``' language."""
    return words.gettext(card.title)


def format_value(value: float, kind: str, time_unit: str, language: str = "en") -> str:
    """A KPI value as people read it: ``62.4%`` for a share, ``18.5 min`` / ``1 hr 12 min`` for a time."""
    return quantity(value, kind, time_unit=time_unit, language=language)


def format_time(value: float, time_unit: str, language: str = "en") -> str:
    """A time in ``time_unit`` as people read it, in the largest sensible unit (0.05 h → ``3 min``)."""
    return duration(value, time_unit, language)


def _change(now: float, before: float, kind: str, time_unit: str, language: str) -> str:
    """A change between two runs as printed: ``+8 pp``, ``-2 min 10 sec``; ``""`` when the two values
    print the same (a change finer than the figures themselves is no change to the reader)."""
    if format_value(now, kind, time_unit, language) == format_value(before, kind, time_unit, language):
        return ""
    text = change(now - before, kind, time_unit=time_unit, language=language, length="short")
    return text if shows_nonzero(text) else ""


def _row(kpis: Any, name: str) -> tuple[float, float, float] | None:
    if kpis is None or name not in kpis.index:
        return None
    row = kpis.loc[name]
    return float(row["mean"]), float(row["ci_low"]), float(row["ci_high"])


def _unstable(kpis: Any, name: str) -> bool:
    """Whether the run flagged the KPI as not meaningful (a queue upstream without steady state)."""
    return kpis is not None and name in kpis.index and bool(kpis.loc[name].get("unstable", False))


def card_html(card: Card, kpis: Any, previous: Any, time_unit: str, language: str = "en",
              analysis_goal: float | None = None) -> str:
    """One card: the value, its 95% interval, and the previous run's value with the change; the goal rate's
    card also gives ``analysis_goal``, the route analysis's figure, and says why the two differ. A KPI the
    run flags as not meaningful (a queue without patience grows without limit) is greyed and says so, and
    its change against the previous run is given no colour: neither side can be called better."""
    words = translator(language)
    now = _row(kpis, card.kpi)
    if now is None:
        return ""
    mean, low, high = now
    unstable = _unstable(kpis, card.kpi)
    value = format_value(mean, card.kind, time_unit, language)
    between = interval(low, high, card.kind, time_unit=time_unit, language=language)
    before = _row(previous, card.kpi)
    moved = ""
    if before is not None:
        delta = mean - before[0]
        shown = _change(mean, before[0], card.kind, time_unit, language)
        if not shown:
            colour, arrow, shown = "#555", "=", words.gettext("no change")
        elif unstable or _unstable(previous, card.kpi):
            colour, arrow = "#555", "▲" if delta > 0 else "▼"
        else:
            colour = "#1b6e20" if (delta > 0) == card.higher_is_better else "#b3261e"
            arrow = "▲" if delta > 0 else "▼"
        previous_text = words.gettext("previous run: {value}", value=format_value(before[0], card.kind, time_unit,
                                                                                    language))
        moved = (
            f"<div class='jm-card-previous' style='font-size:0.85em;color:#555;margin-top:4px'>"
            f"{html.escape(previous_text)} "
            f"<span class='jm-card-change' style='color:{colour};font-weight:600'>{arrow} {html.escape(shown)}</span>"
            f"</div>"
        )
    note = ""
    if card.kpi == "goal_rate" and analysis_goal is not None:
        explained = words.gettext("route analysis: {share} in the long run (routes alone: no queues, nobody "
                                  "gives up, everyone finishes)", share=percent(analysis_goal, language))
        note = (f"<div class='jm-card-analysis' style='font-size:0.8em;line-height:1.3;color:#555;margin-top:4px'>"
                f"{html.escape(explained)}</div>")
    ci = words.gettext("95% interval {interval}", interval=between)
    warning = ""
    if unstable:
        warning = (f"<div class='jm-card-unstable' style='font-size:0.8em;line-height:1.3;color:#b3261e;"
                   f"margin-top:4px'>⚠ {html.escape(words.gettext(UNSTABLE))}</div>")
    value_colour = "#888" if unstable else "inherit"
    return (
        f"<div class='jm-card jm-card-{card.kpi}' style='border:1px solid #d0d7de;border-radius:8px;"
        f"padding:10px 14px;min-width:11em;max-width:19em;background:#fafbfc'>"
        f"<div style='font-size:0.8em;text-transform:uppercase;letter-spacing:0.04em;color:#555'>"
        f"{html.escape(words.gettext(card.title))}</div>"
        f"<div class='jm-card-value' style='font-size:1.8em;font-weight:600;line-height:1.2;"
        f"color:{value_colour}'>{value}</div>"
        f"<div class='jm-card-interval' style='font-size:0.8em;line-height:1.3;color:#555'>{html.escape(ci)}</div>"
        f"{warning}{moved}{note}</div>"
    )


def cards_html(kpis: Any, previous: Any = None, *, time_unit: str = "minute", language: str = "en",
               analysis_goal: float | None = None) -> str:
    """The row of KPI cards for a run's ``kpis`` table, each beside ``previous`` run's value when given;
    words and figures in ``language``; the goal rate beside ``analysis_goal`` (see :func:`card_html`)."""
    cards = "".join(card_html(card, kpis, previous, time_unit, language, analysis_goal) for card in CARDS)
    return f"<div class='jm-cards' style='display:flex;gap:12px;flex-wrap:wrap'>{cards}</div>"


def figure_html(chart: Any, *, css_class: str = "jm-chart", dpi: int = 110) -> str:
    """A matplotlib figure (or axes) as an inline PNG ``<img>``; the figure is closed afterwards."""
    import matplotlib.pyplot as plt

    figure = getattr(chart, "figure", None) or chart
    if hasattr(chart, "get_figure") and not hasattr(chart, "savefig"):
        figure = chart.get_figure()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"<img class='{css_class}' style='max-width:100%' src='data:image/png;base64,{data}'/>"
