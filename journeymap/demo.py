"""``make demo``: the main job on the built-in default template, written under one folder.

Run as ``python -m journeymap.demo [OUT]``. Each step is an ordinary public call a notebook user
could make; the demo only strings them together and says what it wrote.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from journeymap.analysis import analyze
from journeymap.io import check, save
from journeymap.io.catalog import DEFAULT_TEMPLATE, template_path
from journeymap.io.writers import write_csv
from journeymap.model import Journey
from journeymap.simulation import RunSettings
from journeymap.simulation.settings import RunOptions, run_settings

if TYPE_CHECKING:
    from journeymap.prioritize import Intervention

__all__ = ["DEMO_FILES", "demo_plan", "main", "run_demo"]

DEMO_FILES = ("action_plan.csv", "action_plan.xlsx", "action_plan.md", "quadrants.png")
"""What :func:`demo_plan` writes, in order."""


def demo_plan(
    journey: Journey,
    interventions: list[Intervention] | str | os.PathLike[str] | None = None,
    out_dir: str | os.PathLike[str] = "out",
    settings: RunSettings | None = None,
    *,
    template: str | None = None,
    objective: str = "goal_rate",
    **options: Unpack[RunOptions],
) -> list[Path]:
    """The demo's last step: ``journey``'s action plan written to ``out_dir`` as ``action_plan.csv``,
    ``action_plan.xlsx``, ``action_plan.md`` and the chart ``quadrants.png``; returns those paths.

    ``interventions`` defaults to the sample interventions of ``template`` (the default template when
    not given) in the journey's language. The runs follow ``settings`` (or its fields as keyword
    arguments); unless told otherwise, small ones (5 replications × 10,000 customers) on every core keep
    the demo quick.
    """
    import matplotlib.pyplot as plt

    from journeymap.prioritize import action_plan, sample_interventions

    run = run_settings(settings, options, caller="demo_plan",
                       defaults={"replications": 5, "customers": 10_000, "executor": "processes"})
    if interventions is None:
        interventions = sample_interventions(template or DEFAULT_TEMPLATE, journey.language)
    plan = action_plan(journey, interventions, run, objective=objective)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [plan.save(out / name) for name in DEMO_FILES]
    plt.close("all")
    return written


def run_demo(out: str | Path = "out", *, language: str = "en") -> list[Path]:
    """Validate, analyse, draw, simulate and prioritise the default template; return the files written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    source = template_path(DEFAULT_TEMPLATE, language)
    report = check(source)
    for issue in report.issues:
        print(f"  {issue}")
    if report.journey is None:
        raise SystemExit(2)
    journey = report.journey
    written = [save(journey, out / f"{DEFAULT_TEMPLATE}.{language}.yaml")]
    print(f"{journey.title}: valid ({len(report.warnings)} warnings), {len(journey.touchpoints)} touchpoints, "
          f"{len(journey.moments_of_truth)} moments of truth")

    analysis = analyze(journey)
    written.append(write_csv(out / "analysis.csv", analysis.touchpoints, index=True))
    print(f"  goal probability {analysis.goal_probability:.1%}; "
          f"{analysis.expected_moments_of_truth:.2f} moments of truth per customer")
    from journeymap.render import export_views

    written += export_views(journey, out, formats=("svg", "png"), stem=DEFAULT_TEMPLATE)
    written += demo_plan(journey, out_dir=out)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    written = run_demo(args[0] if args else "out")
    print("wrote:")
    for path in written:
        print(f"  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
