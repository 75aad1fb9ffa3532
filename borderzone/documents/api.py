"""Documents API: public reads of the published register and procedures catalogue.

Text fields keep their meaning (`title` is the Vietnamese title, `title_en` and `title_zh` its versions);
`localized` holds each text in the language asked with `lang`, or else the language the client
asks for (Accept-Language), falling back to Vietnamese where a version is empty. `lang` says which language that is.
"""

import datetime as dt
from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from borderzone.core.i18n import content_language, localized, request_language
from borderzone.core.inputs import BoundedPageNumberPagination, Year
from borderzone.documents import selectors
from borderzone.documents.models import AdministrativeProcedure, LegalDocument

router = Router(tags=["documents"])

Lang = Literal["vi", "en", "zh-hans"]


class DocumentTextOut(Schema):
    title: str
    summary: str


class DocumentFileOut(Schema):
    id: int
    name: str
    format: str
    size: int
    url: str


class DocumentOut(Schema):
    id: int
    zone: str
    number: str
    type: str
    type_label: str
    field: str
    issuer: str
    signer: str
    title: str
    title_en: str
    title_zh: str
    issued_on: dt.date
    effective_on: dt.date | None
    expires_on: dt.date | None
    status: str
    view_count: int
    download_count: int
    url: str
    files: list[DocumentFileOut]
    lang: str
    localized: DocumentTextOut


class DocumentDetailOut(DocumentOut):
    summary: str
    replaces: list[str]
    amends: list[str]
    replaced_by: list[str]
    amended_by: list[str]
    in_force_instead: list[str]


class DocumentQuery(Schema):
    q: str = ""
    type: str = ""
    field: str = ""
    issuer: str = ""
    year: Year | None = None
    status: str = ""
    zone: str = ""
    lang: Lang | None = None


def document_out(doc: LegalDocument, lang: str | None = None) -> dict[str, Any]:
    lang = content_language(lang)
    return {
        "id": doc.pk,
        "zone": doc.zone.code,
        "number": doc.number,
        "type": doc.doc_type,
        "type_label": str(doc.get_doc_type_display()),
        "field": doc.field,
        "issuer": doc.issuer,
        "signer": doc.signer,
        "title": doc.title,
        "title_en": doc.title_en,
        "title_zh": doc.title_zh,
        "issued_on": doc.issued_on,
        "effective_on": doc.effective_on,
        "expires_on": doc.expires_on,
        "status": getattr(doc, "status", ""),
        "view_count": doc.view_count,
        "download_count": doc.download_count,
        "url": reverse("documents:detail", args=[doc.pk]),
        "files": [
            {
                "id": f.pk,
                "name": f.original_name,
                "format": f.kind,
                "size": f.size,
                "url": reverse("documents:file", args=[doc.pk, f.pk]),
            }
            for f in doc.files.all()
        ],
        "lang": lang,
        "localized": {"title": localized(doc, "title", lang), "summary": localized(doc, "summary", lang)},
    }


class DocumentPagination(BoundedPageNumberPagination):
    """Pages of the register, each document shaped by `document_out` (zone code, file links)."""

    def paginate_queryset(self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any) -> Any:
        result = super().paginate_queryset(queryset, pagination, request, **params)
        filters = params.get("filters")
        lang = request_language(request, getattr(filters, "lang", None))
        result["items"] = [document_out(d, lang) for d in result["items"]]
        return result


@router.get("", response=list[DocumentOut], auth=None, summary="Search the published register")
@paginate(DocumentPagination, page_size=20)
def list_documents(request: HttpRequest, filters: Query[DocumentQuery]) -> Any:
    """Accent-insensitive search over titles (Vietnamese and English), numbers and file text; filters by type,
    field, issuer, year, status."""
    return selectors.document_search(
        AnonymousUser(),
        selectors.DocumentFilters(
            q=filters.q[:200],
            doc_type=filters.type,
            field=filters.field,
            issuer=filters.issuer,
            year=filters.year,
            status=filters.status,
            zone_code=filters.zone,
        ),
    )


@router.get("/procedures", response=list[dict[str, Any]], auth=None, summary="Published administrative procedures")
def list_procedures(
    request: HttpRequest, q: str = "", field: str = "", lang: Lang | None = None
) -> list[dict[str, Any]]:
    return [
        procedure_out(p, full=False, lang=request_language(request, lang))
        for p in selectors.procedure_list(AnonymousUser(), q=q[:200], field_code=field)
    ]


def procedure_out(p: AdministrativeProcedure, full: bool = True, lang: str | None = None) -> dict[str, Any]:
    lang = content_language(lang)
    data: dict[str, Any] = {
        "id": p.pk,
        "zone": p.zone.code,
        "code": p.code,
        "name": p.title,
        "name_en": p.title_en,
        "name_zh": p.title_zh,
        "field": p.field,
        "time_limit": p.time_limit,
        "time_limit_days": p.time_limit_days,
        "fee": p.fee,
        "url": reverse("documents:procedure", args=[p.pk]),
        "lang": lang,
        "localized": {
            "name": localized(p, "title", lang),
            "time_limit": localized(p, "time_limit", lang),
            "fee": localized(p, "fee", lang),
        },
    }
    if full:
        data.update(
            steps=[line.strip() for line in p.steps.splitlines() if line.strip()],
            where_to_submit=p.where_to_submit,
            channels=p.channels,
            who_may_submit=p.who_may_submit,
            result=p.result,
            dossier=[
                {
                    "name": c.name,
                    "copies": c.copies,
                    "form_url": reverse("documents:procedure-form", args=[p.pk, c.pk]) if c.form_file else None,
                    "localized": {"name": localized(c, "name", lang), "copies": localized(c, "copies", lang)},
                }
                for c in p.components.all()
            ],
            legal_basis=[
                {
                    "id": d.pk,
                    "number": d.number,
                    "title": d.title,
                    "status": getattr(d, "status", ""),
                    "localized": {"title": localized(d, "title", lang)},
                }
                for d in p.legal_basis.all()
            ],
        )
        data["localized"].update(
            steps=[line.strip() for line in localized(p, "steps", lang).splitlines() if line.strip()],
            where_to_submit=localized(p, "where_to_submit", lang),
            who_may_submit=localized(p, "who_may_submit", lang),
            result=localized(p, "result", lang),
        )
    return data


@router.get("/procedures/{procedure_id}", response=dict[str, Any], auth=None, summary="One published procedure")
def get_procedure(request: HttpRequest, procedure_id: int, lang: Lang | None = None) -> dict[str, Any]:
    return procedure_out(
        get_object_or_404(selectors.procedure_detail_qs(AnonymousUser()), pk=procedure_id),
        lang=request_language(request, lang),
    )


@router.get("/{document_id}", response=DocumentDetailOut, auth=None, summary="One published document")
def get_document(request: HttpRequest, document_id: int, lang: Lang | None = None) -> dict[str, Any]:
    doc = get_object_or_404(selectors.document_detail_qs(AnonymousUser()), pk=document_id)
    standing = selectors.document_standing(doc)
    data = document_out(doc, request_language(request, lang))
    data.update(
        summary=doc.summary,
        replaces=[d.number for d in doc.replaces.all() if d.is_published],
        amends=[d.number for d in doc.amends.all() if d.is_published],
        replaced_by=[d.number for d in doc.replaced_by.all()],
        amended_by=[d.number for d in doc.amended_by.all()],
        in_force_instead=[d.number for d in standing.current],
    )
    return data
