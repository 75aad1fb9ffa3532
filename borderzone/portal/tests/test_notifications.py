"""Moderators are e-mailed when reader comments wait: who, what they are told, and how often."""

import datetime as dt
from smtplib import SMTPException
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from borderzone.access import notifications
from borderzone.access.actors import Actor
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.core.models import NotificationState
from borderzone.portal import services
from borderzone.portal.models import Comment, CommentStatus
from borderzone.portal.notifications import COMMENTS_TOPIC
from borderzone.portal.tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

READER = Actor(user=None, via="web")


@pytest.fixture
def moderators(zone, other_zone, specialist, admin_user, leader, other_specialist):
    """Who may moderate zone A (its specialist, an administrator) and who may not, each with an address."""
    for user, address in (
        (specialist, "spec.a@bqlkkt.example.vn"),
        (admin_user, "admin@bqlkkt.example.vn"),
        (leader, "leader.a@bqlkkt.example.vn"),
        (other_specialist, "spec.b@bqlkkt.example.vn"),
    ):
        user.email = address
        user.save(update_fields=["email"])
    UserFactory(username="gone", role=Role.SPECIALIST, zones=[zone], email="gone@example.vn", is_active=False)
    UserFactory(username="no_address", role=Role.SPECIALIST, zones=[zone])
    return {"specialist": specialist, "admin": admin_user}


def _post(article, body="Khu kinh tế cần thêm bãi đỗ xe tải ở Trà Lĩnh.", address="addr1", when=None):
    return services.comment_post(
        article=article,
        name="Bạn đọc An",
        email="an.reader@example.com",
        body=body,
        address=address,
        actor=READER,
        now=when,
    )


def test_a_waiting_comment_e_mails_the_zones_moderators_in_vietnamese_without_the_readers_address(
    client, article, captcha_answer, moderators, django_capture_on_commit_callbacks
):
    data = {
        "name": "Bạn đọc An",
        "email": "an.reader@example.com",
        "body": "Khu kinh tế cần thêm bãi đỗ xe tải.",
        **captcha_answer(),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portal:comment", args=[article.slug]), data)
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["admin@bqlkkt.example.vn", "spec.a@bqlkkt.example.vn"]
    message = next(m for m in mail.outbox if m.to == ["spec.a@bqlkkt.example.vn"])
    assert message.subject == "[BorderZone] 1 bình luận của bạn đọc đang chờ duyệt"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Xin chào Nguyễn Văn A," in message.body
    assert "Có 1 bình luận của bạn đọc đang chờ duyệt." in message.body
    assert 'Bình luận mới nhất, về bài "Bài mẫu":' in message.body
    assert '"Khu kinh tế cần thêm bãi đỗ xe tải."' in message.body
    assert f"{settings.SITE_URL}/staff/portal/comments/" in message.body
    assert "an.reader@example.com" not in message.body and "Bạn đọc An" not in message.body
    assert Comment.objects.get().status == CommentStatus.PENDING


def test_a_flood_of_comments_sends_one_e_mail_per_moderator_then_one_with_the_count(
    article, moderators, django_capture_on_commit_callbacks
):
    specialist = moderators["specialist"]
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(6):
            _post(article, body=f"Ý kiến số {i}", address=f"addr{i}")
    assert len(mail.outbox) == 2  # one each for the specialist and the administrator
    state = NotificationState.objects.get(user=specialist, topic=COMMENTS_TOPIC)
    assert state.pending  # the five that came after are held back, not lost
    # when the interval has passed, the held-back news goes out as one e-mail with the count
    NotificationState.objects.filter(pk=state.pk).update(
        last_sent_at=timezone.now() - dt.timedelta(minutes=settings.NOTIFY_INTERVAL_MINUTES, seconds=1)
    )
    mail.outbox.clear()
    assert notifications.send_held_notice.call(COMMENTS_TOPIC, specialist.pk) == "sent"
    [message] = mail.outbox
    assert message.to == ["spec.a@bqlkkt.example.vn"]
    assert message.subject == "[BorderZone] 6 bình luận của bạn đọc đang chờ duyệt"
    assert '"Ý kiến số 5"' in message.body
    # and nothing more until the next interval ends
    with django_capture_on_commit_callbacks(execute=True):
        _post(article, body="Thêm một ý kiến", address="addr9")
    assert [m.to for m in mail.outbox] == [["spec.a@bqlkkt.example.vn"]]


def test_a_held_notice_is_dropped_when_the_comments_were_moderated_meanwhile(
    article, moderators, django_capture_on_commit_callbacks, actor
):
    specialist = moderators["specialist"]
    with django_capture_on_commit_callbacks(execute=True):
        _post(article, address="a1")
        second = _post(article, address="a2")
    first = Comment.objects.exclude(pk=second.pk).get()
    for comment in (first, second):
        services.comment_moderate(comment=comment, approve=True, actor=actor)
    NotificationState.objects.update(last_sent_at=timezone.now() - dt.timedelta(days=1))
    mail.outbox.clear()
    assert notifications.send_held_notice.call(COMMENTS_TOPIC, specialist.pk) == "nothing"
    assert mail.outbox == []
    assert not NotificationState.objects.get(user=specialist).pending


def test_a_mail_server_that_fails_loses_no_comment_and_shows_the_reader_no_error(
    client, article, captcha_answer, moderators, django_capture_on_commit_callbacks, caplog
):
    data = {"name": "An", "email": "", "body": "Ý kiến khi máy chủ thư hỏng", **captcha_answer()}
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPException("450 try later")):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("portal:comment", args=[article.slug]), data, follow=True)
    assert response.status_code == 200
    assert "Thank you" in response.content.decode() or "Cảm ơn" in response.content.decode()
    assert Comment.objects.filter(body="Ý kiến khi máy chủ thư hỏng", status=CommentStatus.PENDING).exists()
    assert "Could not e-mail the portal.comments notice" in caplog.text
    state = NotificationState.objects.get(user=moderators["specialist"])
    assert state.last_sent_at is None and state.pending  # tried again with the next comment
    with django_capture_on_commit_callbacks(execute=True):
        _post(article, body="Ý kiến sau", address="addr7")
    assert len(mail.outbox) == 2
    assert "2 bình luận" in mail.outbox[0].subject


def test_a_comment_sent_back_to_moderation_by_readers_flags_tells_the_moderators(
    article, moderators, django_capture_on_commit_callbacks
):
    comment = CommentFactory(article=article, body="Bình luận bị báo cáo")
    with django_capture_on_commit_callbacks(execute=True):
        for reporter in ("addr:v1", "addr:v2", "user:3"):
            services.comment_flag(comment=comment, reporter=reporter, actor=READER)
    assert len(mail.outbox) == 2 and '"Bình luận bị báo cáo"' in mail.outbox[0].body


def test_an_administrator_is_told_the_count_of_every_zone(
    article, other_zone, moderators, django_capture_on_commit_callbacks
):
    from borderzone.portal.tests.factories import ArticleFactory

    elsewhere = ArticleFactory(zone=other_zone, category=article.category, created_by=moderators["admin"])
    CommentFactory(article=elsewhere, status=CommentStatus.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        _post(article)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "2 bình luận" in by_address["admin@bqlkkt.example.vn"].subject
    assert "1 bình luận" in by_address["spec.a@bqlkkt.example.vn"].subject
