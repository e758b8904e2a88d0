"""``journeymap survey design|plan|score``, the sampling plan and the importance-performance chart."""

from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib
import pytest

import journeymap as jm
from journeymap.cli import main
from journeymap.io.catalog import template
from journeymap.survey import answers_needed, design, sample_answers, sampling_plan, score

matplotlib.use("Agg")


@pytest.fixture
def journey_file(tmp_path: Path) -> Path:
    path = tmp_path / "map.yaml"
    jm.save(template("service_cycle", "en"), path)
    return path


def test_answers_needed_for_a_margin_of_error() -> None:
    assert math.ceil(answers_needed(0.05, 0.95)) == 385
    assert answers_needed(0.05, 0.95, population=1000) == pytest.approx(384.146 / (1 + 383.146 / 1000), rel=1e-5)
    assert math.ceil(answers_needed(0.03, 0.95)) == 1068


def test_the_sampling_plan_follows_the_flows() -> None:
    journey = template("service_cycle", "en")
    plan = sampling_plan(journey)
    analysis = jm.analyze(journey)
    weekly = analysis.arrival_rate * analysis.touchpoints.loc["help_desk", "reach_probability"] * 7 * 24
    row = plan.table.loc["help_desk"]
    assert row["customers_per_week"] == pytest.approx(weekly)
    # the fieldwork lasts until x customers passed, with 10% of x answering being enough for a population of x
    x = 384.146 / 0.1 - 384.146 + 1
    assert row["invitations"] == math.ceil(x) and row["answers"] == math.ceil(0.1 * x)
    assert row["days"] == pytest.approx(x / weekly * 7, rel=1e-6)
    assert plan.days == plan.table["days"].max()
    small = sampling_plan(journey, population=500).table.loc["help_desk"]
    assert small["answers"] == math.ceil(answers_needed(population=500)) and not small["reachable"]
    with pytest.raises(ValueError, match="'response_rate' must be a share between 0 and 1"):
        sampling_plan(journey, response_rate=10)


def test_the_plan_can_take_the_flows_from_a_simulation() -> None:
    journey = template("service_cycle", "en")
    result = jm.simulate(journey, customers=3_000, replications=3, seed=1)
    plan = sampling_plan(journey, simulation=result)
    assert plan.basis == "simulation"
    analysis = sampling_plan(journey).table["customers_per_week"]
    assert plan.table.loc["sales_line", "customers_per_week"] == pytest.approx(analysis["sales_line"], rel=0.15)


