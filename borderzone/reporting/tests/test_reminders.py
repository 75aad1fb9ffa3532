import datetime as dt

import pytest
from django.core import mail

from borderzone.reporting import reminders

pytestmark = pytest.mark.django_db


def test_an_investor_is_reminded_once_per_interval(owner, project, settings):
    settings.REPORT_REMINDER_INTERVAL_HOURS = 24
    owner.email = "owner@example.vn"
    owner.save()
    now = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)
    assert reminders.remind(owner, now=now) == "sent"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["owner@example.vn"]
    assert "đã quá hạn" in message.subject
    assert (
        f"Dự án {project.code}" in message.body
        and "kỳ 2026-Q3" in message.body
        and "chưa ghi nhận báo cáo" in message.body
    )
    assert "vi phạm" not in message.body
    assert reminders.remind(owner, now=now + dt.timedelta(hours=23)) == "held"
    assert len(mail.outbox) == 1
    assert reminders.remind(owner, now=now + dt.timedelta(hours=24, minutes=1)) == "sent"
    assert len(mail.outbox) == 2


def test_the_task_skips_accounts_without_an_address_or_projects(owner, project, investor):
    owner.email = ""
    owner.save()
    assert reminders.send_report_reminders.call() == {}
    owner.email = "owner@example.vn"
    owner.save()
    assert reminders.send_report_reminders.call() == {"owner_a": "sent"}
    assert reminders.send_report_reminders.call() == {"owner_a": "held"}
