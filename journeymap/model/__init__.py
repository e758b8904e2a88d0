"""The journey model: immutable values with no knowledge of files, drawing or simulation.

Every edit of a journey (a new journey from an old one) is in :mod:`journeymap.model.edits`, and those of
its teams, shifts and segments in :mod:`journeymap.model.operations_edits`.
"""

from journeymap.model.arrivals import mean_arrival_rate
from journeymap.model.distributions import (
    DISTRIBUTIONS,
    Constant,
    Distribution,
    Empirical,
    Exponential,
    Gamma,
    Lognormal,
    Triangular,
    Uniform,
)
from journeymap.model.entries import Arrival, RatePeriod
from journeymap.model.graph import closed_loops
from journeymap.model.journey import (
    LANES,
    LANGUAGES,
    Journey,
    Lane,
    Language,
    Stage,
    Touchpoint,
    Transition,
    require_journey,
)
from journeymap.model.requirements import STANDARDS, MeasuredSatisfaction, Requirement
from journeymap.model.retries import Retry
from journeymap.model.segments import Segment
from journeymap.model.teams import WEEKDAYS, Shift, Team
from journeymap.model.units import TIME_UNITS, TimeUnit
from journeymap.model.validation import validate

__all__ = [
    "DISTRIBUTIONS",
    "LANES",
    "LANGUAGES",
    "STANDARDS",
    "TIME_UNITS",
    "WEEKDAYS",
    "Arrival",
    "Constant",
    "Distribution",
    "Empirical",
    "Exponential",
    "Gamma",
    "Journey",
    "Lane",
    "Language",
    "Lognormal",
    "MeasuredSatisfaction",
    "RatePeriod",
    "Requirement",
    "Retry",
    "Segment",
    "Shift",
    "Stage",
    "Team",
    "TimeUnit",
    "Touchpoint",
    "Transition",
    "Triangular",
    "Uniform",
    "closed_loops",
    "mean_arrival_rate",
    "require_journey",
    "validate",
]
