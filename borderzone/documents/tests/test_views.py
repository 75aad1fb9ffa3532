import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from borderzone.core.models import AuditEvent
from borderzone.documents import services
from borderzone.documents.models import LegalDocument
from borderzone.documents.tests.factories import approve_and_publish

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


@pytest.fixture
def doc_with_pdf(zone, make_document, pdf_upload, actor):
    def build(published=True):
        doc = make_document(zone, title="Quyết định về cửa khẩu Đồng Đăng", is_published=False)
        item = services.document_file_add(document=doc, upload=pdf_upload("Nội dung Đồng Đăng"), actor=actor)
        if published:
            approve_and_publish(doc, actor=actor)
        return doc, item

    return build


def test_register_page_finds_dong_dang_without_accents(client, zone, make_document):
    make_document(zone, number="12/QĐ-UBND", title="Tuyến cao tốc Trà Lĩnh – Đồng Đăng")
    make_document(zone, number="13/QĐ-UBND", title="Chợ biên giới Tà Lùng")
    response = client.get(reverse("documents:list"), {"q": "dong dang"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tuyến cao tốc Trà Lĩnh – Đồng Đăng" in body
    assert "Chợ biên giới Tà Lùng" not in body
    assert "1 văn bản" in body


def test_register_results_are_cached_for_visitors_and_refreshed_when_a_document_changes(
    client, zone, make_document, actor, django_assert_max_num_queries
):
    doc = make_document(zone, title="Quy chế Đồng Đăng")
    url = reverse("documents:list") + "?q=dong+dang"
    assert "Quy chế Đồng Đăng" in client.get(url).content.decode()
    with django_assert_max_num_queries(3):  # the data version, and the zone of the footer (default code, else first)
        client.get(url)
    services.document_update(document=doc, actor=actor, title="Quy chế mới Đồng Đăng")
    assert "Quy chế" not in client.get(url).content.decode()  # changed, so back for approval
    approve_and_publish(doc, actor=actor)
    assert "Quy chế mới Đồng Đăng" in client.get(url).content.decode()


def test_unpublished_documents_are_invisible_to_visitors_through_pages_api_and_file_urls(client, doc_with_pdf):
    doc, item = doc_with_pdf(published=False)
    assert "Đồng Đăng" not in client.get(reverse("documents:list"), {"q": "dong dang"}).content.decode()
    assert client.get(reverse("documents:detail", args=[doc.pk])).status_code == 404
    assert client.get(reverse("documents:file", args=[doc.pk, item.pk])).status_code == 404
    assert client.get(reverse("documents:file-inline", args=[doc.pk, item.pk])).status_code == 404
    assert client.get(f"/api/v1/documents/{doc.pk}").status_code == 404
    assert client.get("/api/v1/documents", {"q": "dong dang"}).json()["count"] == 0
    # and no media URL serves it either: the file is not under MEDIA_ROOT at all
    assert client.get(f"/media/{item.file.name}").status_code == 404


def test_unpublished_documents_are_hidden_from_another_zones_specialist(
    client, doc_with_pdf, other_specialist, specialist
):
    doc, item = doc_with_pdf(published=False)
    client.force_login(other_specialist)
    assert client.get(reverse("documents:detail", args=[doc.pk])).status_code == 404
    assert client.get(reverse("documents:staff-document", args=[doc.pk])).status_code == 404
    assert client.get(reverse("documents:file", args=[doc.pk, item.pk])).status_code == 404
    assert client.post(reverse("documents:staff-document-publish", args=[doc.pk]), {"publish": "1"}).status_code == 404
    client.force_login(specialist)
    assert client.get(reverse("documents:staff-document", args=[doc.pk])).status_code == 200
    assert client.get(reverse("documents:file", args=[doc.pk, item.pk])).status_code == 200


def test_a_leader_reads_but_cannot_change_a_document(client, doc_with_pdf, leader):
    doc, _item = doc_with_pdf(published=False)
    client.force_login(leader)
    assert client.get(reverse("documents:staff-document", args=[doc.pk])).status_code == 200
    assert client.post(reverse("documents:staff-document-publish", args=[doc.pk]), {"publish": "1"}).status_code == 403
    assert client.get(reverse("documents:staff-document-edit", args=[doc.pk])).status_code == 403
    doc.refresh_from_db()
    assert doc.is_published is False


def test_published_file_is_a_download_with_safe_headers(client, doc_with_pdf):
    doc, item = doc_with_pdf()
    response = client.get(reverse("documents:file", args=[doc.pk, item.pk]), HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "van-ban.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_pdf_is_shown_inline_framed_by_our_own_pages_only(client, doc_with_pdf):
    doc, item = doc_with_pdf()
    response = client.get(reverse("documents:file-inline", args=[doc.pk, item.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline;")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    page = client.get(reverse("documents:detail", args=[doc.pk])).content.decode()
    assert reverse("documents:file-inline", args=[doc.pk, item.pk]) in page


def test_reloads_and_bots_do_not_inflate_view_and_download_counts(client, doc_with_pdf):
    doc, item = doc_with_pdf()
    for _ in range(3):
        client.get(reverse("documents:detail", args=[doc.pk]), HTTP_USER_AGENT=BROWSER)
        client.get(reverse("documents:file", args=[doc.pk, item.pk]), HTTP_USER_AGENT=BROWSER)
    client.get(reverse("documents:detail", args=[doc.pk]), HTTP_USER_AGENT="Mozilla/5.0 (compatible; bingbot/2.0)")
    client.get(reverse("documents:file", args=[doc.pk, item.pk]), HTTP_USER_AGENT="curl/8.5.0")
    client.get(reverse("documents:detail", args=[doc.pk]), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.4")
    doc.refresh_from_db()
    assert (doc.view_count, doc.download_count) == (2, 1)


def test_document_page_says_when_a_document_is_replaced_and_links_to_the_one_in_force(client, zone, make_document):
    import datetime as dt

    old = make_document(zone, number="10/QĐ-UBND", title="Quy chế cũ", issued_on=dt.date(2020, 1, 1))
    new = make_document(zone, number="30/QĐ-UBND", title="Quy chế mới", issued_on=dt.date(2024, 1, 1), replaces=[old])
    body = client.get(reverse("documents:detail", args=[old.pk])).content.decode()
    assert "Không còn hiệu lực" in body
    assert reverse("documents:detail", args=[new.pk]) in body
    body_new = client.get(reverse("documents:detail", args=[new.pk])).content.decode()
    assert "Còn hiệu lực" in body_new


def test_specialist_adds_a_document_through_the_form_and_uploads_a_file(client, specialist, zone, pdf_upload):
    client.force_login(specialist)
    response = client.post(
        reverse("documents:staff-document-create"),
        {
            "zone": zone.pk,
            "number": "99/QĐ-BQLKKT",
            "doc_type": "decision",
            "field": "investment",
            "issuer": "Ban Quản lý Khu kinh tế tỉnh Cao Bằng",
            "title": "Quyết định thử",
            "issued_on": "2025-02-03",
        },
    )
    doc = LegalDocument.objects.get(number="99/QĐ-BQLKKT")
    assert response.status_code == 302 and doc.is_published is False
    upload = client.post(reverse("documents:staff-document", args=[doc.pk]), {"file": pdf_upload()})
    assert upload.status_code == 302 and doc.files.count() == 1
    bad = client.post(
        reverse("documents:staff-document", args=[doc.pk]),
        {"file": SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 64)},
    )
    assert bad.status_code == 422
    assert "chương trình" in bad.content.decode()
    assert doc.files.count() == 1
    assert AuditEvent.objects.filter(zone=zone).count() >= 2


def test_form_errors_keep_what_was_typed_with_status_422(client, specialist, zone):
    client.force_login(specialist)
    response = client.post(
        reverse("documents:staff-document-create"),
        {
            "zone": zone.pk,
            "number": "5/QĐ",
            "doc_type": "decision",
            "field": "other",
            "issuer": "Ban",
            "title": "Thử ngày",
            "issued_on": "2025-02-03",
            "effective_on": "2025-01-01",
        },
    )
    assert response.status_code == 422
    assert "Thử ngày" in response.content.decode()
