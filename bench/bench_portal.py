"""Article page for anonymous readers: cached and uncached, against the same bytes served by a bare
Django view through the same middleware, with requests per second and the ratios."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from bench.common import Measurement, timed
from borderzone.access.actors import command_actor
from borderzone.accounts.models import Role, User
from borderzone.portal import services
from borderzone.portal.demo import seed_article
from borderzone.portal.models import Article, Category, Comment, CommentStatus, Rating
from borderzone.zones.models import EconomicZone, Province

SIZES = {"tiny": 20, "small": 200, "full": 1000}
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36"
SLUG = "bench-xay-dung-kktck"

_raw_body: bytes = b""


def raw_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_raw_body, content_type="text/html; charset=utf-8")


def _urlpatterns() -> list:
    from config.urls import urlpatterns as site

    return [*site, path("bench-raw/", raw_view)]


urlpatterns = _urlpatterns()


def _article() -> Article:
    province, _ = Province.objects.get_or_create(
        code="04", defaults={"name": "Cao Bằng", "full_name": "Tỉnh Cao Bằng", "unit_type": "Tỉnh"}
    )
    zone, _ = EconomicZone.objects.get_or_create(code="BENCH", defaults={"name": "Bench zone", "province": province})
    found = Article.objects.filter(slug=SLUG).first()
    if found:
        return found
    actor = command_actor("bench")
    author, _ = User.objects.get_or_create(username="bench_author", defaults={"role": Role.ADMIN})
    editor, _ = User.objects.get_or_create(username="bench_editor", defaults={"role": Role.ADMIN})
    category = Category.objects.filter(slug="bench").first() or services.category_create(
        actor=actor, name="Bench", slug="bench"
    )
    from borderzone.access.actors import Actor

    fields: dict[str, Any] = dict(seed_article())
    article = services.article_create(
        zone=zone,
        category=category,
        slug=SLUG,
        publish_at=timezone.now() - dt.timedelta(days=1),
        actor=Actor(user=author, via="bench"),
        **fields,
    )
    services.article_submit(article=article, actor=Actor(user=author, via="bench"))
    services.article_approve(article=article, actor=Actor(user=editor, via="bench"))
    Comment.objects.bulk_create(
        Comment(article=article, name=f"Bạn đọc {i}", body="Ý kiến " * 20, status=CommentStatus.APPROVED)
        for i in range(20)
    )
    Rating.objects.bulk_create(Rating(article=article, visitor=f"v{i}", stars=1 + i % 5) for i in range(50))
    return article


def run(size: str) -> list[Measurement]:
    global _raw_body
    n = SIZES[size]
    article = _article()
    client = Client(HTTP_USER_AGENT=BROWSER)
    url = f"/news/{SLUG}/"
    with override_settings(ROOT_URLCONF="bench.bench_portal"):
        page = client.get(url)
        assert page.status_code == 200, page.status_code
        _raw_body = page.content

        def ours() -> None:
            client.get(url)

        def ours_uncached() -> None:
            cache.clear()
            client.get(url)

        def raw() -> None:
            client.get("/bench-raw/")

        def raw_uncached() -> None:
            cache.clear()
            client.get("/bench-raw/")

        ours()
        cached = Measurement(f"article page {len(_raw_body) // 1024} KB, cached", timed(ours, n), timed(raw, n))
        uncached = Measurement(
            "article page, cache cleared each request", timed(ours_uncached, n), timed(raw_uncached, n)
        )
    for m in (cached, uncached):
        print(
            f"  {m.name}: {1 / m.ours_p50:,.0f} req/s ours, {1 / m.raw_p50:,.0f} req/s bare view, ratio {m.ratio:.2f}"
        )
    assert article.pk
    return [cached, uncached]
