"""The workbench notebook in a real browser: JupyterLab and Voilà in headless Chromium.

JupyterLab runs on 127.0.0.1 with a token and a temporary root holding a copy of
``notebooks/06_workbench.ipynb``; the test runs every cell, adds a touchpoint and marks it a
moment of truth through the page, and checks that the diagram in the page changed. Voilà serves
the same notebook as ``make workshop`` does; the test waits for the widgets and checks the diagram.
Skipped only when Debian's Chromium (/usr/bin/chromium) is missing.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser.pages import CHROMIUM, cell_errors, chromium, diagram_state, screenshot, wait_for, wait_for_idle_kernel
from browser.servers import jupyterlab, voila

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "06_workbench.ipynb"
WORKSHOP = NOTEBOOK.with_name("workshop.ipynb")
"""The page ``make workshop`` serves."""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A root folder with a copy of the notebook, and a home for the server's own files."""
    root, home = tmp_path / "root", tmp_path / "home"
    root.mkdir()
    home.mkdir()
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name)
    shutil.copy(WORKSHOP, root / WORKSHOP.name)
    return root, home


def test_workbench_in_jupyterlab(workspace: tuple[Path, Path], page: Any, tmp_path: Path) -> None:
    root, home = workspace
    with jupyterlab(root, home) as lab:
        page.goto(f"{lab.url}/lab/tree/{NOTEBOOK.name}?token={lab.token}&reset", timeout=60_000)
        wait_for(page.locator(".jp-Notebook .jp-Cell"), 60_000, "the notebook's cells")
        wait_for_idle_kernel(page, 60_000, "after opening the notebook")
        page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        editor = wait_for(page.locator(".jm-editor"), 60_000, "the editor widget after running all cells", lab)
        wait_for(page.locator(".jm-simulator .jm-card"), 60_000, "the simulator's KPI cards", lab)
        wait_for_idle_kernel(page, 60_000, "after running all cells")
        assert cell_errors(page) == []
        editor.scroll_into_view_if_needed()
        before = diagram_state(editor)
        screenshot(page, tmp_path, "lab-1-opened")
        assert before["touchpoints"] > 0 and before["nodes"] == before["touchpoints"]
        assert before["drawn_moments"] == sorted(before["moments"])

        name_box = editor.locator(".jm-outline input[placeholder='new touchpoint name']")
        name_box.fill("Follow-up call")
        name_box.press("Tab")
        editor.locator(".jm-add-touchpoint").click()
        grown = f".jm-diagram-svg[data-touchpoints='{before['touchpoints'] + 1}']"
        wait_for(editor.locator(grown), 15_000, "the diagram with one more touchpoint")
        added = diagram_state(editor)
        assert added["nodes"] == before["nodes"] + 1
        assert "Follow-up call" in added["svg"]
        assert "follow_up_call" not in added["moments"]

        editor.locator(".jm-touchpoint-form").get_by_text("moment of truth", exact=True).click()
        marked = ".jm-diagram-svg[data-moments*='follow_up_call']"
        wait_for(editor.locator(marked), 15_000, "the diagram with the new touchpoint as a moment of truth")
        after = diagram_state(editor)
        assert after["svg"] != added["svg"] and after["revision"] > added["revision"]
        assert set(after["moments"]) == {*added["moments"], "follow_up_call"}
        assert after["drawn_moments"] == sorted(after["moments"])  # the SVG draws it as a moment of truth
        outline = editor.locator(".jm-outline select option", has_text="★ Follow-up call")
        wait_for(outline, 5_000, "the new touchpoint starred in the list")
        screenshot(page, tmp_path, "lab-2-edited")
        screenshot(editor, tmp_path, "lab-3-editor")
        for tab in ("Routing", "Times", "Stages", "Teams", "Segments"):
            editor.locator(".lm-TabBar-tab, .p-TabBar-tab", has_text=tab).first.click()
            screenshot(editor, tmp_path, f"lab-3-editor-{tab.lower()}")
        screenshot(page.locator(".jm-simulator").first, tmp_path, "lab-4-simulator")


# What the page shows, measured in the browser: the smallest text of the diagram as drawn on screen, and
# every label whose text does not fit its box.
SMALLEST_TEXT = """() => {
  const sizes = [...document.querySelectorAll('.jm-diagram-svg svg text')]
    .filter(t => t.textContent.trim() && t.getBoundingClientRect().width > 0)  // on screen (not a hidden tab)
    .map(t => parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a);
  return Math.min(...sizes);
}"""
CLIPPED = """() => [...document.querySelectorAll(
    '.jm-workbench .widget-label, .jm-workbench .widget-readout, .jm-workbench .widget-html-content div, '
    + '.jm-workbench button, .jm-workbench .lm-TabBar-tabLabel')]
  .filter(e => e.offsetParent !== null && e.textContent.trim() && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.textContent.trim())"""


def _look(page: Any, tmp_path: Path, name: str) -> None:
    """The checks every view of the workshop page passes, and its screenshot."""
    page.locator(".jm-workbench").first.scroll_into_view_if_needed()
    assert page.evaluate(SMALLEST_TEXT) >= 9 - 0.01, "the diagram's text is under 9 px in fit mode"
    assert page.evaluate(CLIPPED) == []
    screenshot(page, tmp_path, name)


