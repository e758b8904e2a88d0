"""Which column of a log holds what: the process-mining names, and the user's names mapped onto them.

An event log names its columns as pm4py, Disco, Celonis and ProM do (``case:concept:name``,
``concept:name``, ``time:timestamp``...), or as the exporting system pleases (``ticket_id``,
``Activity``, ``Complete Timestamp``). :func:`resolve` finds each role's column: the name the user
gave (``case="ticket_id"``), else the process-mining name, else a common spelling of it; a missing
required column is an error that lists the columns found and suggests the closest one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from journeymap.errors import Issue, JourneyError

__all__ = [
    "ACTIVITY",
    "CASE",
    "COST",
    "CUSTOMER",
    "END",
    "ENQUEUE",
    "LIFECYCLE",
    "OUTCOME",
    "REPLICATION",
    "REQUIRED",
    "RESOURCE",
    "ROLES",
    "START",
    "TIMESTAMP",
    "resolve",
]

CASE = "case:concept:name"
ACTIVITY = "concept:name"
TIMESTAMP = "time:timestamp"
START = "start_timestamp"
END = TIMESTAMP
RESOURCE = "org:resource"
CUSTOMER = "case:customer"
LIFECYCLE = "lifecycle:transition"
COST = "cost:total"
REPLICATION = "replication"
"""Which history an event belongs to when a log holds several (the replications of a simulation): cases are
kept apart by replication and rates are per replication."""
ENQUEUE = "enqueue_timestamp"
"""When the customer joined the touchpoint's queue (from an ``enqueue``/``arrive`` event), when known."""
OUTCOME = LIFECYCLE
"""In a read log, ``lifecycle:transition`` says how each activity ended: ``complete`` or ``abandon``."""

ROLES: dict[str, str] = {
    "case": CASE,
    "activity": ACTIVITY,
    "timestamp": TIMESTAMP,
    "start": START,
    "resource": RESOURCE,
    "customer": CUSTOMER,
    "lifecycle": LIFECYCLE,
    "cost": COST,
    "replication": REPLICATION,
}
"""Each role a column can play (the keyword of :func:`journeymap.evidence.read_log`) and its process-mining name."""

REQUIRED = ("case", "activity", "timestamp")

_SPELLINGS: dict[str, tuple[str, ...]] = {
    "case": ("case id", "caseid", "case", "case_id", "case:id", "trace", "trace id", "ticket", "ticket id"),
    "activity": ("activity", "activity name", "event", "event name", "task", "action", "concept name"),
    "timestamp": ("timestamp", "time", "complete timestamp", "end timestamp", "end time", "completed at",
                  "time:complete", "end", "datetime", "date"),
    "start": ("start timestamp", "start time", "start", "started at", "time:start"),
    "resource": ("resource", "org resource", "agent", "user", "employee", "performer"),
    "customer": ("customer", "customer id", "client", "client id", "case:customer id", "account", "account id"),
    "lifecycle": ("lifecycle", "transition", "lifecycle transition", "event type", "status"),
    "cost": ("cost", "costs", "case:cost", "amount"),
    "replication": ("case:replication", "replication id", "replica"),
}
"""Common spellings of each role's column, compared without case, spaces, ``_``, ``-`` or ``:``."""


def _key(name: str) -> str:
    return re.sub(r"[\s_\-:.]+", "", str(name).lower())


def resolve(found: Iterable[str], given: Mapping[str, str | None], *, source: str = "") -> dict[str, str]:
    """The column of each role, as ``{role: column name in the file}``.

    ``given`` holds the names the user chose (``{"case": "ticket_id"}``); a role left out is looked
    up by its process-mining name and then by its common spellings (not ``cost``, which is only
    read when named, nor the guesses that would take a column already chosen). Raises
    :class:`JourneyError` naming the file, the missing columns, the columns found and the closest.
    """
    columns = [str(c) for c in found]
    unknown = sorted(set(given) - set(ROLES))
    if unknown:
        raise TypeError(f"unknown column role(s): {', '.join(unknown)}; choose among: {', '.join(ROLES)}")
    chosen: dict[str, str] = {}
    problems: list[Issue] = []
    for role, name in given.items():
        if name is None:
            continue
        if name in columns:
            chosen[role] = name
        else:
            problems.append(_missing(role, name, columns, source))
    by_key = {}
    for column in columns:
        by_key.setdefault(_key(column), column)
    for role, standard in ROLES.items():
        if role in chosen or role in given:
            continue
        candidates = [standard] if role == "cost" else [standard, *_SPELLINGS[role]]
        for candidate in candidates:
            column = candidate if candidate in columns else by_key.get(_key(candidate))
            if column is not None and column not in chosen.values():
                chosen[role] = column
                break
    for role in REQUIRED:
        if role not in chosen and role not in given:
            problems.append(_missing(role, ROLES[role], columns, source))
    if problems:
        raise JourneyError(problems)
    return chosen


def _missing(role: str, name: str, columns: list[str], source: str) -> Issue:
    close = difflib.get_close_matches(name, columns, n=1, cutoff=0.5)
    if not close:
        close = [c for c in columns if _key(c) and (_key(c) in _key(name) or _key(name) in _key(c))][:1]
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    found = ", ".join(f"'{c}'" for c in columns[:30]) + (", ..." if len(columns) > 30 else "")
    what = f"no column '{name}' for the {role}" + hint
    return Issue(f"{what}; columns found: {found or 'none'} (name the right one with --{role} COLUMN, "
                 f"or {role}='COLUMN' in Python)", file=source or None)
