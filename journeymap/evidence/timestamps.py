"""Timestamps as people's systems write them, read into one time zone with every bad value located.

A log may write ISO 8601 with offsets (``2015-01-05 09:02:50+00:00``), mix offsets (summer and
winter time), leave them out (naive times, which are taken in a stated zone), or use other
spellings (``30/12/2010 14:32``). :func:`parse` reads a column into tz-aware timestamps in one
zone: the one asked for, else the log's own offset (the most common one when they are mixed), else
UTC; the clock times an arrival schedule is estimated from are read in that zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = ["Parsed", "parse", "zone_of"]

_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})\s*$")
SAMPLE = 2000
"""How many values are looked at to tell naive from zoned timestamps and find the log's offset."""


@dataclass
class Parsed:
    """A parsed column: ``values`` (tz-aware, NaT where unreadable), the zone chosen, what was said about it,
    the positions and text of the first values that could not be read, and how many could not."""

    values: pd.Series
    zone: Any
    notes: list[str] = field(default_factory=list)
    bad: list[tuple[int, str]] = field(default_factory=list)
    unreadable: int = 0


def _offset_zone(text: str) -> dt.timezone:
    if text == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def zone_of(timezone: str | dt.tzinfo | None) -> Any:
    """A zone from its name (``"Europe/Madrid"``, ``"UTC"``, ``"+01:00"``) or a tzinfo; ``None`` stays ``None``."""
    if timezone is None or isinstance(timezone, dt.tzinfo):
        return timezone
    text = str(timezone).strip()
    if _OFFSET.fullmatch(text):
        return _offset_zone(text)
    try:
        return pd.Timestamp("2000-01-01", tz=text).tz
    except Exception:
        raise ValueError(f"'timezone' must be a zone name such as 'Europe/Madrid', 'UTC' or an offset such as "
                         f"'+01:00' (got {timezone!r})") from None


def parse(column: pd.Series, *, timezone: str | dt.tzinfo | None = None, name: str = "timestamp") -> Parsed:
    """Read ``column`` (text or datetimes) as tz-aware timestamps in one zone (see the module)."""
    wanted = zone_of(timezone)
    if pd.api.types.is_datetime64_any_dtype(column.dtype):
        return _from_datetimes(column, wanted, name)
    text = column.astype("string")
    present = text.notna() & (text.str.strip() != "")
    sample = text[present].head(SAMPLE)
    offsets = Counter(m.group(1).replace(":", "") for m in map(_OFFSET.search, sample) if m)
    zoned = sum(offsets.values())
    notes: list[str] = []
    if zoned == 0:  # naive: taken in the zone asked for, else UTC
        zone = wanted or dt.UTC
        values = _to_datetime(text, utc=False)
        values = values.dt.tz_localize(zone, ambiguous="NaT", nonexistent="shift_forward")
        notes.append(f"{name}: times without a zone, read as {_zone_name(zone)}"
                     + ("" if wanted else " (pass timezone=... / --timezone to say otherwise)"))
    else:
        values = _to_datetime(text, utc=True)
        common = offsets.most_common(1)[0][0]
        zone = wanted or _offset_zone(common if common == "Z" else f"{common[:3]}:{common[3:]}")
        if len(offsets) > 1 and wanted is None:
            listed = ", ".join(sorted(offsets))
            local = _matching_zone(sample)
            if local is not None:
                zone = local
                notes.append(f"{name}: mixed UTC offsets ({listed}), those of the zone {local} (winter and summer "
                             "time): clock times are read there (pass timezone=... to choose another)")
            else:
                notes.append(f"{name}: mixed UTC offsets ({listed}); every time is kept exact, and clock times are "
                             f"read at {_zone_name(zone)}, the most common (pass timezone=... for the local zone)")
        values = values.dt.tz_convert(zone)
        if zoned < len(sample):
            notes.append(f"{name}: some times have a zone and some do not; those without were read as UTC")
    bad_mask = values.isna() & present
    bad = [(int(i), str(v)) for i, v in text[bad_mask].head(5).items()] if bad_mask.any() else []
    return Parsed(values, zone, notes, bad, int(bad_mask.sum()))


_AREAS = ("Europe/", "America/", "Asia/", "Africa/", "Australia/", "Pacific/", "Atlantic/", "Indian/")


def _matching_zone(sample: pd.Series) -> Any:
    """A named zone (``Europe/Amsterdam``) whose offset at each sampled instant is the one written, or
    ``None``: mixed offsets are usually one place's winter and summer time."""
    import zoneinfo

    written = sample.head(300)
    instants = pd.to_datetime(written, format="ISO8601", utc=True, errors="coerce")
    pairs = set()
    for text, instant in zip(written, instants, strict=True):
        found = _OFFSET.search(str(text))
        if found and not pd.isna(instant):
            code = found.group(1)
            offset = _offset_zone(code if code == "Z" else f"{code[:3]}:{code[-2:]}").utcoffset(None)
            pairs.add((instant.to_pydatetime(), offset))
    names = sorted((z for z in zoneinfo.available_timezones() if z.startswith(_AREAS)),
                   key=lambda z: (next(k for k, area in enumerate(_AREAS) if z.startswith(area)), z))
    for name in names:
        zone = zoneinfo.ZoneInfo(name)
        if all(instant.astimezone(zone).utcoffset() == offset for instant, offset in pairs):
            return zone
    return None


def _to_datetime(text: pd.Series, *, utc: bool) -> pd.Series:
    """ISO 8601 first (fast); the values it cannot read are tried again with pandas' flexible reader."""
    values = pd.to_datetime(text, format="ISO8601", utc=utc, errors="coerce")
    retry = values.isna() & text.notna() & (text.str.strip() != "")
    if retry.any():
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "could not infer format": we know, and say which values failed
            again = pd.to_datetime(text[retry], format="mixed", utc=utc, errors="coerce", dayfirst=False)
        if utc:
            values = values.copy()
            values[retry] = again
        else:
            values = values.where(~retry, again.reindex(values.index))
    return values


def _from_datetimes(column: pd.Series, wanted: Any, name: str) -> Parsed:
    tz = getattr(column.dtype, "tz", None)
    if tz is None:
        zone = wanted or dt.UTC
        note = [f"{name}: times without a zone, read as {_zone_name(zone)}"]
        return Parsed(column.dt.tz_localize(zone, ambiguous="NaT", nonexistent="shift_forward"), zone, note)
    zone = wanted or tz
    return Parsed(column.dt.tz_convert(zone), zone)


def _zone_name(zone: Any) -> str:
    text = str(zone)
    return "UTC" if text in ("UTC", "UTC+00:00") else text
