"""The simulator panel: change servers, patience and arrivals with sliders, run, and compare with the
previous run.

``Simulator(journey)`` shows one row per touchpoint (servers, mean patience), the arrival rate at each
entry, and the run settings (customers, replications, seed). The sliders and boxes make a
:class:`~journeymap.experiment.scenario.Scenario` of changes to the journey given (:attr:`Simulator.scenario`);
Run applies it and simulates the result through :func:`journeymap.simulation.simulate`, as a notebook
user would, then shows KPI cards with 95% intervals beside the previous run's numbers, a table of
every run, the waits chart, the funnel, and the diagram painted with a chosen metric.
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

from journeymap.errors import Issue, JourneyError
from journeymap.experiment.changes import Change, set_arrival_rate, set_capacity, set_patience
from journeymap.experiment.scenario import Scenario
from journeymap.model import Journey, mean_arrival_rate, validate
from journeymap.simulation import simulate
from journeymap.text import translator
from journeymap.widgets.cards import CARDS, cards_html, figure_html, format_time, format_value
from journeymap.widgets.diagram import DiagramView
from journeymap.widgets.fields import Field
from journeymap.widgets.messages import issues_html, notice_html
from journeymap.widgets.parsing import format_rate_text, parse_optional_rate
from journeymap.widgets.words import SIM_METRICS, choices, name_of

__all__ = ["METRICS", "Run", "Simulator"]

METRICS = ("utilization", "mean_wait", "abandonment_rate", "visits", "mean_queue", "service_level",
           "average_speed_of_answer")
"""Metrics offered for painting the diagram first, when the result has them."""


@dataclass(frozen=True)
class Run:
    """One press of Run: its number, the scenario of the settings and the journey it made, what the
    settings changed in words (``call: 4→6 servers``), and the result."""

    number: int
    scenario: Scenario
    journey: Journey
    changes: tuple[str, ...]
    result: Any


class Simulator(w.VBox):
    """Sliders for servers and patience, inputs for arrival rates and run settings, Run, and the results.

    ``customers``, ``replications`` and ``seed`` are the starting run settings; ``view`` is the
    diagram's first view. :attr:`journey` is the journey with the current settings; :attr:`runs`
    every run so far, :attr:`result` the last one's result.
    """

    def __init__(
        self, journey: Journey, *, customers: int = 1000, replications: int = 10, seed: int = 1, view: str = "flow"
    ) -> None:
        errors = [i for i in validate(journey) if i.is_error]
        if errors:
            raise JourneyError(errors)
        self.base = journey
        self.words = words = translator(journey.language)
        gettext = words.gettext
        self.runs: list[Run] = []
        self.capacity: dict[str, w.IntSlider] = {}
        self.patience: dict[str, w.FloatSlider] = {}
        rows = self._touchpoint_rows(journey)
        self.arrivals: dict[str, w.Text] = {
            tp_id: w.Text(value=format_rate_text(rate, journey.time_unit, journey.language),
                          tooltip=_name(journey, tp_id), continuous_update=False,
                          layout=w.Layout(width="auto", flex="1 1 auto"))
            for tp_id, rate in mean_arrival_rate(journey).items()
        }
        self.arrival_fields: dict[str, Field] = {}
        for tp_id, box in self.arrivals.items():  # the name wraps beside its box, never cut
            name = w.HTML(f"<div style='white-space:normal;overflow-wrap:anywhere;line-height:1.2'>"
                          f"{html.escape(_name(journey, tp_id))}</div>", layout=w.Layout(width="15em", flex="0 0 auto"))
            row = w.HBox([name, box], layout=w.Layout(width="100%", align_items="center"))
            field = Field(row, name=f"arrival-{tp_id}")
            field.message.layout.margin = "0 0 2px 15em"
            self.arrival_fields[tp_id] = field
        narrow = {"style": {"description_width": "9em"}}
        self.customers = w.BoundedIntText(
            value=customers, min=10, max=10_000_000, description=gettext("customers"), layout=w.Layout(width="18em"),
            **narrow,
        )
        self.replications = w.IntSlider(
            value=replications, min=1, max=max(50, replications), description=gettext("replications"),
            continuous_update=False, layout=w.Layout(width="26em"), **narrow,
        )
        self.seed = w.IntText(value=seed, description=gettext("seed"), layout=w.Layout(width="18em"), **narrow)
        self.run_button = w.Button(description=gettext("Run"), icon="play", button_style="success",
                                   layout=w.Layout(width="9em"))
        self.run_button.add_class("jm-run")
        self.progress = w.FloatProgress(value=0, min=0, max=replications, layout=w.Layout(width="14em"))
        self.progress.add_class("jm-progress")
        self.progress_label = w.HTML()
        self.message = w.HTML()
        self.cards = w.HTML()
        self.cards.add_class("jm-kpi-cards")
        self.runs_table = w.HTML()
        self.metric = w.Dropdown(
            options=choices(words, SIM_METRICS, METRICS), value=METRICS[0], description=gettext("paint by"),
            style={"description_width": "initial"},
        )
        self.diagram = DiagramView(view)
        self.waits = w.HTML()
        self.funnel = w.HTML()
        self.results = w.Tab([w.VBox([self.metric, self.diagram]), self.waits, self.funnel])
        for index, title in enumerate((gettext("Diagram"), gettext("Waits"), gettext("Funnel"))):
            self.results.set_title(index, title)
        settings = w.VBox(
            [
                w.HTML(_bold(gettext("Servers and patience"))),
                rows,
                w.HTML(_bold(gettext("Arrivals")) + " " + _muted(gettext("rates like 30/h"))),
                *self.arrival_fields.values(),
                w.HTML(_bold(gettext("Run"))),
                self.customers,
                self.replications,
                self.seed,
                w.HBox([self.run_button, self.progress, self.progress_label], layout=w.Layout(align_items="center")),
                self.message,
            ],
            layout=w.Layout(flex="1 1 0%", min_width="380px", padding="0 16px 0 0"),
        )
        summary = w.VBox([self.cards, self.runs_table], layout=w.Layout(flex="1 1 0%", min_width="380px"))
        heading = gettext("Simulate: {title}", title=journey.title)
        title = w.HTML(f"<h3 style='margin:4px 0'>{html.escape(heading)}</h3>")
        top = w.HBox([settings, summary], layout=w.Layout(width="100%", flex_flow="row wrap"))
        super().__init__([title, top, self.results])
        self.add_class("jm-simulator")
        self.run_button.on_click(lambda _: self.run())
        self.metric.observe(lambda _: self._paint(), names="value")
        self.diagram.show(journey)

    def _touchpoint_rows(self, journey: Journey) -> w.GridBox:
        """A grid with one row per touchpoint that has servers or patience to change: its name, a
        servers slider, and a mean-patience slider with the time written out (``3 min``)."""
        unit = journey.time_unit
        gettext = self.words.gettext
        cells: list[w.Widget] = [
            w.HTML(f"<span style='color:#555;font-size:0.85em'>{html.escape(title)}</span>")
            for title in (gettext("touchpoint"), gettext("servers"), gettext("mean patience"))
        ]
        for tp in journey.touchpoints:
            if tp.capacity is None and tp.patience is None:
                continue
            cells.append(w.HTML(  # wrapped, never cut: a workshop reads every name
                f"<div title='{html.escape(tp.label)}' style='white-space:normal;overflow-wrap:anywhere;"
                f"line-height:1.2;font-size:0.9em'>{html.escape(tp.label)}</div>",
            ))
            if tp.capacity is not None:
                top = max(tp.capacity * 3, tp.capacity + 5)
                slider = w.IntSlider(value=tp.capacity, min=1, max=top, continuous_update=False,
                                     layout=w.Layout(width="auto"))
                slider.add_class(f"jm-capacity-{tp.id}")
                self.capacity[tp.id] = slider
                cells.append(slider)
            else:
                cells.append(w.HTML(_muted(gettext("unlimited"))))
            if tp.patience is not None and tp.patience.mean > 0:
                mean = float(tp.patience.mean)
                slider = w.FloatSlider(value=mean, min=mean / 10, max=mean * 4, step=mean / 20, readout=False,
                                       continuous_update=False, layout=w.Layout(width="auto", flex="1 1 auto"))
                language = journey.language
                shown = w.HTML(format_time(mean, unit, language),
                               layout=w.Layout(min_width="6.5em", flex="0 0 auto"))

                def follow(change: dict, label: w.HTML = shown, language: str = language) -> None:
                    label.value = format_time(change["new"], unit, language)

                slider.observe(follow, names="value")
                self.patience[tp.id] = slider
                cells.append(w.HBox([slider, shown], layout=w.Layout(align_items="center")))
            else:
                cells.append(w.HTML(_muted(gettext("no limit"))))
        return w.GridBox(cells, layout=w.Layout(
            grid_template_columns="minmax(8em, 15em) minmax(10em, 1fr) minmax(12em, 1fr)", grid_gap="4px 10px",
            align_items="center", max_height="330px", overflow="auto", width="100%",
        ))

    # -- settings --------------------------------------------------------------------------------
    def _settings(self) -> list[tuple[Change, str]]:
        """Each setting that differs from the journey given, as a change and in words (``UnitError`` on a
        bad rate)."""
        unit, language, gettext = self.base.time_unit, self.base.language, self.words.gettext
        found: list[tuple[Change, str]] = []
        for tp_id, servers in self.capacity.items():
            old = self.base.touchpoint(tp_id).capacity
            if servers.value != old:
                words = gettext("{name}: {old}→{new} servers", name=_name(self.base, tp_id), old=old, new=servers.value)
                found.append((set_capacity(tp_id, int(servers.value)), words))
        for tp_id, patience in self.patience.items():
            mean = self.base.touchpoint(tp_id).patience.mean  # type: ignore[union-attr]  # a slider means one
            if patience.value != mean:
                words = gettext("{name}: patience {old}→{new}", name=_name(self.base, tp_id),
                          old=format_time(mean, unit, language), new=format_time(patience.value, unit, language))
                found.append((set_patience(tp_id, float(patience.value)), words))
        rates = mean_arrival_rate(self.base)
        for tp_id, box in self.arrivals.items():
            rate = parse_optional_rate(box.value, unit, field=_name(self.base, tp_id), language=language)
            if rate is None or abs(rate - rates[tp_id]) > 1e-12:
                before = format_rate_text(rates[tp_id], unit, language) or 0
                after = format_rate_text(rate, unit, language) or 0
                words = gettext("{name}: arrivals {old}→{new}", name=_name(self.base, tp_id), old=before, new=after)
                found.append((set_arrival_rate(rate, tp_id), words))
        return found

    def _check_arrivals(self) -> bool:
        """Read every arrivals box, showing a problem beside its own box; whether all were read."""
        good = True
        for tp_id, field in self.arrival_fields.items():
            try:
                parse_optional_rate(self.arrivals[tp_id].value, self.base.time_unit, field=_name(self.base, tp_id),
                                    language=self.base.language)
            except JourneyError as exc:
                field.show(exc.issues)
                good = False
            else:
                field.show([])
        return good

    @property
    def scenario(self) -> Scenario:
        """The panel's servers, patience and arrival rates as a scenario of changes to the journey given
        (only the settings that differ from it; ``UnitError`` on a bad rate)."""
        return self._scenario(self._settings())

    def _scenario(self, settings: list[tuple[Change, str]]) -> Scenario:
        return Scenario(f"run {len(self.runs) + 1}", [change for change, _ in settings])

    @property
    def journey(self) -> Journey:
        """The journey with the panel's current settings: :attr:`scenario` applied to the journey given
        (``UnitError`` on a bad rate, ``ScenarioError`` when the settings make it invalid)."""
        return self.scenario.apply(self.base)

    @property
    def result(self) -> Any:
        """The last run's result (``None`` before the first run)."""
        return self.runs[-1].result if self.runs else None

    # -- running ---------------------------------------------------------------------------------
    def run(self) -> Any:
        """Simulate the journey with the current settings and show the results; returns the result (or ``None``)."""
        gettext = self.words.gettext
        if not self._check_arrivals():
            self.message.value = issues_html([Issue(gettext("not run: an arrival rate above cannot be read"))])
            return None
        try:
            settings = self._settings()
            scenario = self._scenario(settings)
            journey = scenario.apply(self.base)
        except JourneyError as exc:
            self.message.value = issues_html(exc.issues, with_path=True)
            return None
        replications = int(self.replications.value)
        self.progress.max, self.progress.value = replications, 0
        self.progress_label.value = gettext("running…")
        self.message.value = ""
        self.run_button.disabled = True
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = self._simulate(journey, replications)
        except (JourneyError, ValueError, ArithmeticError) as exc:
            issues = exc.issues if isinstance(exc, JourneyError) else [Issue(str(exc))]
            self.message.value = issues_html(issues, with_path=True)
            self.progress_label.value = ""
            return None
        finally:
            self.run_button.disabled = False
        self.progress.value = replications
        previous = self.result
        run = Run(len(self.runs) + 1, scenario, journey, tuple(words for _, words in settings), result)
        self.runs.append(run)
        self.progress_label.value = gettext("run {n} done", n=run.number)
        self.message.value = issues_html([Issue(str(warning.message), severity="warning") for warning in caught])
        self._show(run, previous)
        return result

    def _simulate(self, journey: Journey, replications: int) -> Any:
        return simulate(
            journey, customers=int(self.customers.value), replications=replications, seed=int(self.seed.value),
            progress=self._progressed,
        )

    def _progressed(self, done: float, total: float | None = None) -> None:
        """Progress callback: ``done`` replications finished (fractions within one) of ``total``.

        The bar moves in steps of 2% so that a long run does not flood the browser with updates."""
        if total:
            self.progress.max = float(total)
        value = min(float(done), self.progress.max)
        if value < self.progress.max and value - self.progress.value < self.progress.max / 50:
            return
        self.progress.value = value
        self.progress_label.value = self.words.gettext("{done}/{total} replications", done=int(self.progress.value),
                                                       total=int(self.progress.max))

    # -- showing ---------------------------------------------------------------------------------
    def _show(self, run: Run, previous: Any) -> None:
        unit, language = self.base.time_unit, self.base.language
        self.cards.value = cards_html(run.result.kpis, previous.kpis if previous is not None else None,
                                      time_unit=unit, language=language, analysis_goal=_analysis_goal(run.journey))
        self.runs_table.value = self._table(unit)
        for target, method in ((self.waits, "plot_waits"), (self.funnel, "plot_funnel")):
            try:
                target.value = figure_html(getattr(run.result, method)())
            except (ValueError, KeyError, AttributeError, TypeError) as exc:
                target.value = notice_html(self.words.gettext("no chart: {reason}", reason=str(exc)), kind="warning")
        columns = list(getattr(run.result.touchpoints, "columns", []))
        offered = [m for m in METRICS if m in columns] + [c for c in columns if c not in METRICS]
        if offered:
            current = self.metric.value
            self.metric.options = choices(self.words, SIM_METRICS, offered)
            self.metric.value = current if current in offered else offered[0]
        self._paint()

    def _table(self, unit: str) -> str:
        gettext, language = self.words.gettext, self.base.language
        run_word, settings_word = gettext("run"), gettext("settings")
        head = "".join(f"<th style='text-align:right;padding:2px 8px'>{html.escape(gettext(c.title))}</th>"
                       for c in CARDS)
        body = []
        for run in self.runs[::-1][:8]:
            kpis = run.result.kpis
            figures = [format_value(float(kpis.loc[c.kpi, "mean"]), c.kind, unit, language)
                       if c.kpi in kpis.index else "—" for c in CARDS]
            cells = "".join(f"<td style='text-align:right;padding:2px 8px'>{f}</td>" for f in figures)
            changes = html.escape(", ".join(run.changes) or gettext("as given"))
            body.append(f"<tr><td style='padding:2px 8px'>#{run.number}</td><td style='padding:2px 8px;color:#555'>"
                        f"{changes}</td>{cells}</tr>")
        return (f"<table class='jm-runs' style='border-collapse:collapse;font-size:0.85em;margin:8px 0'>"
                f"<tr><th style='padding:2px 8px'>{html.escape(run_word)}</th>"
                f"<th style='text-align:left;padding:2px 8px'>{html.escape(settings_word)}</th>"
                f"{head}</tr>{''.join(body)}</table>")

    def _paint(self) -> None:
        run = self.runs[-1] if self.runs else None
        if run is None:
            return
        label = name_of(self.words, SIM_METRICS, self.metric.value)
        try:
            metric = run.result.metric(self.metric.value)
        except (KeyError, ValueError) as exc:
            self.message.value = issues_html([Issue(self.words.gettext("cannot paint by {metric}: {reason}",
                                                                       metric=label, reason=str(exc)))])
            metric = None
        goal = _simulated_goal(run.result)
        self.diagram.show(run.journey, metric=metric, metric_label=label, goal_rate=goal)


def _name(journey: Journey, tp_id: str) -> str:
    return journey.touchpoint(tp_id).label if tp_id in journey.touchpoint_ids else tp_id


def _simulated_goal(result: Any) -> float | None:
    """The run's goal rate (mean over replications), for the diagram's subtitle."""
    kpis = getattr(result, "kpis", None)
    if kpis is None or "goal_rate" not in kpis.index:
        return None
    return float(kpis.loc["goal_rate", "mean"])


def _analysis_goal(journey: Journey) -> float | None:
    """The route analysis's long-run share of customers reaching a goal (``None`` without goals)."""
    if not journey.goals:
        return None
    try:
        from journeymap.analysis import analyze

        return float(analyze(journey).goal_probability)
    except (JourneyError, ValueError, ArithmeticError):
        return None


def _bold(text: str) -> str:
    return f"<b>{html.escape(text)}</b>"


def _muted(text: str) -> str:
    return f"<span style='color:#555;font-size:0.9em'>{html.escape(text)}</span>"
