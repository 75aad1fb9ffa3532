"""E-mails that tell staff work is waiting (a reader's comment to moderate, an investor's question).

An app names a topic and a function that builds, for one staff member, the notice of what waits for
them now (`<app>.notifications.TOPICS`); its service calls `notify_zone_staff` inside the transaction
that saved the item. Once that transaction commits, a background task e-mails each user who may change
the zone's content (core.permissions). Each user gets at most one e-mail per topic every
NOTIFY_INTERVAL_MINUTES: news that arrives meanwhile waits for the interval to end and then goes out as
one e-mail with the count. Notices are written in Vietnamese, the board's working language.

Sending is best effort: a mail server that fails is logged and tried again an interval later or with the
next news, whichever comes first; it never undoes or refuses the item that caused it.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation

from borderzone.access.permissions import users_who_may_change_zone
from borderzone.accounts.models import User
from borderzone.core.models import NotificationState
from borderzone.core.registry import notification_topics
from borderzone.zones.models import EconomicZone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """What one staff member is told: the subject and body of a plain-text e-mail."""

    subject: str
    body: str


NoticeBuilder = Callable[["User"], Notice | None]


def interval() -> dt.timedelta:
    return dt.timedelta(minutes=settings.NOTIFY_INTERVAL_MINUTES)


def site_link(path: str) -> str:
    """An absolute link for an e-mail, which is written without a request."""
    return f"{settings.SITE_URL}{path}"


def notify_zone_staff(*, topic: str, zone_id: int) -> None:
    """Queue, once the current transaction commits, the e-mails telling a zone's staff about new work."""

    def enqueue() -> None:
        try:
            send_zone_notices.enqueue(topic, zone_id)
        except Exception:
            # The item is saved; only the e-mail is lost, and the next item's e-mail counts it.
            logger.exception("Could not queue the %s notices of zone %s", topic, zone_id)

    transaction.on_commit(enqueue)


def _builder(topic: str) -> NoticeBuilder:

    builder: NoticeBuilder = notification_topics()[topic]
    return builder


def _send(user: User, notice: Notice) -> None:
    EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}{notice.subject}",
        body=notice.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    ).send()


def _schedule_follow_up(topic: str, user_id: int, at: dt.datetime) -> None:
    if not send_held_notice.get_backend().supports_defer:
        # Without deferred tasks (tests run tasks at once), the next news after the interval sends the count.
        return
    send_held_notice.using(run_after=at).enqueue(topic, user_id)


def deliver(user: User, topic: str, now: dt.datetime | None = None) -> str:
    """Tell one user what waits for them under `topic`, unless they were told less than an interval ago.

    Returns what happened: "sent", "held" (told recently; a follow-up comes when the interval ends),
    "nothing" (nothing waits any more), or "failed" (the mail server failed; tried again later).
    """
    now = now or timezone.now()
    state, _created = NotificationState.objects.get_or_create(user=user, topic=topic)
    previous = state.last_sent_at
    if previous is not None and now < previous + interval():
        if NotificationState.objects.filter(pk=state.pk, pending=False).update(pending=True):
            _schedule_follow_up(topic, user.pk, previous + interval())
        return "held"
    with translation.override("vi"):
        notice = _builder(topic)(user)
    if notice is None:
        NotificationState.objects.filter(pk=state.pk).update(pending=False)
        return "nothing"
    # Claim the slot before sending, so that two workers never both send (compare-and-set on the time).
    claim = NotificationState.objects.filter(pk=state.pk, last_sent_at=previous)
    if previous is None:
        claim = NotificationState.objects.filter(pk=state.pk, last_sent_at__isnull=True)
    if not claim.update(last_sent_at=now, pending=False):
        return "held"
    try:
        _send(user, notice)
    except Exception:
        logger.exception("Could not e-mail the %s notice to user %s", topic, user.pk)
        NotificationState.objects.filter(pk=state.pk, last_sent_at=now).update(last_sent_at=previous, pending=True)
        _schedule_follow_up(topic, user.pk, now + interval())
        return "failed"
    return "sent"


@task()
def send_zone_notices(topic: str, zone_id: int) -> dict[str, str]:
    """E-mail each user who may change the zone's content (and has an address) what waits for them."""
    zone = EconomicZone.objects.filter(pk=zone_id).first()
    if zone is None:
        return {}
    outcome: dict[str, str] = {}
    for user in users_who_may_change_zone(zone).exclude(email=""):
        try:
            outcome[user.username] = deliver(user, topic)
        except Exception:
            logger.exception("Could not notify user %s about %s", user.pk, topic)
            outcome[user.username] = "failed"
    return outcome


@task()
def send_held_notice(topic: str, user_id: int) -> str:
    """At the end of an interval, send the news held back during it (with the count of what waits)."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    state = NotificationState.objects.filter(user_id=user_id, topic=topic).first()
    if user is None or state is None or not state.pending:
        return "nothing"
    return deliver(user, topic)
