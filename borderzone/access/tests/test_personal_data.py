"""Personal data (issue 14, Law 91/2025/QH15): the privacy notice on every form that collects it, the
retention purge, the export of one person's data, and how the audit trail keeps it."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from borderzone.access.actors import Actor
from borderzone.access.audit import PERSONAL_MARK
from borderzone.access.personal_data import PURGE_NOTE, months_before, personal_data_purge, same_phone
from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.core.models import AuditAction, AuditEvent
from borderzone.portal.models import Comment
from borderzone.portal.tests.factories import ArticleFactory, CategoryFactory, CommentFactory
from borderzone.promotion import services as promotion_services
from borderzone.promotion.models import Inquiry, InquiryStatus
from borderzone.reporting import services as reporting_services

pytestmark = pytest.mark.django_db

EMAIL = "ly.minh@example.cn"


@pytest.fixture(autouse=True)
def _setup(settings, zone, tmp_path):
    settings.DEFAULT_ZONE_CODE = zone.code
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.RETENTION_COMMENT_CONTACT_MONTHS = 12
    settings.RETENTION_INQUIRY_CONTACT_MONTHS = 24
    zone.board_name = "Ban Quản lý Khu kinh tế tỉnh Thử"
    zone.board_name_en = "Management Board of the Test Economic Zone"
    zone.save()
    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture
def article(zone):
    category = CategoryFactory(slug="tin-tuc", name="Tin tức", name_en="News", comments_enabled=True)
    return ArticleFactory(zone=zone, category=category, slug="bai-co-binh-luan", created_by=UserFactory())


def _inquiry(zone, *, email=EMAIL, phone="+84 912 345 678", name="Lý Minh") -> Inquiry:
    return promotion_services.inquiry_submit(
        zone=zone,
        actor=Actor(user=None, via="web", ip_address="203.0.113.9"),
        name=name,
        organisation="Công ty TNHH Bằng Tường",
        email=email,
        phone=phone,
        country="CN",
        message="Xin hỏi về kho ngoại quan.",
    )


def _age(model, pk, **moments) -> None:
    model.objects.filter(pk=pk).update(**moments)


# The notice ---------------------------------------------------------------------------------------------

NOTICE = {
    "vi": ("Dữ liệu cá nhân của bạn", "Ban Quản lý Khu kinh tế tỉnh Thử", "Luật số 91/2025/QH15"),
    "en": ("Your personal data", "Management Board of the Test Economic Zone", "Law No. 91/2025/QH15"),
    "zh-hans": ("您的个人数据", "Management Board of the Test Economic Zone", "第91/2025/QH15号"),
}
RETENTION = {
    "comment": {"vi": "12 tháng sau khi bạn gửi", "en": "12 months after you post", "zh-hans": "12个月"},
    "inquiry": {"vi": "24 tháng sau khi Ban", "en": "24 months after the board closes", "zh-hans": "24个月"},
}


def _prefix(lang: str) -> str:
    return "" if lang == "vi" else f"/{lang}"


@pytest.mark.parametrize("lang", ["vi", "en", "zh-hans"])
def test_the_comment_and_inquiry_forms_show_the_notice_in_the_readers_language(client, article, lang):
    heading, controller, law = NOTICE[lang]
    comment_page = client.get(f"{_prefix(lang)}/news/{article.slug}/comment/")
    inquiry_page = client.get(f"{_prefix(lang)}/investing/inquiry/")
    for page, key in ((comment_page, "comment"), (inquiry_page, "inquiry")):
        assert page.status_code == 200
        html = page.content.decode()
        assert f'data-notice="{key}"' in html
        assert heading in html and controller in html and law in html
        assert RETENTION[key][lang] in html


def test_the_account_form_and_the_investors_reply_form_show_the_notice(client, zone, admin_user, investor):
    client.force_login(admin_user)
    html = client.get(reverse("accounts:user-create")).content.decode()
    assert 'data-notice="account"' in html and "Ban Quản lý Khu kinh tế tỉnh Thử" in html
    investor.email = EMAIL
    investor.save()
    inquiry = _inquiry(zone)
    client.force_login(investor)
    page = client.get(reverse("reporting:my-inquiry", args=[inquiry.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-notice="thread"' in html and "24 tháng" in html


def test_the_notices_retention_follows_the_setting(client, article, settings):
    settings.RETENTION_COMMENT_CONTACT_MONTHS = 6
    html = client.get(f"/en/news/{article.slug}/comment/").content.decode()
    assert "6 months after you post" in html and "12 months" not in html


# Audit rows keep no contact details ----------------------------------------------------------------------


def test_an_inquirys_audit_row_keeps_field_names_and_a_mark_not_the_contact_details(zone):
    inquiry = _inquiry(zone)
    row = AuditEvent.objects.get(object_id=str(inquiry.pk), action=AuditAction.CREATED, changes__has_key="email")
    stored = json.dumps(row.changes, ensure_ascii=False) + row.object_repr
    assert EMAIL not in stored and "Lý Minh" not in stored and "912 345 678" not in stored
    assert row.changes["email"][1].startswith(PERSONAL_MARK + " ") and len(row.changes["email"][1]) == 3 + 1 + 8
    assert row.changes["organisation"] == [None, "Công ty TNHH Bằng Tường"]
    assert row.object_repr.startswith(f"#{inquiry.pk} – ")


# Retention ----------------------------------------------------------------------------------------------


def test_months_before_keeps_the_day_or_takes_the_months_last():
    moment = dt.datetime(2026, 3, 31, 10, 0, tzinfo=dt.UTC)
    assert months_before(moment, 1) == dt.datetime(2026, 2, 28, 10, 0, tzinfo=dt.UTC)
    assert months_before(moment, 12) == dt.datetime(2025, 3, 31, 10, 0, tzinfo=dt.UTC)
    assert months_before(moment, 15) == dt.datetime(2024, 12, 31, 10, 0, tzinfo=dt.UTC)


def test_the_purge_deletes_expired_contact_details_audited_without_them_and_twice_is_safe(zone, article):
    now = timezone.now()
    old = CommentFactory(article=article, email="cu@example.com", address_hash="a" * 64)
    recent = CommentFactory(article=article, email="moi@example.com", address_hash="b" * 64)
    _age(Comment, old.pk, created_at=now - dt.timedelta(days=400))
    _age(Comment, recent.pk, created_at=now - dt.timedelta(days=300))
    closed_long_ago = _inquiry(zone, email="a@example.cn", name="Người A")
    closed_lately = _inquiry(zone, email="b@example.cn", name="Người B")
    open_long_ago = _inquiry(zone, email="c@example.cn", name="Người C")
    _age(Inquiry, closed_long_ago.pk, status=InquiryStatus.CLOSED, updated_at=now - dt.timedelta(days=760))
    _age(Inquiry, closed_lately.pk, status=InquiryStatus.CLOSED, updated_at=now - dt.timedelta(days=30))
    _age(Inquiry, open_long_ago.pk, status=InquiryStatus.ANSWERED, updated_at=now - dt.timedelta(days=900))
    before = AuditEvent.objects.count()

    out = StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "comments 1" in out.getvalue() and "inquiries 1" in out.getvalue()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.email, old.address_hash, old.name, old.body) == ("", "", "Bạn đọc", "Bài viết hay.")
    assert (recent.email, recent.address_hash) == ("moi@example.com", "b" * 64)
    gone = Inquiry.objects.get(pk=closed_long_ago.pk)
    assert (gone.name, gone.email, gone.phone, gone.sender_hash) == ("", "", "", "")
    assert gone.message == "Xin hỏi về kho ngoại quan." and gone.organisation == "Công ty TNHH Bằng Tường"
    assert gone.updated_at < now - dt.timedelta(days=700)  # the closing day stays its last change
    assert Inquiry.objects.get(pk=closed_lately.pk).email == "b@example.cn"
    assert Inquiry.objects.get(pk=open_long_ago.pk).email == "c@example.cn"

    rows = list(AuditEvent.objects.filter(note=PURGE_NOTE).order_by("id"))
    assert AuditEvent.objects.count() == before + 2 and len(rows) == 2
    assert rows[0].changes == {"email": [PERSONAL_MARK, ""], "address_hash": [PERSONAL_MARK, ""]}
    assert rows[0].user.username == "system" and rows[0].via == "command:purge_personal_data"
    assert rows[1].changes == {k: [PERSONAL_MARK, ""] for k in ("name", "email", "phone", "sender_hash")}
    stored = json.dumps([r.changes for r in rows]) + "".join(r.object_repr for r in rows)
    assert "cu@example.com" not in stored and "a@example.cn" not in stored and "Người A" not in stored

    # Running it again changes nothing and writes no audit row.
    assert personal_data_purge(actor=Actor(user=None, via="test")) == {"comments": 0, "inquiries": 0}
    assert AuditEvent.objects.count() == before + 2


# The export ---------------------------------------------------------------------------------------------


def test_same_phone_compares_the_last_nine_digits():
    assert same_phone("+84 912 345 678", "0912345678")
    assert not same_phone("+84 912 345 679", "0912345678")
    assert not same_phone("", "0912345678")


@pytest.fixture
def person(zone, other_zone, article, specialist):
    """A person with a comment, inquiries in two zones (one found by phone only), a reply on the thread
    and an investor account; and another person's data that must stay out."""
    account = UserFactory(username="lyminh", role=Role.INVESTOR, email=EMAIL.upper(), zones=[zone])
    comment = CommentFactory(article=article, email=EMAIL, name="Lý Minh", body="Câu hỏi về cửa khẩu.")
    mine = _inquiry(zone)
    elsewhere = _inquiry(other_zone, email="khac@example.cn", phone="0912.345.678")
    reporting_services.inquiry_message_add(
        inquiry=mine, body="Cảm ơn, tôi sẽ gửi hồ sơ.", actor=Actor(user=account, via="web"), from_board=False
    )
    CommentFactory(article=article, email="nguoi.khac@example.com", name="Người khác")
    _inquiry(zone, email="nguoi.khac@example.com", phone="0987 000 111", name="Người khác")
    return {"account": account, "comment": comment, "mine": mine, "elsewhere": elsewhere}


