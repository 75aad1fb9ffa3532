"""Public pages of the register and the procedures catalogue, file downloads, and the staff pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from borderzone.access.actors import Actor, client_ip, request_actor
from borderzone.access.pages import form_page
from borderzone.access.permissions import (
    can_change_zone,
    ensure_can_change,
    get_changeable_or_404,
    get_visible_or_404,
    is_staff_member,
    zones_editable_by,
    zones_visible_to,
)
from borderzone.core.cache import cached
from borderzone.core.forms import initial_from
from borderzone.core.storage import serve_file
from borderzone.documents import selectors, services
from borderzone.documents.forms import (
    ComponentEditForm,
    ComponentForm,
    DocumentForm,
    DocumentSearchForm,
    FileUploadForm,
    ProcedureForm,
)
from borderzone.documents.models import (
    AdministrativeProcedure,
    DocumentField,
    DocumentFile,
    DossierComponent,
    HitKind,
    LegalDocument,
)
from borderzone.documents.search import SearchPaginator
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import zone_default

PAGE_SIZE = 20


def _default_zone() -> EconomicZone | None:
    """The zone whose board the portal speaks for (one query: only its name and demo flag are shown)."""
    return zone_default(EconomicZone.objects.only("code", "name", "board_name", "is_demo"))


def _filters(form: DocumentSearchForm) -> selectors.DocumentFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return selectors.DocumentFilters(
        q=data.get("q") or "",
        doc_type=data.get("type") or "",
        field=data.get("field") or "",
        issuer=data.get("issuer") or "",
        year=data.get("year"),
        status=data.get("status") or "",
    )


def _results_html(request: HttpRequest, filters: selectors.DocumentFilters, page_number: str) -> str:
    # Visitors other than staff read only what is published, so they all share one cached answer.
    user = request.user if is_staff_member(request.user) else AnonymousUser()
    qs = selectors.document_search(user, filters)
    page = SearchPaginator(qs, PAGE_SIZE, page_number).get_page(page_number)
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    return render_to_string(
        "documents/_results.html",
        {"page": page, "query": urlencode(query), "filters": filters, "staff_view": False},
        request=None,
    )


def document_list(request: HttpRequest) -> HttpResponse:
    """The public register: search and filters. For visitors other than staff, the search form and the
    results are rendered once per query and language and cached until a document changes."""
    staff = is_staff_member(request.user)
    page_number = request.GET.get("page", "1")

    def facets() -> dict[str, Any]:
        if staff:
            return selectors.document_facets(request.user)
        # Issuers and years depend on the register only, not on the query: one cached answer for all visitors.
        return cached(("documents",), "facets", lambda: selectors.document_facets(AnonymousUser()))

    def render_both() -> tuple[str, str]:
        found = facets()
        form = DocumentSearchForm(request.GET or None, issuers=found["issuers"], years=found["years"])
        form_html = render_to_string("documents/_search_form.html", {"form": form})
        return form_html, _results_html(request, _filters(form), page_number)

    if staff:
        form_html, results = render_both()
    else:
        # The day is part of the key: a document's status today changes at midnight without any write.
        key = f"{translation.get_language()}:{timezone.localdate()}:{sorted(request.GET.items())}"
        form_html, results = cached(("documents",), f"page:{key}", render_both)
    if request.headers.get("HX-Request"):
        return HttpResponse(results)
    return render(
        request,
        "documents/document_list.html",
        {"form_html": form_html, "results": results, "zone": _default_zone()},
    )


def _hit(request: HttpRequest, document: LegalDocument, kind: str) -> None:
    if document.is_published and not (request.user.is_authenticated and is_staff_member(request.user)):
        services.document_hit(
            document=document,
            kind=kind,
            ip_address=client_ip(request),
            user_agent=request.headers.get("User-Agent", ""),
        )


def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(selectors.document_detail_qs(request.user), pk=pk)
    _hit(request, document, HitKind.VIEW)
    standing = selectors.document_standing(document)
    files = list(document.files.all())
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "standing": standing,
            "standing_today": timezone.localdate(),
            "files": files,
            "pdf": next((f for f in files if f.is_pdf), None),
            "zone": document.zone,
            "can_change": request.user.is_authenticated and can_change_zone(request.user, document.zone),
        },
    )


def _file_for(request: HttpRequest, pk: int, file_id: int) -> DocumentFile:
    document = get_object_or_404(selectors.readable_documents(request.user), pk=pk)
    return get_object_or_404(DocumentFile.objects.select_related("document"), pk=file_id, document=document)


def _file_response(item_file: Any, name: str, content_type: str, *, inline: bool, public: bool) -> FileResponse:
    return serve_file(item_file, name, content_type, inline=inline, public=public)


def document_file_download(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A file of a document, always as a download; unpublished files answer 404 to visitors."""
    item = _file_for(request, pk, file_id)
    _hit(request, item.document, HitKind.DOWNLOAD)
    return _file_response(
        item.file, item.original_name, item.content_type, inline=False, public=item.document.is_published
    )


