"""Saving a questionnaire in the format its file name (or ``format``) asks for.

    save_questionnaire(questionnaire, "survey.xlsx")      # XLSForm
    save_questionnaire(questionnaire, "survey.json")      # SurveyJS
    save_questionnaire(questionnaire, "survey.tsv")       # LimeSurvey
    save_questionnaire(questionnaire, "survey.md")        # printable Markdown (.html: a printable page)
    save_questionnaire(questionnaire, "codebook.csv")     # the codebook

A pulse design has one form per moment: the formats that hold one survey per file (XLSForm,
SurveyJS, LimeSurvey) write one file per form beside the one named (``survey_sales_line.xlsx``...);
the others put every form in the one file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from journeymap.errors import NotFound
from journeymap.survey.codebooks import save_codebook
from journeymap.survey.limesurvey import save_limesurvey
from journeymap.survey.printable import save_html, save_markdown
from journeymap.survey.questionnaire import Questionnaire
from journeymap.survey.surveyjs import save_surveyjs
from journeymap.survey.xlsform import save_xlsform

__all__ = ["EXTENSIONS", "FORMATS", "format_for", "save_questionnaire"]

FORMATS: dict[str, str] = {
    "xlsform": "XLSForm workbook for ODK, KoboToolbox, SurveyCTO (.xlsx)",
    "surveyjs": "SurveyJS form JSON (.json)",
    "limesurvey": "LimeSurvey tab-separated survey structure (.tsv, .txt)",
    "markdown": "printable questionnaire in Markdown (.md)",
    "html": "printable questionnaire as a web page (.html)",
    "codebook": "codebook: one row per question (.csv)",
}
"""The formats a questionnaire is saved in, with what each is for."""

EXTENSIONS = {".xlsx": "xlsform", ".json": "surveyjs", ".tsv": "limesurvey", ".txt": "limesurvey",
              ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html", ".csv": "codebook"}
"""The format each file extension means."""

_ONE_FORM_PER_FILE = ("xlsform", "surveyjs", "limesurvey")
_WRITERS: dict[str, Callable[[Questionnaire, str | os.PathLike[str]], Path]] = {
    "xlsform": save_xlsform, "surveyjs": save_surveyjs, "limesurvey": save_limesurvey,
    "markdown": save_markdown, "html": save_html, "codebook": save_codebook,
}


def format_for(path: str | os.PathLike[str], format: str | None = None) -> str:
    """The format ``format`` names, else the one the extension of ``path`` means;
    :class:`~journeymap.errors.NotFound` with the valid choices otherwise."""
    if format is not None:
        if format not in FORMATS:
            raise NotFound("format", format, FORMATS, text=f"unknown survey format '{format}'",
                           tail=f"; choose one of: {', '.join(FORMATS)}")
        return format
    suffix = Path(path).suffix.lower()
    if suffix not in EXTENSIONS:
        raise NotFound("extension", suffix, EXTENSIONS, text=f"cannot tell the survey format from '{Path(path).name}'",
                       tail=f"; name the file .xlsx, .json, .tsv, .md, .html or .csv, or give --format "
                            f"({', '.join(FORMATS)})")
    return EXTENSIONS[suffix]


def save_questionnaire(questionnaire: Questionnaire, path: str | os.PathLike[str],
                       format: str | None = None) -> list[Path]:
    """Write ``questionnaire`` to ``path`` in ``format`` (default: from the extension), atomically;
    returns the files written (several for a pulse design in a one-form-per-file format)."""
    chosen = format_for(path, format)
    writer = _WRITERS[chosen]
    forms = questionnaire.forms()
    if chosen not in _ONE_FORM_PER_FILE or len(forms) == 1:
        return [writer(questionnaire, path)]
    target = Path(path)
    keys = [form.name.removeprefix(f"{questionnaire.name}_") for form in forms]
    return [writer(form, target.with_name(f"{target.stem}_{key}{target.suffix}")) for form, key in
            zip(forms, keys, strict=True)]
