"""The workbench's words for things the journey names by a key: fields, distributions and their
parameters, views, zooms, simulation metrics, in the journey's language (through :mod:`journeymap.text`).

Every other word a widget shows is a ``words.gettext("...")`` call where it is shown, ``words`` being
the :class:`~journeymap.text.Translator` of the journey's language; each part has a ``relabel(words)``
that the editor calls when the journey's language changes (a Spanish template picked, say).
"""

from __future__ import annotations

from journeymap.text import N_, Translator

__all__ = ["DISTRIBUTION_NAMES", "PARAMETER_NAMES", "SIM_METRICS", "VIEW_NAMES", "choices", "name_of"]

DISTRIBUTION_NAMES: dict[str, str] = {
    "constant": N_("constant"),
    "exponential": N_("exponential"),
    "uniform": N_("uniform"),
    "triangular": N_("triangular"),
    "lognormal": N_("lognormal"),
    "gamma": N_("gamma"),
    "empirical": N_("empirical"),
    "none": N_("none"),
}
"""The distributions by their file-format names (``dist:``), as a dropdown shows them."""

PARAMETER_NAMES: dict[str, str] = {
    "value": N_("value"),
    "mean": N_("mean"),
    "sd": N_("sd"),
    "low": N_("low"),
    "high": N_("high"),
    "mode": N_("mode"),
    "values": N_("values"),
}
"""The distributions' parameters by their file-format names."""

VIEW_NAMES: dict[str, str] = {"cycle": N_("cycle"), "flow": N_("flow"), "blueprint": N_("blueprint")}
"""The diagram's views as the switch names them."""

SIM_METRICS: dict[str, str] = {
    "utilization": N_("utilisation"),
    "mean_wait": N_("mean wait"),
    "abandonment_rate": N_("abandonment"),
    "visits": N_("visits per customer"),
    "mean_queue": N_("mean queue"),
    "service_level": N_("service level"),
    "average_speed_of_answer": N_("average speed of answer"),
}
"""The simulation's metrics the diagram can be painted with, as the dropdown names them."""


def name_of(words: Translator, table: dict[str, str], key: str) -> str:
    """``key``'s name from ``table`` in ``words``' language; an unknown key spaced out (``mean_service``
    → ``mean service``)."""
    return words.gettext(table[key]) if key in table else key.replace("_", " ")


def choices(words: Translator, table: dict[str, str], keys: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """``(name, key)`` options for a dropdown of ``keys``."""
    return [(name_of(words, table, key), key) for key in keys]
