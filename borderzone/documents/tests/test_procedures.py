import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from borderzone.core.models import AuditEvent
from borderzone.documents import services
from borderzone.documents.models import AdministrativeProcedure

pytestmark = pytest.mark.django_db

STEPS = "Nhà đầu tư nộp hồ sơ\nBan Quản lý tiếp nhận, thẩm định\nTrả kết quả"


@pytest.fixture
def procedure(zone, actor, make_document):
    basis = make_document(zone, number="61/2020/QH14", doc_type="law", title="Luật Đầu tư", issuer="Quốc hội")
    return services.procedure_create(
        zone=zone,
        actor=actor,
        code="1.009645",
        title="Cấp Giấy chứng nhận đăng ký đầu tư",
        field="investment",
        steps=STEPS,
        time_limit="15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        time_limit_days=15,
        fee="Không",
        where_to_submit="Bộ phận tiếp nhận và trả kết quả, Trung tâm Phục vụ hành chính công tỉnh Cao Bằng",
        channels=["in_person", "online"],
        legal_basis=[basis],
        is_published=True,
    )


def test_procedure_page_lists_steps_papers_forms_and_links_its_legal_basis(client, procedure, actor):
    services.component_add(
        procedure=procedure,
        name="Văn bản đề nghị thực hiện dự án đầu tư",
        copies="01 bản chính",
        form=SimpleUploadedFile("mau-a-i-1.docx", _docx()),
        actor=actor,
    )
    body = client.get(reverse("documents:procedure", args=[procedure.pk])).content.decode()
    basis = procedure.legal_basis.get()
    assert "Ban Quản lý tiếp nhận, thẩm định" in body
    assert "Văn bản đề nghị thực hiện dự án đầu tư" in body
    assert reverse("documents:detail", args=[basis.pk]) in body
    assert "Trực tuyến (Cổng dịch vụ công)" in body
    component = procedure.components.get()
    response = client.get(reverse("documents:procedure-form", args=[procedure.pk, component.pk]))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "mau-a-i-1.docx" in response["Content-Disposition"]
    )


def test_api_lists_published_procedures_with_their_legal_basis(client, procedure):
    listing = client.get("/api/v1/documents/procedures").json()
    assert [p["code"] for p in listing] == ["1.009645"]
    detail = client.get(f"/api/v1/documents/procedures/{procedure.pk}").json()
    assert detail["legal_basis"][0]["number"] == "61/2020/QH14"
    assert detail["steps"] == STEPS.splitlines()


def test_unpublished_procedure_and_its_forms_are_invisible_to_visitors(client, procedure, actor):
    component = services.component_add(
        procedure=procedure, name="Tờ khai", copies="01", form=SimpleUploadedFile("to-khai.docx", _docx()), actor=actor
    )
    services.procedure_update(procedure=procedure, actor=actor, is_published=False)
    assert client.get(reverse("documents:procedure", args=[procedure.pk])).status_code == 404
    assert client.get(reverse("documents:procedure-form", args=[procedure.pk, component.pk])).status_code == 404
    assert client.get(f"/api/v1/documents/procedures/{procedure.pk}").status_code == 404
    assert "Cấp Giấy chứng nhận" not in client.get(reverse("documents:procedures")).content.decode()


def test_a_renamed_executable_is_refused_as_a_form(procedure, actor):
    with pytest.raises(ValidationError):
        services.component_add(
            procedure=procedure,
            name="Mẫu",
            copies="01",
            form=SimpleUploadedFile("mau.doc", b"MZ\x90\x00" * 20),
            actor=actor,
        )
    assert procedure.components.count() == 0


def test_legal_basis_from_another_zone_is_refused(zone, other_zone, actor, make_document):
    foreign = make_document(other_zone, number="5/QĐ-ZB")
    with pytest.raises(ValidationError, match="khu kinh tế khác"):
        services.procedure_create(
            zone=zone,
            actor=actor,
            code="X1",
            title="Thủ tục",
            steps="a",
            time_limit="5 ngày",
            fee="Không",
            where_to_submit="Ban",
            channels=["post"],
            legal_basis=[foreign],
        )
    assert AdministrativeProcedure.objects.count() == 0


def test_changing_a_procedure_is_audited_and_other_zones_specialists_get_404(
    client, procedure, other_specialist, specialist
):
    client.force_login(other_specialist)
    assert client.get(reverse("documents:staff-procedure-edit", args=[procedure.pk])).status_code == 404
    client.force_login(specialist)
    response = client.post(
        reverse("documents:staff-procedure-edit", args=[procedure.pk]),
        {
            "zone": procedure.zone_id,
            "code": procedure.code,
            "title": procedure.title,
            "field": "investment",
            "steps": STEPS,
            "time_limit": "10 ngày làm việc",
            "fee": "Không",
            "where_to_submit": "Ban",
            "channels": ["in_person"],
            "legal_basis": [d.pk for d in procedure.legal_basis.all()],
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    procedure.refresh_from_db()
    assert procedure.time_limit == "10 ngày làm việc"
    event = AuditEvent.objects.filter(object_id=str(procedure.pk), action="updated").first()
    assert event.changes["time_limit"][1] == "10 ngày làm việc"


def _docx() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:t>Mẫu đơn</w:t></w:document>")
    return buf.getvalue()
