"""Reproducible files: the time a document says it was made, from ``SOURCE_DATE_EPOCH`` when it is set.

The reproducible-builds convention (https://reproducible-builds.org/specs/source-date-epoch/): when the
environment variable ``SOURCE_DATE_EPOCH`` holds a number of seconds since 1970-01-01 UTC, every
timestamp a tool writes into a file is that time, so that two identical runs give identical bytes.
matplotlib already follows it for its PDF and SVG; here the same is done for the PDF Graphviz draws
(:func:`stamp_pdf`) and for XLSX workbooks, whose zip entries and document properties carry dates
(:func:`stamp_zip`).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

from journeymap.errors import Issue, JourneyError
from journeymap.io.atomic import write_bytes

__all__ = ["ENVIRONMENT", "build_time", "is_reproducible", "stamp_pdf", "stamp_zip", "write_pdf"]

ENVIRONMENT = "SOURCE_DATE_EPOCH"
_ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The earliest time a zip entry can carry."""


def is_reproducible() -> bool:
    """True when ``SOURCE_DATE_EPOCH`` is set: files must then carry that time, not the clock's."""
    return bool(os.environ.get(ENVIRONMENT, "").strip())


def build_time() -> dt.datetime:
    """The time files say they were made (UTC): ``SOURCE_DATE_EPOCH`` when set, else now.

    A malformed value is an error (as the convention asks), not a silent fall back to the clock."""
    value = os.environ.get(ENVIRONMENT, "").strip()
    if not value:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        seconds = int(value)
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (ValueError, OverflowError, OSError):
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise JourneyError(Issue(f"{ENVIRONMENT} must be a whole number of seconds since 1970-01-01 "
                                 f"(got {shown!r})", ENVIRONMENT)) from None


_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) ?\(D:(\d{4,14})(Z|[+-]\d\d'\d\d'?|[+-]\d\d)?\)")


def stamp_pdf(data: bytes) -> bytes:
    """A PDF's creation and modification dates set to :func:`build_time` when ``SOURCE_DATE_EPOCH`` is
    set (``data`` unchanged otherwise). Each date keeps its length, so the cross-reference table stays
    valid."""
    if not is_reproducible():
        return data
    when = build_time().strftime("%Y%m%d%H%M%S").encode("ascii")

    def replace(match: re.Match[bytes]) -> bytes:
        digits, zone = match.group(2), match.group(3) or b""
        utc = re.sub(rb"\d", b"0", zone) if zone != b"Z" else zone
        return match.group(0).replace(b"D:" + digits + zone, b"D:" + when[: len(digits)] + utc, 1)

    return _PDF_DATE.sub(replace, data)


def write_pdf(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write PDF bytes to ``path`` atomically, dated by :func:`stamp_pdf`; returns the path."""
    return write_bytes(path, stamp_pdf(data))


_CORE_DATE = re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stamp_zip(data: bytes, when: dt.datetime | None = None) -> bytes:
    """An Office (XLSX) zip rewritten with every entry dated ``when`` (default :func:`build_time`) and the
    document's created/modified properties set to it, entries kept in order and compressed alike."""
    when = max(when or build_time(), _ZIP_EPOCH)
    stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                text = _CORE_DATE.sub(lambda m: f"{m.group(1)}{stamp}{m.group(3)}", content.decode("utf-8"))
                content = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = info.compress_type
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
