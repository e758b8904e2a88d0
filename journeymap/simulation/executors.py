"""Where replications run: this process, a local process pool, or a Dask cluster. One rule everywhere.

Every replication is one task that depends only on its journey and its seed, so results are
identical, bit for bit, whatever runs them and however many workers there are. Wherever a run
happens (:func:`~journeymap.simulation.simulate`, :func:`~journeymap.experiment.comparison.compare`,
:func:`~journeymap.experiment.sweeping.sweep`, the action plan), ``executor`` may be:

- ``None`` (the default) or ``"serial"``: in this process, one replication after another;
- ``"processes"``: a local process pool over all cores, created for the call and shut down after it;
- an int ``n``: a local process pool of ``n`` workers (``1``: in this process);
- any :class:`concurrent.futures.Executor` (kept open: you own it), such as a ``ThreadPoolExecutor``
  or ``dask.distributed.Client(...).get_executor()``;
- a ``dask.distributed.Client`` itself, whose executor is then used.

A pool made here is never larger than the number of replications to run (so one replication always
runs in this process).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

import numpy as np

from journeymap.simulation.progress import Progress

__all__ = ["ExecutorLike", "check_executor", "local_pool", "map_on", "map_tasks", "resolve_executor"]

ExecutorLike = Executor | str | int | Any | None
"""What ``executor=`` accepts (see the module documentation); ``Any`` stands for a Dask ``Client``."""
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


def _is_client(executor: Any) -> bool:
    """Whether ``executor`` is a ``dask.distributed.Client`` (anything with ``get_executor()``)."""
    return callable(getattr(executor, "get_executor", None))


def _workers(executor: ExecutorLike) -> int | None:
    """The size of the local pool ``executor`` asks for (``None``: not a request for a local pool)."""
    if isinstance(executor, str) and executor == "processes":
        return os.cpu_count() or 1
    if isinstance(executor, int | np.integer) and not isinstance(executor, bool) and executor >= 1:
        return int(executor)
    return None


def check_executor(executor: ExecutorLike) -> None:
    """Raise ``ValueError`` unless ``executor`` is one of the things the module documentation lists."""
    if (executor is None or isinstance(executor, Executor) or _is_client(executor)
            or (isinstance(executor, str) and executor == "serial") or _workers(executor) is not None):
        return
    raise ValueError(
        f"'executor' must be None, 'processes', 'serial', a positive int, a concurrent.futures.Executor "
        f"or a dask.distributed.Client (got {executor!r})")


@contextlib.contextmanager
def resolve_executor(executor: ExecutorLike, tasks: int) -> Iterator[Executor | None]:
    """The executor to run ``tasks`` tasks on (``None``: run in this process); pools made here are shut down
    when the block ends."""
    check_executor(executor)
    if isinstance(executor, Executor):
        yield executor
        return
    if _is_client(executor):
        yield executor.get_executor()
        return
    workers = min(_workers(executor) or 1, tasks)
    if workers <= 1:
        yield None
        return
    pool = local_pool(workers)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def map_on(pool: Executor | None, function: Callable[[T], R], items: Sequence[T],
           progress: Progress | None = None) -> list[R]:
    """``[function(item) for item in items]``, in order, on ``pool`` (``None``: in this process);
    ``progress(done, total)`` is told after each item."""
    results: list[R] = []
    try:
        for output in map(function, items) if pool is None else pool.map(function, items):
            results.append(output)
            if progress is not None:
                progress(len(results), len(items))
    except BrokenProcessPool:
        raise RuntimeError(
            "the worker processes stopped before finishing: in a script, run the experiment under "
            "'if __name__ == \"__main__\":', or run it in this process (executor=None)") from None
    return results


def map_tasks(function: Callable[[T], R], items: Sequence[T], *, executor: ExecutorLike = None,
              progress: Progress | None = None) -> list[R]:
    """``[function(item) for item in items]``, in order, run where ``executor`` says (see the module
    documentation); ``progress(done, total)`` is told after each item."""
    with resolve_executor(executor, len(items)) as pool:
        return map_on(pool, function, items, progress)
