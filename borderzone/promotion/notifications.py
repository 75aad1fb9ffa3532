"""The e-mail that tells a zone's staff investors' questions wait (see core.notifications)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import ngettext

from borderzone.access.notifications import Notice, site_link
from borderzone.access.permissions import zones_editable_by
from borderzone.promotion.models import Inquiry, InquiryStatus

if TYPE_CHECKING:
    from borderzone.accounts.models import User

INQUIRIES_TOPIC = "investing.inquiries"
EXCERPT_CHARS = 200


def inquiries_notice(user: User) -> Notice | None:
    """How many new inquiries wait in the zones the user may answer for, and the latest one's excerpt and
    project; the sender's contact details stay on the inquiry page."""
    waiting = Inquiry.objects.filter(status=InquiryStatus.NEW, zone__in=zones_editable_by(user))
    latest = waiting.select_related("call").order_by("-created_at", "-id").first()
    if latest is None:
        return None
    count = waiting.count()
    subject = ngettext(
        "%(count)s new investor inquiry waits for an answer",
        "%(count)s new investor inquiries wait for an answer",
        count,
    ) % {"count": count}
    body = render_to_string(
        "investing/email/inquiries_waiting.txt",
        {
            "recipient": user.get_full_name() or user.username,
            "count": count,
            "project": latest.call.title if latest.call else "",
            "excerpt": Truncator(" ".join(latest.message.split())).chars(EXCERPT_CHARS),
            "inquiry_url": site_link(reverse("investing:staff-inquiry", args=[latest.pk])),
            "inbox_url": site_link(reverse("investing:staff-inbox") + f"?status={InquiryStatus.NEW}"),
            "minutes": settings.NOTIFY_INTERVAL_MINUTES,
        },
    )
    return Notice(subject=subject, body=body)


TOPICS = {INQUIRIES_TOPIC: inquiries_notice}
