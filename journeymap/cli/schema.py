"""``journeymap schema``: the JSON Schema of journey files, for editors and other tools."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from journeymap.cli.common import add_command, add_lang_option, words_for
from journeymap.cli.outputs import Output, check_outputs
from journeymap.io import json_schema
from journeymap.io.atomic import write_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "schema")
    words = parser.words
    parser.add_argument("-o", "--output", metavar="FILE.json",
                        help=words.gettext("write the schema to FILE.json instead of printing it"))
    parser.add_argument("--force", action="store_true", help=words.gettext("replace FILE.json if it already exists"))
    add_lang_option(parser, words.gettext("language of the messages: en or es (default: the environment's)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        problem = check_outputs("schema", [], [Output("-o", args.output, (".json",))],
                            language=getattr(args, "lang", None))
        if problem is None and Path(args.output).exists() and not args.force:
            problem = words_for(args).gettext("journeymap schema: error: {target} already exists (use --force to "
                                              "replace it)", target=args.output)
        if problem:
            print(problem, file=sys.stderr)
            return 2
        write_text(args.output, text)
        print(words_for(args).gettext("wrote {path}", path=args.output))
    else:
        print(text, end="")
    return 0
