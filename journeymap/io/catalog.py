"""The built-in templates: ready-made service cycles, in English and Spanish, to start a map from.

Each template is a journey file shipped inside the package as ``journeymap/templates/<name>.<lang>.yaml``.
The two languages of a template share every id and every number; only the words differ, so scenarios
written against one work on the other::

    import journeymap as jm
    jm.templates()                                  # the catalogue, one row per template
    journey = jm.template("telecom_outage", "es")   # a Journey, ready to draw or simulate
    path = jm.template_path("clinic_appointment")   # the file itself, to copy and edit
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from journeymap.errors import Issue, JourneyError, did_you_mean

if TYPE_CHECKING:
    import pandas as pd

    from journeymap.model import Journey

__all__ = [
    "DEFAULT_TEMPLATE",
    "TemplateInfo",
    "UnknownTemplateError",
    "catalog",
    "template",
    "template_info",
    "template_languages",
    "template_names",
    "template_path",
    "template_text",
    "templates",
]

DEFAULT_TEMPLATE = "service_cycle"
"""The template ``make demo`` and a bare ``template()`` use: the six-phase service cycle."""

_FILE_RE = re.compile(r"^(?P<name>[a-z0-9_]+)\.(?P<language>[a-z]{2})\.yaml$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class UnknownTemplateError(JourneyError, KeyError):
    """No template has that name, or the template is not available in that language.

    A :class:`~journeymap.errors.JourneyError` (so the command line prints it as one line and exits 2)
    and a :class:`KeyError` (so ``except KeyError`` works as for any failed look-up)."""

    def __str__(self) -> str:  # KeyError would quote the message
        return Exception.__str__(self)


@dataclass(frozen=True)
class TemplateInfo:
    """One row of the catalogue: what a template holds, counted from its file."""

    name: str
    languages: tuple[str, ...]
    title: str
    description: str
    stages: int
    touchpoints: int
    moments_of_truth: int


def _directory() -> Traversable:
    """The folder of template files inside the installed package."""
    return files("journeymap") / "templates"


def _index() -> dict[str, tuple[str, ...]]:
    """Every template name with the languages it is written in, both sorted."""
    found: dict[str, set[str]] = {}
    for entry in _directory().iterdir():
        match = _FILE_RE.match(entry.name)
        if match and entry.is_file():
            found.setdefault(match["name"], set()).add(match["language"])
    return {name: tuple(sorted(found[name])) for name in sorted(found)}


def template_names() -> tuple[str, ...]:
    """The names of every built-in template, sorted."""
    return tuple(_index())


def template_languages(name: str) -> tuple[str, ...]:
    """The languages template ``name`` is written in (``("en", "es")``)."""
    index = _index()
    if name not in index:
        hint = did_you_mean(name, index)
        raise UnknownTemplateError(Issue(f"unknown template '{name}'{hint}; choose one of: {', '.join(index)}"))
    return index[name]


def _resource(name: str, language: str) -> Traversable:
    languages = template_languages(name)
    if language not in languages:
        raise UnknownTemplateError(
            Issue(
                f"template '{name}' is not written in language '{language}'{did_you_mean(language, languages)}; "
                f"available: {', '.join(languages)}"
            )
        )
    return _directory() / f"{name}.{language}.yaml"


def template_path(name: str = DEFAULT_TEMPLATE, language: str = "en") -> Path:
    """The file of template ``name`` in ``language``, inside the installed package.

    Raises :class:`UnknownTemplateError` (a ``KeyError`` and a ``JourneyError``) naming the closest
    template and listing the valid ones when there is no such template or language."""
    resource = _resource(name, language)
    if not isinstance(resource, Path):  # pragma: no cover - only for a package imported from a zip file
        raise UnknownTemplateError(
            Issue(f"template '{name}' is inside a zipped package; read it with template_text('{name}')")
        )
    return resource


def template_text(name: str = DEFAULT_TEMPLATE, language: str = "en") -> str:
    """The exact text of a template file (what ``journeymap new`` copies), comments included."""
    return _resource(name, language).read_text(encoding="utf-8")


@functools.cache
def _document(name: str, language: str) -> dict[str, Any]:
    """The raw YAML document of a template (package data never changes while running, so it is kept)."""
    document = yaml.load(template_text(name, language), Loader=_LOADER)
    return document if isinstance(document, dict) else {}


def template(name: str = DEFAULT_TEMPLATE, language: str = "en") -> Journey:
    """Template ``name`` in ``language`` (``"en"`` or ``"es"``) as a :class:`~journeymap.Journey`.

    The default is the six-phase service cycle. Unknown names raise :class:`UnknownTemplateError`
    with a did-you-mean."""
    from journeymap.io import load

    return load(template_path(name, language))


def template_info(name: str, language: str = "en") -> TemplateInfo:
    """What template ``name`` holds, with its title and description in ``language``."""
    languages = template_languages(name)
    shown = language if language in languages else languages[0]
    document = _document(name, shown)
    touchpoints = [tp for tp in document.get("touchpoints") or [] if isinstance(tp, dict)]
    return TemplateInfo(
        name=name,
        languages=languages,
        title=str(document.get("title", name)),
        description=" ".join(str(document.get("description") or "").split()),
        stages=len(document.get("stages") or []),
        touchpoints=len(touchpoints),
        moments_of_truth=sum(1 for tp in touchpoints if tp.get("moment_of_truth") is True),
    )


def catalog(language: str = "en") -> tuple[TemplateInfo, ...]:
    """Every built-in template, default first then by name, titles in ``language`` where available."""
    names = sorted(template_names(), key=lambda n: (n != DEFAULT_TEMPLATE, n))
    return tuple(template_info(name, language) for name in names)


def templates(language: str = "en") -> pd.DataFrame:
    """The catalogue as a table: ``name``, ``languages`` (``"en, es"``), ``title`` (in ``language``,
    English by default), ``stages``, ``touchpoints`` and ``moments_of_truth``; the default template first."""
    import pandas as pd

    rows = [
        {
            "name": info.name,
            "languages": ", ".join(info.languages),
            "title": info.title,
            "stages": info.stages,
            "touchpoints": info.touchpoints,
            "moments_of_truth": info.moments_of_truth,
        }
        for info in catalog(language)
    ]
    columns = ["name", "languages", "title", "stages", "touchpoints", "moments_of_truth"]
    return pd.DataFrame(rows, columns=columns)
