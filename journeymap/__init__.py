"""journeymap: map a customer service cycle, mark its moments of truth, draw it, simulate it, and
rank the quick wins.

    import journeymap as jm
    journey = jm.load("outage.yaml")
"""

from journeymap.errors import Issue, JourneyError, ScenarioError
from journeymap.model import (
    Arrival,
    Constant,
    Distribution,
    Empirical,
    Exponential,
    Gamma,
    Journey,
    Lognormal,
    RatePeriod,
    Stage,
    Touchpoint,
    Transition,
    Triangular,
    Uniform,
    UnitError,
)

__version__ = "0.1.0"

__all__ = [
    "Arrival",
    "Constant",
    "Distribution",
    "Empirical",
    "Exponential",
    "Gamma",
    "Issue",
    "Journey",
    "JourneyError",
    "Lognormal",
    "RatePeriod",
    "ScenarioError",
    "Stage",
    "Touchpoint",
    "Transition",
    "Triangular",
    "Uniform",
    "UnitError",
    "__version__",
]
