"""RSS and Atom feeds of the published news (drafts, scheduled and expired articles never appear)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from borderzone.portal import selectors
from borderzone.portal.models import Article

FEED_SIZE = 30


class LatestNewsFeed(Feed):
    description = _("The latest news of the economic zone's management board.")

    def title(self) -> str:
        return f"{settings.SITE_NAME} · {_('News')}"

    def link(self) -> str:
        return reverse("portal:news")

    def items(self) -> list[Article]:
        return list(selectors.articles_published()[:FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.display_title

    def item_description(self, item: Article) -> str:
        return item.display_lead or item.display_title

    def item_link(self, item: Article) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Article) -> dt.datetime | None:
        return item.publish_at

    def item_updateddate(self, item: Article) -> dt.datetime | None:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.author_name

    def item_categories(self, item: Article) -> list[str]:
        return [item.category.display_name]


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = Atom1Feed

    def subtitle(self) -> str:
        return str(self.description)
