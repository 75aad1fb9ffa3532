import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from borderzone.core.models import AuditEvent
from borderzone.documents import selectors, services
from borderzone.documents.models import DocumentHit, DocumentStatus, LegalDocument

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


def test_document_create_writes_an_audit_row(zone, make_document):
    doc = make_document(zone)
    events = AuditEvent.objects.filter(object_id=str(doc.pk), action="created")
    assert events.count() == 1
    assert events[0].changes["number"] == [None, "225/QĐ-BQLKKT"]
    assert events[0].zone_id == zone.pk


def test_document_effective_before_issue_is_refused(zone, make_document):
    with pytest.raises(ValidationError, match="có hiệu lực trước ngày ban hành"):
        make_document(zone, issued_on=dt.date(2024, 5, 10), effective_on=dt.date(2024, 5, 1))
    assert LegalDocument.objects.count() == 0


def test_same_number_on_the_same_day_is_refused(zone, make_document):
    make_document(zone)
    with pytest.raises(ValidationError) as exc:
        make_document(zone, number="225/qđ-bqlkkt")
    assert "number" in exc.value.message_dict


def test_replaced_document_points_to_the_one_in_force_at_the_end_of_the_chain(zone, make_document):
    old = make_document(zone, number="10/QĐ-UBND", issued_on=dt.date(2020, 1, 1))
    mid = make_document(zone, number="20/QĐ-UBND", issued_on=dt.date(2022, 1, 1), replaces=[old])
    new = make_document(zone, number="30/QĐ-UBND", issued_on=dt.date(2024, 1, 1), replaces=[mid])
    doc = selectors.document_detail_qs(AnonymousUser()).get(pk=old.pk)
    standing = selectors.document_standing(doc)
    assert standing.status == DocumentStatus.REPLACED
    assert [d.pk for d in standing.current] == [new.pk]


def test_status_follows_dates_and_amendments(zone, make_document):
    today = dt.date(2025, 1, 1)
    base = make_document(zone, number="1/QĐ", issued_on=dt.date(2024, 1, 1))
    make_document(zone, number="2/QĐ", issued_on=dt.date(2024, 6, 1), amends=[base])
    expired = make_document(zone, number="3/QĐ", issued_on=dt.date(2023, 1, 1), expires_on=dt.date(2024, 12, 31))
    future = make_document(zone, number="4/QĐ", issued_on=dt.date(2024, 12, 1), effective_on=dt.date(2025, 3, 1))
    statuses = dict(selectors.with_status(LegalDocument.objects.all(), today).values_list("pk", "status"))
    assert statuses[base.pk] == DocumentStatus.AMENDED
    assert statuses[expired.pk] == DocumentStatus.EXPIRED
    assert statuses[future.pk] == DocumentStatus.NOT_YET


def test_an_unpublished_replacement_does_not_replace_yet(zone, make_document):
    old = make_document(zone, number="10/QĐ-UBND", issued_on=dt.date(2020, 1, 1))
    make_document(zone, number="20/QĐ-UBND", issued_on=dt.date(2022, 1, 1), replaces=[old], is_published=False)
    status = selectors.with_status(LegalDocument.objects.filter(pk=old.pk)).get().status
    assert status == DocumentStatus.IN_FORCE


def test_a_renamed_executable_is_refused(zone, make_document, actor):
    doc = make_document(zone)
    exe = SimpleUploadedFile(
        "quyet-dinh.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, content_type="application/pdf"
    )
    with pytest.raises(ValidationError, match="chương trình đã bị đổi tên"):
        services.document_file_add(document=doc, upload=exe, actor=actor)
    assert doc.files.count() == 0


def test_a_zip_renamed_to_docx_is_refused(zone, make_document, actor):
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("payload.exe", b"MZ")
    doc = make_document(zone)
    with pytest.raises(ValidationError):
        services.document_file_add(document=doc, upload=SimpleUploadedFile("a.docx", buf.getvalue()), actor=actor)


def test_an_unknown_extension_and_an_oversized_file_are_refused(zone, make_document, actor, settings, pdf_upload):
    doc = make_document(zone)
    with pytest.raises(ValidationError, match=".exe"):
        services.document_file_add(document=doc, upload=SimpleUploadedFile("setup.exe", b"MZ\x90\x00"), actor=actor)
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1000
    with pytest.raises(ValidationError, match="lớn hơn"):
        services.document_file_add(document=doc, upload=pdf_upload(), actor=actor)


def test_an_upload_is_stored_under_a_server_made_name(zone, make_document, actor, pdf_upload):
    doc = make_document(zone)
    item = services.document_file_add(document=doc, upload=pdf_upload(name="../../etc/passwd.pdf"), actor=actor)
    assert item.original_name.endswith("passwd.pdf")
    assert item.file.name.startswith("documents/")
    assert "passwd" not in item.file.name and ".." not in item.file.name
    assert item.file.name.endswith(".pdf")
    assert item.kind == "pdf" and item.size > 100


def test_views_are_counted_once_per_visitor_and_day_and_never_for_bots(zone, make_document):
    doc = make_document(zone)
    assert services.document_hit(document=doc, kind="view", ip_address="203.0.113.5", user_agent=BROWSER) is True
    assert services.document_hit(document=doc, kind="view", ip_address="203.0.113.5", user_agent=BROWSER) is False
    assert services.document_hit(document=doc, kind="view", ip_address="203.0.113.9", user_agent=BROWSER) is True
    assert (
        services.document_hit(document=doc, kind="view", ip_address="203.0.113.7", user_agent="Googlebot/2.1") is False
    )
    assert services.document_hit(document=doc, kind="view", ip_address="203.0.113.8", user_agent="") is False
    doc.refresh_from_db()
    assert doc.view_count == 2 and doc.download_count == 0
    assert not DocumentHit.objects.filter(visitor__contains="203.0.113").exists()


def test_deleting_a_published_document_is_refused(zone, make_document, actor):
    doc = make_document(zone)
    with pytest.raises(ValidationError, match="thôi công khai"):
        services.document_delete(document=doc, actor=actor)
    services.document_set_published(document=doc, published=False, actor=actor)
    pk = doc.pk
    services.document_delete(document=doc, actor=actor)
    assert not LegalDocument.objects.filter(pk=pk).exists()
    assert AuditEvent.objects.filter(object_id=str(pk), action="deleted").count() == 1
