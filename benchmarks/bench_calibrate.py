"""Calibrating from a 1,000,000-event log: time and peak memory, against reading the same file with pandas alone.

    python benchmarks/bench_calibrate.py [EVENTS]

The log is generated (a seeded help desk: call, triage, repair, with loops and leaving, start and
completion times, 40 resources) and written as CSV; each measurement runs in a fresh process so
that its peak memory (``ru_maxrss``) is its own. The issue's bar: under 20 s and 1.5 GB.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

STEPS = ("call", "triage", "repair")
NEXT = {"call": (("triage", 0.7),), "triage": (("repair", 0.5), ("call", 0.1)), "repair": ()}
MEAN = {"call": 180.0, "triage": 300.0, "repair": 600.0}


def generate(events: int, path: Path, seed: int = 1) -> int:
    """Write a log of about ``events`` rows (start and end per row) to ``path``; returns the rows written."""
    rng = np.random.default_rng(seed)
    cases, acts, starts, ends, resources = [], [], [], [], []
    t0 = np.datetime64("2025-01-06T08:00:00")
    case = 0
    clock = 0.0
    while len(acts) < events:
        case += 1
        clock += rng.exponential(20.0)
        at, step = clock, "call"
        while step:
            at += rng.exponential(60.0)
            service = rng.exponential(MEAN[step])
            cases.append(case)
            acts.append(step)
            starts.append(at)
            ends.append(at + service)
            resources.append(f"agent{rng.integers(40)}")
            at += service
            u, step_next = rng.random(), ""
            for target, p in NEXT[step]:
                if u < p:
                    step_next = target
                    break
                u -= p
            step = step_next
    seconds = np.timedelta64(1, "s")
    frame = pd.DataFrame({
        "case:concept:name": [f"C{c}" for c in cases],
        "concept:name": acts,
        "start_timestamp": t0 + (np.array(starts) * 1000).astype("int64") * seconds // 1000,
        "time:timestamp": t0 + (np.array(ends) * 1000).astype("int64") * seconds // 1000,
        "org:resource": resources,
    })
    frame.to_csv(path, index=False, date_format="%Y-%m-%dT%H:%M:%S+00:00")
    return len(frame)


RUN = {
    "pandas.read_csv": "import pandas as pd; pd.read_csv({path!r})",
    "read_log + calibrate": ("from journeymap.evidence import read_log, calibrate; "
                             "calibrate(read_log({path!r}))"),
}


def measure(code: str, path: Path) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds and peak memory (MB) of ``code`` run in a fresh Python process.
    The CPU time is the figure to read on a busy machine: the wall clock then counts other work too."""
    wrapper = ("import resource, time; t = time.perf_counter(); c = time.process_time(); " +
               code.format(path=str(path)) + "; print(time.perf_counter() - t, time.process_time() - c, "
               "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", wrapper], check=True, capture_output=True, text=True).stdout.split()
    return float(out[-3]), float(out[-2]), float(out[-1])


def main() -> None:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.csv"
        start = time.perf_counter()
        rows = generate(events, path)
        print(f"log: {rows:,} events, {path.stat().st_size / 1e6:.0f} MB CSV (generated in "
              f"{time.perf_counter() - start:.1f} s)")
        results = {name: measure(code, path) for name, code in RUN.items()}
    base = results["pandas.read_csv"][1]
    load = os.getloadavg()[0]
    print(f"load average {load:.1f} on {os.cpu_count()} cores (above the core count, read the CPU column)")
    for name, (seconds, cpu, memory) in results.items():
        print(f"{name:22s} {seconds:6.1f} s wall  {cpu:6.1f} s CPU  ×{cpu / base:5.1f} (CPU)  peak {memory:6.0f} MB")
    seconds, cpu, memory = results["read_log + calibrate"]
    ok = min(seconds, cpu) < 20 and memory < 1536
    print("within the bar (20 s, 1.5 GB)" if ok else "ABOVE the bar (20 s, 1.5 GB)")


if __name__ == "__main__":
    main()
