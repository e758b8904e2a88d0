"""What makes no sense in a journey, wherever it came from (a file, a widget, Python code).

:func:`validate` looks at a :class:`~journeymap.model.Journey` and returns every problem as an
:class:`~journeymap.errors.Issue` with a field path (``touchpoints[2].next.diagnose``) that the
loader maps to a line. Errors make a journey unusable (the simulation would fail or never end);
warnings point at what is probably unfinished (no goal, touchpoints nobody reaches).
"""

from __future__ import annotations

import math
from typing import Any

import networkx as nx

import journeymap.model.distributions as dists
from journeymap.errors import Issue, clip, did_you_mean, join
from journeymap.model.costs import cost_issues
from journeymap.model.entries import Arrival
from journeymap.model.graph import closed_loops, loop_text, loop_visits
from journeymap.model.journey import LANES, LANGUAGES, Journey, Touchpoint, require_journey
from journeymap.model.limits import (
    ABSURD_ARRIVALS_PER_HOUR,
    ABSURD_DELAY_SECONDS,
    ABSURD_LOOP_VISITS,
    ABSURD_SERVICE_SECONDS,
    MAX_CAPACITY,
    MAX_RATE,
    MAX_SECONDS,
    YEAR,
)
from journeymap.model.requirements import STANDARDS, MeasuredSatisfaction
from journeymap.model.segment_rules import segment_issues
from journeymap.model.team_rules import team_issues
from journeymap.model.units import SECONDS, TIME_UNITS, convert, format_duration, format_rate
from journeymap.model.wording import clock as _clock
from journeymap.model.wording import is_number as _is_number
from journeymap.model.wording import number_text
from journeymap.model.wording import unknown as _unknown
from journeymap.text import number

__all__ = ["number_text", "validate"]

_EPS = 1e-9
_LEAVE_OUT = {
    "service_time": "; leave 'service_time' out for an instantaneous step",
    "delay": "; leave 'delay' out for none",
    "patience": "; leave 'patience' out for customers who wait as long as it takes",
}


def _text_of(dist: dists.Distribution) -> str:
    try:
        return clip(str(dist))
    except ValueError:  # an integer too long to write
        return dist.kind


def _parameters(dist: dists.Distribution, path: str) -> list[tuple[str, str, float]]:
    """Each time parameter as (name for messages, field path, value): a constant is the field itself."""
    if isinstance(dist, dists.Constant):
        return [(path.rsplit(".", 1)[-1], path, dist.value)]
    found = []
    for key, value in dist.parameters().items():
        if isinstance(value, tuple):
            found += [(f"{key}[{i}]", f"{path}.{key}[{i}]", v) for i, v in enumerate(value)]
        else:
            found.append((key, join(path, key), value))
    return found


