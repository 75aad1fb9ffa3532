"""The article page's key is read in one SQL statement (`selectors.article_page_marks`): it must find what
`ArticleQuerySet.published` finds, and the reader's stars as `Rating` holds them, whatever the article's
status and schedule."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from borderzone.core.cache import versions
from borderzone.portal import selectors
from borderzone.portal.models import Article, ArticleStatus, Rating
from borderzone.portal.tests.factories import ArticleFactory

DAY = dt.timedelta(days=1)


@pytest.fixture
def articles(zone, category, specialist):
    now = timezone.now()
    shapes = {
        "draft": {"status": ArticleStatus.DRAFT},
        "submitted": {"status": ArticleStatus.SUBMITTED},
        "published": {},
        "scheduled": {"publish_at": now + DAY},
        "expired": {"publish_at": now - 2 * DAY, "expire_at": now - DAY},
        "expiring": {"expire_at": now + DAY},
        "just-published": {"publish_at": now},
        "just-expired": {"expire_at": now},
    }
    return now, [
        ArticleFactory(zone=zone, category=category, created_by=specialist, slug=slug, **fields)
        for slug, fields in shapes.items()
    ]


def test_the_article_key_finds_what_published_finds_for_every_status_and_schedule(articles):
    now, articles = articles  # read at the very moment two articles are published and expire
    Rating.objects.create(article=articles[2], visitor="reader-1", stars=4)
    for article in articles:
        found = versions("portal.articles", also=selectors.article_page_marks(article.slug, "reader-1", now))[1]
        expected = Article.objects.published(now).filter(slug=article.slug).values_list("pk", flat=True).first()
        assert found["pk"] == expected, article.slug
        assert found["stars"] == (4 if article.slug == "published" else None), article.slug
    assert [a.slug for a in articles if Article.objects.published(now).filter(pk=a.pk).exists()] == [
        "published",
        "expiring",
        "just-published",
    ]
    assert versions("portal.articles", also=selectors.article_page_marks("no-such-slug", "reader-1"))[1]["pk"] is None
