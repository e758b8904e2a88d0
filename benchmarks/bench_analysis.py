"""How long the analysis of a large map takes: the sparse solve against the dense inverse it replaced.

Run: ``python benchmarks/bench_analysis.py``. The maps are ``tests/big_maps.big_map(n)``: one routing
loop through all ``n`` touchpoints (the hardest case: every ``Nⱼⱼ`` needs the loop's inverse). The
dense baseline inverts ``I - Q`` with numpy, as the analysis did before; it is only run up to 3,000
touchpoints (it grows as n³ in time and n² in memory: 10,000 touchpoints took over 120 s and 4 GB).
The target is ``analyze`` on 10,000 touchpoints under 5 s; the script exits 1 when it is missed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from big_maps import big_map

from journeymap.analysis import analyze, chain

TARGET_SECONDS = 5.0


def timed(function, *args) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def dense(journey) -> None:  # type: ignore[no-untyped-def]
    q = chain.routing_matrix(journey)
    np.linalg.inv(np.eye(len(q)) - q)


def main() -> int:
    print(f"{'touchpoints':>11}  {'analyze (sparse)':>16}  {'dense inverse alone':>19}")
    last = 0.0
    for count in (1_000, 2_000, 3_000, 5_000, 10_000):
        journey = big_map(count)
        last = timed(analyze, journey)
        baseline = f"{timed(dense, journey):.2f} s" if count <= 3_000 else "-"
        print(f"{count:>11,}  {last:>14.2f} s  {baseline:>19}")
    ok = last < TARGET_SECONDS
    print(f"target: 10,000 touchpoints under {TARGET_SECONDS:g} s: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
