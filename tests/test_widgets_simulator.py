"""The simulator panel driven headless: move sliders, type rates, click Run, read the cards and the table."""

from __future__ import annotations

import html
import re

import matplotlib
import pytest

import journeymap as jm
from journeymap.model import Arrival, Exponential, Journey, RatePeriod, Stage, Touchpoint, Transition
from journeymap.simulation import simulate
from journeymap.widgets.cards import format_value
from journeymap.widgets.simulator import Simulator

matplotlib.use("Agg")


@pytest.fixture
def journey() -> Journey:
    return Journey(
        "Support line",
        [Stage("contact", "Contact"), Stage("resolution", "Resolution")],
        [
            Touchpoint("call", "Calls support", "contact", moment_of_truth=True, capacity=1,
                       service_time=Exponential(4.0), patience=Exponential(3.0), next=[Transition("fix", 0.9)]),
            Touchpoint("fix", "Problem fixed", "resolution", capacity=2, service_time=Exponential(2.0), goal=True),
        ],
        [Arrival("call", rate=0.2)],
    )


@pytest.fixture
def panel(journey: Journey) -> Simulator:
    return Simulator(journey, customers=150, replications=2, seed=11)


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_one_control_per_setting(panel: Simulator) -> None:
    assert {k: (s.value, s.min, s.max) for k, s in panel.capacity.items()} == {"call": (1, 1, 6), "fix": (2, 1, 7)}
    assert list(panel.patience) == ["call"] and panel.patience["call"].value == pytest.approx(3.0)
    assert {k: box.value for k, box in panel.arrivals.items()} == {"call": "12/h"}
    assert panel.result is None and panel.cards.value == ""


def test_run_shows_the_same_numbers_as_simulate(panel: Simulator, journey: Journey) -> None:
    panel.run_button.click()
    expected = simulate(journey, customers=150, replications=2, seed=11)
    assert panel.result.kpis.equals(expected.kpis)
    goal = format_value(float(expected.kpis.loc["goal_rate", "mean"]), "share", "minute")
    assert f"goal rate {goal} 95% interval" in text(panel.cards.value)
    assert f"{goal} reached a goal in the simulation (route analysis:" in html.unescape(panel.diagram.svg)
    assert "previous run" not in text(panel.cards.value)
    assert panel.progress.value == panel.progress.max == 2
    assert "run 1 done" in panel.progress_label.value
    assert "data:image/png;base64," in panel.waits.value and "data:image/png;base64," in panel.funnel.value
    assert 'data-touchpoints="2"' in panel.diagram.svg


def test_a_second_run_is_shown_next_to_the_first(panel: Simulator, journey: Journey) -> None:
    first = panel.run()
    panel.capacity["call"].value = 3
    panel.patience["call"].value = 6.0
    panel.arrivals["call"].value = "6/h"
    second = panel.run()
    assert [run.number for run in panel.runs] == [1, 2]
    assert panel.runs[0].scenario == jm.Scenario("run 1", [])
    assert panel.runs[1].scenario == jm.Scenario("run 2", [jm.set_capacity("call", 3), jm.set_patience("call", 6.0),
                                                            jm.set_arrival_rate(0.1, "call")])
    simulated = panel.runs[1].journey.touchpoint("call")
    assert simulated.capacity == 3 and simulated.patience == Exponential(6.0)
    assert panel.runs[1].journey.arrivals[0].rate == pytest.approx(0.1)
    assert panel.runs[1].changes == ("Calls support: 1→3 servers", "Calls support: patience 3 min→6 min",
                                     "Calls support: arrivals 12/h→6/h")
    before = format_value(float(first.kpis.loc["abandonment_rate", "mean"]), "share", "minute")
    assert f"previous run: {before}" in text(panel.cards.value)
    table = text(panel.runs_table.value)
    now = format_value(float(second.kpis.loc["goal_rate", "mean"]), "share", "minute")
    assert table.startswith("run settings goal rate abandonment rate mean time in the cycle #2 Calls support: 1→3 "
                            "servers")
    assert (f"#2 Calls support: 1→3 servers, Calls support: patience 3 min→6 min, Calls support: arrivals "
            f"12/h→6/h {now}") in table
    assert "#1 as given" in table
    assert panel.base is journey  # the journey given is never changed


