"""The action plan written out: CSV, XLSX, Markdown, Mermaid, the quadrant chart and the demo's files."""

from __future__ import annotations

import io
import re
from itertools import combinations

import matplotlib
import pandas as pd
import pytest
from experiment_journeys import call_centre, map_only

import journeymap.experiment as ex
import journeymap.prioritize as pr
from journeymap.text import number

matplotlib.use("Agg")


def heuristic_plan(language: str = "en") -> pr.ActionPlan:
    journey = map_only().replace(language=language)
    items = [
        pr.Intervention("Greet every visitor at the door", [], effort=2, owner="Store", touchpoints=["visit"]),
        pr.Intervention("Advice checklist", [], effort=1, touchpoints=["advice"]),
        pr.Intervention("Easier payment: card | cash", [ex.set_route("advice", "buy", 0.6, rebalance="leave")],
                        effort=8, cost=300.0),
        pr.Intervention("Nothing much", [], effort=9, touchpoints=["buy"]),
    ]
    return pr.action_plan(journey, items)


@pytest.fixture(scope="module")
def simulated():
    items = [pr.Intervention(f"Agents: {n}", [ex.set_capacity("call", n)], effort=3 * n, owner="Care")
             for n in (3, 4, 5)]
    items += [pr.Intervention("Faster diagnosis", [ex.scale_service_time("diagnose", 0.7)], effort=2),
              pr.Intervention("Patient callers", [ex.set_patience("call", 12)], effort=1),
              pr.Intervention("Chat for everyone", [ex.set_route("call", "chat", 0.3, rebalance="others")], effort=6)]
    return pr.action_plan(call_centre(), items, replications=3, seed=1, customers=400, executor="serial")


def test_csv_has_one_row_per_intervention_and_machine_columns(tmp_path):
    plan = heuristic_plan("es")
    path = plan.save(tmp_path / "plan.csv")
    frame = pd.read_csv(path)
    assert list(frame.columns) == list(pr.PLAN_COLUMNS)
    assert len(frame) == 4
    assert set(frame["quadrant"]) <= set(pr.QUADRANTS)
    assert frame["quadrant_label"].tolist() == [pr.quadrant_label(q, "es") for q in frame["quadrant"]]
    assert "Ganancias rápidas" in frame["quadrant_label"].tolist()
    assert plan.to_csv() == path.read_text(encoding="utf-8")


