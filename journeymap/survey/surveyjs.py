"""SurveyJS: the survey as the JSON model the SurveyJS Form Library renders (``new Survey.Model(json)``).

One page per section; a moment's page is shown only when its ``lived_<id>`` question was answered
*yes* (``visibleIf``); screening questions are booleans, CSAT/CES/NPS are ``rating`` questions with
their labelled values, the open question a ``comment``. Question names are the codes, so the result
SurveyJS hands back (``survey.data``: ``{"mot_call_overall": 4, "lived_call": true, ...}``) is read
back by :func:`journeymap.survey.read_responses` as it is.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from journeymap.io.atomic import write_text
from journeymap.io.writers import html_text
from journeymap.survey.questionnaire import Question, Questionnaire

__all__ = ["save_surveyjs", "surveyjs_json"]


def _options(question: Question, language: str) -> list[dict[str, Any]]:
    scale = question.scale
    return [{"value": v, "text": t} for v, t in zip(scale.values, scale.labels[language], strict=True)]


def _element(question: Question, language: str) -> dict[str, Any]:
    scale = question.scale
    element: dict[str, Any] = {"name": question.code, "title": question.text[language]}
    if scale.kind == "yes_no":
        yes, no = scale.labels[language]
        element.update(type="boolean", labelTrue=yes, labelFalse=no, renderAs="radio", swapOrder=True)
    elif scale.kind == "text":
        element.update(type="comment", rows=3)
    elif scale.kind == "choice":
        element.update(type="radiogroup", choices=_options(question, language))
    elif scale.kind == "nps":
        low, high = (scale.labels[language][k].split(" – ", 1)[-1] for k in (0, -1))
        element.update(type="rating", rateMin=0, rateMax=10, rateCount=11, displayMode="buttons",
                       minRateDescription=low, maxRateDescription=high)
    else:
        element.update(type="rating", rateType="labels", displayMode="buttons", rateValues=_options(question, language))
    if question.required:
        element["isRequired"] = True
    return element


def surveyjs_json(questionnaire: Questionnaire) -> dict[str, Any]:
    """The SurveyJS survey model (a dict ready for ``json.dumps``)."""
    language = questionnaire.language
    pages = []
    for section in questionnaire.sections:
        page: dict[str, Any] = {"name": f"section_{section.key}", "title": section.title[language],
                                "elements": [_element(q, language) for q in section.questions]}
        if section.intro:
            page["description"] = section.intro[language]
        if section.relevant:
            page["visibleIf"] = f"{{{section.relevant}}} = true"
        pages.append(page)
    return {
        "title": questionnaire.text(questionnaire.title),
        "description": questionnaire.text(questionnaire.welcome),
        "locale": language,
        "showQuestionNumbers": "off",
        "questionErrorLocation": "bottom",
        "completedHtml": f"<h3>{html_text(questionnaire.text(questionnaire.thanks))}</h3>",
        "pages": pages,
    }


def save_surveyjs(questionnaire: Questionnaire, path: str | os.PathLike[str]) -> Path:
    """Write the SurveyJS JSON model to ``path``, atomically; returns the path."""
    return write_text(path, json.dumps(surveyjs_json(questionnaire), ensure_ascii=False, indent=2) + "\n")
