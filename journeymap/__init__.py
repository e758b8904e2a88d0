"""journeymap: map a customer service cycle, mark its moments of truth, draw it, simulate it, and
rank the quick wins.

    import journeymap as jm
    journey = jm.load("outage.yaml")
"""

from journeymap.errors import (
    EditError,
    Issue,
    JourneyError,
    NotFound,
    OverloadWarning,
    RenderError,
    ScenarioError,
    UnitError,
)
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
)

__version__ = "0.1.0"

__all__ = [
    "Arrival",
    "Constant",
    "Distribution",
    "EditError",
    "Empirical",
    "Exponential",
    "Gamma",
    "Issue",
    "Journey",
    "JourneyError",
    "Lognormal",
    "NotFound",
    "OverloadWarning",
    "RatePeriod",
    "RenderError",
    "ScenarioError",
    "Stage",
    "Touchpoint",
    "Transition",
    "Triangular",
    "Uniform",
    "UnitError",
    "__version__",
]

from journeymap.analysis import Analysis, analyze
from journeymap.io import Report, check, dumps, json_schema, load, loads, save, validate
from journeymap.io.catalog import DEFAULT_TEMPLATE, template, template_path, templates
from journeymap.render import Drawing, draw, export_views, to_dot, to_mermaid
from journeymap.simulation import SimulationResult, simulate


def __getattr__(name: str) -> object:
    """The widgets load on first use (``jm.edit``, ``jm.Editor``, ``jm.Simulator``, ``jm.workbench``): they are
    slow to import."""
    if name in ("edit", "Editor", "Simulator", "workbench"):
        from journeymap import widgets

        return getattr(widgets, name)
    raise AttributeError(f"module 'journeymap' has no attribute {name!r}")


__all__ += [
    "DEFAULT_TEMPLATE", "Analysis", "Drawing", "Editor", "Report", "SimulationResult", "Simulator", "analyze",
    "check", "draw", "dumps", "edit", "export_views", "json_schema", "load", "loads", "save", "simulate",
    "template", "template_path", "templates", "to_dot", "to_mermaid", "validate", "workbench",
]