def test_xlsx_is_readable(tmp_path):
    from openpyxl import load_workbook

    plan = heuristic_plan()
    path = plan.save(tmp_path / "plan.xlsx")
    frame = pd.read_excel(path, sheet_name="plan")
    assert list(frame.columns) == list(pr.PLAN_COLUMNS) and len(frame) == 4
    assert frame["quadrant"].tolist() == plan.table["quadrant"].tolist()
    book = load_workbook(path)
    sheet = book["plan"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet["A1"].fill.fgColor.rgb.endswith("1F4E78")
    width = sheet.column_dimensions["B"].width
    assert width >= len("Greet every visitor at the door")
    assert book["about"]["A2"].value == "rank"
    assert not list(tmp_path.glob(".plan.xlsx.*"))  # no temporary file left behind


def test_markdown_follows_the_language():
    english = heuristic_plan("en").to_markdown()
    spanish = heuristic_plan("es").to_markdown()
    assert english.splitlines()[2] == ("| # | Intervention | Owner | Stage | Moments of truth | Impact | Effort | "
                                       "Score | Quadrant |")
    assert spanish.splitlines()[2] == ("| # | Intervención | Responsable | Etapa | Momentos de la verdad | Impacto | "
                                       "Esfuerzo | Puntuación | Cuadrante |")
    assert spanish.startswith("## Plan de acción: Map only")
    assert "Easier payment: card \\| cash" in english  # pipes escaped, the table keeps its columns
    assert all(line.count(" | ") == 8 for line in english.splitlines() if line.startswith("| ") and "---" not in line)
    assert "puntuación heurística" in spanish


def test_simulated_markdown_shows_the_interval(simulated):
    text = simulated.to_markdown()
    row = simulated.table.iloc[0]

    def points(value: float) -> str:  # percentage points with three significant digits and a sign
        return ("+" if value > 0 else "-") + number(abs(value) * 100) + " pp"

    assert f"| {points(row['impact'])} [{points(row['impact_low'])}, {points(row['impact_high'])}] |" in text
    assert "95% interval (3 paired replications, seed 1)" in text


def test_mermaid_quadrant_chart():
    plan = heuristic_plan("es")
    text = plan.to_mermaid()
    lines = text.splitlines()
    assert lines[0] == "quadrantChart"
    assert "    quadrant-2 Ganancias rápidas" in lines and "    quadrant-4 Descartar" in lines
    points = [line for line in lines if re.match(r"^    \d+\. ", line)]
    assert len(points) == 4
    for line, quadrant in zip(points, plan.table["quadrant"], strict=True):
        x, y = map(float, re.search(r"\[([\d.]+), ([\d.]+)\]$", line).groups())
        assert 0 < x < 1 and 0 < y < 1
        assert (y > 0.5) == (quadrant in ("quick_win", "big_bet"))
        assert (x > 0.5) == (quadrant in ("big_bet", "time_sink"))
        assert ":" not in line.split(": [")[0] and "|" not in line


def _label_boxes(figure):
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    ax = figure.axes[0]
    labels = [t for t in ax.texts if re.match(r"^\d+\. ", t.get_text())]
    return ax, labels, [t.get_window_extent(renderer) for t in labels]


def test_chart_labels_never_overlap(simulated):
    import matplotlib.pyplot as plt

    figure = simulated.plot()
    ax, labels, boxes = _label_boxes(figure)
    assert len(labels) == 6
    frame = ax.get_window_extent()
    for a, b in combinations(boxes, 2):
        assert not a.overlaps(b)
    for box in boxes:
        assert frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
    names = {t.get_text() for t in ax.texts}
    assert {"Quick wins", "Big bets", "Fill-ins", "Time sinks"} <= names
    assert ax.get_ylabel() == "Impact: goal rate (percentage points), 95% interval"
    assert len(ax.containers) == 6  # an error bar per intervention
    plt.close("all")


def test_chart_in_spanish_without_intervals(tmp_path):
    import matplotlib.pyplot as plt

    plan = heuristic_plan("es")
    path = plan.save(tmp_path / "q.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    figure = plan.plot()
    ax, labels, boxes = _label_boxes(figure)
    assert len(labels) == 4 and not any(a.overlaps(b) for a, b in combinations(boxes, 2))
    assert {"Ganancias rápidas", "Proyectos estratégicos", "Tareas menores", "Descartar"} <= {
        t.get_text() for t in ax.texts}
    assert ax.get_ylabel() == "clientes en juego (puntuación heurística)"
    assert not ax.containers
    plt.close("all")


def test_save_refuses_an_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="cannot tell the format of"):
        heuristic_plan().save(tmp_path / "plan.docx")


def test_demo_plan_writes_the_files(tmp_path):
    from journeymap.io.catalog import template

    journey = template("service_cycle", "en")
    from journeymap.demo import demo_plan

    written = demo_plan(journey, out_dir=tmp_path, replications=2, customers=300, executor="serial")
    assert [p.name for p in written] == ["action_plan.csv", "action_plan.xlsx", "action_plan.md", "quadrants.png"]
    frame = pd.read_csv(tmp_path / "action_plan.csv")
    assert len(frame) == len(pr.sample_interventions("service_cycle")) and "quadrant" in frame.columns
    assert len(pd.read_excel(tmp_path / "action_plan.xlsx")) == len(frame)
    assert io.BytesIO((tmp_path / "quadrants.png").read_bytes()).read(4) == b"\x89PNG"
