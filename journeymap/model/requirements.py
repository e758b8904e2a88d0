"""What a customer requires at a touchpoint, and satisfaction measured by a survey.

A :class:`Requirement` is its text (it *is* a ``str``, so everything that shows, wraps, escapes or
compares requirements as text keeps working) with an optional measurable **standard**: limits the
simulation can check for every customer, such as ``{"wait": 2.0}`` (the wait in queue there is at
most 2 time units). In a file::

    requirements:
      - Agent already knows my account                        # plain text: no standard
      - {text: Answered within 2 minutes, standard: {wait: 2 min}}

A :class:`MeasuredSatisfaction` is the satisfaction a survey measured at a touchpoint (1–5 scale)
with its provenance: how many answered, the interval, when and from what. It is kept apart from the
consultant's estimate (``Touchpoint.satisfaction``) so that the two are never confused: a map draws
a measured value solid and an estimate hollow.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = ["STANDARDS", "MeasuredSatisfaction", "Requirement", "as_requirement", "as_requirements"]

STANDARDS: dict[str, str] = {
    "wait": "the wait in queue there is at most this long (a time)",
}
"""The measurable standards a requirement can carry, with what each means (all are times, kept in
the journey's ``time_unit``)."""


class Requirement(str):
    """A requirement's text with an optional measurable ``standard`` (``{"wait": 2.0}``).

    It behaves as its text everywhere a ``str`` is expected (``replace``, ``upper``... are the string
    methods and return plain text); ``requirement.text`` is the plain text. Two requirements are equal
    when their texts and standards are; a requirement without a standard also equals its plain text
    (``Requirement("Fast") == "Fast"``). It cannot be changed: :meth:`with_text` and
    :meth:`with_standard` return new ones.
    """

    _items: tuple[tuple[str, float], ...]

    def __new__(cls, text: str, standard: Mapping[str, float] | None = None) -> Requirement:
        if not isinstance(text, str):
            raise TypeError(f"'text' must be a str (got {type(text).__name__})")
        if standard is not None and not isinstance(standard, Mapping):
            raise TypeError(f"'standard' must be a mapping such as {{'wait': 2}} (got {type(standard).__name__})")
        self = super().__new__(cls, text)
        object.__setattr__(self, "_items", tuple((str(k), v) for k, v in (standard or {}).items()))
        return self

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Requirement cannot be changed (got {name}=...): use with_text or with_standard")

    @property
    def text(self) -> str:
        """The requirement as plain text."""
        return str.__str__(self)

    @property
    def standard(self) -> Mapping[str, float]:
        """The measurable standard (``{"wait": 2.0}`` in the journey's time unit); empty when none."""
        return MappingProxyType(dict(self._items))

    def with_text(self, text: str) -> Requirement:
        """The same standard with another text."""
        return Requirement(text, self.standard)

    def with_standard(self, standard: Mapping[str, float] | None) -> Requirement:
        """The same text with another standard (``None`` or ``{}``: none)."""
        return Requirement(self.text, standard)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Requirement):
            return self.text == other.text and dict(self._items) == dict(other._items)
        if isinstance(other, str):
            return not self._items and self.text == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return str.__hash__(self)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        if not self._items:
            return f"Requirement({self.text!r})"
        return f"Requirement({self.text!r}, standard={dict(self._items)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return Requirement, (self.text, dict(self._items))


def as_requirement(value: str | Requirement) -> Requirement:
    """``value`` as a :class:`Requirement` (plain text becomes one without a standard)."""
    if isinstance(value, Requirement):
        return value
    if isinstance(value, str):
        return Requirement(value)
    raise TypeError(f"a requirement must be text or a Requirement (got {type(value).__name__})")


def as_requirements(values: Iterable[str | Requirement]) -> tuple[Requirement, ...]:
    """Each value as a :class:`Requirement`, in order (a single string is one requirement, not letters)."""
    if isinstance(values, str):
        return (as_requirement(values),)
    return tuple(as_requirement(value) for value in values)


@dataclass(frozen=True)
class MeasuredSatisfaction:
    """Satisfaction at a touchpoint as a survey measured it, with its provenance.

    ``mean`` is the mean answer on the 1–5 scale, ``n`` how many answered, ``ci_low``/``ci_high``
    its 95% interval (``None`` when unknown), ``date`` when it was measured (ISO text such as
    ``"2025-03-14"``) and ``source`` what it came from (a file, a survey's name).
    """

    mean: float
    n: int
    ci_low: float | None = None
    ci_high: float | None = None
    date: str | None = None
    source: str | None = None

    @property
    def interval(self) -> tuple[float, float] | None:
        """``(ci_low, ci_high)`` when both are known and finite."""
        if self.ci_low is None or self.ci_high is None:
            return None
        if not (math.isfinite(self.ci_low) and math.isfinite(self.ci_high)):
            return None
        return (self.ci_low, self.ci_high)

    def replace(self, **changes: Any) -> MeasuredSatisfaction:
        """A copy with the given fields changed."""
        import dataclasses

        return dataclasses.replace(self, **changes)
