"""What every test shares: an English environment, so that the command line's help and the commands that read
no journey speak English unless a test asks otherwise (``monkeypatch.setenv("LANG", "es_ES.UTF-8")``)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C.UTF-8")
