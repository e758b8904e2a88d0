"""``journeymap render FILE -o OUT``: one view of a journey as SVG, PNG, PDF, DOT or Mermaid.

The format follows OUT's extension (``.svg``, ``.png``, ``.pdf``, ``.dot``/``.gv``, ``.mmd``); the file
is written atomically, so a failure never leaves half a poster behind.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from journeymap.errors import NotFound, did_you_mean
from journeymap.render import ANALYSIS_METRICS as METRICS
from journeymap.render import MAX_DPI, MERMAID_KINDS, PAGES, THEMES, VIEWS


def _choice(what: str, choices: Sequence[str], *, upper: bool = False) -> Callable[[str], str]:
    """An argparse ``type`` accepting one of ``choices`` and naming the closest one otherwise."""

    def check(value: str) -> str:
        given = value.upper() if upper else value
        if given in choices:
            return given
        hint = did_you_mean(given, choices) or next(
            (f" (did you mean '{c}'?)" for c in choices if given and given.lower() in c.lower()), ""
        )
        raise argparse.ArgumentTypeError(f"unknown {what} '{value}'{hint}; choose one of: {', '.join(choices)}")

    return check


def _dpi(value: str) -> float:
    """``--dpi``: a resolution worth drawing, checked before anything is drawn."""
    from journeymap.render.limits import check_dpi

    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not number > 0:
        raise argparse.ArgumentTypeError(f"'--dpi' must be a positive number (got {value!r})")
    try:
        return check_dpi(number)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).replace("'dpi'", "'--dpi'").replace(f"(got {number!r})",
                                                                                      f"(got {value!r})")) from None


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "render",
        help="draw a journey: cycle of service, flow by stage or service blueprint (SVG, PNG, PDF, DOT, Mermaid)",
        description="Draw one view of a journey. The output format follows OUT's extension: "
        ".svg, .png, .pdf, .dot or .gv (Graphviz source), .mmd (Mermaid journey diagram).",
    )
    parser.add_argument("file", help="a journey in YAML or JSON")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="the file to write (default: FILE's name with -VIEW.svg, beside it)")
    parser.add_argument("--view", type=_choice("view", VIEWS), default="flow", metavar="{cycle,flow,blueprint}",
                        help="cycle: clock face of the service cycle; flow: stages left to right (default); "
                        "blueprint: lanes by stages with the lines of interaction and visibility")
    parser.add_argument("--metric", type=_choice("metric", METRICS), metavar="NAME",
                        help=f"paint touchpoints by an analysis figure: {', '.join(METRICS)}")
    parser.add_argument("--theme", type=_choice("theme", tuple(THEMES)), default="default",
                        metavar="{default,workshop,print}",
                        help="workshop: large type for a projector; print: greyscale (default: default)")
    parser.add_argument("--page", type=_choice("page", tuple(PAGES), upper=True), metavar="{A4,A3}",
                        help="PDF (or SVG) of exactly that landscape paper, text at 8 pt or more (several pages "
                        "when the drawing cannot fit one)")
    parser.add_argument("--dpi", type=_dpi, metavar="N",
                        help=f"resolution of PNG output (default 96, at most {MAX_DPI:g})")
    parser.add_argument("--stage", action="append", metavar="STAGE",
                        help="draw only this stage (id or name); repeat for several")
    parser.add_argument("--actor", type=_choice("actor", ("channel", "owner")), default="channel",
                        metavar="{channel,owner}", help="who the Mermaid tasks name as actors (default: channel)")
    parser.add_argument("--mermaid", type=_choice("Mermaid diagram", MERMAID_KINDS), default="journey",
                        metavar="{journey,flowchart}",
                        help="for .mmd: the customer's journey (customer-facing steps, default) or the routing "
                        "flowchart")
    parser.add_argument("--all-steps", action="store_true",
                        help="for a Mermaid journey: backstage and support steps too")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from journeymap.render import RenderError, draw
    from journeymap.render.drawing import check_suffix

    output = Path(args.output) if args.output else Path(args.file).with_name(f"{Path(args.file).stem}-{args.view}.svg")
    try:
        suffix = check_suffix(output)
    except ValueError as exc:
        print(f"journeymap render: error: {exc}", file=sys.stderr)
        return 2
    if args.page and suffix not in (".pdf", ".svg"):
        print(f"journeymap render: error: '--page' makes a PDF or SVG of that paper size; '{output}' is "
              f"{suffix.lstrip('.').upper()} (use -o FILE.pdf)", file=sys.stderr)
        return 2
    from journeymap.cli.outputs import Output, check_outputs

    problem = check_outputs("render", [args.file], [Output("-o", output)])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from journeymap.io import load

    journey = load(args.file)
    try:
        drawing = draw(journey, view=args.view, metric=args.metric, theme=args.theme, page=args.page,
                       stages=args.stage)
        drawing.save(output, dpi=args.dpi, actor=args.actor, mermaid=args.mermaid, every_step=args.all_steps)
    except NotFound as exc:
        print(f"journeymap render: error: {exc}", file=sys.stderr)
        return 2
    except RenderError as exc:
        print(f"journeymap render: error: {exc}", file=sys.stderr)
        return 1
    what = f"Mermaid {args.mermaid} diagram" if suffix == ".mmd" else f"{args.view} view"
    print(f"wrote {output} ({what}, {suffix.lstrip('.').upper()})")
    return 0
