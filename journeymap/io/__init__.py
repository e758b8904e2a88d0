"""Journeys in files: YAML and JSON load and save, the JSON Schema, and validation whose messages
say ``file:line: field.path: what is wrong``.

    from journeymap.io import load, save, check
    journey = load("outage.yaml")          # JourneyError listing every problem, or the journey
    report = check("outage.yaml")          # never raises: report.ok, report.errors, report.warnings
    save(journey, "copy.yaml")             # atomic; .json for JSON
"""

from journeymap.io.dump import dumps, save, to_document
from journeymap.io.loading import Report, check, from_document, load, loads
from journeymap.io.schema import json_schema
from journeymap.io.source import MAX_BYTES
from journeymap.model.validation import validate

__all__ = [
    "MAX_BYTES",
    "Report",
    "check",
    "dumps",
    "from_document",
    "json_schema",
    "load",
    "loads",
    "save",
    "to_document",
    "validate",
]
