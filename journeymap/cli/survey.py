"""``journeymap survey design|plan|score``: the satisfaction survey of a journey, and its answers brought back.

    journeymap survey design map.yaml -o survey.xlsx [--format xlsform|surveyjs|limesurvey|markdown|html|codebook]
                                                     [--mode cycle|pulse] [--lang es|en] [--segment NAME ...]
    journeymap survey plan map.yaml [--margin 0.05] [--response-rate 0.1] [--population N] [--json]
    journeymap survey score map.yaml answers.csv [--json] [-o scored.yaml] [--simulate]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from journeymap.cli.common import positive_int, seed


def _share(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a share such as 0.05 or 5%, got '{text}'") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"expected a share between 0 and 1 (exclusive), got {text}")
    return value


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got '{text}'") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text}")
    return value


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    from journeymap.survey.export import FORMATS

    parser = subparsers.add_parser(
        "survey",
        help="design the satisfaction survey from the moments of truth, plan its fieldwork, score its answers",
        description="The fifth step of the method: surveys designed from the map, and the answers brought "
                    "back onto it.",
    )
    commands = parser.add_subparsers(dest="survey_command", metavar="STEP")
    parser.set_defaults(func=lambda args: (parser.print_help(), 2)[1])

    design = commands.add_parser("design", help="write the questionnaire for a tool, to print, or as a codebook",
                                 description="Questions from each moment of truth and its requirements, with "
                                             "stable codes (mot_<id>_r<n>, mot_<id>_overall, ces_<id>, lived_<id>, "
                                             "nps, overall, improve).")
    design.add_argument("file", help="a journey in YAML or JSON")
    design.add_argument("-o", "--output", required=True, metavar="OUT",
                        help="the file to write: .xlsx XLSForm, .json SurveyJS, .tsv LimeSurvey, .md or .html "
                             "printable, .csv codebook")
    design.add_argument("--format", choices=list(FORMATS), help="the format (default: from OUT's extension)")
    design.add_argument("--mode", choices=["cycle", "pulse"], default="cycle",
                        help="one questionnaire after the cycle (default), or a two-question pulse after each "
                             "moment (one file per pulse for XLSForm, SurveyJS and LimeSurvey)")
    design.add_argument("--lang", choices=["en", "es"], help="the questionnaire's language (default: the journey's)")
    design.add_argument("--segment", action="append", default=[], metavar="NAME",
                        help="add a question on the customer's segment; repeat for each option")
    design.set_defaults(func=run_design)

    plan = commands.add_parser("plan", help="answers needed per moment and days of fieldwork",
                               description="Answers each moment of truth needs for a margin of error (finite-"
                                           "population corrected), and the days of fieldwork that takes given how "
                                           "many customers pass each moment.")
    plan.add_argument("file", help="a journey in YAML or JSON")
    plan.add_argument("--margin", type=_share, default=0.05, help="margin of error of a share (default 0.05)")
    plan.add_argument("--confidence", type=_share, default=0.95, help="confidence level (default 0.95)")
    plan.add_argument("--response-rate", type=_share, default=0.1, help="share of invited customers who "
                                                                         "answer (default 0.1)")
    plan.add_argument("--population", type=_positive, metavar="N",
                      help="customers the survey speaks for (default: those who pass during the fieldwork)")
    _simulation_options(plan, "take the customers per week from a simulation instead of the routing analysis")
    plan.add_argument("--lang", choices=["en", "es"], help="the table's language (default: the journey's)")
    plan.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    plan.set_defaults(func=run_plan)

    score = commands.add_parser("score", help="score answers: CSAT, CES, NPS with intervals, grades, importance",
                                description="Read the answers exported by XLSForm/Kobo (CSV, XLSX), SurveyJS "
                                            "(JSON), LimeSurvey (CSV) or any CSV whose columns are the codes, and "
                                            "grade each moment of truth.")
    score.add_argument("file", help="a journey in YAML or JSON")
    score.add_argument("responses", nargs="?",
                       help="the answers: CSV, XLSX or SurveyJS JSON (default in a study folder: its newest in "
                            "responses/)")
    score.add_argument("--json", action="store_true", help="print one JSON document instead of tables")
    score.add_argument("-o", "--output", metavar="OUT.yaml",
                       help="write the journey with the measured satisfaction on its moments")
    score.add_argument("--fail-below", type=_share, default=0.70, help="top-2-box below which a moment fails "
                                                                        "(default 0.70)")
    score.add_argument("--exceed-above", type=_share, default=0.85, help="top-2-box above which a moment "
                                                                          "exceeds (default 0.85)")
    score.add_argument("--nps-method", choices=["analytic", "bootstrap"], default="analytic",
                       help="the NPS interval (default analytic)")
    score.add_argument("--segment", action="append", default=[], metavar="NAME",
                       help="the segment options the questionnaire had (in order)")
    score.add_argument("--date", help="the date of the measurement written on the map (default: today)")
    _simulation_options(score, "simulate the journey to put the share of customers for whom each requirement's "
                               "standard is met beside what customers said")
    score.add_argument("--lang", choices=["en", "es"], help="the tables' language (default: the journey's)")
    score.set_defaults(func=run_score)


def _simulation_options(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--simulate", action="store_true", help=what)
    parser.add_argument("--replications", type=positive_int, default=10, metavar="R",
                        help="replications of that simulation (default 10)")
    parser.add_argument("--seed", type=seed, default=0, metavar="S", help="its random seed (default 0)")


def _journey(file: str) -> Any:
    from journeymap.io import load

    return load(file)


def _simulation(args: argparse.Namespace, journey: Any) -> Any:
    if not args.simulate:
        return None
    import warnings

    from journeymap.simulation import simulate

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = simulate(journey, replications=args.replications, seed=args.seed)
    for warning in caught:
        print(f"{args.file}: warning: {warning.message}", file=sys.stderr)
    return result


def run_design(args: argparse.Namespace) -> int:
    from journeymap.survey import design, save_questionnaire

    journey = _journey(args.file)
    questionnaire = design(journey, mode=args.mode, language=args.lang, segments=args.segment)
    written = save_questionnaire(questionnaire, args.output, args.format)
    for path in written:
        print(path)
    print(f"{len(questionnaire)} questions about {len(journey.moments_of_truth)} moments of truth "
          f"({questionnaire.mode}, {questionnaire.language})", file=sys.stderr)
    return 0


def run_plan(args: argparse.Namespace) -> int:
    from journeymap.survey.sampling import sampling_plan

    journey = _journey(args.file)
    plan = sampling_plan(journey, margin=args.margin, confidence=args.confidence, response_rate=args.response_rate,
                         population=args.population, simulation=_simulation(args, journey))
    if args.json:
        print(json.dumps(plan.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"{journey.title}: ±{args.margin:.0%} at {args.confidence:.0%}, response rate {args.response_rate:.0%} "
          f"(customers per week from the {plan.basis})")
    print()
    print(plan.summary(args.lang).to_string(index=False))
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
    if args.fail_below >= args.exceed_above:
        print(f"journeymap survey score: error: --fail-below ({args.fail_below}) must be below --exceed-above "
              f"({args.exceed_above})", file=sys.stderr)
        return 2
    scores = score(journey, args.responses, questionnaire=design(journey, segments=args.segment),
                   targets=Targets(args.fail_below, args.exceed_above), nps_method=args.nps_method,
                   simulation=_simulation(args, journey), date=args.date)
    for issue in scores.issues:
        print(issue, file=sys.stderr)
    print(f"{args.responses}: {scores.responses.summary()}", file=sys.stderr)
    if args.output:
        path = save(scores.apply(), args.output)
        print(f"measured satisfaction written on the map: {path}", file=sys.stderr)
    if args.json:
        print(json.dumps(scores.to_dict(), indent=2, ensure_ascii=False))
        return 0
    nps = scores.nps
    print(f"{journey.title}: {scores.respondents} respondents")
    print()
    print(scores.summary(args.lang).to_string(index=False))
    requirements = scores.requirements_summary(args.lang)
    if not args.simulate:
        requirements = requirements.drop(columns=requirements.columns[-1])
    if len(requirements):
        print()
        print(requirements.to_string(index=False))
    if nps["n"]:
        print()
        print(f"NPS {nps['value']:+.0f} (95% interval {nps['ci_low']:+.0f} to {nps['ci_high']:+.0f}, n={nps['n']})")
    return 0
