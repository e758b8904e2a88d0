"""The one exception hierarchy (``journeymap.errors``): what each class is, what it carries, and that the
library raises them where a user can fix the problem."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest
from experiment_journeys import call_centre

import journeymap as jm
import journeymap.errors as errors
from journeymap.analysis import analyze
from journeymap.cli import main
from journeymap.errors import (
    EditError,
    Issue,
    JourneyError,
    NotFound,
    OverloadWarning,
    RenderError,
    ScenarioError,
    UnitError,
    YamlProblem,
)
from journeymap.experiment.metrics import check_metrics
from journeymap.experiment.scenario import as_scenarios
from journeymap.io.catalog import template_path
from journeymap.model.edits import set_capacity
from journeymap.model.units import parse_rate
from journeymap.prioritize.impact import objective_name
from journeymap.prioritize.intervention import as_interventions
from journeymap.render import to_dot
from journeymap.render.dot import check_view
from journeymap.render.themes import get_theme, page_size


@pytest.mark.parametrize("cls", [NotFound, EditError, ScenarioError, UnitError, YamlProblem, RenderError])
def test_every_error_is_a_journey_error_and_a_value_error(cls: type[JourneyError]) -> None:
    assert issubclass(cls, JourneyError) and issubclass(cls, ValueError)


def test_the_hierarchy_keeps_the_standard_families() -> None:
    assert issubclass(NotFound, LookupError) and not issubclass(NotFound, KeyError)
    assert issubclass(RenderError, RuntimeError)
    assert issubclass(OverloadWarning, UserWarning) and not issubclass(OverloadWarning, JourneyError)


def test_every_exception_class_of_the_package_lives_in_errors() -> None:
    package = Path(jm.__file__).parent
    defined = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and (base.id.endswith(("Error", "Warning", "Exception", "NotFound"))
                                                or base.id == "YamlProblem")
                for base in node.bases
            ):
                defined.append(f"{path.relative_to(package)}:{node.name}")
    assert all(place.startswith("errors.py:") for place in defined), defined


def test_errors_import_nothing_of_journeymap() -> None:
    tree = ast.parse(Path(errors.__file__).read_text(encoding="utf-8"))
    imported = [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [name for name in imported if name.split(".")[0] == "journeymap"]


# -- NotFound ---------------------------------------------------------------------------------------------
def test_not_found_carries_the_name_the_kind_and_the_suggestion() -> None:
    error = NotFound("touchpoint", "cal", ["call", "chat", "fix"])
    assert str(error) == "no touchpoint 'cal' (did you mean 'call'?)"
    assert (error.kind, error.name, error.choices, error.suggestion) == ("touchpoint", "cal", ("call", "chat", "fix"),
                                                                          "call")
    assert error.issues == (Issue("no touchpoint 'cal' (did you mean 'call'?)"),)
    far = NotFound("template", "zzz", ["a_b"], text="unknown template 'zzz'", tail="; choose one of: a_b")
    assert str(far) == "unknown template 'zzz'; choose one of: a_b" and far.suggestion is None


def test_errors_cross_process_pools_unchanged() -> None:
    error = NotFound("stage", "contac", ["contact"], path="touchpoints[0].stage")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is NotFound and str(copy) == str(error) and copy.issues == error.issues
    assert (copy.kind, copy.name, copy.suggestion) == ("stage", "contac", "contact")
    several = pickle.loads(pickle.dumps(ScenarioError([Issue("a", "x"), Issue("b", "y", "warning")])))
    assert [str(i) for i in several.issues] == ["x: a", "warning: y: b"]
    yaml = pickle.loads(pickle.dumps(YamlProblem("malformed YAML", 3)))
    assert (yaml.message, yaml.line) == ("malformed YAML", 3)


@pytest.mark.parametrize(("look_up", "message"), [
    (lambda: call_centre().touchpoint("cal"), "no touchpoint 'cal' (did you mean 'call'?)"),
    (lambda: call_centre().stage("contct"), "no stage 'contct' (did you mean 'contact'?)"),
    (lambda: call_centre().touchpoint("call").route("chta"), "touchpoint 'call' has no route to 'chta' (did you "
                                                             "mean 'chat'?)"),
    (lambda: template_path("servise_cycle"), "unknown template 'servise_cycle' (did you mean 'service_cycle'?)"),
    (lambda: template_path("telecom", kind="scenarios"), "no sample scenarios for template 'telecom' in 'en' (did "
                                                          "you mean 'telecom_outage'?)"),
    (lambda: analyze(call_centre()).metric("ofered_load"), "unknown metric 'ofered_load' (did you mean "
                                                            "'offered_load'?)"),
    (lambda: check_metrics(["goal"]), "unknown KPI 'goal' (did you mean 'goal_rate'?)"),
    (lambda: objective_name("customer_lost"), "unknown objective 'customer_lost' (did you mean 'customers_lost'?)"),
    (lambda: check_view("blueprnt"), "unknown view 'blueprnt' (did you mean 'blueprint'?)"),
    (lambda: get_theme("workshp"), "unknown theme 'workshp' (did you mean 'workshop'?)"),
    (lambda: page_size("A5"), "unknown page 'A5'"),
    (lambda: to_dot(call_centre(), metric="ofered_load"), "unknown metric 'ofered_load' (did you mean "
                                                          "'offered_load'?)"),
    (lambda: to_dot(call_centre(), metric={"cal": 1.0}), "metric names unknown touchpoint 'cal' (did you mean "
                                                         "'call'?)"),
])
def test_look_ups_raise_not_found_with_a_did_you_mean(look_up, message: str) -> None:
    with pytest.raises(NotFound) as caught:
        look_up()
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, LookupError) and isinstance(caught.value, JourneyError)


def test_other_errors_have_their_class() -> None:
    with pytest.raises(UnitError, match="expected a rate such as '30/h'"):
        parse_rate("lots", "minute")
    with pytest.raises(EditError, match=r"'capacity' must be a positive int \(got 0\)"):
        set_capacity(call_centre(), "call", 0)
    with pytest.raises(TypeError, match=r"'capacity' must be a positive int or None \(got '3'\)"):
        set_capacity(call_centre(), "call", "3")  # type: ignore[arg-type]
    with pytest.raises(ScenarioError, match="scenario 'More': set_capacity"):
        jm.Scenario("More", [jm.set_capacity("call", 0)]).apply(call_centre())


def test_objects_of_the_wrong_type_are_type_errors() -> None:
    with pytest.raises(TypeError, match=r"^expected Scenario objects \(got str\)$"):
        as_scenarios(["more agents"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"^expected Intervention objects \(got str\)$"):
        as_interventions(["call back"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"change 1 must be a change such as set_capacity\('call', 5\) \(got dict\)"):
        jm.Scenario("More", [{"set": "call.capacity", "to": 5}])  # type: ignore[list-item]


# -- the command line catches by class --------------------------------------------------------------------
def test_the_command_line_prints_any_journey_error_as_its_issues(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "servise_cycle", "-o", str(tmp_path / "x.yaml")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("unknown template 'servise_cycle' (did you mean 'service_cycle'?)")
    assert "Traceback" not in err
