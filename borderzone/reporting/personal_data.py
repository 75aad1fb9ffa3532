"""Messages on investors' inquiries (the question-and-answer threads) as personal data: found through
the inquiry's e-mail or telephone or the author's account e-mail, for the export (access.personal_data).
They have no retention period of their own: they stay with their inquiry, whose contact details are
deleted by the promotion app's purge."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from borderzone.access.personal_data import PersonalDataSource
from borderzone.promotion.personal_data import find as find_inquiries
from borderzone.reporting.models import InquiryMessage


def find(email: str, digits: str) -> models.QuerySet[InquiryMessage]:
    condition = Q(inquiry__in=find_inquiries(email, digits).values("pk"))
    if email:
        condition |= Q(author__email__iexact=email)
    return (
        InquiryMessage.objects.filter(condition).select_related("inquiry__zone", "author").order_by("created_at", "id")
    )


def row(message: InquiryMessage) -> dict[str, Any]:
    return {
        "id": message.pk,
        "inquiry": message.inquiry_id,
        "zone": message.inquiry.zone.code,
        "from_board": message.from_board,
        "author": message.author.username,
        "message": message.body,
        "sent_at": message.created_at,
    }


SOURCES = [
    PersonalDataSource(
        key="inquiry_messages", label=_("Messages on questions to the board"), find=find, row=row, order=40
    )
]
