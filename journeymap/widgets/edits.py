"""Small pure edits the workbench needs that are about editing rather than about the model.

Each takes a journey and returns a new one (or a plain value), so the widgets stay thin and these
rules are tested without any widget: fresh ids from a typed name, moving a stage or a touchpoint
one place up or down, creating a stage when a new one is typed, setting an entry's arrival rate,
and switching a time distribution to another kind while keeping its mean.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from journeymap.model import (
    DISTRIBUTIONS,
    Arrival,
    Constant,
    Distribution,
    Empirical,
    Exponential,
    Gamma,
    Journey,
    Lognormal,
    Stage,
    Touchpoint,
    Triangular,
    Uniform,
    mean_arrival_rate,
)

__all__ = [
    "add_stage",
    "add_touchpoint",
    "grouped",
    "move_stage",
    "move_touchpoint",
    "set_arrival_rate",
    "set_stage",
    "slug",
    "switch_kind",
    "unique_id",
    "with_settings",
]


def slug(text: str) -> str:
    """An id made from a typed name: ASCII lowercase words joined by ``_`` (``"Atención 24 h"`` → ``atencion_24_h``)."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    words = re.sub(r"[^0-9a-z]+", "_", ascii_text.lower()).strip("_")
    if not words:
        return "item"
    return words if words[0].isalpha() else f"n_{words}"


def unique_id(name: str, taken: Iterable[str]) -> str:
    """``slug(name)``, with ``_2``, ``_3``... appended until it is not in ``taken``."""
    used = set(taken)
    base = slug(name)
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def grouped(journey: Journey) -> list[tuple[Stage | None, tuple[Touchpoint, ...]]]:
    """The touchpoints by stage, in stage order; touchpoints naming no known stage come last under ``None``."""
    groups: list[tuple[Stage | None, tuple[Touchpoint, ...]]] = [
        (stage, journey.touchpoints_in(stage.id)) for stage in journey.stages
    ]
    known = set(journey.stage_ids)
    orphans = tuple(tp for tp in journey.touchpoints if tp.stage not in known)
    if orphans:
        groups.append((None, orphans))
    return groups


def add_stage(journey: Journey, name: str, *, after: str | None = None) -> tuple[Journey, str]:
    """The journey with a new stage called ``name`` (after stage ``after``, else last) and the new stage's id."""
    name = name.strip()
    if not name:
        raise ValueError("a stage needs a name (got an empty text)")
    stage_id = unique_id(name, journey.stage_ids)
    return journey.with_stage(Stage(stage_id, name), after=after), stage_id


def move_stage(journey: Journey, stage_id: str, offset: int) -> Journey:
    """The journey with stage ``stage_id`` moved ``offset`` places (negative: earlier), clamped to the ends."""
    ids = list(journey.stage_ids)
    index = ids.index(journey.stage(stage_id).id)
    target = min(max(index + offset, 0), len(ids) - 1)
    stages = list(journey.stages)
    stages.insert(target, stages.pop(index))
    return journey.replace(stages=tuple(stages))


def move_touchpoint(journey: Journey, touchpoint_id: str, offset: int) -> Journey:
    """The journey with a touchpoint moved ``offset`` places among the touchpoints of its own stage."""
    tp = journey.touchpoint(touchpoint_id)
    siblings = [t.id for t in journey.touchpoints_in(tp.stage)]
    index = siblings.index(tp.id)
    target = min(max(index + offset, 0), len(siblings) - 1)
    if target == index:
        return journey
    siblings.insert(target, siblings.pop(index))
    slots = iter(siblings)  # the stage's positions in file order stay; who sits in them changes
    order = [next(slots) if t.stage == tp.stage else t.id for t in journey.touchpoints]
    return journey.with_order(order)


def add_touchpoint(
    journey: Journey, name: str, stage: str | None = None, *, after: str | None = None
) -> tuple[Journey, str]:
    """The journey with a new touchpoint called ``name`` and the new touchpoint's id.

    It joins ``stage`` (a stage id; default: the stage of ``after``, else the first stage), right
    after touchpoint ``after`` when given, else after the last touchpoint of its stage.
    """
    name = name.strip()
    if not name:
        raise ValueError("a touchpoint needs a name (got an empty text)")
    if stage is None:
        stage = journey.touchpoint(after).stage if after else (journey.stage_ids[0] if journey.stages else "")
    if after is None:
        in_stage = journey.touchpoints_in(stage)
        after = in_stage[-1].id if in_stage else None
    tp_id = unique_id(name, journey.touchpoint_ids)
    return journey.with_touchpoint(Touchpoint(tp_id, name, stage), after=after), tp_id


