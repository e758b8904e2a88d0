"""LimeSurvey: the survey as LimeSurvey's tab-separated survey structure (Import survey → ``.txt``/``.tsv``).

The format (LimeSurvey manual, "Tab Separated Value survey structure") has one row per survey
setting (``S``), language-specific setting (``SL``), group (``G``), question (``Q``) and answer
(``A``); relationships follow from the order (a question belongs to the group above it, an answer
to the question above it). Columns: ``class``, ``type/scale``, ``name``, ``relevance``, ``text``,
``help``, ``language``, ``validation``, ``mandatory``, ``other``, ``default``, ``same_default``.

LimeSurvey question codes hold only letters and digits, start with a letter and are at most 20
characters long, so each journeymap code has a LimeSurvey name (:func:`limesurvey_names`:
``mot_sales_line_r1`` → ``motSalesLineR1``); answers exported from LimeSurvey with question codes as
headings are read back through the same table. Answer codes are at most 5 characters: ratings use
their numbers, yes/no questions (type ``Y``) store ``Y``/``N``, segments ``A1``, ``A2``...
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pandas as pd

from journeymap.io.writers import write_csv
from journeymap.survey.questionnaire import Question, Questionnaire

__all__ = ["COLUMNS", "MAX_NAME", "limesurvey_names", "limesurvey_rows", "save_limesurvey"]

COLUMNS = ("class", "type/scale", "name", "relevance", "text", "help", "language", "validation", "mandatory",
           "other", "default", "same_default")
MAX_NAME = 20
"""LimeSurvey's longest question code."""


def _camel(code: str) -> str:
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", code) if p]
    name = parts[0] + "".join(p[:1].upper() + p[1:] for p in parts[1:]) if parts else "q"
    return name if name[0].isalpha() else f"q{name}"


def limesurvey_names(questionnaire: Questionnaire) -> dict[str, str]:
    """Each question code's LimeSurvey name: letters and digits in camel case, cut to 20 characters
    and numbered when two would be the same (``mot_sales_line_r1`` → ``motSalesLineR1``)."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for code in questionnaire.codes:
        name = _camel(code)[:MAX_NAME]
        number = 1
        while name.lower() in taken:
            number += 1
            suffix = str(number)
            name = _camel(code)[: MAX_NAME - len(suffix)] + suffix
        taken.add(name.lower())
        names[code] = name
    return names


def _answer_code(question: Question, value: int) -> str:
    return f"A{value}" if question.scale.kind == "choice" else str(value)


def limesurvey_rows(questionnaire: Questionnaire) -> list[list[Any]]:
    """The rows of the tab-separated structure (without the header :data:`COLUMNS`)."""
    language = questionnaire.language
    names = limesurvey_names(questionnaire)
    rows: list[list[Any]] = []

    def row(cls: str, kind: str = "", name: str = "", relevance: str = "", text: str = "", mandatory: str = "",
            lang: str = language) -> None:
        text = re.sub(r"[\t\r\n]+", " ", text)  # one row per line: LimeSurvey reads no line break in a cell
        rows.append([cls, kind, name, relevance, text, "", lang, "", mandatory, "N" if cls == "Q" else "", "",
                     "0" if cls == "Q" else ""])

    row("S", name="language", text=language, lang="")
    row("S", name="format", text="G", lang="")
    row("S", name="showprogress", text="Y", lang="")
    row("S", name="allowprev", text="Y", lang="")
    row("SL", name="surveyls_title", text=questionnaire.text(questionnaire.title))
    row("SL", name="surveyls_welcometext", text=questionnaire.text(questionnaire.welcome))
    row("SL", name="surveyls_endtext", text=questionnaire.text(questionnaire.thanks))
    for number, section in enumerate(questionnaire.sections, start=1):
        relevance = f"{names[section.relevant]} == 'Y'" if section.relevant else "1"
        row("G", f"G{number}", section.title[language], relevance, section.intro.get(language, ""))
        for question in section.questions:
            scale = question.scale
            kind = {"yes_no": "Y", "text": "T"}.get(scale.kind, "L")
            row("Q", kind, names[question.code], "1", question.text[language], "Y" if question.required else "N")
            if kind == "L":
                for value, label in zip(scale.values, scale.labels[language], strict=True):
                    row("A", "0", _answer_code(question, value), "", label)
    return rows


def save_limesurvey(questionnaire: Questionnaire, path: str | os.PathLike[str]) -> Path:
    """Write the LimeSurvey tab-separated structure (UTF-8 with a byte-order mark, as LimeSurvey
    exports it) to ``path``, atomically; returns the path."""
    return write_csv(path, pd.DataFrame(limesurvey_rows(questionnaire), columns=list(COLUMNS)), delimiter="\t",
                     bom=True)
