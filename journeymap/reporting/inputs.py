"""Everything a report shows, computed once: the journey (with any survey's measured satisfaction), the
route analysis, a simulation, the scenario comparison, the action plan, the survey plan, the survey's
scores and the back-test of a calibration from an event log.

What was not given is ``None`` (and its section is left out of the report); what could not be computed
(a journey that cannot be simulated, say) is ``None`` too, with a note saying why.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from journeymap.errors import JourneyError
from journeymap.model import Journey, require_journey
from journeymap.simulation import RunSettings

__all__ = ["Inputs", "StudyInputs", "gather", "study_inputs"]

Source = str | os.PathLike[str]


@dataclass(frozen=True)
class StudyInputs:
    """What a report is made from, as given: the journey and the optional files or objects."""

    journey: Journey
    scenarios: Any = None
    interventions: Any = None
    responses: Any = None
    log: Any = None


def study_inputs(journey: Journey | Source, *, scenarios: Any = None, interventions: Any = None,
                 responses: Any = None, log: Any = None, language: str | None = None) -> StudyInputs:
    """The inputs of a report: ``journey`` is a :class:`~journeymap.model.Journey`, a journey file or a
    study folder (whose scenarios, interventions, newest survey answers and event log fill what is not
    given); ``language`` (``en``/``es``) overrides the journey's."""
    if isinstance(journey, str | os.PathLike):
        from journeymap.io import load
        from journeymap.io.study import is_study, open_study

        if is_study(journey):
            study = open_study(journey)
            scenarios = scenarios if scenarios is not None else study.scenarios
            interventions = interventions if interventions is not None else study.interventions
            responses = responses if responses is not None else study.response
            log = log if log is not None else study.log
            journey = study.journey
        journey = load(Path(journey))
    require_journey(journey)
    if language is not None and language != journey.language:
        journey = journey.replace(language=language)
    return StudyInputs(journey, scenarios, interventions, responses, log)


@dataclass
class Inputs:
    """The figures of one report (see the module's description); ``notes`` say what could not be made."""

    journey: Journey
    analysis: Any = None
    simulation: Any = None
    comparison: Any = None
    plan: Any = None
    sampling: Any = None
    scores: Any = None
    backtest: Any = None
    notes: list[str] = field(default_factory=list)


def _quietly(call: Any, notes: list[str], *args: Any, **kwargs: Any) -> Any:
    """``call(*args, **kwargs)`` with its warnings kept as notes."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = call(*args, **kwargs)
    for warning in caught:
        text = str(warning.message)
        if text not in notes:
            notes.append(text)
    return value


def gather(given: StudyInputs, settings: RunSettings) -> Inputs:
    """Compute every figure the report shows from ``given``, simulating as ``settings`` say."""
    from journeymap.analysis import analyze
    from journeymap.simulation import simulate

    journey = given.journey
    found = Inputs(journey)
    notes = found.notes
    if given.responses is not None:
        from journeymap.survey import score

        found.scores = _quietly(score, notes, journey, given.responses, seed=settings.seed or 0)
        journey = found.journey = found.scores.apply(journey)
    if journey.touchpoints:
        try:
            found.analysis = analyze(journey)
        except (JourneyError, ArithmeticError) as exc:
            notes.append(str(exc))
    try:
        found.simulation = _quietly(simulate, notes, journey, settings)
    except JourneyError as exc:
        notes.append(str(exc))
    if given.scenarios is not None:
        from journeymap.experiment.comparison import compare

        found.comparison = _quietly(compare, notes, journey, given.scenarios, settings)
    if given.interventions is not None:
        from journeymap.prioritize import action_plan

        found.plan = _quietly(action_plan, notes, journey, given.interventions, settings)
    if journey.moments_of_truth:
        from journeymap.survey import sampling_plan

        try:
            found.sampling = sampling_plan(journey, simulation=found.simulation)
        except JourneyError as exc:
            notes.append(str(exc))
    if given.log is not None:
        from journeymap.evidence import calibrate

        calibration = _quietly(calibrate, notes, given.log, journey)
        found.backtest = _quietly(calibration.check, notes, replications=settings.replications or 10,
                                  seed=settings.seed or 0, executor=settings.executor)
    return found
