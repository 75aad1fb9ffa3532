"""Writes on the register and the procedures catalogue: validate, save, audit, bump the cache version."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.access.review import check_approver, content_changed
from borderzone.access.services import ModelWrites, save_checked
from borderzone.core.cache import bump_version
from borderzone.core.i18n import translated_names
from borderzone.core.models import AuditAction
from borderzone.core.storage import delete_files, delete_files_on_commit
from borderzone.core.text import search_key
from borderzone.core.visitors import is_bot_agent
from borderzone.documents.files import check_upload
from borderzone.documents.models import (
    AdministrativeProcedure,
    DocumentFile,
    DocumentHit,
    DossierComponent,
    HitKind,
    LegalDocument,
    ReviewStatus,
    SubmissionChannel,
    private_storage,
)
from borderzone.documents.search import index_document, unindex_document
from borderzone.zones.models import EconomicZone

DOCUMENTS_SCOPE = "documents"
PROCEDURES_SCOPE = "procedures"

DOCUMENT_FIELDS = (
    "number",
    "doc_type",
    "field",
    "issuer",
    "signer",
    "title",
    "title_en",
    "title_zh",
    "summary",
    "summary_en",
    "summary_zh",
    "issued_on",
    "effective_on",
    "expires_on",
    "is_illustrative",
)
# Content a reader sees, in Vietnamese with optional English and Chinese versions (core.i18n).
PROCEDURE_TEXTS = ("title", "steps", "time_limit", "fee", "where_to_submit", "who_may_submit", "result")
PROCEDURE_FIELDS = (
    "code",
    "field",
    "time_limit_days",
    "channels",
    *PROCEDURE_TEXTS,
    *translated_names(*PROCEDURE_TEXTS),
)
COMPONENT_TEXTS = ("name", "copies")
COMPONENT_FIELDS = ("order", *COMPONENT_TEXTS, *translated_names(*COMPONENT_TEXTS))


def _reindex(document: LegalDocument) -> None:
    # English versions are indexed too, so that an English query finds the document. Chinese ones are
    # not: the search splits words on spaces and keeps only Latin letters and digits.
    file_text = " ".join(t for t in document.files.values_list("text", flat=True) if t)
    source = " ".join(
        part
        for part in (
            document.number,
            document.title,
            document.title_en,
            document.summary,
            document.summary_en,
            document.issuer,
            document.signer,
            file_text,
        )
        if part
    )
    document.search_source = source
    document.search_text = search_key(source)
    LegalDocument.objects.filter(pk=document.pk).update(search_source=source, search_text=document.search_text)
    index_document(document.pk, document.search_text, (document.title_zh, document.summary_zh))


def _check_relations(
    document: LegalDocument, replaces: Iterable[LegalDocument], amends: Iterable[LegalDocument]
) -> None:
    for name, docs in (("replaces", replaces), ("amends", amends)):
        for other in docs:
            if other.pk == document.pk:
                raise ValidationError({name: _("A document cannot replace or amend itself.")})
            if other.zone_id != document.zone_id:
                raise ValidationError(
                    {name: _("%(number)s belongs to another zone's register.") % {"number": other.number}}
                )


DOCUMENT_CLASH = gettext_lazy("The register already holds a document with this number issued on this date.")


def _normalise_number(document: LegalDocument) -> None:
    document.number = " ".join(document.number.split())
    document.number_key = search_key(document.number)


def _check_document(document: LegalDocument) -> None:
    if document.effective_on and document.effective_on < document.issued_on:
        raise ValidationError({"effective_on": _("A document cannot take effect before it is issued.")})
    if document.expires_on and document.expires_on <= (document.effective_on or document.issued_on):
        raise ValidationError({"expires_on": _("The expiry date must come after the date the document takes effect.")})
    clash = LegalDocument.objects.filter(
        zone_id=document.zone_id, number_key=document.number_key, issued_on=document.issued_on
    ).exclude(pk=document.pk)
    if clash.exists():
        raise ValidationError({"number": str(DOCUMENT_CLASH)})


DOCUMENTS = ModelWrites(
    LegalDocument,
    DOCUMENT_FIELDS,
    DOCUMENTS_SCOPE,
    prepare=_normalise_number,
    check=_check_document,
    clash_field="number",
    clash_message=DOCUMENT_CLASH,
)


def _save_document(document: LegalDocument) -> None:
    _normalise_number(document)
    _check_document(document)
    save_checked(document, "number", str(DOCUMENT_CLASH))


def _relations_changes(document: LegalDocument) -> dict[str, list[str]]:
    return {
        "replaces": sorted(d.number for d in document.replaces.all()),
        "amends": sorted(d.number for d in document.amends.all()),
    }


@transaction.atomic
def document_create(
    *,
    zone: EconomicZone,
    actor: Actor,
    replaces: Iterable[LegalDocument] = (),
    amends: Iterable[LegalDocument] = (),
    **fields: Any,
) -> LegalDocument:
    """Add a document to a zone's register, as a draft: it is published after another person approves it."""
    document = LegalDocument(zone=zone, **{k: v for k, v in fields.items() if k in DOCUMENT_FIELDS})
    replaces, amends = list(replaces), list(amends)
    _check_relations(document, replaces, amends)
    content_changed(document, actor)
    _save_document(document)
    document.replaces.set(replaces)
    document.amends.set(amends)
    _reindex(document)
    event = audit_record(actor=actor, instance=document, action=AuditAction.CREATED)
    rel = _relations_changes(document)
    if event is not None and (rel["replaces"] or rel["amends"]):
        audit_record(
            actor=actor,
            instance=document,
            action=AuditAction.UPDATED,
            changes={k: [[], v] for k, v in rel.items() if v},
            note="relations",
        )
    bump_version(DOCUMENTS_SCOPE)
    return document


