"""``journeymap templates``: the built-in templates, as a table to pick one from."""

from __future__ import annotations

import argparse
import shutil
import sys

from journeymap.cli.common import add_command
from journeymap.cli.parser import help_language
from journeymap.io.catalog import DEFAULT_TEMPLATE, catalog
from journeymap.text import LANGUAGES, N_, translator

_HEADERS = (N_("name"), N_("languages"), N_("stages"), N_("touchpoints"), N_("moments of truth"), N_("title"))


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "templates")
    words = parser.words
    parser.add_argument("--lang", choices=LANGUAGES, metavar="{en,es}",
                        help=words.gettext("language of the table and the titles (default: the environment's, from "
                                           "LANG)"))
    parser.set_defaults(func=run)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def format_catalog(language: str = "en", width: int | None = None) -> str:
    """The catalogue as aligned text lines in ``language``; titles are clipped to fit ``width`` characters
    when given."""
    words = translator(language)
    headers = tuple(words.gettext(header) for header in _HEADERS)
    rows = [
        (
            info.name + (" *" if info.name == DEFAULT_TEMPLATE else ""),
            ", ".join(info.languages),
            str(info.stages),
            str(info.touchpoints),
            str(info.moments_of_truth),
            info.title,
        )
        for info in catalog(language)
    ]
    widths = [max(len(row[k]) for row in (headers, *rows)) for k in range(len(headers) - 1)]
    numeric = {2, 3, 4}

    def line(row: tuple[str, ...], title_width: int) -> str:
        cells = [
            cell.rjust(w) if k in numeric else cell.ljust(w)
            for k, (cell, w) in enumerate(zip(row[:-1], widths, strict=True))
        ]
        return "  ".join([*cells, _clip(row[-1], title_width)]).rstrip()

    title_width = max(20, width - sum(widths) - 2 * len(widths)) if width else max(len(row[-1]) for row in rows)
    lines = [line(headers, title_width)] + [line(row, title_width) for row in rows]
    lines.append("")
    lang = "--lang es" if language == "es" else "[--lang es]"
    lines.append(words.gettext("* the default template. Start from one with: journeymap new NAME -o my.yaml {lang}",
                               lang=lang))
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    width = max(80, shutil.get_terminal_size().columns) if sys.stdout.isatty() else None
    print(format_catalog(args.lang or help_language(), width=width))
    return 0
