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
from journeymap.experiment.changes import (
    Change,
    scale_arrivals,
    scale_capacity,
    scale_patience,
    scale_service_time,
    scale_team_capacity,
    set_arrival_rate,
    set_capacity,
    set_patience,
    set_service_time,
    set_team_capacity,
)
from journeymap.experiment.comparison import Comparison, compare
from journeymap.experiment.parameters import parameter_names
from journeymap.experiment.routing import add_route, add_touchpoint, remove_route, remove_touchpoint, set_route
from journeymap.experiment.scenario import Scenario, load_scenarios, sample_scenarios
from journeymap.experiment.staffing import StaffingPlan, staff
from journeymap.experiment.sweeping import SweepResult, sweep
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
from journeymap.simulation.executors import local_pool

__version__ = "0.1.0"

# The public face, by what a user does with it (a table of contents, as SimPy's is).
__all__ = [  # noqa: RUF022
    "__version__",
    # a journey: the model, its files, the built-in templates and study folders
    "Journey", "Stage", "Touchpoint", "Transition", "Arrival", "RatePeriod", "Requirement",
    "MeasuredSatisfaction", "Distribution", "Constant", "Exponential", "Gamma", "Lognormal", "Triangular",
    "Uniform", "Empirical",
    "load", "loads", "save", "dumps", "check", "validate", "Report", "json_schema",
    "DEFAULT_TEMPLATE", "template", "template_path", "templates", "Study", "init_study", "open_study",
    # looking at it: the routing analysis and the drawings
    "Analysis", "analyze", "Drawing", "draw", "to_dot", "to_mermaid", "export_views",
    # simulating it
    "RunSettings", "SimulationResult", "simulate", "confidence_interval", "ProgressBar", "local_pool",
    # what-if: the changes, scenarios, comparisons, sweeps and staffing
    "Change", "set_arrival_rate", "scale_arrivals", "set_capacity", "scale_capacity", "set_service_time",
    "scale_service_time", "set_patience", "scale_patience", "set_team_capacity", "scale_team_capacity",
    "add_touchpoint", "remove_touchpoint", "add_route", "remove_route", "set_route", "parameter_names",
    "Scenario", "load_scenarios", "sample_scenarios", "Comparison", "compare", "SweepResult", "sweep",
    "StaffingPlan", "staff",
    # the quick wins and the report
    "Intervention", "load_interventions", "sample_interventions", "ActionPlan", "action_plan",
    "ClientReport", "report",
    # the voice of the customer, the evidence of event logs, the workbench (loaded on first use)
    "survey", "read_log", "read_notes", "calibrate", "baseline", "load_baseline", "compare_baselines",
    "Editor", "Simulator", "edit", "workbench",
    # errors and warnings
    "JourneyError", "Issue", "NotFound", "EditError", "UnitError", "ScenarioError", "RenderError",
    "OverloadWarning",
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
