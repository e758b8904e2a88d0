"""The client's report: one self-contained HTML file (and its PDF) that hands a study over.

    import journeymap as jm
    report = jm.report("my-study")                      # a study folder, a journey file or a Journey
    report = jm.report(journey, interventions="ideas.yaml", scenarios="what-if.yaml",
                       responses="answers.csv", log="crm.csv", language="es", replications=10, seed=1)
    report.keys                                         # the sections present
    report.save("out/report.html"); report.save("out/report.pdf")   # the PDF through headless Chromium

The report has a cover (title, client, author and date from the journey's ``meta``), a summary of
findings in plain sentences generated from the numbers, the cycle in its views (the journey map
first), the moments of truth and their requirements, the route analysis, the simulation's indicators
with intervals and — when their inputs are given — the scenario comparison, the action plan and its
quadrant chart, the survey plan, the survey's results and the calibration's back-test. A section
without inputs is left out.
"""

from __future__ import annotations

import os
from typing import Any, Unpack

from journeymap.model import Journey
from journeymap.reporting.blocks import Bullets, Figure, Paragraphs, Section, Table
from journeymap.reporting.chromium import HOW_TO_GET_CHROMIUM, find_chromium
from journeymap.reporting.document import ClientReport, Cover, cover_of
from journeymap.reporting.inputs import Inputs, gather, study_inputs
from journeymap.reporting.sections import REPORT_VIEWS, SECTIONS, TITLES, build_sections
from journeymap.simulation import RunOptions, RunSettings
from journeymap.simulation.settings import run_settings

__all__ = [
    "HOW_TO_GET_CHROMIUM",
    "REPORT_VIEWS",
    "SECTIONS",
    "TITLES",
    "Bullets",
    "ClientReport",
    "Cover",
    "Figure",
    "Inputs",
    "Paragraphs",
    "Section",
    "Table",
    "find_chromium",
    "report",
]

DEFAULT_RUN: dict[str, Any] = {"replications": 10, "seed": 0}
"""How the report simulates unless told otherwise: 10 replications, seed 0 (the same report each time)."""


def report(
    journey: Journey | str | os.PathLike[str],
    *,
    scenarios: Any = None,
    interventions: Any = None,
    responses: Any = None,
    log: Any = None,
    language: str | None = None,
    settings: RunSettings | None = None,
    **options: Unpack[RunOptions],
) -> ClientReport:
    """The :class:`ClientReport` of ``journey`` (a :class:`~journeymap.model.Journey`, a journey file or
    a study folder, whose parts fill the inputs not given).

    ``scenarios``: what-if scenarios (objects or a file) for the comparison; ``interventions``: the
    ideas (objects or a file) ranked into the action plan; ``responses``: survey answers (a file or a
    DataFrame), scored and put on the map as measured satisfaction; ``log``: an event log (a file or
    what :func:`journeymap.evidence.read_log` returns) to calibrate the map and back-test it;
    ``language``: ``en`` or ``es`` (default: the journey's). The simulations run as ``settings`` (or
    the same fields as keywords: ``customers``, ``replications``, ``seed``, ``executor``...) say; 10
    replications with seed 0 by default."""
    given = study_inputs(journey, scenarios=scenarios, interventions=interventions, responses=responses, log=log,
                         language=language)
    run = run_settings(settings, options, caller="report", defaults=DEFAULT_RUN)
    inputs = gather(given, run)
    return ClientReport(inputs.journey, build_sections(inputs), cover_of(inputs.journey), tuple(inputs.notes))
