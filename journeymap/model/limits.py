"""The range of the numbers a journey may hold: what the computations can take, and what is absurd.

**Limits** (an error when crossed): beyond them a computation overflows or loses its meaning, so
validation refuses the value with a "too large" message naming the field.

- a time (service, patience, delay, a parameter of its distribution) of at most :data:`MAX_SECONDS`
  (about 31,700 years): the simulation clock is a float, and beyond that it can no longer tell one
  second from the next over a long run;
- an arrival rate of at most :data:`MAX_RATE` per second;
- a capacity of at most :data:`MAX_CAPACITY` servers (leave it out for unlimited capacity);
- gamma and lognormal shapes whose parameters (``(mean/sd)²``, ``(sd/mean)²``) are finite numbers.

**Absurd for a service journey** (a warning, the value is kept): a service time or patience longer
than :data:`ABSURD_SERVICE_SECONDS`, a delay longer than :data:`ABSURD_DELAY_SECONDS`, more than
:data:`ABSURD_ARRIVALS_PER_HOUR` arrivals per hour, a loop customers go round more than
:data:`ABSURD_LOOP_VISITS` times before leaving. These are usually a wrong unit or a typo.
"""

from __future__ import annotations

__all__ = [
    "ABSURD_ARRIVALS_PER_HOUR",
    "ABSURD_DELAY_SECONDS",
    "ABSURD_LOOP_VISITS",
    "ABSURD_SERVICE_SECONDS",
    "MAX_CAPACITY",
    "MAX_RATE",
    "MAX_SECONDS",
    "YEAR",
]

YEAR = 365.25 * 86400
"""A year in seconds."""

MAX_SECONDS = 1e12
"""The longest time a journey may hold, in seconds (about 31,700 years)."""

MAX_RATE = 1e9
"""The highest arrival rate a journey may hold, per second."""

MAX_CAPACITY = 1_000_000
"""The most servers a touchpoint may have (``capacity`` left out means unlimited)."""

ABSURD_SERVICE_SECONDS = YEAR
"""A service time or patience longer than a year is probably a wrong unit."""

ABSURD_DELAY_SECONDS = 10 * YEAR
"""A delay between touchpoints longer than ten years (a renewal after a year is fine)."""

ABSURD_ARRIVALS_PER_HOUR = 1e6
"""More than a million customers an hour at one entry."""

ABSURD_LOOP_VISITS = 1_000.0
"""Expected visits inside a routing loop before leaving it (an exit probability near zero)."""
