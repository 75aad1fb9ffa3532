"""Mounted by config/urls.py at /sitemap.xml (outside the language prefixes: it lists every language).

Each app contributes its sections without touching shared files: a `SITEMAPS = {"name": SitemapClass}`
in `<app>/sitemaps.py` is found through the app registry, like routers and demo loaders are.
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import path

from borderzone.core.registry import app_modules


def all_sitemaps() -> dict[str, type[Sitemap]]:
    found: dict[str, type[Sitemap]] = {}
    for _app, module in app_modules("sitemaps"):
        found.update(getattr(module, "SITEMAPS", {}))
    return found


urlpatterns = [path("", sitemap, {"sitemaps": all_sitemaps()}, name="sitemap")]
