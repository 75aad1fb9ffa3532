import pytest
from django.urls import reverse

from borderzone.core.models import AuditEvent
from borderzone.promotion.models import Inquiry

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Lý Minh",
    "organisation": "Công ty TNHH Thương mại Bằng Tường",
    "email": "ly.minh@example.cn",
    "country": "cn",
    "message": "Xin hỏi về ưu đãi cho kho ngoại quan tại Trà Lĩnh.",
}


@pytest.fixture(autouse=True)
def _portal_zone(zone, settings):
    settings.DEFAULT_ZONE_CODE = "ZA"
    return zone


@pytest.fixture
def form(solved_captcha):
    return lambda: {**FORM, **solved_captcha()}


def test_an_inquiry_with_a_valid_captcha_lands_in_the_zone_inbox(client, zone, specialist, form):
    response = client.post(reverse("investing:inquiry"), form(), REMOTE_ADDR="203.0.113.10")
    assert response.status_code == 302
    item = Inquiry.objects.get()
    assert (item.zone, item.status, item.country) == (zone, "new", "CN")
    assert "203.0.113.10" not in item.sender_hash
    client.force_login(specialist)
    inbox = client.get(reverse("investing:staff-inbox")).content.decode()
    assert "Lý Minh" in inbox


def test_an_inquiry_without_a_valid_captcha_is_refused(client, form):
    response = client.post(reverse("investing:inquiry"), {**form(), "captcha_1": "WRONG"})
    assert response.status_code == 422
    assert Inquiry.objects.count() == 0
    assert "Lý Minh" in response.content.decode()
    missing = client.post(reverse("investing:inquiry"), {k: v for k, v in FORM.items() if not k.startswith("captcha")})
    assert missing.status_code == 422 and Inquiry.objects.count() == 0


def test_one_address_may_send_only_three_inquiries_an_hour(client, form):
    for _ in range(3):
        assert client.post(reverse("investing:inquiry"), form(), REMOTE_ADDR="198.51.100.7").status_code == 302
    refused = client.post(reverse("investing:inquiry"), form(), REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert "Vui lòng chờ" in refused.content.decode()
    other = client.post(reverse("investing:inquiry"), form(), REMOTE_ADDR="198.51.100.8")
    assert other.status_code == 302
    assert Inquiry.objects.count() == 4


def test_staff_move_an_inquiry_through_its_statuses_audited_and_other_zones_get_404(
    client, specialist, other_specialist, leader, form
):
    client.post(reverse("investing:inquiry"), form())
    item = Inquiry.objects.get()
    url = reverse("investing:staff-inquiry", args=[item.pk])
    client.force_login(other_specialist)
    assert client.get(url).status_code == 404
    client.force_login(leader)
    assert client.post(url, {"status": "closed"}).status_code == 403
    client.force_login(specialist)
    assert client.post(url, {"status": "answered", "staff_note": "Đã trả lời qua e-mail"}).status_code == 302
    item.refresh_from_db()
    assert item.status == "answered"
    event = AuditEvent.objects.get(object_id=str(item.pk), action="status_changed")
    assert event.changes["status"] == ["new", "answered"]


def test_visitors_cannot_open_the_inbox(client):
    response = client.get(reverse("investing:staff-inbox"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_inquiry_e_mails_the_zones_staff_once_per_interval_without_the_investors_contacts(
    client, zone, specialist, leader, admin_user, form, make_call, django_capture_on_commit_callbacks
):
    from django.conf import settings
    from django.core import mail

    for user, address in ((specialist, "spec.a@bqlkkt.example.vn"), (leader, "leader.a@bqlkkt.example.vn")):
        user.email = address
        user.save(update_fields=["email"])
    call = make_call(title="Kho ngoại quan Trà Lĩnh")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("investing:inquiry"),
            {**form(), "call": call.pk, "phone": "+86 771 555 0101"},
            REMOTE_ADDR="203.0.113.20",
        )
    assert response.status_code == 302
    [message] = mail.outbox  # the leader reads but does not answer; the administrator has no address
    item = Inquiry.objects.get()
    assert message.to == ["spec.a@bqlkkt.example.vn"]
    assert message.subject == "[BorderZone] 1 câu hỏi mới của nhà đầu tư đang chờ trả lời"
    assert 'Câu hỏi mới nhất, về dự án "Kho ngoại quan Trà Lĩnh":' in message.body
    assert '"Xin hỏi về ưu đãi cho kho ngoại quan tại Trà Lĩnh."' in message.body
    assert f"{settings.SITE_URL}{reverse('investing:staff-inquiry', args=[item.pk])}" in message.body
    for private in ("ly.minh@example.cn", "+86 771 555 0101", "203.0.113.20"):
        assert private not in message.body
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("investing:inquiry"), form(), REMOTE_ADDR="203.0.113.21")
    assert len(mail.outbox) == 1 and Inquiry.objects.count() == 2
