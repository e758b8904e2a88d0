"""Driving JupyterLab and Voilà pages in headless Chromium: bounded waits with messages that say what
was expected, and the workbench's DOM hooks (``.jm-editor``, ``.jm-diagram-svg`` and its ``data-``
attributes)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
IDLE = re.compile(r"\|\s*Idle\b")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright, closed (and Playwright stopped) on the way out."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def screenshot(subject: Any, folder: Path, name: str) -> Path:
    """Save a screenshot of a page or of one element as ``name.png`` in ``folder`` (or in
    $JOURNEYMAP_SCREENSHOTS when set, to keep them for looking at)."""
    target = Path(os.environ.get("JOURNEYMAP_SCREENSHOTS") or folder) / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    if hasattr(subject, "goto"):
        subject.screenshot(path=str(target), full_page=True)
    else:
        subject.screenshot(path=str(target), timeout=10_000)
    return target


def wait_for_idle_kernel(page: Any, timeout_ms: float, what: str) -> None:
    """Wait until JupyterLab's status bar reads ``… | Idle`` (the kernel finished everything queued)."""
    status = page.locator("#jp-main-statusbar").get_by_text(IDLE)
    try:
        status.first.wait_for(state="visible", timeout=timeout_ms)
    except PlaywrightTimeout as exc:
        text = page.locator("#jp-main-statusbar").inner_text(timeout=2000)
        raise AssertionError(f"the kernel was not idle {what} within {timeout_ms / 1000:.0f} s "
                             f"(status bar: {text!r})") from exc


STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"


def cell_errors(page: Any) -> list[str]:
    """The text of every error or stderr output shown in the page's notebook."""
    return [text.strip()[-800:] for text in page.locator(STDERR).all_inner_texts()]


def wait_for(locator: Any, timeout_ms: float, what: str, server: Any = None) -> Any:
    """Wait until ``locator`` is attached; fail saying what was expected, with the cells' errors and the
    end of the server's log."""
    try:
        locator.first.wait_for(state="attached", timeout=timeout_ms)
    except PlaywrightTimeout as exc:
        errors = "\n".join(cell_errors(locator.page))
        details = f"\ncell errors:\n{errors}" if errors else ""
        details += f"\nserver log:\n{server.log_tail()}" if server is not None else ""
        raise AssertionError(f"{what}: not seen within {timeout_ms / 1000:.0f} s{details}") from exc
    return locator.first


def diagram_state(editor: Any) -> dict[str, Any]:
    """What the editor's diagram shows: the wrapper's counts, and what the SVG itself draws (touchpoint
    nodes ``g.touchpoint`` with ids ``tp-<id>``, moments of truth ``g.touchpoint.moment-of-truth``)."""
    wrapper = editor.locator(".jm-diagram-svg").first
    drawn = wrapper.locator("svg g.touchpoint")
    moments = wrapper.locator("svg g.touchpoint.moment-of-truth")
    return {
        "touchpoints": int(wrapper.get_attribute("data-touchpoints") or -1),
        "moments": [m for m in (wrapper.get_attribute("data-moments") or "").split(",") if m],
        "revision": int(wrapper.get_attribute("data-revision") or -1),
        "nodes": drawn.count(),
        "drawn_moments": sorted(str(i).removeprefix("tp-") for i in moments.evaluate_all("ns => ns.map(n => n.id)")),
        "svg": wrapper.inner_html(),
    }
