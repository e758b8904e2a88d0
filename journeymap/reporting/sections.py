"""The sections of the client's report, built from the figures of :mod:`journeymap.reporting.inputs`.

Each ``*_section`` function returns a :class:`~journeymap.reporting.blocks.Section`, or ``None`` when
its input was not given (the report leaves it out rather than print it empty). :data:`SECTIONS` lists
them in the order they print.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from journeymap.render import draw
from journeymap.render.notes import MapNotes, map_notes
from journeymap.render.words import channel_name, metric_title, view_title
from journeymap.reporting.blocks import (
    Bullets,
    Figure,
    Paragraphs,
    Section,
    Table,
    chart_uri,
    sentence_case,
    svg_uri,
    table_of,
)
from journeymap.reporting.findings import (
    impact_text,
    measure_next,
    moments_at_risk,
    quick_win_sentences,
    risk_sentences,
)
from journeymap.reporting.inputs import Inputs
from journeymap.text import N_, Translator, count, duration, number, percent, quantity, translator

__all__ = ["REPORT_VIEWS", "SECTIONS", "TITLES", "build_sections"]

TITLES: dict[str, str] = {
    "summary": N_("Summary of findings"),
    "views": N_("The cycle in its views"),
    "moments": N_("Moments of truth and requirements"),
    "analysis": N_("Route analysis"),
    "simulation": N_("Simulation: indicators with their intervals"),
    "scenarios": N_("What-if scenarios"),
    "plan": N_("Action plan"),
    "survey_plan": N_("Survey plan"),
    "survey_results": N_("Survey results"),
    "backtest": N_("Back-test of the calibration"),
}
"""The sections in the order they print, with their titles."""

REPORT_VIEWS: tuple[str, ...] = ("map", "cycle", "blueprint", "flow")
"""The views of the cycle the report shows, in order."""


class _Context:
    """What the section builders share: the figures, the words and the map's notes."""

    def __init__(self, inputs: Inputs) -> None:
        self.inputs = inputs
        self.journey = inputs.journey
        self.words: Translator = translator(inputs.journey.language)
        self.language = self.words.language
        self.notes: MapNotes = map_notes(self.journey, self.words, analysis=inputs.analysis,
                                         simulation=inputs.simulation, plan=inputs.plan)

    def title(self, key: str) -> str:
        return self.words.gettext(TITLES[key])


def summary_section(c: _Context) -> Section:
    words, journey, inputs = c.words, c.journey, c.inputs
    headline = words.gettext("{title}: {touchpoints} touchpoints over {stages} stages, {moments} moments of truth.",
                             title=journey.title, touchpoints=count(len(journey.touchpoints), c.language),
                             stages=count(len(journey.stages), c.language),
                             moments=count(len(journey.moments_of_truth), c.language))
    lines = [headline]
    if inputs.analysis is not None and journey.goals:
        lines.append(words.gettext("In the long run {share} of customers reach a goal (route analysis).",
                                   share=percent(inputs.analysis.goal_probability, c.language, digits=2)))
    blocks: list[Any] = [Paragraphs(tuple(lines))]
    risks = moments_at_risk(inputs, c.notes, words)
    if risks:
        blocks.append(Bullets(tuple(risk_sentences(risks, journey, words)),
                              words.gettext("The moments of truth most at risk, and why:")))
    wins = quick_win_sentences(inputs.plan, journey, words)
    if wins:
        blocks.append(Bullets(tuple(wins), words.gettext("The quick wins, and what they bring:")))
    blocks.append(Bullets(tuple(measure_next(inputs, words)), words.gettext("What to measure next:")))
    return Section("summary", c.title("summary"), tuple(blocks))


def views_section(c: _Context) -> Section:
    figures = []
    for view in REPORT_VIEWS:
        if view == "map":
            drawing = draw(c.journey, view, simulation=c.inputs.simulation, plan=c.inputs.plan)
        else:
            drawing = draw(c.journey, view)
        name = view_title(c.words, view)
        figures.append(Figure(svg_uri(drawing.svg()), name, name, wide=True))
    return Section("views", c.title("views"), tuple(figures), wide=True)


def _requirement(requirement: Any, c: _Context) -> str:
    wait = (getattr(requirement, "standard", None) or {}).get("wait")
    text = str(requirement)
    if wait is None:
        return text
    return c.words.gettext("{requirement} (standard: wait at most {limit})", requirement=text,
                           limit=duration(wait, c.journey.time_unit, c.language))


