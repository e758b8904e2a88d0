"""What the commands share: argument types, reading the journey, files beside it, the run options."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from journeymap.errors import JourneyError

__all__ = ["add_run_options", "beside", "load_journey", "positive_int", "run_settings_from", "seed", "use_study"]

STUDY_INPUTS: tuple[str, ...] = ("scenarios", "interventions", "responses", "log")
"""The options a study folder fills in when a command has them and they were not given."""


def _whole_number(text: str, least: int, wanted: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got '{text}'") from None
    if value < least:
        raise argparse.ArgumentTypeError(f"expected {wanted}, got {value}")
    return value


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    return _whole_number(text, 1, "a positive whole number")


def seed(text: str) -> int:
    """An argparse type: a whole number of at least 0."""
    return _whole_number(text, 0, "a non-negative whole number")


def use_study(args: argparse.Namespace) -> None:
    """When a command's journey ``file`` (or, for the commands that read an event log, its ``log``) is a
    study folder (:mod:`journeymap.io.study`), read its parts: ``args.file`` becomes the study's journey
    (``args.log`` its newest event log, and ``args.journey`` its journey), ``args.study`` the
    :class:`~journeymap.io.study.Study`, and each of :data:`STUDY_INPUTS` the command takes but was not
    given is filled from the folder (its scenarios, interventions, newest survey answers and event log).
    Every command goes through here once (``journeymap.cli.main``), so each takes a study folder wherever
    it takes a journey file."""
    from journeymap.io.study import JOURNEY_FILES, open_study

    file, log = getattr(args, "file", None), getattr(args, "log", None)
    if isinstance(file, str) and Path(file).is_dir():
        study = open_study(file)
        args.file = str(study.journey)
    elif isinstance(log, str) and any((Path(log) / name).is_file() for name in JOURNEY_FILES):
        study = open_study(log)  # a folder of Parquet partitions holds no journey: it stays a log
        if study.log is None:
            raise JourneyError(f"{study.root}: the study has no event log in logs/ (CSV, Parquet, XES)")
        args.log = str(study.log)
        if hasattr(args, "journey") and args.journey is None:
            args.journey = str(study.journey)
    else:
        return
    args.study = study
    found = {"scenarios": study.scenarios, "interventions": study.interventions, "responses": study.response,
             "log": study.log}
    for option in STUDY_INPUTS:
        if hasattr(args, option) and getattr(args, option) is None and found[option] is not None:
            setattr(args, option, str(found[option]))


def load_journey(file: str) -> Any:
    """The journey in ``file`` with its warnings printed; ``None`` (errors printed) when it is invalid."""
    from journeymap.io import check

    report = check(file)
    for issue in report.warnings:
        print(issue, file=sys.stderr)
    if not report.ok or report.journey is None:
        for issue in report.errors:
            print(issue, file=sys.stderr)
        return None
    return report.journey


def beside(file: str, option: str | None, kind: str) -> str:
    """The file given for ``--<kind>``, else ``<journey stem>.<kind>.yaml`` next to the journey."""
    if option:
        return option
    source = Path(file)
    default = source.with_name(f"{source.name.split('.')[0]}.{kind}.yaml")
    if default.exists():
        return str(default)
    raise FileNotFoundError(f"give --{kind} FILE (there is no {default} next to the journey)")


def add_run_options(parser: argparse.ArgumentParser, *, replications: int = 10,
                    meaning: str = "paired replications per scenario") -> None:
    """The options that say how much to simulate and where (read back by :func:`run_settings_from`)."""
    stop = parser.add_mutually_exclusive_group()
    stop.add_argument("--customers", type=positive_int, metavar="N",
                      help="each replication stops once N customers have left the cycle (default 10000)")
    stop.add_argument("--until", metavar="T", help="each replication stops at time T, e.g. '8 h' or '30 d' "
                                                   "(customers inside are reported as in progress)")
    parser.add_argument("--warmup", default="0", metavar="T",
                        help="leave out customers who arrived before T, e.g. '2 h' (default 0)")
    parser.add_argument("--replications", type=positive_int, default=replications, metavar="R",
                        help=f"{meaning} (default {replications})")
    parser.add_argument("--seed", type=seed, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--workers", type=positive_int, metavar="W",
                        help="worker processes (default: all cores; 1 runs everything in this process)")


def run_settings_from(args: argparse.Namespace, *, events: bool = False) -> Any:
    """The :class:`~journeymap.simulation.RunSettings` the run options ask for: on ``--workers``
    processes (every core by default), with a progress bar when stderr is a terminal."""
    from journeymap.simulation import ProgressBar, RunSettings

    return RunSettings(customers=args.customers, until=args.until, warmup=args.warmup,
                       replications=args.replications, seed=args.seed, events=events,
                       executor=args.workers or "processes", progress=ProgressBar(args.command, terminal_only=True))
