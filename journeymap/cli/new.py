"""``journeymap new NAME -o FILE``: start a map from a built-in template (the file copied verbatim), with the
template's sample what-if scenarios and interventions beside it, so that ``compare`` and ``quickwins`` work
on the fresh copy straight away::

    journeymap new telecom_outage -o outage.yaml     # outage.yaml, outage.scenarios.yaml, outage.interventions.yaml
    journeymap compare outage.yaml                   # finds outage.scenarios.yaml
    journeymap quickwins outage.yaml                 # finds outage.interventions.yaml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap.cli.common import add_command
from journeymap.cli.outputs import Output, check_outputs
from journeymap.cli.parser import help_language
from journeymap.io.atomic import write_text
from journeymap.io.catalog import DEFAULT_TEMPLATE, template_info, template_text
from journeymap.text import translator


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = add_command(subparsers, "new")
    words = parser.words
    parser.add_argument("name", nargs="?", default=DEFAULT_TEMPLATE,
                        help=words.gettext("the template to copy (default: {name})", name=DEFAULT_TEMPLATE))
    parser.add_argument("-o", "--output", metavar="FILE",
                        help=words.gettext("the file to write (default: NAME.yaml in the current folder; '-' for "
                                           "standard output, the journey alone)"))
    parser.add_argument("--lang", metavar="LANG",
                        help=words.gettext("the template's language: en or es (default: the environment's, from "
                                           "LANG)"))
    parser.add_argument("--force", action="store_true", help=words.gettext("replace the files if they already exist"))
    parser.set_defaults(func=run)


def sample_files(target: Path) -> dict[str, Path]:
    """Where the sample scenarios and interventions of a journey written to ``target`` go: beside it, as
    ``compare`` and ``quickwins`` look for them (``outage.yaml`` → ``outage.scenarios.yaml``)."""
    stem = target.name.split(".")[0]
    return {kind: target.with_name(f"{stem}.{kind}.yaml") for kind in ("scenarios", "interventions")}


def run(args: argparse.Namespace) -> int:
    language = args.lang or help_language()
    text = template_text(args.name, language)  # unknown name or language: a one-line error, exit 2
    words = translator(language)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output or f"{args.name}.yaml")
    if target.is_dir():
        print(words.gettext("journeymap: error: {target} is a folder; give a file name such as {example}",
                            target=target, example=target / (args.name + ".yaml")), file=sys.stderr)
        return 2
    problem = check_outputs("new", [], [Output("-o", target, (".yaml", ".yml"))],
                            language=getattr(args, "lang", None))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    info = template_info(args.name, language)
    samples = {kind: path for kind, path in sample_files(target).items() if kind in info.samples}
    files = {"journey": target, **samples}
    existing = [path for path in files.values() if path.exists()]
    if existing and not args.force:
        print(words.gettext("journeymap: error: {target} already exists (use --force to replace it)",
                            target=", ".join(str(path) for path in existing)), file=sys.stderr)
        return 2
    for kind, path in files.items():
        write_text(path, template_text(args.name, language, kind=kind))  # type: ignore[arg-type]
    print(words.gettext("wrote {target}: {title} ({touchpoints}, {moments})", target=target, title=info.title,
                        touchpoints=words.ngettext("{n} touchpoint", "{n} touchpoints", info.touchpoints),
                        moments=words.ngettext("{n} moment of truth", "{n} moments of truth",
                                               info.moments_of_truth)))
    for kind, path in samples.items():
        what = (words.gettext("sample what-if scenarios") if kind == "scenarios"
                else words.gettext("sample interventions"))
        print(words.gettext("wrote {target}: {what}", target=path, what=what))
    print(words.gettext("next: edit it, check it with `journeymap validate {target}`, then try `journeymap compare "
                        "{target}` and `journeymap quickwins {target}`", target=target))
    return 0