def test_design_writes_every_format(journey_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in ("xlsx", "json", "tsv", "md", "html", "csv"):
        assert main(["survey", "design", str(journey_file), "-o", str(tmp_path / f"q.{suffix}")]) == 0
        assert (tmp_path / f"q.{suffix}").exists()
    assert main(["survey", "design", str(journey_file), "-o", str(tmp_path / "pulse.json"), "--mode", "pulse",
                 "--lang", "es"]) == 0
    written = capsys.readouterr().out.split()
    assert written[-1].endswith("pulse_end.json") and len(written) == 6 + 6
    model = json.loads(Path(written[-2]).read_text())
    assert model["locale"] == "es" and model["pages"][0]["elements"][0]["name"] == "mot_help_desk_overall"
    assert main(["survey", "design", str(journey_file), "-o", str(tmp_path / "q.docx")]) == 2
    assert "cannot tell the survey format from 'q.docx'" in capsys.readouterr().err


def test_plan_prints_a_table_or_json(journey_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["survey", "plan", str(journey_file), "--margin", "0.1", "--response-rate", "20%"]) == 0
    out = capsys.readouterr().out
    assert "margin ±10% at 95% confidence, response rate 20%" in out and "Calls the sales line" in out
    assert main(["survey", "plan", str(journey_file), "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["margin"] == 0.05 and set(document["moments"]) >= {"sales_line", "help_desk"}
    with pytest.raises(SystemExit) as stopped:
        main(["survey", "plan", str(journey_file), "--margin", "2"])
    assert stopped.value.code == 2
    assert "argument --margin: expected a share between 0 and 1 (exclusive), got 2" in capsys.readouterr().err


def test_score_prints_the_document_and_writes_the_map(journey_file: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.csv"
    sample_answers(design(template("service_cycle", "en")), 300, seed=4).to_csv(answers)
    out_map = tmp_path / "scored.yaml"
    assert main(["survey", "score", str(journey_file), str(answers), "--json", "-o", str(out_map),
                 "--date", "2025-03-14"]) == 0
    captured = capsys.readouterr()
    document = json.loads(captured.out)
    assert set(document) >= {"moments", "nps", "respondents"} and document["respondents"] == 300
    assert set(document["moments"]["sales_line"]) >= {"csat", "grade", "requirements"}
    assert set(document["nps"]) == {"value", "ci_low", "ci_high", "n"}
    assert "300 rows read, 300 kept, 0 set aside" in captured.err
    scored = jm.load(out_map)
    assert scored.touchpoint("sales_line").measured_satisfaction.date == "2025-03-14"
    assert scored.touchpoint("sales_line").measured_satisfaction.source == "answers.csv"
    assert main(["survey", "score", str(journey_file), str(answers), "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "Satisfechos (top-2-box)" in out and "Calificación" in out and "NPS" in out


def test_score_reports_bad_answers_without_a_traceback(journey_file: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.csv"
    answers.write_text("respondent,mot_sales_line_overall,nps\nA,9,9\nB,4,x\n")
    assert main(["survey", "score", str(journey_file), str(answers)]) == 0
    err = capsys.readouterr().err
    assert f"{answers}:2: mot_sales_line_overall: 9 is outside the satisfaction (CSAT) scale 1–5" in err
    assert f"{answers}:3: nps: text 'x' in a recommendation (NPS) item" in err
    assert main(["survey", "score", str(journey_file), str(tmp_path / "none.csv")]) == 2
    assert "none.csv: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_importance_performance_chart_has_no_overlapping_text(language: str, tmp_path: Path) -> None:
    journey = template("telecom_outage", language)
    journey = journey.update_touchpoint(journey.moments_of_truth[0].id, name="Pays $5 for the $ fee")
    scores = score(journey, sample_answers(design(journey), 2000, seed=6))
    figure = scores.plot(tmp_path / "ipa.png")
    assert (tmp_path / "ipa.png").stat().st_size > 10_000
    renderer = figure.canvas.get_renderer()
    texts = [t for ax in figure.axes for t in ax.texts if t.get_text().strip() and t.get_visible()]
    boxes = [t.get_window_extent(renderer) for t in texts]
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            assert not boxes[i].overlaps(boxes[j]), (texts[i].get_text(), texts[j].get_text())
    assert any(t.get_text().startswith("1. Pays $5 for the $ fee") for t in texts)
    assert all(not t.get_parse_math() for t in texts)
    title = figure.axes[0].get_title(loc="left")
    expected = "Importancia y desempeño" if language == "es" else "Importance and performance"
    assert title.startswith(expected)


def test_score_puts_the_simulated_standard_beside_the_requirement(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    journey = template("software_support", "en")
    chat = journey.touchpoint("live_chat")
    first = chat.requirements[0].with_standard({"wait": 2.0 / 60 if journey.time_unit == "hour" else 2.0})
    journey = journey.update_touchpoint("live_chat", requirements=(first, *chat.requirements[1:]))
    path, answers = tmp_path / "map.yaml", tmp_path / "answers.csv"
    jm.save(journey, path)
    sample_answers(design(journey), 200, seed=2).to_csv(answers)
    assert main(["survey", "score", str(path), str(answers), "--simulate", "--replications", "3"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "Answered within 2 minutes" in x)
    assert "wait: 2 min" in line and line.rstrip().endswith("%")
    assert "Met in the simulation" in out
