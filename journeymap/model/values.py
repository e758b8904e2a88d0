"""What every value of the model shares: it is frozen, ``replace`` makes a changed copy, ``meta`` is a dict."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, TypeVar

__all__ = ["Value"]

_Self = TypeVar("_Self", bound="Value")


@dataclass(frozen=True)
class Value:
    """Shared behaviour of the model's values: ``replace`` and free-form ``notes``/``meta``."""

    def replace(self: _Self, **changes: Any) -> _Self:
        """A copy with the given fields changed (the original is left as it was)."""
        return dataclasses.replace(self, **changes)

    def __post_init__(self) -> None:
        meta = getattr(self, "meta", None)
        object.__setattr__(self, "meta", dict(meta) if meta else {})
