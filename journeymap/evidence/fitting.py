"""A distribution for observed times: exponential, lognormal or gamma chosen by AIC, or the data themselves.

Each candidate is fitted by maximum likelihood with scipy.stats (location fixed at zero, as a time
cannot be negative), compared by Akaike's information criterion, and the best one is checked with
the Kolmogorov-Smirnov test (its p-value asymptotic above :data:`EXACT_KS` times). When even the
best one is rejected (p < :data:`KS_LEVEL` on at least :data:`MIN_FOR_TEST` values), or when many
times are zero, the times themselves are used (an :class:`~journeymap.model.Empirical` of
:data:`EMPIRICAL_POINTS` quantiles): an empirical distribution has no likelihood to put in the AIC,
so it is the fallback, not a candidate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from journeymap.evidence.intervals import mean_interval
from journeymap.model import Distribution, Empirical, Exponential, Gamma, Lognormal
from journeymap.text import N_, number, percent, translator

__all__ = ["EMPIRICAL_POINTS", "EXACT_KS", "KS_LEVEL", "MIN_FOR_TEST", "Fit", "fit_times"]

KS_LEVEL = 0.01
MIN_FOR_TEST = 30
EMPIRICAL_POINTS = 50
EXACT_KS = 10_000
"""Above this many times the Kolmogorov-Smirnov p-value comes from the asymptotic (Kolmogorov) distribution,
which is then exact to a few decimals; the exact one costs seconds for a million times. The distance
itself is always computed on every time."""
SHAPES = {"exponential": N_("exponential"), "lognormal": N_("lognormal"), "gamma": N_("gamma")}
"""The candidates' names for people."""
MAX_ZERO_SHARE = 0.2
"""Above this share of zero times a continuous shape is a poor summary: the data are used."""


@dataclass(frozen=True)
class Fit:
    """The distribution chosen for some times (in the unit they were given in), and why."""

    distribution: Distribution | None
    n: int
    mean: float
    ci: tuple[float, float]
    aic: dict[str, float] = field(default_factory=dict)
    ks: float = math.nan
    ks_p: float = math.nan
    reason: str = ""
    ks_method: str = ""
    """How the p-value was found: ``"exact"`` or ``"asymptotic"`` (above :data:`EXACT_KS` times)."""

    def document(self) -> dict[str, object]:
        """The fit as plain data for a journey's ``meta`` (numbers rounded to 4 significant digits)."""
        out: dict[str, object] = {"n": self.n, "mean": _plain(self.mean), "ci": [_plain(v) for v in self.ci],
                                  "chosen": self.distribution.kind if self.distribution else None}
        if self.aic:
            out["aic"] = {k: _plain(v) for k, v in self.aic.items()}
        if math.isfinite(self.ks):
            out["ks"] = _plain(self.ks)
            out["ks_p"] = _plain(self.ks_p)
            out["ks_method"] = self.ks_method
        if self.reason:
            out["reason"] = self.reason
        return out


def _round(value: float, digits: int = 4) -> float:
    """``value`` to ``digits`` significant digits (what a file needs; NaN and 0 unchanged)."""
    if not math.isfinite(value) or value == 0:
        return float(value)
    return float(f"{value:.{digits}g}")


def _plain(value: float) -> float | None:
    """A number for a file: 4 significant digits, ``None`` (null) when undefined."""
    return _round(value) if math.isfinite(value) else None


def _empirical(values: np.ndarray) -> Empirical:
    if len(values) <= EMPIRICAL_POINTS:
        return Empirical(tuple(_round(float(v)) for v in np.sort(values)))
    levels = (np.arange(EMPIRICAL_POINTS) + 0.5) / EMPIRICAL_POINTS
    return Empirical(tuple(_round(float(v)) for v in np.quantile(values, levels)))


