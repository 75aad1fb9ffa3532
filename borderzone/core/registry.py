"""What each BorderZone app contributes, found from its AppConfig and modules, so that adding an app
touches no shared file: its API router (`<app>.api.router`, mounted at `AppConfig.api_prefix`), its
pages (`<app>.urls`), its demo data (`<app>.demo.load`, in `AppConfig.demo_order`), its entries in
the main navigation (`AppConfig.nav_items`), and the e-mails it has staff told about waiting work
(`<app>.notifications.TOPICS`, see core.notifications)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import AppConfig, apps
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
    for app in borderzone_apps():
        name = f"{app.name}.{module}"
        if find_spec(name) is not None:
            yield app, import_module(name)


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