def test_an_administrator_downloads_everything_about_one_person_and_the_export_is_audited(client, admin_user, person):
    client.force_login(admin_user)
    assert client.get(reverse("core:personal-data-export")).status_code == 200
    response = client.post(
        reverse("core:personal-data-export"), {"email": " Ly.Minh@Example.CN ", "phone": "0912 345 678"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    sections = data["sections"]
    assert data["subject"] == {"email": EMAIL, "phone": "0912345678"}
    assert [r["comment"] for r in sections["comments"]["rows"]] == ["Câu hỏi về cửa khẩu."]
    # Both zones: the other zone's inquiry matched the telephone.
    assert sorted((r["zone"], r["email"]) for r in sections["inquiries"]["rows"]) == [
        ("ZA", EMAIL),
        ("ZB", "khac@example.cn"),
    ]
    assert [r["message"] for r in sections["inquiry_messages"]["rows"]] == ["Cảm ơn, tôi sẽ gửi hồ sơ."]
    assert [(r["username"], r["email"]) for r in sections["accounts"]["rows"]] == [("lyminh", EMAIL.upper())]
    audit = sections["audit"]["rows"]
    objects = {(r["object_type"], r["object_id"]) for r in audit}
    assert ("câu hỏi của nhà đầu tư", str(person["mine"].pk)) in objects
    assert ("câu hỏi của nhà đầu tư", str(person["elsewhere"].pk)) in objects
    assert any(r["by"] == "lyminh" for r in audit)  # what the account did (its reply)
    assert "Người khác" not in response.content.decode() and "nguoi.khac" not in response.content.decode()

    row = AuditEvent.objects.get(action=AuditAction.EXPORTED)
    assert row.user == admin_user
    assert row.changes["rows"]["inquiries"] == 2 and row.changes["rows"]["comments"] == 1
    stored = json.dumps(row.changes) + row.note + row.object_repr
    assert "ly.minh" not in stored.lower() and "912345678" not in stored and row.note.startswith("subject digest ")


@pytest.mark.parametrize("role", [Role.SPECIALIST, Role.LEADER, Role.INVESTOR])
def test_only_administrators_may_export_a_persons_data(client, zone, person, role):
    client.force_login(UserFactory(username=f"u_{role}", role=role, zones=[zone]))
    assert client.get(reverse("core:personal-data-export")).status_code == 403
    assert client.post(reverse("core:personal-data-export"), {"email": EMAIL}).status_code == 403
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORTED).exists()


def test_visitors_are_sent_to_sign_in(client):
    response = client.post(reverse("core:personal-data-export"), {"email": EMAIL})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_export_without_a_usable_address_says_why(client, admin_user):
    client.force_login(admin_user)
    empty = client.post(reverse("core:personal-data-export"), {"email": "", "phone": ""})
    assert empty.status_code == 422
    assert "Nhập địa chỉ e-mail hoặc số điện thoại của người đó." in empty.content.decode()
    bad = client.post("/en" + reverse("core:personal-data-export"), {"email": "not-an-address", "phone": "12"})
    assert bad.status_code == 422
    html = bad.content.decode()
    assert "Enter a valid e-mail address." in html and "A telephone number has at least 6 digits." in html
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORTED).exists()