@transaction.atomic
def document_update(
    *,
    document: LegalDocument,
    actor: Actor,
    replaces: Iterable[LegalDocument] | None = None,
    amends: Iterable[LegalDocument] | None = None,
    expected_version: str | None = None,
    **fields: Any,
) -> LegalDocument:
    """Change a document's fields and the documents it replaces or amends."""
    DOCUMENTS.check_version(document, expected_version)
    rel_before = _relations_changes(document)
    _check_relations(document, replaces or [], amends or [])
    if replaces is not None:
        document.replaces.set(list(replaces))
    if amends is not None:
        document.amends.set(list(amends))
    rel_after = _relations_changes(document)
    changed = {k: [rel_before[k], rel_after[k]] for k in rel_after if rel_before[k] != rel_after[k]}
    saved = DOCUMENTS.change(
        document, actor, fields, edited=lambda d: _content_changed(d, actor), edited_anyway=bool(changed)
    )
    _reindex(document)
    if changed:
        audit_record(actor=actor, instance=document, action=AuditAction.UPDATED, changes=changed, note="relations")
        if not saved:
            bump_version(DOCUMENTS_SCOPE)
    return document


def _content_changed(document: LegalDocument, actor: Actor) -> None:
    """A change of the text or files: noted against its author; approved content goes back for approval
    and leaves the public register until it is approved again (visitors see only what was approved)."""
    content_changed(document, actor)
    if document.review_status != ReviewStatus.DRAFT:
        document.review_status = ReviewStatus.DRAFT
        document.approved_by = None
        document.approved_at = None
        document.is_published = False


# The review steps and publication of a document: values the services decide (`also`), none from callers.
REVIEW = ModelWrites(LegalDocument, (), DOCUMENTS_SCOPE)


def _review_step(document: LegalDocument, actor: Actor, values: dict[str, Any], note: str = "") -> LegalDocument:
    return REVIEW.update(document, actor, {}, also=values, status_field="review_status", note=note)


@transaction.atomic
def document_submit(*, document: LegalDocument, actor: Actor) -> LegalDocument:
    """Send a draft for approval by another person."""
    if document.review_status != ReviewStatus.DRAFT:
        raise ValidationError({"review_status": _("Only a draft can be submitted for approval.")})
    return _review_step(document, actor, {"review_status": ReviewStatus.SUBMITTED})


@transaction.atomic
def document_approve(*, document: LegalDocument, actor: Actor) -> LegalDocument:
    """Approve a submitted document: the approver changed none of its content since the last approval."""
    if document.review_status != ReviewStatus.SUBMITTED:
        raise ValidationError({"review_status": _("Only a document awaiting approval can be approved.")})
    check_approver(document, actor)
    values: dict[str, Any] = {
        "review_status": ReviewStatus.APPROVED,
        "approved_by": actor.user,
        "approved_at": timezone.now(),
        "changed_by_ids": [],
    }
    return _review_step(document, actor, values)


@transaction.atomic
def document_return(*, document: LegalDocument, actor: Actor, note: str = "") -> LegalDocument:
    """Send a submitted or approved document back to draft (a published one leaves the public register)."""
    if document.review_status == ReviewStatus.DRAFT:
        raise ValidationError({"review_status": _("The document is already a draft.")})
    values = {"review_status": ReviewStatus.DRAFT, "approved_by": None, "approved_at": None, "is_published": False}
    return _review_step(document, actor, values, note)


