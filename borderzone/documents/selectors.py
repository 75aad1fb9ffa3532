"""Reads on the register and the procedures catalogue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from borderzone.access.permissions import zones_visible_to
from borderzone.documents.models import (
    AdministrativeProcedure,
    DocumentFile,
    DocumentStatus,
    DossierComponent,
    LegalDocument,
)
from borderzone.documents.search import CJK_RUN, filter_documents

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser


def readable_documents(user: AnyUser) -> QuerySet[LegalDocument]:
    """Published documents, plus every document of the zones whose internal data the user may read."""
    return LegalDocument.objects.filter(Q(is_published=True) | Q(zone__in=zones_visible_to(user)))


def _acts_in_force(relation: str, today: dt.date) -> Exists:
    """A published document that replaces/amends the outer one and has taken effect by `today`."""
    through = getattr(LegalDocument, relation).through
    return Exists(
        through.objects.filter(to_legaldocument=OuterRef("pk"), from_legaldocument__is_published=True).filter(
            Q(from_legaldocument__effective_on__isnull=True, from_legaldocument__issued_on__lte=today)
            | Q(from_legaldocument__effective_on__lte=today)
        )
    )


# The annotation `with_status` adds; filters on it name it through this constant (the type checker's Django
# plugin knows fields, not annotations).
STATUS_ANNOTATION = "status"


def with_status(qs: QuerySet[LegalDocument], today: dt.date | None = None) -> QuerySet[LegalDocument]:
    """Annotate `status` as of `today`: replaced, expired, not yet in force, amended or in force."""
    today = today or timezone.localdate()
    return qs.annotate(
        status=Case(
            When(_acts_in_force("replaces", today), then=Value(DocumentStatus.REPLACED.value)),
            When(expires_on__lte=today, then=Value(DocumentStatus.EXPIRED.value)),
            When(effective_on__gt=today, then=Value(DocumentStatus.NOT_YET.value)),
            When(_acts_in_force("amends", today), then=Value(DocumentStatus.AMENDED.value)),
            default=Value(DocumentStatus.IN_FORCE.value),
        )
    )


@dataclass
class DocumentFilters:
    q: str = ""
    doc_type: str = ""
    field: str = ""
    issuer: str = ""
    year: int | None = None
    status: str = ""
    zone_code: str = ""


def document_search(user: AnyUser, filters: DocumentFilters, today: dt.date | None = None) -> QuerySet[LegalDocument]:
    """The register as `user` may read it, filtered and searched, newest first, with its zone and files."""
    qs = with_status(readable_documents(user), today).select_related("zone")
    if filters.zone_code:
        qs = qs.filter(zone__code=filters.zone_code)
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.field:
        qs = qs.filter(field=filters.field)
    if filters.issuer:
        qs = qs.filter(issuer=filters.issuer)
    if filters.year:
        qs = qs.filter(issued_on__year=filters.year)
    if filters.status:
        qs = qs.filter(**{STATUS_ANNOTATION: filters.status})
    if filters.q:
        qs = filter_documents(qs, filters.q)
    # The stored search text (a document's text and its files' text) and vector are read by the search
    # condition in the database only: a page of results does not carry them back.
    return (
        qs.defer("search_source", "search_text", "search_vector")
        .prefetch_related(
            Prefetch("files", queryset=DocumentFile.objects.only("id", "document_id", "kind", "original_name", "size"))
        )
        .order_by("-issued_on", "-id")
    )


def document_facets(user: AnyUser) -> dict[str, Any]:
    """Issuers and years present in what the user may read, for the filter lists."""
    qs = readable_documents(user)
    years = sorted({d.year for d in qs.dates("issued_on", "year")}, reverse=True)
    issuers = list(qs.order_by("issuer").values_list("issuer", flat=True).distinct())
    return {"years": years, "issuers": issuers}


def document_detail_qs(user: AnyUser, today: dt.date | None = None) -> QuerySet[LegalDocument]:
    return (
        with_status(readable_documents(user), today)
        .select_related("zone")
        .prefetch_related(
            "files",
            Prefetch(
                "replaces",
                queryset=LegalDocument.objects.only("id", "number", "title", "title_en", "title_zh", "is_published"),
            ),
            Prefetch(
                "amends",
                queryset=LegalDocument.objects.only("id", "number", "title", "title_en", "title_zh", "is_published"),
            ),
            Prefetch("replaced_by", queryset=LegalDocument.objects.filter(is_published=True)),
            Prefetch("amended_by", queryset=LegalDocument.objects.filter(is_published=True)),
            Prefetch("procedures", queryset=AdministrativeProcedure.objects.filter(is_published=True)),
        )
    )


def _in_effect(doc: LegalDocument, today: dt.date) -> bool:
    start = doc.effective_on or doc.issued_on
    return start <= today


@dataclass
class Standing:
    """Where a document stands today and which documents a reader should follow instead or as well."""

    status: str
    label: str
    current: list[LegalDocument] = field(default_factory=list)
    amended_by: list[LegalDocument] = field(default_factory=list)
    replaced_by: list[LegalDocument] = field(default_factory=list)
    pending: list[LegalDocument] = field(default_factory=list)

    @property
    def in_force(self) -> bool:
        return self.status in (DocumentStatus.IN_FORCE, DocumentStatus.AMENDED)


def document_standing(doc: LegalDocument, today: dt.date | None = None) -> Standing:
    """The document's status today, and, when replaced, the documents in force that replaced it (the
    end of the chain: a replacement that was itself replaced is followed to what replaced that)."""
    today = today or timezone.localdate()
    replaced_by = [d for d in doc.replaced_by.all() if _in_effect(d, today)]
    pending = [d for d in doc.replaced_by.all() if not _in_effect(d, today)]
    amended_by = [d for d in doc.amended_by.all() if _in_effect(d, today)]
    status = getattr(doc, "status", None) or DocumentStatus.IN_FORCE
    current: list[LegalDocument] = []
    if replaced_by:
        seen: set[int] = {doc.pk}
        frontier = replaced_by
        while frontier:
            nxt: list[LegalDocument] = []
            for d in frontier:
                if d.pk in seen:
                    continue
                seen.add(d.pk)
                newer = [
                    n
                    for n in LegalDocument.objects.filter(replaces=d, is_published=True)
                    if _in_effect(n, today) and n.pk not in seen
                ]
                if newer:
                    nxt.extend(newer)
                elif not (d.expires_on and d.expires_on <= today):
                    current.append(d)
            frontier = nxt
    return Standing(
        status=str(status),
        label=str(DocumentStatus(status).label),
        current=current,
        amended_by=amended_by,
        replaced_by=replaced_by,
        pending=pending,
    )


def procedure_list(user: AnyUser, q: str = "", field_code: str = "") -> QuerySet[AdministrativeProcedure]:
    from borderzone.core.text import search_key

    qs = AdministrativeProcedure.objects.filter(Q(is_published=True) | Q(zone__in=zones_visible_to(user)))
    if field_code:
        qs = qs.filter(field=field_code)
    for word in search_key(q).split()[:8]:
        qs = qs.filter(search_text__contains=word)
    for run in CJK_RUN.findall(q or "")[:6]:  # Chinese: inside the Chinese name or steps
        qs = qs.filter(Q(title_zh__contains=run) | Q(steps_zh__contains=run))
    return qs.select_related("zone").order_by("field", "title")


def procedure_detail_qs(user: AnyUser) -> QuerySet[AdministrativeProcedure]:
    return (
        AdministrativeProcedure.objects.filter(Q(is_published=True) | Q(zone__in=zones_visible_to(user)))
        .select_related("zone")
        .prefetch_related(
            Prefetch("components", queryset=DossierComponent.objects.order_by("order", "id")),
            Prefetch("legal_basis", queryset=with_status(readable_documents(user))),
        )
    )
