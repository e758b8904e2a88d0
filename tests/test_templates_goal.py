"""Every template, in both languages: the goal rate the simulation reports agrees with the route analysis.

This is the check that per-customer figures carry no bias from where a run stops. Before the cohort
rule, customers still inside at the end were silently left out, and the customers who stay longest
are the ones on their way to the goal (loyalty loops, delays of days or weeks). On
``customer_lifecycle`` that made the goal rate 25 times too low.

Where customers give up in a queue, the analysis's abandonment-aware goal probability is an
approximation: Erlang A at each queue, taken on its own with Poisson arrivals at the mean rate. The
gap from the simulation is named by that approximation. Away from queues the analysis is exact, so
this test checks the exact case. Patience and capacities are taken away, which leaves the routes,
the delays and the service times as they are; the goal probability then depends on the routes
alone. The arrival rates are divided by 100. That changes no customer's path, but the cohort drains
with far fewer other customers in the system. The run keeps its defaults: the cohort rule, 20
replications and the automatic warm-up. The cohort is 2,000 customers instead of 10,000, to keep
the suite short. The simulated goal rate must cover the exact figure within its interval. There are
ten templates, and each language gives the same numbers, so this is a family of ten checks. Each
one's 95% interval is widened to Bonferroni's 99.5%, so the ten hold together 95% of the time;
without this, one template in two runs would miss by chance.
"""

from __future__ import annotations

import pytest
from scipy import stats
from test_templates import FILES

from journeymap.analysis import analyze
from journeymap.experiment.changes import scale_arrivals
from journeymap.io.catalog import template
from journeymap.model import Journey
from journeymap.simulation import simulate

COHORT = 2_000
REPLICATIONS = 20
TEMPLATES = len({name for name, _ in FILES})
WIDER = stats.t.ppf(1 - 0.025 / TEMPLATES, REPLICATIONS - 1) / stats.t.ppf(0.975, REPLICATIONS - 1)
"""How much wider than the 95% interval each template's check is (Bonferroni over the ten: about 1.5)."""


def routes_only(journey: Journey) -> Journey:
    """``journey`` without queues or patience, its arrivals 100 times slower: paths, delays and service
    times as they were, so the goal probability is the exact routing figure."""
    touchpoints = tuple(tp.replace(capacity=None, patience=None) for tp in journey.touchpoints)
    return scale_arrivals(0.01).apply(journey.replace(touchpoints=touchpoints))


@pytest.mark.parametrize(("name", "language"), FILES)
def test_the_simulated_goal_rate_covers_the_exact_goal_probability(name: str, language: str) -> None:
    journey = routes_only(template(name, language=language))
    exact = analyze(journey).goal_probability
    assert exact == pytest.approx(analyze(template(name, language=language)).goal_probability_without_abandonment)
    result = simulate(journey, customers=COHORT, seed=1)
    assert result.settings.replications == REPLICATIONS and result.kpis.loc["in_progress", "mean"] == 0
    goal = result.kpis.loc["goal_rate"]
    half = (goal["ci_high"] - goal["ci_low"]) / 2 * WIDER
    assert abs(goal["mean"] - exact) <= half, (name, exact, goal["mean"], half)
    assert half < 0.03  # an interval narrow enough to miss a bias like the one this test is for
