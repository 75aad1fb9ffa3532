"""What the portal adds to other apps' pages (core.registry.panels): the latest news, with their
pictures, leading the public home page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from borderzone.core.cache import cached
from borderzone.core.registry import Panel
from borderzone.portal import selectors
from borderzone.portal.services import ARTICLES_SCOPE
from borderzone.zones.models import EconomicZone

HOME_NEWS = 4


def home_news(request: HttpRequest, zone: EconomicZone) -> str:
    """The zone's latest published articles: the newest large with its picture, the next ones beside it.
    Visitors share one rendering per zone and language, cached until an article changes or passes its
    publication or expiry time (the schedule epoch, as the news pages)."""
    if request.user.is_authenticated:
        return _home_news(request, zone)
    key = f"home:news:{translation.get_language()}:{zone.pk}:{selectors.schedule_epoch()}"
    return cached((ARTICLES_SCOPE,), key, lambda: _home_news(None, zone))


def _home_news(request: HttpRequest | None, zone: EconomicZone) -> str:
    articles = list(selectors.articles_published().filter(zone=zone)[:HOME_NEWS])
    if not articles:
        return ""
    return render_to_string("portal/_home_news.html", {"lead": articles[0], "others": articles[1:]}, request=request)


PANELS = [Panel("core.home.lead", home_news, order=10, scopes=(ARTICLES_SCOPE,), marks=selectors.schedule_marks)]
