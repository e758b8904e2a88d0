"""The questionnaire to print or to read aloud: Markdown and a self-contained HTML page.

Questions are numbered through the whole questionnaire; each answer is a box to tick with its label;
a moment's section says which screening question opens it ("answer only if you answered *Yes* to
question 3"). Every text from the journey is escaped, so a name holding ``<script>`` or ``|`` prints
as written.
"""

from __future__ import annotations

import os
from pathlib import Path

from journeymap.io.atomic import write_text
from journeymap.io.writers import html_text, markdown_text
from journeymap.survey.questionnaire import Question, Questionnaire
from journeymap.text import translator

__all__ = ["questionnaire_html", "questionnaire_markdown", "save_html", "save_markdown"]

BOX = "☐"


def _numbers(questionnaire: Questionnaire) -> dict[str, int]:
    return {q.code: n for n, q in enumerate(questionnaire.questions, start=1)}


def _skip_note(questionnaire: Questionnaire, relevant: str | None, numbers: dict[str, int]) -> str:
    if not relevant or relevant not in numbers:
        return ""
    return translator(questionnaire.language).gettext(
        "Answer this part only if you answered “Yes” to question {number}.", number=numbers[relevant])


def _answers(question: Question, language: str) -> list[str]:
    scale = question.scale
    if scale.kind == "text":
        return []
    if scale.kind in ("yes_no", "choice"):
        return list(scale.labels[language])
    if scale.kind == "nps":
        return list(scale.labels[language])
    return [f"{value} {label}" for value, label in zip(scale.values, scale.labels[language], strict=True)]


def questionnaire_markdown(questionnaire: Questionnaire) -> str:
    """The questionnaire as Markdown: a title, the welcome, numbered sections and questions with boxes."""
    language = questionnaire.language
    numbers = _numbers(questionnaire)
    lines = [f"# {markdown_text(questionnaire.text(questionnaire.title))}", ""]
    if questionnaire.welcome:
        lines += [markdown_text(questionnaire.text(questionnaire.welcome), starts_line=True), ""]
    for index, section in enumerate(questionnaire.sections, start=1):
        lines += [f"## {index}. {markdown_text(section.title[language])}", ""]
        note = _skip_note(questionnaire, section.relevant, numbers)
        if note:
            lines += [f"*{markdown_text(note)}*", ""]
        if section.intro:
            lines += [markdown_text(section.intro[language], starts_line=True), ""]
        for question in section.questions:
            lines.append(f"**{numbers[question.code]}.** {markdown_text(question.text[language])}")
            answers = _answers(question, language)
            if answers:
                lines += ["", "   ".join(f"{BOX} {markdown_text(a)}" for a in answers)]
            else:
                lines += ["", "." * 72, "", "." * 72]
            lines.append("")
    if questionnaire.thanks:
        lines += ["---", "", markdown_text(questionnaire.text(questionnaire.thanks), starts_line=True), ""]
    return "\n".join(lines)


_STYLE = """
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; color: #212121; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #BDBDBD; }
.question { margin: 1.1em 0; break-inside: avoid; } .number { font-weight: bold; margin-right: .3em; }
.answers { margin: .4em 0 0 1.4em; display: flex; flex-wrap: wrap; gap: .3em 1.4em; }
.skip { font-style: italic; color: #616161; } .lines { border-bottom: 1px solid #9E9E9E; height: 1.8em; }
@media print { body { margin: 0; } h2 { break-after: avoid; } }
"""


def questionnaire_html(questionnaire: Questionnaire) -> str:
    """The questionnaire as one self-contained, printable HTML page."""
    language = questionnaire.language
    numbers = _numbers(questionnaire)
    title = html_text(questionnaire.text(questionnaire.title))
    parts = [f'<!DOCTYPE html>\n<html lang="{language}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>',
             f"<style>{_STYLE}</style>\n</head>\n<body>", f"<h1>{title}</h1>"]
    if questionnaire.welcome:
        parts.append(f"<p>{html_text(questionnaire.text(questionnaire.welcome))}</p>")
    for index, section in enumerate(questionnaire.sections, start=1):
        parts.append(f'<section data-section="{html_text(section.key)}">')
        parts.append(f"<h2>{index}. {html_text(section.title[language])}</h2>")
        note = _skip_note(questionnaire, section.relevant, numbers)
        if note:
            parts.append(f'<p class="skip">{html_text(note)}</p>')
        if section.intro:
            parts.append(f"<p>{html_text(section.intro[language])}</p>")
        for question in section.questions:
            parts.append(f'<div class="question" data-code="{html_text(question.code)}">'
                         f'<span class="number">{numbers[question.code]}.</span>{html_text(question.text[language])}')
            answers = _answers(question, language)
            if answers:
                parts.append('<div class="answers">' + "".join(f"<span>{BOX} {html_text(a)}</span>" for a in answers)
                             + "</div>")
            else:
                parts.append('<div class="lines"></div><div class="lines"></div>')
            parts.append("</div>")
        parts.append("</section>")
    if questionnaire.thanks:
        parts.append(f"<hr>\n<p>{html_text(questionnaire.text(questionnaire.thanks))}</p>")
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def save_markdown(questionnaire: Questionnaire, path: str | os.PathLike[str]) -> Path:
    """Write the Markdown questionnaire (every form of a pulse design, one after another), atomically."""
    text = "\n".join(questionnaire_markdown(form) for form in questionnaire.forms())
    return write_text(path, text)


def save_html(questionnaire: Questionnaire, path: str | os.PathLike[str]) -> Path:
    """Write the printable HTML questionnaire, atomically."""
    forms = questionnaire.forms()
    if len(forms) == 1:
        return write_text(path, questionnaire_html(questionnaire))
    pages = [questionnaire_html(form) for form in forms]
    bodies = [page.split("<body>", 1)[1].rsplit("</body>", 1)[0] for page in pages]
    head = pages[0].split("<body>", 1)[0]
    return write_text(path, head + "<body>" + '<hr style="break-after: page">'.join(bodies) + "</body>\n</html>\n")
