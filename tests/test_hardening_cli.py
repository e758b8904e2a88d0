"""Writing from the command line (issue 12): every OSError a one-line message naming the output, SIGTERM
and kills leave no temporary file for long, outputs never replace inputs, suffixes match formats."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.io.atomic import MARKER
from journeymap.io.catalog import template_path


@pytest.fixture
def journey(tmp_path: Path) -> Path:
    path = tmp_path / "journey.yaml"
    shutil.copy(template_path("service_cycle", "en"), path)
    return path


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1, err
    return err.strip()


# -- every OSError on writing ----------------------------------------------------------------------------------
def test_a_file_in_the_way_of_the_output_folder(journey: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = journey / "out.svg"  # "journey.yaml/out.svg": FileExistsError from mkdir before
    assert main(["render", str(journey), "-o", str(target)]) == 2
    assert one_line_error(capsys) == f"journeymap: error: cannot write {target}: {journey} is a file, not a folder"


def test_a_file_name_too_long(journey: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / ("n" * 300 + ".dot")
    assert main(["render", str(journey), "-o", str(target)]) == 2
    assert one_line_error(capsys) == f"journeymap: error: cannot write {target}: File name too long"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.yaml"]


def test_a_full_disk(journey: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    def full(self: Path, data: bytes) -> int:
        raise OSError(errno.EFBIG, "File too large", str(self))

    monkeypatch.setattr(Path, "write_bytes", full)
    target = tmp_path / "plan.md"
    assert main(["quickwins", str(journey), "--interventions", str(template_path("service_cycle", "en",
                 kind="interventions")), "--method", "heuristic", "-o", str(target)]) == 2
    assert one_line_error(capsys) == f"journeymap: error: cannot write {target}: File too large"
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.yaml"]


# -- terminated and killed runs ---------------------------------------------------------------------------------
def test_sigterm_during_a_write_removes_the_temporary_file(journey: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    written = []
    real = Path.write_bytes

    def half_then_terminated(self: Path, data: bytes) -> int:
        real(self, data[: len(data) // 2])
        written.append(self)
        os.kill(os.getpid(), signal.SIGTERM)  # the handler runs here, between two Python instructions
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", half_then_terminated)
    previous = signal.getsignal(signal.SIGTERM)
    with pytest.raises(SystemExit) as caught:
        main(["render", str(journey), "-o", str(tmp_path / "flow.dot")])
    assert caught.value.code == 128 + signal.SIGTERM
    assert written and MARKER in written[0].name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.yaml"]
    assert signal.getsignal(signal.SIGTERM) is previous  # the command put the old handler back


def test_the_next_run_removes_what_a_killed_run_left(journey: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = out / f".flow.svg.{child.stdout.strip()}.deadbeef{MARKER}.svg"
    stale.write_bytes(b"\0" * 3_000_000)  # what kill -9 during a write leaves
    assert main(["render", str(journey), "-o", str(out / "flow.dot")]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["flow.dot"]


# -- outputs that would replace an input, or in the wrong format ---------------------------------------------
def test_the_event_log_never_replaces_the_journey(journey: Path, capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    before = journey.read_bytes()
    monkeypatch.chdir(journey.parent)
    assert main(["simulate", "--events", "journey.yaml", str(journey), "--customers", "10"]) == 2
    assert one_line_error(capsys) == ("journeymap simulate: error: --events 'journey.yaml': use one of .csv, "
                                      ".parquet")
    link = journey.parent / "events.csv"
    link.symlink_to(journey)
    assert main(["simulate", "--events", "events.csv", str(journey), "--customers", "10"]) == 2
    assert one_line_error(capsys) == (f"journeymap simulate: error: --events 'events.csv' is the input file "
                                      f"'{journey}'; writing it would replace it: choose another file")
    assert journey.read_bytes() == before


def test_each_output_suffix_matches_its_format(journey: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    cases = [
        (["compare", str(journey), "--plot", str(tmp_path / "changes.txt")],
         f"journeymap compare: error: --plot '{tmp_path / 'changes.txt'}': use one of .png, .svg, .pdf"),
        (["schema", "-o", str(tmp_path / "schema.yaml")],
         f"journeymap schema: error: -o '{tmp_path / 'schema.yaml'}': use one of .json"),
        (["new", "service_cycle", "-o", str(tmp_path / "mine.json")],
         f"journeymap new: error: -o '{tmp_path / 'mine.json'}': use one of .yaml, .yml"),
    ]
    for args, message in cases:
        assert main(args) == 2, args
        assert one_line_error(capsys) == message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.yaml"]


def test_a_plan_or_chart_onto_the_interventions_file_is_refused(journey: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    interventions = tmp_path / "ideas.md"  # a YAML file with an unusual name: read as YAML all the same
    shutil.copy(template_path("service_cycle", "en", kind="interventions"), interventions)
    before = interventions.read_bytes()
    assert main(["quickwins", str(journey), "--interventions", str(interventions), "-o", str(interventions)]) == 2
    assert "is the input file" in one_line_error(capsys)
    assert interventions.read_bytes() == before


def test_schema_overwrites_only_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "journey.schema.json"
    target.write_text("mine")
    assert main(["schema", "-o", str(target)]) == 2
    assert one_line_error(capsys) == f"journeymap schema: error: {target} already exists (use --force to replace it)"
    assert target.read_text() == "mine"
    assert main(["schema", "-o", str(target), "--force"]) == 0
    assert target.read_text().startswith("{")


def test_a_parquet_event_log_without_pyarrow_is_refused_before_the_run(journey: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a))
    target = tmp_path / "events.parquet"
    assert main(["simulate", str(journey), "--events", str(target), "--customers", "10"]) == 2
    assert one_line_error(capsys) == (f"journeymap simulate: error: --events '{target}': writing Parquet needs "
                                      "pyarrow (pip install pyarrow); or write .csv")
