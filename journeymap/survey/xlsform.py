"""XLSForm: the spreadsheet form standard of ODK, KoboToolbox, SurveyCTO and Enketo.

:func:`xlsform_sheets` builds the three sheets as rows (pure); :func:`save_xlsform` writes them.
``survey`` holds one group per section (a moment's group is shown only to those who answered *yes*
to its ``lived_<id>`` question), questions named by their code, rating scales as ``select_one``
lists shown as a Likert row; ``choices`` the scales (yes/no stored as ``yes``/``no``, ratings as
their numbers); ``settings`` the title, form id, version and language. The labels are in the
questionnaire's language, in ``label::<Language> (<code>)`` columns as the standard asks.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from journeymap.errors import JourneyError
from journeymap.io.writers import append_row, save_workbook
from journeymap.survey.questionnaire import Question, Questionnaire, Scale

__all__ = ["LANGUAGE_NAMES", "YES_NO_NAMES", "save_xlsform", "xlsform_sheets"]

LANGUAGE_NAMES = {"en": "English (en)", "es": "Español (es)"}
"""The XLSForm language labels (``name (code)``, with the IANA subtag that ODK reads)."""

YES_NO_NAMES = {1: "yes", 0: "no"}
"""How yes/no answers are stored in an XLSForm's data."""

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")
SURVEY_COLUMNS = ("type", "name", "label", "hint", "required", "relevant", "appearance")


def _list_name(scale: Scale) -> str:
    return {"yes_no": "yes_no", "csat": "csat5", "ces": "ces7", "nps": "nps11", "choice": "segment"}[scale.kind]


def choice_name(scale: Scale, value: int) -> str:
    """The name under which a tool stores ``value`` of ``scale``."""
    return YES_NO_NAMES[value] if scale.kind == "yes_no" else str(value)


def _check(name: str) -> str:
    if not _NAME.match(name):
        raise JourneyError(f"'{name}' cannot be an XLSForm name: a touchpoint id used in question codes must hold "
                           "only letters, digits, '_', '-' and '.'")
    return name


def _question_row(question: Question, language: str) -> list[Any]:
    scale = question.scale
    if scale.kind == "text":
        kind, appearance = "text", "multiline"
    else:
        kind = f"select_one {_list_name(scale)}"
        appearance = "likert" if scale.is_numeric else "" if scale.kind == "choice" else "horizontal-compact"
    return [kind, _check(question.code), question.text[language], "", "yes" if question.required else "", "",
            appearance]


def xlsform_sheets(questionnaire: Questionnaire) -> dict[str, list[list[Any]]]:
    """The ``survey``, ``choices`` and ``settings`` sheets as rows (the first row of each is its header)."""
    language = questionnaire.language
    label = f"label::{LANGUAGE_NAMES[language]}"
    hint = f"hint::{LANGUAGE_NAMES[language]}"
    header = [label if c == "label" else hint if c == "hint" else c for c in SURVEY_COLUMNS]
    survey: list[list[Any]] = [header]
    scales: dict[str, Scale] = {}
    for index, section in enumerate(questionnaire.sections):
        group = _check(f"section_{section.key}")
        relevant = f"${{{section.relevant}}} = 'yes'" if section.relevant else ""
        survey.append(["begin_group", group, section.title[language], "", "", relevant, "field-list"])
        if index == 0 and questionnaire.welcome:
            survey.append(["note", "welcome", questionnaire.text(questionnaire.welcome), "", "", "", ""])
        if section.intro:
            survey.append(["note", f"intro_{section.key}", section.intro[language], "", "", "", ""])
        for question in section.questions:
            survey.append(_question_row(question, language))
            if question.scale.kind != "text":
                scales.setdefault(_list_name(question.scale), question.scale)
        survey.append(["end_group", "", "", "", "", "", ""])
    choices: list[list[Any]] = [["list_name", "name", label]]
    for list_name, scale in scales.items():
        for value, text in zip(scale.values, scale.labels[language], strict=True):
            choices.append([list_name, choice_name(scale, value), text])
    settings = [
        ["form_title", "form_id", "version", "default_language", "style"],
        [questionnaire.text(questionnaire.title), _check(questionnaire.name), "1", LANGUAGE_NAMES[language], "pages"],
    ]
    return {"survey": survey, "choices": choices, "settings": settings}


def save_xlsform(questionnaire: Questionnaire, path: str | os.PathLike[str]) -> Path:
    """Write the questionnaire as an XLSForm workbook (``.xlsx``), atomically; returns the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    widths = {"survey": (22, 34, 70, 20, 10, 36, 18), "choices": (12, 10, 40), "settings": (50, 30, 10, 18, 10)}
    book = Workbook()
    book.remove(book.active)
    for name, rows in xlsform_sheets(questionnaire).items():
        sheet = book.create_sheet(name)
        for row in rows:
            append_row(sheet, row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for column, width in enumerate(widths[name], start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=column).column_letter].width = width
        sheet.freeze_panes = "A2"
    return save_workbook(book, path)
