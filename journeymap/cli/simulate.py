"""``journeymap simulate FILE``: customers through the journey, as readable tables or one JSON document."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from typing import Any

from journeymap.cli.common import add_command, add_json_option, add_lang_option, open_journey
from journeymap.cli.outputs import Output, check_outputs
from journeymap.cli.runs import add_run_options, run_settings_from, running
from journeymap.cli.tables import table_text
from journeymap.errors import JourneyError
from journeymap.text import count, translator

JSON_KPIS = ("arrived", "completed", "in_progress_share", "goal_rate", "abandonment_rate", "mean_time_in_cycle",
             "p90_time_in_cycle")
JSON_TOUCHPOINT = ("arrivals", "served", "abandoned", "abandonment_rate", "service_level", "average_speed_of_answer",
                   "mean_wait", "p90_wait", "mean_time", "utilization", "mean_queue")


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "simulate", journey=True)
    words = parser.words
    add_run_options(parser, meaning=words.gettext("independent replications"), precision=True)
    parser.add_argument("--events", metavar="OUT.csv",
                        help=words.gettext("stream the event log (one row per event) to a .csv or .parquet file as the "
                                           "run goes"))
    parser.add_argument("--service-level", metavar="T", dest="service_level",
                        help=words.gettext("report at every touchpoint with a queue the share of customers served "
                                           "within T, e.g. '2 min' (default: each touchpoint's own wait standard)"))
    add_json_option(parser)
    add_lang_option(parser)
    parser.set_defaults(func=run)


def _json_document(result: Any) -> dict[str, Any]:
    document = result.to_dict()
    document["kpis"] = {name: document["kpis"][name] for name in (*JSON_KPIS, *document["kpis"])}
    document["touchpoints"] = {
        tp_id: {name: figures[name] for name in (*JSON_TOUCHPOINT, *figures)}
        for tp_id, figures in document["touchpoints"].items()
    }
    return document


def _print_tables(result: Any, language: str) -> None:
    from journeymap.simulation.formatting import (
        path_table,
        run_description,
        run_notes,
        stage_table,
        touchpoint_table,
    )
    from journeymap.simulation.operations_tables import segment_table, team_table

    words = translator(language)
    journey = result.journey
    print(journey.title)
    print(run_description(result.settings, journey, language))
    for note in run_notes(result, language):
        print(note)
    print()
    print(table_text(result.summary(language), index=True))
    print()
    print(words.gettext("Touchpoints (mean ± half-width of the 95% interval)"))
    print(table_text(touchpoint_table(result, language)))
    print()
    print(words.gettext("Stages (mean ± half-width of the 95% interval)"))
    print(table_text(stage_table(result, language)))
    if journey.teams:
        print()
        print(words.gettext("Teams (mean ± half-width of the 95% interval)"))
        print(table_text(team_table(result, language)))
    if journey.segments:
        print()
        print(words.gettext("Segments (mean ± half-width of the 95% interval)"))
        print(table_text(segment_table(result, language)))
    if len(result.paths):
        print()
        print(words.gettext("Most frequent paths (share of the customers who left the cycle)"))
        print(table_text(path_table(result, language), left=[words.gettext("path")]))


def run(args: argparse.Namespace) -> int:
    from journeymap.simulation import simulate
    from journeymap.simulation.events import EVENT_LOG_FORMATS

    problem = check_outputs("simulate", [args.file], [Output("--events", args.events, tuple(EVENT_LOG_FORMATS))],
                            language=getattr(args, "lang", None))
    if problem is None and args.events and args.events.lower().endswith(".parquet") \
            and importlib.util.find_spec("pyarrow") is None:
        problem = (f"journeymap simulate: error: --events '{args.events}': writing Parquet needs pyarrow "
                   "(pip install pyarrow); or write .csv")
    if problem:
        raise JourneyError(problem)
    journey, language, words = open_journey(args, "simulate")
    with running("simulate", args.file, journey, words):
        settings = run_settings_from(args, events=args.events or False).replace(service_level=args.service_level)
        result = simulate(journey, settings)
    if args.events:
        written = sum(stats.events_written for stats in result.stats)
        print(words.gettext("event log: {n} events written to {path}", n=count(written, language),
                            path=result.events_file), file=sys.stderr)
    if args.json:
        print(json.dumps(_json_document(result), indent=2, ensure_ascii=False))
    else:
        _print_tables(result, language)
    return 0
