"""Capacity, service time, patience and arrivals of the selected touchpoint, typed as in the file format.

Times take units (``6 min``, ``90 s``; a bare number is in the journey's time unit), arrival rates
take ``30/h`` or ``120 per day``, distributions take the file format's ``dist:`` names and
parameters. Each field is committed on its own; a refused value stays as typed with the reason.
"""

from __future__ import annotations

import html

import ipywidgets as w

from journeymap.errors import Issue
from journeymap.model import Arrival, Journey, mean_arrival_rate
from journeymap.model.edits import set_arrival_rate
from journeymap.text import N_, Translator, unit_symbol
from journeymap.widgets.base import Apply
from journeymap.widgets.fields import LABEL_WIDTH, DistributionInput, Field, FieldEdits, text, updating
from journeymap.widgets.parsing import format_capacity, format_rate_text, parse_capacity, parse_optional_rate

__all__ = ["TimesForm"]


class TimesForm(FieldEdits, w.VBox):
    """How the selected touchpoint serves: servers in parallel, service and patience times, customers entering."""

    def __init__(self, apply: Apply, time_unit: str = "minute") -> None:
        self._start(apply)
        self.touchpoint_id: str | None = None
        self.drafts: dict[str, list[Issue]] = {}
        self.unit = w.HTML()
        self.capacity = Field(self._says(text(), description=N_("capacity"), placeholder=N_("empty: unlimited")),
                              name="capacity")
        self.service_time = Field(DistributionInput("service time", time_unit), name="service_time")
        self.patience = Field(DistributionInput("patience", time_unit), name="patience")
        self.arrival = Field(self._says(text(), description=N_("arrivals"),
                                        placeholder=N_("e.g. 30/h; empty: nobody enters here")), name="arrival")
        self.schedule = w.HTML()
        super().__init__(
            [self.unit, self.capacity, self.service_time, self.patience, self.arrival, self.schedule],
            layout=w.Layout(width="100%"),
        )
        self.add_class("jm-times-form")
        for field, read, edit, what in (
            (self.capacity, lambda: parse_capacity(self.capacity.control.value), updating("capacity"),
             N_("capacity of {name}")),
            (self.arrival, self._rate, _arrivals_at, N_("arrivals at {name}")),
        ):
            field.control.observe(self._commits(field, read, edit, what), names="value")
        for field, what in ((self.service_time, N_("service time of {name}")),
                            (self.patience, N_("patience at {name}"))):
            field.control.on_change(self._commits(field, field.control.value, updating(field.name), what))
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language (the distributions' too)."""
        super().relabel(words)
        self.service_time.control.relabel(words, words.gettext("service time"))
        self.patience.control.relabel(words, words.gettext("patience"))

    def load(
        self, journey: Journey, touchpoint_id: str, issues: dict[str, list[Issue]], *, keep_drafts: bool = False
    ) -> None:
        """Show the selected touchpoint's times; ``keep_drafts`` keeps refused values of this same touchpoint."""
        if not keep_drafts or touchpoint_id != self.touchpoint_id:
            self.drafts.clear()
        self.journey, self.touchpoint_id = journey, touchpoint_id
        tp = journey.touchpoint(touchpoint_id)
        unit = journey.time_unit
        words = self.words
        help_text = words.gettext("times with units (6 min, 90 s); a bare number is in {unit} · rates like 30/h",
                                  unit=unit_symbol(unit, journey.language, length="long"))
        self.unit.value = f"<span style='color:#666;font-size:0.85em'>{html.escape(help_text)}</span>"
        arrivals = [a for a in journey.arrivals if a.touchpoint == touchpoint_id]
        with self._quiet():
            for name in ("service_time", "patience"):
                control = getattr(self, name).control
                control.time_unit = unit
                if name not in self.drafts:
                    control.set(getattr(tp, name))
            if "capacity" not in self.drafts:
                self.capacity.control.value = format_capacity(tp.capacity)
            if "arrival" not in self.drafts:
                self.arrival.control.value = _arrival_text(arrivals, unit, self.words.language)
        scheduled = [a for a in arrivals if a.schedule]
        note = words.gettext("a daily schedule: the rate above is its daily mean, and a new one scales every period")
        self.schedule.value = (
            f"<span style='color:#666;font-size:0.85em;margin-left:{LABEL_WIDTH}'>{html.escape(note)}</span>"
            if scheduled
            else ""
        )
        for name in ("capacity", "service_time", "patience", "arrival"):
            getattr(self, name).show(self.drafts.get(name, issues.get(name, [])))

    def _rate(self) -> float | None:
        """The arrival rate typed (``None``: nobody enters here), per the journey's time unit."""
        assert self.journey is not None  # a touchpoint is shown, so is its journey
        return parse_optional_rate(self.arrival.control.value, self.journey.time_unit, field="arrivals",
                                   language=self.words.language)


def _arrivals_at(journey: Journey, tp_id: str, rate: float | None) -> Journey:
    """The journey with customers entering at touchpoint ``tp_id`` at ``rate`` (``None``: nobody)."""
    return set_arrival_rate(journey, rate, tp_id)


def _arrival_text(arrivals: list[Arrival], time_unit: str, language: str) -> str:
    """The arrivals box's text in ``language``: the rate, or a schedule's daily mean rate."""
    if not arrivals:
        return ""
    if len(arrivals) == 1 and not arrivals[0].schedule:
        return format_rate_text(arrivals[0].rate, time_unit, language)
    rates = mean_arrival_rate(Journey("arrivals", arrivals=tuple(arrivals), time_unit=time_unit))  # type: ignore[arg-type]
    return format_rate_text(round(sum(rates.values()), 9), time_unit, language)