def moments_section(c: _Context) -> Section | None:
    journey, words = c.journey, c.words
    if not journey.moments_of_truth:
        return None
    stages = {stage.id: stage.label for stage in journey.stages}
    rows = []
    for tp in journey.moments_of_truth:
        shown = tp.shown_satisfaction
        if shown is None:
            satisfaction = "—"
        elif tp.satisfaction_is_measured and tp.measured_satisfaction is not None:
            satisfaction = words.gettext("{score} measured (n={n})", score=number(shown, c.language, digits=2),
                                         n=count(tp.measured_satisfaction.n, c.language))
        else:
            satisfaction = words.gettext("{score} estimated", score=number(shown, c.language, digits=2))
        rows.append((tp.label, stages.get(tp.stage, tp.stage), channel_name(words, tp.channel), tp.owner or "",
                     "; ".join(_requirement(r, c) for r in tp.requirements) or "—", satisfaction))
    headers = (words.gettext("Moment of truth"), words.gettext("Stage"), words.gettext("Channel"),
               words.gettext("Owner"), words.gettext("What the customer requires"), words.gettext("Satisfaction (1–5)"))
    return Section("moments", c.title("moments"), (Table(headers, tuple(rows)),))


def analysis_section(c: _Context) -> Section | None:
    analysis, words = c.inputs.analysis, c.words
    if analysis is None:
        return None
    lines = [words.gettext("A customer lives {moments} moments of truth on average; customers arrive at {rate}.",
                           moments=number(analysis.expected_moments_of_truth, c.language),
                           rate=quantity(analysis.arrival_rate, "rate", time_unit=c.journey.time_unit,
                                         language=c.language))]
    if c.journey.goals:
        lines.append(words.gettext("{share} of customers reach a goal in the long run.",
                                   share=percent(analysis.goal_probability, c.language, digits=2)))
    table = analysis.touchpoints
    rows = []
    for tp in c.journey.touchpoints:
        row = table.loc[tp.id]
        rows.append((tp.label, number(row["expected_visits"], c.language),
                     percent(row["reach_probability"], c.language, digits=2),
                     percent(row["drop_off"], c.language, digits=2),
                     percent(row["offered_load"], c.language, digits=2) if row["offered_load"] > 0 else "—"))
    headers = (words.gettext("Touchpoint"), metric_title(words, "expected_visits"),
               metric_title(words, "reach_probability"), metric_title(words, "drop_off"),
               metric_title(words, "offered_load"))
    blocks: list[Any] = [Paragraphs(tuple(lines)), Table(headers, tuple(rows), frozenset({1, 2, 3, 4}))]
    if c.inputs.notes:
        blocks.append(Bullets(tuple(c.inputs.notes), words.gettext("Notes on the figures:")))
    return Section("analysis", c.title("analysis"), tuple(blocks))


def simulation_section(c: _Context) -> Section | None:
    result, words = c.inputs.simulation, c.words
    if result is None:
        return None
    frame = result.summary(c.language)  # already as people read it: names, units, intervals within range
    rows = tuple((sentence_case(str(name)), str(value), str(interval))
                 for name, (value, interval) in zip(frame.index, frame.to_numpy(), strict=True))
    headers = (words.gettext("Indicator"), words.gettext("Value"), words.gettext("95% interval"))
    settings = result.settings
    if settings.customers is not None:
        how = words.gettext("{replications} replications of {customers} customers each, seed {seed}.",
                            replications=count(len(result.stats), c.language),
                            customers=count(settings.customers, c.language), seed=str(settings.seed))
    else:
        how = words.gettext("{replications} replications until {until}, seed {seed}.",
                            replications=count(len(result.stats), c.language),
                            until=duration(settings.until, c.journey.time_unit, c.language), seed=str(settings.seed))
    return Section("simulation", c.title("simulation"),
                   (Paragraphs((how,)), Table(headers, rows, frozenset({1, 2}))))


def scenarios_section(c: _Context) -> Section | None:
    comparison, words = c.inputs.comparison, c.words
    if comparison is None:
        return None
    from journeymap.experiment.metrics import metric_name

    frame = comparison.summary()
    names = (sentence_case(metric_name(str(k), c.language)) for k in frame.columns)
    headers = (words.gettext("Scenario"), *names)
    rows = tuple((str(name), *(str(v) for v in row)) for name, row in frame.iterrows())
    lead = words.gettext("Each cell: the base → the scenario (the change, with its paired 95% interval).")
    return Section("scenarios", c.title("scenarios"), (Paragraphs((lead,)), Table(headers, rows)), wide=True)


