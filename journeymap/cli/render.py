"""``journeymap render FILE -o OUT``: one view of a journey as SVG, PNG, PDF, DOT or Mermaid.

The format follows OUT's extension (``.svg``, ``.png``, ``.pdf``, ``.dot``/``.gv``, ``.mmd``); the file
is written atomically, so a failure never leaves half a poster behind.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from journeymap.cli.argtypes import positive_number
from journeymap.cli.common import add_command, add_lang_option, words_for
from journeymap.cli.parser import Parser
from journeymap.errors import NotFound, did_you_mean
from journeymap.render import ANALYSIS_METRICS as METRICS
from journeymap.render import MAX_DPI, MERMAID_KINDS, PAGES, THEMES, VIEWS
from journeymap.text import N_


def _choice(parser: Parser, what: str, choices: Sequence[str], *, upper: bool = False) -> Callable[[str], str]:
    """An argparse ``type`` accepting one of ``choices`` and naming the closest one otherwise; ``what`` is the
    kind of value, marked with ``N_``."""

    def check(value: str) -> str:
        given = value.upper() if upper else value
        if given in choices:
            return given
        close = did_you_mean(given, choices)
        suggestion = close.split("'")[1] if close else next(
            (c for c in choices if given and given.lower() in c.lower()), None)
        words = parser.words
        hint = words.gettext(" (did you mean '{choice}'?)", choice=suggestion) if suggestion else ""
        raise parser.type_error(N_("unknown {what} '{value}'{hint}; choose one of: {choices}"),
                                what=words.gettext(what), value=value, hint=hint, choices=", ".join(choices))

    return check


def _dpi(parser: Parser) -> Callable[[str], float]:
    """``--dpi``: a resolution worth drawing (:data:`~journeymap.render.MAX_DPI` at most), checked before
    anything is drawn."""
    return positive_number(parser, most=MAX_DPI, too_large=N_("expected at most {most} (print needs 300), got "
                                                              "{text}; for larger posters use SVG or PDF, which "
                                                              "scale without loss"))


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "render", journey=True)
    words = parser.words
    parser.add_argument("-o", "--output", metavar="OUT",
                        help=words.gettext("the file to write (default: FILE's name with -VIEW.svg, beside it)"))
    parser.add_argument("--view", type=_choice(parser, N_("view"), VIEWS), default="flow",
                        metavar="{cycle,flow,blueprint,map}",
                        help=words.gettext("cycle: clock face of the service cycle; flow: stages left to right "
                                           "(default); blueprint: lanes by stages with the lines of interaction and "
                                           "visibility; map: the journey map (actions, channels, moments of truth, "
                                           "emotion curve, pain points)"))
    parser.add_argument("--metric", type=_choice(parser, N_("metric"), METRICS), metavar="NAME",
                        help=words.gettext("paint touchpoints by an analysis figure: {metrics}",
                                           metrics=", ".join(METRICS)))
    parser.add_argument("--theme", type=_choice(parser, N_("theme"), tuple(THEMES)), default="default",
                        metavar="{default,workshop,print}",
                        help=words.gettext("workshop: large type for a projector; print: greyscale (default: "
                                           "default)"))
    parser.add_argument("--page", type=_choice(parser, N_("page"), tuple(PAGES), upper=True), metavar="{A4,A3}",
                        help=words.gettext("PDF (or SVG) of exactly that landscape paper, text at 8 pt or more "
                                           "(several pages when the drawing cannot fit one)"))
    parser.add_argument("--dpi", type=_dpi(parser), metavar="N",
                        help=words.gettext("resolution of PNG output (default 96, at most {most})",
                                           most=format(MAX_DPI, "g")))
    parser.add_argument("--stage", action="append", metavar="STAGE",
                        help=words.gettext("draw only this stage (id or name); repeat for several"))
    parser.add_argument("--actor", type=_choice(parser, N_("actor"), ("channel", "owner")), default="channel",
                        metavar="{channel,owner}",
                        help=words.gettext("who the Mermaid tasks name as actors (default: channel)"))
    parser.add_argument("--mermaid", type=_choice(parser, N_("Mermaid diagram"), MERMAID_KINDS), default="journey",
                        metavar="{journey,flowchart}",
                        help=words.gettext("for .mmd: the customer's journey (customer-facing steps, default) or the "
                                           "routing flowchart"))
    parser.add_argument("--all-steps", action="store_true",
                        help=words.gettext("for a Mermaid journey: backstage and support steps too"))
    add_lang_option(parser, words.gettext("language of the messages: en or es (default: the journey's)"))
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from journeymap.render import RenderError, draw
    from journeymap.render.drawing import check_suffix

    words = words_for(args)
    output = Path(args.output) if args.output else Path(args.file).with_name(f"{Path(args.file).stem}-{args.view}.svg")
    try:
        suffix = check_suffix(output)
    except ValueError as exc:
        print(words.gettext("journeymap render: error: {message}", message=exc), file=sys.stderr)
        return 2
    if args.page and suffix not in (".pdf", ".svg"):
        print(words.gettext("journeymap render: error: '--page' makes a PDF or SVG of that paper size; '{output}' is "
                            "{format} (use -o FILE.pdf)", output=output, format=suffix.lstrip(".").upper()),
              file=sys.stderr)
        return 2
    from journeymap.cli.outputs import Output, check_outputs

    problem = check_outputs("render", [args.file], [Output("-o", output)],
                            language=getattr(args, "lang", None))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from journeymap.io import load

    journey = load(args.file)
    words = words_for(args, journey)
    try:
        drawing = draw(journey, view=args.view, metric=args.metric, theme=args.theme, page=args.page,
                       stages=args.stage)
        drawing.save(output, dpi=args.dpi, actor=args.actor, mermaid=args.mermaid, every_step=args.all_steps)
    except NotFound as exc:
        print(words.gettext("journeymap render: error: {message}", message=exc), file=sys.stderr)
        return 2
    except RenderError as exc:
        print(words.gettext("journeymap render: error: {message}", message=exc), file=sys.stderr)
        return 1
    views = {"cycle": words.gettext("cycle view"), "flow": words.gettext("flow view"),
             "blueprint": words.gettext("blueprint view")}
    kinds = {"journey": words.gettext("Mermaid journey diagram"),
             "flowchart": words.gettext("Mermaid flowchart diagram")}
    what = kinds.get(args.mermaid, args.mermaid) if suffix == ".mmd" else views.get(args.view, args.view)
    print(words.gettext("wrote {path} ({what}, {format})", path=output, what=what, format=suffix.lstrip(".").upper()))
    return 0
