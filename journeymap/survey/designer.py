"""A satisfaction survey designed from the map: the fifth step of the consulting method.

    questionnaire = design(journey)                       # one questionnaire after the cycle
    pulses = design(journey, mode="pulse")                # a two-question pulse after each moment
    design(journey, language="es", segments=["Particular", "Empresa"])

For each moment of truth: its overall satisfaction item (``mot_<id>_overall``), one item per
requirement (``mot_<id>_r<n>``) and, where customers wait, are routed back or are handed between
channels, a Customer Effort Score item (``ces_<id>``); at the end of the cycle overall satisfaction,
NPS and one open question; first a screening question per moment (``lived_<id>``) so that nobody is
asked about a moment they never had. The wording is in the journey's language (or ``language``).
"""

from __future__ import annotations

from collections.abc import Sequence

import networkx as nx

from journeymap.errors import JourneyError
from journeymap.model import Journey, Requirement, Touchpoint
from journeymap.survey import wording
from journeymap.survey.questionnaire import MODES, Mode, Question, Questionnaire, Scale, Section
from journeymap.text import LANGUAGES, duration, language_of, translator

__all__ = ["PULSE_CHANNELS", "design", "effort_reasons", "scales"]

PULSE_CHANNELS: dict[str, str] = {
    "phone": "sms", "store": "sms", "on-site": "sms", "branch": "sms", "in-person": "sms",
    "chat": "chat", "web": "web", "social": "web", "app": "app", "email": "email",
}
"""How a pulse reaches a customer right after a touchpoint on each channel (others: ``email``)."""

CUSTOMER_LANES = ("customer", "frontstage")
"""The lanes a customer sees: hand-offs between these count as the customer's effort."""


def scales(segments: Sequence[str] = ()) -> dict[str, Scale]:
    """The survey's scales with their labels in every language: ``csat``, ``ces``, ``nps``, ``yes_no``,
    ``text`` and (with ``segments``) ``choice``."""
    nps_labels = {}
    for language in LANGUAGES:
        words = translator(language)
        nps_labels[language] = tuple(
            f"0 – {words.gettext(wording.NPS_LOW)}" if v == 0 else f"10 – {words.gettext(wording.NPS_HIGH)}"
            if v == 10 else str(v) for v in range(11))
    found = {
        "csat": Scale("csat", (1, 2, 3, 4, 5), {lang: wording.labels(wording.CSAT_LABELS, lang) for lang in LANGUAGES}),
        "ces": Scale("ces", tuple(range(1, 8)), {lang: wording.labels(wording.CES_LABELS, lang) for lang in LANGUAGES}),
        "nps": Scale("nps", tuple(range(11)), nps_labels),
        "yes_no": Scale("yes_no", (1, 0), {lang: wording.labels(wording.YES_NO, lang) for lang in LANGUAGES}),
        "text": Scale("text", ()),
    }
    if segments:
        found["choice"] = Scale("choice", tuple(range(1, len(segments) + 1)),
                                {lang: tuple(segments) for lang in LANGUAGES})
    return found


def effort_reasons(journey: Journey) -> dict[str, tuple[str, ...]]:
    """Why each moment of truth gets an effort (CES) item: ``queue`` (customers wait for a limited
    capacity), ``loop`` (customers can be routed back to it) or ``handoff`` (customers arrive from a
    touchpoint on another channel they see). Moments with no reason are left out."""
    graph = nx.DiGraph()
    graph.add_nodes_from(journey.touchpoint_ids)
    for source, transition in journey.transitions():
        if transition.target in graph and isinstance(transition.p, int | float) and transition.p > 0:
            graph.add_edge(source, transition.target)
    in_loop = {node for component in nx.strongly_connected_components(graph)
               for node in component if len(component) > 1}
    in_loop |= {node for node in graph if graph.has_edge(node, node)}
    by_id = {tp.id: tp for tp in journey.touchpoints}
    reasons: dict[str, tuple[str, ...]] = {}
    for tp in journey.moments_of_truth:
        found = []
        if journey.has_queue(tp):
            found.append("queue")
        if tp.id in in_loop:
            found.append("loop")
        if tp.channel and tp.lane in CUSTOMER_LANES and any(
                by_id[source].channel and by_id[source].channel != tp.channel and by_id[source].lane in CUSTOMER_LANES
                for source in graph.predecessors(tp.id) if source in by_id):
            found.append("handoff")
        if found:
            reasons[tp.id] = tuple(found)
    return reasons


def _texts(make: object, *args: str) -> dict[str, str]:
    return {language: make(*args, language) for language in LANGUAGES}  # type: ignore[operator]


def _standard(requirement: Requirement, time_unit: str) -> str | None:
    """``wait: 2 min`` (the standard as a file writes it), or ``None``."""
    if not requirement.standard:
        return None
    return ", ".join(f"{key}: {duration(value, time_unit)}" for key, value in requirement.standard.items())


