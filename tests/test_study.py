"""The study folder: laid out from a template, its parts found, and taken by every command in place of
a journey file."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

from journeymap.cli import main
from journeymap.cli.common import use_study
from journeymap.errors import JourneyError, NotFound
from journeymap.io import load
from journeymap.io.catalog import template_text
from journeymap.io.study import init_study, open_study


def test_init_lays_out_the_template_its_samples_and_the_folders(tmp_path: Path) -> None:
    study = init_study(tmp_path / "clinic", "clinic_appointment", "es")
    root = tmp_path / "clinic"
    assert sorted(p.name for p in root.iterdir()) == [
        "README.md", "interventions.yaml", "journey.yaml", "logs", "out", "responses", "scenarios.yaml"]
    assert (root / "journey.yaml").read_text(encoding="utf-8") == template_text("clinic_appointment", "es")
    assert (root / "scenarios.yaml").read_text(encoding="utf-8") == template_text(
        "clinic_appointment", "es", kind="scenarios")
    assert load(study.journey).language == "es"
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# clinic\n") and "| responses/ | respuestas de encuestas" in readme
    assert (study.scenarios, study.interventions, study.responses, study.logs) == (
        root / "scenarios.yaml", root / "interventions.yaml", (), ())
    assert study.out == root / "out" and study.response is None and study.log is None


def test_init_refuses_a_folder_in_use_and_unknown_templates(tmp_path: Path) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError, match="already exists and is not an empty folder"):
        init_study(tmp_path / "used", "clinic_appointment")
    assert sorted(p.name for p in (tmp_path / "used").iterdir()) == ["notes.txt"]
    with pytest.raises(NotFound, match="did you mean 'clinic_appointment'"):
        init_study(tmp_path / "new", "clinic_apointment")
    with pytest.raises(NotFound, match="not written in language 'fr'"):
        init_study(tmp_path / "new", "clinic_appointment", "fr")
    assert not (tmp_path / "new").exists()


def test_open_finds_the_newest_answers_and_log_and_refuses_a_folder_without_journey(tmp_path: Path) -> None:
    study = init_study(tmp_path / "s", "telecom_outage")
    old, new = study.root / "responses" / "wave1.csv", study.root / "responses" / "wave2.xlsx"
    old.write_text("a", encoding="utf-8")
    new.write_text("b", encoding="utf-8")
    os.utime(old, (1_000, 1_000))
    (study.root / "responses" / "notes.txt").write_text("not answers", encoding="utf-8")
    (study.root / "logs" / "crm.xes.gz").write_bytes(b"x")
    opened = open_study(study.root)
    assert opened.responses == (old, new) and opened.response == new
    assert opened.log == study.root / "logs" / "crm.xes.gz"
    with pytest.raises(JourneyError, match=r"a folder without journey.yaml, so not a study; start one with "
                                           r"`journeymap study init"):
        open_study(tmp_path)


def test_use_study_fills_what_the_command_was_not_given(tmp_path: Path) -> None:
    study = init_study(tmp_path / "s", "clinic_appointment")
    (study.root / "responses" / "answers.csv").write_text("x", encoding="utf-8")
    args = argparse.Namespace(file=str(study.root), scenarios=None, interventions="mine.yaml", responses=None)
    use_study(args)
    assert args.file == str(study.journey) and args.study.root == study.root
    assert args.scenarios == str(study.scenarios)
    assert args.interventions == "mine.yaml"  # given on the command line: kept
    assert args.responses == str(study.root / "responses" / "answers.csv")
    assert not hasattr(args, "log")  # an option the command does not have is not added
    plain = argparse.Namespace(file="journey.yaml", scenarios=None)
    use_study(plain)
    assert vars(plain) == {"file": "journey.yaml", "scenarios": None}


def test_commands_take_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "study"
    assert main(["study", "init", str(root), "--template", "restaurant_review", "--lang", "es"]) == 0
    said = capsys.readouterr().out  # in the study's language
    assert said.startswith(f"se escribió el estudio {root}:")
    assert f"siguiente paso: edite {root / 'journey.yaml'} y luego ejecute `journeymap report {root} -o " in said
    assert main(["info", str(root)]) == 0
    assert "Responder a una mala reseña" in capsys.readouterr().out
    assert main(["render", str(root), "--view", "map", "-o", str(root / "out" / "map.svg")]) == 0
    assert (root / "out" / "map.svg").stat().st_size > 0
    assert main(["validate", str(root / "journey.yaml")]) == 0
    assert main(["study", "init", str(root)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["info", str(tmp_path / "study" / "out")]) == 2
    assert "so not a study" in capsys.readouterr().err


def test_survey_and_calibration_find_the_answers_and_the_log(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    import journeymap as jm
    from journeymap.survey import design, sample_answers

    study = init_study(tmp_path / "s", "clinic_appointment")
    assert main(["survey", "score", str(study.root)]) == 2
    assert "give the answers file" in capsys.readouterr().err
    journey = jm.load(study.journey)
    sample_answers(design(journey), 120, seed=1).to_csv(study.root / "responses" / "wave1.csv", index=False)
    assert main(["survey", "score", str(study.root), "--json"]) == 0
    assert '"respondents": 120' in capsys.readouterr().out
    assert main(["calibrate", str(study.root)]) == 2
    assert "the study has no event log in logs/" in capsys.readouterr().err
    jm.simulate(journey, until="1 d", replications=1, seed=2, events=True).save_events(study.root / "logs" / "a.csv")
    args = argparse.Namespace(log=str(study.root), journey=None)
    use_study(args)
    assert (args.log, args.journey) == (str(study.root / "logs" / "a.csv"), str(study.journey))
    partitions = tmp_path / "parts"
    partitions.mkdir()
    kept = argparse.Namespace(log=str(partitions), journey=None)
    use_study(kept)  # a folder of Parquet partitions is a log, not a study
    assert vars(kept) == {"log": str(partitions), "journey": None}
    assert main(["calibrate", str(study.root)]) == 0


def test_the_study_command_speaks_the_language_of_lang(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LANG", "es_ES.UTF-8")
    with pytest.raises(SystemExit):
        main(["study", "init", "--help"])
    text = capsys.readouterr().out
    assert "la carpeta del estudio (nueva o vacía)" in text and "el idioma del estudio" in text
    assert "the study's folder" not in text
