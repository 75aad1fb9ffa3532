from __future__ import annotations

import datetime as dt

import factory

from borderzone.documents.models import AdministrativeProcedure, DocumentType, LegalDocument
from borderzone.zones.tests.factories import EconomicZoneFactory


class LegalDocumentFactory(factory.django.DjangoModelFactory):
    """Saved through the model; tests that need the search index use the services instead."""

    class Meta:
        model = LegalDocument

    zone = factory.SubFactory(EconomicZoneFactory)
    number = factory.Sequence(lambda n: f"{100 + n}/QĐ-BQLKKT")
    number_key = factory.LazyAttribute(lambda o: o.number.lower())
    doc_type = DocumentType.DECISION
    issuer = "Ban Quản lý Khu kinh tế tỉnh Cao Bằng"
    title = factory.Sequence(lambda n: f"Quyết định số {n}")
    issued_on = dt.date(2024, 3, 1)
    is_published = True


class ProcedureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeProcedure

    zone = factory.SubFactory(EconomicZoneFactory)
    code = factory.Sequence(lambda n: f"1.00{n}")
    title = factory.Sequence(lambda n: f"Thủ tục {n}")
    steps = "Nộp hồ sơ\nTiếp nhận\nTrả kết quả"
    time_limit = "15 ngày làm việc"
    fee = "Không"
    where_to_submit = "Bộ phận một cửa"
    channels = ["in_person"]
    is_published = True
