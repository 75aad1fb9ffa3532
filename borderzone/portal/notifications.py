"""The e-mail that tells moderators reader comments wait (see core.notifications)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import ngettext

from borderzone.access.notifications import Notice, site_link
from borderzone.access.permissions import zones_editable_by
from borderzone.portal.models import Comment, CommentStatus

if TYPE_CHECKING:
    from borderzone.accounts.models import User

COMMENTS_TOPIC = "portal.comments"
EXCERPT_CHARS = 200


def comments_notice(user: User) -> Notice | None:
    """How many comments wait in the zones the user may moderate, and the latest one's excerpt and article.

    Only the excerpt and the article: the reader's name, e-mail and address stay on the moderation page."""
    waiting = Comment.objects.filter(status=CommentStatus.PENDING, article__zone__in=zones_editable_by(user))
    latest = waiting.select_related("article").order_by("-created_at", "-id").first()
    if latest is None:
        return None
    count = waiting.count()
    subject = ngettext(
        "%(count)s reader comment waits for moderation", "%(count)s reader comments wait for moderation", count
    ) % {"count": count}
    body = render_to_string(
        "portal/email/comments_waiting.txt",
        {
            "recipient": user.get_full_name() or user.username,
            "count": count,
            "article_title": latest.article.title,
            "excerpt": Truncator(" ".join(latest.body.split())).chars(EXCERPT_CHARS),
            "moderation_url": site_link(reverse("portal:staff-comments")),
            "minutes": settings.NOTIFY_INTERVAL_MINUTES,
        },
    )
    return Notice(subject=subject, body=body)


TOPICS = {COMMENTS_TOPIC: comments_notice}
