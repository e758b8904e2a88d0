"""What compare and sweep share: checked journey variants and their results, on common seeds.

Every variant of a journey is run with the *same* seeds (``SeedSequence(seed).spawn(replications)``,
as :func:`journeymap.simulate` does), and the simulator gives each touchpoint and each arrival its own
stream keyed by id: replication ``r`` of the base and of a scenario see the same customers arriving
and the same service draws wherever nothing changed. Differences per replication are then paired
(common random numbers), which narrows their intervals a great deal.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping

from journeymap.errors import Issue, JourneyError
from journeymap.model import Journey
from journeymap.simulation import OverloadWarning, RunSettings, SimulationResult, check_journey, run_replications

__all__ = ["check_variants", "run_variants"]


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


def run_variants(variants: Mapping[str, Journey], run: RunSettings) -> dict[str, SimulationResult]:
    """Simulate every variant with the same seeds (``run`` resolved for the first of them); one
    :class:`SimulationResult` per variant, by name."""
    stats = run_replications(list(variants.values()), run)
    return {name: SimulationResult(journey, replications, run)
            for (name, journey), replications in zip(variants.items(), stats, strict=True)}
