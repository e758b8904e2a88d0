"""A questionnaire as immutable values: :class:`Scale`, :class:`Question`, :class:`Section`, :class:`Questionnaire`.

Built from a journey by :func:`journeymap.survey.design`; written out by the exports (XLSForm,
SurveyJS, LimeSurvey, Markdown/HTML, codebook). Every question has a **code** derived from the map,
the same in every export and every tool's answers:

=========================  ===================================================  =========
code                       asks                                                 scale
=========================  ===================================================  =========
``lived_<id>``             did the respondent go through moment ``<id>``?       yes / no
``mot_<id>_overall``       overall satisfaction with the moment                 CSAT 1–5
``mot_<id>_r<n>``          satisfaction with the moment's n-th requirement      CSAT 1–5
``ces_<id>``               how easy it was (where customers wait, loop back or  CES 1–7
                           are handed between channels)
``overall``                overall satisfaction with the service                CSAT 1–5
``nps``                    likelihood to recommend                              NPS 0–10
``improve``                the one thing to improve                             open text
``segment``                which customer segment (optional)                    choices
=========================  ===================================================  =========
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

from journeymap.errors import find

__all__ = [
    "CHANNELS",
    "KINDS",
    "MODES",
    "Mode",
    "Question",
    "QuestionKind",
    "Questionnaire",
    "Scale",
    "Section",
]

QuestionKind = Literal["lived", "moment", "requirement", "effort", "overall", "nps", "improve", "segment"]
KINDS: tuple[str, ...] = get_args(QuestionKind)
Mode = Literal["cycle", "pulse"]
MODES: tuple[str, ...] = get_args(Mode)
CHANNELS: tuple[str, ...] = ("email", "sms", "web", "app", "chat")
"""The channels a survey is sent on."""


@dataclass(frozen=True)
class Scale:
    """The answers a question takes: ``values`` (what a tool stores) with their ``labels`` in each language.

    ``kind`` is ``csat`` (1–5), ``ces`` (1–7), ``nps`` (0–10), ``yes_no`` (1 yes, 0 no), ``choice``
    (the segment's options, stored as their position 1, 2, ...) or ``text`` (open, no values).
    """

    kind: str
    values: tuple[int, ...]
    labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def low(self) -> int:
        return min(self.values)

    @property
    def high(self) -> int:
        return max(self.values)

    @property
    def is_numeric(self) -> bool:
        """True for the rating scales (CSAT, CES, NPS) whose values are scores."""
        return self.kind in ("csat", "ces", "nps")

    def label(self, value: int, language: str) -> str:
        """The label of one value in ``language``."""
        return self.labels[language][self.values.index(value)]


@dataclass(frozen=True)
class Question:
    """One question: its stable ``code``, what it asks (``text`` by language) and on which ``scale``.

    ``touchpoint`` is the moment it is about (``None`` for the questions on the whole cycle),
    ``requirement`` the requirement's position (1, 2, ...), ``requirement_text`` its text and
    ``standard`` its measurable standard as people read it (``wait: 2 min``);
    ``ask_after`` the touchpoint after which it is best asked (``None``: at the end of the cycle) and
    ``channel`` how (``sms`` right after a call, ``email`` at the end...); ``relevant`` the code of the
    screening question that must be answered *yes* for it to be asked.
    """

    code: str
    kind: QuestionKind
    scale: Scale
    text: Mapping[str, str]
    touchpoint: str | None = None
    requirement: int | None = None
    requirement_text: str | None = None
    standard: str | None = None
    ask_after: str | None = None
    channel: str = "email"
    relevant: str | None = None
    required: bool = False


@dataclass(frozen=True)
class Section:
    """A group of questions shown together: the screening, one moment of truth, or the end.

    ``key`` is ``lived``, ``end`` or the moment's touchpoint id; ``relevant`` the screening code that
    must be *yes* for the whole section to be shown; ``intro`` a sentence shown before its questions.
    """

    key: str
    title: Mapping[str, str]
    questions: tuple[Question, ...]
    touchpoint: str | None = None
    relevant: str | None = None
    intro: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Questionnaire:
    """A survey designed from a journey: sections of questions, in the order they are asked.

    ``language`` is the language the exports are written in; every text is kept in each of
    ``languages`` (for the codebook). ``mode`` is ``cycle`` (one questionnaire, sent after the
    cycle) or ``pulse`` (one short form per moment of truth, sent right after it, plus one at the
    end of the cycle): :meth:`forms` splits a pulse design into its forms. ``name`` is a form id
    safe for every tool; ``send_after``/``channel`` say when and how the form goes out.
    """

    name: str
    title: Mapping[str, str]
    language: str
    languages: tuple[str, ...]
    mode: Mode
    sections: tuple[Section, ...]
    welcome: Mapping[str, str] = field(default_factory=dict)
    thanks: Mapping[str, str] = field(default_factory=dict)
    journey_title: str = ""
    send_after: str | None = None
    channel: str = "email"

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order asked."""
        return tuple(q for section in self.sections for q in section.questions)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(q.code for q in self.questions)

    def question(self, code: str) -> Question:
        """The question with this code; :class:`~journeymap.errors.NotFound` with a did-you-mean otherwise."""
        return find(self.questions, code, "question", key=lambda question: question.code)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)

    def forms(self) -> tuple[Questionnaire, ...]:
        """The forms sent separately: the questionnaire itself in ``cycle`` mode; in ``pulse`` mode one
        per section (each moment's pulse, then the end-of-cycle form), named ``<name>_<section key>``."""
        if self.mode == "cycle":
            return (self,)
        forms = []
        for section in self.sections:
            first = section.questions[0] if section.questions else None
            forms.append(Questionnaire(
                name=f"{self.name}_{section.key}", title=self.title, language=self.language,
                languages=self.languages, mode="pulse", sections=(section,), welcome=self.welcome,
                thanks=self.thanks, journey_title=self.journey_title,
                send_after=first.ask_after if first else None, channel=first.channel if first else "email",
            ))
        return tuple(forms)

    def text(self, mapping: Mapping[str, str]) -> str:
        """A text of this questionnaire in its language."""
        return mapping.get(self.language, "")

    def __repr__(self) -> str:
        return (f"<Questionnaire {self.name!r} ({self.mode}, {self.language}): {len(self.sections)} sections, "
                f"{len(self.questions)} questions>")
