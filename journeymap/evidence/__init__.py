"""Evidence in: event logs and CRM exports turned into a calibrated journey, a baseline, and a back-test.

    from journeymap.evidence import read_log, calibrate, baseline, compare_baselines
    log = read_log("tickets.csv", case="ticket_id", activity="step", timestamp="closed_at")
    calibration = calibrate(log, "desk.yaml", "mapping.yaml")   # or calibrate(log): a journey drafted from the log
    calibration.journey            # validates, saves, draws and simulates like any other journey
    calibration.evidence           # one row per estimated figure, with its interval and method
    calibration.check().table()    # back-test: the log beside the simulation, with a verdict per figure
    before = baseline(log, at="2024-06-30")                     # indicators at a date, with intervals
    before.compare(baseline(later_log)).summary()               # each change, and whether it is real

Estimated values are recorded in ``meta["evidence"]`` of the journey, its touchpoints, routes and
arrivals (see :mod:`journeymap.evidence.calibration` for the keys), so that a saved journey never
confuses what was measured with what was assumed.
"""

from journeymap.evidence.backtest import BackTest
from journeymap.evidence.baselines import Baseline, BaselineComparison, baseline, compare_baselines, load_baseline
from journeymap.evidence.calibration import Calibration, calibrate
from journeymap.evidence.reading import read_log, read_notes

__all__ = ["BackTest", "Baseline", "BaselineComparison", "Calibration", "baseline", "calibrate", "compare_baselines",
           "load_baseline", "read_log", "read_notes"]
