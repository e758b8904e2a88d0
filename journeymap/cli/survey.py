"""``journeymap survey design|plan|score``: the satisfaction survey of a journey, and its answers brought back.

    journeymap survey design map.yaml -o survey.xlsx [--format xlsform|surveyjs|limesurvey|markdown|html|codebook]
                                                     [--mode cycle|pulse] [--lang es|en] [--segment NAME ...]
    journeymap survey plan map.yaml [--margin 0.05] [--response-rate 0.1] [--population N] [--json]
    journeymap survey score map.yaml answers.csv [--json] [-o scored.yaml] [--simulate]
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from journeymap.cli.argtypes import positive_number, share, whole_number
from journeymap.cli.common import add_command, add_json_option, add_lang_option, add_steps, words_for
from journeymap.cli.parser import Parser
from journeymap.cli.runs import warnings_printed
from journeymap.cli.tables import table_text
from journeymap.text import N_, count, percent, signed, translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from journeymap.survey.export import FORMATS

    parser = add_command(subparsers, "survey")
    words = parser.words
    commands = add_steps(parser, "survey_command")

    design = add_command(commands, "survey design", journey=True)
    design.add_argument("-o", "--output", required=True, metavar="OUT",
                        help=words.gettext("the file to write: .xlsx XLSForm, .json SurveyJS, .tsv LimeSurvey, .md "
                                           "or .html printable, .csv codebook"))
    design.add_argument("--format", choices=list(FORMATS),
                        help=words.gettext("the format (default: from OUT's extension)"))
    design.add_argument("--mode", choices=["cycle", "pulse"], default="cycle",
                        help=words.gettext("one questionnaire after the cycle (default), or a two-question pulse "
                                           "after each moment (one file per pulse for XLSForm, SurveyJS and "
                                           "LimeSurvey)"))
    add_lang_option(design, words.gettext("the questionnaire's language (default: the journey's)"))
    _segment_option(design, words.gettext("add a question on the customer's segment; repeat for each option"))
    design.set_defaults(func=run_design)

    plan = add_command(commands, "survey plan", journey=True)
    plan.add_argument("--margin", type=share(plan), default=0.05,
                      help=words.gettext("margin of error of a share (default 0.05)"))
    plan.add_argument("--confidence", type=share(plan), default=0.95,
                      help=words.gettext("confidence level (default 0.95)"))
    plan.add_argument("--response-rate", type=share(plan), default=0.1,
                      help=words.gettext("share of invited customers who answer (default 0.1)"))
    plan.add_argument("--population", type=positive_number(plan), metavar="N",
                      help=words.gettext("customers the survey speaks for (default: those who pass during the "
                                         "fieldwork)"))
    _simulation_options(plan, words.gettext("take the customers per week from a simulation instead of the routing "
                                            "analysis"))
    add_lang_option(plan, words.gettext("the table's language (default: the journey's)"))
    add_json_option(plan, N_("print one JSON document instead of a table"))
    plan.set_defaults(func=run_plan)

    score = add_command(commands, "survey score", journey=True)
    score.add_argument("responses", nargs="?",
                       help=words.gettext("the answers: CSV, XLSX or SurveyJS JSON (default in a study folder: its "
                                          "newest in responses/)"))
    add_json_option(score)
    score.add_argument("-o", "--output", metavar="OUT.yaml",
                       help=words.gettext("write the journey with the measured satisfaction on its moments"))
    score.add_argument("--fail-below", type=share(score), default=0.70,
                       help=words.gettext("top-2-box below which a moment fails (default 0.70)"))
    score.add_argument("--exceed-above", type=share(score), default=0.85,
                       help=words.gettext("top-2-box above which a moment exceeds (default 0.85)"))
    score.add_argument("--nps-method", choices=["analytic", "bootstrap"], default="analytic",
                       help=words.gettext("the NPS interval (default analytic)"))
    _segment_option(score, words.gettext("the segment options the questionnaire had (in order)"))
    score.add_argument("--date", help=words.gettext("the date of the measurement written on the map (default: "
                                                    "today)"))
    _simulation_options(score, words.gettext("simulate the journey to put the share of customers for whom each "
                                             "requirement's standard is met beside what customers said"))
    add_lang_option(score, words.gettext("the tables' language (default: the journey's)"))
    score.set_defaults(func=run_score)


def _segment_option(parser: Parser, what: str) -> None:
    """``--segment NAME`` (repeated): the options of the question on the customer's segment, which ``score``
    must be given as ``design`` was to read the answers with the same questionnaire."""
    parser.add_argument("--segment", action="append", default=[], metavar="NAME", help=what)


def _simulation_options(parser: Parser, what: str) -> None:
    """``--simulate`` (``what`` it is for) and the replications and seed of that simulation."""
    words = parser.words
    parser.add_argument("--simulate", action="store_true", help=what)
    parser.add_argument("--replications", type=whole_number(parser, 1), default=10, metavar="R",
                        help=words.gettext("replications of that simulation (default 10)"))
    parser.add_argument("--seed", type=whole_number(parser, 0), default=0, metavar="S",
                        help=words.gettext("its random seed (default 0)"))


def _journey(file: str) -> Any:
    from journeymap.io import load

    return load(file)


def _simulation(args: argparse.Namespace, journey: Any) -> Any:
    if not args.simulate:
        return None
    from journeymap.simulation import simulate

    with warnings_printed(args.file, journey, words_for(args, journey)):
        return simulate(journey, replications=args.replications, seed=args.seed)


def run_design(args: argparse.Namespace) -> int:
    from journeymap.survey import design, save_questionnaire

    journey = _journey(args.file)
    questionnaire = design(journey, mode=args.mode, language=args.lang, segments=args.segment)
    written = save_questionnaire(questionnaire, args.output, args.format)
    for path in written:
        print(path)
    words = translator(questionnaire.language)
    modes = {"cycle": words.gettext("one questionnaire after the cycle"),
             "pulse": words.gettext("a pulse after each moment")}
    print(words.gettext("{questions} about {moments} ({mode})",
                        questions=words.ngettext("{n} question", "{n} questions", len(questionnaire)),
                        moments=words.ngettext("{n} moment of truth", "{n} moments of truth",
                                               len(journey.moments_of_truth)),
                        mode=modes.get(questionnaire.mode, questionnaire.mode)), file=sys.stderr)
    return 0


def run_plan(args: argparse.Namespace) -> int:
    from journeymap.survey.sampling import sampling_plan

    journey = _journey(args.file)
    plan = sampling_plan(journey, margin=args.margin, confidence=args.confidence, response_rate=args.response_rate,
                         population=args.population, simulation=_simulation(args, journey))
    if args.json:
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
        return 0
    language = args.lang or journey.language
    words = translator(language)
    basis = words.gettext("the simulation") if plan.basis == "simulation" else words.gettext("the routing analysis")
    print(journey.title)
    print(words.gettext("margin ±{margin} at {confidence} confidence, response rate {rate} (customers per week from "
                        "{basis})", margin=percent(args.margin, language),
                        confidence=percent(args.confidence, language), rate=percent(args.response_rate, language),
                        basis=basis))
    print()
    print(table_text(plan.summary(language)))
    return 0


def run_score(args: argparse.Namespace) -> int:
    from journeymap.io import save
    from journeymap.survey import design
    from journeymap.survey.grades import Targets
    from journeymap.survey.scoring import score

    if args.responses is None:
        print("journeymap survey score: error: give the answers file (CSV, XLSX or SurveyJS JSON), or a study "
              "folder with answers in responses/", file=sys.stderr)
        return 2
    journey = _journey(args.file)
    language = args.lang or journey.language
    words = translator(language)
    if args.fail_below >= args.exceed_above:
        print(words.gettext("journeymap survey score: error: --fail-below ({low}) must be below --exceed-above "
                            "({high})", low=args.fail_below, high=args.exceed_above), file=sys.stderr)
        return 2
    scores = score(journey, args.responses, questionnaire=design(journey, segments=args.segment),
                   targets=Targets(args.fail_below, args.exceed_above), nps_method=args.nps_method,
                   simulation=_simulation(args, journey), date=args.date)
    for issue in scores.issues:
        print(issue, file=sys.stderr)
    print(f"{args.responses}: {scores.responses.summary(language)}", file=sys.stderr)
    if args.output:
        path = save(scores.apply(), args.output)
        print(words.gettext("measured satisfaction written on the map: {path}", path=path), file=sys.stderr)
    if args.json:
        print(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False))
        return 0
    nps = scores.nps
    print(journey.title + ": " + words.ngettext("{n} respondent", "{n} respondents", scores.respondents,
                                                n=count(scores.respondents, language)))
    print()
    print(table_text(scores.summary(language)))
    requirements = scores.requirements_summary(language)
    if not args.simulate:
        requirements = requirements.drop(columns=requirements.columns[-1])
    if len(requirements):
        print()
        print(table_text(requirements))
    if nps["n"]:
        print()
        print(words.gettext("NPS {value} (95% interval {low} to {high}, n = {n})", value=_nps(nps["value"], language),
                            low=_nps(nps["ci_low"], language), high=_nps(nps["ci_high"], language),
                            n=count(nps["n"], language)))
    return 0


def _nps(value: float, language: str) -> str:
    """An NPS (−100 to 100) as a whole number with its sign."""
    return signed(count(abs(value), language), value, language)
