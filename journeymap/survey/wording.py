"""The words of a questionnaire in English and Spanish: questions, scale labels, titles, notes.

Every sentence a respondent reads is a message id here (English) with its Spanish in the catalogue
(``journeymap/text/locale/es/LC_MESSAGES/journeymap.po``). A touchpoint's name and a requirement's
text are the consultant's own words, put in as written (in the journey's language).
"""

from __future__ import annotations

from journeymap.text import N_, translator

__all__ = [
    "CES_LABELS",
    "CSAT_LABELS",
    "NPS_HIGH",
    "NPS_LOW",
    "YES_NO",
    "ces_question",
    "improve_question",
    "labels",
    "lived_intro",
    "lived_question",
    "moment_question",
    "nps_question",
    "overall_question",
    "requirement_question",
    "section_titles",
    "segment_question",
    "survey_texts",
]

CSAT_LABELS = (
    N_("Very dissatisfied"),
    N_("Dissatisfied"),
    N_("Neither satisfied nor dissatisfied"),
    N_("Satisfied"),
    N_("Very satisfied"),
)
"""The 5-point satisfaction scale's labels, 1 to 5."""

CES_LABELS = (
    N_("Very difficult"),
    N_("Difficult"),
    N_("Somewhat difficult"),
    N_("Neither easy nor difficult"),
    N_("Somewhat easy"),
    N_("Easy"),
    N_("Very easy"),
)
"""The 7-point Customer Effort Score scale's labels, 1 to 7."""

NPS_LOW = N_("Not at all likely")
NPS_HIGH = N_("Extremely likely")
"""The anchors of the 0–10 likelihood-to-recommend scale (0 and 10)."""

YES_NO = (N_("Yes"), N_("No"))


def labels(messages: tuple[str, ...], language: str) -> tuple[str, ...]:
    """Scale labels in ``language``."""
    words = translator(language)
    return tuple(words.gettext(message) for message in messages)


def _phrase(text: str) -> str:
    """A requirement as it reads after a colon inside a sentence: an ordinary capitalised first word
    is lowered ("Answered within..." → "answered within...", "A short guide" → "a short guide");
    acronyms, names with capitals inside and "I" are left as written."""
    first = text.strip().split(" ", 1)[0].rstrip(",.;:!?")
    if first == "A" or (len(first) > 1 and first[0].isupper() and first[1:].islower() and first[1:].isalpha()):
        return first[0].lower() + text.strip()[1:]
    return text.strip()


def requirement_question(requirement: str, language: str) -> str:
    """One CSAT item for one requirement of a moment of truth."""
    return translator(language).gettext("How satisfied were you with: {requirement}?",
                                        requirement=_phrase(requirement))


def moment_question(moment: str, language: str) -> str:
    """The overall CSAT item of a moment of truth."""
    # Translators: {moment} is the step's name as the consultant wrote it; quote it your language's way.
    return translator(language).gettext("Overall, how satisfied were you with “{moment}”?", moment=moment)


def ces_question(moment: str, language: str) -> str:
    """The Customer Effort Score item of a moment where customers wait or are passed around."""
    return translator(language).gettext("How easy was it to get what you needed at “{moment}”?", moment=moment)


def lived_intro(language: str) -> str:
    """The note before the screening questions."""
    return translator(language).gettext(
        "First, tell us which of these steps you went through recently, so that we only ask you about those.")


def lived_question(moment: str, language: str) -> str:
    """One screening question: did the respondent live this moment?"""
    return translator(language).gettext("Recently, did you go through “{moment}”?", moment=moment)


def nps_question(language: str) -> str:
    return translator(language).gettext("How likely are you to recommend us to a friend or colleague?")


def overall_question(language: str) -> str:
    return translator(language).gettext("Taking everything into account, how satisfied are you with our service?")


def improve_question(language: str) -> str:
    return translator(language).gettext("What is the one thing we should improve?")


def segment_question(language: str) -> str:
    return translator(language).gettext("Which of these best describes you?")


def section_titles(language: str) -> dict[str, str]:
    """Titles of the questionnaire's fixed sections."""
    words = translator(language)
    return {
        "lived": words.gettext("Your recent experience"),
        "end": words.gettext("Your overall opinion"),
    }


def survey_texts(language: str) -> dict[str, str]:
    """The questionnaire's title, welcome and thanks."""
    words = translator(language)
    return {
        "title": words.gettext("Your opinion of our service"),
        "welcome": words.gettext(
            "Thank you for taking a few minutes to tell us about your experience. Your answers are "
            "confidential and help us improve."),
        "thanks": words.gettext("Thank you for your answers."),
        "pulse_welcome": words.gettext("Two quick questions about what just happened."),
    }
