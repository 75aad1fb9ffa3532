from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from borderzone.access.actors import Actor
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
    review_status = factory.LazyAttribute(lambda o: "approved" if o.is_published else "draft")


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


def create_published_document(*, actor: Actor, **fields: Any) -> LegalDocument:
    """A document written by `actor`, approved by a second person and published: the four-eyes path."""
    from borderzone.documents import services

    return approve_and_publish(services.document_create(actor=actor, **fields), actor=actor)


def approve_and_publish(document: LegalDocument, *, actor: Actor) -> LegalDocument:
    """Submit a changed document (as `actor`), approve it by a second person, publish it again."""
    from borderzone.accounts.tests.factories import UserFactory
    from borderzone.documents import services

    approver = Actor(user=UserFactory.create(username="approver_docs", role="admin"), via="test")
    services.document_submit(document=document, actor=actor)
    services.document_approve(document=document, actor=approver)
    return services.document_set_published(document=document, published=True, actor=approver)