# Sign-in addresses ----------------------------------------------------------------------------------------


def test_sign_in_addresses_are_shown_to_administrators_only(client, admin_user, specialist, zone):
    from django.template.loader import render_to_string

    from borderzone.access.audit import audit_access
    from borderzone.accounts.models import User

    signed_in = audit_access(
        actor=Actor(user=specialist, via="web", ip_address="198.51.100.77"),
        model=User,
        object_id=str(specialist.pk),
        object_repr=str(specialist),
        action=AuditAction.LOGIN,
    )
    change = _inquiry(zone)  # an ordinary change from 203.0.113.9
    change_row = AuditEvent.objects.get(object_id=str(change.pk), action=AuditAction.CREATED, changes__has_key="email")
    events = [signed_in, change_row]
    as_specialist = render_to_string("core/_events.html", {"events": events, "viewer_is_admin": False})
    as_admin = render_to_string("core/_events.html", {"events": events, "viewer_is_admin": True})
    assert "198.51.100.77" not in as_specialist and "203.0.113.9" in as_specialist
    assert "198.51.100.77" in as_admin

    # The account's history page: administrators see the address; others may not open it.
    url = reverse("core:history", args=[signed_in.content_type_id, signed_in.object_id])
    client.force_login(admin_user)
    assert "198.51.100.77" in client.get(url).content.decode()
    client.force_login(specialist)
    assert client.get(url).status_code == 404
