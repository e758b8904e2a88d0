"""What the commands share: argument types, reading the journey, files beside it, the run options."""

from __future__ import annotations

import argparse
import contextlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["add_run_options", "beside", "load_journey", "positive_int", "run_settings_from", "seed", "share",
           "warnings_printed"]


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


def share(text: str) -> float:
    """An argparse type: a number strictly between 0 and 1 (``0.05``) or a percentage (``5%``)."""
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a share such as 0.05 or 5%, got '{text}'") from None
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(f"expected a share between 0 and 1 (such as 0.05 or 5%), got '{text}'")
    return value


@contextlib.contextmanager
def warnings_printed(label: str) -> Iterator[None]:
    """Print every warning raised inside the block on stderr as ``<label>: warning: ...`` the moment it
    is raised (a warning about a long run must come before the run, not after it)."""
    def show(message: Warning | str, category: type[Warning], filename: str, lineno: int, file: Any = None,
             line: str | None = None) -> None:
        print(f"{label}: warning: {message}", file=sys.stderr, flush=True)

    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.showwarning = show
        yield


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


def add_run_options(parser: argparse.ArgumentParser, *, replications: int = 20,
                    meaning: str = "paired replications per scenario", precision: bool = False) -> None:
    """The options that say how much to simulate and where (read back by :func:`run_settings_from`);
    ``precision`` adds ``--precision`` (sequential stopping, for a single journey)."""
    stop = parser.add_mutually_exclusive_group()
    stop.add_argument("--customers", type=positive_int, metavar="N",
                      help="follow the first N customers who arrive after the warm-up until every one has left "
                           "the cycle (default 10000; a journey with a horizon runs one working day instead)")
    stop.add_argument("--until", metavar="T", help="each replication stops at time T, e.g. '8 h' or '30 d' "
                                                   "(figures per customer cover those who left; the share still "
                                                   "inside is reported)")
    parser.add_argument("--warmup", default="auto", metavar="T",
                        help="leave out customers who arrived before T, e.g. '2 h'; 'auto' (the default) detects "
                             "it (MSER-5 and the queues' relaxation times) and reports it")
    parser.add_argument("--replications", type=positive_int, default=replications, metavar="R",
                        help=f"{meaning} (default {replications})")
    if precision:
        parser.add_argument("--precision", type=share, metavar="P",
                            help="add replications until every headline figure's 95%% interval is within P of "
                                 "its mean, e.g. 0.05 or 5%% (at most 200 replications)")
    parser.add_argument("--max-events", type=positive_int, metavar="N", dest="max_events",
                        help="the run's budget in visits to touchpoints (default 100000000, about ten minutes of "
                             "work on one core): "
                             "a run estimated above it is refused")
    parser.add_argument("--seed", type=seed, default=0, metavar="S", help="random seed (default 0)")
    parser.add_argument("--workers", type=positive_int, metavar="W",
                        help="worker processes (default: all cores; 1 runs everything in this process)")


def run_settings_from(args: argparse.Namespace, *, events: bool | str = False) -> Any:
    """The :class:`~journeymap.simulation.RunSettings` the run options ask for: on ``--workers``
    processes (every core by default), with a progress bar when stderr is a terminal."""
    from journeymap.simulation import DEFAULT_MAX_EVENTS, ProgressBar, RunSettings

    return RunSettings(customers=args.customers, until=args.until, warmup=args.warmup,
                       replications=args.replications, seed=args.seed, events=events,
                       precision=getattr(args, "precision", None), max_events=args.max_events or DEFAULT_MAX_EVENTS,
                       executor=args.workers or "processes", progress=ProgressBar(args.command, terminal_only=True))
