"""Reproducible files: with ``SOURCE_DATE_EPOCH`` set, two identical runs write identical PDF and XLSX bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_prioritize_export import heuristic_plan

from journeymap.io.catalog import template
from journeymap.io.writers import stamp_pdf
from journeymap.render import draw

EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC


def test_without_the_convention_the_diagram_pdf_carries_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    data = draw(template("service_cycle", "en")).pdf()
    assert re.search(rb"/CreationDate \(D:\d{14}", data)
    assert b"D:20231114221320" not in data


def test_the_diagram_pdf_is_identical_across_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    journey = template("service_cycle", "en")
    first = draw(journey).save(tmp_path / "a.pdf").read_bytes()
    second = draw(journey).save(tmp_path / "b.pdf").read_bytes()
    assert first == second
    assert b"/CreationDate (D:20231114221320" in first


def test_a_pdf_date_keeps_its_length_so_the_cross_references_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    data = b"%PDF-1.5\n<< /CreationDate (D:20261129122304+01'00') /ModDate (D:20261129122304Z) >>\n"
    stamped = stamp_pdf(data)
    assert len(stamped) == len(data)
    assert stamped.endswith(b"<< /CreationDate (D:20231114221320+00'00') /ModDate (D:20231114221320Z) >>\n")


def test_the_action_plan_xlsx_and_chart_pdf_are_identical_across_runs(monkeypatch: pytest.MonkeyPatch,
                                                                       tmp_path: Path) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for suffix in ("xlsx", "pdf"):
        first = heuristic_plan("es").save(tmp_path / f"a.{suffix}").read_bytes()
        second = heuristic_plan("es").save(tmp_path / f"b.{suffix}").read_bytes()
        assert first == second, suffix


def test_a_malformed_epoch_is_an_error_not_the_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from journeymap.errors import JourneyError

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(JourneyError, match=r"SOURCE_DATE_EPOCH must be a whole number .* \(got .yesterday.\)"):
        heuristic_plan().save(tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []
