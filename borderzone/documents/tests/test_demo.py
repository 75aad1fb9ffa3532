from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser

from borderzone.core.actors import command_actor
from borderzone.documents import demo, selectors
from borderzone.documents.models import AdministrativeProcedure, DocumentFile, DocumentStatus, LegalDocument
from borderzone.zones.tests.factories import EconomicZoneFactory

pytestmark = pytest.mark.django_db


def test_demo_loads_the_ten_documents_of_the_seed_page_with_pdfs_and_is_idempotent():
    zone = EconomicZoneFactory(code="CB")
    actor = command_actor("load_demo")
    demo.load(actor=actor, out=StringIO())
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
