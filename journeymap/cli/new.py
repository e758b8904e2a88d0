"""``journeymap new NAME -o FILE``: start a map from a built-in template (the file copied verbatim)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap.cli.outputs import Output, check_outputs
from journeymap.io.atomic import write_text
from journeymap.io.catalog import DEFAULT_TEMPLATE, template_info, template_text


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "new",
        help="copy a built-in template to a file to start a map from",
        description="Copy a built-in template (see `journeymap templates`) to a new file, comments included.",
    )
    parser.add_argument("name", nargs="?", default=DEFAULT_TEMPLATE,
                        help=f"the template to copy (default: {DEFAULT_TEMPLATE})")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="the file to write (default: NAME.yaml in the current folder; '-' for standard output)")
    parser.add_argument("--lang", default="en", metavar="LANG", help="the template's language: en or es (default: en)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it already exists")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = template_text(args.name, args.lang)  # unknown name or language: a one-line error, exit 2
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output or f"{args.name}.yaml")
    if target.is_dir():
        print(f"journeymap: error: {target} is a folder; give a file name such as {target / (args.name + '.yaml')}",
              file=sys.stderr)
        return 2
    if target.exists() and not args.force:
        print(f"journeymap: error: {target} already exists (use --force to replace it)", file=sys.stderr)
        return 2
    problem = check_outputs("new", [], [Output("-o", target, (".yaml", ".yml"))])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    write_text(target, text)
    info = template_info(args.name, args.lang)
    print(f"wrote {target}: {info.title} ({info.touchpoints} touchpoints, {info.moments_of_truth} moments of truth)")
    print(f"next: edit it, then run `journeymap validate {target}`")
    return 0
