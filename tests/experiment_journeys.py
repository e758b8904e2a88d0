"""Small journeys for the edit, experiment and prioritisation tests (built in Python, so they need no file)."""

from __future__ import annotations

from journeymap.model import (
    Arrival,
    Constant,
    Exponential,
    Journey,
    RatePeriod,
    Stage,
    Touchpoint,
    Transition,
)


def call_centre(capacity: int = 2, rate: float = 0.5) -> Journey:
    """A support line: call (queue, impatient customers) → diagnose → fix, with a repeat-call loop.

    Minutes; ``rate`` calls per minute arrive; ``call`` and ``fix`` are moments of truth; ``fix`` is the goal.
    """
    return Journey(
        title="Support line",
        stages=(Stage("contact", "Contact"), Stage("resolution", "Resolution")),
        touchpoints=(
            Touchpoint("call", "Calls the line", stage="contact", channel="phone", owner="Care",
                       moment_of_truth=True, capacity=capacity, service_time=Exponential(3.0),
                       patience=Exponential(4.0), next=(Transition("diagnose", 0.8), Transition("chat", 0.1))),
            Touchpoint("chat", "Chats with an agent", stage="contact", channel="chat", owner="Care",
                       capacity=1, service_time=Exponential(2.0), next=(Transition("diagnose", 0.5),)),
            Touchpoint("diagnose", "Diagnosis", stage="resolution", owner="Tech", capacity=3,
                       service_time=Exponential(4.0),
                       next=(Transition("fix", 0.7), Transition("call", 0.2, Constant(5.0)))),
            Touchpoint("fix", "Problem fixed", stage="resolution", owner="Tech", moment_of_truth=True,
                       goal=True),
        ),
        arrivals=(Arrival("call", rate=rate), Arrival("chat", schedule=(RatePeriod(720.0, 0.1),
                                                                         RatePeriod(1440.0, 0.3)))),
        time_unit="minute",
    )


def map_only() -> Journey:
    """A journey with routing and moments of truth but no arrivals and no times: it cannot be simulated."""
    return Journey(
        title="Map only",
        stages=(Stage("contact"), Stage("resolution")),
        touchpoints=(
            Touchpoint("visit", stage="contact", moment_of_truth=True, next=(Transition("advice", 0.6),)),
            Touchpoint("advice", stage="contact", next=(Transition("buy", 0.5), Transition("visit", 0.2))),
            Touchpoint("buy", stage="resolution", moment_of_truth=True, goal=True),
        ),
    )


def outage_outline() -> Journey:
    """An outline to edit: three stages (the last empty), four touchpoints in file order call, diagnose,
    chat, visit (contact and resolution interleaved), customers arriving at call only."""
    return Journey(
        "Outage",
        [Stage("contact", "Contact"), Stage("resolution", "Resolution"), Stage("loyalty", "Loyalty")],
        [
            Touchpoint("call", "Calls support", "contact", next=[Transition("diagnose", 0.8)]),
            Touchpoint("diagnose", "Remote diagnosis", "resolution", goal=True),
            Touchpoint("chat", "Chats", "contact", next=[Transition("diagnose", 0.5)]),
            Touchpoint("visit", "Technician visit", "resolution"),
        ],
        [Arrival("call", rate=0.5)],
        time_unit="minute",
    )
