"""journeymap: map a customer service cycle, mark its moments of truth, draw it, simulate it, and
rank the quick wins.

    import journeymap as jm
    journey = jm.template("telecom_outage", language="es")   # or jm.load("outage.yaml")
    jm.analyze(journey).goal_probability                     # exact routing figures
    jm.draw(journey, view="cycle")                           # the clock of moments of truth
    result = jm.simulate(journey, customers=10_000, replications=10, seed=1)
    comparison = jm.compare(journey, jm.sample_scenarios("telecom_outage"))
    plan = jm.action_plan(journey, jm.sample_interventions("telecom_outage"))

Everything a notebook needs is here; the subpackages (``journeymap.model``, ``.io``, ``.analysis``,
``.render``, ``.simulation``, ``.experiment``, ``.prioritize``, ``.text``) hold the rest.
"""

from journeymap import survey
from journeymap.analysis import Analysis, analyze
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
from journeymap.experiment import (
    Change,
    Comparison,
    Scenario,
    StaffingPlan,
    SweepResult,
    add_route,
    add_touchpoint,
    compare,
    load_scenarios,
    local_pool,
    parameter_names,
    remove_route,
    remove_touchpoint,
    sample_scenarios,
    scale_arrivals,
    scale_capacity,
    scale_patience,
    scale_service_time,
    scale_team_capacity,
    set_arrival_rate,
    set_capacity,
    set_patience,
    set_route,
    set_service_time,
    set_team_capacity,
    staff,
    sweep,
)
from journeymap.io import Report, check, dumps, json_schema, load, loads, save, validate
from journeymap.io.catalog import DEFAULT_TEMPLATE, template, template_path, templates
from journeymap.io.study import Study, init_study, open_study
from journeymap.model import (
    Arrival,
    Constant,
    Distribution,
    Empirical,
    Exponential,
    Gamma,
    Journey,
    Lognormal,
    MeasuredSatisfaction,
    RatePeriod,
    Requirement,
    Stage,
    Touchpoint,
    Transition,
    Triangular,
    Uniform,
)
from journeymap.prioritize import ActionPlan, Intervention, action_plan, load_interventions, sample_interventions
from journeymap.render import Drawing, draw, export_views, to_dot, to_mermaid
from journeymap.reporting import ClientReport, report
from journeymap.simulation import ProgressBar, RunSettings, SimulationResult, confidence_interval, simulate

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_TEMPLATE",
    "ActionPlan",
    "Analysis",
    "Arrival",
    "Change",
    "ClientReport",
    "Comparison",
    "Constant",
    "Distribution",
    "Drawing",
    "EditError",
    "Editor",
    "Empirical",
    "Exponential",
    "Gamma",
    "Intervention",
    "Issue",
    "Journey",
    "JourneyError",
    "Lognormal",
    "MeasuredSatisfaction",
    "NotFound",
    "OverloadWarning",
    "ProgressBar",
    "RatePeriod",
    "RenderError",
    "Report",
    "Requirement",
    "RunSettings",
    "Scenario",
    "ScenarioError",
    "SimulationResult",
    "Simulator",
    "StaffingPlan",
    "Stage",
    "Study",
    "SweepResult",
    "Touchpoint",
    "Transition",
    "Triangular",
    "Uniform",
    "UnitError",
    "__version__",
    "action_plan",
    "add_route",
    "add_touchpoint",
    "analyze",
    "baseline",
    "calibrate",
    "check",
    "compare",
    "compare_baselines",
    "confidence_interval",
    "draw",
    "dumps",
    "edit",
    "export_views",
    "init_study",
    "json_schema",
    "load",
    "load_baseline",
    "load_interventions",
    "load_scenarios",
    "loads",
    "local_pool",
    "open_study",
    "parameter_names",
    "read_log",
    "read_notes",
    "remove_route",
    "remove_touchpoint",
    "report",
    "sample_interventions",
    "sample_scenarios",
    "save",
    "scale_arrivals",
    "scale_capacity",
    "scale_patience",
    "scale_service_time",
    "scale_team_capacity",
    "set_arrival_rate",
    "set_capacity",
    "set_patience",
    "set_route",
    "set_service_time",
    "set_team_capacity",
    "simulate",
    "staff",
    "survey",
    "sweep",
    "template",
    "template_path",
    "templates",
    "to_dot",
    "to_mermaid",
    "validate",
    "workbench",
]

_WIDGETS = ("edit", "Editor", "Simulator", "workbench")
_EVIDENCE = ("read_log", "read_notes", "calibrate", "baseline", "load_baseline", "compare_baselines")


def __getattr__(name: str) -> object:
    """The widgets (``jm.edit``, ``jm.Editor``, ``jm.Simulator``, ``jm.workbench``) and the evidence layer
    (``jm.read_log``, ``jm.calibrate``, ``jm.baseline``..., which need scipy.stats) load on first use: they are
    slow to import."""
    if name in _WIDGETS:
        from journeymap import widgets

        return getattr(widgets, name)
    if name in _EVIDENCE:
        from journeymap import evidence

        return getattr(evidence, name)
    raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
