"""Portal API: the published news, for anyone (drafts, scheduled and expired articles never appear)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from borderzone.core.inputs import BoundedLimitOffsetPagination
from borderzone.portal import selectors
from borderzone.portal.content import sanitize_html
from borderzone.portal.models import Article, ArticleImage

router = Router(tags=["portal"])


class ImageOut(Schema):
    url: str
    thumbnail_url: str
    alt: str
    alt_en: str
    alt_zh: str
    caption: str
    width: int
    height: int

    @staticmethod
    def resolve_url(obj: ArticleImage) -> str:
        return reverse("portal:image", kwargs={"pk": obj.pk, "variant": "full"})

    @staticmethod
    def resolve_thumbnail_url(obj: ArticleImage) -> str:
        return reverse("portal:image", kwargs={"pk": obj.pk, "variant": "thumb"})


class ArticleOut(Schema):
    slug: str
    url: str
    category: str
    category_name: str
    title: str
    title_en: str
    title_zh: str
    lead: str
    lead_en: str
    lead_zh: str
    author: str = Field(..., alias="author_name")
    published_at: dt.datetime = Field(..., alias="publish_at")
    images: list[ImageOut]

    @staticmethod
    def resolve_url(obj: Article) -> str:
        return obj.get_absolute_url()

    @staticmethod
    def resolve_category(obj: Article) -> str:
        return obj.category.slug

    @staticmethod
    def resolve_category_name(obj: Article) -> str:
        return obj.category.name

    @staticmethod
    def resolve_images(obj: Article) -> list[ArticleImage]:
        return list(obj.images.all())


class ArticleDetailOut(ArticleOut):
    body: str
    body_en: str
    body_zh: str
    rating_average: Decimal | None
    rating_count: int

    # Stored bodies are sanitised on save; they are sanitised again on the way out, like the pages do.
    @staticmethod
    def resolve_body(obj: Article) -> str:
        return sanitize_html(obj.body)

    @staticmethod
    def resolve_body_en(obj: Article) -> str:
        return sanitize_html(obj.body_en)

    @staticmethod
    def resolve_body_zh(obj: Article) -> str:
        return sanitize_html(obj.body_zh)


@router.get("/articles", response=list[ArticleOut], auth=None, summary="Published news articles, newest first")
@paginate(BoundedLimitOffsetPagination)
def article_list(request: HttpRequest, category: str = "") -> QuerySet[Article]:
    qs = selectors.articles_published()
    if category:
        qs = qs.filter(category__slug=category)
    return qs


@router.get("/articles/{slug}", response=ArticleDetailOut, auth=None, summary="One published article")
def article_detail(request: HttpRequest, slug: str) -> Article:
    article = selectors.articles_published().filter(slug=slug).first()
    if article is None:
        raise Http404
    summary = selectors.rating_summary(article)
    article.rating_average = summary.average
    article.rating_count = summary.count
    return article
