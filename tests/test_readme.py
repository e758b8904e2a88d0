"""The README's examples run as written: its Python blocks in order (in one namespace, as a reader types them
into one notebook), each ``journeymap`` line of its shell blocks, and its file-format example loads cleanly.

The commands that simulate get :data:`QUICKER` added (a smaller run than their default of 10 replications of
10,000 customers), so the suite stays quick; their arguments and files are the README's."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest

import journeymap as jm
from journeymap.cli import main
from journeymap.model import validate
from journeymap.survey import design, sample_answers

QUICKER = ["--replications", "3", "--customers", "1000"]
SIMULATING = {"simulate", "compare", "quickwins", "report", "staff"}
README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    """The README's code blocks in ``language`` (``python``, ``bash``, ``yaml``), in order."""
    return [text for kind, text in BLOCK.findall(README.read_text(encoding="utf-8")) if kind == language]


def commands(block: str) -> list[tuple[list[str], str | None]]:
    """Each ``journeymap`` command of a shell block: its arguments and the file its output is sent to, if any."""
    found = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if not words or words[0] != "journeymap":
            continue
        target = None
        if ">" in words:
            at = words.index(">")
            words, target = words[:at], words[at + 1]
        found.append((words[1:], target))
    return found


def test_the_readme_has_the_examples_this_test_runs() -> None:
    assert len(blocks("python")) >= 2 and len(blocks("yaml")) == 1
    steps = [arguments[0] for block in blocks("bash") for arguments, _ in commands(block)]
    assert steps[:6] == ["templates", "new", "validate", "info", "compare", "quickwins"]  # the path to a plan
    assert {"schema", "survey"} <= set(steps)


@pytest.mark.slow
def test_every_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LANG", "C.UTF-8")
    namespace: dict[str, object] = {}
    for block in blocks("python"):
        exec(compile(block, str(README), "exec"), namespace)  # the README's own code
    assert Path("my_outage.yaml").exists() and isinstance(namespace["result"], jm.SimulationResult)
    for block in blocks("bash"):
        for arguments, target in commands(block):
            if arguments[:2] == ["survey", "score"]:  # the answers come back from the field: here, made up
                journey = jm.load(arguments[2])
                sample_answers(design(journey), 150, seed=1).to_csv(arguments[3])
            output = io.StringIO()
            with contextlib.redirect_stdout(output):
                status = main(arguments + (QUICKER if arguments[0] in SIMULATING else []))
            assert status == 0, (arguments, capsys.readouterr().err)
            if target:
                Path(target).write_text(output.getvalue(), encoding="utf-8")
    for made in ("outage.yaml", "outage.scenarios.yaml", "outage.interventions.yaml", "compare.png", "plan.xlsx",
                 "quadrants.png", "journeymap.schema.json", "survey.xlsx", "pulse_end.json", "measured.yaml"):
        assert Path(made).stat().st_size > 0, made


def test_the_file_format_example_loads_without_a_problem() -> None:
    (text,) = blocks("yaml")
    journey = jm.loads(text, name="README.md")
    assert [tp.id for tp in journey.touchpoints] == ["call", "diagnose", "technician", "fixed"]
    assert [str(issue) for issue in validate(journey) if issue.is_error] == []
