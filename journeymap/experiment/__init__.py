"""What-if experiments on a journey: scenarios of changes, paired comparisons and parameter sweeps,
run in this process, on a local process pool or on a Dask cluster with identical results.

    import journeymap as jm
    faster = jm.Scenario("Faster diagnosis", [jm.scale_service_time("diagnose", 0.8)])
    comparison = jm.compare(journey, [faster], replications=10, seed=1)
    grid = jm.sweep(journey, {"call.capacity": [2, 3, 4], "arrival.rate": ["20/h", "30/h"]})
"""

from journeymap.experiment.changes import (
    REBALANCE,
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
from journeymap.experiment.metrics import DIRECTION, METRICS
from journeymap.experiment.parameters import parameter_change, parameter_names, parameter_value
from journeymap.experiment.routing import add_route, add_touchpoint, remove_route, remove_touchpoint, set_route
from journeymap.experiment.scenario import (
    BASE,
    Scenario,
    load_scenarios,
    sample_scenarios,
    scenarios_from_data,
)
from journeymap.experiment.staffing import StaffingPlan, staff
from journeymap.experiment.sweeping import SweepResult, sweep
from journeymap.simulation.executors import local_pool

__all__ = [
    "BASE",
    "DIRECTION",
    "METRICS",
    "REBALANCE",
    "Change",
    "Comparison",
    "Scenario",
    "StaffingPlan",
    "SweepResult",
    "add_route",
    "add_touchpoint",
    "compare",
    "load_scenarios",
    "local_pool",
    "parameter_change",
    "parameter_names",
    "parameter_value",
    "remove_route",
    "remove_touchpoint",
    "sample_scenarios",
    "scale_arrivals",
    "scale_capacity",
    "scale_patience",
    "scale_service_time",
    "scale_team_capacity",
    "scenarios_from_data",
    "set_arrival_rate",
    "set_capacity",
    "set_patience",
    "set_route",
    "set_service_time",
    "set_team_capacity",
    "staff",
    "sweep",
]
