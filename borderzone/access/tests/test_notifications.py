"""The notification machinery: who may be told, the throttle, held-back news and mail failures."""

import datetime as dt
import logging
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.tasks import default_task_backend
from django.utils import timezone

from borderzone.access import notifications
from borderzone.access.permissions import users_who_may_change_zone
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.core.mail import LogEmailBackend
from borderzone.core.models import NotificationState

pytestmark = pytest.mark.django_db

TOPIC = "test.things"


@pytest.fixture
def user(specialist):
    specialist.email = "spec.a@bqlkkt.example.vn"
    specialist.save(update_fields=["email"])
    return specialist


@pytest.fixture
def waiting(monkeypatch):
    """What the topic reports as waiting: a count the test changes."""
    state = {"count": 1}

    def build(user):
        if not state["count"]:
            return None
        return notifications.Notice(subject=f"{state['count']} việc đang chờ", body="Nội dung")

    monkeypatch.setattr(notifications, "_builder", lambda topic: build)
    return state


@pytest.fixture
def deferring_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    return default_task_backend


def test_the_users_who_may_change_a_zone_are_its_specialists_and_the_administrators(
    zone, specialist, admin_user, leader, investor, other_specialist
):
    UserFactory(username="left", role=Role.SPECIALIST, zones=[zone], is_active=False)
    superuser = UserFactory(username="root", role=Role.LEADER, is_superuser=True)
    assert set(users_who_may_change_zone(zone)) == {specialist, admin_user, superuser}


def test_one_e_mail_per_interval_and_the_held_news_is_scheduled_once_for_the_end_of_it(user, waiting, deferring_tasks):
    start = timezone.now()
    assert notifications.deliver(user, TOPIC, now=start) == "sent"
    assert [m.subject for m in mail.outbox] == ["[BorderZone] 1 việc đang chờ"] and mail.outbox[0].to == [user.email]
    waiting["count"] = 3
    assert notifications.deliver(user, TOPIC, now=start + dt.timedelta(minutes=1)) == "held"
    assert notifications.deliver(user, TOPIC, now=start + dt.timedelta(minutes=2)) == "held"
    [follow_up] = deferring_tasks.results
    assert follow_up.task.func == notifications.send_held_notice.func
    assert list(follow_up.args) == [TOPIC, user.pk]
    assert follow_up.task.run_after == start + notifications.interval()
    assert len(mail.outbox) == 1
    assert notifications.deliver(user, TOPIC, now=start + notifications.interval()) == "sent"
    assert mail.outbox[-1].subject == "[BorderZone] 3 việc đang chờ"
    assert not NotificationState.objects.get(user=user, topic=TOPIC).pending


def test_a_failed_send_keeps_the_slot_free_and_tries_again_an_interval_later(user, waiting, deferring_tasks, caplog):
    now = timezone.now()
    with mock.patch.object(EmailMessage, "send", side_effect=SMTPException("421 busy")):
        assert notifications.deliver(user, TOPIC, now=now) == "failed"
    state = NotificationState.objects.get(user=user, topic=TOPIC)
    assert state.last_sent_at is None and state.pending
    [retry] = deferring_tasks.results
    assert retry.task.run_after == now + notifications.interval()
    assert "Could not e-mail the test.things notice" in caplog.text
    assert notifications.deliver(user, TOPIC, now=now + dt.timedelta(seconds=5)) == "sent"


def test_the_held_notice_is_not_sent_to_someone_who_lost_their_address_or_has_nothing_pending(user, waiting):
    assert notifications.send_held_notice.call(TOPIC, user.pk) == "nothing"  # nothing pending
    NotificationState.objects.create(user=user, topic=TOPIC, pending=True)
    user.email = ""
    user.save(update_fields=["email"])
    assert notifications.send_held_notice.call(TOPIC, user.pk) == "nothing"
    assert mail.outbox == []


def test_zone_notices_skip_users_without_an_address(zone, user, admin_user, waiting):
    outcome = notifications.send_zone_notices.call(TOPIC, zone.pk)
    assert outcome == {"spec_a": "sent"}
    assert notifications.send_zone_notices.call(TOPIC, 999999) == {}


def test_production_without_a_mail_server_writes_notices_to_the_log(caplog):
    message = EmailMessage(subject="3 bình luận đang chờ duyệt", body="Duyệt bình luận: …", to=["a@example.vn"])
    with caplog.at_level(logging.INFO, logger="borderzone.mail"):
        assert LogEmailBackend(alias="default").send_messages([message]) == 1
    assert "to a@example.vn: 3 bình luận đang chờ duyệt" in caplog.text
