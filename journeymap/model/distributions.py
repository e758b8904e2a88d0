"""Probability distributions of times: service, patience, and delays between touchpoints.

Each is a small frozen value with its parameters in the journey's ``time_unit``. They know their
moments (for the analysis and queueing formulas) and how to draw from a numpy ``Generator`` handed
to them; they hold no random state of their own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar, Self

import numpy as np

__all__ = [
    "DISTRIBUTIONS",
    "Constant",
    "Distribution",
    "Empirical",
    "Exponential",
    "Gamma",
    "Lognormal",
    "Triangular",
    "Uniform",
]


DISTRIBUTIONS: dict[str, type[Distribution]] = {}
"""Every distribution by the name a file gives it in ``dist:`` (each registers itself: see
:meth:`Distribution.__init_subclass__`)."""


class Distribution:
    """Base of every time distribution; ``kind`` is the name used in files (``dist: exponential``).

    Every distribution has a ``mean`` and a ``variance`` (a field or a computed property), draws
    with :meth:`sample`, and rescales with :meth:`scaled`.
    """

    kind: ClassVar[str] = ""
    mean: float
    variance: float

    def __init_subclass__(cls, kind: str = "", **kwargs: Any) -> None:
        """``class Gamma(Distribution, kind="gamma")``: the name files give the distribution, under which
        :data:`DISTRIBUTIONS` finds it."""
        super().__init_subclass__(**kwargs)
        if kind:
            cls.kind = kind
            DISTRIBUTIONS[kind] = cls

    @property
    def scv(self) -> float:
        """Squared coefficient of variation (variance / mean²): 1 for exponential, 0 for constant."""
        return self.variance / self.mean**2 if self.mean else 0.0

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        """One draw (``size=None``) or an array of ``size`` independent draws from ``rng``."""
        raise NotImplementedError

    def scaled(self, factor: float) -> Self:
        """The same shape with every time multiplied by ``factor`` (a 20% faster service: 0.8): every
        parameter of a distribution is a time (or, for :class:`Empirical`, a tuple of times)."""
        return replace(self, **{name: tuple(v * factor for v in value) if isinstance(value, tuple) else value * factor
                                for name, value in self.parameters().items()})

    def parameters(self) -> dict[str, Any]:
        """The parameters by their file-format names, in order."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __str__(self) -> str:
        args = ", ".join(f"{k}={_short(v)}" for k, v in self.parameters().items())
        return f"{self.kind}({args})"


def _short(value: Any) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(_short(v) for v in value[:5]) + (", …]" if len(value) > 5 else "]")
    return f"{value:g}" if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class Exponential(Distribution, kind="exponential"):
    """Memoryless times with the given mean: the classic Markovian service or patience."""

    mean: float

    @property
    def variance(self) -> float:
        return float(self.mean) ** 2

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        return rng.exponential(self.mean, size)


@dataclass(frozen=True)
class Constant(Distribution, kind="constant"):
    """Always the same time; a bare number in a file means this."""

    value: float

    @property
    def mean(self) -> float:
        return float(self.value)

    @property
    def variance(self) -> float:
        return 0.0

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        return float(self.value) if size is None else np.full(size, float(self.value))


@dataclass(frozen=True)
class Uniform(Distribution, kind="uniform"):
    """Any time between ``low`` and ``high`` equally likely."""

    low: float
    high: float

    @property
    def mean(self) -> float:
        return (self.low + self.high) / 2

    @property
    def variance(self) -> float:
        return (self.high - self.low) ** 2 / 12

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        return rng.uniform(self.low, self.high, size)


@dataclass(frozen=True)
class Triangular(Distribution, kind="triangular"):
    """Three-point estimate (shortest, most likely, longest): what a team can tell from experience."""

    low: float
    mode: float
    high: float

    @property
    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3

    @property
    def variance(self) -> float:
        a, c, b = self.low, self.mode, self.high
        return (a * a + b * b + c * c - a * b - a * c - b * c) / 18

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        if self.low == self.high:
            return Constant(self.low).sample(rng, size)
        return rng.triangular(self.low, self.mode, self.high, size)


@dataclass(frozen=True)
class _MeanAndSd(Distribution):
    """A distribution given by its own mean and standard deviation (the shape is the subclass's)."""

    mean: float
    sd: float

    @property
    def variance(self) -> float:
        return float(self.sd) ** 2


@dataclass(frozen=True)
class Lognormal(_MeanAndSd, kind="lognormal"):
    """Right-skewed times given by their own mean and standard deviation (not the log's)."""

    def _log_parameters(self) -> tuple[float, float]:
        sigma2 = math.log1p((self.sd / self.mean) ** 2)
        return math.log(self.mean) - sigma2 / 2, math.sqrt(sigma2)

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        mu, sigma = self._log_parameters()
        return rng.lognormal(mu, sigma, size)


@dataclass(frozen=True)
class Gamma(_MeanAndSd, kind="gamma"):
    """Times given by mean and standard deviation; sd = mean is exponential, smaller is more regular."""

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        shape = (self.mean / self.sd) ** 2
        return rng.gamma(shape, self.sd**2 / self.mean, size)


@dataclass(frozen=True)
class Empirical(Distribution, kind="empirical"):
    """Resamples observed times (for instance handling times exported from a CRM) with equal weight."""

    values: tuple[float, ...]
    def __post_init__(self) -> None:
        object.__setattr__(self, "values", tuple(float(v) for v in self.values))

    @property
    def mean(self) -> float:  # type: ignore[override]
        return float(np.mean(self.values))

    @property
    def variance(self) -> float:
        return float(np.var(self.values))

    def sample(self, rng: np.random.Generator, size: int | None = None) -> Any:
        return rng.choice(np.asarray(self.values), size)


TIME_PARAMETERS: dict[str, tuple[str, ...]] = {kind: tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
                                              for kind, cls in DISTRIBUTIONS.items()}
"""Each distribution's file-format keys, in order: every one is a time (converted with the journey's time unit)."""


def from_parameters(kind: str, params: dict[str, Any]) -> Distribution:
    """Build a distribution from its file-format name and parameters (already numbers)."""
    return DISTRIBUTIONS[kind](**params)
