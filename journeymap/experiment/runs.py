"""What compare and sweep share: run settings, seeds, checked journey variants and their results.

Every variant of a journey is run with the *same* seeds (``SeedSequence(seed).spawn(replications)``,
as :func:`journeymap.simulate` does), and the simulator gives each touchpoint and each arrival its own
stream keyed by id: replication ``r`` of the base and of a scenario see the same customers arriving
and the same service draws wherever nothing changed. Differences per replication are then paired
(common random numbers), which narrows their intervals a great deal.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from journeymap.errors import Issue, JourneyError
from journeymap.model import Journey
from journeymap.model.units import parse_duration
from journeymap.simulation import DEFAULT_CUSTOMERS, OverloadWarning, SimulationResult, check_journey
from journeymap.simulation.executors import ExecutorLike, run_replications

__all__ = ["RunSettings", "run_variants", "settings"]


@dataclass(frozen=True)
class RunSettings:
    """How each replication runs and how many there are (times in the journey's unit)."""

    replications: int
    seed: int
    customers: int | None
    until: float | None
    warmup: float

    def seeds(self) -> list[np.random.SeedSequence]:
        """One seed per replication, the same for every variant."""
        return np.random.SeedSequence(self.seed).spawn(self.replications)

    def record(self) -> dict[str, Any]:
        """The settings as plain values (for results and JSON)."""
        return {"replications": self.replications, "seed": self.seed, "customers": self.customers,
                "until": self.until, "warmup": self.warmup}


def _positive_int(value: Any, name: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise ValueError(f"'{name}' must be an int of at least {minimum} (got {value!r})")
    return int(value)


def settings(journey: Journey, *, replications: int, seed: int, customers: int | None,
             until: float | str | None, warmup: float | str, least_replications: int = 2) -> RunSettings:
    """Checked run settings; ``ValueError`` names the bad argument. With neither ``customers`` nor
    ``until``, each replication lets :data:`~journeymap.simulation.DEFAULT_CUSTOMERS` customers through.
    Paired intervals need ``least_replications`` = 2 replications at least."""
    replications = _positive_int(replications, "replications", least_replications)
    seed = _positive_int(seed, "seed", 0)
    if customers is not None:
        customers = _positive_int(customers, "customers")
    horizon = None if until is None else parse_duration(until, journey.time_unit)
    if horizon is not None and not (math.isfinite(horizon) and horizon > 0):
        raise ValueError(f"'until' must be a positive time (got {until!r})")
    start = parse_duration(warmup or 0.0, journey.time_unit)
    if not math.isfinite(start) or start < 0:
        raise ValueError(f"'warmup' must be a non-negative time (got {warmup!r})")
    if horizon is not None and start >= horizon:
        raise ValueError(f"'warmup' must end before 'until' (got warmup {start:g}, until {horizon:g})")
    if customers is None and horizon is None:
        customers = DEFAULT_CUSTOMERS
    return RunSettings(replications, seed, customers, horizon, start)


def check_variants(variants: Mapping[str, Journey], *, warn: bool = True) -> dict[str, list[str]]:
    """Make sure every variant can be simulated (one :class:`JourneyError` listing every problem, each
    naming its variant); return each variant's overload messages, warned about when ``warn``."""
    problems: list[Issue] = []
    overloads: dict[str, list[str]] = {}
    for name, journey in variants.items():
        try:
            overloads[name] = check_journey(journey)
        except JourneyError as exc:
            problems += [Issue(f"{name}: {issue.message}", issue.path, file=issue.file, line=issue.line)
                         for issue in exc.errors]
    if problems:
        raise JourneyError(problems)
    if warn:
        for name, messages in overloads.items():
            for message in messages:
                warnings.warn(f"{name}: {message}", OverloadWarning, stacklevel=3)
    return overloads


def run_variants(variants: Mapping[str, Journey], run: RunSettings, *, executor: ExecutorLike = None,
                 progress: bool | None = None, description: str = "replications") -> dict[str, SimulationResult]:
    """Simulate every variant with the same seeds; one :class:`SimulationResult` per variant, by name."""
    journeys = list(variants.values())
    stats = run_replications(journeys, run.seeds(), customers=run.customers, until=run.until,
                             warmup=run.warmup, executor=executor, progress=progress, description=description)
    return {
        name: SimulationResult.from_replications(journey, replications, seed=run.seed, customers=run.customers,
                                                 until=run.until, warmup=run.warmup)
        for (name, journey), replications in zip(variants.items(), stats, strict=True)
    }
