"""What each BorderZone app contributes, found from its AppConfig and modules, so that adding an app
touches no shared file: its API router (`<app>.api.router`, mounted at `AppConfig.api_prefix`), its
pages (`<app>.urls`), its demo data (`<app>.demo.load`, in `AppConfig.demo_order`), its entries in
the main navigation (`AppConfig.nav_items`), the e-mails it has staff told about waiting work
(`<app>.notifications.TOPICS`, see access.notifications), and the sections it adds to another app's page
(`<app>.panels.PANELS`, see `panels`), the entries it adds to a record's dossier (`<app>.dossier.SOURCES`, see
`dossier_sources`), and what it puts on a staff member's work list on the staff home (`<app>.work.PROVIDERS`,
see `work_providers`), so that a lower app shows what higher ones keep without importing them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import AppConfig, apps
from django.http import HttpRequest
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    audience: str = "public"  # "public", "staff" or "investor" (an investor account's own area)
    order: int = 100


def borderzone_apps() -> list[AppConfig]:
    return [a for a in apps.get_app_configs() if a.name.startswith("borderzone.")]


def app_modules(module: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """(app, module) for each BorderZone app that has `<app>.<module>`."""
    yield from _app_modules(module, tuple(a.name for a in borderzone_apps()))


@cache
def _app_modules(module: str, names: tuple[str, ...]) -> tuple[tuple[AppConfig, ModuleType], ...]:
    # Looked up once per process and set of apps: public pages ask for their panels on every request.
    found = []
    for app in borderzone_apps():
        name = f"{app.name}.{module}"
        if find_spec(name) is not None:
            found.append((app, import_module(name)))
    return tuple(found)


def demo_loaders() -> list[ModuleType]:
    found = [(getattr(app, "demo_order", 100), module) for app, module in app_modules("demo")]
    return [module for _order, module in sorted(found, key=lambda pair: pair[0])]


def nav_items(audience: str) -> list[NavItem]:
    items: list[NavItem] = []
    for app in borderzone_apps():
        items.extend(i for i in getattr(app, "nav_items", ()) if i.audience == audience)
    return sorted(items, key=lambda i: i.order)


def notification_topics() -> dict[str, Any]:
    """Each app's `<app>.notifications.TOPICS`: topic name -> function building a staff member's notice."""
    topics: dict[str, Any] = {}
    for _app, module in app_modules("notifications"):
        topics.update(getattr(module, "TOPICS", {}))
    return topics


@dataclass(frozen=True)
class Panel:
    """A section that an app adds to a page of another app. `render(request, obj)` returns the section's
    HTML rendered from the registering app's own template (`render_to_string`; text not marked safe is
    escaped on the page), or "" when it has nothing to show there."""

    slot: str  # the page it goes on, named by the app that owns the page, e.g. "gates.gate"
    render: Callable[[HttpRequest, Any], str]
    order: int = 100
    # What a visitor's rendering reads, for a page cached whole (core.pagecache): the data versions, and
    # what else it depends on as query expressions read with them in one statement (e.g. when the news'
    # publication schedule last passed), by name.
    scopes: tuple[str, ...] = ()
    marks: Callable[[], Mapping[str, Any]] | None = None


def panels(slot: str) -> list[Panel]:
    """Each app's `<app>.panels.PANELS` entries for `slot`, in their order."""
    found: list[Panel] = []
    for _app, module in app_modules("panels"):
        found.extend(p for p in getattr(module, "PANELS", ()) if p.slot == slot)
    return sorted(found, key=lambda p: p.order)


@dataclass(frozen=True)
class DossierEntry:
    """One dated fact of a record's dossier (a project's, see the register's dossier page): what happened on
    `day` (and at `at`, when the moment is known), under a `kind` heading, with its `details` as (label, value)
    pairs already in the reader's language, `who` recorded it and `recorded` when (zone time, formatted),
    the `law` it rests on, and a link to where it is kept."""

    day: Any  # datetime.date: the day it took effect
    kind: str
    title: str
    details: tuple[tuple[str, str], ...] = ()
    at: Any = None  # datetime.datetime (aware) when the moment matters (edits); sorts within the day
    who: str = ""
    recorded: str = ""
    law: str = ""
    url: str = ""
    tone: str = ""  # "warn" for what needs attention (a flag raised, a milestone missed), "ok" when cleared


@dataclass(frozen=True)
class DossierSource:
    """A function giving the entries an app keeps about a record: `entries(record, user)` with a fixed number
    of queries whatever the number of entries; the user may read the record (the page decided)."""

    slot: str  # the dossier it contributes to, e.g. "investments.project"
    entries: Callable[[Any, Any], list[DossierEntry]]
    order: int = 100


def dossier_sources(slot: str) -> list[DossierSource]:
    """Each app's `<app>.dossier.SOURCES` entries for `slot`, in their order."""
    found: list[DossierSource] = []
    for _app, module in app_modules("dossier"):
        found.extend(s for s in getattr(module, "SOURCES", ()) if s.slot == slot)
    return sorted(found, key=lambda s: s.order)


@dataclass(frozen=True)
class WorkContext:
    """For whom a work list is made: the user, the zones they read and those they change (ids), the day, and
    the day of their previous visit of the staff home (None on a first visit; `since` is then a week ago)."""

    user: Any
    zones_read: tuple[int, ...]
    zones_changed: tuple[int, ...]
    today: dt.date
    previous_visit: dt.date | None
    since: dt.date
    # The visit of the staff home as a moment: jobs finished after the previous visit count as news.
    since_moment: dt.datetime | None = None

    @property
    def acts(self) -> bool:
        """Whether the user changes any zone (a leader only reads: items show no edit action)."""
        return bool(self.zones_changed)


@dataclass(frozen=True)
class WorkItem:
    """One line of a staff member's work list: what waits, how many, where to act on it (`url`, "" when the
    reader has no page for it), an optional deadline and a few named entries (text, url)."""

    label: str | Promise
    count: int
    url: str = ""
    deadline: dt.date | None = None
    entries: tuple[tuple[str, str], ...] = field(default_factory=tuple)
    urgent: bool = False  # past its deadline


@dataclass(frozen=True)
class WorkProvider:
    """What an app adds to the staff home's work list: `items(context)` returns the lines for that user
    (empty when nothing waits or the user is not concerned). Kept in `<app>.work.PROVIDERS`."""

    name: str
    items: Callable[[WorkContext], list[WorkItem]]
    order: int = 100


def work_providers() -> list[WorkProvider]:
    """Each app's `<app>.work.PROVIDERS`, in their order."""
    found: list[WorkProvider] = []
    for _app, module in app_modules("work"):
        found.extend(getattr(module, "PROVIDERS", ()))
    return sorted(found, key=lambda p: (p.order, p.name))