def _moment_section(tp: Touchpoint, reasons: tuple[str, ...], scale: dict[str, Scale], mode: Mode,
                    time_unit: str) -> Section:
    name = tp.label
    channel = PULSE_CHANNELS.get((tp.channel or "").lower(), "email")
    relevant = f"lived_{tp.id}" if mode == "cycle" else None
    common = {"touchpoint": tp.id, "ask_after": tp.id, "channel": channel, "relevant": relevant}
    questions = [Question(f"mot_{tp.id}_overall", "moment", scale["csat"], _texts(wording.moment_question, name),
                          required=True, **common)]
    requirements = [Question(f"mot_{tp.id}_r{n}", "requirement", scale["csat"],
                             _texts(wording.requirement_question, requirement.text), requirement=n,
                             requirement_text=requirement.text, standard=_standard(requirement, time_unit), **common)
                    for n, requirement in enumerate(tp.requirements, start=1)]
    effort = ([Question(f"ces_{tp.id}", "effort", scale["ces"], _texts(wording.ces_question, name), **common)]
              if reasons else [])
    if mode == "pulse":  # two questions: the moment, then the effort (or its first requirement)
        questions += (effort or requirements)[:1]
    else:
        questions += requirements + effort
    return Section(tp.id, {language: name for language in LANGUAGES}, tuple(questions), touchpoint=tp.id,
                   relevant=relevant)


def design(
    journey: Journey,
    *,
    mode: Mode = "cycle",
    language: str | None = None,
    segments: Sequence[str] = (),
    name: str | None = None,
) -> Questionnaire:
    """The satisfaction questionnaire of ``journey``'s moments of truth (see the module's description).

    ``mode="cycle"`` gives one questionnaire sent by email at the end of the cycle, with a screening
    question per moment and skip logic; ``mode="pulse"`` one two-question form per moment sent right
    after it (an SMS after a call, in the chat after a chat...) plus the end-of-cycle form (overall,
    NPS, the open question). ``language`` overrides the journey's; ``segments`` adds a question on
    which of these customer groups the respondent belongs to; ``name`` is the form id (default: from
    the journey's title). Raises :class:`~journeymap.errors.JourneyError` when the journey has no
    moment of truth.
    """
    if mode not in MODES:
        raise ValueError(f"'mode' must be one of: {', '.join(MODES)} (got {mode!r})")
    moments = journey.moments_of_truth
    if not moments:
        raise JourneyError("the journey has no moment of truth to ask about: mark some with moment_of_truth: true")
    if isinstance(segments, str) or not all(isinstance(s, str) and s.strip() for s in segments):
        raise TypeError("'segments' must be a list of non-empty names, such as ['New customer', 'Returning customer']")
    chosen = language_of(language or journey.language)
    scale = scales(segments)
    reasons = effort_reasons(journey)
    sections = []
    if mode == "cycle":
        lived = tuple(Question(f"lived_{tp.id}", "lived", scale["yes_no"], _texts(wording.lived_question, tp.label),
                               touchpoint=tp.id, ask_after=None, required=True) for tp in moments)
        sections.append(Section("lived", {lang: wording.section_titles(lang)["lived"] for lang in LANGUAGES}, lived,
                                intro={lang: wording.lived_intro(lang) for lang in LANGUAGES}))
    sections += [_moment_section(tp, reasons.get(tp.id, ()), scale, mode, journey.time_unit) for tp in moments]
    end = [
        Question("overall", "overall", scale["csat"], {lang: wording.overall_question(lang) for lang in LANGUAGES},
                 required=True),
        Question("nps", "nps", scale["nps"], {lang: wording.nps_question(lang) for lang in LANGUAGES}, required=True),
        Question("improve", "improve", scale["text"], {lang: wording.improve_question(lang) for lang in LANGUAGES}),
    ]
    if segments:
        end.append(Question("segment", "segment", scale["choice"],
                            {lang: wording.segment_question(lang) for lang in LANGUAGES}))
    sections.append(Section("end", {lang: wording.section_titles(lang)["end"] for lang in LANGUAGES}, tuple(end)))
    texts = {lang: wording.survey_texts(lang) for lang in LANGUAGES}
    return Questionnaire(
        name=name or _form_id(journey.title),
        title={lang: texts[lang]["title"] for lang in LANGUAGES},
        language=chosen,
        languages=tuple(LANGUAGES),
        mode=mode,
        sections=tuple(sections),
        welcome={lang: texts[lang]["pulse_welcome" if mode == "pulse" else "welcome"] for lang in LANGUAGES},
        thanks={lang: texts[lang]["thanks"] for lang in LANGUAGES},
        journey_title=journey.title,
        send_after=None,
        channel="email",
    )


def _form_id(title: str) -> str:
    """A form id every tool accepts: ASCII letters, digits and underscores, starting with a letter."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    kept: list[str] = []
    for word in words:
        if len("_".join([*kept, word])) > 40:
            break
        kept.append(word)
    form = "_".join(kept) or (words[0][:40] if words else "survey")
    return form if form[0].isalpha() else f"survey_{form}"
