"""How a run goes: one :class:`RunSettings` value, checked once, taken by everything that simulates.

    settings = jm.RunSettings(customers=20_000, replications=20, seed=1, executor="processes")
    jm.simulate(journey, settings)
    jm.compare(journey, scenarios, settings)
    jm.simulate(journey, customers=20_000, replications=20, seed=1)   # the same, as keywords

:func:`~journeymap.simulation.simulate`, :func:`~journeymap.experiment.comparison.compare`,
:func:`~journeymap.experiment.sweeping.sweep`, :func:`~journeymap.prioritize.estimate_impact` and
:func:`~journeymap.prioritize.action_plan` take either a ``RunSettings`` or its fields as keyword
arguments (:data:`RUN_OPTIONS`), never both. Their results keep the settings they ran with, with
times in the journey's unit (``result.settings``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypedDict

import numpy as np
import pandas as pd

from journeymap.errors import did_you_mean
from journeymap.model import Journey
from journeymap.model.units import UnitError, convert, parse_duration
from journeymap.simulation.executors import ExecutorLike, check_executor
from journeymap.simulation.guards import DEFAULT_MAX_EVENTS
from journeymap.simulation.progress import Progress

__all__ = [
    "DEFAULT_CUSTOMERS",
    "DEFAULT_MAX_REPLICATIONS",
    "DEFAULT_REPLICATIONS",
    "RUN_OPTIONS",
    "RunOptions",
    "RunSettings",
    "replication_seeds",
    "run_settings",
    "working_day",
]

DEFAULT_CUSTOMERS = 10_000
"""The cohort each replication follows when neither ``customers`` nor ``until`` is given."""

DEFAULT_REPLICATIONS = 20
"""Replications when none are asked for: enough for a 95% interval to cover about 95% of the time
(``benchmarks/bench_coverage.py`` measures it)."""

DEFAULT_MAX_REPLICATIONS = 200
"""The most replications a run with a ``precision`` target makes."""

AUTO: Literal["auto"] = "auto"

PILOT = 2**32 - 1
"""The spawn key of the warm-up pilot's seed (far beyond any replication's)."""


def working_day(journey: Journey) -> float | None:
    """The length of one replication of a *terminating* journey, in its time unit, or ``None`` for a
    journey meant to run in a steady state: the journey's ``horizon`` when it has one, else one day
    when every arrival follows a daily schedule that closes (a rate of 0 at some time of the day),
    so that each day starts empty."""
    horizon = getattr(journey, "horizon", None)
    if horizon:
        return float(horizon)
    arrivals = journey.arrivals
    if arrivals and all(a.schedule and any(p.rate <= 0 for p in a.schedule) for a in arrivals):
        return convert(1.0, "day", journey.time_unit)
    return None


def replication_seeds(root: np.random.SeedSequence, replications: int, first: int = 0) -> list[np.random.SeedSequence]:
    """The seeds of the replications: what ``root.spawn(replications)`` gives on a fresh ``root``,
    without changing ``root`` (so passing the same SeedSequence twice gives the same run); ``first``
    skips that many (the seeds of replications added later continue the same sequence)."""
    return [
        np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, k), pool_size=root.pool_size)
        for k in range(first, first + replications)
    ]


def _is_int(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool)


def _time(value: Any, name: str, unit: str, *, allow_zero: bool) -> float | None:
    """``value`` (a number in ``unit`` or text such as ``"8 h"``) in ``unit``, checked."""
    if value is None:
        return None
    try:
        number = parse_duration(value, unit)
    except UnitError as exc:
        raise UnitError(f"'{name}': {exc}") from None
    if not math.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        wanted = "a non-negative time" if allow_zero else "a positive time"
        raise ValueError(f"'{name}' must be {wanted} (got {value!r})")
    return number


@dataclass(frozen=True)
class RunSettings:
    """How long each replication runs, how many there are, on which random numbers and where.

    ``customers``
        the cohort rule: follow the first this-many customers who arrive after the warm-up until
        every one of them has left the cycle, while the system keeps running with everybody else;
        every per-customer figure is computed over them, so nothing is censored;
    ``until``
        stop at this time; per-customer figures cover the customers who left, and the share still
        inside is reported beside them (with a warning above 1%). With neither, a terminating
        journey (see :func:`working_day`) runs one working day from empty and follows every customer
        of the day until they leave; any other journey follows :data:`DEFAULT_CUSTOMERS`. With both,
        whichever comes first.
    ``warmup``
        leave out of every statistic the customers who arrived before this time (time averages
        such as utilisation cover the time from the warm-up to the end). ``"auto"`` (the default)
        detects it with MSER-5 on the time-in-queue series of a pilot replication and reports the
        value chosen; a terminating journey needs none.
    ``horizon``
        let customers in only until this time and follow all of them, from an empty system, until
        the last has left (a terminating journey; set from the journey when nothing else says how
        the run ends).
    ``replications``
        independent replications; ``None``: :data:`DEFAULT_REPLICATIONS` (at least 2 where the
        intervals are paired). With ``precision``, the replications made first.
    ``precision``
        sequential stopping: add replications until the half-width of every headline figure's 95%
        interval (goal rate, abandonment rate, mean time in the cycle) is within this share of its
        mean, up to ``max_replications``; the result says whether it was reached.
    ``max_replications``
        the most replications ``precision`` may make (default :data:`DEFAULT_MAX_REPLICATIONS`).
    ``max_events``
        the budget of the run, in visits to touchpoints over all replications: a run estimated above
        it is refused before it starts, and a replication that makes more is stopped (default
        :data:`~journeymap.simulation.guards.DEFAULT_MAX_EVENTS`, about ten minutes of work on one core).
    ``seed``
        a non-negative int, a :class:`numpy.random.SeedSequence`, or ``None`` for fresh entropy
        (recorded in the result's settings, so the run can be repeated). Replication ``r`` runs on
        ``SeedSequence(seed).spawn(replications)[r]`` whatever the journey, which pairs the
        replications of different scenarios (common random numbers).
    ``events``
        ``True`` keeps the event log in memory (for small runs); a file name ending in ``.csv`` or
        ``.parquet`` streams it there as the run goes, with flat memory; ``start`` (a datetime or
        ISO text) is its time zero (default :data:`~journeymap.simulation.events.DEFAULT_START`).
    ``executor``
        where the replications run: ``None`` (this process), ``"processes"``, an int, an
        ``Executor`` or a Dask ``Client`` (see :mod:`journeymap.simulation.executors`); the
        numbers are the same, bit for bit, wherever they run.
    ``service_level``
        the wait within which a service counts toward the service level of every touchpoint with a queue
        (``"2 min"``; see :mod:`journeymap.simulation.service_levels`); ``None``: each touchpoint's own
        ``wait`` standard, where its requirements give one.
    ``progress``
        ``None`` or a function ``progress(done, total)`` told how many replications are done (see
        :mod:`journeymap.simulation.progress`; :class:`~journeymap.simulation.ProgressBar` draws a bar).

    Times are numbers in the journey's time unit or text such as ``"8 h"``; :meth:`resolve` turns
    them into numbers for one journey. Every value is checked when the settings are made
    (``ValueError`` naming the argument; ``TypeError`` for a ``progress`` that cannot be called).
    """

    customers: int | None = None
    until: float | str | None = None
    warmup: float | str = AUTO
    replications: int | None = None
    seed: int | np.random.SeedSequence | None = 0
    events: bool | str | os.PathLike[str] = False
    start: dt.datetime | str | None = None
    executor: ExecutorLike = dataclasses.field(default=None, compare=False)
    progress: Progress | None = dataclasses.field(default=None, compare=False)
    precision: float | None = None
    max_replications: int = DEFAULT_MAX_REPLICATIONS
    horizon: float | str | None = None
    max_events: int = DEFAULT_MAX_EVENTS
    service_level: float | str | None = None

    def __post_init__(self) -> None:
        for name, value in (("customers", self.customers), ("replications", self.replications),
                            ("max_replications", self.max_replications), ("max_events", self.max_events)):
            if value is not None and (not _is_int(value) or value < 1):
                raise ValueError(f"'{name}' must be a positive int (got {value!r})")
            if value is not None:
                object.__setattr__(self, name, int(value))
        if self.seed is not None and not isinstance(self.seed, np.random.SeedSequence):
            if not _is_int(self.seed) or self.seed < 0:
                raise ValueError(f"'seed' must be a non-negative int (got {self.seed!r})")
            object.__setattr__(self, "seed", int(self.seed))
        # the unit only matters for the warm-up/until comparison, made by resolve()
        _time(self.until, "until", "hour", allow_zero=False)
        _time(self.horizon, "horizon", "hour", allow_zero=False)
        _time(self.service_level, "service_level", "hour", allow_zero=True)
        if self.warmup != AUTO:
            _time(self.warmup, "warmup", "hour", allow_zero=True)
        precision = self.precision
        if precision is not None and (isinstance(precision, bool) or not isinstance(precision, int | float)
                                      or not 0 < precision < 1):
            raise ValueError(f"'precision' must be a share between 0 and 1, such as 0.05 (got {self.precision!r})")
        if not isinstance(self.events, bool):
            if not isinstance(self.events, str | os.PathLike):
                raise ValueError(f"'events' must be True, False or a file ending in .csv or .parquet "
                                 f"(got {self.events!r})")
            from journeymap.simulation.events import log_format

            log_format(self.events)
        if self.start is not None:
            try:
                pd.Timestamp(self.start)
            except (TypeError, ValueError):
                raise ValueError(f"'start' must be a date and time such as '2025-01-06 08:00' "
                                 f"(got {self.start!r})") from None
        check_executor(self.executor)
        if self.progress is not None and not callable(self.progress):
            raise TypeError(f"'progress' must be None or a function progress(done, total) (got {self.progress!r}); "
                            f"for a progress bar, pass progress=ProgressBar()")

    def replace(self, **changes: Any) -> RunSettings:
        """A copy with some fields changed (checked again)."""
        return dataclasses.replace(self, **changes)

    @property
    def terminating(self) -> bool:
        """Whether each replication is one working day from empty (a ``horizon``, resolved)."""
        return self.horizon is not None

    def resolve(self, journey: Journey, *, replications: int = DEFAULT_REPLICATIONS,
                least_replications: int = 1) -> RunSettings:
        """These settings made concrete for ``journey``: times as numbers in its time unit, the
        stopping rule (a working day for a terminating journey, else :data:`DEFAULT_CUSTOMERS` when
        none is given), ``replications`` when none is given, and a fixed seed (fresh entropy recorded
        when ``seed`` is ``None``). The warm-up stays ``"auto"`` until a pilot run settles it (see
        :mod:`journeymap.simulation.warmup`); a terminating journey has none. Raises ``ValueError``
        when the warm-up does not end before ``until``, or when there are fewer than
        ``least_replications`` replications."""
        unit = journey.time_unit
        until = _time(self.until, "until", unit, allow_zero=False)
        horizon = _time(self.horizon, "horizon", unit, allow_zero=False)
        if horizon is None and self.customers is None and until is None:
            horizon = working_day(journey)
        customers = self.customers
        if horizon is not None:
            customers, until = None, None
        elif customers is None and until is None:
            customers = DEFAULT_CUSTOMERS
        warmup: float | str
        if horizon is not None:
            warmup = 0.0
        elif self.warmup == AUTO:
            warmup = AUTO
        else:
            warmup = _time(self.warmup, "warmup", unit, allow_zero=True) or 0.0
            if until is not None and warmup >= until:
                raise ValueError(f"'warmup' must end before 'until' (got warmup {warmup:g}, until {until:g})")
        count = self.replications if self.replications is not None else replications
        if count < least_replications:
            raise ValueError(f"'replications' must be an int of at least {least_replications} (got {count})")
        seed = np.random.SeedSequence().entropy if self.seed is None else self.seed
        return dataclasses.replace(self, customers=customers, until=until, warmup=warmup, replications=count,
                                   seed=seed, horizon=horizon,
                                   service_level=_time(self.service_level, "service_level", unit, allow_zero=True))

    def root(self) -> np.random.SeedSequence:
        """The seed every replication's seed is spawned from (settings resolved)."""
        if self.replications is None or self.seed is None:
            raise ValueError("resolve the settings for a journey first (settings.resolve(journey))")
        return self.seed if isinstance(self.seed, np.random.SeedSequence) else np.random.SeedSequence(self.seed)

    def seeds(self, first: int = 0, count: int | None = None) -> list[np.random.SeedSequence]:
        """One seed per replication, the same for every journey run with these settings (resolved);
        ``first`` and ``count`` pick replications ``first``, ``first + 1``... (default: all)."""
        root = self.root()
        return replication_seeds(root, self.replications if count is None else count, first)  # type: ignore[arg-type]

    def pilot_seed(self) -> np.random.SeedSequence:
        """The seed of the pilot replication that detects the warm-up: one no replication uses."""
        root = self.root()
        return np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, PILOT), pool_size=root.pool_size)

    def record(self) -> dict[str, Any]:
        """The settings that decide the numbers, as plain values (for JSON): ``replications``, ``seed``,
        ``customers``, ``until``, ``warmup``, ``horizon``, ``precision``, ``service_level``."""
        seed = self.seed if self.seed is None or isinstance(self.seed, int) else str(self.seed)
        return {"replications": self.replications, "seed": seed, "customers": self.customers,
                "until": self.until, "warmup": self.warmup, "horizon": self.horizon, "precision": self.precision,
                "service_level": self.service_level}


