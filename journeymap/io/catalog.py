"""The built-in templates: ready-made service cycles, in English and Spanish, to start a map from, with
sample what-if scenarios and sample interventions written against each.

The catalogue is the one place that knows these files inside the package::

    journeymap/templates/<name>.<lang>.yaml                   kind="journey"       (a journey file)
    journeymap/templates/scenarios/<name>.<lang>.yaml         kind="scenarios"     (experiment reads them)
    journeymap/templates/interventions/<name>.<lang>.yaml     kind="interventions" (prioritize reads them)

The two languages of a template share every id and every number; only the words differ, so scenarios
written against one work on the other::

    import journeymap as jm
    jm.templates()                                  # the catalogue, one row per template
    journey = jm.template("telecom_outage", "es")   # a Journey, ready to draw or simulate
    path = jm.template_path("clinic_appointment")   # the file itself, to copy and edit
    ideas = jm.template_path("clinic_appointment", kind="interventions")
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

import yaml

from journeymap.errors import NotFound

if TYPE_CHECKING:
    import pandas as pd

    from journeymap.model import Journey

__all__ = [
    "DEFAULT_TEMPLATE",
    "KINDS",
    "Kind",
    "TemplateInfo",
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

Kind = Literal["journey", "scenarios", "interventions"]
KINDS: tuple[str, ...] = get_args(Kind)
"""The files the catalogue holds for a template: its journey, sample scenarios and sample interventions."""

_FILE_RE = re.compile(r"^(?P<name>[a-z0-9_]+)\.(?P<language>[a-z]{2})\.yaml$")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class TemplateInfo:
    """One row of the catalogue: what a template holds, counted from its file.

    ``samples`` names the sample files written against it in the language shown (``("scenarios",
    "interventions")``)."""

    name: str
    languages: tuple[str, ...]
    title: str
    description: str
    stages: int
    touchpoints: int
    moments_of_truth: int
    samples: tuple[str, ...] = ()


def _directory(kind: str = "journey") -> Traversable:
    """The folder of one kind of file inside the installed package."""
    if kind not in KINDS:
        raise NotFound("kind", kind, KINDS, text=f"no kind of template file '{kind}'",
                       tail=f"; choose one of: {', '.join(KINDS)}")
    folder = files("journeymap") / "templates"
    return folder if kind == "journey" else folder / kind


@functools.cache
def _index(kind: str = "journey") -> dict[str, tuple[str, ...]]:
    """Every template name that has a file of ``kind``, with the languages it is written in, both sorted."""
    found: dict[str, set[str]] = {}
    for entry in _directory(kind).iterdir():
        match = _FILE_RE.match(entry.name)
        if match and entry.is_file():
            found.setdefault(match["name"], set()).add(match["language"])
    return {name: tuple(sorted(found[name])) for name in sorted(found)}


def template_names(kind: Kind = "journey") -> tuple[str, ...]:
    """The names of every built-in template (with a file of ``kind``), sorted."""
    return tuple(_index(kind))


def template_languages(name: str, kind: Kind = "journey") -> tuple[str, ...]:
    """The languages template ``name`` (its file of ``kind``) is written in (``("en", "es")``)."""
    index = _index(kind)
    if name not in index:
        if kind == "journey":
            raise NotFound("template", name, index, text=f"unknown template '{name}'",
                           tail=f"; choose one of: {', '.join(index)}")
        raise NotFound(f"sample {kind}", name, index, text=f"no sample {kind} for template '{name}'",
                       tail=f"; available: {', '.join(index)}")
    return index[name]


def _resource(name: str, language: str, kind: str) -> Traversable:
    if kind != "journey" and language not in _index(kind).get(name, ()):
        names = [n for n, languages in _index(kind).items() if language in languages]
        available = f"available: {', '.join(names)}" if names else f"there are none in '{language}'"
        raise NotFound(f"sample {kind}", name, names, text=f"no sample {kind} for template '{name}' in '{language}'",
                       tail=f"; {available}")
    languages = template_languages(name, kind)  # type: ignore[arg-type]
    if language not in languages:
        raise NotFound("language", language, languages, text=f"template '{name}' is not written in language "
                       f"'{language}'", tail=f"; available: {', '.join(languages)}")
    return _directory(kind) / f"{name}.{language}.yaml"


def template_path(name: str = DEFAULT_TEMPLATE, language: str = "en", *, kind: Kind = "journey") -> Path:
    """The file of template ``name`` in ``language`` inside the installed package: its journey, or with
    ``kind="scenarios"`` / ``"interventions"`` its sample scenarios or interventions.

    Raises :class:`~journeymap.errors.NotFound` naming the closest template and listing the valid ones
    when there is no such template, language or sample."""
    resource = _resource(name, language, kind)
    if not isinstance(resource, Path):  # pragma: no cover - only for a package imported from a zip file
        raise NotFound("file", name, text=f"template '{name}' is inside a zipped package; read it with "
                                          f"template_text('{name}')")
    return resource


def template_text(name: str = DEFAULT_TEMPLATE, language: str = "en", *, kind: Kind = "journey") -> str:
    """The exact text of a template file (what ``journeymap new`` copies), comments included; ``kind`` as
    for :func:`template_path`."""
    return _resource(name, language, kind).read_text(encoding="utf-8")


@functools.cache
def _document(name: str, language: str) -> dict[str, Any]:
    """The raw YAML document of a template (package data never changes while running, so it is kept)."""
    document = yaml.load(template_text(name, language), Loader=_LOADER)
    return document if isinstance(document, dict) else {}


def template(name: str = DEFAULT_TEMPLATE, language: str = "en") -> Journey:
    """Template ``name`` in ``language`` (``"en"`` or ``"es"``) as a :class:`~journeymap.Journey`.

    The default is the six-phase service cycle. Unknown names raise :class:`~journeymap.errors.NotFound`
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
        samples=tuple(kind for kind in KINDS[1:] if shown in _index(kind).get(name, ())),
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
