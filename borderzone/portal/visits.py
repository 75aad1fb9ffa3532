"""The visitor counter's rules in one place, as a pure function over page views: the worker folds the
appended views with it (`services.visits_aggregate`) and the counter adds the views not folded yet with
the same function (`selectors.visitor_counts`), so both always agree.

A reload of the same page within a visit is not counted; a visit is a run of views without a 30-minute
gap; a visitor is counted once a day; bots apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

VISIT_GAP = dt.timedelta(minutes=30)  # a visitor back after this long starts a new visit
ONLINE_WINDOW = dt.timedelta(minutes=5)

COUNTS = ("visitors", "visits", "page_views", "bot_visits", "bot_page_views")


@dataclass
class Seen:
    """What is known of one visitor: their last view (and whether it is known to the database)."""

    is_bot: bool
    first_seen: dt.datetime
    last_seen: dt.datetime
    visit_started: dt.datetime
    last_path: str
    stored: bool = False  # a VisitorPresence row holds it (else it is created by the fold)
    changed: bool = False


@dataclass(frozen=True)
class View:
    at: dt.datetime
    visitor: str
    path_key: str
    is_bot: bool


@dataclass
class Tally:
    """The day totals a run of views adds, by local day."""

    days: dict[dt.date, dict[str, int]] = field(default_factory=dict)

    def add(self, day: dt.date, name: str) -> None:
        totals = self.days.setdefault(day, dict.fromkeys(COUNTS, 0))
        totals[name] += 1


def tally(seen: dict[str, Seen], views: Iterable[View]) -> Tally:
    """Fold `views` (in the order they happened) into `seen` (updated in place) and return what they add
    to the day totals."""
    result = Tally()
    for view in views:
        day = timezone.localdate(view.at)
        before = seen.get(view.visitor)
        if before is None:
            new_visitor_today = new_visit = counted_view = True
            seen[view.visitor] = Seen(view.is_bot, view.at, view.at, view.at, view.path_key, changed=True)
        else:
            new_visitor_today = timezone.localdate(before.last_seen) != day
            new_visit = view.at - before.last_seen > VISIT_GAP or new_visitor_today
            counted_view = new_visit or before.last_path != view.path_key
            before.last_seen = view.at
            before.last_path = view.path_key
            before.is_bot = view.is_bot
            if new_visit:
                before.visit_started = view.at
            before.changed = True
        if not counted_view:
            continue
        if view.is_bot:
            result.add(day, "bot_page_views")
            if new_visit:
                result.add(day, "bot_visits")
        else:
            result.add(day, "page_views")
            if new_visit:
                result.add(day, "visits")
            if new_visitor_today:
                result.add(day, "visitors")
    return result