@xframe_options_sameorigin
def document_file_inline(request: HttpRequest, pk: int, file_id: int) -> FileResponse:
    """A PDF shown inside the document page (framed by our own pages only)."""
    item = _file_for(request, pk, file_id)
    if not item.is_pdf:
        raise Http404
    return _file_response(
        item.file, item.original_name, "application/pdf", inline=True, public=item.document.is_published
    )


# --- Procedures -------------------------------------------------------------------------------------


def procedure_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    field_code = request.GET.get("field", "")
    if field_code not in DocumentField.values:
        field_code = ""
    procedures = selectors.procedure_list(request.user, q=q, field_code=field_code)
    return render(
        request,
        "documents/procedure_list.html",
        {
            "procedures": procedures,
            "q": q,
            "field_code": field_code,
            "fields": DocumentField.choices,
            "zone": _default_zone(),
        },
    )


def procedure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = get_object_or_404(selectors.procedure_detail_qs(request.user), pk=pk)
    return render(
        request,
        "documents/procedure_detail.html",
        {
            "procedure": procedure,
            "zone": procedure.zone,
            "can_change": request.user.is_authenticated and can_change_zone(request.user, procedure.zone),
        },
    )


def procedure_form_download(request: HttpRequest, pk: int, component_id: int) -> FileResponse:
    procedure = get_object_or_404(selectors.procedure_detail_qs(request.user), pk=pk)
    component = get_object_or_404(DossierComponent, pk=component_id, procedure=procedure)
    if not component.form_file:
        raise Http404
    return _file_response(
        component.form_file,
        component.form_original_name,
        component.form_content_type,
        inline=False,
        public=procedure.is_published,
    )


# --- Staff pages ------------------------------------------------------------------------------------


@login_required
def staff_document_list(request: HttpRequest) -> HttpResponse:
    if not is_staff_member(request.user):
        raise Http404
    q = request.GET.get("q", "")[:200]
    qs = selectors.document_search(request.user, selectors.DocumentFilters(q=q)).filter(
        zone__in=zones_visible_to(request.user)
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "documents/staff_document_list.html",
        {"page": page, "q": q, "can_add": zones_editable_by(request.user).exists()},
    )


def _zone_documents(request: HttpRequest) -> Any:
    return LegalDocument.objects.filter(zone__in=zones_editable_by(request.user)).order_by("-issued_on")


def _register_form(
    request: HttpRequest, kind: str, form: Any, save: Any, title: str, done: str, instance: Any = None
) -> HttpResponse:
    """The staff form of a document or a procedure (`kind`), leading to its staff page once saved."""
    return form_page(
        request,
        form,
        save,
        template=f"documents/{kind}_form.html",
        done=done,
        next_url=lambda saved: reverse(f"documents:staff-{kind}", kwargs={"pk": saved.pk}),
        context={"title": title, kind: instance},
        edits=instance,
    )


def _ignoring_zone(update: Any) -> Any:
    """An update service called by a form whose zone field only shows the zone (it cannot be changed)."""
    return lambda zone, **data: update(**data)


@login_required
def staff_document_create(request: HttpRequest) -> HttpResponse:
    zones = zones_editable_by(request.user)
    if not zones.exists():
        raise Http404
    form = partial(DocumentForm, zones=zones, documents=_zone_documents(request))
    done = _("Document added to the register (not yet published).")
    return _register_form(request, "document", form, services.document_create, _("New document"), done)


