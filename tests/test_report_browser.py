"""The client's report in a real browser: headless Chromium opens it offline with no console error and no
request to anything but the file itself, every section of its inputs is there and every image shows;
screenshots in English and Spanish (kept in $JOURNEYMAP_SCREENSHOTS when set); and the PDF Chromium
prints is on A4 pages (portrait, and landscape for the wide sections). Skipped only when Debian's
Chromium (/usr/bin/chromium) is missing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser.pages import CHROMIUM, chromium, screenshot
from pypdf import PdfReader

import journeymap as jm
from journeymap.io.study import init_study
from journeymap.reporting import ClientReport, report
from journeymap.survey import design, sample_answers

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
]

A4 = {(595, 842), (842, 595)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ClientReport]:
    """A whole study of the clinic template (answers and an event log too) in English, and in Spanish."""
    made = {}
    for language in ("en", "es"):
        study = init_study(tmp_path_factory.mktemp(language) / "clinic", "clinic_appointment", language)
        journey = jm.load(study.journey)
        sample_answers(design(journey), 200, seed=3).to_csv(study.root / "responses" / "wave1.csv", index=False)
        log = jm.simulate(journey, until="3 d", replications=1, seed=5, events=True)
        log.save_events(study.root / "logs" / "crm.csv")
        made[language] = report(study.root, customers=300, replications=2, seed=1)
    return made


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_report_opens_offline_whole_and_quiet(browser: Any, reports: dict[str, ClientReport], language: str,
                                                  tmp_path: Path) -> None:
    made = reports[language]
    assert made.keys == ("summary", "views", "moments", "analysis", "simulation", "scenarios", "plan", "survey_plan",
                         "survey_results", "backtest")
    path = made.save(tmp_path / "report.html")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, offline=True)
    try:
        page = context.new_page()
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(path.as_uri(), wait_until="load")
        assert errors == []
        assert [url for url in requests if not url.startswith("data:")] == [path.as_uri()]
        assert page.evaluate("document.documentElement.lang") == language
        for key in made.keys:
            assert page.locator(f"section#{key} h2").count() == 1, key
        broken = page.evaluate("[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).length")
        assert broken == 0
        assert page.evaluate("document.images.length") == 7  # four views; quadrant, importance and back-test charts
        assert page.locator("section#summary li").count() >= 5
        screenshot(page, tmp_path, f"report-{language}")
    finally:
        context.close()


def test_the_pdf_is_printed_on_a4(reports: dict[str, ClientReport], tmp_path: Path) -> None:
    path = reports["es"].save(tmp_path / "informe.pdf")
    pages = PdfReader(io.BytesIO(path.read_bytes())).pages
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages]
    assert set(sizes) == A4  # portrait text, landscape for the views and the scenario table
    assert sizes[0] == (595, 842)
    assert len(sizes) >= len(reports["es"].keys) + 1  # the cover, then each section from a new page
