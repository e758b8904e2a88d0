"""What every test shares: an English environment, so that the command line's help and the commands that read
no journey speak English unless a test asks otherwise (``monkeypatch.setenv("LANG", "es_ES.UTF-8")``); and
Hypothesis derandomised, so that the property tests try the same examples on every run and nothing flakes."""

from __future__ import annotations

import pytest
from hypothesis import settings

settings.register_profile("journeymap", derandomize=True, print_blob=True)
settings.load_profile("journeymap")


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
