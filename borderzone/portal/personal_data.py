"""Readers' comments as personal data: found by e-mail for the export; e-mail and address hash deleted
RETENTION_COMMENT_CONTACT_MONTHS after posting (access.personal_data)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_personal_data_removed
from borderzone.access.personal_data import PURGE_NOTE, PersonalDataSource, months_before
from borderzone.core.cache import bump_version
from borderzone.portal.models import Comment


def find(email: str, digits: str) -> models.QuerySet[Comment]:
    if not email:
        return Comment.objects.none()
    return Comment.objects.filter(email__iexact=email).select_related("article__zone").order_by("created_at")


def row(comment: Comment) -> dict[str, Any]:
    return {
        "id": comment.pk,
        "zone": comment.article.zone.code,
        "article": comment.article.title,
        "name": comment.name,
        "email": comment.email,
        "comment": comment.body,
        "status": comment.get_status_display(),
        "posted_at": comment.created_at,
    }


@transaction.atomic
def purge(now: dt.datetime, actor: Actor) -> int:
    limit = months_before(now, settings.RETENTION_COMMENT_CONTACT_MONTHS)
    due = list(
        Comment.objects.filter(created_at__lt=limit)
        .exclude(email="", address_hash="")
        .select_related("article")
        .only("pk", "email", "address_hash", "name", "body", "article__zone_id")
    )
    if not due:
        return 0
    audit_personal_data_removed(actor=actor, instances=due, fields=Comment.PERSONAL_FIELDS, note=PURGE_NOTE)
    changed = Comment.objects.filter(pk__in=[c.pk for c in due]).update(email="", address_hash="")
    bump_version("portal.comments")
    return changed


SOURCES = [
    PersonalDataSource(key="comments", label=_("Comments on news articles"), find=find, row=row, purge=purge, order=20)
]
