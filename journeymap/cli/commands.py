"""The commands of ``journeymap``, like git's command list: each one's line in ``journeymap --help`` and the
description that heads its own ``--help``, in the order the overview lists them.

One table for the overview and for translators: the texts are message ids (marked with ``N_``), shown in the
reader's language by :func:`~journeymap.cli.common.add_command`. A command's steps are keyed by the command
and the step (``"survey plan"``) and follow their command. Each top-level command lives in the module of its
name, ``journeymap/cli/<name>.py``, which declares its options (see :mod:`journeymap.cli`).
"""

from __future__ import annotations

from typing import NamedTuple

from journeymap.text import N_

__all__ = ["COMMANDS", "Command", "top_level"]


class Command(NamedTuple):
    """The texts of one command: its ``help`` line in the list of its parent's commands, and the
    ``description`` at the top of its own ``--help`` (both message ids)."""

    help: str
    description: str


COMMANDS: dict[str, Command] = {
    "validate": Command(
        N_("check journey files and list every problem with its line"),
        N_("Check journey files (YAML or JSON): structure, types, units, routing and references.")),
    "info": Command(
        N_("expected visits, reach, drop-off and offered load of every touchpoint"),
        N_("Analyse the routing of a journey as an absorbing Markov chain (no simulation).")),
    "schema": Command(
        N_("print the JSON Schema of journey files"),
        N_("Print (or write) the JSON Schema (draft 2020-12) that journey files follow.")),
    "templates": Command(
        N_("list the built-in templates (service cycles in English and Spanish)"),
        N_("List the built-in templates; copy one with `journeymap new NAME -o my.yaml`.")),
    "new": Command(
        N_("copy a built-in template to a file to start a map from, with its sample scenarios and interventions"),
        N_("Copy a built-in template (see `journeymap templates`) to a new file, comments included, and its "
           "sample what-if scenarios and interventions beside it (FILE's name with .scenarios.yaml and "
           ".interventions.yaml), ready for `journeymap compare` and `journeymap quickwins`.")),
    "render": Command(
        N_("draw a journey: cycle of service, flow by stage, service blueprint or journey map (SVG, PNG, PDF, DOT, "
           "Mermaid)"),
        N_("Draw one view of a journey. The output format follows OUT's extension: .svg, .png, .pdf, .dot or .gv "
           "(Graphviz source), .mmd (Mermaid journey diagram).")),
    "simulate": Command(
        N_("simulate customer flows: waits, abandonment, goal rate, time in the cycle, with 95% intervals"),
        N_("Simulate customers through a journey with SimPy and report every figure with a 95% confidence interval "
           "across replications.")),
    "compare": Command(
        N_("run what-if scenarios against the journey and report each KPI's change with a 95% interval"),
        N_("Run the journey and every scenario of a scenarios file with common random numbers, and report the "
           "change in each KPI with a paired 95% interval (Student t).")),
    "quickwins": Command(
        N_("rank interventions by simulated impact and effort: quick wins, big bets, fill-ins, time sinks"),
        N_("Measure each intervention's impact on an objective by simulation (or a labelled heuristic when the "
           "journey has no arrival rates or times), classify it by impact and effort, and write the ranked action "
           "plan.")),
    "calibrate": Command(
        N_("estimate a journey's routing, service times, delays, capacity and arrivals from an event log"),
        N_("Calibrate a journey from an event log (CSV, Parquet, XES): every estimate comes with its interval and "
           "is recorded in the journey's meta. With --check, simulate the calibrated journey over the log's span "
           "and compare it with the log.")),
    "baseline": Command(
        N_("baseline indicators of the cycle from an event log, or ('compare') their change between two baselines"),
        N_("journeymap baseline LOG [--journey FILE --map MAP] [--at DATE] -o baseline.json: customers in each "
           "stage, cycle duration, goal share, drop-off, returns, volume per channel and cost per case, each with "
           "its 95% interval. journeymap baseline compare BEFORE.json AFTER.json: each indicator's change and "
           "whether it is distinguishable from no change.")),
    "survey": Command(
        N_("design the satisfaction survey from the moments of truth, plan its fieldwork, score its answers"),
        N_("The fifth step of the method: surveys designed from the map, and the answers brought back onto it.")),
    "survey design": Command(
        N_("write the questionnaire for a tool, to print, or as a codebook"),
        N_("Questions from each moment of truth and its requirements, with stable codes (mot_<id>_r<n>, "
           "mot_<id>_overall, ces_<id>, lived_<id>, nps, overall, improve).")),
    "survey plan": Command(
        N_("answers needed per moment and days of fieldwork"),
        N_("Answers each moment of truth needs for a margin of error (finite-population corrected), and the days "
           "of fieldwork that takes given how many customers pass each moment.")),
    "survey score": Command(
        N_("score answers: CSAT, CES, NPS with intervals, grades, importance"),
        N_("Read the answers exported by XLSForm/Kobo (CSV, XLSX), SurveyJS (JSON), LimeSurvey (CSV) or any CSV "
           "whose columns are the codes, and grade each moment of truth.")),
    "study": Command(
        N_("start a study folder: journey, scenarios, interventions, responses/, logs/, out/"),
        N_("A study folder ties a project together: every command that takes a journey file also takes the folder "
           "and finds the rest in it.")),
    "study init": Command(
        N_("lay out a new study folder from a template"),
        N_("Write a template's journey, its sample scenarios and interventions, the folders responses/, logs/ and "
           "out/, and a README saying what goes where.")),
    "report": Command(
        N_("write the client's report: one self-contained HTML file (and a PDF with --pdf)"),
        N_("The study as a document for the client: a cover, a summary of findings generated from the numbers, the "
           "cycle in its views (the journey map first), the moments of truth, the analysis, the simulation's "
           "indicators with intervals and, when given, the scenario comparison, the action plan, the survey plan "
           "and results and the calibration's back-test.")),
    "staff": Command(
        N_("size a touchpoint's or a team's capacity for a service-level target, per period of the day"),
        N_("Find the smallest capacity of a touchpoint or a team that meets a service-level target in each period "
           "of the day: Erlang C / Erlang A first, then confirmed by simulation; printed as a table and in the "
           "shifts: format.")),
}
"""Every command and step of ``journeymap``, by name (a step as ``"<command> <step>"``), in the overview's
order."""


def top_level() -> tuple[str, ...]:
    """The names of the commands ``journeymap --help`` lists (not their steps), in its order."""
    return tuple(name for name in COMMANDS if " " not in name)
