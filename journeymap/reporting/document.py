"""The client's report as one self-contained HTML document (and a PDF printed from it).

The page is a Jinja2 template with autoescaping on: every label from a journey is untrusted text and
is printed as written. Styles are inline, images are ``data:`` URIs, so the file opens offline and
asks no server for anything; the only links are those the consultant wrote in the journey's
``meta.links`` (``http``, ``https`` and ``mailto`` only).
"""

from __future__ import annotations

import datetime as dt
import html
import os
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from journeymap.errors import find
from journeymap.io.atomic import write_text
from journeymap.io.writers import write_pdf
from journeymap.model import Journey
from journeymap.reporting.blocks import Section
from journeymap.text import translator

__all__ = ["ClientReport", "Cover", "Link", "cover_of"]

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Link:
    """A link the consultant wrote in ``meta.links``."""

    title: str
    url: str


@dataclass(frozen=True)
class Cover:
    """The cover: title, description, client, author, date and links (from the journey's ``meta``)."""

    title: str
    description: str = ""
    client: str = ""
    author: str = ""
    date: str = ""
    links: tuple[Link, ...] = ()


def _links(value: Any) -> tuple[Link, ...]:
    items: list[tuple[str, str]] = []
    if isinstance(value, Mapping):
        items = [(str(k), str(v)) for k, v in value.items()]
    elif isinstance(value, list | tuple):
        for item in value:
            if isinstance(item, Mapping):
                items.append((str(item.get("title") or item.get("url") or ""), str(item.get("url") or "")))
            else:
                items.append((str(item), str(item)))
    return tuple(Link(title, url.strip()) for title, url in items if url.strip().lower().startswith(_SAFE_SCHEMES))


def _today() -> dt.date:
    """Today, or the day of ``SOURCE_DATE_EPOCH`` when it is set (reproducible documents)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def cover_of(journey: Journey) -> Cover:
    """The cover of ``journey``'s report: ``meta.client``, ``meta.author`` (or ``meta.consultant``),
    ``meta.date`` (else today) and ``meta.links`` (a mapping title → URL, or a list)."""
    from babel.dates import format_date

    meta = journey.meta if isinstance(journey.meta, Mapping) else {}
    date = meta.get("date")
    if isinstance(date, dt.date):
        shown = format_date(date, format="long", locale=journey.language)
    elif date:
        try:
            shown = format_date(dt.date.fromisoformat(str(date)), format="long", locale=journey.language)
        except ValueError:
            shown = str(date)
    else:
        shown = format_date(_today(), format="long", locale=journey.language)
    return Cover(title=journey.title, description=" ".join(str(journey.description or "").split()),
                 client=str(meta.get("client") or ""), author=str(meta.get("author") or meta.get("consultant") or ""),
                 date=shown, links=_links(meta.get("links")))


def _version() -> str:
    """The installed journeymap's version (``?`` when it is run from a source tree without metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("journeymap")
    except PackageNotFoundError:
        return "?"


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: (files("journeymap.reporting") / "templates" / name).read_text(
            encoding="utf-8")),
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )


@dataclass(frozen=True, eq=False, repr=False)
class ClientReport:
    """The client's report of one journey: :attr:`sections` (those with inputs), the :attr:`cover`,
    the HTML (:meth:`html`), and :meth:`save` to ``.html`` or ``.pdf``."""

    journey: Journey
    sections: tuple[Section, ...]
    cover: Cover
    notes: tuple[str, ...] = ()

    @property
    def language(self) -> str:
        return self.journey.language

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys (HTML ids) of the sections present, in order."""
        return tuple(section.key for section in self.sections)

    def section(self, key: str) -> Section:
        """The section ``key``; :class:`~journeymap.errors.NotFound` listing those present otherwise."""
        return find(self.sections, key, "section", key=lambda section: section.key,
                    text=f"no section '{key}' in this report", tail=f"; it has: {', '.join(self.keys)}")

    def html(self) -> str:
        """The whole report as one self-contained HTML document."""
        words = translator(self.language)
        labels = {"report": words.gettext("Customer journey study"), "client": words.gettext("Client"),
                  "author": words.gettext("Prepared by"), "date": words.gettext("Date"),
                  "contents": words.gettext("Contents"),
                  "made": words.gettext("Made with journeymap {version}.", version=_version())}
        css = (files("journeymap.reporting") / "templates" / "report.css").read_text(encoding="utf-8")
        template = _environment().get_template("report.html.j2")
        return template.render(language=self.language, version=_version(), cover=self.cover, words=labels,
                               sections=self.sections, css=css)

    def pdf(self, *, browser: str | None = None) -> bytes:
        """The report printed as PDF (A4) by a headless Chromium (see :mod:`journeymap.reporting.chromium`)."""
        from journeymap.reporting.chromium import print_pdf

        return print_pdf(self.html(), browser=browser, language=self.language)

    def save(self, path: str | os.PathLike[str], *, browser: str | None = None) -> Path:
        """Write the report to ``path``: HTML for ``.html``/``.htm``, a PDF printed by Chromium for ``.pdf``;
        atomically. Returns the path."""
        suffix = Path(path).suffix.lower()
        if suffix in (".html", ".htm"):
            return write_text(path, self.html())
        if suffix == ".pdf":
            return write_pdf(path, self.pdf(browser=browser))
        raise ValueError(f"cannot tell what to write from '{suffix or path}': use .html or .pdf")

    def _repr_html_(self) -> str:
        """The report in a notebook: inside a frame, so that its styles stay its own."""
        return (f'<iframe srcdoc="{html.escape(self.html(), quote=True)}" style="width:100%;height:720px;'
                f'border:1px solid #ccc" title="{html.escape(self.cover.title, quote=True)}"></iframe>')

    def __repr__(self) -> str:
        return f"<ClientReport of {self.journey.title!r}: {', '.join(self.keys)}>"
