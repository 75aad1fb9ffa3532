"""What the portal puts on a staff member's work list (core.registry.work_providers)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import WorkContext, WorkItem, WorkProvider
from borderzone.portal.models import Article, ArticleStatus, Comment, CommentStatus


def items(context: WorkContext) -> list[WorkItem]:
    comments = Comment.objects.filter(status=CommentStatus.PENDING, article__zone__in=context.zones_read).count()
    articles = Article.objects.filter(status=ArticleStatus.SUBMITTED, zone__in=context.zones_read).count()
    return [
        WorkItem(_("Reader comments waiting for moderation"), comments, reverse("portal:staff-comments")),
        WorkItem(_("Articles waiting for approval"), articles, reverse("portal:staff-articles") + "?status=submitted"),
    ]


PROVIDERS = [WorkProvider("portal", items, order=10)]
