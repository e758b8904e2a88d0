"""How long scoring 100,000 answers to a 20-moment survey takes, against pandas reading the same file.

Run: ``python benchmarks/bench_survey.py [RESPONDENTS] [REPEATS]``. The journey has 20 moments of
truth in a row, each with two requirements and a queue (so an effort item): 101 question columns
(``lived_*``, ``mot_*``, ``ces_*``, ``overall``, ``nps``, ``improve``) answered by ``RESPONDENTS``
respondents drawn from a known truth with a fixed seed, written once as a CSV.

Measured, best of ``REPEATS``:

* ``pandas read_csv``: ``pd.read_csv`` of the file (the baseline: no reading can be faster);
* ``read_responses``: reading and checking every answer against the questionnaire;
* ``score``: reading, checking and every figure with its interval and grade (what
  ``journeymap survey score`` does).

The target is ``score`` under 5 s; the script prints the times, the ratios to the baseline and
whether the target is met, and exits 1 when it is not.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition
from journeymap.survey import design, read_responses, sample_answers, score

TARGET_SECONDS = 5.0


def twenty_moments(count: int = 20) -> Journey:
    """A line of ``count`` moments of truth, each with two requirements and a queue."""
    touchpoints = [
        Touchpoint(f"m{i}", f"Moment {i + 1}", "s", channel="phone", capacity=2, service_time=Exponential(3.0),
                   moment_of_truth=True, requirements=(f"Quick at step {i + 1}", f"Clear at step {i + 1}"),
                   next=(Transition(f"m{i + 1}", 0.9),) if i + 1 < count else ())
        for i in range(count)
    ]
    return Journey("Twenty moments", (Stage("s"),), tuple(touchpoints), (Arrival("m0", rate=1.0),))


def best(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main(respondents: int = 100_000, repeats: int = 3) -> int:
    journey = twenty_moments()
    questionnaire = design(journey)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.csv"
        answers = sample_answers(questionnaire, respondents, seed=1)
        answers["improve"] = ["Faster answers" if i % 7 == 0 else "" for i in range(respondents)]
        answers.to_csv(path)
        size = path.stat().st_size / 1e6
        print(f"{respondents:,} respondents × {answers.shape[1]} questions, {size:.1f} MB CSV "
              f"({len(journey.moments_of_truth)} moments of truth)")
        baseline = best(lambda: pd.read_csv(path), repeats)
        reading = best(lambda: read_responses(path, questionnaire), repeats)
        scoring = best(lambda: score(journey, path, questionnaire=questionnaire), repeats)
    print(f"  pandas read_csv   {baseline:6.2f} s   1.0×")
    print(f"  read_responses    {reading:6.2f} s   {reading / baseline:4.1f}×")
    print(f"  score             {scoring:6.2f} s   {scoring / baseline:4.1f}×   (target < {TARGET_SECONDS:g} s)")
    met = scoring < TARGET_SECONDS
    print("target met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:3])))
