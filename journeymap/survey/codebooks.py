"""The codebook: one row per question, to read answers from any tool and to brief whoever collects them.

Columns (:data:`CODEBOOK_COLUMNS`): the code, the moment and requirement it measures, its scale and
values, the wording and the value labels in every language, the skip logic, and when and how it is
best asked.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from journeymap.io.writers import write_csv
from journeymap.survey.questionnaire import Question, Questionnaire
from journeymap.text.columns import column_notes

__all__ = ["CODEBOOK_COLUMNS", "codebook", "save_codebook"]

CODEBOOK_COLUMNS: dict[str, str] = column_notes("codebook")
"""The codebook's first columns; ``wording_<language>`` and ``labels_<language>`` follow for each language."""


def _values(question: Question) -> str:
    values = question.scale.values
    if not values:
        return ""
    if question.scale.kind in ("csat", "ces", "nps"):
        return f"{min(values)}-{max(values)}"
    return ", ".join(str(v) for v in values)


def codebook(questionnaire: Questionnaire) -> pd.DataFrame:
    """The codebook as a table: :data:`CODEBOOK_COLUMNS`, then the wording and value labels in each language."""
    rows: list[dict[str, Any]] = []
    for form in questionnaire.forms():
        names = {s.touchpoint: s.title for s in form.sections if s.touchpoint}
        for question in form.questions:
            row: dict[str, Any] = {
                "code": question.code,
                "form": form.name,
                "kind": question.kind,
                "moment": question.touchpoint or "",
                "moment_name": (names.get(question.touchpoint) or {}).get(form.language, "")
                if question.touchpoint else "",
                "requirement": question.requirement or "",
                "requirement_text": question.requirement_text or "",
                "standard": question.standard or "",
                "scale": question.scale.kind,
                "values": _values(question),
                "required": "yes" if question.required else "no",
                "relevant": question.relevant or "",
                "ask_after": question.ask_after or "",
                "channel": question.channel,
            }
            for language in questionnaire.languages:
                row[f"wording_{language}"] = question.text.get(language, "")
                labels = question.scale.labels.get(language, ())
                row[f"labels_{language}"] = "; ".join(f"{v}={t}" for v, t in zip(question.scale.values, labels,
                                                                                   strict=True))
            rows.append(row)
    columns = list(CODEBOOK_COLUMNS) + [f"{what}_{lang}" for lang in questionnaire.languages
                                        for what in ("wording", "labels")]
    return pd.DataFrame(rows, columns=columns)


def save_codebook(questionnaire: Questionnaire, path: str | os.PathLike[str]) -> Path:
    """Write the codebook as CSV (UTF-8 with a byte-order mark, so that Excel reads the accents), atomically."""
    return write_csv(path, codebook(questionnaire), bom=True)
