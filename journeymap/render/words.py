"""The words a diagram prints (legends, titles, badges), in the journey's language (``en`` or ``es``).

Code and keys stay in English; what a workshop audience reads follows ``journey.language``. A
language without its own table falls back to English, so a journey never fails to draw over words.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["CHANNEL_NAMES", "LANE_NAMES", "METRIC_NAMES", "WORDS", "Words", "words_for"]

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "view.cycle": "Cycle of service",
        "view.flow": "Flow by stage",
        "view.blueprint": "Service blueprint",
        "legend": "Legend",
        "touchpoints": "touchpoints",
        "touchpoints.one": "touchpoint",
        "moments_of_truth": "moments of truth",
        "moments_of_truth.one": "moment of truth",
        "reach_goal": "reach a goal",
        "number": "order in which customers first meet it",
        "clock": "numbered clockwise from 12 o'clock",
        "moment_of_truth": "moment of truth (double border)",
        "requirements": "what the customer requires there",
        "goal": "goal reached",
        "channel": "Channel",
        "no_channel": "no channel",
        "other_channel": "other channel",
        "owner": "owner under the name",
        "next_step": "next step (along the rim)",
        "skip": "skips ahead",
        "loop": "goes back (loop)",
        "route_share": "% share of customers taking the route",
        "route_share_all": "% share of customers taking the route (unlabelled: all)",
        "flow_width": "arrow width: expected flow",
        "leave": "leave here",
        "finish": "finish here",
        "leave_legend": "share of all customers who leave there",
        "satisfaction": "Satisfaction (1–5)",
        "satisfaction.low": "low",
        "satisfaction.mid": "middling",
        "satisfaction.high": "high",
        "no_data": "no data",
        "lane": "Lane",
        "line.interaction": "line of interaction",
        "line.visibility": "line of visibility",
        "line.internal": "line of internal interaction",
        "no_stage": "(no stage)",
        "metric": "Metric",
    },
    "es": {
        "view.cycle": "Ciclo de servicio",
        "view.flow": "Flujo por etapa",
        "view.blueprint": "Blueprint del servicio",
        "legend": "Leyenda",
        "touchpoints": "puntos de contacto",
        "touchpoints.one": "punto de contacto",
        "moments_of_truth": "momentos de la verdad",
        "moments_of_truth.one": "momento de la verdad",
        "reach_goal": "llegan a una meta",
        "number": "orden en que el cliente lo encuentra",
        "clock": "numerados en sentido horario desde las 12",
        "moment_of_truth": "momento de la verdad (borde doble)",
        "requirements": "lo que el cliente requiere ahí",
        "goal": "meta alcanzada",
        "channel": "Canal",
        "no_channel": "sin canal",
        "other_channel": "otro canal",
        "owner": "responsable bajo el nombre",
        "next_step": "paso siguiente (por el borde)",
        "skip": "salta pasos",
        "loop": "vuelve atrás (bucle)",
        "route_share": "% de clientes que toman la ruta",
        "route_share_all": "% de clientes que toman la ruta (sin cifra: todos)",
        "flow_width": "grosor de la flecha: flujo esperado",
        "leave": "salen aquí",
        "finish": "terminan aquí",
        "leave_legend": "parte de todos los clientes que salen ahí",
        "satisfaction": "Satisfacción (1–5)",
        "satisfaction.low": "baja",
        "satisfaction.mid": "media",
        "satisfaction.high": "alta",
        "no_data": "sin datos",
        "lane": "Carril",
        "line.interaction": "línea de interacción",
        "line.visibility": "línea de visibilidad",
        "line.internal": "línea de interacción interna",
        "no_stage": "(sin etapa)",
        "metric": "Métrica",
    },
}

CHANNEL_NAMES: dict[str, dict[str, str]] = {
    "en": {"web": "Web", "phone": "Phone", "store": "Store", "chat": "Chat", "email": "Email",
           "social": "Social media", "app": "App"},
    "es": {"web": "Web", "phone": "Teléfono", "store": "Tienda", "chat": "Chat", "email": "Correo",
           "social": "Redes sociales", "app": "App"},
}

LANE_NAMES: dict[str, dict[str, str]] = {
    "en": {"customer": "Customer actions", "frontstage": "Frontstage", "backstage": "Backstage",
           "support": "Support processes"},
    "es": {"customer": "Acciones del cliente", "frontstage": "Escenario (visible)",
           "backstage": "Tras bambalinas", "support": "Procesos de apoyo"},
}

METRIC_NAMES: dict[str, dict[str, str]] = {
    "en": {"expected_visits": "Expected visits per customer", "reach_probability": "Share of customers reaching it",
           "offered_load": "Offered load (utilisation)", "drop_off": "Share of customers leaving there",
           "arrival_rate": "Customers arriving per time unit"},
    "es": {"expected_visits": "Visitas esperadas por cliente", "reach_probability": "Parte de clientes que llega",
           "offered_load": "Carga ofrecida (utilización)", "drop_off": "Parte de clientes que sale ahí",
           "arrival_rate": "Clientes que llegan por unidad de tiempo"},
}


class Words:
    """The printed words of one language: ``words["legend"]``, ``words.channel("phone")``."""

    def __init__(self, language: str) -> None:
        self.language = language if language in WORDS else "en"
        self._table: Mapping[str, str] = WORDS[self.language]

    def __getitem__(self, key: str) -> str:
        return self._table.get(key) or WORDS["en"][key]

    def count(self, number: int, key: str) -> str:
        """``number`` with the noun ``key`` in singular or plural: ``1 touchpoint``, ``12 touchpoints``."""
        return f"{number} {self[f'{key}.one'] if number == 1 else self[key]}"

    def channel(self, channel: str | None) -> str:
        """The channel's name to print (a channel we have no word for is printed as typed)."""
        if not channel:
            return self["no_channel"]
        return CHANNEL_NAMES[self.language].get(channel.lower(), channel)

    def lane(self, lane: str) -> str:
        """The blueprint row title of a lane."""
        return LANE_NAMES[self.language].get(lane, lane)

    def metric(self, name: str) -> str:
        """The colour key's title for one of the analysis metrics (the name itself for others)."""
        return METRIC_NAMES[self.language].get(name, name.replace("_", " "))


def words_for(language: str) -> Words:
    """The printed words for ``language`` (English when there is no table for it)."""
    return Words(language)
