"""Atomic writes leave either the old file or the complete new one, never a torn one."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.io.atomic import MARKER, atomic_path, pending, write_failure, write_text


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


# -- issue 12: every failure names the output; kills and terminations leave nothing behind -----------------
def test_a_file_in_the_way_of_the_folder_names_the_output(tmp_path: Path) -> None:
    (tmp_path / "journey.yaml").write_text("title: x")
    target = tmp_path / "journey.yaml" / "out.svg"
    with pytest.raises(NotADirectoryError) as caught:
        write_text(target, "x")
    assert caught.value.filename == str(target)
    assert write_failure(caught.value) == f"cannot write {target}: {tmp_path / 'journey.yaml'} is a file, not a folder"


def test_a_name_too_long_names_the_output_not_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300 + ".svg")
    with pytest.raises(OSError) as caught:
        write_text(target, "x")
    assert caught.value.errno == errno.ENAMETOOLONG and caught.value.filename == str(target)
    assert MARKER not in write_failure(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_name_near_the_limit_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 120 + ".md")  # 243 bytes: the temporary name is shortened to fit
    write_text(target, "ok")
    assert target.read_text() == "ok" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_full_disk_names_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.EFBIG, "File too large", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    target = tmp_path / "big.csv"
    with pytest.raises(OSError) as caught:
        write_text(target, "x")
    assert write_failure(caught.value) == f"cannot write {target}: File too large"
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_temporary_files_are_recognisable_and_stale_ones_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".plan.xlsx.{dead.stdout.strip()}.0123abcd{MARKER}.xlsx"
    stale.write_bytes(b"x" * 1000)
    alive = tmp_path / f".plan.xlsx.{os.getpid()}.0123abcd{MARKER}.xlsx"
    alive.write_bytes(b"being written")
    other = tmp_path / ".hidden.123.0123abcd.tmp"
    other.write_text("not ours")
    with atomic_path(tmp_path / "plan.md") as tmp:
        assert MARKER in tmp.name and tmp.name.startswith(".plan.md.")
        assert tmp in pending()
        tmp.write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name, "plan.md"])
    assert not pending()


SLOW_WRITER = """
import sys, time
from journeymap.io.atomic import atomic_path, cleanup_on_termination
with cleanup_on_termination(), atomic_path(sys.argv[1]) as tmp:
    with open(tmp, "wb") as handle:
        handle.write(b"x" * 5_000_000)
        handle.flush()
        print(tmp, flush=True)
        time.sleep(60)
"""


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "poster.pdf"
    child = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    tmp = Path(child.stdout.readline().strip())
    assert tmp.exists() and tmp.stat().st_size == 5_000_000
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=30) == 128 + signal.SIGTERM
    assert list(tmp_path.iterdir()) == []
