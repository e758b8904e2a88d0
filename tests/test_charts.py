"""Every chart people read, in both languages, with hostile names: drawn without crashing, names drawn as written
(``$`` is no mathematics), no two texts on top of each other, and a unit on every axis of numbers.

The texts compared are every visible text of the figure: titles, axis titles, the tick labels matplotlib draws
(those inside the view), point labels (an annotation's text without its arrow) and legends.
"""

from __future__ import annotations

import io
import re
from itertools import combinations
from typing import Any

import matplotlib
import pytest

import journeymap as jm

matplotlib.use("Agg")

MATH = r"$\frac{1}{0$ first contact"
DOLLARS = "Refund $5 or $10 at the counter, a name long enough to need two lines"
RUN = {"replications": 2, "customers": 200, "seed": 1, "executor": None}
NUMBER = re.compile(r"^[-+−]?\d[\d.,\u00a0 ]*%?$")


def hostile(language: str) -> jm.Journey:
    """The outage template with names that break mathtext or are long (on its first two queues), in ``language``."""
    journey = jm.template("telecom_outage", language=language)
    first, second = queues(journey)[:2]
    journey = journey.update_touchpoint(first.id, name=MATH).update_touchpoint(second.id, name=DOLLARS)
    return journey.replace(title="Refund $5 or $10: " + journey.title)


def queues(journey: jm.Journey) -> list[jm.Touchpoint]:
    """The touchpoints of ``journey`` with servers (and so a queue)."""
    return [tp for tp in journey.touchpoints if tp.capacity]


def drawn_texts(figure: Any) -> list[tuple[str, Any]]:
    """Each visible, non-empty text of ``figure`` with its box on the canvas (tick labels only when drawn)."""
    from matplotlib.text import Text

    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ticks: set[int] = set()
    found: list[Text] = []
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis):
            ticks |= {id(label) for tick in axis.get_major_ticks() + axis.get_minor_ticks()
                      for label in (tick.label1, tick.label2)}
            found += [label for tick in axis._update_ticks() for label in (tick.label1, tick.label2)
                      if label.get_visible()]
    found += [text for text in figure.findobj(Text) if id(text) not in ticks and text.get_visible()]
    return [(text.get_text(), Text.get_window_extent(text, renderer)) for text in found if text.get_text().strip()]


def overlapping(figure: Any) -> list[tuple[str, str]]:
    """The pairs of texts of ``figure`` whose boxes intersect."""
    texts = drawn_texts(figure)
    return [(a, b) for (a, box_a), (b, box_b) in combinations(texts, 2) if box_a.overlaps(box_b)]


def cut_off(figure: Any) -> list[str]:
    """The texts of ``figure`` that reach beyond its edges (drawn cut off in the saved picture)."""
    edge = figure.bbox.padded(1.0)
    return [text for text, box in drawn_texts(figure)
            if not (edge.contains(box.x0, box.y0) and edge.contains(box.x1, box.y1))]


def axes_without_units(figure: Any) -> list[str]:
    """The axes of numbers (their tick labels are numbers) whose title names no unit in brackets."""
    missing = []
    for ax in figure.axes:
        for name, axis, label in (("x", ax.xaxis, ax.get_xlabel()), ("y", ax.yaxis, ax.get_ylabel())):
            labels = [tick.label1.get_text() for tick in axis._update_ticks() if tick.label1.get_visible()]
            numeric = [text for text in labels if text.strip()]
            if numeric and all(NUMBER.match(text.strip()) for text in numeric) and "(" not in label:
                missing.append(f"{ax.get_title()!r} {name}: {label!r}")
    return missing


