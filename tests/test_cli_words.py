"""What people read from the command line: every command, on every template, in both languages.

No output line shows scientific notation, a snake_case key (only the template names, which people type,
and file paths are allowed), ``nan``/``inf`` or ``95%%``; a Spanish run writes decimal commas and Spanish
words; ``--help`` speaks the language of ``LANG`` and argparse's own words are translated too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import journeymap as jm
from journeymap.cli import COMMANDS, build_parser, main
from journeymap.io.catalog import template_names, template_text
from journeymap.survey import design, sample_answers

SCIENTIFIC = re.compile(r"(?<![\w.])[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+\b")
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
NOT_A_NUMBER = re.compile(r"\b(?:nan|NaN|inf|Infinity)\b")
NAMES = template_names()
FAST = ["--replications", "2", "--customers", "150", "--workers", "1"]
PATH = re.compile(r"\S*[/\\]\S*|\S+\.(?:yaml|png|svg|pdf|dot|csv|json|xlsx|md|mmd|tsv|html)\b")


def problems(text: str) -> list[str]:
    """The lines of ``text`` a person should never read: scientific notation, snake_case keys (paths and
    template names aside), not-a-number, a doubled percent sign."""
    found = []
    for line in text.splitlines():
        plain = PATH.sub(" ", line)
        for name in NAMES:
            plain = re.sub(rf"\b{name}\b", " ", plain)
        for pattern, what in ((SCIENTIFIC, "scientific notation"), (SNAKE, "snake_case key"),
                              (NOT_A_NUMBER, "not a number")):
            if pattern.search(plain):
                found.append(f"{what}: {line}")
        if "%%" in line:
            found.append(f"doubled percent sign: {line}")
    return found


def test_the_checks_catch_what_they_look_for() -> None:
    assert problems("goal rate 3.2e-05\nthe mot_mean_wait is\nvalue nan\n95%% interval") == [
        "scientific notation: goal rate 3.2e-05", "snake_case key: the mot_mean_wait is",
        "not a number: value nan", "doubled percent sign: 95%% interval"]
    assert problems("wrote /tmp/x/my_map.yaml: telecom_outage, 1.5e3 is not here\n") == [
        "scientific notation: wrote /tmp/x/my_map.yaml: telecom_outage, 1.5e3 is not here"]
    assert problems("wrote /tmp/x/my_map.yaml (telecom_outage)\nEurope/Madrid 12,3 %\n") == []


def outputs(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[str, str]:
    """The command's standard output and error, after checking it succeeded without a traceback."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, err
    assert "Traceback" not in out + err
    return out, err


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """The command's standard output and error together (see :func:`outputs`)."""
    return "".join(outputs(capsys, *argv))


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("name", NAMES)
def test_every_command_on_every_template_reads_like_a_report(name: str, language: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    journey_file = tmp_path / "map.yaml"
    texts = {"new": run(capsys, "new", name, "--lang", language, "-o", str(journey_file))}
    journey = jm.load(journey_file)
    assert journey.language == language
    texts["validate"] = run(capsys, "validate", str(journey_file))
    tables = {"info": outputs(capsys, "info", str(journey_file))}
    texts["render"] = run(capsys, "render", str(journey_file), "-o", str(tmp_path / "map.dot"))
    tables["simulate"] = outputs(capsys, "simulate", str(journey_file), *FAST)
    tables["compare"] = outputs(capsys, "compare", str(journey_file), *FAST)  # the samples `new` wrote beside it
    texts |= {command: "".join(both) for command, both in tables.items()}
    texts["quickwins"] = run(capsys, "quickwins", str(journey_file), *FAST)
    texts["survey design"] = run(capsys, "survey", "design", str(journey_file), "-o", str(tmp_path / "s.md"))
    texts["survey plan"] = run(capsys, "survey", "plan", str(journey_file))
    answers = tmp_path / "answers.csv"
    sample_answers(design(journey), 120, seed=1).to_csv(answers)
    texts["survey score"] = run(capsys, "survey", "score", str(journey_file), str(answers))
    found = {command: problems(text) for command, text in texts.items() if problems(text)}
    assert found == {}
    assert texts["new"].startswith(f"{'escrito' if language == 'es' else 'wrote'} {journey_file}: ")
    for command, (tables_text, _) in tables.items():
        decimals = re.findall(r"\d([.,])\d{1,2}\b(?!\.\d)", tables_text)
        assert set(decimals) == ({","} if language == "es" else {"."}), command  # decimal commas in Spanish
    spanish = {"info": "probabilidad de lograr el objetivo", "simulate": "tasa de logro del objetivo",
               "compare": "escenarios frente a la base", "validate": "correcto"}
    for command, words in spanish.items():
        assert (words in texts[command]) == (language == "es"), command


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_event_log_commands_read_like_a_report(language: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    journey_file = tmp_path / "map.yaml"
    journey_file.write_text(template_text("clinic_appointment", language), encoding="utf-8")
    log = tmp_path / "log.csv"
    run(capsys, "simulate", str(journey_file), "--events", str(log), "--replications", "1", "--customers", "300",
        "--workers", "1", "--json")
    texts = {
        "calibrate": run(capsys, "calibrate", str(log), "--journey", str(journey_file), "--check", "--replications",
                         "2", "-o", str(tmp_path / "calibrated.yaml")),
        "baseline": run(capsys, "baseline", str(log), "--journey", str(journey_file), "-o",
                        str(tmp_path / "before.json")),
    }
    texts["baseline compare"] = run(capsys, "baseline", "compare", str(tmp_path / "before.json"),
                                    str(tmp_path / "before.json"))
    assert {command: problems(text) for command, text in texts.items() if problems(text)} == {}


def _parsers() -> list[tuple[str, object]]:
    """Every parser of the command line: the top one, each command and each survey step."""
    parser = build_parser()
    found = [("journeymap", parser)]
    for action in parser._subparsers._group_actions:  # type: ignore[union-attr]
        for name, sub in action.choices.items():
            found.append((name, sub))
            for inner in getattr(sub, "_subparsers", None)._group_actions if sub._subparsers else ():
                found.extend((f"{name} {step}", subsub) for step, subsub in inner.choices.items())
    return found


@pytest.mark.parametrize("lang", ["C.UTF-8", "es_ES.UTF-8"])
def test_every_help_is_printed_as_written_in_the_language_of_lang(lang: str, monkeypatch: pytest.MonkeyPatch
                                                                  ) -> None:
    monkeypatch.setenv("LANG", lang)
    parsers = _parsers()
    assert {name for name, _ in parsers} >= {*COMMANDS, "survey design", "survey plan", "survey score"}
    for name, parser in parsers:
        text = parser.format_help()  # type: ignore[attr-defined]
        assert "%%" not in text, name
        assert re.search(r"\b95 ?%", text) or name not in ("simulate", "compare", "baseline"), name
        if lang.startswith("es"):
            assert text.startswith("uso: ") and "muestra esta ayuda y termina" in text, name
            assert "show this help" not in text and "positional arguments" not in text, name
        else:
            assert text.startswith("usage: ") and "show this help message and exit" in text, name


def test_argparse_errors_in_spanish(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2
    assert capsys.readouterr().err.endswith("journeymap validate: error: se requieren los siguientes argumentos: "
                                            "FILE\n")
    with pytest.raises(SystemExit):
        main(["simulate", "x.yaml", "--replications", "0"])
    assert capsys.readouterr().err.endswith("journeymap simulate: error: argumento --replications: se esperaba un "
                                            "número entero positivo, se recibió 0\n")
    with pytest.raises(SystemExit):
        main(["render", "x.yaml", "--view", "blueprnt"])
    assert capsys.readouterr().err.endswith(
        "journeymap render: error: argumento --view: valor de vista desconocido: 'blueprnt' (¿quiso decir "
        "'blueprint'?); elija uno de: cycle, flow, blueprint, map\n")
    with pytest.raises(SystemExit):
        main(["info", "x.yaml", "--lang", "fr"])
    assert "argumento --lang: opción no válida: 'fr' (elija entre 'en', 'es')" in capsys.readouterr().err


def test_a_missing_file_is_said_in_the_language_of_lang(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    journey = tmp_path / "a.yaml"
    journey.write_text(template_text("service_cycle", "es"), encoding="utf-8")
    assert main(["compare", str(journey)]) == 2
    assert capsys.readouterr().err == (f"journeymap: error: indique --scenarios ARCHIVO (no hay "
                                       f"{tmp_path / 'a.scenarios.yaml'} junto al recorrido)\n")


def test_templates_follow_lang_unless_told(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    spanish = run(capsys, "templates")
    assert spanish.splitlines()[0].split()[:3] == ["nombre", "idiomas", "etapas"]
    assert "* la plantilla por defecto" in spanish
    english = run(capsys, "templates", "--lang", "en")
    assert english.splitlines()[0].split()[:3] == ["name", "languages", "stages"]
    assert problems(spanish + english) == []