class _Checks:
    """Collects the issues of one journey."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.issues: list[Issue] = []
        self.tp_ids = [tp.id for tp in journey.touchpoints]
        self.known = set(self.tp_ids)
        self.stage_ids = [stage.id for stage in journey.stages]
        self.unit = journey.time_unit if journey.time_unit in TIME_UNITS else "minute"

    def time(self, value: Any) -> str:
        """A time as the file would write it (``-5``, ``2 h``)."""
        return str(format_duration(value, self.unit)) if _is_number(value) else repr(value)

    def rate(self, value: Any) -> str:
        """A rate as the file would write it (``-5/h``)."""
        return str(format_rate(value, self.unit)) if _is_number(value) else repr(value)

    def error(self, message: str, path: str) -> None:
        self.issues.append(Issue(message, path, "error"))

    def warning(self, message: str, path: str) -> None:
        self.issues.append(Issue(message, path, "warning"))

    # -- the journey and its lists ---------------------------------------------------------------------
    def run(self) -> list[Issue]:
        journey = self.journey
        if journey.language not in LANGUAGES:
            self.error(_unknown("language", journey.language, LANGUAGES), "language")
        if journey.time_unit not in TIME_UNITS:
            self.error(_unknown("time unit", journey.time_unit, TIME_UNITS), "time_unit")
        horizon = journey.horizon
        if horizon is not None and (not _is_number(horizon) or not math.isfinite(horizon) or horizon <= 0):
            self.error(f"'horizon' must be a positive time (got {number_text(horizon)})", "horizon")
        self.ids("stage", [s.id for s in journey.stages], "stages")
        self.ids("touchpoint", self.tp_ids, "touchpoints")
        for index, tp in enumerate(journey.touchpoints):
            self.touchpoint(tp, f"touchpoints[{index}]")
        for index, arrival in enumerate(journey.arrivals):
            self.arrival(arrival, f"arrivals[{index}]")
        self.ids("team", [team.id for team in journey.teams], "teams")
        self.issues += team_issues(journey)
        self.ids("segment", [segment.id for segment in journey.segments], "segments")
        self.issues += segment_issues(journey)
        self.routing()
        self.issues.extend(cost_issues(journey))
        errors = [i for i in self.issues if i.is_error]
        return errors + [i for i in self.issues if not i.is_error]

    def ids(self, what: str, ids: list[str], path: str) -> None:
        first: dict[str, int] = {}
        for index, value in enumerate(ids):
            where = f"{path}[{index}].id"
            if not isinstance(value, str) or not value.strip():
                self.error(f"'id' must be non-empty text (got {clip(repr(value))})", where)
            elif value in first:
                self.error(f"duplicate {what} id '{value}' (first used at {path}[{first[value]}])", where)
            else:
                first[value] = index

    # -- one touchpoint --------------------------------------------------------------------------------
    def touchpoint(self, tp: Touchpoint, path: str) -> None:
        if not tp.stage:
            if self.stage_ids:
                self.error(f"'stage' is required (one of: {', '.join(self.stage_ids[:12])})", join(path, "stage"))
        elif tp.stage not in self.stage_ids:
            self.error(_unknown("stage", tp.stage, self.stage_ids), join(path, "stage"))
        if tp.lane not in LANES:
            self.error(_unknown("lane", tp.lane, LANES), join(path, "lane"))
        if tp.capacity is not None and not (
            isinstance(tp.capacity, int) and not isinstance(tp.capacity, bool) and tp.capacity > 0
        ):
            self.error(f"'capacity' must be a positive int (got {number_text(tp.capacity)})", join(path, "capacity"))
        elif tp.capacity is not None and tp.capacity > MAX_CAPACITY:
            self.error(f"'capacity' is too large (got {number_text(tp.capacity)}; at most {number(MAX_CAPACITY)}: "
                       "leave 'capacity' out for unlimited capacity)", join(path, "capacity"))
        if tp.satisfaction is not None and not (_is_number(tp.satisfaction) and 1 <= tp.satisfaction <= 5):
            self.error(f"'satisfaction' must be between 1 and 5 (got {number_text(tp.satisfaction)})",
                       join(path, "satisfaction"))
        self.requirements(tp, path)
        if tp.measured_satisfaction is not None:
            self.measured(tp.measured_satisfaction, join(path, "measured_satisfaction"))
        self.distribution(tp.service_time, join(path, "service_time"))
        self.distribution(tp.patience, join(path, "patience"))
        if tp.retry is not None:
            self.retry(tp, join(path, "retry"))
        self.routes(tp, join(path, "next"))

    def retry(self, tp: Touchpoint, path: str) -> None:
        """A retry needs patience (only those who abandon retry), a probability and a delay that make sense."""
        retry = tp.retry
        assert retry is not None
        if tp.patience is None:
            self.error("'retry' needs a 'patience': only customers who give up waiting come back", path)
        if not (_is_number(retry.p) and 0 <= retry.p <= 1):
            self.error(f"'p' must be between 0 and 1 (got {number_text(retry.p)})", join(path, "p"))
        elif retry.p >= 1 - _EPS:
            self.warning("every customer who gives up comes back ('p' is 1): nobody is ever lost here", join(path, "p"))
        if retry.delay is None:
            self.error("missing 'delay' (how long customers wait before trying again, such as 30 min)",
                       join(path, "delay"))
        self.distribution(retry.delay, join(path, "delay"))

    def requirements(self, tp: Touchpoint, path: str) -> None:
        """Each requirement's standard: known keys (with a did-you-mean), times that are finite and not negative."""
        for index, requirement in enumerate(tp.requirements):
            for key, value in requirement.standard.items():
                where = join(f"{join(path, 'requirements')}[{index}]", f"standard.{key}")
                if key not in STANDARDS:
                    hint = did_you_mean(key, STANDARDS)
                    self.error(f"unknown standard '{key}'{hint} (a standard takes: {', '.join(STANDARDS)})", where)
                elif not _is_number(value) or value < 0:
                    self.error(f"'{key}' must be a time of 0 or more (got {self.time(value)})", where)

    def measured(self, measured: MeasuredSatisfaction, path: str) -> None:
        """A survey's measurement: a mean within 1–5, a positive whole number of answers, an ordered interval."""
        if not (_is_number(measured.mean) and 1 <= measured.mean <= 5):
            self.error(f"'mean' must be between 1 and 5 (got {number_text(measured.mean)})", join(path, "mean"))
        if isinstance(measured.n, bool) or not isinstance(measured.n, int) or measured.n < 1:
            self.error(f"'n' must be a whole number of answers, 1 or more (got {number_text(measured.n)})",
                       join(path, "n"))
        bounds = (measured.ci_low, measured.ci_high)
        if any(b is not None and not (_is_number(b) and 1 <= b <= 5) for b in bounds):
            self.error(f"'ci' must be two numbers between 1 and 5 (got {[number_text(b) for b in bounds]})",
                       join(path, "ci"))
        elif None not in bounds and _is_number(measured.mean) and not (
                bounds[0] <= measured.mean <= bounds[1]):  # type: ignore[operator]
            self.error(f"the interval {number_text(bounds[0])}–{number_text(bounds[1])} does not hold the mean "
                       f"{number_text(measured.mean)}", join(path, "ci"))

    def routes(self, tp: Touchpoint, path: str) -> None:
        seen: set[str] = set()
        total, all_numbers = 0.0, True
        for transition in tp.next:
            where = join(path, transition.target)
            if transition.target in seen:
                self.error(f"two routes to '{transition.target}'", where)
            seen.add(transition.target)
            if transition.target not in self.known:
                self.error(_unknown("touchpoint", transition.target, self.tp_ids, "route to "), where)
            p = transition.p
            if not _is_number(p):
                self.error(f"probability must be a number between 0 and 1 (got {number_text(p)})", where)
                all_numbers = False
            elif p > 1:
                self.error(f"probability {number_text(p)} is above 1", where)
                all_numbers = False
            elif p < 0:
                self.error(f"probability {number_text(p)} is below 0", where)
                all_numbers = False
            else:
                total += p
            self.distribution(transition.delay, join(where, "delay"))
        if all_numbers and total > 1 + _EPS:
            self.error(f"routing probabilities add up to {number_text(total)}, above 1", path)

    # -- times -----------------------------------------------------------------------------------------
    def distribution(self, dist: Any, path: str) -> None:
        """Parameters that make sense: positive times (an absent time already means none), positive
        spreads, ordered bounds, no negative values."""
        if dist is None:
            return
        if not isinstance(dist, dists.Distribution):
            self.error(f"expected a distribution such as Exponential(6) (got {clip(repr(dist))})", path)
            return
        name = path.rsplit(".", 1)[-1]
        params = dist.parameters()
        values = [v for p in params.values() for v in (p if isinstance(p, tuple) else (p,))]
        if not all(_is_number(v) for v in values):
            self.error(f"every parameter of '{name}' must be a finite number (got {_text_of(dist)})", path)
            return
        if self.too_large(dist, path):
            return
        before = len(self.issues)
        self.signs(dist, path, name)
        self.shape(dist, path)
        if len(self.issues) == before:  # a valid distribution: is it plausible?
            self.absurd(dist, path, name)

    def too_large(self, dist: dists.Distribution, path: str) -> bool:
        """Report every parameter beyond :data:`~journeymap.model.limits.MAX_SECONDS`; True when any is."""
        longest = MAX_SECONDS / SECONDS.get(self.unit, 60.0)
        found = False
        for key, where, value in _parameters(dist, path):
            if value > longest:
                self.error(f"'{key}' is too large (got {self.time(value)}; a time can be at most about "
                           f"{number(round(MAX_SECONDS / YEAR, -2))} years)", where)
                found = True
        return found

    def signs(self, dist: dists.Distribution, path: str, name: str) -> None:
        params = dist.parameters()
        if isinstance(dist, dists.Constant):
            if dist.value <= 0:
                hint = _LEAVE_OUT.get(name, "") if dist.value == 0 else ""
                self.error(f"'{name}' must be positive (got {self.time(dist.value)}){hint}", path)
        elif isinstance(dist, dists.Exponential | dists.Lognormal | dists.Gamma):
            for key in ("mean", "sd") if not isinstance(dist, dists.Exponential) else ("mean",):
                if params[key] <= 0:
                    self.error(f"'{key}' must be positive (got {self.time(params[key])})", join(path, key))
        elif isinstance(dist, dists.Uniform | dists.Triangular):
            self.bounds(dist, path)
        elif isinstance(dist, dists.Empirical):
            if not dist.values:
                self.error("'values' must not be empty", join(path, "values"))
            for index, value in enumerate(dist.values):
                if value < 0:
                    self.error(f"time must not be negative (got {self.time(value)})", f"{path}.values[{index}]")
            if dist.values and max(dist.values) == 0:
                self.error("'values' must not all be 0", join(path, "values"))

    def shape(self, dist: dists.Distribution, path: str) -> None:
        """Gamma and lognormal parameters whose shape a float can hold (``(mean/sd)²``, ``(sd/mean)²``)."""
        if not isinstance(dist, dists.Gamma | dists.Lognormal) or not (dist.mean > 0 and dist.sd > 0):
            return
        if isinstance(dist, dists.Gamma):  # shape (mean/sd)²: neither beyond a float nor nought
            square = (dist.mean / dist.sd) ** 2 if dist.mean / dist.sd < 1e150 else math.inf
            size = "small" if not math.isfinite(square) else "large" if square == 0 else ""
        else:  # sigma² = log(1 + (sd/mean)²)
            square = (dist.sd / dist.mean) ** 2 if dist.sd / dist.mean < 1e150 else math.inf
            size = "large" if not math.isfinite(square) else ""
        if size:
            self.error(f"'sd' is too {size} for the mean (a {dist.kind} distribution cannot be drawn from mean "
                       f"{self.time(dist.mean)} and sd {self.time(dist.sd)})", join(path, "sd"))

    def absurd(self, dist: dists.Distribution, path: str, name: str) -> None:
        """A warning for a mean time no service journey has (usually a wrong unit)."""
        limit = ABSURD_DELAY_SECONDS if name == "delay" else ABSURD_SERVICE_SECONDS
        mean = dist.mean * SECONDS.get(self.unit, 60.0)
        if math.isfinite(mean) and mean > limit:
            self.warning(f"'{name}' averages about {number(mean / YEAR)} years, more than "
                         f"{number(limit / YEAR)} for a service journey: is the time unit right "
                         f"(time_unit: {self.unit})?", path)

    def bounds(self, dist: dists.Uniform | dists.Triangular, path: str) -> None:
        if dist.low < 0:
            self.error(f"'low' must not be negative (got {self.time(dist.low)})", join(path, "low"))
        if dist.low > dist.high:
            self.error(f"low {self.time(dist.low)} is above high {self.time(dist.high)}", path)
        elif isinstance(dist, dists.Triangular) and not dist.low <= dist.mode <= dist.high:
            self.error(f"mode {self.time(dist.mode)} is outside low {self.time(dist.low)} to "
                       f"high {self.time(dist.high)}", join(path, "mode"))
        elif dist.high == 0:
            self.error("'high' must be positive (got 0)", join(path, "high"))

    # -- arrivals --------------------------------------------------------------------------------------
    def rate_size(self, rate: float, path: str) -> None:
        """An arrival rate beyond :data:`~journeymap.model.limits.MAX_RATE` is an error; one above
        :data:`~journeymap.model.limits.ABSURD_ARRIVALS_PER_HOUR`, a warning."""
        per_second = rate / SECONDS.get(self.unit, 60.0)
        if per_second > MAX_RATE:
            self.error(f"'rate' is too large (got {number_text(per_second)} per second; at most {number(MAX_RATE)})",
                       path)
        elif per_second * 3600 > ABSURD_ARRIVALS_PER_HOUR:
            self.warning(f"'rate' is {number(per_second * 3600)} arrivals per hour, more than "
                         f"{number(ABSURD_ARRIVALS_PER_HOUR)} for a service journey: is the unit right?", path)

    def arrival(self, arrival: Arrival, path: str) -> None:
        if arrival.touchpoint not in self.known:
            self.error(_unknown("touchpoint", arrival.touchpoint, self.tp_ids), join(path, "touchpoint"))
        if arrival.rate is not None and arrival.schedule:
            self.error("give either 'rate' or 'schedule', not both", path)
        elif arrival.rate is None and not arrival.schedule:
            self.error("missing 'rate' (customers per time unit, such as 30/h) or a daily 'schedule'",
                       join(path, "rate"))
        elif arrival.rate is not None and not (_is_number(arrival.rate) and arrival.rate > 0):
            self.error(f"'rate' must be positive (got {self.rate(arrival.rate)})", join(path, "rate"))
        elif arrival.rate is not None:
            self.rate_size(arrival.rate, join(path, "rate"))
        if arrival.schedule:
            self.schedule(arrival, join(path, "schedule"))

    def schedule(self, arrival: Arrival, path: str) -> None:
        unit = self.unit
        day = convert(24, "hour", unit)
        previous: float | None = None
        for index, period in enumerate(arrival.schedule):
            where = f"{path}[{index}]"
            until = period.until
            if not _is_number(until):
                self.error(f"'until' must be a time of day such as '17:30' (got {number_text(until)})",
                           join(where, "until"))
            elif until <= 0:
                self.error(f"'until' must be after 00:00 (got {_clock(until, unit)})", join(where, "until"))
            elif until > day + _EPS:
                self.error(f"'until' must be at most 24:00 (got {_clock(until, unit)})", join(where, "until"))
            elif previous is not None and until <= previous:
                self.error(f"'until' must be later than the previous period's {_clock(previous, unit)} "
                           f"(got {_clock(until, unit)})", join(where, "until"))
            if _is_number(until):
                previous = until if previous is None else max(previous, until)
            if not _is_number(period.rate) or period.rate < 0:
                self.error(f"'rate' must not be negative (got {self.rate(period.rate)})", join(where, "rate"))
            else:
                self.rate_size(period.rate, join(where, "rate"))
        rates = [p.rate for p in arrival.schedule]
        if all(_is_number(r) and r == 0 for r in rates):
            self.error("every period of the schedule has rate 0: no customers arrive", path)

    # -- the routing as a whole ------------------------------------------------------------------------
    def routing(self) -> None:
        journey = self.journey
        index: dict[str, int] = {}  # each id at its first position
        for i, tp_id in enumerate(self.tp_ids):
            index.setdefault(tp_id, i)
        written = nx.DiGraph()  # routes written (p ≠ 0), for what the arrivals can reach
        written.add_nodes_from(index)
        for source, transition in journey.transitions():
            if transition.target in index and transition.p != 0:
                written.add_edge(source, transition.target)
        for order in closed_loops(journey):
            self.error(f"routing loop that customers can never leave: {loop_text(order)}",
                       f"touchpoints[{index[order[0]]}].next")
        for order, visits in loop_visits(journey):
            if visits > ABSURD_LOOP_VISITS:
                about = number(float(f"{visits:.3g}"))
                self.warning(f"customers make about {about} visits in the loop {loop_text(order)} before leaving "
                             "it: is a route out missing or its probability near zero?",
                             f"touchpoints[{index[order[0]]}].next")
        if not journey.touchpoints:
            self.warning("no touchpoints yet", "touchpoints")
            return
        if not journey.goals:
            self.warning("no touchpoint is marked as a goal (goal: true) where the customer's need is met",
                         "touchpoints")
        if not journey.arrivals:
            self.warning("no arrivals: customers never enter the cycle (add an arrival such as "
                         "{touchpoint: ..., rate: 30/h})", "arrivals")
            return
        entries = [a.touchpoint for a in journey.arrivals if a.touchpoint in index]
        if entries:
            reached = set(entries).union(*(nx.descendants(written, e) for e in entries))
            for i, tp_id in enumerate(self.tp_ids):
                if tp_id not in reached and tp_id and index.get(tp_id) == i:
                    self.warning(f"touchpoint '{tp_id}' cannot be reached from any arrival", f"touchpoints[{i}]")


def validate(journey: Journey) -> list[Issue]:
    """Every problem of ``journey``, errors first, each with the field path it is about.

    Works on journeys built in Python as well as loaded ones; :func:`journeymap.io.check` adds the
    file and line to each issue.
    """
    return _Checks(require_journey(journey)).run()
