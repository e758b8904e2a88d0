"""The client's report: sections present exactly when their inputs are, self-contained HTML, hostile labels
printed as written, findings generated from the numbers, both languages, the command line."""

from __future__ import annotations

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from render_samples import nasty

import journeymap as jm
from journeymap.cli import main
from journeymap.errors import NotFound
from journeymap.io import save
from journeymap.io.catalog import template
from journeymap.io.study import init_study
from journeymap.model import Arrival, Journey, Stage, Touchpoint
from journeymap.reporting import ClientReport, report
from journeymap.reporting.chromium import HOW_TO_GET_CHROMIUM
from journeymap.survey import design, sample_answers

FAST = {"customers": 300, "replications": 2, "seed": 1}
"""Small simulations: the report's logic, not its statistics, is under test here."""

BASE = ("summary", "views", "moments", "analysis", "simulation", "survey_plan")


class _Page(HTMLParser):
    """Every tag with its attributes, and the text, of an HTML document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def clinic() -> ClientReport:
    journey = template("clinic_appointment")
    return report(journey, interventions=jm.sample_interventions("clinic_appointment"),
                  scenarios=jm.sample_scenarios("clinic_appointment"), **FAST)


def test_sections_without_inputs_are_left_out() -> None:
    plain = report(template("restaurant_review"), **FAST)
    assert plain.keys == BASE
    html = plain.html()
    for key in ("scenarios", "plan", "survey_results", "backtest"):
        assert f'id="{key}"' not in html
    no_moments = dataclasses.replace(template("restaurant_review"), touchpoints=tuple(
        dataclasses.replace(tp, moment_of_truth=False) for tp in template("restaurant_review").touchpoints))
    assert report(no_moments, **FAST).keys == ("summary", "views", "analysis", "simulation")


def test_a_journey_that_cannot_be_simulated_is_reported_without_a_simulation() -> None:
    journey = Journey("Only a map", (Stage("s", "Stage"),),
                      (Touchpoint("a", "First contact", "s", moment_of_truth=True, requirements=("Quick",)),))
    made = report(journey, **FAST)
    assert "simulation" not in made.keys and "summary" in made.keys
    assert made.notes, "the report says why there is no simulation"


def test_sections_with_inputs_are_all_there_in_order(clinic: ClientReport) -> None:
    assert clinic.keys == ("summary", "views", "moments", "analysis", "simulation", "scenarios", "plan",
                           "survey_plan")
    ids = [attrs.get("id") for tag, attrs in _parse(clinic.html()).tags if tag == "section"]
    assert ids == list(clinic.keys)
    plan = clinic.section("plan")
    assert [b.kind for b in plan.blocks] == ["table", "figure"]
    assert len(plan.blocks[0].rows) == len(jm.sample_interventions("clinic_appointment"))
    views = clinic.section("views")
    assert [b.alt for b in views.blocks] == ["Journey map", "Cycle of service", "Service blueprint", "Flow by stage"]
    with pytest.raises(NotFound, match="no section 'backtest' in this report; it has: summary, views"):
        clinic.section("backtest")


def test_the_html_is_self_contained(clinic: ClientReport) -> None:
    html = clinic.html()
    page = _parse(html)
    for tag, attrs in page.tags:
        assert tag not in ("script", "link", "iframe", "object", "embed"), tag
        for name in ("src", "href"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("data:", "#")), (tag, name, value[:60])
                assert "http" not in value.split(",", 1)[0]
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "@import" not in html
    assert sum(1 for tag, attrs in page.tags if tag == "img") == 5  # four views and the quadrant chart


def test_only_the_consultants_own_links_leave_the_document() -> None:
    journey = template("restaurant_review").replace(meta={"client": "Casa Pepe", "author": "Ana Ruiz",
                                                          "date": "2025-03-14", "links": {
        "Shared folder": "https://example.org/study", "Bad": "javascript:alert(1)", "Mail": "mailto:ana@example.org"}})
    html = report(journey, **FAST).html()
    outside = [attrs["href"] for tag, attrs in _parse(html).tags
               if tag == "a" and not attrs.get("href", "#").startswith("#")]
    assert outside == ["https://example.org/study", "mailto:ana@example.org"]
    assert "javascript:" not in html
    assert 'class="client">Casa Pepe<' in html and 'class="author">Ana Ruiz<' in html
    assert 'class="date">March 14, 2025<' in html


def test_hostile_labels_are_printed_as_written() -> None:
    hostile = nasty().replace(meta={"client": 'Cliente "X" <script>alert(1)</script> {{ 7*7 }} {% raw %} 😀',
                                    "author": "Línea 1\nLínea 2 ' & <b>"})
    html = report(hostile, **FAST).html()
    assert "<script>" not in html and "<b>" not in html
    page = _parse(html)
    text = "".join(page.text)
    assert '<script>alert(1)</script> {{ 7*7 }} {% raw %} 😀' in text  # as typed: not run, not evaluated
    assert "49" not in re.findall(r"\d+", text.split("Cliente", 1)[1][:60])
    assert 'Título "raro" <script>x</script> & Ñ' in text
    assert "Línea 1\nLínea 2 ' & <b>" in text
    assert hostile.touchpoint("a").label in text


def test_findings_are_sentences_from_the_numbers(clinic: ClientReport) -> None:
    summary = clinic.section("summary")
    risks, wins, measure = (b for b in summary.blocks if b.kind == "bullets")
    assert risks.lead == "The moments of truth most at risk, and why:"
    assert len(risks.items) == 3
    assert risks.items[0].startswith("Books with the appointment operator (Booking the appointment): ")
    plan = jm.action_plan(template("clinic_appointment"), jm.sample_interventions("clinic_appointment"), **FAST)
    # runs this small leave every impact's interval across zero, so none of the sample interventions is a quick
    # win: the summary says so, and names the best ranked instead (quick wins are written as in the next test)
    assert plan.quick_wins.empty
    best = plan.table.iloc[0]
    assert list(wins.items) == [f"No intervention is a quick win yet; the best ranked is {best['intervention']} "
                                f"({best['quadrant_label']})."]
    assert measure.items[0].startswith("Survey the 4 moments of truth: ")
    assert any(item.startswith("Calibrate times and routes from an event log") for item in measure.items)


def test_quick_wins_are_written_with_their_impact_interval_and_effort() -> None:
    from journeymap.reporting.findings import quick_win_sentences
    from journeymap.text import translator

    desk = jm.loads("""
