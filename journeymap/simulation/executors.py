"""Where the runs of an experiment execute: this process, a local process pool, or a Dask cluster.

Every replication of every scenario or sweep point is one task that depends only on its journey and
its seed, so results are identical, bit for bit, whatever runs them and however many workers there
are. ``executor`` may be:

- ``None`` or ``"processes"``: a local process pool over all cores, created for the call and shut down
  after it (in this process when there is only one task or one core);
- an int ``n``: a local process pool of ``n`` workers (``1``: in this process);
- ``"serial"``: in this process, one task after another;
- any :class:`concurrent.futures.Executor` (kept open: you own it), such as
  ``dask.distributed.Client(...).get_executor()``;
- a ``dask.distributed.Client`` itself, whose executor is then used.

A progress bar (tqdm) counts the tasks done; it is hidden when the output is not a terminal unless
``progress=True``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from journeymap.model import Journey
from journeymap.simulation.replication import ReplicationStats
from journeymap.simulation.run import ReplicationTask

__all__ = ["ExecutorLike", "Run", "local_pool", "map_tasks", "resolve_executor", "run_replications"]

ExecutorLike = Executor | str | int | Any | None
T = TypeVar("T")
R = TypeVar("R")


def _context() -> Any:
    """How pool workers start. A single-threaded process forks them (fast, and scripts need no
    ``if __name__ == "__main__"`` guard); a process with other threads running (Jupyter, a Dask client)
    starts them from a clean ``forkserver`` so that no lock held by another thread is copied into a
    worker and deadlocks it. Without either (Windows, macOS defaults), ``spawn``."""
    from tqdm._monitor import TMonitor  # tqdm's own idle monitor thread holds no lock a worker needs

    methods = multiprocessing.get_all_start_methods()
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not isinstance(t, TMonitor)]
    if "fork" in methods and not others:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def local_pool(workers: int | None = None) -> ProcessPoolExecutor:
    """A process pool of ``workers`` processes (all cores when ``None``)."""
    return ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, mp_context=_context())


@contextlib.contextmanager
def resolve_executor(executor: ExecutorLike, tasks: int) -> Iterator[Executor | None]:
    """The executor to run ``tasks`` tasks on (``None``: run in this process); pools made here are shut down
    when the block ends."""
    if isinstance(executor, Executor):
        yield executor
        return
    if executor is not None and hasattr(executor, "get_executor") and callable(executor.get_executor):
        yield executor.get_executor()
        return
    if executor == "serial":
        yield None
        return
    if executor is None or executor == "processes":
        workers = os.cpu_count() or 1
    elif isinstance(executor, int) and not isinstance(executor, bool) and executor >= 1:
        workers = executor
    else:
        raise ValueError(
            f"'executor' must be None, 'processes', 'serial', a positive int, a concurrent.futures.Executor "
            f"or a dask.distributed.Client (got {executor!r})")
    workers = min(workers, tasks)
    if workers <= 1:
        yield None
        return
    pool = local_pool(workers)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def map_tasks(function: Callable[[T], R], items: Sequence[T], *, executor: ExecutorLike = None,
              progress: bool | None = None, description: str = "runs") -> list[R]:
    """``[function(item) for item in items]``, in order, run where ``executor`` says, with a progress bar."""
    from tqdm import tqdm

    results: list[R] = []
    with resolve_executor(executor, len(items)) as pool:
        disable = None if progress is None else not progress
        with tqdm(total=len(items), desc=description, unit="run", disable=disable, file=sys.stderr,
                  leave=False) as bar:
            try:
                outputs = map(function, items) if pool is None else pool.map(function, items)
                for output in outputs:
                    results.append(output)
                    bar.update()
            except BrokenProcessPool:
                raise RuntimeError(
                    "the worker processes stopped before finishing: in a script, run the experiment under "
                    "'if __name__ == \"__main__\":', or pass executor='serial'") from None
    return results


@dataclass(frozen=True)
class Run:
    """One replication of one journey variant: the unit of work shipped to a worker."""

    task: ReplicationTask
    seed: np.random.SeedSequence


def _execute(run: Run) -> ReplicationStats:
    """Run one :class:`Run` (a top-level function, so that process pools and Dask can pickle it)."""
    return run.task(run.seed)


def run_replications(journeys: Sequence[Journey], seeds: Sequence[np.random.SeedSequence], *,
                     customers: int | None, until: float | None, warmup: float,
                     executor: ExecutorLike = None, progress: bool | None = None,
                     description: str = "replications") -> list[list[ReplicationStats]]:
    """Every journey run once per seed (the same seeds for all: common random numbers); one list of
    replication statistics per journey, in seed order."""
    runs = [Run(ReplicationTask(journey, customers=customers, until=until, warmup=warmup), seed)
            for journey in journeys for seed in seeds]
    stats = map_tasks(_execute, runs, executor=executor, progress=progress, description=description)
    n = len(seeds)
    return [stats[k * n:(k + 1) * n] for k in range(len(journeys))]
