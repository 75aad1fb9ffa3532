from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser

from borderzone.access.actors import command_actor
from borderzone.accounts.tests.factories import UserFactory
from borderzone.documents import demo, selectors
from borderzone.documents.models import AdministrativeProcedure, DocumentFile, DocumentStatus, LegalDocument
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_the_ten_documents_of_the_seed_page_with_pdfs_and_is_idempotent():
    zone = EconomicZoneFactory(code="CB")
    approver = UserFactory(username="admin", role="admin", is_demo=True)
    actor = command_actor("load_demo")
    demo.load(actor=actor, out=StringIO())
    # Published through four eyes: written by the loader, approved by the second demo account.
    assert set(LegalDocument.objects.values_list("is_published", "review_status", "approved_by")) == {
        (True, "approved", approver.pk)
    }
    counts = (LegalDocument.objects.count(), DocumentFile.objects.count(), AdministrativeProcedure.objects.count())
    demo.load(actor=actor, out=StringIO())
    assert (
        LegalDocument.objects.count(),
        DocumentFile.objects.count(),
        AdministrativeProcedure.objects.count(),
    ) == counts
    seed_numbers = {row[0] for row in demo.SEED_PAGE_DOCUMENTS}
    assert len(seed_numbers) == 10
    assert set(LegalDocument.objects.filter(zone=zone).values_list("number", flat=True)) >= seed_numbers
    doc = LegalDocument.objects.get(number="117/QĐ-HĐKTSH")
    assert (doc.view_count, doc.download_count) == (1066, 161)
    assert doc.files.get().text.startswith("HỘI ĐỒNG KIỂM TRA")
    old_law = selectors.with_status(LegalDocument.objects.filter(number="61/2020/QH14")).get()
    assert old_law.status == DocumentStatus.REPLACED
    found = selectors.document_search(AnonymousUser(), selectors.DocumentFilters(q="ta lung quy hoach 1/2000"))
    assert [d.number for d in found] == ["1057/QĐ-UBND"]


def test_demo_procedures_and_laws_have_english_and_chinese_versions_filled_in_when_missing():
    from django.utils import translation

    EconomicZoneFactory(code="CB")
    UserFactory(username="admin", role="admin", is_demo=True)
    actor = command_actor("load_demo")
    demo.load(actor=actor, out=StringIO())
    procedure = AdministrativeProcedure.objects.get(code="BQLKKT-ĐT-01")
    with translation.override("zh-hans"):
        assert procedure.display_fee == "不收费"
        assert procedure.components.get(order=1).display_name == "实施投资项目申请书"
    with translation.override("en"):
        assert procedure.step_list[0].startswith("The investor submits the dossier")
        assert LegalDocument.objects.get(number="35/2022/NĐ-CP").display_title.startswith("Decree on the management")
    english = selectors.document_search(AnonymousUser(), selectors.DocumentFilters(q="zoning plan ta lung"))
    assert [d.number for d in english] == ["1057/QĐ-UBND"]
    # given a demo loaded before the versions existed
    AdministrativeProcedure.objects.update(fee_zh="", steps_en="")
    LegalDocument.objects.filter(number="35/2022/NĐ-CP").update(title_zh="")
    from borderzone.documents.models import DossierComponent

    DossierComponent.objects.update(copies_en="")
    demo.load(actor=actor, out=StringIO())
    procedure.refresh_from_db()
    assert procedure.fee_zh == "不收费" and procedure.steps_en.startswith("The investor")
    assert LegalDocument.objects.get(number="35/2022/NĐ-CP").title_zh == "关于工业园区和经济区管理的议定"
    assert not DossierComponent.objects.filter(copies_en="").exists()
    assert AdministrativeProcedure.objects.count() == 3
