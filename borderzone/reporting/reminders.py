"""E-mails reminding investors of their reports: those due within REPORT_REMINDER_DAYS_BEFORE days and
those past due, at most one e-mail per account every REPORT_REMINDER_INTERVAL_HOURS. Sent by the task
worker through the configured mail server (core.notifications' state and sender, Vietnamese text)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from borderzone.access.notifications import Notice, _send, site_link
from borderzone.core.models import NotificationState
from borderzone.reporting import selectors
from borderzone.reporting.periods import due_date

if TYPE_CHECKING:
    from borderzone.accounts.models import User

logger = logging.getLogger(__name__)
TOPIC = "reporting.reminders"


def interval() -> dt.timedelta:
    return dt.timedelta(hours=settings.REPORT_REMINDER_INTERVAL_HOURS)


def reminder_items(user: User, today: dt.date) -> list[dict[str, object]]:
    """The account's reports past due (none recorded, or returned) and those due within the coming days."""
    projects = selectors.investor_projects(user)
    items: list[dict[str, object]] = []
    horizon = today + dt.timedelta(days=settings.REPORT_REMINDER_DAYS_BEFORE)
    for zone_id in set(projects.values_list("zone_id", flat=True)):
        from borderzone.zones.models import EconomicZone

        zone = EconomicZone.objects.get(pk=zone_id)
        for o in selectors.obligations(
            zone=zone, as_of=today, filters=selectors.ObligationFilters(projects=projects.filter(zone_id=zone_id))
        ):
            if o.status in ("overdue", "returned") or (o.status == "due" and o.due_on <= horizon):
                items.append({"obligation": o, "url": _url(o.project.code, o.form.code, o.period.key)})
    for project in projects:
        for form, period, due in selectors.upcoming(project, today):
            if today < period.end + dt.timedelta(days=1) and due <= horizon:
                items.append(
                    {"upcoming": (project, form, period, due), "url": _url(project.code, form.code, period.key)}
                )
    return items


def _url(code: str, form: str, period: str) -> str:
    return site_link(reverse("reporting:my-report", args=[code, form, period]))


def reminder_notice(user: User, today: dt.date) -> Notice | None:
    items = reminder_items(user, today)
    if not items:
        return None
    overdue = sum(1 for i in items if "obligation" in i and getattr(i["obligation"], "status", "") != "due")
    subject = (
        f"{overdue} báo cáo đã quá hạn hoặc cần sửa, {len(items) - overdue} báo cáo sắp đến hạn"
        if overdue
        else f"{len(items)} báo cáo sắp đến hạn"
    )
    body = render_to_string(
        "reporting/email/reminder.txt",
        {
            "recipient": user.get_full_name() or user.username,
            "items": items,
            "home": site_link(reverse("reporting:my-projects")),
            "days": settings.REPORT_REMINDER_DAYS_BEFORE,
        },
    )
    return Notice(subject=subject, body=body)


def remind(user: User, now: dt.datetime | None = None) -> str:
    """E-mail one investor account its reminders unless it was reminded less than an interval ago:
    "sent", "held", "nothing" or "failed" (tried again at the next run)."""
    now = now or timezone.now()
    state, _created = NotificationState.objects.get_or_create(user=user, topic=TOPIC)
    previous = state.last_sent_at
    if previous is not None and now < previous + interval():
        return "held"
    with translation.override("vi"):
        notice = reminder_notice(user, timezone.localdate(now))
    if notice is None:
        return "nothing"
    claim = NotificationState.objects.filter(pk=state.pk, last_sent_at=previous)
    if previous is None:
        claim = NotificationState.objects.filter(pk=state.pk, last_sent_at__isnull=True)
    if not claim.update(last_sent_at=now):
        return "held"  # another worker took this slot
    try:
        _send(user, notice)
    except Exception:
        logger.exception("Could not e-mail report reminders to user %s", user.pk)
        NotificationState.objects.filter(pk=state.pk, last_sent_at=now).update(last_sent_at=previous)
        return "failed"
    return "sent"


@task()
def send_report_reminders() -> dict[str, str]:
    """Remind every active investor account with an e-mail address and linked projects."""
    from borderzone.accounts.models import Role, User

    outcome: dict[str, str] = {}
    users = (
        User.objects.filter(is_active=True, role=Role.INVESTOR, investor_profiles__isnull=False)
        .exclude(email="")
        .distinct()
    )
    for user in users:
        try:
            outcome[user.username] = remind(user)
        except Exception:
            logger.exception("Report reminders failed for user %s", user.pk)
            outcome[user.username] = "failed"
    return outcome


__all__ = ["TOPIC", "due_date", "remind", "send_report_reminders"]
