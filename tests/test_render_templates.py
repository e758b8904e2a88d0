"""Every built-in template draws in every view, in both languages, with every touchpoint on the page."""

from __future__ import annotations

import pytest
from render_samples import by_id, groups, parse_svg, shows

from journeymap.io.catalog import template, template_languages, template_names
from journeymap.render import draw, to_mermaid

CASES = [(name, language) for name in template_names() for language in template_languages(name)]


def test_the_catalogue_has_templates_to_draw() -> None:
    assert len(CASES) >= 2


@pytest.mark.parametrize(("name", "language"), CASES)
def test_template_draws_in_every_view(name: str, language: str) -> None:
    journey = template(name, language)
    for view in ("cycle", "flow", "blueprint"):
        root = parse_svg(draw(journey, view).svg())
        assert len(groups(root, "touchpoint")) == len(journey.touchpoints), view
        assert len(groups(root, "moment-of-truth")) == len(journey.moments_of_truth), view
        legend = by_id(root, "legend") if view != "flow" else root
        assert shows(legend, "Leyenda" if language == "es" else "Legend"), view
        for tp in journey.touchpoints:
            shown = by_id(root, f"tp-{tp.id}-label") if view == "cycle" else by_id(root, f"tp-{tp.id}")
            assert shows(shown, tp.label), (view, tp.id)
    facing = [tp for tp in journey.touchpoints if tp.lane in ("customer", "frontstage")]
    assert to_mermaid(journey).count("\n      ") == len(facing)  # the customer's journey
    assert to_mermaid(journey, every_step=True).count("\n      ") == len(journey.touchpoints)