def set_stage(journey: Journey, touchpoint_id: str, stage: str) -> Journey:
    """The journey with a touchpoint moved to ``stage``: an existing stage's id or name, or a new stage's name."""
    stage = stage.strip()
    if not stage:
        raise ValueError("'stage' must name a stage (got an empty text)")
    by_label = {s.label.casefold(): s.id for s in journey.stages}
    if stage in journey.stage_ids:
        stage_id = stage
    elif stage.casefold() in by_label:
        stage_id = by_label[stage.casefold()]
    else:
        journey, stage_id = add_stage(journey, stage)
    return journey.update_touchpoint(touchpoint_id, stage=stage_id)


def set_arrival_rate(journey: Journey, touchpoint_id: str, rate: float | None) -> Journey:
    """The journey with customers entering at a touchpoint at ``rate`` per time unit (``None``: nobody enters there).

    A daily schedule there is scaled to the new mean rate rather than replaced, so its shape is kept.
    """
    journey.touchpoint(touchpoint_id)
    current = [a for a in journey.arrivals if a.touchpoint == touchpoint_id]
    if rate is None:
        return journey.replace(arrivals=tuple(a for a in journey.arrivals if a.touchpoint != touchpoint_id))
    if len(current) == 1 and current[0].schedule:
        old = mean_arrival_rate(journey.replace(arrivals=tuple(current)))[touchpoint_id]
        factor = rate / old if old else 0.0
        periods = tuple(p.replace(rate=p.rate * factor) for p in current[0].schedule)
        return journey.with_arrival(current[0].replace(schedule=periods))
    kept = current[0].replace(rate=rate, schedule=()) if current else Arrival(touchpoint_id, rate=rate)
    return journey.with_arrival(kept)


def switch_kind(distribution: Distribution | None, kind: str, *, default_mean: float = 1.0) -> Distribution:
    """A distribution of another ``kind`` with the same mean as ``distribution`` (or ``default_mean``).

    The spread follows the kind's usual shape: uniform and triangular from half to one and a half
    times the mean, lognormal and gamma with the standard deviation equal to the mean.
    """
    if kind not in DISTRIBUTIONS:
        choices = ", ".join(DISTRIBUTIONS)
        raise ValueError(f"'dist' must be one of: {choices} (got '{kind}')")
    if distribution is not None and distribution.kind == kind:
        return distribution
    mean = float(distribution.mean) if distribution is not None else default_mean
    builders = {
        "constant": lambda m: Constant(m),
        "exponential": lambda m: Exponential(m),
        "uniform": lambda m: Uniform(m / 2, m * 3 / 2),
        "triangular": lambda m: Triangular(m / 2, m, m * 3 / 2),
        "lognormal": lambda m: Lognormal(m, m),
        "gamma": lambda m: Gamma(m, m),
        "empirical": lambda m: Empirical((m,)),
    }
    return builders[kind](mean)


def with_settings(
    journey: Journey,
    *,
    capacity: dict[str, int | None] | None = None,
    patience: dict[str, float] | None = None,
    arrivals: dict[str, float | None] | None = None,
) -> Journey:
    """The journey with the simulator panel's settings: servers per touchpoint, mean patience per
    touchpoint (the distribution rescaled, its shape kept), and arrival rates per entry touchpoint."""
    for tp_id, servers in (capacity or {}).items():
        journey = journey.update_touchpoint(tp_id, capacity=servers)
    for tp_id, mean in (patience or {}).items():
        current = journey.touchpoint(tp_id).patience
        if current is None or not current.mean:
            raise ValueError(f"touchpoint '{tp_id}' has no patience to rescale")
        if current.mean != mean:
            journey = journey.update_touchpoint(tp_id, patience=current.scaled(mean / current.mean))
    for tp_id, rate in (arrivals or {}).items():
        journey = set_arrival_rate(journey, tp_id, rate)
    return journey
