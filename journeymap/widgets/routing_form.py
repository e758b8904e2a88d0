"""The routing of the selected touchpoint: where its customers go next, with what probability, and
the share that leaves the cycle there.

The routes are edited as one block: any change proposes the whole list as typed, so moving
probability from one route to another can pass through a state that sums above 1 without losing
what was typed. Problems (a sum above 1, a target that does not exist) are shown next to the row
they concern, or under the block.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import ipywidgets as w

from journeymap.errors import Issue
from journeymap.model import Journey, Transition
from journeymap.text import N_, Translator, percent, translator
from journeymap.widgets.base import Apply, Part
from journeymap.widgets.fields import fixed
from journeymap.widgets.labels import Labelled
from journeymap.widgets.messages import issues_html

__all__ = ["RouteRow", "RoutingForm"]

_INDEX = re.compile(r"\.next\[(\d+)\]")


class RouteRow(Labelled, w.VBox):
    """One route: target (a touchpoint id, typed or picked), probability, a remove button and its problems."""

    def __init__(self, target: str, p: float, targets: tuple[str, ...], words: Translator | None = None) -> None:
        self.target = self._says(w.Combobox(value=target, options=targets, ensure_option=False,
                                            continuous_update=False, layout=w.Layout(width="16em")),
                                 placeholder=N_("touchpoint id"))
        self.p = w.FloatText(value=round(p, 6), step=0.05, layout=w.Layout(width="6.5em"))
        self.remove = self._says(w.Button(icon="times", layout=fixed("2.6em")), tooltip=N_("remove this route"))
        self.remove.add_class("jm-remove-route")
        self.message = w.HTML()
        super().__init__([w.HBox([self.target, self.p, self.remove]), self.message])
        self.add_class("jm-route")
        self.relabel(words or translator("en"))


class RoutingForm(Part, w.VBox):
    """Routes out of the selected touchpoint, the share leaving there, and a way to add a route."""

    def __init__(self, apply: Apply) -> None:
        self._start(apply)
        self.touchpoint_id: str | None = None
        self.draft: list[Issue] | None = None
        self.rows: list[RouteRow] = []
        self.rows_box = w.VBox()
        self.header = w.HTML()
        self.leaving = w.HTML()
        self.leaving.add_class("jm-leaving")
        self.message = w.HTML()
        self.new_target = self._says(w.Combobox(ensure_option=False, continuous_update=False,
                                                layout=w.Layout(width="16em")), placeholder=N_("add a route to…"))
        self.add = self._says(w.Button(icon="plus", layout=fixed("11em")), description=N_("Add route"))
        self.add.on_click(self._add_route)
        super().__init__(
            [self.header, self.rows_box, self.leaving, self.message, w.HBox([self.new_target, self.add])],
            layout=w.Layout(width="100%"),
        )
        self.add_class("jm-routing-form")
        self.relabel(self.words)

    def relabel(self, words: Translator) -> None:
        """Every label in ``words``' language (the routes' heading too)."""
        super().relabel(words)
        head = words.gettext("next touchpoint · probability (0–1)")
        self.header.value = f"<span style='color:#666;font-size:0.85em'>{html.escape(head)}</span>"

    # -- showing ---------------------------------------------------------------------------------
    def load(
        self, journey: Journey, touchpoint_id: str, issues: dict[str, list[Issue]], *, keep_drafts: bool = False
    ) -> None:
        """Show the routes of ``touchpoint_id`` with validation issues (``issues["next"]``) next to them.

        With ``keep_drafts`` a refused routing of this same touchpoint stays as typed."""
        same = keep_drafts and touchpoint_id == self.touchpoint_id and self.draft is not None
        self.journey, self.touchpoint_id = journey, touchpoint_id
        targets = journey.touchpoint_ids
        with self._quiet():
            self.new_target.options = targets
            self.new_target.value = ""
        if same:
            for row in self.rows:
                row.target.options = targets
            self._show_issues(self.draft or [])
            return
        self.draft = None
        tp = journey.touchpoint(touchpoint_id)
        self.rows = [self._row(t.target, t.p, targets) for t in tp.next]
        self.rows_box.children = tuple(self.rows)
        self._show_issues(issues.get("next", []))

    def _row(self, target: str, p: float, targets: tuple[str, ...]) -> RouteRow:
        row = RouteRow(target, p, targets, self.words)
        row.target.observe(self._changed, names="value")
        row.p.observe(self._changed, names="value")
        row.remove.on_click(self._remover(row))
        return row

    def _typed(self) -> list[tuple[str, float]]:
        return [(str(row.target.value).strip(), float(row.p.value)) for row in self.rows]

    def _show_issues(self, issues: list[Issue]) -> None:
        by_row: dict[int, list[Issue]] = {}
        rest: list[Issue] = []
        typed = self._typed()
        for issue in issues:
            index = self._row_of(issue, typed)
            (by_row.setdefault(index, []) if index is not None else rest).append(issue)
        for k, row in enumerate(self.rows):
            row.message.value = issues_html(by_row.get(k, []))
        self.message.value = issues_html(rest)
        total = sum(p for _, p in typed)
        language = self.words.language
        if total > 1 + 1e-9:
            text = self.words.gettext("routes add up to {share}: {above}, nobody can leave here", share="{share}",
                                      above="{above}")
            above = self.words.gettext("above 100%")
            share = html.escape(text).replace("{share}", html.escape(percent(total, language))).replace(
                "{above}", f"<b>{html.escape(above)}</b>")
        else:
            text = self.words.gettext("leaves the cycle here: {share}", share="{share}")
            leaving = html.escape(percent(max(0.0, 1 - total), language))
            share = html.escape(text).replace("{share}", f"<b>{leaving}</b>")
        self.leaving.value = f"<span style='font-size:0.9em'>{share}</span>"

    @staticmethod
    def _row_of(issue: Issue, typed: list[tuple[str, float]]) -> int | None:
        match = _INDEX.search(issue.path)
        if match and int(match.group(1)) < len(typed):
            return int(match.group(1))
        tail = issue.path.rsplit(".next.", 1)[-1] if ".next." in issue.path else None
        targets = [t for t, _ in typed]
        if tail is not None and tail.split(".")[0] in targets:
            return targets.index(tail.split(".")[0])
        for k, (target, _) in enumerate(typed):
            if target and f"'{html.unescape(target)}'" in issue.message and "sum" not in issue.message:
                return k
        return None

    # -- committing ------------------------------------------------------------------------------
    def _propose(self, routes: list[tuple[str, float]], label: str) -> bool:
        assert self.journey is not None and self.touchpoint_id is not None
        tp_id = self.touchpoint_id
        empty = [k for k, (target, _) in enumerate(routes) if not target]
        if empty:
            path = f"touchpoints[{tp_id}].next[{empty[0]}]"
            self._refused(routes, [Issue(self.words.gettext("pick the touchpoint this route goes to"), path)])
            return False
        old = self.journey.touchpoint(tp_id)
        delays = {t.target: t for t in old.next}
        transitions = tuple(
            delays[target].replace(p=p) if target in delays else Transition(target, p) for target, p in routes
        )
        self.draft = None
        errors = self._apply(lambda j: j.update_touchpoint(tp_id, next=transitions), label)
        if errors:
            self._refused(routes, errors)
        return not errors

    def _refused(self, routes: list[tuple[str, float]], errors: list[Issue]) -> None:
        """Keep ``routes`` on screen as the draft (rows added or removed included) with the reasons."""
        self.draft = errors
        if self._typed() != routes:
            targets = self.journey.touchpoint_ids if self.journey else ()
            self.rows = [self._row(target, p, targets) for target, p in routes]
            self.rows_box.children = tuple(self.rows)
        self._show_issues(errors)

    def _changed(self, change: dict) -> None:
        if not self._quiet.active and self.touchpoint_id is not None:
            self._propose(self._typed(), self.words.gettext("routing of {name}", name=self._name(self.touchpoint_id)))

    def _remover(self, row: RouteRow) -> Callable[[w.Button], None]:
        def remove(_: w.Button) -> None:
            index = self.rows.index(row)
            routes = self._typed()
            del routes[index]
            self._propose(routes, self.words.gettext("remove route {target} from {name}", target=row.target.value,
                                                     name=self._name(self.touchpoint_id or "")))

        return remove

    def _add_route(self, _: w.Button | None = None) -> None:
        if self.touchpoint_id is None:
            return
        target = str(self.new_target.value).strip()
        if not target:
            self.message.value = issues_html([Issue(self.words.gettext("pick or type the touchpoint the new route "
                                                                       "goes to"))])
            return
        routes = self._typed()
        if target in [t for t, _ in routes]:
            self.message.value = issues_html([Issue(self.words.gettext(
                "there is already a route to '{target}': change its probability", target=target))])
            return
        share = max(0.0, 1.0 - sum(p for _, p in routes))
        self._propose([*routes, (target, round(share, 6))],
                      self.words.gettext("route {name} → {target}", name=self._name(self.touchpoint_id),
                                         target=self._name(target)))

    def _name(self, tp_id: str) -> str:
        """A touchpoint's name for people (its id when it has none)."""
        journey = self.journey
        return journey.touchpoint(tp_id).label if journey is not None and tp_id in journey.touchpoint_ids else tp_id