journeymap: 1
title: Desk
stages: [{id: s}]
touchpoints:
  - {id: desk, stage: s, capacity: 1, service_time: 5, patience: {dist: exponential, mean: 4}, next: {done: 1.0}}
  - {id: done, stage: s, goal: true}
arrivals: [{touchpoint: desk, rate: 0.25}]
""")
    plan = jm.action_plan(desk, [jm.Intervention("Two clerks", [jm.scale_capacity("desk", 2.0)], effort=2)],
                          customers=1000, replications=5, seed=1)
    assert list(plan.quick_wins["intervention"]) == ["Two clerks"]
    [sentence] = quick_win_sentences(plan, desk, translator("en"))
    assert sentence.startswith("Two clerks: +") and sentence.endswith(", for 2 person-days of effort.")
    assert "percentage points in goal rate (95% interval +" in sentence


def test_measured_satisfaction_and_a_back_test_come_from_a_study_folder(tmp_path: Path) -> None:
    study = init_study(tmp_path / "clinic", "clinic_appointment", "es")
    journey = jm.load(study.journey)
    sample_answers(design(journey), 200, seed=3).to_csv(study.root / "responses" / "ola1.csv", index=False)
    log = jm.simulate(journey, until="3 d", replications=1, seed=5, events=True)
    log.save_events(study.root / "logs" / "crm.csv")
    made = report(study.root, **FAST)
    assert made.keys == (*BASE[:5], "scenarios", "plan", "survey_plan", "survey_results", "backtest")
    assert made.language == "es"
    assert made.section("survey_results").title == "Resultados de la encuesta"
    assert all(tp.satisfaction_is_measured for tp in made.journey.moments_of_truth)
    risks = next(b for b in made.section("summary").blocks if b.kind == "bullets")
    assert all("medida (n=" in item for item in risks.items)
    html = made.html()
    assert html.startswith("<!DOCTYPE html>\n<html lang=\"es\">")
    assert "Resumen de hallazgos" in html and "Contraste de la calibración" in html


def test_language_can_be_chosen(tmp_path: Path) -> None:
    made = report(template("restaurant_review", "en"), language="es", **FAST)
    assert made.section("summary").title == "Resumen de hallazgos"
    assert made.section("moments").blocks[0].headers[0] == "Momento de la verdad"


def test_save_writes_html_atomically_and_refuses_other_suffixes(tmp_path: Path, clinic: ClientReport) -> None:
    path = clinic.save(tmp_path / "report.html")
    assert path.read_text(encoding="utf-8") == clinic.html()
    with pytest.raises(ValueError, match=r"use \.html or \.pdf"):
        clinic.save(tmp_path / "report.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_cli_report_of_a_study_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "study"
    assert main(["study", "init", str(root), "--template", "restaurant_review"]) == 0
    capsys.readouterr()
    assert main(["report", str(root), "--customers", "300", "--replications", "2", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert f"wrote {root / 'out' / 'report.html'}: Summary of findings, The cycle in its views, Moments of truth " \
           f"and requirements, Route analysis, Simulation: indicators with their intervals, What-if scenarios, " \
           f"Action plan, Survey plan" in out
    assert (root / "out" / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_report_speaks_the_reports_language(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "j.yaml"
    save(template("restaurant_review"), source)
    assert main(["report", str(source), "-o", str(tmp_path / "r.html"), "--lang", "es", "--customers", "300",
                 "--replications", "2", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"escrito {tmp_path / 'r.html'}: Resumen de hallazgos, El ciclo en sus vistas, ")
    monkeypatch.setenv("JOURNEYMAP_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert main(["report", str(source), "-o", str(tmp_path / "r.html"), "--pdf", "--lang", "es"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"journeymap report: error: JOURNEYMAP_CHROMIUM indica '{tmp_path / 'no-such-browser'}', "
                          "que no es un archivo ejecutable; imprimir el informe en PDF requiere Chromium")


def test_cli_pdf_without_a_browser_says_how_to_get_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "j.yaml"
    save(template("restaurant_review"), source)
    monkeypatch.setenv("JOURNEYMAP_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert main(["report", str(source), "-o", str(tmp_path / "r.html"), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "which is not an executable file" in err and HOW_TO_GET_CHROMIUM in err
    monkeypatch.delenv("JOURNEYMAP_CHROMIUM")
    monkeypatch.setenv("PATH", str(tmp_path))
    assert main(["report", str(source), "-o", str(tmp_path / "r.html"), "--pdf"]) == 2
    assert capsys.readouterr().err == f"journeymap report: error: {HOW_TO_GET_CHROMIUM}\n"
    assert not (tmp_path / "r.html").exists()
    assert main(["report", str(source), "-o", str(source)]) == 2
    assert "use one of .html, .htm" in capsys.readouterr().err


def test_cli_report_default_output_is_beside_the_journey(tmp_path: Path) -> None:
    journey = Journey("Only a map", (Stage("s", "Stage"),), (Touchpoint("a", "First", "s"),),
                      (Arrival("a", rate=1.0),))
    source = tmp_path / "j.yaml"
    save(journey, source)
    assert main(["report", str(source), "--customers", "200", "--replications", "2", "--workers", "1"]) == 0
    assert (tmp_path / "j-report.html").exists()
