"""Evidence in: event logs and CRM exports turned into a calibrated journey, a baseline, and a back-test."""

from journeymap.evidence.calibration import Calibration, calibrate
from journeymap.evidence.reading import read_log, read_notes

__all__ = ["Calibration", "calibrate", "read_log", "read_notes"]
