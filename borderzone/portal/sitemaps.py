"""The sitemap of the published news, in each language of the interface."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from borderzone.portal import selectors
from borderzone.portal.models import Article


class NewsSitemap(Sitemap[Article]):
    changefreq = "weekly"
    i18n = True
    alternates = True

    def items(self) -> list[Article]:
        return list(selectors.articles_published())

    def lastmod(self, item: Article) -> dt.datetime:
        return item.updated_at

    def location(self, item: Article) -> str:
        return item.get_absolute_url()


class NewsIndexSitemap(Sitemap[str]):
    changefreq = "daily"
    i18n = True
    alternates = True

    def items(self) -> list[str]:
        return ["portal:news"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"news": NewsSitemap, "news-index": NewsIndexSitemap}
