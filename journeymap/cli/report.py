"""``journeymap report FILE -o report.html``: the client's report, one self-contained HTML file (and a PDF).

    journeymap report my-study                           # a study folder: writes my-study/out/report.html
    journeymap report map.yaml -o report.html --lang es --scenarios s.yaml --interventions i.yaml \\
        --responses answers.csv --log crm.csv --pdf

Sections without inputs are left out. ``--pdf`` prints the HTML with a headless Chromium (or Google
Chrome) as ``report.pdf`` beside it, and says how to get one when there is none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap.cli.common import add_command, add_lang_option, words_for
from journeymap.cli.runs import add_run_options, run_settings_from
from journeymap.text import translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "report")
    words = parser.words
    parser.add_argument("file", help=words.gettext("a journey in YAML or JSON, or a study folder (see `journeymap "
                                                   "study init`)"))
    parser.add_argument("-o", "--output", metavar="OUT.html",
                        help=words.gettext("the HTML file to write (default: out/report.html in a study folder, else "
                                           "FILE's name with -report.html beside it)"))
    add_lang_option(parser, words.gettext("the report's language (default: the journey's)"))
    parser.add_argument("--scenarios", metavar="S.yaml", help=words.gettext("what-if scenarios to compare"))
    parser.add_argument("--interventions", metavar="I.yaml",
                        help=words.gettext("interventions to rank into the action plan"))
    parser.add_argument("--responses", metavar="ANSWERS",
                        help=words.gettext("survey answers (CSV, XLSX or SurveyJS JSON)"))
    parser.add_argument("--log", metavar="LOG",
                        help=words.gettext("an event log (CSV, Parquet, XES) to calibrate and back-test"))
    parser.add_argument("--pdf", action="store_true",
                        help=words.gettext("also print the report as PDF (A4) with headless Chromium"))
    add_run_options(parser, meaning=words.gettext("replications of each simulation"))
    parser.set_defaults(func=run)


def _output(args: argparse.Namespace) -> Path:
    if args.output:
        return Path(args.output)
    study = getattr(args, "study", None)
    if study is not None:
        return study.out / "report.html"
    source = Path(args.file)
    return source.with_name(f"{source.name.split('.')[0]}-report.html")


def run(args: argparse.Namespace) -> int:
    from journeymap.cli.outputs import Output, check_outputs

    output = _output(args)
    pdf = output.with_suffix(".pdf") if args.pdf else None
    inputs = [args.file, args.scenarios, args.interventions, args.responses, args.log]
    problem = check_outputs("report", inputs, [Output("-o", output, (".html", ".htm")), Output("--pdf", pdf)],
                            language=getattr(args, "lang", None))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    if args.pdf:
        from journeymap.errors import RenderError
        from journeymap.reporting import find_chromium

        words = words_for(args)
        try:
            find_chromium(words.language)  # before the work, not after
        except RenderError as exc:
            print(words.gettext("{prog}: error: {message}", prog="journeymap report", message=exc), file=sys.stderr)
            return 2
    from journeymap.reporting import report

    made = report(args.file, scenarios=args.scenarios, interventions=args.interventions, responses=args.responses,
                  log=args.log, language=args.lang, settings=run_settings_from(args))
    words = translator(made.language)
    for note in made.notes:
        print(words.gettext("{file}: note: {message}", file=args.file, message=note), file=sys.stderr)
    made.save(output)
    print(words.gettext("wrote {path}: {sections}", path=output,
                        sections=", ".join(section.title for section in made.sections)))
    if pdf is not None:
        made.save(pdf)
        print(words.gettext("wrote {path}", path=pdf))
    return 0
