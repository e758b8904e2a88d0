"""``journeymap study init DIR --template NAME [--lang es]``: lay out a consultant's study folder.

The folder holds the journey, its sample scenarios and interventions, ``responses/``, ``logs/``,
``out/`` and a README (:mod:`journeymap.io.study`); every command that takes a journey file takes the
folder too (``journeymap report DIR``, ``journeymap quickwins DIR``...).
"""

from __future__ import annotations

import argparse
import sys

from journeymap.cli.common import add_command, add_steps, words_for
from journeymap.io.catalog import DEFAULT_TEMPLATE


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "study")
    words = parser.words
    init = add_command(add_steps(parser, "study_command"), "study init")
    init.add_argument("folder", metavar="DIR", help=words.gettext("the study's folder (new, or empty)"))
    init.add_argument("--template", default=DEFAULT_TEMPLATE, metavar="NAME",
                      help=words.gettext("the template to start from (default: {template}; see `journeymap "
                                         "templates`)", template=DEFAULT_TEMPLATE))
    init.add_argument("--lang", metavar="LANG",
                      help=words.gettext("the study's language: en or es (default: the template's first)"))
    init.set_defaults(func=run_init)


def run_init(args: argparse.Namespace) -> int:
    from journeymap.io.study import init_study

    words = words_for(args)
    try:
        study = init_study(args.folder, args.template, args.lang)
    except FileExistsError as exc:
        print(words.gettext("journeymap study: error: {message}", message=exc), file=sys.stderr)
        return 2
    print(words.gettext("wrote the study {folder}:", folder=study.root))
    for path in (study.journey, study.scenarios, study.interventions, study.root / "README.md"):
        if path is not None:
            print(f"  {path}")
    for name in ("responses", "logs", "out"):
        print(f"  {study.root / name}/")
    print(words.gettext("next: edit {journey}, then run `journeymap report {folder} -o {report}`",
                        journey=study.journey, folder=study.root, report=study.out / "report.html"))
    return 0
