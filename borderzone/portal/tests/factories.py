from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from borderzone.accounts.tests.factories import UserFactory
from borderzone.portal.models import Article, ArticleStatus, Category, Comment, CommentStatus


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"chuyen-muc-{n}")
    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article unless told otherwise (status, publish_at, expire_at)."""

    class Meta:
        model = Article

    zone = None
    category = factory.SubFactory(CategoryFactory)
    slug = factory.Sequence(lambda n: f"bai-viet-{n}")
    title = factory.Sequence(lambda n: f"Bài viết số {n}")
    title_en = factory.Sequence(lambda n: f"Article number {n}")
    lead = "Tóm tắt bài viết về Khu kinh tế cửa khẩu."
    body = "<p>Nội dung bài viết.</p>"
    author_name = "Hoàng Xuân Ánh"
    created_by = factory.SubFactory(UserFactory)
    status = ArticleStatus.APPROVED
    publish_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    name = "Bạn đọc"
    email = "ban.doc@example.com"
    body = "Bài viết hay."
    status = CommentStatus.APPROVED
    address_hash = "x" * 40
