"""The words of the action plan in each language of a journey: quadrant names, headings, axis labels.

Code and machine columns stay in English (``quadrant`` = ``quick_win``...); what people read (the
Markdown table, the chart, the Mermaid chart, the localised ``quadrant_label`` column) follows the
journey's ``language``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["QUADRANTS", "WORDS", "heading", "quadrant_label", "word"]

QUADRANTS: tuple[str, ...] = ("quick_win", "big_bet", "fill_in", "time_sink")
"""The quadrants' machine names, in the order an action plan lists them."""

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "quick_win": "Quick wins",
        "big_bet": "Big bets",
        "fill_in": "Fill-ins",
        "time_sink": "Time sinks",
        "rank": "#",
        "intervention": "Intervention",
        "owner": "Owner",
        "stage": "Stage",
        "moments_of_truth": "Moments of truth",
        "impact": "Impact",
        "effort": "Effort",
        "cost": "Cost",
        "score": "Score",
        "quadrant": "Quadrant",
        "impact_source": "Impact from",
        "simulation": "simulation",
        "heuristic": "heuristic",
        "person_days": "person-days",
        "title": "Action plan",
        "chart_title": "Where to act first: impact against effort",
        "low": "Low",
        "high": "High",
        "impact_axis": "Impact",
        "effort_axis": "Effort",
        "low_effort": "Low effort",
        "high_effort": "High effort",
        "low_impact": "Low impact",
        "high_impact": "High impact",
        "objective": "Objective",
        "heuristic_note": ("Impact is a heuristic score of the customers at stake where each intervention acts "
                           "(moment-of-truth weight × expected visits × share leaving), not a simulated change."),
        "simulation_note": "Impact: simulated change in {objective} with its 95% interval ({replications} paired "
                           "replications, seed {seed}).",
        "threshold_note": "Thresholds: impact {impact}, effort {effort} ({how}).",
        "medians": "medians",
        "given": "given",
        "goal_rate": "goal rate",
        "abandonment_rate": "customers lost while waiting",
        "drop_off_rate": "customers leaving without reaching a goal",
        "mot_mean_wait": "mean wait at the moments of truth",
        "mean_time_in_cycle": "time in the cycle",
        "p90_time_in_cycle": "90th percentile of the time in the cycle",
        "throughput": "throughput",
        "heuristic_score": "customers at stake (heuristic score)",
        "percentage_points": "percentage points",
        "none": "—",
    },
    "es": {
        "quick_win": "Ganancias rápidas",
        "big_bet": "Proyectos estratégicos",
        "fill_in": "Tareas menores",
        "time_sink": "Descartar",
        "rank": "#",
        "intervention": "Intervención",
        "owner": "Responsable",
        "stage": "Etapa",
        "moments_of_truth": "Momentos de verdad",
        "impact": "Impacto",
        "effort": "Esfuerzo",
        "cost": "Costo",
        "score": "Puntaje",
        "quadrant": "Cuadrante",
        "impact_source": "Impacto según",
        "simulation": "simulación",
        "heuristic": "heurística",
        "person_days": "días-persona",
        "title": "Plan de acción",
        "chart_title": "Dónde actuar primero: impacto frente a esfuerzo",
        "low": "Bajo",
        "high": "Alto",
        "impact_axis": "Impacto",
        "effort_axis": "Esfuerzo",
        "low_effort": "Esfuerzo bajo",
        "high_effort": "Esfuerzo alto",
        "low_impact": "Impacto bajo",
        "high_impact": "Impacto alto",
        "objective": "Objetivo",
        "heuristic_note": ("El impacto es un puntaje heurístico de los clientes en juego donde actúa cada "
                           "intervención (peso del momento de verdad × visitas esperadas × proporción que se va), "
                           "no un cambio simulado."),
        "simulation_note": "Impacto: cambio simulado en {objective} con su intervalo del 95 % ({replications} "
                           "réplicas pareadas, semilla {seed}).",
        "threshold_note": "Umbrales: impacto {impact}, esfuerzo {effort} ({how}).",
        "medians": "medianas",
        "given": "indicados",
        "goal_rate": "tasa de logro del objetivo",
        "abandonment_rate": "clientes perdidos en la espera",
        "drop_off_rate": "clientes que se van sin lograr su objetivo",
        "mot_mean_wait": "espera media en los momentos de verdad",
        "mean_time_in_cycle": "tiempo en el ciclo",
        "p90_time_in_cycle": "percentil 90 del tiempo en el ciclo",
        "throughput": "clientes atendidos por unidad de tiempo",
        "heuristic_score": "clientes en juego (puntaje heurístico)",
        "percentage_points": "puntos porcentuales",
        "none": "—",
    },
}
"""Every word the plan shows, by language."""


def word(key: str, language: str = "en", **values: Any) -> str:
    """The word or sentence ``key`` in ``language`` (English when the language is not known), formatted
    with ``values``."""
    table = WORDS.get(language, WORDS["en"])
    text = table.get(key, WORDS["en"].get(key, key.replace("_", " ")))
    return text.format(**values) if values else text


def quadrant_label(quadrant: str, language: str = "en") -> str:
    """The name people read for a quadrant (``quick_win`` → ``Quick wins`` / ``Ganancias rápidas``)."""
    return word(quadrant, language)


def heading(column: str, language: str = "en") -> str:
    """The heading of a plan column in ``language``."""
    return word(column, language)
