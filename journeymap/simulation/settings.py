"""How a run goes: one :class:`RunSettings` value, checked once, taken by everything that simulates.

    settings = jm.RunSettings(customers=20_000, replications=10, seed=1, executor="processes")
    jm.simulate(journey, settings)
    jm.compare(journey, scenarios, settings)
    jm.simulate(journey, customers=20_000, replications=10, seed=1)   # the same, as keywords

:func:`~journeymap.simulation.simulate`, :func:`~journeymap.experiment.compare`,
:func:`~journeymap.experiment.sweep`, :func:`~journeymap.prioritize.estimate_impact` and
:func:`~journeymap.prioritize.action_plan` take either a ``RunSettings`` or its fields as keyword
arguments (:data:`RUN_OPTIONS`), never both. Their results keep the settings they ran with, with
times in the journey's unit (``result.settings``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypedDict

import numpy as np
import pandas as pd

from journeymap.errors import did_you_mean
from journeymap.model import Journey
from journeymap.model.units import UnitError, parse_duration
from journeymap.simulation.executors import ExecutorLike, check_executor
from journeymap.simulation.progress import Progress

__all__ = ["DEFAULT_CUSTOMERS", "RUN_OPTIONS", "RunOptions", "RunSettings", "replication_seeds", "run_settings"]

DEFAULT_CUSTOMERS = 10_000
"""How many customers a replication lets through when neither ``customers`` nor ``until`` is given."""


def replication_seeds(root: np.random.SeedSequence, replications: int) -> list[np.random.SeedSequence]:
    """The seeds of the replications: what ``root.spawn(replications)`` gives on a fresh ``root``,
    without changing ``root`` (so passing the same SeedSequence twice gives the same run)."""
    return [
        np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, k), pool_size=root.pool_size)
        for k in range(replications)
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
        stop once this many customers (who arrived after the warm-up) have left the cycle;
    ``until``
        stop at this time (customers still inside are counted as in progress). With neither,
        :data:`DEFAULT_CUSTOMERS`; with both, whichever comes first.
    ``warmup``
        leave out of every statistic the customers who arrived before this time (time averages
        such as utilisation cover the time from the warm-up to the end).
    ``replications``
        independent replications; ``None``: the default of what runs them (1 for ``simulate``,
        10 for ``compare`` and the action plan, 5 for ``sweep``).
    ``seed``
        a non-negative int, a :class:`numpy.random.SeedSequence`, or ``None`` for fresh entropy
        (recorded in the result's settings, so the run can be repeated). Replication ``r`` runs on
        ``SeedSequence(seed).spawn(replications)[r]`` whatever the journey, which pairs the
        replications of different scenarios (common random numbers).
    ``events``
        keep the event log; ``start`` (a datetime or ISO text) is its time zero (default
        :data:`~journeymap.simulation.events.DEFAULT_START`).
    ``executor``
        where the replications run: ``None`` (this process), ``"processes"``, an int, an
        ``Executor`` or a Dask ``Client`` (see :mod:`journeymap.simulation.executors`); the
        numbers are the same, bit for bit, wherever they run.
    ``progress``
        ``None`` or a function ``progress(done, total)`` told how many replications are done (see
        :mod:`journeymap.simulation.progress`; :class:`~journeymap.simulation.ProgressBar` draws a bar).

    Times are numbers in the journey's time unit or text such as ``"8 h"``; :meth:`resolve` turns
    them into numbers for one journey. Every value is checked when the settings are made
    (``ValueError`` naming the argument; ``TypeError`` for a ``progress`` that cannot be called).
    """

    customers: int | None = None
    until: float | str | None = None
    warmup: float | str = 0.0
    replications: int | None = None
    seed: int | np.random.SeedSequence | None = 0
    events: bool = False
    start: dt.datetime | str | None = None
    executor: ExecutorLike = dataclasses.field(default=None, compare=False)
    progress: Progress | None = dataclasses.field(default=None, compare=False)

    def __post_init__(self) -> None:
        for name, value in (("customers", self.customers), ("replications", self.replications)):
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
        _time(self.warmup, "warmup", "hour", allow_zero=True)
        if not isinstance(self.events, bool):
            raise ValueError(f"'events' must be True or False (got {self.events!r})")
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

    def resolve(self, journey: Journey, *, replications: int = 1, least_replications: int = 1) -> RunSettings:
        """These settings made concrete for ``journey``: times as numbers in its time unit, the
        stopping rule (:data:`DEFAULT_CUSTOMERS` when none is given), ``replications`` when none is
        given, and a fixed seed (fresh entropy recorded when ``seed`` is ``None``). Raises
        ``ValueError`` when the warm-up does not end before ``until``, or when there are fewer than
        ``least_replications`` replications."""
        unit = journey.time_unit
        until = _time(self.until, "until", unit, allow_zero=False)
        warmup = _time(self.warmup, "warmup", unit, allow_zero=True) or 0.0
        if until is not None and warmup >= until:
            raise ValueError(f"'warmup' must end before 'until' (got warmup {warmup:g}, until {until:g})")
        customers = self.customers if self.customers is not None or until is not None else DEFAULT_CUSTOMERS
        count = self.replications if self.replications is not None else replications
        if count < least_replications:
            raise ValueError(f"'replications' must be an int of at least {least_replications} (got {count})")
        seed = np.random.SeedSequence().entropy if self.seed is None else self.seed
        return dataclasses.replace(self, customers=customers, until=until, warmup=warmup, replications=count,
                                   seed=seed)

    def seeds(self) -> list[np.random.SeedSequence]:
        """One seed per replication, the same for every journey run with these settings (resolved)."""
        if self.replications is None or self.seed is None:
            raise ValueError("resolve the settings for a journey first (settings.resolve(journey))")
        root = self.seed if isinstance(self.seed, np.random.SeedSequence) else np.random.SeedSequence(self.seed)
        return replication_seeds(root, self.replications)

    def record(self) -> dict[str, Any]:
        """The settings that decide the numbers, as plain values (for JSON): ``replications``, ``seed``,
        ``customers``, ``until``, ``warmup``."""
        seed = self.seed if self.seed is None or isinstance(self.seed, int) else str(self.seed)
        return {"replications": self.replications, "seed": seed, "customers": self.customers,
                "until": self.until, "warmup": self.warmup}


class RunOptions(TypedDict, total=False):
    """The fields of :class:`RunSettings` as keyword arguments (``simulate(journey, customers=...)``)."""

    customers: int | None
    until: float | str | None
    warmup: float | str
    replications: int | None
    seed: int | np.random.SeedSequence | None
    events: bool
    start: dt.datetime | str | None
    executor: ExecutorLike
    progress: Progress | None


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
