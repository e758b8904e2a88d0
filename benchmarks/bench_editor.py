"""How long the notebook editor takes to show a change on a 40-touchpoint journey.

Each edit goes through the editor's own widgets (as a click or a typed value would) and is timed
from the change to the redrawn diagram: validation, the forms' refresh and the SVG drawing by the
bundled Graphviz engine. The drawing and the validation are also timed alone, to see where the time
goes. Exits with status 1 when the slowest change takes a second or more.

    .venv/bin/python benchmarks/bench_editor.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from journeymap.io import validate
from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.render import draw
from journeymap.widgets import Editor

STAGES = ("discovery", "consideration", "conversion", "experience", "retention", "advocacy")
BUDGET_SECONDS = 1.0


def forty_touchpoints() -> Journey:
    """Six stages, forty touchpoints in a chain with shortcuts and a loop back: a large real workshop map."""
    ids = [f"tp{k:02d}" for k in range(40)]
    touchpoints = []
    for k, tp_id in enumerate(ids):
        routes = []
        if k + 1 < len(ids):
            routes.append(Transition(ids[k + 1], 0.7))
        if k + 3 < len(ids):
            routes.append(Transition(ids[k + 3], 0.2))
        elif k > 10:
            routes.append(Transition(ids[k - 10], 0.1))
        touchpoints.append(
            Touchpoint(
                tp_id, f"Touchpoint number {k}", STAGES[k * len(STAGES) // len(ids)],
                channel=("web", "phone", "store", "chat")[k % 4], moment_of_truth=k % 7 == 0,
                capacity=2 + k % 3, service_time=Exponential(3 + k % 5), patience=Exponential(20), goal=k == 39,
                next=routes,
            )
        )
    return Journey(
        "Forty touchpoints", [Stage(s, s.title()) for s in STAGES], touchpoints, [Arrival("tp00", rate=1.0)]
    )


def timed(action: Callable[[], object], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(f"{name:<44} median {statistics.median(times) * 1000:7.1f} ms   p95 {p95 * 1000:7.1f} ms   "
          f"max {max(times) * 1000:7.1f} ms   (n={len(times)})")


def main() -> int:
    journey = forty_touchpoints()
    start = time.perf_counter()
    editor = Editor(journey, view="flow")
    print(f"open the editor on {len(journey.touchpoints)} touchpoints: {(time.perf_counter() - start) * 1000:.0f} ms")

    for view in ("cycle", "flow", "blueprint"):
        report(f"draw alone, {view} view", timed(lambda v=view: draw(journey, view=v).svg(), 5))
    report("validate alone", timed(lambda: validate(journey), 10))

    changes: dict[str, list[float]] = {"toggle moment of truth": [], "capacity": [], "routing probability": [],
                                       "add + delete touchpoint": [], "undo": [], "switch view": []}
    for k in range(0, 40, 4):
        tp_id = f"tp{k:02d}"
        editor.select(tp_id)
        form = editor.touchpoint_form
        changes["toggle moment of truth"] += timed(lambda f=form: setattr(f.moment_of_truth, "value",
                                                                            not f.moment_of_truth.value), 1)
        box = editor.times_form.capacity.control
        changes["capacity"] += timed(lambda b=box, k=k: setattr(b, "value", str(3 + k % 4)), 1)
        if editor.routing_form.rows:
            row = editor.routing_form.rows[0]
            changes["routing probability"] += timed(lambda r=row: setattr(r.p, "value", 0.65), 1)
        changes["undo"] += timed(editor.undo, 1)

        def add_and_delete() -> None:
            editor.outline.new_name.value = "Extra step"
            editor.outline.add.click()
            editor.outline.delete.click()

        changes["add + delete touchpoint"] += timed(add_and_delete, 1)
    for view in ("cycle", "blueprint", "flow") * 2:
        changes["switch view"] += timed(lambda v=view: setattr(editor.diagram.view, "value", v), 1)

    for name, times in changes.items():
        report(f"editor: {name}", times)
    slowest = max(max(times) for times in changes.values())
    verdict = "ok" if slowest < BUDGET_SECONDS else "TOO SLOW"
    print(f"slowest change shown in {slowest * 1000:.0f} ms (budget {BUDGET_SECONDS * 1000:.0f} ms): {verdict}")
    return 0 if slowest < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