class RunOptions(TypedDict, total=False):
    """The fields of :class:`RunSettings` as keyword arguments (``simulate(journey, customers=...)``)."""

    customers: int | None
    until: float | str | None
    warmup: float | str
    replications: int | None
    seed: int | np.random.SeedSequence | None
    events: bool | str | os.PathLike[str]
    start: dt.datetime | str | None
    executor: ExecutorLike
    progress: Progress | None
    precision: float | None
    max_replications: int
    horizon: float | str | None
    max_events: int
    service_level: float | str | None


RUN_OPTIONS = tuple(field.name for field in dataclasses.fields(RunSettings))
"""The keyword arguments that make a :class:`RunSettings`."""


def run_settings(settings: RunSettings | None, options: Mapping[str, Any], *, caller: str,
                 defaults: Mapping[str, Any] | None = None) -> RunSettings:
    """The settings of a call that takes ``settings=`` or the same as keywords (``options``), not both.

    ``defaults`` fill the options the caller leaves out (only when no ``settings`` is given).
    ``TypeError`` names an unknown keyword (with a did-you-mean) or says to choose one way."""
    unknown = [name for name in options if name not in RUN_OPTIONS]
    if unknown:
        name = unknown[0]
        raise TypeError(f"{caller}() got an unexpected keyword argument '{name}'{did_you_mean(name, RUN_OPTIONS)}")
    if settings is not None:
        if not isinstance(settings, RunSettings):
            raise TypeError(f"{caller}(): 'settings' must be a RunSettings (got {settings!r})")
        if options:
            raise TypeError(f"{caller}(): give either settings=RunSettings(...) or keyword arguments such as "
                            f"{', '.join(f'{name}=' for name in options)}, not both")
        return settings
    return RunSettings(**{**(defaults or {}), **options})