@login_required
def staff_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A document as staff see it: its fields, files (with upload), publication and history."""
    document = get_visible_or_404(request.user, selectors.document_detail_qs(request.user), pk=pk)
    if request.method == "POST":
        ensure_can_change(request.user, document)

    def add_file(*, actor: Actor, file: UploadedFile) -> DocumentFile:
        return services.document_file_add(document=document, upload=file, actor=actor)

    return form_page(
        request,
        FileUploadForm,
        add_file,
        template="documents/staff_document.html",
        done=_("File added."),
        back=reverse("documents:staff-document", args=[document.pk]),
        with_files=True,
        context={
            "document": document,
            "standing": selectors.document_standing(document),
            "standing_today": timezone.localdate(),
            "files": list(document.files.all()),
            "can_change": can_change_zone(request.user, document.zone),
            "zone": document.zone,
        },
    )


@login_required
def staff_document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_changeable_or_404(request.user, LegalDocument.objects.select_related("zone"), pk=pk)
    zones = zones_editable_by(request.user).filter(pk=document.zone_id)
    others = LegalDocument.objects.filter(zone=document.zone).exclude(pk=document.pk).order_by("-issued_on")
    initial = initial_from(document, services.DOCUMENT_FIELDS)
    initial.update(zone=document.zone, replaces=list(document.replaces.all()), amends=list(document.amends.all()))
    form = partial(DocumentForm, zones=zones, documents=others, initial=initial)
    save = _ignoring_zone(partial(services.document_update, document=document))
    return _register_form(request, "document", form, save, _("Edit document"), _("Document saved."), document)


@login_required
@require_POST
def staff_document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """A step of the four-eyes workflow (submit, approve, return, publish, withdraw); the service decides."""
    document = get_changeable_or_404(request.user, LegalDocument.objects.select_related("zone"), pk=pk)
    actor = request_actor(request)
    step = request.POST.get("step") or ("publish" if request.POST.get("publish") == "1" else "withdraw")
    steps: dict[str, tuple[Callable[[], object], str]] = {
        "submit": (
            lambda: services.document_submit(document=document, actor=actor),
            _("Submitted: another person must now approve the document."),
        ),
        "approve": (lambda: services.document_approve(document=document, actor=actor), _("Approved.")),
        "return": (
            lambda: services.document_return(document=document, actor=actor),
            _("Sent back to draft."),
        ),
        "publish": (
            lambda: services.document_set_published(document=document, published=True, actor=actor),
            _("Document published."),
        ),
        "withdraw": (
            lambda: services.document_set_published(document=document, published=False, actor=actor),
            _("Document withdrawn from publication."),
        ),
    }
    if step not in steps:
        raise Http404
    run, done = steps[step]
    try:
        run()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("documents:staff-document", pk=document.pk)


@login_required
@require_POST
def staff_document_file_remove(request: HttpRequest, pk: int, file_id: int) -> HttpResponse:
    document = get_changeable_or_404(request.user, LegalDocument.objects.select_related("zone"), pk=pk)
    item = get_object_or_404(DocumentFile, pk=file_id, document=document)
    services.document_file_remove(item=item, actor=request_actor(request))
    messages.success(request, _("File removed."))
    return redirect("documents:staff-document", pk=document.pk)


@login_required
def staff_procedure_list(request: HttpRequest) -> HttpResponse:
    if not is_staff_member(request.user):
        raise Http404
    procedures = AdministrativeProcedure.objects.filter(zone__in=zones_visible_to(request.user)).select_related("zone")
    return render(
        request,
        "documents/staff_procedure_list.html",
        {"procedures": procedures, "can_add": zones_editable_by(request.user).exists()},
    )


@login_required
def staff_procedure_create(request: HttpRequest) -> HttpResponse:
    zones = zones_editable_by(request.user)
    if not zones.exists():
        raise Http404
    form = partial(ProcedureForm, zones=zones, documents=_zone_documents(request))
    return _register_form(
        request, "procedure", form, services.procedure_create, _("New procedure"), _("Procedure added.")
    )


@login_required
def staff_procedure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    procedure = get_changeable_or_404(request.user, AdministrativeProcedure.objects.select_related("zone"), pk=pk)
    zones = zones_editable_by(request.user).filter(pk=procedure.zone_id)
    docs = LegalDocument.objects.filter(zone=procedure.zone).order_by("-issued_on")
    initial = initial_from(procedure, services.PROCEDURE_FIELDS)
    initial.update(
        zone=procedure.zone, legal_basis=list(procedure.legal_basis.all()), is_published=procedure.is_published
    )
    form = partial(ProcedureForm, zones=zones, documents=docs, initial=initial)
    save = _ignoring_zone(partial(services.procedure_update, procedure=procedure))
    return _register_form(request, "procedure", form, save, _("Edit procedure"), _("Procedure saved."), procedure)


@login_required
def staff_procedure(request: HttpRequest, pk: int) -> HttpResponse:
    """A procedure as staff see it, with its dossier papers and a form to add one."""
    procedure = get_visible_or_404(request.user, selectors.procedure_detail_qs(request.user), pk=pk)
    if request.method == "POST":
        ensure_can_change(request.user, procedure)
    return form_page(
        request,
        ComponentForm,
        partial(services.component_add, procedure=procedure),
        template="documents/staff_procedure.html",
        done=_("Dossier paper added."),
        back=reverse("documents:staff-procedure", args=[procedure.pk]),
        with_files=True,
        context={
            "procedure": procedure,
            "can_change": can_change_zone(request.user, procedure.zone),
            "zone": procedure.zone,
        },
    )


@login_required
def staff_component_edit(request: HttpRequest, pk: int, component_id: int) -> HttpResponse:
    """Change a dossier paper's name and copies, and their English and Chinese versions."""
    procedure = get_changeable_or_404(request.user, AdministrativeProcedure.objects.select_related("zone"), pk=pk)
    component = get_object_or_404(DossierComponent, pk=component_id, procedure=procedure)
    initial = initial_from(component, services.COMPONENT_FIELDS)
    return form_page(
        request,
        partial(ComponentEditForm, initial=initial),
        partial(services.component_update, component=component),
        template="documents/component_form.html",
        done=_("Dossier paper saved."),
        back=reverse("documents:staff-procedure", kwargs={"pk": procedure.pk}),
        context={"procedure": procedure, "component": component},
    )


@login_required
@require_POST
def staff_component_remove(request: HttpRequest, pk: int, component_id: int) -> HttpResponse:
    procedure = get_changeable_or_404(request.user, AdministrativeProcedure.objects.select_related("zone"), pk=pk)
    component = get_object_or_404(DossierComponent, pk=component_id, procedure=procedure)
    services.component_remove(component=component, actor=request_actor(request))
    messages.success(request, _("Dossier paper removed."))
    return redirect("documents:staff-procedure", pk=procedure.pk)
