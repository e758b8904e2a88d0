"""``make demo``: the main job on the built-in default template, written under one folder.

Run as ``python -m journeymap.demo [OUT]``. Each step is an ordinary public call a notebook user
could make; the demo only strings them together and says what it wrote.
"""

from __future__ import annotations

import sys
from pathlib import Path

from journeymap.analysis import analyze
from journeymap.io import check, save
from journeymap.io.atomic import write_text
from journeymap.io.catalog import DEFAULT_TEMPLATE, template_path


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
    written.append(write_text(out / "analysis.csv", analysis.touchpoints.to_csv()))
    print(f"  goal probability {analysis.goal_probability:.1%}; "
          f"{analysis.expected_moments_of_truth:.2f} moments of truth per customer")
    from journeymap.prioritize import demo_plan
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
