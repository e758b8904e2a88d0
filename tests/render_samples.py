"""Journeys the rendering tests draw, built in Python with the model classes (no files, no templates)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from journeymap.model import Arrival, Exponential, Journey, Stage, Touchpoint, Transition


def _tp(id: str, name: str, stage: str, *routes: tuple[str, float], **fields: object) -> Touchpoint:
    return Touchpoint(id, name, stage, next=tuple(Transition(t, p) for t, p in routes), **fields)


def outage(language: str = "en") -> Journey:
    """An internet outage handled by a telecom: 12 touchpoints over 5 stages, all four lanes, two entry
    points, a loop back to the help line, a skip, a technician/parts loop, moments of truth with
    requirements, satisfaction scores, a goal and a channel with no colour of its own."""
    stages = (
        Stage("notice", "Notice the problem"),
        Stage("contact", "Contact"),
        Stage("diagnose", "Diagnosis"),
        Stage("resolve", "Resolution"),
        Stage("after", "After-sales and loyalty"),
    )
    touchpoints = (
        _tp("outage", "Notices the outage", "notice", ("status", 0.6), ("call", 0.3), channel="app",
            lane="customer", satisfaction=2.0),
        _tp("status", "Checks the status page", "notice", ("call", 0.5), ("chat", 0.3), channel="web",
            lane="customer", owner="Digital team", satisfaction=3.0),
        _tp("call", "Calls the help line", "contact", ("log", 0.85), channel="phone", owner="Contact centre",
            moment_of_truth=True, requirements=("Answered in under 2 minutes", "No need to repeat my details"),
            satisfaction=2.4, capacity=5, service_time=Exponential(6.0)),
        _tp("chat", "Chats with an agent", "contact", ("log", 0.9), channel="chat", owner="Contact centre",
            satisfaction=3.6),
        _tp("log", "Case logged in the CRM", "contact", ("test", 1.0), lane="support", owner="IT systems"),
        _tp("test", "Remote line test", "diagnose", ("fix", 0.6), ("visit", 0.3), ("call", 0.1), lane="backstage",
            owner="Network operations"),
        _tp("fix", "Remote fix", "resolve", ("confirm", 1.0), lane="backstage", owner="Network operations"),
        _tp("visit", "Technician visit", "resolve", ("parts", 0.2), ("confirm", 0.8), channel="home visit",
            owner="Field service", moment_of_truth=True,
            requirements=("Arrives within the promised slot", "Fixes it in one visit"), satisfaction=4.1),
        _tp("parts", "Spare parts sent", "resolve", ("visit", 1.0), lane="support", owner="Logistics"),
        _tp("confirm", "Confirms the line works", "resolve", ("survey", 0.5), channel="email", lane="customer",
            moment_of_truth=True, requirements=("Clear explanation of what happened",), goal=True, satisfaction=4.4),
        _tp("survey", "Answers the survey", "after", ("offer", 0.7), channel="email", lane="customer",
            satisfaction=3.2),
        _tp("offer", "Loyalty offer", "after", ("outage", 0.1), channel="social", owner="Marketing",
            satisfaction=4.0),
    )
    arrivals = (Arrival("outage", rate=0.5), Arrival("call", rate=0.2))
    return Journey("Internet outage support", stages, touchpoints, arrivals, language=language)  # type: ignore[arg-type]


NASTY = (
    'Say "hi" {to} <script>alert(1)</script> & \\N \\G back\\slash',
    "Atención al cliente — Señal del Ñandú 🚀",
    "A" * 70,
    "Two\nlines; with: colons, commas # hash %% percent",
)


def nasty() -> Journey:
    """Names, owners, requirements and a title written the way people really type them."""
    stages = (Stage("s1", 'Etapa "uno" <b>'), Stage("s2", "Stage #2: after; done"))
    touchpoints = (
        _tp("a", NASTY[0], "s1", ("b", 0.7), ("c", 0.2), channel="web", owner='Team <"ops"> & co \\ {x}',
            moment_of_truth=True, requirements=(NASTY[1], "Reply < 2 min & > 0 \\ ok", "Newline\nin requirement"),
            satisfaction=1.5),
        _tp("b", NASTY[1], "s1", ("c", 0.9), channel="teléfono fijo", owner="Ñandú", satisfaction=4.5),
        _tp("c", NASTY[2], "s2", ("d", 0.5), channel="chat", lane="backstage", goal=True),
        _tp("d", NASTY[3], "s2", ("a", 0.2), channel="store", lane="support", owner="C:\\Users\\Ñandú"),
    )
    return Journey('Título "raro" <script>x</script> & Ñ', stages, touchpoints, (Arrival("a", rate=1.0),),
                   language="es")


def empty() -> Journey:
    """A journey with no touchpoints yet (a consultant who just started)."""
    return Journey("Blank", (Stage("s", "Only stage"),))


# -- reading the SVG back --------------------------------------------------------------------------
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"


def parse_svg(svg: str) -> ET.Element:
    """The SVG's root element (fails the test if the SVG is not well-formed XML)."""
    return ET.fromstring(svg)


def groups(root: ET.Element, css_class: str) -> list[ET.Element]:
    """Every ``<g>`` whose class list holds ``css_class``."""
    return [g for g in root.iter(f"{SVG}g") if css_class in (g.get("class") or "").split()]


def by_id(root: ET.Element, element_id: str) -> ET.Element:
    """The element with this ``id`` (exactly one must exist)."""
    found = [e for e in root.iter() if e.get("id") == element_id]
    assert len(found) == 1, f"{len(found)} elements with id {element_id!r}"
    return found[0]


def texts(element: ET.Element) -> list[str]:
    """The text of every ``<text>`` under ``element``, in order."""
    return ["".join(t.itertext()) for t in element.iter(f"{SVG}text")]


def squeezed(text: str) -> str:
    """``text`` without any whitespace (wrapped lines joined back compare equal)."""
    return "".join(text.split())


def shows(element: ET.Element, text: str) -> bool:
    """Whether ``text`` appears under ``element``, wrapped over several lines or not."""
    return squeezed(text) in squeezed("".join(texts(element)))


def tooltips(element: ET.Element) -> list[str]:
    """Every tooltip (``xlink:title``) under ``element``."""
    return [a.get(f"{XLINK}title") or "" for a in element.iter(f"{SVG}a")]
