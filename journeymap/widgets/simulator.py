"""The simulator panel: change servers, patience and arrivals with sliders, run, and compare with the
previous run.

``Simulator(journey)`` shows one row per touchpoint (servers, mean patience), the arrival rate at each
entry, and the run settings (customers, replications, seed). The sliders and boxes make a
:class:`~journeymap.experiment.Scenario` of changes to the journey given (:attr:`Simulator.scenario`);
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
from journeymap.experiment import Change, Scenario, set_arrival_rate, set_capacity, set_patience
from journeymap.model import Journey, mean_arrival_rate, validate
from journeymap.simulation import simulate
from journeymap.widgets.cards import CARDS, cards_html, figure_html, format_time, format_value
from journeymap.widgets.diagram import DiagramView
from journeymap.widgets.messages import issues_html, notice_html
from journeymap.widgets.parsing import format_rate_text, parse_optional_rate

__all__ = ["METRICS", "Run", "Simulator"]

METRICS = ("utilization", "mean_wait", "abandonment_rate", "visits", "mean_queue")
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
        self.runs: list[Run] = []
        self.capacity: dict[str, w.IntSlider] = {}
        self.patience: dict[str, w.FloatSlider] = {}
        rows = self._touchpoint_rows(journey)
        self.arrivals: dict[str, w.Text] = {
            tp_id: w.Text(
                value=format_rate_text(rate, journey.time_unit), description=f"arrivals at {tp_id}",
                continuous_update=False, style={"description_width": "13em"}, layout=w.Layout(width="100%"),
            )
            for tp_id, rate in mean_arrival_rate(journey).items()
        }
        narrow = {"style": {"description_width": "7em"}}
        self.customers = w.BoundedIntText(
            value=customers, min=10, max=10_000_000, description="customers", layout=w.Layout(width="15em"), **narrow
        )
        self.replications = w.IntSlider(
            value=replications, min=1, max=max(50, replications), description="replications",
            continuous_update=False, **narrow,
        )
        self.seed = w.IntText(value=seed, description="seed", layout=w.Layout(width="15em"), **narrow)
        self.run_button = w.Button(description="Run", icon="play", button_style="success", layout=w.Layout(width="8em"))
        self.run_button.add_class("jm-run")
        self.progress = w.FloatProgress(value=0, min=0, max=replications, layout=w.Layout(width="14em"))
        self.progress.add_class("jm-progress")
        self.progress_label = w.HTML()
        self.message = w.HTML()
        self.cards = w.HTML()
        self.cards.add_class("jm-kpi-cards")
        self.runs_table = w.HTML()
        self.metric = w.Dropdown(
            options=METRICS, value=METRICS[0], description="paint by", style={"description_width": "5em"}
        )
        self.diagram = DiagramView(view)
        self.waits = w.HTML()
        self.funnel = w.HTML()
        self.results = w.Tab([w.VBox([self.metric, self.diagram]), self.waits, self.funnel])
        for index, title in enumerate(("Diagram", "Waits", "Funnel")):
            self.results.set_title(index, title)
        settings = w.VBox(
            [
                w.HTML("<b>Servers and patience</b>"),
                rows,
                w.HTML("<b>Arrivals</b> <span style='color:#666;font-size:0.85em'>rates like 30/h</span>"),
                *self.arrivals.values(),
                w.HTML("<b>Run</b>"),
                self.customers,
                self.replications,
                self.seed,
                w.HBox([self.run_button, self.progress, self.progress_label], layout=w.Layout(align_items="center")),
                self.message,
            ],
            layout=w.Layout(flex="1 1 0%", min_width="380px", padding="0 16px 0 0"),
        )
        summary = w.VBox([self.cards, self.runs_table], layout=w.Layout(flex="1 1 0%", min_width="380px"))
        title = w.HTML(f"<h3 style='margin:4px 0'>Simulate: {html.escape(journey.title)}</h3>")
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
        cells: list[w.Widget] = [
            w.HTML(f"<span style='color:#555;font-size:0.85em'>{title}</span>")
            for title in ("touchpoint", "servers", "mean patience")
        ]
        for tp in journey.touchpoints:
            if tp.capacity is None and tp.patience is None:
                continue
            cells.append(w.HTML(
                f"<div title='{html.escape(tp.label)} ({html.escape(tp.id)})' style='white-space:nowrap;"
                f"overflow:hidden;text-overflow:ellipsis'>{html.escape(tp.label)}</div>",
                layout=w.Layout(overflow="hidden"),
            ))
            if tp.capacity is not None:
                top = max(tp.capacity * 3, tp.capacity + 5)
                slider = w.IntSlider(value=tp.capacity, min=1, max=top, continuous_update=False,
                                     layout=w.Layout(width="auto"))
                slider.add_class(f"jm-capacity-{tp.id}")
                self.capacity[tp.id] = slider
                cells.append(slider)
            else:
                cells.append(w.HTML("<span style='color:#888'>unlimited</span>"))
            if tp.patience is not None and tp.patience.mean > 0:
                mean = float(tp.patience.mean)
                slider = w.FloatSlider(value=mean, min=mean / 10, max=mean * 4, step=mean / 20, readout=False,
                                       continuous_update=False, layout=w.Layout(width="auto", flex="1 1 auto"))
                shown = w.HTML(format_time(mean, unit), layout=w.Layout(width="5.5em", flex="0 0 auto"))
                slider.observe(lambda change, label=shown: setattr(label, "value", format_time(change["new"], unit)),
                               names="value")
                self.patience[tp.id] = slider
                cells.append(w.HBox([slider, shown], layout=w.Layout(align_items="center")))
            else:
                cells.append(w.HTML("<span style='color:#888'>no limit</span>"))
        return w.GridBox(cells, layout=w.Layout(
            grid_template_columns="minmax(6em, 15em) minmax(9em, 1fr) minmax(9em, 1fr)", grid_gap="2px 10px",
            align_items="center", max_height="330px", overflow="auto", width="100%",
        ))

    # -- settings --------------------------------------------------------------------------------
    def _settings(self) -> list[tuple[Change, str]]:
        """Each setting that differs from the journey given, as a change and in words (``UnitError`` on a
        bad rate)."""
        unit = self.base.time_unit
        found: list[tuple[Change, str]] = []
        for tp_id, servers in self.capacity.items():
            old = self.base.touchpoint(tp_id).capacity
            if servers.value != old:
                found.append((set_capacity(tp_id, int(servers.value)), f"{tp_id}: {old}→{servers.value} servers"))
        for tp_id, patience in self.patience.items():
            mean = self.base.touchpoint(tp_id).patience.mean  # type: ignore[union-attr]  # a slider means one
            if patience.value != mean:
                words = f"{tp_id}: patience {format_time(mean, unit)}→{format_time(patience.value, unit)}"
                found.append((set_patience(tp_id, float(patience.value)), words))
        rates = mean_arrival_rate(self.base)
        for tp_id, box in self.arrivals.items():
            rate = parse_optional_rate(box.value, unit, field=f"arrivals at {tp_id}")
            if rate is None or abs(rate - rates[tp_id]) > 1e-12:
                before, after = format_rate_text(rates[tp_id], unit) or 0, format_rate_text(rate, unit) or 0
                found.append((set_arrival_rate(rate, tp_id), f"{tp_id}: arrivals {before}→{after}"))
        return found

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
        try:
            settings = self._settings()
            scenario = self._scenario(settings)
            journey = scenario.apply(self.base)
        except JourneyError as exc:
            self.message.value = issues_html(exc.issues, with_path=True)
            return None
        replications = int(self.replications.value)
        self.progress.max, self.progress.value = replications, 0
        self.progress_label.value = "running…"
        self.message.value = ""
        self.run_button.disabled = True
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                result = self._simulate(journey, replications)
        except (JourneyError, ValueError) as exc:
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
        self.progress_label.value = f"run {run.number} done"
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
        self.progress_label.value = f"{int(self.progress.value)}/{int(self.progress.max)} replications"

    # -- showing ---------------------------------------------------------------------------------
    def _show(self, run: Run, previous: Any) -> None:
        unit = self.base.time_unit
        self.cards.value = cards_html(run.result.kpis, previous.kpis if previous is not None else None,
                                      time_unit=unit)
        self.runs_table.value = self._table(unit)
        for target, method in ((self.waits, "plot_waits"), (self.funnel, "plot_funnel")):
            try:
                target.value = figure_html(getattr(run.result, method)())
            except (ValueError, KeyError, AttributeError, TypeError) as exc:
                target.value = notice_html(f"no chart: {exc}", kind="warning")
        columns = list(getattr(run.result.touchpoints, "columns", []))
        offered = [m for m in METRICS if m in columns] + [c for c in columns if c not in METRICS]
        if offered:
            current = self.metric.value
            self.metric.options = offered
            self.metric.value = current if current in offered else offered[0]
        self._paint()

    def _table(self, unit: str) -> str:
        head = "".join(f"<th style='text-align:right;padding:2px 8px'>{c.title}</th>" for c in CARDS)
        body = []
        for run in self.runs[::-1][:8]:
            kpis = run.result.kpis
            cells = "".join(
                f"<td style='text-align:right;padding:2px 8px'>"
                f"{format_value(float(kpis.loc[c.kpi, 'mean']), c.kind, unit) if c.kpi in kpis.index else '—'}</td>"
                for c in CARDS
            )
            changes = html.escape(", ".join(run.changes) or "as given")
            body.append(f"<tr><td style='padding:2px 8px'>#{run.number}</td><td style='padding:2px 8px;color:#555'>"
                        f"{changes}</td>{cells}</tr>")
        return (f"<table class='jm-runs' style='border-collapse:collapse;font-size:0.85em;margin:8px 0'>"
                f"<tr><th style='padding:2px 8px'>run</th><th style='text-align:left;padding:2px 8px'>settings</th>"
                f"{head}</tr>{''.join(body)}</table>")

    def _paint(self) -> None:
        run = self.runs[-1] if self.runs else None
        if run is None:
            return
        try:
            metric = run.result.metric(self.metric.value)
        except (KeyError, ValueError) as exc:
            self.message.value = issues_html([Issue(f"cannot paint by {self.metric.value}: {exc}")])
            metric = None
        self.diagram.show(run.journey, metric=metric, metric_label=self.metric.value.replace("_", " "))