@transaction.atomic
def document_set_published(*, document: LegalDocument, published: bool, actor: Actor) -> LegalDocument:
    """Publish an approved document (visitors see it and its files) or withdraw it."""
    if published and document.review_status != ReviewStatus.APPROVED:
        raise ValidationError({"is_published": _("A document is published only after another person has approved it.")})
    values: dict[str, Any] = {"is_published": published}
    if published and document.published_at is None:
        values["published_at"] = timezone.now()
    return REVIEW.update(document, actor, {}, also=values, status_field="is_published")


@transaction.atomic
def document_delete(*, document: LegalDocument, actor: Actor) -> None:
    """Remove an unpublished document (a published one is withdrawn first, so links never break silently)."""
    if document.is_published:
        raise ValidationError({"is_published": _("Withdraw the document from publication before deleting it.")})
    if document.procedures.exists():
        raise ValidationError({"number": _("Procedures cite this document as their legal basis.")})
    stored = [f.file.name for f in document.files.all() if f.file.name]
    REVIEW.delete(document, actor)
    unindex_document(document.pk)
    delete_files_on_commit(private_storage, stored)


def _files_changed(document: LegalDocument, actor: Actor) -> None:
    """A file added or removed changes what readers see, as a change of text does (the caller bumps)."""
    REVIEW.change(
        document,
        actor,
        {},
        status_field="review_status",
        note="files changed",
        edited=lambda changed: _content_changed(changed, actor),
        edited_anyway=True,
        update_fields=["review_status", "approved_by", "approved_at", "is_published", "changed_by_ids"],
        defer_bump=True,
    )


@transaction.atomic
def document_file_add(*, document: LegalDocument, upload: UploadedFile, actor: Actor) -> DocumentFile:
    """Attach a file after checking its content; it is stored under a name the server makes."""
    checked, data = check_upload(upload)
    original = (upload.name or "file").replace("/", "_").replace("\\", "_")[-200:]
    item = DocumentFile(
        document=document,
        original_name=original,
        kind=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        text=checked.text,
    )
    item.file.save(original, ContentFile(data), save=False)
    stored = item.file.name
    try:
        item.full_clean(exclude=["file"])
        item.save()
    except Exception:
        delete_files(private_storage, [stored])
        raise
    _reindex(document)
    audit_record(actor=actor, instance=item, action=AuditAction.CREATED)
    _files_changed(document, actor)
    bump_version(DOCUMENTS_SCOPE)
    return item


# A document's files: the services bump once the document's review state is updated.
FILES = ModelWrites(DocumentFile, (), DOCUMENTS_SCOPE)


@transaction.atomic
def document_file_remove(*, item: DocumentFile, actor: Actor) -> None:
    """Detach a file from its document and delete it from storage once the change is committed."""
    document = item.document
    stored = item.file.name or ""
    FILES.delete(item, actor, defer_bump=True)
    _files_changed(document, actor)
    _reindex(document)
    bump_version(DOCUMENTS_SCOPE)
    delete_files_on_commit(private_storage, [stored])


def visitor_key(ip_address: str | None, user_agent: str, day: str) -> str:
    """A salted hash that tells visitors apart for a day without keeping their address."""
    salt = getattr(settings, "VISITOR_HASH_SALT", "") or settings.SECRET_KEY
    return hashlib.sha256(f"{salt}|{day}|{ip_address or '-'}|{user_agent[:300]}".encode()).hexdigest()


def document_hit(*, document: LegalDocument, kind: str, ip_address: str | None, user_agent: str) -> bool:
    """Count a view or download once per visitor and day; bots and reloads are not counted.

    Counters are reading statistics, not changes to the record, so they leave no audit row.
    """
    if kind not in HitKind.values or is_bot_agent(user_agent):
        return False
    today = timezone.localdate()
    key = visitor_key(ip_address, user_agent, today.isoformat())
    try:
        with transaction.atomic():
            DocumentHit.objects.create(document=document, kind=kind, day=today, visitor=key)
            column = "view_count" if kind == HitKind.VIEW else "download_count"
            LegalDocument.objects.filter(pk=document.pk).update(**{column: F(column) + 1})
    except IntegrityError:
        return False
    return True


# --- Administrative procedures -------------------------------------------------------------------------


def _procedure_search(procedure: AdministrativeProcedure) -> None:
    procedure.search_text = search_key(f"{procedure.code} {procedure.title} {procedure.title_en}")


def _check_procedure(procedure: AdministrativeProcedure) -> None:
    bad = [c for c in procedure.channels if c not in SubmissionChannel.values]
    if bad:
        raise ValidationError({"channels": _("Unknown way to submit: %(value)s.") % {"value": ", ".join(bad)}})
    if not procedure.channels:
        raise ValidationError({"channels": _("Say at least one way to submit the dossier.")})


