"""Documents and procedures in Vietnamese with optional English and Chinese versions: pages, the staff
forms, the API, search and the audit trail."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import translation

from borderzone.access.audit import history_for
from borderzone.documents import selectors, services
from borderzone.documents.models import AdministrativeProcedure, DossierComponent, LegalDocument
from borderzone.documents.tests.factories import approve_and_publish

pytestmark = pytest.mark.django_db

TITLE_VI = "Luật Đầu tư"
TITLE_EN = "Law on Investment"
TITLE_ZH = "投资法"


def _url(name, pk, lang):
    with translation.override(lang):
        return reverse(name, args=[pk])


@pytest.fixture
def law(zone, make_document):
    return make_document(
        zone,
        number="143/2025/QH15",
        doc_type="law",
        issuer="Quốc hội",
        title=TITLE_VI,
        title_en=TITLE_EN,
        title_zh=TITLE_ZH,
        summary="Luật quy định về hoạt động đầu tư kinh doanh tại Việt Nam.",
        summary_en="The law on business investment in Vietnam.",
        issued_on=dt.date(2025, 12, 11),
    )


@pytest.fixture
def procedure(zone, actor, law):
    return services.procedure_create(
        zone=zone,
        actor=actor,
        code="BQLKKT-ĐT-01",
        title="Cấp Giấy chứng nhận đăng ký đầu tư",
        title_en="Issuing an investment registration certificate",
        title_zh="颁发投资登记证",
        field="investment",
        steps="Nộp hồ sơ\nThẩm định\nTrả kết quả",
        steps_en="Submit the dossier\nAppraisal\nResult returned",
        time_limit="15 ngày",
        time_limit_en="15 days",
        time_limit_zh="15日",
        fee="Không thu phí",
        fee_en="No fee",
        where_to_submit="Bộ phận một cửa",
        where_to_submit_en="One-stop desk",
        who_may_submit="Nhà đầu tư",
        who_may_submit_zh="投资者",
        result="Giấy chứng nhận đăng ký đầu tư",
        result_en="Investment registration certificate",
        channels=["in_person"],
        legal_basis=[law],
        is_published=True,
    )


def test_document_page_shows_the_version_of_the_language_and_vietnamese_where_there_is_none(client, law):
    english = client.get(_url("documents:detail", law.pk, "en")).content.decode()
    assert f"<h1>{TITLE_EN}</h1>" in english and "The law on business investment in Vietnam." in english
    chinese = client.get(_url("documents:detail", law.pk, "zh-hans")).content.decode()
    assert f"<h1>{TITLE_ZH}</h1>" in chinese
    # No Chinese summary: the Vietnamese one, not the English one.
    assert "Luật quy định về hoạt động đầu tư kinh doanh tại Việt Nam." in chinese
    assert "The law on business investment" not in chinese
    vietnamese = client.get(_url("documents:detail", law.pk, "vi")).content.decode()
    assert f"<h1>{TITLE_VI}</h1>" in vietnamese


def test_register_lists_titles_in_the_language_of_the_page(client, law, zone, make_document):
    make_document(zone, number="9/QĐ-UBND", title="Quyết định chưa dịch")
    english = client.get("/en/documents/").content.decode()
    assert TITLE_EN in english and "Quyết định chưa dịch" in english
    chinese = client.get("/zh-hans/documents/").content.decode()
    assert TITLE_ZH in chinese and "Quyết định chưa dịch" in chinese


def test_procedure_page_in_english_and_chinese_falls_back_field_by_field(client, procedure, actor):
    services.component_add(
        procedure=procedure,
        name="Văn bản đề nghị",
        name_en="Written request",
        copies="01 bản chính",
        copies_zh="原件1份",
        actor=actor,
    )
    english = client.get(_url("documents:procedure", procedure.pk, "en")).content.decode()
    for text in ("Issuing an investment registration certificate", "<li>Submit the dossier</li>", "15 days"):
        assert text in english
    for text in ("No fee", "One-stop desk", "Investment registration certificate", "Written request"):
        assert text in english
    assert "Nhà đầu tư" in english  # who may submit: no English version
    assert "01 bản chính" in english  # copies: no English version
    assert TITLE_EN in english  # the legal basis in English
    chinese = client.get(_url("documents:procedure", procedure.pk, "zh-hans")).content.decode()
    for text in ("颁发投资登记证", "15日", "投资者", "原件1份", TITLE_ZH):
        assert text in chinese
    # No Chinese steps, fee or paper name: the Vietnamese ones.
    for text in ("<li>Nộp hồ sơ</li>", "Không thu phí", "Văn bản đề nghị"):
        assert text in chinese
    assert "Submit the dossier" not in chinese and "No fee" not in chinese
    listing = client.get("/en/procedures/").content.decode()
    assert "Issuing an investment registration certificate" in listing and "No fee" in listing


def test_specialist_saves_english_and_chinese_versions_through_the_staff_forms(client, specialist, zone, law):
    client.force_login(specialist)
    form_page = client.get(reverse("documents:staff-document-edit", args=[law.pk])).content.decode()
    assert '<details class="other-languages" open>' in form_page
    assert 'name="title_zh"' in form_page and 'name="summary_en"' in form_page
    data = {
        "zone": zone.pk,
        "number": law.number,
        "doc_type": "law",
        "field": law.field,
        "issuer": law.issuer,
        "title": TITLE_VI,
        "title_en": TITLE_EN,
        "title_zh": "越南投资法",
        "summary": law.summary,
        "summary_zh": "关于在越南进行商业投资的法律。",
        "issued_on": "2025-12-11",
    }
    response = client.post(reverse("documents:staff-document-edit", args=[law.pk]), data)
    assert response.status_code == 302
    law.refresh_from_db()
    assert (law.title_zh, law.summary_zh, law.summary_en) == ("越南投资法", "关于在越南进行商业投资的法律。", "")
    response = client.post(
        reverse("documents:staff-procedure-create"),
        {
            "zone": zone.pk,
            "code": "BQLKKT-ĐT-09",
            "title": "Thủ tục thử",
            "title_zh": "测试程序",
            "field": "investment",
            "steps": "Bước một\nBước hai",
            "steps_en": "Step one\nStep two",
            "time_limit": "5 ngày",
            "fee": "Không",
            "fee_en": "None",
            "where_to_submit": "Một cửa",
            "channels": ["online"],
        },
    )
    assert response.status_code == 302
    saved = AdministrativeProcedure.objects.get(code="BQLKKT-ĐT-09")
    assert (saved.title_zh, saved.steps_en, saved.fee_en, saved.fee_zh) == (
        "测试程序",
        "Step one\nStep two",
        "None",
        "",
    )


def test_specialist_adds_and_edits_a_dossier_paper_in_other_languages(client, specialist, procedure):
    client.force_login(specialist)
    page = reverse("documents:staff-procedure", args=[procedure.pk])
    assert client.post(page, {"name": "Đơn đề nghị", "copies": "01 bản chính", "name_en": "Request"}).status_code == 302
    component = DossierComponent.objects.get(procedure=procedure)
    assert (component.name_en, component.name_zh) == ("Request", "")
    edit = reverse("documents:staff-component-edit", args=[procedure.pk, component.pk])
    assert 'value="Request"' in client.get(edit).content.decode()
    response = client.post(
        edit, {"order": 1, "name": "Đơn đề nghị", "copies": "01 bản chính", "name_en": "Request", "name_zh": "申请书"}
    )
    assert response.status_code == 302
    component.refresh_from_db()
    assert component.name_zh == "申请书"
    [event] = [e for e in history_for(component) if e.action == "updated"]
    assert event.changes == {"name_zh": ["", "申请书"]}


def test_a_leader_cannot_edit_a_dossier_paper(client, leader, procedure, actor):
    component = services.component_add(procedure=procedure, name="Đơn", copies="01 bản", actor=actor)
    client.force_login(leader)
    edit = reverse("documents:staff-component-edit", args=[procedure.pk, component.pk])
    assert client.post(edit, {"order": 1, "name": "Đơn", "copies": "01 bản", "name_zh": "申请"}).status_code == 403


def test_audit_rows_record_the_english_and_chinese_versions(law, actor, procedure):
    created = history_for(law).get(action="created")
    assert created.changes["title_en"] == [None, TITLE_EN] and created.changes["title_zh"] == [None, TITLE_ZH]
    services.document_update(document=law, actor=actor, summary_zh="投资法摘要")
    assert history_for(law).filter(action="updated").first().changes["summary_zh"] == ["", "投资法摘要"]
    services.procedure_update(procedure=procedure, actor=actor, fee_zh="不收费")
    assert history_for(procedure).filter(action="updated").first().changes["fee_zh"] == ["", "不收费"]


def test_an_english_query_finds_a_document_by_its_english_title_or_summary(zone, law, make_document):
    make_document(zone, number="5/QĐ-UBND", title="Quyết định khác", summary_en="About the dry port of Trà Lĩnh")

    def search(q):
        return [d.number for d in selectors.document_search(AnonymousUser(), selectors.DocumentFilters(q=q))]

    assert search("law on investment") == ["143/2025/QH15"]
    assert search("dry port tra linh") == ["5/QĐ-UBND"]
    assert search("luat dau tu") == ["143/2025/QH15"]


def test_a_chinese_query_finds_a_document_by_its_chinese_title_or_summary(client, zone, law, make_document):
    make_document(zone, number="5/QĐ-UBND", title="Quyết định khác", summary_zh="关于茶岭陆港的决定")
    make_document(zone, number="6/QĐ-UBND", title="Quyết định thứ ba")

    def search(q):
        return [d.number for d in selectors.document_search(AnonymousUser(), selectors.DocumentFilters(q=q))]

    assert search("投资法") == ["143/2025/QH15"]
    assert search("投资") == ["143/2025/QH15"]  # Chinese has no spaces: a run matches inside the text
    assert search("茶岭 陆港") == ["5/QĐ-UBND"]
    assert search("土地法") == []  # not "every document", as a query without Latin words used to give
    assert search("luat 投资") == ["143/2025/QH15"] and search("quyet 投资") == []
    found = client.get("/api/v1/documents", {"q": "投资法"}).json()["items"]
    assert [d["number"] for d in found] == ["143/2025/QH15"]


def test_changing_the_english_title_updates_the_index(zone, law, actor):
    services.document_update(document=law, actor=actor, title_en="Investment Act")
    approve_and_publish(law, actor=actor)
    found = selectors.document_search(AnonymousUser(), selectors.DocumentFilters(q="investment act"))
    assert [d.pk for d in found] == [law.pk]
    assert LegalDocument.objects.get(pk=law.pk).search_text.count("investment act") == 1


def test_api_keeps_its_fields_and_adds_the_requested_language(client, law, procedure):
    data = client.get(f"/api/v1/documents/{law.pk}").json()
    assert (data["title"], data["title_en"], data["title_zh"]) == (TITLE_VI, TITLE_EN, TITLE_ZH)
    assert data["lang"] == "vi" and data["localized"]["title"] == TITLE_VI
    zh = client.get(f"/api/v1/documents/{law.pk}", {"lang": "zh-hans"}).json()
    assert zh["lang"] == "zh-hans" and zh["title"] == TITLE_VI
    assert zh["localized"] == {"title": TITLE_ZH, "summary": law.summary}
    # Without `lang`, the request's language (Accept-Language) is used.
    en = client.get("/api/v1/documents", {"q": "dau tu"}, headers={"accept-language": "en"}).json()
    assert en["items"][0]["lang"] == "en" and en["items"][0]["localized"]["title"] == TITLE_EN
    listed = client.get("/api/v1/documents", {"q": "dau tu", "lang": "zh-hans"}).json()["items"][0]
    assert listed["localized"]["title"] == TITLE_ZH
    assert client.get("/api/v1/documents", {"lang": "fr"}).status_code == 422
    proc = client.get(f"/api/v1/documents/procedures/{procedure.pk}", {"lang": "en"}).json()
    assert proc["name"] == "Cấp Giấy chứng nhận đăng ký đầu tư" and proc["steps"] == [
        "Nộp hồ sơ",
        "Thẩm định",
        "Trả kết quả",
    ]
    assert proc["localized"]["steps"] == ["Submit the dossier", "Appraisal", "Result returned"]
    assert proc["localized"]["who_may_submit"] == "Nhà đầu tư" and proc["localized"]["fee"] == "No fee"
    assert proc["legal_basis"][0]["localized"] == {"title": TITLE_EN}
    listed_proc = client.get("/api/v1/documents/procedures", {"lang": "zh-hans"}).json()[0]
    assert listed_proc["name_zh"] == "颁发投资登记证" and listed_proc["localized"]["fee"] == "Không thu phí"


def test_a_chinese_query_finds_a_procedure_by_its_chinese_name(procedure):
    def search(q):
        return [p.pk for p in selectors.procedure_list(AnonymousUser(), q=q)]

    assert search("投资登记") == [procedure.pk]
    assert search("土地") == []
