"""The names a diagram prints for things the journey names by a key: channels, blueprint lanes, views
and the analysis metrics, in the journey's language (through :mod:`journeymap.text`'s catalogues).

Every other word a view prints is a ``words.gettext("...")`` call where it is printed, ``words``
being the scene's :class:`~journeymap.text.Translator`.
"""

from __future__ import annotations

from journeymap.text import N_, Translator

__all__ = [
    "CHANNELS",
    "EVIDENCE",
    "INTERNAL_CHANNELS",
    "LANE_TITLES",
    "METRIC_TITLES",
    "VIEW_TITLES",
    "channel_name",
    "evidence_name",
    "lane_title",
    "metric_title",
    "view_title",
]

CHANNELS: dict[str, str] = {
    "web": N_("Web"),
    "phone": N_("Phone"),
    "store": N_("Store"),
    "chat": N_("Chat"),
    "email": N_("Email"),
    "social": N_("Social media"),
    "app": N_("App"),
    "sms": N_("SMS"),
    "network": N_("Network"),
    "crm": N_("CRM"),
    "system": N_("System"),
    "warehouse": N_("Warehouse"),
    "courier": N_("Courier"),
    "on-site": N_("On site"),
    "video": N_("Video call"),
}
"""The channels we have a name for (any other channel is printed as the journey spells it)."""

EVIDENCE: dict[str, str] = {
    "web": N_("web page"),
    "phone": N_("phone call"),
    "store": N_("premises"),
    "chat": N_("chat window"),
    "email": N_("email"),
    "social": N_("social media post"),
    "app": N_("app screen"),
    "sms": N_("text message"),
    "on-site": N_("technician at home"),
    "video": N_("video call"),
    "courier": N_("parcel"),
}
"""The physical evidence a channel leaves the customer with (the blueprint's top row)."""

LANE_TITLES: dict[str, str] = {
    "evidence": N_("Physical evidence"),
    "customer": N_("Customer actions"),
    "frontstage": N_("Frontstage"),
    "backstage": N_("Backstage"),
    "support": N_("Support processes"),
}
"""The title of each row of the service blueprint."""

VIEW_TITLES: dict[str, str] = {
    "cycle": N_("Cycle of service"),
    "flow": N_("Flow by stage"),
    "blueprint": N_("Service blueprint"),
}
"""The name of each view (the title of a journey that has none)."""

METRIC_TITLES: dict[str, str] = {
    "expected_visits": N_("Expected visits per customer"),
    "reach_probability": N_("Share of customers reaching it"),
    "offered_load": N_("Offered load (utilisation)"),
    "drop_off": N_("Share of customers leaving there"),
    "arrival_rate": N_("Customers arriving per time unit"),
}
"""The colour key's title for each metric the analysis computes."""


def channel_name(words: Translator, channel: str | None) -> str:
    """The channel's name to print (``Teléfono`` for ``phone``); a channel we have no name for is
    printed as typed, and no channel as "no channel"."""
    if not channel:
        return words.gettext("no channel")
    known = CHANNELS.get(channel.lower())
    return words.gettext(known) if known else channel


INTERNAL_CHANNELS: frozenset[str] = frozenset({"network", "crm", "system", "warehouse"})
"""Channels of the business's own systems, which leave the customer no evidence to see."""


def evidence_name(words: Translator, channel: str) -> str | None:
    """The physical evidence of ``channel`` (``text message`` for ``sms``); the channel's name for one we
    do not know; ``None`` for the business's own systems (:data:`INTERNAL_CHANNELS`)."""
    key = channel.lower()
    if key in INTERNAL_CHANNELS:
        return None
    known = EVIDENCE.get(key)
    return words.gettext(known) if known else channel_name(words, channel)


def lane_title(words: Translator, lane: str) -> str:
    """The blueprint row title of a lane."""
    return words.gettext(LANE_TITLES[lane]) if lane in LANE_TITLES else lane


def view_title(words: Translator, view: str) -> str:
    """The name of a view (``Blueprint del servicio``)."""
    return words.gettext(VIEW_TITLES[view]) if view in VIEW_TITLES else view


def metric_title(words: Translator, name: str) -> str:
    """The colour key's title for one of the analysis metrics (the name, spaced out, for others)."""
    return words.gettext(METRIC_TITLES[name]) if name in METRIC_TITLES else name.replace("_", " ")
