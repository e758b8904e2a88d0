"""``journeymap schema``: the JSON Schema of journey files, for editors and other tools."""

from __future__ import annotations

import argparse
import json

from journeymap.cli.common import add_lang_option, words_for
from journeymap.io import json_schema
from journeymap.io.atomic import write_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    words = subparsers.words  # type: ignore[attr-defined]
    parser = subparsers.add_parser(
        "schema",
        help=words.gettext("print the JSON Schema of journey files"),
        description=words.gettext("Print (or write) the JSON Schema (draft 2020-12) that journey files follow."),
    )
    parser.add_argument("-o", "--output", metavar="FILE",
                        help=words.gettext("write the schema to FILE instead of printing it"))
    add_lang_option(parser, words.gettext("language of the messages: en or es (default: the environment's)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if args.output:
        write_text(args.output, text)
        print(words_for(args).gettext("wrote {path}", path=args.output))
    else:
        print(text, end="")
    return 0
