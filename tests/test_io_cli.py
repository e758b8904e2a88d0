"""``journeymap validate`` and ``journeymap schema`` through ``journeymap.cli.main``: exact output,
exit status 2 on errors and 0 otherwise, and never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.io import json_schema

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "outage.yaml"
UNREACHABLE = f"{EXAMPLE}:92: warning: touchpoints[6]: touchpoint 'system' cannot be reached from any arrival"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out.splitlines(), err


def test_a_valid_file_prints_its_warnings_and_ok(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, err = run(capsys, "validate", str(EXAMPLE))
    assert status == 0 and err == ""
    assert lines == [UNREACHABLE, f"{EXAMPLE}: ok (1 warning)"]


def test_several_files_each_get_a_summary_and_any_error_gives_2(capsys: pytest.CaptureFixture[str],
                                                                tmp_path: Path) -> None:
    bad = DATA / "errors" / "probability_above_1.yaml"
    missing = tmp_path / "missing.yaml"
    status, lines, _ = run(capsys, "validate", str(EXAMPLE), str(bad), str(missing))
    assert status == 2
    assert lines == [
        UNREACHABLE, f"{EXAMPLE}: ok (1 warning)",
        f"{bad}:12: touchpoints[0].next.fix: probability 1.4 is above 1", f"{bad}: 1 error",
        f"{missing}: no such file", f"{missing}: 1 error",
    ]


def test_quiet_hides_warnings_and_strict_fails_on_them(capsys: pytest.CaptureFixture[str]) -> None:
    status, lines, _ = run(capsys, "validate", "--quiet", str(EXAMPLE))
    assert (status, lines) == (0, [f"{EXAMPLE}: ok (1 warning)"])
    status, lines, _ = run(capsys, "validate", "--strict", str(EXAMPLE))
    assert (status, lines) == (2, [UNREACHABLE, f"{EXAMPLE}: ok (1 warning)"])


@pytest.mark.parametrize("path", sorted((DATA / "errors").iterdir()), ids=lambda p: p.name)
def test_every_bad_file_is_reported_in_lines_without_a_traceback(capsys: pytest.CaptureFixture[str],
                                                                  path: Path) -> None:
    status, lines, _ = run(capsys, "validate", str(path))
    warnings_only = all(": warning: " in line for line in lines[:-1])
    assert status == (0 if warnings_only else 2)
    assert lines[-1].startswith(f"{path}: ") and all(line.startswith(str(path)) for line in lines)


def test_validate_needs_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err


def test_schema_prints_the_json_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status = main(["schema"])
    assert status == 0 and json.loads(capsys.readouterr().out) == json_schema()
    target = tmp_path / "journeymap.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert capsys.readouterr().out == f"wrote {target}\n"
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema()