def test_the_workshop_page_shows_the_workbench_only(workspace: tuple[Path, Path], browser: Any, tmp_path: Path) -> None:
    root, home = workspace
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        with voila(root / WORKSHOP.name, home) as server:
            page.goto(server.url, timeout=90_000)
            editor = wait_for(page.locator(".jm-editor"), 90_000, "the editor rendered by Voilà", server)
            wait_for(editor.locator(".jm-diagram-svg svg"), 30_000, "the diagram in the Voilà page", server)
            text = page.locator("body").inner_text()
            assert "import journeymap" not in text and "jm.workbench" not in text  # no code
            assert page.locator("pre, table.dataframe, .jp-RenderedMarkdown p").count() == 0  # no reprs, prose
            state = diagram_state(editor)
            assert state["touchpoints"] > 0 and state["nodes"] == state["touchpoints"]
            _look(page, tmp_path, "workshop-en-1-editor")

            page.locator(".jm-simulate-journey").click()
            wait_for(page.locator(".jm-simulator .jm-card"), 120_000, "the simulator's KPI cards", server)
            cards = page.locator(".jm-simulator .jm-cards").inner_text()
            assert "GOAL RATE" in cards.upper() and "route analysis" in cards
            page.locator(".jm-simulator").scroll_into_view_if_needed()
            _look(page, tmp_path, "workshop-en-2-simulated")
            page.locator(".jm-simulator .lm-TabBar-tab", has_text="Funnel").first.click()
            funnel = wait_for(page.locator(".jm-simulator img.jm-chart:visible"), 15_000, "the funnel chart", server)
            funnel.scroll_into_view_if_needed()
            shown = funnel.evaluate("i => [i.complete && i.naturalWidth > 0, i.getBoundingClientRect().right, "
                                    "i.parentElement.getBoundingClientRect().right]")
            assert shown[0] and shown[1] <= shown[2] + 1  # drawn, and not cut by its box
            screenshot(page, tmp_path, "workshop-en-3-funnel")

            picker = page.locator(".jm-template-picker select")
            picker.nth(0).select_option(label="Español")
            wait_for(picker.nth(1).locator("option", has_text="Reporte de una falla"), 15_000, "Spanish titles")
            picker.nth(1).select_option(label="Reporte de una falla de internet en el hogar")
            page.locator(".jm-start-template").click()
            wait_for(page.locator(".jm-editor .lm-TabBar-tab", has_text="Punto de contacto"), 30_000,
                     "the editor in Spanish after picking a Spanish template", server)
            wait_for(page.locator(".jm-diagram-svg svg", has_text="Reporte de una falla"), 30_000,
                     "the Spanish telecom template drawn", server)
            _look(page, tmp_path, "workshop-es-1-editor")
            page.locator(".jm-editor .lm-TabBar-tab", has_text="Equipos").first.click()
            teams = wait_for(page.locator(".jm-teams-form .jm-shift:visible"), 15_000, "the team's shifts", server)
            form = page.locator(".jm-teams-form").first
            assert form.locator("select").first.input_value() == "Agentes del centro de contacto · contact_centre"
            assert form.locator(".jm-shift").count() == 4  # the telecom team's four shifts, a row each
            shift = [box.input_value() for box in teams.locator("input").all()]
            assert shift == ["00:00", "07:00", "2", ""]
            assert form.locator(".jm-remove-shift:visible").count() == 4  # no row is cut at the right
            assert "atiende: Explica la falla a un agente telefónico" in form.inner_text()
            _look(page, tmp_path, "workshop-es-1-teams")
            page.locator(".jm-editor .lm-TabBar-tab", has_text="Segmentos").first.click()
            segments = wait_for(page.locator(".jm-segments-form:visible"), 15_000, "the segments form", server)
            assert "sin segmentos" in segments.inner_text()
            _look(page, tmp_path, "workshop-es-1-segments")
            page.locator(".jm-simulate-journey").click()
            wait_for(page.locator(".jm-simulator .jm-card", has_text="análisis de rutas"), 120_000,
                     "the Spanish KPI cards", server)
            page.locator(".jm-simulator").scroll_into_view_if_needed()
            _look(page, tmp_path, "workshop-es-2-simulated")
    finally:
        context.close()


def test_workbench_as_a_voila_page(workspace: tuple[Path, Path], page: Any, tmp_path: Path) -> None:
    root, home = workspace
    with voila(root / NOTEBOOK.name, home) as server:
        page.goto(server.url, timeout=90_000)
        editor = wait_for(page.locator(".jm-editor"), 90_000, "the editor rendered by Voilà", server)
        wait_for(editor.locator(".jm-diagram-svg svg"), 30_000, "the diagram in the Voilà page", server)
        wait_for(page.locator(".jm-simulator .jm-card"), 90_000, "the simulator's KPI cards in the Voilà page", server)
        state = diagram_state(editor)
        assert state["touchpoints"] > 0 and state["nodes"] == state["touchpoints"]
        assert state["drawn_moments"] == sorted(state["moments"])
        assert page.locator(".jm-editor .jm-outline select").count() >= 1
        screenshot(page, tmp_path, "voila")
        screenshot(editor, tmp_path, "voila-editor")
