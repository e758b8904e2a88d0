"""The size of a run, estimated from the analysis before it starts: refused when it would run away.

Expected visits to touchpoints = arrivals per time unit × expected visits per customer × simulated
time per replication × replications; expected customers inside at once = arrivals × expected time in
the cycle (Little's law). The simulated time of a replication is ``until``; or, under the cohort
rule, the warm-up, the time the cohort takes to arrive and the time its slowest members take to leave
(from :func:`~journeymap.analysis.flows.tail_rate`, or the time to pass an overloaded queue); or, for
a working day, the day and its drain.

:func:`estimate_run` makes the estimate; :meth:`RunEstimate.check` refuses a run above its budget
(``max_events``) or above the customers the engine can hold, naming the figure, the touchpoint that
makes it and how to raise the budget; :meth:`RunEstimate.warnings` are printed before a long run
starts; :meth:`RunEstimate.limits` are the bounds each replication then runs within.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from journeymap.analysis import Analysis, analyze
from journeymap.analysis.flows import queue_flows, tail_rate
from journeymap.errors import Issue, RunawayError
from journeymap.model import Journey
from journeymap.simulation.guards import MAX_IN_SYSTEM, Limits
from journeymap.simulation.settings import RunSettings
from journeymap.text import N_, count, duration, translator

__all__ = ["DRAIN_FACTOR", "VISITS_PER_SECOND", "RunEstimate", "estimate_run"]

VISITS_PER_SECOND = 120_000.0
"""Visits to touchpoints one core makes per second (measured on the tandem benchmark, rounded down)."""

DRAIN_FACTOR = 20.0
"""A cohort may take this many times its estimated drain time to leave before the run stops."""

LONG_RUN = 60.0
"""Runs estimated to take longer than this (seconds of one core) are announced before they start."""

_LONG = N_("this run is large: about {visits} visits to touchpoints over {replications} replications "
           "(about {time} of work on one core){why}")
_WHY = N_("; each replication simulates about {span} so that its slowest customers leave")


@dataclass(frozen=True)
class RunEstimate:
    """What a run will do, roughly (see the module documentation); times in the journey's unit.

    ``visits``: visits to touchpoints over every replication (and the warm-up pilot);
    ``span``: simulated time per replication; ``drain``: the time the cohort's slowest members take
    to leave after the last has arrived (``inf`` when unknown); ``in_system``: customers inside at
    once; ``seconds``: work on one core; ``culprit``: the touchpoint that makes the run long, if one does."""

    journey: Journey
    visits: float
    span: float
    drain: float
    in_system: float
    replications: int
    culprit: str | None = None

    @property
    def seconds(self) -> float:
        return self.visits / VISITS_PER_SECOND

    def check(self, max_events: float) -> None:
        """Raise :class:`RunawayError` when the run is above ``max_events`` visits or would hold more
        customers at once than the engine can."""
        unit = self.journey.time_unit
        where = f", mostly because of touchpoint '{self.culprit}'" if self.culprit else ""
        if not self.visits <= max_events:
            raise RunawayError(Issue(
                f"this run would make about {self.visits:.3g} visits to touchpoints over {self.replications} "
                f"replications, each simulating about {self.span:.3g} {unit}s{where}: above the budget of "
                f"{max_events:,.0f} visits (about {max_events / VISITS_PER_SECOND / 60:.0f} minutes of work on one "
                f"core); lower 'customers', 'until', 'warmup' or 'replications', or raise the budget with "
                f"max_events= (--max-events) if the run is meant to be this large"))
        if not self.in_system <= MAX_IN_SYSTEM:
            raise RunawayError(Issue(
                f"this run would hold about {self.in_system:.3g} customers inside the cycle at once{where} "
                f"(arrivals × expected time in the cycle): more than the {MAX_IN_SYSTEM:,} the simulation can "
                f"hold; check the service times, patience and delays there"))

    def warnings(self, language: str | None = None) -> list[str]:
        """What to say before the run starts: that it is long, when it is."""
        if self.seconds < LONG_RUN:
            return []
        language = language or self.journey.language
        words = translator(language)
        why = words.gettext(_WHY, span=duration(self.span, self.journey.time_unit, language)) \
            if math.isfinite(self.drain) and self.drain > 10 * max(self.span - self.drain, 0.0) else ""
        return [words.gettext(_LONG, visits=count(self.visits, language), replications=self.replications,
                              time=duration(self.seconds, "second", language), why=why)]

    def limits(self, max_events: float) -> Limits:
        """The bounds each replication runs within: the whole budget, the engine's customers, and
        :data:`DRAIN_FACTOR` times the estimated drain."""
        drain = DRAIN_FACTOR * self.drain if math.isfinite(self.drain) and self.drain > 0 else math.inf
        return Limits(events=max_events, in_system=MAX_IN_SYSTEM, drain=drain)


def _culprit(journey: Journey, analysis: Analysis) -> str | None:
    """The touchpoint (or route's source) that adds most to the time in the cycle, or the unstable one."""
    if analysis.unstable:
        return analysis.unstable[0]
    best, worst = None, 0.0
    table = analysis.touchpoints
    for tp in journey.touchpoints:
        visits = float(table.loc[tp.id, "expected_visits"])
        wait = float(table.loc[tp.id, "mean_wait"])
        part = visits * ((wait if math.isfinite(wait) else math.inf) + (float(tp.service_time.mean) if tp.service_time
                                                                        else 0.0))
        part += sum(visits * t.p * float(t.delay.mean) for t in tp.next if t.delay is not None)
        if part > worst:
            best, worst = tp.id, part
    return best


def estimate_run(journey: Journey, settings: RunSettings, analysis: Analysis | None = None) -> RunEstimate:
    """The estimated size of running ``journey`` with ``settings`` (resolved for it)."""
    analysis = analysis if analysis is not None else analyze(journey)
    rate = analysis.arrival_rate
    visits_each = float(analysis.touchpoints["expected_visits"].sum())
    time_in_cycle = analysis.time_in_cycle
    flows = queue_flows(journey)
    customers = settings.customers
    warmup = settings.warmup if isinstance(settings.warmup, int | float) else 0.0
    if analysis.unstable:
        # an overloaded queue holds everybody who came since time zero: the cohort's last member leaves
        # it once the servers have worked through all of them, at their pace (load ρ: ρ × that time)
        loads = analysis.stability.loads if analysis.stability is not None else {}
        arriving = float(warmup) + (customers / rate if customers and rate > 0 else float(settings.horizon or 0.0))
        drain = max(max(loads.get(tp_id, 1.0), 1.0) * arriving for tp_id in analysis.unstable)
        time_in_cycle = math.inf
    else:
        eta = tail_rate(journey, flows)
        slowest = max(customers or rate * (settings.horizon or 0.0), 1.0)
        drain = (math.log(slowest) + 1.0) / eta if eta > 0 and math.isfinite(eta) else 10.0 * time_in_cycle
        drain = max(drain, time_in_cycle)
    if settings.until is not None:
        span = float(settings.until)
    elif settings.horizon is not None:
        span = float(settings.horizon) + drain
    else:
        span = float(warmup) + (customers or 0) / rate + drain if rate > 0 else math.inf
    replications = int(settings.replications or 1)
    runs = replications + (1 if settings.warmup == "auto" else 0)
    if settings.precision is not None:
        runs = max(runs, min(settings.max_replications, runs))
    visits = runs * rate * visits_each * span
    in_system = rate * time_in_cycle if math.isfinite(time_in_cycle) else rate * span
    if not math.isfinite(visits) or visits > 1e300:
        visits = math.inf
    culprit = _culprit(journey, analysis) if (not visits <= settings.max_events or not in_system <= MAX_IN_SYSTEM
                                              or visits / VISITS_PER_SECOND >= LONG_RUN) else None
    return RunEstimate(journey, visits, span, drain, in_system, replications, culprit)
