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
        for tab in ("Routing", "Times", "Stages"):
            editor.locator(".lm-TabBar-tab, .p-TabBar-tab", has_text=tab).first.click()
            screenshot(editor, tmp_path, f"lab-3-editor-{tab.lower()}")
        screenshot(page.locator(".jm-simulator").first, tmp_path, "lab-4-simulator")


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
