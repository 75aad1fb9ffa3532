import pytest

from borderzone.promotion.models import Inquiry, InquiryStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(zone):
    return Inquiry.objects.create(
        zone=zone, name="Lý Minh", email="owner@example.vn", message="Thủ tục ký quỹ?", sender_hash="x"
    )


def test_the_board_answers_an_inquiry_and_the_investor_reads_the_thread(
    client, specialist, owner, inquiry, other_specialist
):
    client.force_login(specialist)
    assert "Trả lời trên hệ thống" in client.get(f"/staff/investing/inbox/{inquiry.pk}/").content.decode()
    response = client.post(
        f"/staff/investor-reports/questions/{inquiry.pk}/", {"body": "Ký quỹ nộp trước khi giao đất."}
    )
    assert response.status_code == 302
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ANSWERED
    client.force_login(other_specialist)
    assert client.get(f"/staff/investor-reports/questions/{inquiry.pk}/").status_code == 404

    client.force_login(owner)
    assert client.get(f"/investor/questions/{inquiry.pk}/").status_code == 404  # no e-mail on the account yet
    owner.email = "OWNER@example.vn"
    owner.save()
    page = client.get(f"/investor/questions/{inquiry.pk}/").content.decode()
    assert "Thủ tục ký quỹ?" in page and "Ký quỹ nộp trước khi giao đất." in page
    assert client.post(f"/investor/questions/{inquiry.pk}/", {"body": "Cảm ơn."}).status_code == 302
    assert [m.from_board for m in inquiry.thread.all()] == [True, False]