def test_the_settings_are_a_scenario_of_changes_to_the_journey_given() -> None:
    shop = Journey(
        "Shop",
        [Stage("visit")],
        [
            Touchpoint("till", "Pays", "visit", capacity=2, service_time=Exponential(2), patience=Exponential(8)),
            Touchpoint("web", "Orders online", "visit"),
        ],
        [Arrival("till", rate=1.0), Arrival("web", schedule=[RatePeriod(720, 0.0), RatePeriod(1440, 2.0)])],
    )
    panel = Simulator(shop)
    assert panel.scenario == jm.Scenario("run 1", []) and panel.journey == shop
    panel.capacity["till"].value = 5
    panel.patience["till"].value = 4.0
    panel.arrivals["till"].value = "2"
    panel.arrivals["web"].value = "120/h"
    assert panel.scenario == jm.Scenario("run 1", [jm.set_capacity("till", 5), jm.set_patience("till", 4.0),
                                                   jm.set_arrival_rate(2.0, "till"), jm.set_arrival_rate(2.0, "web")])
    changed = panel.journey
    assert changed == panel.scenario.apply(shop)
    till = changed.touchpoint("till")
    assert till.capacity == 5 and till.patience == Exponential(4.0)
    assert {a.touchpoint: (a.rate, tuple(p.rate for p in a.schedule)) for a in changed.arrivals} == {
        "till": (2.0, ()),
        "web": (None, (0.0, 4.0)),  # the schedule keeps its shape, doubled to the new daily mean
    }
    panel.arrivals["web"].value = ""  # nobody orders online any more
    assert panel.journey.entry_points == ("till",)


def test_a_bad_rate_is_reported_and_nothing_runs(panel: Simulator) -> None:
    panel.arrivals["call"].value = "lots"
    assert panel.run() is None and panel.runs == []
    assert "not run: an arrival rate above cannot be read" in panel.message.value
    assert panel.arrival_fields["call"].issues_text.startswith("'Calls support': expected a rate such as")


def test_a_huge_rate_is_refused_beside_its_box(panel: Simulator) -> None:
    panel.arrivals["call"].value = "1e308/h"
    assert panel.run() is None and panel.runs == []
    assert panel.arrival_fields["call"].issues_text == (
        "'Calls support' is too large for a service journey: at most 1,000,000,000 (got 1e308/h)")
    panel.arrivals["call"].value = "6/h"
    assert panel.run() is not None and panel.arrival_fields["call"].issues_text == ""


def test_paint_the_diagram_with_another_metric(panel: Simulator) -> None:
    panel.run()
    assert ("mean wait", "mean_wait") in panel.metric.options and panel.metric.value == "utilization"
    drawn = panel.diagram.revision
    panel.metric.value = "mean_wait"
    assert panel.diagram.revision == drawn + 1 and "mean wait" in html.unescape(panel.diagram.svg)


def test_the_same_seed_gives_the_same_numbers(panel: Simulator) -> None:
    first = panel.run()
    second = panel.run()
    assert first.kpis.equals(second.kpis)
    assert "= no change" in text(panel.cards.value)


def test_funnel_labels_are_never_cut_by_their_bars() -> None:
    import matplotlib.pyplot as plt

    from journeymap.io.catalog import template

    result = simulate(template("service_cycle", "en"), customers=300, replications=2, seed=1)
    figure = result.plot_funnel()
    try:
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        ax = figure.axes[0]
        bars = [patch.get_window_extent(renderer) for patch in ax.patches]
        labels = [text.get_window_extent(renderer) for text in ax.texts]
        assert len(bars) == len(labels) == len(result.journey.stages)
        frame = ax.get_window_extent(renderer)
        for bar, label in zip(bars, labels, strict=True):
            inside = bar.x0 <= label.x0 and label.x1 <= bar.x1
            beside = label.x0 >= bar.x1
            assert inside or beside, (bar, label)
            assert frame.x0 <= label.x0 and label.x1 <= frame.x1  # within the chart, not cut by its edge
    finally:
        plt.close(figure)