PROCEDURES = ModelWrites(
    AdministrativeProcedure,
    (*PROCEDURE_FIELDS, "is_published"),
    PROCEDURES_SCOPE,
    prepare=_procedure_search,
    check=_check_procedure,
    unique=("zone", "code"),
    clash_message=gettext_lazy("This zone already has a procedure with this code."),
)


def _legal_basis(zone_id: int, legal_basis: Iterable[LegalDocument] | None) -> list[LegalDocument] | None:
    """The documents a procedure cites, each of its zone's register (None: leave them as they are)."""
    basis = list(legal_basis) if legal_basis is not None else None
    for doc in basis or []:
        if doc.zone_id != zone_id:
            raise ValidationError(
                {"legal_basis": _("%(number)s belongs to another zone's register.") % {"number": doc.number}}
            )
    return basis


@transaction.atomic
def procedure_create(
    *,
    zone: EconomicZone,
    actor: Actor,
    legal_basis: Iterable[LegalDocument] = (),
    is_published: bool = False,
    **fields: Any,
) -> AdministrativeProcedure:
    """Add a procedure to a zone's catalogue."""
    basis = _legal_basis(zone.pk, legal_basis)
    procedure = PROCEDURES.create(actor, {**fields, "is_published": is_published}, zone=zone)
    procedure.legal_basis.set(basis or [])
    return procedure


@transaction.atomic
def procedure_update(
    *,
    procedure: AdministrativeProcedure,
    actor: Actor,
    legal_basis: Iterable[LegalDocument] | None = None,
    is_published: bool | None = None,
    expected_version: str | None = None,
    **fields: Any,
) -> AdministrativeProcedure:
    """Change a procedure; its legal basis is replaced when given."""
    basis = _legal_basis(procedure.zone_id, legal_basis)
    basis_before = sorted(procedure.legal_basis.values_list("number", flat=True))
    if is_published is not None:
        fields["is_published"] = is_published
    changed = PROCEDURES.change(procedure, actor, fields, expected_version=expected_version)
    if basis is not None:
        procedure.legal_basis.set(basis)
    basis_after = sorted(procedure.legal_basis.values_list("number", flat=True))
    if basis_after != basis_before:
        audit_record(
            actor=actor,
            instance=procedure,
            action=AuditAction.UPDATED,
            changes={"legal_basis": [basis_before, basis_after]},
        )
        if not changed:
            bump_version(PROCEDURES_SCOPE)
    return procedure


@transaction.atomic
def component_add(
    *,
    procedure: AdministrativeProcedure,
    name: str,
    copies: str,
    actor: Actor,
    order: int | None = None,
    form: UploadedFile | None = None,
    **texts: str,
) -> DossierComponent:
    """Add a paper to a procedure's dossier, with its form when there is one (checked like any upload).

    `texts` are the paper's English and Chinese versions (`name_en`, `copies_zh`, ...)."""
    if order is None:
        order = procedure.components.count() + 1
    component = DossierComponent(
        procedure=procedure,
        name=name,
        copies=copies or "",
        order=order,
        **{k: (v or "") for k, v in texts.items() if k in COMPONENT_FIELDS},
    )
    stored: str = ""
    if form is not None:
        checked, data = check_upload(form, field="form")
        component.form_original_name = (form.name or "form").replace("/", "_")[-200:]
        component.form_kind = checked.kind
        component.form_content_type = checked.content_type
        component.form_file.save(component.form_original_name, ContentFile(data), save=False)
        stored = component.form_file.name or ""
    try:
        component.full_clean(exclude=["form_file"])
        component.save()
    except Exception:
        delete_files(private_storage, [stored])
        raise
    audit_record(actor=actor, instance=component, action=AuditAction.CREATED)
    bump_version(PROCEDURES_SCOPE)
    return component


COMPONENTS = ModelWrites(DossierComponent, COMPONENT_FIELDS, PROCEDURES_SCOPE)


@transaction.atomic
def component_update(
    *, component: DossierComponent, actor: Actor, expected_version: str | None = None, **fields: Any
) -> DossierComponent:
    """Change a dossier paper's name, copies, order or their English and Chinese versions (the form stays)."""
    changes = {k: v if k == "order" else (v or "") for k, v in fields.items() if k != "order" or v is not None}
    return COMPONENTS.update(component, actor, changes, expected_version=expected_version)


@transaction.atomic
def component_remove(*, component: DossierComponent, actor: Actor) -> None:
    """Remove a paper (and its form file, once committed) from a procedure's dossier."""
    stored = component.form_file.name or ""
    COMPONENTS.delete(component, actor)
    delete_files_on_commit(private_storage, [stored])
