"""The catalogue API (``journeymap.io.catalog``: journeys, sample scenarios and sample interventions) and the
``templates`` and ``new`` commands."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

import journeymap as jm
import journeymap.prioritize as pr
from journeymap.cli import main
from journeymap.errors import JourneyError, NotFound
from journeymap.experiment.yamlfile import read_yaml
from journeymap.io import load
from journeymap.io.catalog import (
    DEFAULT_TEMPLATE,
    KINDS,
    TemplateInfo,
    catalog,
    template,
    template_info,
    template_languages,
    template_names,
    template_path,
    template_text,
    templates,
)
from journeymap.model import Journey

NAMES = template_names()
NAME_LIST = ", ".join(NAMES)


# -- the package data -----------------------------------------------------------------------------
def test_templates_ship_inside_the_package() -> None:
    folder = files("journeymap") / "templates"
    assert folder.is_dir()
    yaml_files = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".yaml"))
    assert len(yaml_files) == 20
    assert yaml_files == sorted(f"{name}.{language}.yaml" for name in NAMES for language in ("en", "es"))


def test_the_top_level_templates_folder_points_at_the_package_data() -> None:
    link = Path(__file__).resolve().parents[1] / "templates"
    if not link.exists():
        pytest.skip("not a source checkout")
    assert link.resolve() == template_path().parent.resolve()


def test_template_path_and_text() -> None:
    path = template_path("telecom_outage", "es")
    assert path.name == "telecom_outage.es.yaml"
    assert path.is_file() and path.parent == Path(str(files("journeymap") / "templates"))
    assert template_text("telecom_outage", "es") == path.read_text(encoding="utf-8")
    assert template_path() == template_path(DEFAULT_TEMPLATE, "en")


# -- look-ups and their errors ---------------------------------------------------------------------
def test_default_template() -> None:
    assert DEFAULT_TEMPLATE == "service_cycle"
    journey = template()
    assert isinstance(journey, Journey)
    assert journey == load(template_path("service_cycle", "en"))
    assert template(language="es").language == "es"


def test_languages() -> None:
    assert all(template_languages(name) == ("en", "es") for name in NAMES)


def test_unknown_name_suggests_the_closest_and_lists_all() -> None:
    with pytest.raises(NotFound) as caught:
        template_path("servise_cycle")
    expected = f"unknown template 'servise_cycle' (did you mean 'service_cycle'?); choose one of: {NAME_LIST}"
    assert str(caught.value) == expected
    assert isinstance(caught.value, LookupError) and isinstance(caught.value, JourneyError)
    assert (caught.value.kind, caught.value.suggestion, caught.value.choices) == ("template", "service_cycle", NAMES)


def test_unknown_name_far_from_any_has_no_suggestion() -> None:
    with pytest.raises(LookupError) as caught:
        template("zzz")
    assert str(caught.value) == f"unknown template 'zzz'; choose one of: {NAME_LIST}"


def test_unknown_language_lists_the_available_ones() -> None:
    with pytest.raises(JourneyError) as caught:
        template("clinic_appointment", "fr")
    assert str(caught.value) == "template 'clinic_appointment' is not written in language 'fr'; available: en, es"


# -- sample scenarios and interventions --------------------------------------------------------------
@pytest.mark.parametrize("kind", ["scenarios", "interventions"])
def test_every_template_has_samples_of_each_kind_in_both_languages(kind: str) -> None:
    assert template_names(kind) == NAMES
    for name in NAMES:
        assert template_languages(name, kind) == ("en", "es")
        path = template_path(name, "es", kind=kind)
        assert path == Path(str(files("journeymap") / "templates" / kind / f"{name}.es.yaml"))
        assert template_text(name, "es", kind=kind) == path.read_text(encoding="utf-8")


def test_experiment_and_prioritize_read_their_samples_through_the_catalogue() -> None:
    path = template_path("telecom_outage", "en", kind="scenarios")
    assert jm.sample_scenarios("telecom_outage") == jm.load_scenarios(path)
    assert [s.name for s in jm.sample_scenarios("telecom_outage")] == [
        s["name"] for s in read_yaml(path)[0]["scenarios"]]
    ideas = template_path("clinic_appointment", "es", kind="interventions")
    assert pr.sample_interventions("clinic_appointment", "es") == pr.load_interventions(ideas)


def test_unknown_samples_and_kinds_are_not_found() -> None:
    with pytest.raises(NotFound) as caught:
        template_path("telecom", kind="scenarios")
    assert str(caught.value) == ("no sample scenarios for template 'telecom' in 'en' (did you mean "
                                 f"'telecom_outage'?); available: {NAME_LIST}")
    with pytest.raises(NotFound, match=r"^no sample interventions for template 'service_cycle' in 'fr'; there are "
                                       r"none in 'fr'$"):
        template_path("service_cycle", "fr", kind="interventions")
    with pytest.raises(NotFound, match=r"^no kind of template file 'scenario' \(did you mean 'scenarios'\?\); "
                                       r"choose one of: journey, scenarios, interventions$"):
        template_path("service_cycle", kind="scenario")  # type: ignore[arg-type]
    assert KINDS == ("journey", "scenarios", "interventions")


# -- the catalogue ---------------------------------------------------------------------------------
def test_catalogue_table() -> None:
    table = templates()
    assert list(table.columns) == ["name", "languages", "title", "stages", "touchpoints", "moments_of_truth"]
    assert len(table) == len(NAMES) == 10
    assert table["name"].iloc[0] == DEFAULT_TEMPLATE
    assert sorted(table["name"]) == list(NAMES)
    assert set(table["languages"]) == {"en, es"}
    for row in table.itertuples():
        journey = load(template_path(row.name, "en"))
        assert (row.title, row.stages, row.touchpoints, row.moments_of_truth) == (
            journey.title, len(journey.stages), len(journey.touchpoints), len(journey.moments_of_truth))


def test_catalogue_in_spanish_shows_spanish_titles() -> None:
    table = templates("es").set_index("name")
    assert table.loc["telecom_outage", "title"] == load(template_path("telecom_outage", "es")).title
    assert table.loc["telecom_outage", "touchpoints"] == templates().set_index("name").loc["telecom_outage",
                                                                                           "touchpoints"]


def test_template_info_records() -> None:
    info = template_info("online_return_chat")
    assert isinstance(info, TemplateInfo)
    assert (info.name, info.languages, info.stages) == ("online_return_chat", ("en", "es"), 4)
    assert "video" in info.description
    assert [i.name for i in catalog()] == list(templates()["name"])
    assert info.samples == ("scenarios", "interventions")
    assert template_info("online_return_chat", "fr").samples == ("scenarios", "interventions")  # shown in English


# -- journeymap templates ---------------------------------------------------------------------------
def test_templates_command_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "languages", "stages", "touchpoints", "moments", "of", "truth", "title"]
    assert lines[1].startswith("service_cycle *")
    for name in NAMES:
        line = next(line for line in lines if line.startswith(name + " "))
        info = template_info(name)
        assert line.rstrip().endswith(info.title)
        assert f" {info.touchpoints} " in line
    assert lines[-1].startswith("* the default template")


def test_templates_command_in_spanish(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["templates", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert template_info("clinic_appointment", "es").title in out
    assert "--lang es" in out


# -- journeymap new --------------------------------------------------------------------------------
def test_new_copies_the_template_verbatim_and_it_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my.yaml"
    assert main(["new", "telecom_outage", "-o", str(target), "--lang", "es"]) == 0
    assert target.read_text(encoding="utf-8") == template_text("telecom_outage", "es")
    journey = load(target)
    assert journey.language == "es" and len(journey.touchpoints) == 22
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my.interventions.yaml", "my.scenarios.yaml", "my.yaml"], (
        "a temporary file was left behind")
    assert (tmp_path / "my.scenarios.yaml").read_text(encoding="utf-8") == template_text(
        "telecom_outage", "es", kind="scenarios")
    assert (tmp_path / "my.interventions.yaml").read_text(encoding="utf-8") == template_text(
        "telecom_outage", "es", kind="interventions")
    out = capsys.readouterr().out  # in the template's language
    assert f"escrito {target}: Reporte de una falla de internet en el hogar (22 puntos de contacto" in out
    assert f"escrito {tmp_path / 'my.scenarios.yaml'}: escenarios hipotéticos de ejemplo" in out


def test_new_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my.yaml"
    target.write_text("mine", encoding="utf-8")
    assert main(["new", "online_loan", "-o", str(target), "--lang", "en"]) == 2
    assert capsys.readouterr().err == f"journeymap: error: {target} already exists (use --force to replace it)\n"
    assert not (tmp_path / "my.scenarios.yaml").exists()  # nothing is written when one file is in the way
    assert target.read_text(encoding="utf-8") == "mine"
    assert main(["new", "online_loan", "-o", str(target), "--force", "--lang", "en"]) == 0
    assert target.read_text(encoding="utf-8") == template_text("online_loan")


def test_new_unknown_name_is_one_line_with_a_suggestion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "my.yaml"
    assert main(["new", "telecom_outag", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert err == f"unknown template 'telecom_outag' (did you mean 'telecom_outage'?); choose one of: {NAME_LIST}\n"
    assert not target.exists()


def test_new_unknown_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "service_cycle", "--lang", "de", "-o", str(tmp_path / "x.yaml")]) == 2
    expected = "template 'service_cycle' is not written in language 'de'; available: en, es\n"
    assert capsys.readouterr().err == expected


def test_new_defaults_to_the_service_cycle_named_after_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new"]) == 0
    assert (tmp_path / "service_cycle.yaml").read_text(encoding="utf-8") == template_text()


def test_new_to_standard_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "restaurant_review", "--lang", "es", "-o", "-"]) == 0
    assert capsys.readouterr().out == template_text("restaurant_review", "es")


def test_new_into_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "service_cycle", "-o", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
