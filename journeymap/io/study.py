"""A study folder: one consultant's project, laid out so that every command finds its parts.

::

    my-study/
      journey.yaml          the map (start from a template, edit it)
      scenarios.yaml        what-if scenarios        (journeymap compare my-study)
      interventions.yaml    the ideas to rank        (journeymap quickwins my-study)
      responses/            survey answers: CSV, XLSX or SurveyJS JSON (journeymap survey score)
      logs/                 event logs: CSV, Parquet, XES (journeymap calibrate)
      out/                  what the commands write: drawings, plans, the client's report
      README.md             what goes where

:func:`init_study` writes one from a template of the catalogue (its journey, sample scenarios and
sample interventions); :func:`open_study` finds the parts of an existing one; :func:`is_study` tells a
study folder from a journey file. Every command that takes a journey file takes a study folder too
(``journeymap report my-study``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from journeymap.errors import JourneyError, NotFound
from journeymap.io.atomic import write_text
from journeymap.io.catalog import DEFAULT_TEMPLATE, template_info, template_languages, template_text
from journeymap.io.writers import markdown_table, markdown_text, write_markdown
from journeymap.text import translator

__all__ = [
    "FOLDERS",
    "JOURNEY_FILES",
    "LOG_SUFFIXES",
    "RESPONSE_SUFFIXES",
    "Study",
    "init_study",
    "is_study",
    "open_study",
]

JOURNEY_FILES: tuple[str, ...] = ("journey.yaml", "journey.yml", "journey.json")
"""The names a study's journey may have, in the order they are looked for."""
FOLDERS: tuple[str, ...] = ("responses", "logs", "out")
"""The study's folders: survey answers, event logs, and what the commands write."""
RESPONSE_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".json")
"""Files in ``responses/`` read as survey answers."""
LOG_SUFFIXES: tuple[str, ...] = (".csv", ".parquet", ".xes", ".gz")
"""Files in ``logs/`` read as event logs (``.gz``: a compressed XES)."""


@dataclass(frozen=True)
class Study:
    """The parts of a study folder: ``journey`` (always there), ``scenarios`` and ``interventions``
    (``None`` when absent), the files in ``responses/`` and ``logs/`` (sorted by name), and ``out/``."""

    root: Path
    journey: Path
    scenarios: Path | None = None
    interventions: Path | None = None
    responses: tuple[Path, ...] = ()
    logs: tuple[Path, ...] = ()

    @property
    def out(self) -> Path:
        """The folder the commands write into."""
        return self.root / "out"

    @property
    def response(self) -> Path | None:
        """The survey answers a command reads by default: the only file in ``responses/``, else the newest
        one (``None`` when there is none)."""
        return _newest(self.responses)

    @property
    def log(self) -> Path | None:
        """The event log a command reads by default: the only file in ``logs/``, else the newest one."""
        return _newest(self.logs)


def _newest(paths: tuple[Path, ...]) -> Path | None:
    if not paths:
        return None
    return max(paths, key=lambda p: (p.stat().st_mtime, p.name))


def is_study(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is a folder (which :func:`open_study` would read, or refuse saying why)."""
    return Path(path).is_dir()


def _files(folder: Path, suffixes: tuple[str, ...]) -> tuple[Path, ...]:
    if not folder.is_dir():
        return ()
    return tuple(sorted(p for p in folder.iterdir()
                        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in suffixes))


def open_study(path: str | os.PathLike[str]) -> Study:
    """The :class:`Study` in folder ``path``. A folder without a journey raises
    :class:`~journeymap.errors.JourneyError` saying how to make one."""
    root = Path(path)
    if not root.is_dir():
        raise JourneyError(f"{root}: not a folder (a study folder holds journey.yaml, scenarios.yaml, ...)")
    journey = next((root / name for name in JOURNEY_FILES if (root / name).is_file()), None)
    if journey is None:
        raise JourneyError(f"{root}: a folder without journey.yaml, so not a study; start one with "
                           f"`journeymap study init {root} --template {DEFAULT_TEMPLATE}`, or give the journey file")
    scenarios = root / "scenarios.yaml"
    interventions = root / "interventions.yaml"
    return Study(
        root=root,
        journey=journey,
        scenarios=scenarios if scenarios.is_file() else None,
        interventions=interventions if interventions.is_file() else None,
        responses=_files(root / "responses", RESPONSE_SUFFIXES),
        logs=_files(root / "logs", LOG_SUFFIXES),
    )


def init_study(folder: str | os.PathLike[str], template: str = DEFAULT_TEMPLATE, language: str | None = None) -> Study:
    """Lay out a study in ``folder`` (created; it must be empty or absent) from catalogue ``template`` in
    ``language`` (the template's first language when ``None``): its journey, its sample scenarios and
    interventions when it has them, the empty ``responses/``, ``logs/`` and ``out/``, and a README saying
    what goes where, in the study's language. Returns the :class:`Study`.

    Raises :class:`~journeymap.errors.NotFound` for an unknown template or language, and
    :class:`FileExistsError` when ``folder`` already holds files."""
    languages = template_languages(template)
    language = language or languages[0]
    if language not in languages:
        raise NotFound("language", language, languages, text=f"template '{template}' is not written in "
                       f"language '{language}'", tail=f"; available: {', '.join(languages)}")
    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise FileExistsError(f"{root} already exists and is not an empty folder: choose a new folder for the study")
    root.mkdir(parents=True, exist_ok=True)
    write_text(root / "journey.yaml", template_text(template, language))
    for kind in ("scenarios", "interventions"):
        try:
            text = template_text(template, language, kind=kind)  # type: ignore[arg-type]
        except NotFound:
            continue
        write_text(root / f"{kind}.yaml", text)
    for name in FOLDERS:
        (root / name).mkdir(exist_ok=True)
    write_markdown(root / "README.md", readme(template, language, root.name))
    return open_study(root)


def readme(template: str, language: str, name: str) -> str:
    """The study's README: its title, the template it started from, and what goes where."""
    words = translator(language)
    title = template_info(template, language).title
    lines = [
        f"# {markdown_text(name)}",
        "",
        markdown_text(words.gettext("A journeymap study started from the template “{template}” ({title}).",
                                    template=template, title=title)),
        "",
    ]
    rows = [
        ("journey.yaml", words.gettext("the map: stages, touchpoints, moments of truth, requirements; edit it")),
        ("scenarios.yaml", words.gettext("what-if scenarios, compared with: journeymap compare .")),
        ("interventions.yaml", words.gettext("the ideas to rank into an action plan, with: journeymap quickwins .")),
        ("responses/", words.gettext("survey answers (CSV, XLSX or SurveyJS JSON), read by the report")),
        ("logs/", words.gettext("event logs (CSV, Parquet, XES) to calibrate the map and back-test it")),
        ("out/", words.gettext("what the commands write: drawings, plans, the client's report")),
    ]
    lines.append(markdown_table([words.gettext("File or folder"), words.gettext("What goes there")], rows))
    report = words.gettext("Write the client's report with: journeymap report . -o out/report.html")
    lines += ["", markdown_text(report), ""]
    return "\n".join(lines)
