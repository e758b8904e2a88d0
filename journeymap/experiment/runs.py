"""What compare and sweep share: checked journey variants and their results, on common seeds.

Every variant of a journey is run with the *same* seeds (``SeedSequence(seed).spawn(replications)``,
as :func:`journeymap.simulate` does), the same warm-up (detected once, on the base), and the
simulator gives each arrival its own stream and each customer its own draws, keyed by ids: replication
``r`` of the base and of a scenario see the same customers arriving with the same service times,
patience and routing wherever nothing changed, whatever order they reach the servers in. Differences
per replication are then paired (common random numbers), which narrows their intervals a great deal.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from journeymap.errors import Issue, JourneyError
from journeymap.model import Journey
from journeymap.simulation import (
    OverloadWarning,
    PreparedRun,
    ReplicationStats,
    RunSettings,
    SimulationResult,
    check_journey,
    prepare_run,
    run_replications,
)

__all__ = ["check_variants", "replicate_variants", "run_variants"]


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


def replicate_variants(variants: Mapping[str, Journey],
                       run: RunSettings) -> tuple[list[list[ReplicationStats]], PreparedRun]:
    """Every variant's replications on the same seeds and warm-up (``run`` resolved for the first of
    them), after the run's size is checked (see :func:`~journeymap.simulation.prepare_run`); and the
    prepared run. ``precision`` is refused: paired comparisons run a fixed number of replications."""
    if run.precision is not None:
        raise ValueError("'precision' is for simulate(): comparisons and sweeps run a fixed number of paired "
                         "replications (give replications=)")
    journeys = list(variants.values())
    prepared = prepare_run(journeys, run)
    return run_replications(journeys, prepared.settings, limits=prepared.limits), prepared


def run_variants(variants: Mapping[str, Journey], run: RunSettings) -> dict[str, SimulationResult]:
    """Simulate every variant with the same seeds and warm-up (``run`` resolved for the first of them);
    one :class:`SimulationResult` per variant, by name."""
    stats, prepared = replicate_variants(variants, run)
    return {name: SimulationResult(journey, replications, prepared.settings, warmup=prepared.warmup)
            for (name, journey), replications in zip(variants.items(), stats, strict=True)}