def plan_section(c: _Context) -> Section | None:
    plan, words = c.inputs.plan, c.words
    if plan is None:
        return None
    rows = []
    for row in plan.table.to_dict(orient="records"):
        rows.append((str(row["rank"]), str(row["intervention"]), str(row.get("owner") or ""),
                     impact_text(row, c.journey, words, short=True), number(row["effort"], c.language),
                     str(row["quadrant_label"])))
    headers = (words.gettext("#"), words.gettext("Intervention"), words.gettext("Owner"), words.gettext("Impact"),
               words.gettext("Effort"), words.gettext("Quadrant"))
    chart = Figure(chart_uri(plan.plot()), words.gettext("Impact and effort of each intervention"),
                   words.gettext("Impact and effort of each intervention"))
    return Section("plan", c.title("plan"), (Table(headers, tuple(rows), frozenset({0, 4})), chart))


def survey_plan_section(c: _Context) -> Section | None:
    sampling = c.inputs.sampling
    if sampling is None or not len(sampling.table):
        return None
    frame = sampling.summary(c.language)
    lead = c.words.gettext("Answers each moment of truth needs for a margin of ±{margin} at {confidence}, and the "
                           "days of fieldwork at a {rate} response rate.",
                           margin=percent(sampling.margin, c.language, digits=2),
                           confidence=percent(sampling.confidence, c.language, digits=2),
                           rate=percent(sampling.response_rate, c.language, digits=2))
    table = table_of(frame, c.language)
    return Section("survey_plan", c.title("survey_plan"),
                   (Paragraphs((lead,)), Table(table.headers, table.rows, frozenset(range(1, len(table.headers))))))


def survey_results_section(c: _Context) -> Section | None:
    scores, words = c.inputs.scores, c.words
    if scores is None:
        return None
    blocks: list[Any] = [Paragraphs((words.ngettext("{n} customer answered the survey.",
                                                    "{n} customers answered the survey.", scores.respondents),))]
    blocks.append(table_of(scores.summary(c.language), c.language))
    requirements = scores.requirements_summary(c.language)
    if len(requirements):
        blocks.append(table_of(requirements, c.language))
    nps = scores.nps
    if nps.get("n"):
        blocks.append(Paragraphs((words.gettext("Net Promoter Score {value} (95% interval {low} to {high}, n={n}).",
                                                value=f"{nps['value']:+.0f}", low=f"{nps['ci_low']:+.0f}",
                                                high=f"{nps['ci_high']:+.0f}", n=count(nps["n"], c.language)),)))
    with contextlib.suppress(ValueError, KeyError):  # too few answers to derive importance: the tables say it all
        blocks.append(Figure(chart_uri(scores.plot()), words.gettext("Importance and performance of each moment"),
                             words.gettext("Importance and performance of each moment")))
    return Section("survey_results", c.title("survey_results"), tuple(blocks))


def backtest_section(c: _Context) -> Section | None:
    backtest, words = c.inputs.backtest, c.words
    if backtest is None:
        return None
    import matplotlib.pyplot as plt

    lead = words.gettext("The map calibrated from the event log, simulated over the log's span: {share} of the "
                         "figures fall within the simulation's range.",
                         share=percent(backtest.within, c.language, digits=2))
    figure = backtest.plot()
    figure = figure if hasattr(figure, "savefig") else plt.gcf()
    return Section("backtest", c.title("backtest"),
                   (Paragraphs((lead,)), table_of(backtest.table(), c.language),
                    Figure(chart_uri(figure), c.title("backtest"), c.title("backtest"))))


SECTIONS: dict[str, Callable[[_Context], Section | None]] = {
    "summary": summary_section,
    "views": views_section,
    "moments": moments_section,
    "analysis": analysis_section,
    "simulation": simulation_section,
    "scenarios": scenarios_section,
    "plan": plan_section,
    "survey_plan": survey_plan_section,
    "survey_results": survey_results_section,
    "backtest": backtest_section,
}
"""Each section's builder, in the order the report prints them."""


def build_sections(inputs: Inputs) -> tuple[Section, ...]:
    """The sections of the report of ``inputs``, those without inputs left out."""
    context = _Context(inputs)
    built = (builder(context) for builder in SECTIONS.values())
    return tuple(section for section in built if section is not None)
