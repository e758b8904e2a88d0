"""Simulation figures for people and for machines: what kind of quantity each figure is, its name,
its value written for people, and the JSON document.

For people, each figure is written by :mod:`journeymap.text` according to its kind: shares as
percentages, times in the largest sensible unit, counts as whole numbers, throughput per hour (or
whatever unit gives at least one), in the journey's language. The JSON document gives every figure as
``{"mean": x, "ci_low": a, "ci_high": b}``, with ``null`` where a number is undefined (an interval
from a single replication, a wait where nobody came), and ``"unstable": true`` added to a figure that
is not meaningful because a queue upstream has no steady state.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import pandas as pd

from journeymap.text import N_, estimate, quantity, translator, unit_label

if TYPE_CHECKING:
    from journeymap.simulation.result import SimulationResult

__all__ = [
    "COUNTS",
    "FIGURE_NAMES",
    "KPI_NAMES",
    "MONEY",
    "RATES",
    "SERVICE_LEVEL_COLUMNS",
    "SHARES",
    "STAGE_COLUMNS",
    "TIMES",
    "TOUCHPOINT_COLUMNS",
    "UNSTABLE",
    "column_title",
    "figure_name",
    "format_kpi",
    "interval_table",
    "kind",
    "kpi_name",
    "number",
    "path_table",
    "result_document",
    "run_description",
    "stage_table",
    "summary_table",
    "touchpoint_table",
]

SHARES = frozenset({"goal_rate", "abandonment_rate", "drop_off_rate", "utilization", "reach", "in_progress_share",
                    "service_level"})
"""Figures that are shares of a whole (shown as percentages)."""

TIMES = frozenset({"mean_time_in_cycle", "p90_time_in_cycle", "mean_wait", "p50_wait", "p90_wait", "mean_time",
                   "service_level_threshold", "average_speed_of_answer"})
"""Figures that are times (in the journey's time unit)."""

COUNTS = frozenset({"arrived", "completed", "in_progress", "arrivals", "served", "abandoned", "retries", "entered",
                    "left", "max_queue"})
"""Figures that are numbers of customers."""

RATES = frozenset({"throughput", "visit_rate"})
"""Figures that are customers per time unit."""

MONEY = frozenset({"cost_per_customer", "cost_per_goal", "cost_total", "value_per_customer", "value_total"})
"""Figures that are amounts of money (the journey's economics)."""

KPI_NAMES: dict[str, str] = {
    "arrived": N_("customers who entered"),
    "completed": N_("customers who left the cycle"),
    "in_progress": N_("customers still in the cycle"),
    "in_progress_share": N_("share still in the cycle"),
    "goal_rate": N_("goal rate"),
    "abandonment_rate": N_("abandonment rate"),
    "drop_off_rate": N_("drop-off rate"),
    "mean_time_in_cycle": N_("mean time in the cycle"),
    "p90_time_in_cycle": N_("90th percentile of time in the cycle"),
    "moments_of_truth": N_("moments of truth per customer"),
    "throughput": N_("throughput"),
    "cost_per_customer": N_("cost to serve per customer"),
    "cost_per_goal": N_("cost per goal reached"),
    "cost_total": N_("cost to serve in the period"),
    "value_per_customer": N_("value created per customer"),
    "value_total": N_("value created in the period"),
}
"""The journey-level figures' names for people (translated with :func:`kpi_name`)."""

UNSTABLE = N_("not meaningful: a queue upstream has no steady state")
"""What a flagged figure says after its value (translated where it is shown)."""


def number(value: Any) -> float | None:
    """A float for JSON, or ``None`` when it is NaN or infinite."""
    value = float(value)
    return value if math.isfinite(value) else None


def kind(name: str) -> str:
    """The kind of quantity figure ``name`` is (see :data:`journeymap.text.KINDS`): ``share`` for
    :data:`SHARES` and any other ``*_rate``, ``time``, ``count``, ``rate`` (per time unit) or ``number``."""
    if name in SHARES or (name.endswith("_rate") and name not in RATES):
        return "share"
    if name in TIMES:
        return "time"
    if name in COUNTS:
        return "count"
    if name in RATES:
        return "rate"
    if name in MONEY:
        return "money"
    return "number"


def kpi_name(name: str, language: str = "en") -> str:
    """The name people read for figure ``name`` (``tasa de logro del objetivo``); the key, spaced out,
    for a figure without one."""
    return translator(language).gettext(KPI_NAMES[name]) if name in KPI_NAMES else name.replace("_", " ")


def format_kpi(name: str, value: float, time_unit: str, language: str = "en") -> str:
    """``value`` of figure ``name`` as people read it: ``62.4%``, ``18.5 min``, ``1,204``, ``2.31``,
    ``12 per hour``; ``—`` when it is undefined."""
    return quantity(value, kind(name), time_unit=time_unit, language=language)


def _figure(row: pd.Series) -> dict[str, float | bool | None]:
    figure: dict[str, float | bool | None] = {"mean": number(row["mean"]), "ci_low": number(row["ci_low"]),
                                              "ci_high": number(row["ci_high"])}
    if bool(row.get("unstable", False)):
        figure["unstable"] = True
    return figure


def _nested(intervals: pd.DataFrame) -> dict[str, dict[str, dict[str, float | bool | None]]]:
    out: dict[str, dict[str, dict[str, float | bool | None]]] = {}
    for (key, metric), row in intervals.iterrows():
        out.setdefault(str(key), {})[str(metric)] = _figure(row)
    return out


def result_document(result: SimulationResult) -> dict[str, Any]:
    """The JSON document of a result (see :meth:`SimulationResult.to_dict`)."""
    journey = result.journey
    paths = [
        {
            "path": row["path"].split(" → "),
            "customers": int(row["customers"]),
            "share": {"mean": number(row["share"]), "ci_low": number(row["ci_low"]),
                      "ci_high": number(row["ci_high"])},
        }
        for _, row in result.paths.iterrows()
    ]
    return {
        "title": journey.title,
        "time_unit": journey.time_unit,
        "replications": len(result.stats),
        "seed": result.seed if isinstance(result.seed, int | None) else str(result.seed),
        "customers": result.customers,
        "until": result.until,
        "horizon": result.settings.horizon,
        "warmup": result.warmup,
        "warmup_detected": result.warmup_choice.to_dict() if result.warmup_choice is not None else None,
        "precision": result.precision.to_dict() if result.precision is not None else None,
        "unstable": result.unstable,
        "kpis": {str(name): _figure(row) for name, row in result.kpis.iterrows()},
        "touchpoints": _nested(result.touchpoints_ci),
        "stages": _nested(result.stages_ci),
        "economics": ({str(name): _figure(row) for name, row in result.economics.iterrows()}
                      if len(result.economics) else None),
        "paths": paths,
        "paths_beyond": result.paths_beyond,
        **_teams(result),
        **_segments(result),
    }


def _segments(result: SimulationResult) -> dict[str, Any]:
    """``segments`` (by id, each with its ``kpis`` and ``touchpoints`` shaped like the top level's) when
    the journey has segments; nothing otherwise."""
    if not result.segments:
        return {}
    return {"segments": {
        segment: {"kpis": {str(name): _figure(row) for name, row in figures.kpis.iterrows()},
                  "touchpoints": _nested(figures.touchpoints_ci)}
        for segment, figures in result.segments.items()}}


def _teams(result: SimulationResult) -> dict[str, Any]:
    """``teams`` (by id, every figure with its interval, and ``utilization_by_hour``: 24 figures) when
    the journey has teams; nothing otherwise."""
    if not result.journey.teams:
        return {}
    teams: dict[str, Any] = _nested(result.teams_ci)
    hourly = result.team_utilization_by_hour()
    for team_id in teams:
        teams[team_id]["utilization_by_hour"] = [_figure(row) for _, row in hourly.xs(team_id, level="team").iterrows()]
    return {"teams": teams}


FIGURE_NAMES: dict[str, str] = {
    "arrivals": N_("arrivals"),
    "served": N_("served"),
    "abandoned": N_("abandoned"),
    "retries": N_("retries"),
    "mean_capacity": N_("servers on average"),
    "scheduled_hours": N_("scheduled server hours"),
    "busy_hours": N_("busy server hours"),
    "cost": N_("cost"),
    "abandonment_rate": N_("abandonment rate"),
    "mean_wait": N_("mean wait"),
    "p50_wait": N_("median wait"),
    "p90_wait": N_("90th percentile of wait"),
    "mean_time": N_("mean time there"),
    "utilization": N_("utilisation"),
    "mean_queue": N_("customers waiting, on average"),
    "max_queue": N_("most customers waiting"),
    "mean_in_service": N_("customers being served, on average"),
    "visits": N_("visits per customer"),
    "entered": N_("customers who entered"),
    "reach": N_("reach"),
    "left": N_("customers whose cycle ended here"),
    "service_level": N_("service level"),
    "service_level_threshold": N_("service-level threshold"),
    "average_speed_of_answer": N_("average speed of answer"),
}
"""The touchpoint and stage figures' names for people (translated with :func:`figure_name`)."""


def figure_name(name: str, language: str = "en") -> str:
    """The name people read for a touchpoint or stage figure (``mean_wait``: ``mean wait`` / ``espera
    media``), or for a journey-level one."""
    if name in FIGURE_NAMES:
        return translator(language).gettext(FIGURE_NAMES[name])
    return kpi_name(name, language)


def column_title(name: str, time_unit: str, language: str = "en") -> str:
    """A column heading with its unit: ``mean wait (min)``, ``utilisation (%)``; ``name`` is a figure's key
    (its name for people is used) or a name already written."""
    unit = unit_label(kind(name), time_unit=time_unit, language=language)
    shown = figure_name(name, language) if name in FIGURE_NAMES or name in KPI_NAMES else name
    return f"{shown} ({unit})" if unit else shown


def interval_table(intervals: pd.DataFrame, columns: tuple[str, ...], time_unit: str, language: str = "en",
                   names: dict[str, str] | None = None, heading: str | None = None) -> pd.DataFrame:
    """Figures of a ``touchpoints_ci`` or ``stages_ci`` table as text, each ``mean ± half-width of the
    95% interval`` (the interval itself where that would leave the figure's range), one row per id
    (shown by its name in ``names`` when there is one, under ``heading``), each column headed by the
    figure's name and, for shares and numbers, its unit; times are each said in their largest sensible
    unit (``18 ± 2.1 min``, ``1 h 30 min``)."""
    words = translator(language)
    rows = []
    for key in dict.fromkeys(intervals.index.get_level_values(0)):
        name = (names or {}).get(str(key), str(key)) or words.gettext("(no stage)")
        cells = {heading or words.gettext("name"): name}
        flagged = False
        for column in columns:
            row = intervals.loc[(key, column)]
            flagged = flagged or bool(row.get("unstable", False))
            what = kind(column)
            title = figure_name(column, language) if what == "time" else column_title(column, time_unit, language)
            cells[title] = estimate(row["mean"], (row["ci_high"] - row["ci_low"]) / 2, what, time_unit=time_unit,
                                    language=language, bare=what != "time")
        if flagged:  # a queue upstream grows without end: these figures depend on when the run stopped
            cells[heading or words.gettext("name")] = f"{name} ({words.gettext(UNSTABLE)})"
        rows.append(cells)
    return pd.DataFrame(rows)


def summary_table(result: SimulationResult, language: str | None = None) -> pd.DataFrame:
    """The journey-level figures as people read them: one row per figure (by its name), its value and
    95% interval (kept within what the figure can take: a share within 0–100%), in ``language`` (by
    default the journey's)."""
    from journeymap.text import interval

    language = language or result.journey.language
    words = translator(language)
    unit = result.journey.time_unit
    rows = []
    economics = getattr(result, "economics", None)
    figures = result.kpis if economics is None or not len(economics) else pd.concat([result.kpis, economics])
    for name, row in figures.iterrows():
        low, high, what = row["ci_low"], row["ci_high"], kind(str(name))
        between = "" if not math.isfinite(low) else interval(low, high, what, time_unit=unit, language=language)
        value = quantity(row["mean"], what, time_unit=unit, language=language)
        if row.get("unstable", False):  # a queue upstream has no steady state: say so after the value
            value += f" ({words.gettext(UNSTABLE)})"
        rows.append({words.gettext("figure"): kpi_name(str(name), language), words.gettext("value"): value,
                     words.gettext("95% interval"): between})
    return pd.DataFrame(rows).set_index(words.gettext("figure"))


TOUCHPOINT_COLUMNS = ("arrivals", "abandonment_rate", "mean_wait", "p90_wait", "mean_time", "utilization",
                      "mean_queue")
"""The touchpoint figures :func:`touchpoint_table` shows."""

SERVICE_LEVEL_COLUMNS = ("service_level", "service_level_threshold", "average_speed_of_answer")
"""The service-level figures :func:`touchpoint_table` adds when some touchpoint has a service-level threshold."""

STAGE_COLUMNS = ("entered", "reach", "mean_time", "left", "abandoned")
"""The stage figures :func:`stage_table` shows."""


def touchpoint_table(result: SimulationResult, language: str | None = None) -> pd.DataFrame:
    """The touchpoints' figures for people (see :func:`interval_table`), one row per touchpoint by name."""
    journey = result.journey
    names = {tp.id: tp.label for tp in journey.touchpoints}
    language = language or journey.language
    columns = TOUCHPOINT_COLUMNS
    if "service_level" in result.touchpoints and result.touchpoints["service_level"].notna().any():
        columns = (*columns, *SERVICE_LEVEL_COLUMNS)
    return interval_table(result.touchpoints_ci, columns, journey.time_unit, language, names,
                          translator(language).gettext("touchpoint"))


def stage_table(result: SimulationResult, language: str | None = None) -> pd.DataFrame:
    """The stages' figures for people (see :func:`interval_table`), one row per stage by name."""
    journey = result.journey
    names = {stage.id: stage.label for stage in journey.stages}
    language = language or journey.language
    return interval_table(result.stages_ci, STAGE_COLUMNS, journey.time_unit, language, names,
                          translator(language).gettext("stage"))


def path_table(result: SimulationResult, language: str | None = None, top: int = 5) -> pd.DataFrame:
    """The ``top`` most frequent paths through the cycle, touchpoints by name, with the share of the customers
    who left the cycle that took each."""
    from journeymap.text import percent

    language = language or result.journey.language
    words = translator(language)
    names = {tp.id: tp.label for tp in result.journey.touchpoints}
    rows = [{words.gettext("share"): percent(row["share"], language),
             words.gettext("path"): " → ".join(names.get(tp, tp) for tp in str(row["path"]).split(" → "))}
            for _, row in result.paths.head(top).iterrows()]
    return pd.DataFrame(rows, columns=[words.gettext("share"), words.gettext("path")])


def run_description(settings: Any, journey: Any, language: str | None = None, *, paired: bool = False) -> str:
    """How a simulation ran (its resolved :class:`~journeymap.simulation.RunSettings`), for people:
    ``10 replications × 10,000 customers, seed 0, warm-up 2 h``; ``paired`` says the replications were
    paired (a comparison)."""
    from journeymap.text import count, duration

    language = language or journey.language
    words = translator(language)
    unit = journey.time_unit
    stops = []
    if settings.customers:
        stops.append(words.gettext("{customers} customers", customers=count(settings.customers, language)))
    if settings.until is not None:
        stops.append(words.gettext("until {time}", time=duration(settings.until, unit, language)))
    elif not settings.customers and getattr(settings, "horizon", None):
        stops.append(words.gettext("a working day of {time}", time=duration(settings.horizon, unit, language)))
    if paired:
        runs = words.ngettext("{n} paired replication", "{n} paired replications", settings.replications)
    else:
        runs = words.ngettext("{n} replication", "{n} replications", settings.replications)
    parts = [runs + " × " + words.gettext(" or ").join(stops) if stops else runs,
             words.gettext("seed {seed}", seed=settings.seed)]
    if settings.warmup:
        parts.append(words.gettext("warm-up {time}", time=duration(settings.warmup, unit, language)))
    return ", ".join(parts)


def run_notes(result: SimulationResult, language: str | None = None) -> list[str]:
    """What a reader should know about how a run went, a sentence each, in ``language``: the warm-up that
    was detected, the share of customers still inside when a run stopped at a time, whether the precision
    asked for was reached, and the touchpoints whose figures are not meaningful (a queue upstream without
    a steady state)."""
    from journeymap.text import duration, percent

    journey = result.journey
    language = language or journey.language
    words = translator(language)
    unit = journey.time_unit
    notes = []
    choice = getattr(result, "warmup_choice", None)
    if choice is not None:
        notes.append(words.gettext(
            "Warm-up detected: {time} (the larger of MSER-5, {mser}, and five relaxation times of the slowest "
            "queue, {floor}).", time=duration(choice.time, unit, language),
            mser=duration(choice.mser_time, unit, language), floor=duration(choice.floor, unit, language)))
    if result.settings.until is not None and "in_progress_share" in result.kpis.index:
        inside = float(result.kpis.loc["in_progress_share", "mean"])
        notes.append(words.gettext("{share} of the customers were still inside when the run stopped; figures per "
                                   "customer cover those who left.", share=percent(inside, language)))
    report = getattr(result, "precision", None)
    if report is not None:
        if report.reached:
            notes.append(words.gettext("Precision {target} reached: every headline figure's 95% interval is "
                                       "within ± {worst} of its mean.", target=percent(report.target, language),
                                       worst=percent(report.relative, language)))
        else:
            notes.append(words.gettext("Precision {target} not reached within {most} replications: the widest "
                                       "interval is ± {worst} of its mean ({kpi}).",
                                       target=percent(report.target, language), most=report.most,
                                       worst=percent(report.relative, language),
                                       kpi=kpi_name(report.widest, language)))
    unstable = getattr(result, "unstable", [])
    if unstable:
        names = {tp.id: tp.name for tp in journey.touchpoints}
        notes.append(words.gettext("Not meaningful (a queue upstream has no steady state): {names}.",
                                   names=", ".join(names.get(tp, tp) for tp in unstable)))
    return notes
