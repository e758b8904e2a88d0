"""Problems and notices as the workbench shows them: next to the field they concern, never as a traceback.

Validation reports :class:`~journeymap.errors.Issue` s with field paths (``touchpoints[2].next.diagnose``);
these helpers pick the issues that belong to one touchpoint or one of its fields, and turn a list of
issues into a small block of HTML (errors in red, warnings in amber).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import Any

from journeymap.errors import Issue
from journeymap.model import Journey

__all__ = ["issues_for_touchpoint", "issues_html", "notice_html", "show_by_row", "under"]

_STEP = re.compile(r"\.?([^.\[\]]+)|\[([^\]]*)\]")


def under(path: str, prefix: str) -> bool:
    """Whether ``path`` is ``prefix`` or a field inside it (``touchpoints[2].next`` is under ``touchpoints[2]``)."""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _steps(path: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in _STEP.finditer(path)]


def issues_for_touchpoint(journey: Journey, touchpoint_id: str, issues: Iterable[Issue]) -> dict[str, list[Issue]]:
    """The issues about one touchpoint, by field (``"capacity"``, ``"next"``...; ``""`` for the touchpoint as
    a whole, ``"arrival"`` for arrivals at it). Paths may name the touchpoint by index or by id."""
    ids = journey.touchpoint_ids
    if touchpoint_id not in ids:
        return {}
    index = ids.index(touchpoint_id)
    prefixes = (f"touchpoints[{index}]", f"touchpoints[{touchpoint_id}]", f"touchpoints.{touchpoint_id}")
    arrivals = [f"arrivals[{k}]" for k, a in enumerate(journey.arrivals) if a.touchpoint == touchpoint_id]
    found: dict[str, list[Issue]] = {}
    for issue in issues:
        for prefix in prefixes:
            if under(issue.path, prefix):
                rest = issue.path[len(prefix) :].lstrip(".")
                key = _steps(rest)[0] if rest else ""
                found.setdefault(key, []).append(issue)
                break
        else:
            if any(under(issue.path, prefix) for prefix in arrivals):
                found.setdefault("arrival", []).append(issue)
    return found


def issues_html(issues: Iterable[Issue], *, with_path: bool = False, located: bool = False) -> str:
    """A compact block of HTML for inline messages: one line per issue, errors first.

    ``with_path`` puts the field path before the message; ``located`` writes the issue in full,
    ``file:line: field.path: message``, as the command line does (for problems in a file)."""
    lines = []
    for issue in sorted(issues, key=lambda i: not i.is_error):
        colour = "#b3261e" if issue.is_error else "#8a5a00"
        mark = "✖" if issue.is_error else "⚠"
        if located:
            body = html.escape(str(issue))
        else:
            where = f"{issue.path}: " if with_path and issue.path else ""
            body = html.escape(where + issue.message)
        lines.append(
            f'<div class="jm-issue jm-{issue.severity}" style="color:{colour};font-size:0.85em;line-height:1.3">'
            f"{mark} {body}</div>"
        )
    return "".join(lines)


def notice_html(text: str, *, kind: str = "info") -> str:
    """One line of status (``info``, ``ok``, ``error``) for the editor's message bar."""
    colours = {"info": "#444", "ok": "#1b6e20", "error": "#b3261e", "warning": "#8a5a00"}
    colour = colours.get(kind, colours["info"])
    return f'<div class="jm-notice jm-{kind}" style="color:{colour};font-size:0.9em">{html.escape(text)}</div>'


def show_by_row(issues: Iterable[Issue], row_index: re.Pattern[str], rows: Sequence[Any]) -> list[Issue]:
    """Show each issue on the table row its path names (``row_index``'s first group, such as ``shifts[2]``)
    in that row's ``message``; return the issues about no row (the table as a whole), to show under it."""
    by_row: dict[int, list[Issue]] = {}
    rest: list[Issue] = []
    for issue in issues:
        match = row_index.search(issue.path)
        if match and int(match.group(1)) < len(rows):
            by_row.setdefault(int(match.group(1)), []).append(issue)
        else:
            rest.append(issue)
    for k, row in enumerate(rows):
        row.message.value = issues_html(by_row.get(k, []))
    return rest