@pytest.fixture(scope="module", params=["en", "es"])
def charts(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Every chart of journeymap for the hostile outage journey in one language."""
    import warnings

    language = request.param
    journey = hostile(language)
    scenarios = jm.sample_scenarios("telecom_outage", language)
    scenarios.append(jm.Scenario(DOLLARS + " " + MATH, [jm.scale_capacity(queues(journey)[1].id, 2.0)]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jm.OverloadWarning)
        result = jm.simulate(journey, **RUN)
        comparison = jm.compare(journey, scenarios, **RUN)
        swept = jm.sweep(journey, {f"{queues(journey)[1].id}.capacity": [1, 2, 3]}, **RUN)
        plan = jm.action_plan(journey, jm.sample_interventions("telecom_outage", language), **RUN)
    figures = {
        "waits": result.plot_waits().figure,
        "time in the cycle": result.plot_time_in_cycle().figure,
        "funnel": result.plot_funnel().figure,
        "compare": comparison.plot(),
        "compare funnels": comparison.plot_funnels(),
        "sweep": swept.plot("goal_rate").figure,
        "quadrants": plan.plot(),
        **evidence_charts(language),
    }
    yield {"language": language, "figures": figures, "comparison": comparison}
    import matplotlib.pyplot as plt

    plt.close("all")


CHARTS = ["waits", "time in the cycle", "funnel", "compare", "compare funnels", "sweep", "quadrants", "back-test",
          "baselines"]


def help_desk(language: str) -> jm.Journey:
    """A small help desk in ``language`` with hostile stage and touchpoint names, for the event-log charts."""
    return jm.loads(f"""
journeymap: 1
title: 'Refund $5 or $10: help desk'
language: {language}
time_unit: minute
stages: [{{id: contact, name: '{MATH}'}}, {{id: fix, name: '{DOLLARS}'}}]
touchpoints:
  - {{id: call, name: '{MATH}', stage: contact, capacity: 4, service_time: 3, next: {{triage: 0.7}}}}
  - {{id: triage, name: '{DOLLARS}', stage: contact, capacity: 6, service_time: 5, next: {{repair: 0.5}}}}
  - {{id: repair, name: Repair, stage: fix, capacity: 3, goal: true, service_time: 4}}
arrivals:
  - {{touchpoint: call, rate: 0.8}}
""")


def evidence_charts(language: str) -> dict[str, Any]:
    """The back-test and the comparison of two baselines, from a simulated event log of :func:`help_desk`."""
    from journeymap.evidence import baseline, calibrate, compare_baselines, read_log

    journey = help_desk(language)
    log = read_log(jm.simulate(journey, until="4 d", seed=3, replications=1, events=True).events)  # one history
    check = calibrate(log, journey).check(replications=3, seed=1)
    before, after = baseline(log, journey, at="2025-01-08"), baseline(log, journey)  # the run starts on 6 January
    return {"back-test": check.plot(), "baselines": compare_baselines(before, after).plot()}


@pytest.mark.parametrize("chart", CHARTS)
def test_no_text_overlaps_another_or_leaves_the_picture(charts: dict[str, Any], chart: str) -> None:
    assert overlapping(charts["figures"][chart]) == []
    assert cut_off(charts["figures"][chart]) == []


@pytest.mark.parametrize("chart", CHARTS)
def test_every_axis_of_numbers_has_its_unit(charts: dict[str, Any], chart: str) -> None:
    figure = charts["figures"][chart]
    assert axes_without_units(figure) == []
    numbers = [text for text, _ in drawn_texts(figure) if re.match(r"^[-+−]?\d", text)]
    assert numbers  # tick labels or, on the funnel, the figures on its bars
    if charts["language"] == "es":
        assert not [text for text in numbers if re.search(r"\d\.\d{1,2}$", text)]  # decimal commas


@pytest.mark.parametrize("chart", CHARTS)
def test_names_are_drawn_as_written(charts: dict[str, Any], chart: str) -> None:
    figure = charts["figures"][chart]
    picture = io.BytesIO()
    figure.savefig(picture, format="png", dpi=60)  # mathtext would fail on MATH's unclosed brace
    assert picture.getvalue()[:4] == b"\x89PNG"
    texts = [text for text, _ in drawn_texts(figure)]
    assert all("$" not in text.replace(r"\$", "") for text in texts)  # every dollar escaped: no mathematics
    assert any("Refund \\$5 or \\$10" in text or r"\$\frac{1}{0\$" in text for text in texts)  # names, as written


def test_compare_has_one_panel_per_kpi_and_room_for_long_names(charts: dict[str, Any]) -> None:
    comparison = charts["comparison"]
    figure = comparison.plot(["goal_rate", "abandonment_rate", "mot_mean_wait"])
    panels = [ax for ax in figure.axes if ax.get_xlabel()]
    assert len(panels) == 3
    assert overlapping(figure) == []
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for ax in panels:
        names = [label for label in ax.get_yticklabels() if label.get_text()]
        assert all(label.get_window_extent(renderer).x0 >= 0 for label in names)  # not cut at the left edge


def overloaded(language: str) -> jm.Journey:
    """A desk without patience whose offered load is 1.25 (its queue grows without end), in ``language``."""
    return jm.loads(f"""
journeymap: 1
title: 'Refund $5 or $10: overloaded desk'
language: {language}
time_unit: minute
stages: [{{id: contact, name: Contact}}, {{id: fix, name: Fix}}]
touchpoints:
  - {{id: desk, name: '{DOLLARS}', stage: contact, capacity: 1, service_time: 5, moment_of_truth: true,
      next: {{repair: 1.0}}}}
  - {{id: repair, name: Repair, stage: fix, goal: true, service_time: 2}}
arrivals:
  - {{touchpoint: desk, rate: 0.25}}
""")


@pytest.fixture(scope="module", params=["en", "es"])
def unstable_charts(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The charts of a run, a comparison and a plan in which the desk has no steady state."""
    import warnings

    from journeymap.simulation.formatting import UNSTABLE
    from journeymap.text import translator

    language = request.param
    journey = overloaded(language)
    bigger = jm.Scenario("Two clerks", [jm.scale_capacity("desk", 2.0)])
    slower = jm.Scenario("Slower desk", [jm.scale_service_time("desk", 1.1)])
    run = {"replications": 3, "customers": 150, "seed": 2, "warmup": 0.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", jm.OverloadWarning)
        result = jm.simulate(journey, **run)
        comparison = jm.compare(journey, [bigger, slower], **run)
        plan = jm.action_plan(journey, [jm.Intervention("Slower desk", slower, effort=2.0)], **run)
    figures = {"waits": result.plot_waits().figure, "time in the cycle": result.plot_time_in_cycle().figure,
               "compare": comparison.plot(), "quadrants": plan.plot()}
    yield {"figures": figures, "says": translator(language).gettext(UNSTABLE),
           "legend": translator(language).gettext("not meaningful: a queue without patience grows without end")}
    import matplotlib.pyplot as plt

    plt.close("all")


def test_a_figure_without_steady_state_is_marked_in_every_chart(unstable_charts: dict[str, Any]) -> None:
    figures = unstable_charts["figures"]
    bars = [patch for patch in figures["waits"].axes[0].patches if patch.get_hatch()]
    assert len(bars) == 1  # the desk's wait bar, hatched; the legend's key is not on the axes
    flat = {name: " ".join(text for text, _ in drawn_texts(figure)).replace("\n", " ")
            for name, figure in figures.items()}
    said = " ".join(unstable_charts["says"].split())
    for name in ("waits", "time in the cycle"):
        assert said in " ".join(flat[name].split()), name
    assert unstable_charts["legend"] in flat["compare"] and unstable_charts["legend"] in flat["quadrants"]
    crosses = [line for line in figures["compare"].axes[0].get_lines() if line.get_marker() == "x"]
    assert crosses  # the changes measured against an unstable base are crosses, not dots


@pytest.mark.parametrize("chart", ["waits", "time in the cycle", "compare", "quadrants"])
def test_the_marks_of_an_unstable_run_fit_the_picture(unstable_charts: dict[str, Any], chart: str) -> None:
    figure = unstable_charts["figures"][chart]
    assert overlapping(figure) == [] and cut_off(figure) == []