def fit_times(values: np.ndarray, *, language: str = "en") -> Fit:
    """The distribution of the non-negative finite ``values`` (see the module); ``None`` when there are none
    or all are zero (an instantaneous step). ``reason`` says why, in ``language``."""
    words = translator(language)
    data = np.asarray(values, dtype=float)
    data = data[np.isfinite(data) & (data >= 0)]
    n = len(data)
    if n == 0:
        return Fit(None, 0, math.nan, (math.nan, math.nan), reason=words.gettext("no times"))
    mean, (low, high) = float(np.mean(data)), mean_interval(data)
    ci = (max(0.0, low), high)  # a time is never negative
    positive = data[data > 0]
    if len(positive) == 0:
        return Fit(None, n, 0.0, (0.0, 0.0), reason=words.gettext("every time is zero: an instantaneous step"))
    if len(positive) < 2 or np.ptp(positive) == 0:
        return Fit(Exponential(_round(mean)) if len(positive) < 2 else _empirical(data), n, mean, ci,
                   reason=words.gettext("too few distinct times to fit a shape"))
    zero_share = 1 - len(positive) / n
    candidates: dict[str, tuple[Distribution, float, object]] = {}
    scale = float(np.mean(positive))
    x = positive / scale  # fit on a unit scale: better conditioned; AIC shifts by the same constant for all
    _, expon_scale = stats.expon.fit(x, floc=0)
    candidates["exponential"] = (Exponential(_round(expon_scale * scale)),
                                 _aic(stats.expon.logpdf(x, 0, expon_scale), 1),
                                 stats.expon(0, expon_scale))
    shape, _, log_scale = stats.lognorm.fit(x, floc=0)
    frozen = stats.lognorm(shape, 0, log_scale)
    candidates["lognormal"] = (Lognormal(_round(float(frozen.mean()) * scale), _round(float(frozen.std()) * scale)),
                               _aic(frozen.logpdf(x), 2), frozen)
    try:
        a, _, gamma_scale = stats.gamma.fit(x, floc=0)
        frozen = stats.gamma(a, 0, gamma_scale)
        candidates["gamma"] = (Gamma(_round(float(frozen.mean()) * scale), _round(float(frozen.std()) * scale)),
                               _aic(frozen.logpdf(x), 2), frozen)
    except (RuntimeError, ValueError, FloatingPointError):
        pass
    aic = {name: value + 2 * len(x) * math.log(scale) for name, (_, value, _) in candidates.items()}
    best = min(aic, key=lambda name: aic[name])
    distribution, _, frozen_best = candidates[best]
    asymptotic = len(x) > EXACT_KS
    ks = stats.kstest(x, frozen_best.cdf, method="asymp" if asymptotic else "auto")  # type: ignore[attr-defined]
    ks_method = "asymptotic" if asymptotic else "exact"
    if zero_share > MAX_ZERO_SHARE:
        return Fit(_empirical(data), n, mean, ci, aic, float(ks.statistic), float(ks.pvalue), ks_method=ks_method,
                   reason=words.gettext("{share} of the times are zero: the observed times are used",
                                        share=percent(zero_share, language)))
    if n >= MIN_FOR_TEST and ks.pvalue < KS_LEVEL:
        return Fit(_empirical(data), n, mean, ci, aic, float(ks.statistic), float(ks.pvalue), ks_method=ks_method,
                   reason=words.gettext("the best shape ({shape}) does not fit (Kolmogorov-Smirnov p < {level}): "
                                        "the observed times are used", shape=words.gettext(SHAPES[best]),
                                        level=number(KS_LEVEL, language)))
    return Fit(distribution, n, mean, ci, aic, float(ks.statistic), float(ks.pvalue),
               reason=words.gettext("lowest AIC: {shape}", shape=words.gettext(SHAPES[best])), ks_method=ks_method)


def _aic(logpdf: np.ndarray, parameters: int) -> float:
    total = float(np.sum(logpdf))
    return 2 * parameters - 2 * total if math.isfinite(total) else math.inf
