"""The sample interventions shipped with the built-in templates, and the demo's action plan.

Every template with numbers to simulate has ``journeymap/templates/interventions/<name>.<lang>.yaml``:
a handful of plausible interventions (illustrative efforts and effects, to be replaced by the team's
own) written against the template's ids, in its language.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path
from typing import Unpack

from journeymap.errors import did_you_mean
from journeymap.model import Journey
from journeymap.prioritize.intervention import Intervention, load_interventions
from journeymap.simulation import RunOptions, RunSettings
from journeymap.simulation.settings import run_settings

__all__ = ["DEMO_FILES", "demo_plan", "interventions_path", "sample_interventions", "sample_names"]

DEMO_FILES = ("action_plan.csv", "action_plan.xlsx", "action_plan.md", "quadrants.png")
"""What :func:`demo_plan` writes, in order."""


def _folder() -> Path:
    return Path(str(files("journeymap") / "templates" / "interventions"))


def sample_names(language: str = "en") -> tuple[str, ...]:
    """The templates that have a sample interventions file in ``language``."""
    suffix = f".{language}.yaml"
    return tuple(sorted(p.name[: -len(suffix)] for p in _folder().glob(f"*{suffix}")))


def interventions_path(template: str, language: str = "en") -> Path:
    """The sample interventions file of a built-in template; ``KeyError`` (with a did-you-mean) when
    there is none."""
    path = _folder() / f"{template}.{language}.yaml"
    if not path.is_file():
        names = sample_names(language)
        raise KeyError(f"no sample interventions for template '{template}' in '{language}'"
                       f"{did_you_mean(template, names)}; available: {', '.join(names)}")
    return path


def sample_interventions(template: str, language: str = "en") -> list[Intervention]:
    """The sample interventions of a built-in template, read from its file."""
    return load_interventions(interventions_path(template, language))


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

    ``interventions`` defaults to the sample file of ``template`` (the default template when not given)
    in the journey's language. The runs follow ``settings`` (or its fields as keyword arguments);
    unless told otherwise, small ones (5 replications × 10,000 customers) on every core keep the demo quick.
    """
    run = run_settings(settings, options, caller="demo_plan",
                       defaults={"replications": 5, "customers": 10_000, "executor": "processes"})
    from journeymap.io.catalog import DEFAULT_TEMPLATE
    from journeymap.prioritize.plan import action_plan

    if interventions is None:
        interventions = sample_interventions(template or DEFAULT_TEMPLATE, journey.language)
    plan = action_plan(journey, interventions, run, objective=objective)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = [plan.save(out / name) for name in DEMO_FILES]
    import matplotlib.pyplot as plt

    plt.close("all")
    return written
