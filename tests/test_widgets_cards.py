"""KPI cards and run settings for the simulator panel, tested as text with hand-made KPI tables."""

from __future__ import annotations

import html
import re

import matplotlib
import pandas as pd

from journeymap.widgets.cards import cards_html, figure_html, format_time, format_value

matplotlib.use("Agg")


def kpis(goal: float, abandonment: float, time: float) -> pd.DataFrame:
    return pd.DataFrame(
        {"mean": [goal, abandonment, time], "ci_low": [goal - 0.02, abandonment - 0.01, time - 3],
         "ci_high": [goal + 0.02, abandonment + 0.01, time + 3]},
        index=["goal_rate", "abandonment_rate", "mean_time_in_cycle"],
    )


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_values_are_printed_as_people_read_them() -> None:
    assert format_value(0.6243, "share", "minute") == "62.4%"
    assert format_value(90.0, "time", "minute") == "1 hr 30 min"
    assert format_value(120.0, "time", "minute") == "2 hr"
    assert format_value(18.456, "time", "minute") == "18.5 min"
    assert format_value(float("nan"), "share", "minute") == "—"
    assert format_value(0.6243, "share", "minute", "es") == "62,4\u00a0%"
    assert format_value(90.0, "time", "minute", "es") == "1 h 30 min"


def test_cards_show_value_and_interval() -> None:
    shown = text(cards_html(kpis(0.62, 0.08, 45.0), time_unit="minute"))
    assert shown == (
        "goal rate 62% 95% interval 60%–64% "
        "abandonment rate 8% 95% interval 7%–9% "
        "mean time in the cycle 45 min 95% interval 42 min – 48 min"
    )
    spanish = text(cards_html(kpis(0.625, 0.08, 45.5), time_unit="minute", language="es")).replace("\u00a0", " ")
    assert "tasa de logro del objetivo 62,5 % intervalo del 95 % 60,5 % – 64,5 %" in spanish, spanish
    assert "45,5 min intervalo del 95 % 42,5 min – 48,5 min" in spanish


def test_the_goal_rate_card_explains_the_route_analysis_figure_beside_it() -> None:
    shown = text(cards_html(kpis(0.62, 0.08, 45.0), time_unit="minute", analysis_goal=0.705))
    assert "goal rate 62% 95% interval 60%–64% route analysis: 70.5% in the long run (routes alone: no queues, " \
           "nobody gives up, everyone finishes)" in shown
    spanish = text(cards_html(kpis(0.62, 0.08, 45.0), time_unit="minute", language="es", analysis_goal=0.705))
    assert "análisis de rutas: 70,5 % a la larga" in spanish.replace("\u00a0", " ")


def test_cards_show_the_previous_run_and_whether_it_got_better() -> None:
    now = cards_html(kpis(0.70, 0.05, 40.0), kpis(0.62, 0.08, 40.0), time_unit="minute")
    assert "previous run: 62% ▲ +8 pp" in text(now)
    assert "previous run: 8% ▼ -3 pp" in text(now)
    assert "previous run: 40 min = no change" in text(now)
    goal_card, abandonment_card, _ = re.findall(r"<span class='jm-card-change' style='color:(#\w+)", now)
    assert goal_card == abandonment_card == "#1b6e20"  # more goals and less abandonment are both good
    worse = cards_html(kpis(0.60, 0.08, 55.0), kpis(0.62, 0.08, 40.0), time_unit="minute")
    assert "previous run: 40 min ▲ +15 min" in text(worse)
    assert "previous run: 1 hr 30 min ▼ -1 hr 12 min" in text(cards_html(kpis(0.6, 0.1, 18.0), kpis(0.6, 0.1, 90.0)))
    assert re.findall(r"jm-card-change' style='color:(#\w+)", worse)[0] == "#b3261e"


def test_changes_too_small_to_print_read_as_no_change() -> None:
    now = cards_html(kpis(0.6201, 0.08, 40.01), kpis(0.62, 0.08, 40.0), time_unit="minute")
    assert text(now).count("= no change") == 3  # 62% and 40 min both times: finer changes are no change
    moved = cards_html(kpis(0.625, 0.08, 40.5), kpis(0.62, 0.08, 40.0), time_unit="minute")
    assert "previous run: 62% ▲ +0.5 pp" in text(moved) and "previous run: 40 min ▲ +30 sec" in text(moved)
    hours = cards_html(kpis(0.5, 0.1, 20.0), kpis(0.5, 0.1, 20.5), time_unit="hour")
    assert "previous run: 20.5 hr ▼ -30 min" in text(hours)


def test_times_below_one_unit_use_a_smaller_one() -> None:
    assert format_time(0.05, "hour") == "3 min"
    assert format_time(0.0362, "hour") == "2 min 10 sec"
    assert format_time(0.5, "day") == "12 hr"
    assert format_time(25.1, "hour") == "1.05 days"
    assert format_time(0.004, "second") == "0.004 sec"
    assert format_time(0.0362, "hour", "es") == "2 min 10 s"


def test_a_kpi_missing_from_the_table_has_no_card() -> None:
    table = kpis(0.5, 0.1, 10.0).drop(index="abandonment_rate")
    assert "jm-card-abandonment_rate" not in cards_html(table)
    assert "jm-card-goal_rate" in cards_html(table)


def test_figures_become_inline_images() -> None:
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots()
    axes.plot([0, 1], [1, 0])
    image = figure_html(axes)
    assert image.startswith("<img class='jm-chart'") and "data:image/png;base64,iVBORw0KGgo" in image
    assert not plt.fignum_exists(figure.number)


def test_a_kpi_flagged_unstable_is_greyed_says_why_and_its_change_has_no_verdict_colour() -> None:
    now, before = kpis(0.55, 0.0, 140.0), kpis(0.62, 0.0, 40.0)
    now["unstable"] = [False, False, True]  # time in the cycle: a queue without patience grows without end
    shown = cards_html(now, before, time_unit="minute")
    time_card = shown[shown.index("jm-card-mean_time_in_cycle"):]
    goal_card = shown[shown.index("jm-card-goal_rate"):shown.index("jm-card-abandonment_rate")]
    assert "not meaningful: a queue upstream has no steady state" in text(time_card)
    assert "jm-card-unstable" not in goal_card  # only the flagged figure says so
    assert re.search(r"jm-card-value' style='[^']*color:#888", time_card)
    assert re.findall(r"jm-card-change' style='color:(#\w+)", time_card) == ["#555"]  # neither better nor worse
    assert re.findall(r"jm-card-change' style='color:(#\w+)", goal_card) == ["#b3261e"]  # still a verdict
    spanish = text(cards_html(now, time_unit="minute", language="es"))
    assert "sin sentido: una cola anterior no tiene estado estacionario" in spanish


def test_an_overloaded_run_flags_its_cards_end_to_end() -> None:
    import pytest

    from journeymap.errors import OverloadWarning
    from journeymap.model import Arrival, Exponential, Journey, Touchpoint, Transition
    from journeymap.simulation import simulate

    journey = Journey("overloaded desk", touchpoints=(
        Touchpoint("desk", capacity=1, service_time=Exponential(1.2), next=(Transition("done", 1.0),)),
        Touchpoint("done", goal=True)), arrivals=(Arrival("desk", rate=1.0),))
    with pytest.warns(OverloadWarning, match="desk"):
        result = simulate(journey, customers=300, replications=3, warmup=0.0, seed=4)
    shown = cards_html(result.kpis, time_unit="minute")
    assert "jm-card-unstable" in shown[shown.index("jm-card-mean_time_in_cycle"):]
