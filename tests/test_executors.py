"""Where experiments run: identical results, bit for bit, in this process, a process pool and a Dask cluster."""

from __future__ import annotations

from concurrent.futures import Executor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pandas as pd
import pytest
from experiment_journeys import call_centre

import journeymap as jm
from journeymap.simulation import simulate
from journeymap.simulation.executors import map_tasks, resolve_executor

SCENARIOS = [jm.Scenario("Three agents", [jm.set_capacity("call", 3)]),
             jm.Scenario("Faster diagnosis", [jm.scale_service_time("diagnose", 0.8)])]
RUN = {"replications": 3, "seed": 3, "customers": 300}


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("dask.distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def serial_table():
    return jm.compare(call_centre(), SCENARIOS, executor="serial", **RUN).table


def test_process_pool_gives_identical_results(serial_table):
    pooled = jm.compare(call_centre(), SCENARIOS, executor=2, **RUN).table
    pd.testing.assert_frame_equal(pooled, serial_table, check_exact=True)


def test_dask_executor_gives_identical_results(dask_client, serial_table):
    on_dask = jm.compare(call_centre(), SCENARIOS, executor=dask_client.get_executor(), **RUN).table
    pd.testing.assert_frame_equal(on_dask, serial_table, check_exact=True)


def test_a_dask_client_can_be_passed_directly(dask_client):
    grid = {"call.capacity": [2, 3]}
    here = jm.sweep(call_centre(), grid, executor="serial", **RUN).runs
    there = jm.sweep(call_centre(), grid, executor=dask_client, **RUN).runs
    pd.testing.assert_frame_equal(there, here, check_exact=True)


def test_simulate_takes_a_dask_client_as_the_experiments_do(dask_client):
    """It used to fail with AttributeError: 'Future' object has no attribute 'kpis'."""
    here = simulate(call_centre(), **RUN)
    there = simulate(call_centre(), executor=dask_client, **RUN)
    pd.testing.assert_frame_equal(there.replications, here.replications, check_exact=True)
    pd.testing.assert_frame_equal(there.touchpoints, here.touchpoints, check_exact=True)


def test_resolving_executors():
    with resolve_executor("serial", 10) as pool:
        assert pool is None
    with resolve_executor(1, 10) as pool:
        assert pool is None
    with resolve_executor(None, 10) as pool:  # None: in this process, however many tasks
        assert pool is None
    with resolve_executor("processes", 1) as pool:  # a single task runs here
        assert pool is None
    with ThreadPoolExecutor(2) as threads:
        with resolve_executor(threads, 10) as pool:
            assert pool is threads
        assert list(threads.map(abs, [-1])) == [1]  # still open: the caller owns it
    with pytest.raises(ValueError, match=r"'executor' must be None, 'processes', 'serial', a positive int"), \
            resolve_executor("gpu", 10):
        pass


def test_results_come_back_in_order_whatever_the_executor():
    with ThreadPoolExecutor(3) as threads:
        assert map_tasks(abs, [-3, 1, -2, 5], executor=threads) == [3, 1, 2, 5]
    assert map_tasks(abs, [-3, 1], executor="serial") == [3, 1]


def test_progress_counts_the_tasks_done_wherever_they_run():
    with ThreadPoolExecutor(2) as threads:
        for executor in (None, threads):
            seen: list[tuple[float, int]] = []
            map_tasks(abs, [-3, 1, -2], executor=executor,
                      progress=lambda done, total, seen=seen: seen.append((done, total)))
            assert seen == [(1, 3), (2, 3), (3, 3)]


class _Broken(Executor):
    def map(self, fn, *iterables, timeout=None, chunksize=1):  # type: ignore[override]
        raise BrokenProcessPool("a worker died")


def test_a_broken_pool_says_what_to_do():
    with pytest.raises(RuntimeError, match="in a script, run the experiment under 'if __name__ == \"__main__\":'"):
        map_tasks(abs, [1, 2], executor=_Broken())
