"""Progress of a run: one kind of callback everywhere, and a ready-made progress bar.

Everything that runs replications (:func:`~journeymap.simulation.simulate`,
:func:`~journeymap.experiment.comparison.compare`, :func:`~journeymap.experiment.sweeping.sweep`, the action plan) takes
``progress``: ``None`` (say nothing) or a function ``progress(done, total)``, called in this process
as replications finish: ``done`` of ``total`` replications (fractions of one while a replication
runs in this process). :class:`ProgressBar` is such a function that draws a tqdm bar.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

__all__ = ["Progress", "ProgressBar"]

Progress = Callable[[float, int], None]
"""``progress(done, total)``: ``done`` replications (a float) of ``total`` are finished."""


class ProgressBar:
    """A ``progress`` callback that draws a bar on stderr (tqdm), closed when the run is done.

    ``description`` labels the bar; with ``terminal_only`` the bar is drawn only when stderr is a
    terminal (the command line uses this, so that piped output stays clean).

        jm.simulate(journey, replications=20, progress=jm.ProgressBar())
    """

    def __init__(self, description: str = "replications", *, terminal_only: bool = False) -> None:
        self.description = description
        self.terminal_only = terminal_only
        self._bar: Any = None

    def __call__(self, done: float, total: int) -> None:
        if self._bar is None:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=self.description, file=sys.stderr, leave=False,
                             disable=not sys.stderr.isatty() if self.terminal_only else False,
                             bar_format="{l_bar}{bar}| {n:.1f}/{total} [{elapsed}<{remaining}]")
        self._bar.n = done
        self._bar.refresh()
        if done >= total:
            self.close()

    def close(self) -> None:
        """Take the bar away (also done by itself when the last replication finishes)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __repr__(self) -> str:
        return f"ProgressBar({self.description!r})"
