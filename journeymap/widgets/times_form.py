"""Capacity, service time, patience and arrivals of the selected touchpoint, typed as in the file format.

Times take units (``6 min``, ``90 s``; a bare number is in the journey's time unit), arrival rates
take ``30/h`` or ``120 per day``, distributions take the file format's ``dist:`` names and
parameters. Each field is committed on its own; a refused value stays as typed with the reason.
"""

from __future__ import annotations

import html
from collections.abc import Callable

import ipywidgets as w

from journeymap.errors import Issue, UnitError
from journeymap.model import Arrival, Journey, mean_arrival_rate
from journeymap.model.edits import set_arrival_rate
from journeymap.model.units import format_rate
from journeymap.text import Translator, unit_symbol
from journeymap.widgets.base import Apply
from journeymap.widgets.fields import LABEL_WIDTH, DistributionInput, Field, FieldEdits, text
from journeymap.widgets.parsing import format_capacity, format_rate_text, parse_capacity, parse_optional_rate

__all__ = ["TimesForm"]


class TimesForm(FieldEdits, w.VBox):
    """How the selected touchpoint serves: servers in parallel, service and patience times, customers entering."""

    def __init__(self, apply: Apply, time_unit: str = "minute") -> None:
        self._start(apply)
        self.touchpoint_id: str | None = None
        self.drafts: dict[str, list[Issue]] = {}
        self.unit = w.HTML()
        self.capacity = Field(text("capacity"), name="capacity")
        self.service_time = Field(DistributionInput("service time", time_unit), name="service_time")
        self.patience = Field(DistributionInput("patience", time_unit), name="patience")
        self.arrival = Field(text("arrivals"), name="arrival")
        self.schedule = w.HTML()
        super().__init__(
            [self.unit, self.capacity, self.service_time, self.patience, self.arrival, self.schedule],
            layout=w.Layout(width="100%"),
        )
        self.add_class("jm-times-form")
        self.capacity.control.observe(self._capacity_changed, names="value")
        self.arrival.control.observe(self._arrival_changed, names="value")
        self.service_time.control.on_change(self._distribution_changed("service_time"))
        self.patience.control.on_change(self._distribution_changed("patience"))
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language."""
        self.words = words
        self.capacity.control.description = words.gettext("capacity")
        self.capacity.control.placeholder = words.gettext("empty: unlimited")
        self.service_time.control.relabel(words, words.gettext("service time"))
        self.patience.control.relabel(words, words.gettext("patience"))
        self.arrival.control.description = words.gettext("arrivals")
        self.arrival.control.placeholder = words.gettext("e.g. 30/h; empty: nobody enters here")

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
                self.arrival.control.value = _arrival_text(arrivals, unit)
        scheduled = [a for a in arrivals if a.schedule]
        note = words.gettext("a daily schedule: the rate above is its daily mean, and a new one scales every period")
        self.schedule.value = (
            f"<span style='color:#666;font-size:0.85em;margin-left:{LABEL_WIDTH}'>{html.escape(note)}</span>"
            if scheduled
            else ""
        )
        for name in ("capacity", "service_time", "patience", "arrival"):
            getattr(self, name).show(self.drafts.get(name, issues.get(name, [])))

    # -- committing ------------------------------------------------------------------------------
    def _capacity_changed(self, change: dict) -> None:
        if self._quiet.active or self.touchpoint_id is None:
            return
        tp_id = self.touchpoint_id
        try:
            capacity = parse_capacity(change["new"])
        except UnitError as exc:
            self._refuse(self.capacity, exc)
            return
        self._commit(self.capacity, lambda j: j.update_touchpoint(tp_id, capacity=capacity),
                     self.words.gettext("capacity of {name}", name=self._name(tp_id)))

    def _arrival_changed(self, change: dict) -> None:
        if self._quiet.active or self.touchpoint_id is None or self.journey is None:
            return
        tp_id = self.touchpoint_id
        try:
            rate = parse_optional_rate(change["new"], self.journey.time_unit, field="arrivals")
        except UnitError as exc:
            self._refuse(self.arrival, exc)
            return
        self._commit(self.arrival, lambda j: set_arrival_rate(j, rate, tp_id),
                     self.words.gettext("arrivals at {name}", name=self._name(tp_id)))

    def _distribution_changed(self, name: str) -> Callable[[], None]:
        def changed() -> None:
            if self._quiet.active or self.touchpoint_id is None:
                return
            field: Field = getattr(self, name)
            tp_id = self.touchpoint_id
            try:
                value = field.control.value()
            except UnitError as exc:
                self._refuse(field, exc)
                return
            label = (self.words.gettext("service time of {name}", name=self._name(tp_id)) if name == "service_time"
                     else self.words.gettext("patience at {name}", name=self._name(tp_id)))
            self._commit(field, lambda j: j.update_touchpoint(tp_id, **{name: value}), label)

        return changed


def _arrival_text(arrivals: list[Arrival], time_unit: str) -> str:
    """The arrivals box's text: the rate, or a schedule's daily mean rate."""
    if not arrivals:
        return ""
    if len(arrivals) == 1 and not arrivals[0].schedule:
        return format_rate_text(arrivals[0].rate, time_unit)
    rates = mean_arrival_rate(Journey("arrivals", arrivals=tuple(arrivals), time_unit=time_unit))  # type: ignore[arg-type]
    return str(format_rate(round(sum(rates.values()), 9), time_unit))
