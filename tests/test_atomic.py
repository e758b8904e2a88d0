"""Atomic writes leave either the old file or the complete new one, never a torn one."""

from __future__ import annotations

from pathlib import Path

import pytest

from journeymap.io.atomic import atomic_path, write_text


def test_write_text_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old")
    write_text(target, "new ñandú")
    assert target.read_text(encoding="utf-8") == "new ñandú"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_a_failure_while_writing_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("precious")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.csv"]


def test_writing_onto_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        write_text(tmp_path, "x")
