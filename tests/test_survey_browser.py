"""The SurveyJS export rendered by the SurveyJS Form Library in Chromium, answered, and its result read back.

The library comes from npm (``tests/browser/surveyjs/package.json`` and its lock, installed by
``make test``). The test renders the questionnaire of a template, answers it through the page as a
respondent would (clicking the radio buttons and rating buttons, typing the open answer, moving from
page to page), checks that the pages of the moments the respondent did not go through are skipped,
and reads the result SurveyJS hands back with :func:`journeymap.survey.read_responses`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser.pages import CHROMIUM, chromium, screenshot

from journeymap.io.catalog import template
from journeymap.survey import design, read_responses, score, surveyjs_json

MODULES = Path(__file__).resolve().parent / "browser" / "surveyjs" / "node_modules"
SCRIPTS = [MODULES / "survey-core" / "survey.core.min.js", MODULES / "survey-core" / "survey.i18n.min.js",
           MODULES / "survey-js-ui" / "survey-js-ui.min.js"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing: apt-get install chromium"),
    pytest.mark.skipif(not all(p.exists() for p in SCRIPTS),
                       reason="the SurveyJS library is missing: `make test` installs it with npm"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def _render(browser: Any, model: dict[str, Any]) -> Any:
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    page.set_content('<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="survey"></div></body>'
                     "</html>")
    page.add_style_tag(path=str(MODULES / "survey-core" / "survey-core.min.css"))
    for script in SCRIPTS:
        page.add_script_tag(path=str(script))
    page.evaluate("""model => {
        window.errors = [];
        window.survey = new Survey.Model(model);
        survey.onComplete.add(s => { window.result = s.data; });
        SurveyUI.renderSurvey(survey, document.getElementById('survey'));
    }""", model)
    return page


def _answer_page(page: Any, plan: dict[str, Any]) -> list[str]:
    """Answer every question on the current page as ``plan`` says; returns the names answered."""
    names = page.eval_on_selector_all("[data-name]", "els => els.map(e => e.getAttribute('data-name'))")
    answered = []
    for name in names:
        if name not in plan:
            continue
        question = page.locator(f'[data-name="{name}"]')
        value = plan[name]
        if isinstance(value, bool):
            question.locator(f'input[value="{str(value).lower()}"]').check(force=True)
        elif isinstance(value, str):
            question.locator("textarea").fill(value)
            question.locator("textarea").blur()
        else:
            question.locator(".sd-rating__item").filter(has_text=str(value)).first.click() if name == "nps" else \
                question.locator(".sd-rating__item").nth(value - 1).click()
        answered.append(name)
    return answered


def test_a_respondent_answers_the_surveyjs_form_and_the_result_is_read_back(browser: Any, tmp_path: Path) -> None:
    journey = template("service_cycle", "es")
    questionnaire = design(journey)
    page = _render(browser, surveyjs_json(questionnaire))
    page.wait_for_selector('[data-name="lived_sales_line"]', timeout=30_000)
    lived = {tp.id: tp.id != "discovery_call" for tp in journey.moments_of_truth}
    plan: dict[str, Any] = {f"lived_{tp}": went for tp, went in lived.items()}
    for number, question in enumerate(questionnaire.questions):
        if question.kind in ("moment", "requirement", "overall"):
            plan[question.code] = number % 5 + 1
        elif question.kind == "effort":
            plan[question.code] = number % 7 + 1
    plan["nps"] = 9
    plan["improve"] = "Responder el chat más rápido"
    seen: list[str] = []
    for _ in range(len(questionnaire.sections) + 1):
        seen += _answer_page(page, plan)
        if page.locator(".sd-navigation__complete-btn").is_visible():
            screenshot(page, tmp_path, "surveyjs-last-page")
            page.locator(".sd-navigation__complete-btn").click()
            break
        page.locator(".sd-navigation__next-btn").click()
    page.wait_for_function("window.result !== undefined", timeout=10_000)
    result = page.evaluate("window.result")
    skipped = ("mot_discovery_call", "ces_discovery_call")  # the page of a moment the respondent did not live
    assert "lived_discovery_call" in seen and not any(code.startswith(skipped) for code in seen)
    expected = {code: value for code, value in plan.items() if not code.startswith(skipped)}
    assert result == expected
    path = tmp_path / "results.json"
    path.write_text(json.dumps([result]))
    answers = read_responses(path, questionnaire)
    assert answers.issues == () and answers.rows_kept == 1
    row = answers.table.iloc[0]
    assert row["lived_discovery_call"] == 0 and row["lived_sales_line"] == 1
    assert row["mot_sales_line_overall"] == plan["mot_sales_line_overall"] and row["nps"] == 9
    assert row["improve"] == "Responder el chat más rápido"
    assert score(journey, answers).nps["n"] == 1
