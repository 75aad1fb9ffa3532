"""The register of legal documents, their files and view/download counts, and the catalogue of
administrative procedures whose legal basis points into the register."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderzone.core.i18n import localized
from borderzone.core.storage import PrivateStorage, private_storage

# Kept here under their old names: migrations refer to them.
__all__ = ["PrivateStorage", "private_storage"]


def server_file_name(instance: Any, filename: str) -> str:
    """A name the server makes: the uploader's name is kept only as metadata, never on disk."""
    ext = Path(filename).suffix.lower().lstrip(".")[:8]
    today = timezone.localdate()
    return f"{instance.STORAGE_DIR}/{today:%Y/%m}/{uuid.uuid4().hex}.{ext or 'bin'}"


class DocumentType(models.TextChoices):
    LAW = "law", _("Law")
    DECREE = "decree", _("Decree")
    CIRCULAR = "circular", _("Circular")
    RESOLUTION = "resolution", _("Resolution")
    DECISION = "decision", _("Decision")
    DIRECTIVE = "directive", _("Directive")
    NOTICE = "notice", _("Notice")
    PLAN = "plan", _("Plan")
    OFFICIAL_LETTER = "official_letter", _("Official letter")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class DocumentField(models.TextChoices):
    INVESTMENT = "investment", _("Investment")
    PLANNING = "planning", _("Planning and construction")
    LAND = "land", _("Land and environment")
    TRADE = "trade", _("Trade and border gates")
    FINANCE = "finance", _("Finance and budget")
    PERSONNEL = "personnel", _("Organisation and personnel")
    PROCEDURES = "procedures", _("Administrative procedures")
    OTHER = "other", _("Other")


class DocumentStatus(models.TextChoices):
    """Where a document stands on a given day; computed from its dates and the documents that act on it."""

    NOT_YET = "not_yet", _("Not yet in force")
    IN_FORCE = "in_force", _("In force")
    AMENDED = "amended", _("In force, amended")
    REPLACED = "replaced", _("Replaced")
    EXPIRED = "expired", _("Expired")


class ReviewStatus(models.TextChoices):
    """Four eyes before publication: draft -> submitted -> approved, then published (access.review)."""

    DRAFT = "draft", _("draft")
    SUBMITTED = "submitted", _("awaiting approval")
    APPROVED = "approved", _("approved")


class LegalDocument(models.Model):
    """One legal document of the register (a decision, notice, plan, decree, ...)."""

    zone = models.ForeignKey(
        "zones.EconomicZone", on_delete=models.PROTECT, related_name="legal_documents", verbose_name=_("zone")
    )
    number = models.CharField(_("number and symbol"), max_length=60, help_text=_("For example 225/QĐ-BQLKKT"))
    doc_type = models.CharField(_("type"), max_length=20, choices=DocumentType.choices)
    field = models.CharField(_("field"), max_length=20, choices=DocumentField.choices, default=DocumentField.OTHER)
    issuer = models.CharField(_("issuer"), max_length=200)
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=500)
    title_en = models.CharField(_("title (English)"), max_length=500, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    issued_on = models.DateField(_("date issued"))
    effective_on = models.DateField(_("date effective"), null=True, blank=True)
    expires_on = models.DateField(
        _("date expired"), null=True, blank=True, help_text=_("The first day on which it no longer applies.")
    )
    replaces = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="replaced_by", verbose_name=_("replaces")
    )
    amends = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="amended_by", verbose_name=_("amends")
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    review_status = models.CharField(
        _("review"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # Who changed the content (fields or files) since the last approval: none of them may approve it.
    changed_by_ids = models.JSONField(default=list, blank=True, editable=False)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demo record: number and title as published by the board; dates and file are illustrative."),
    )
    view_count = models.PositiveIntegerField(_("views"), default=0)
    download_count = models.PositiveIntegerField(_("downloads"), default=0)
    number_key = models.CharField(max_length=80, editable=False, db_index=True)
    # Raw text searched by PostgreSQL (through unaccent) and its unaccented copy kept for SQLite FTS5.
    search_source = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    # PostgreSQL: to_tsvector('simple', search_text), kept by the services (documents/search.py), GIN
    # indexed (migration 0005). Unused on SQLite, where FTS5 tables hold the index.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents")
        ordering = ("-issued_on", "-id")
        constraints = [
            models.UniqueConstraint(fields=["zone", "number_key", "issued_on"], name="unique_document_number"),
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(review_status="approved"),
                name="document_published_only_when_approved",
            ),
            models.CheckConstraint(
                condition=models.Q(effective_on__isnull=True) | models.Q(effective_on__gte=models.F("issued_on")),
                name="document_effective_after_issue",
            ),
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(effective_on__isnull=True)
                | models.Q(expires_on__gt=models.F("effective_on")),
                name="document_expires_after_effective",
            ),
        ]
        indexes = [
            models.Index(fields=["zone", "is_published", "-issued_on"], name="document_public_idx"),
            # The search's order: a page of a large result is read in this order, stopping after the page,
            # instead of sorting every match (documents.search).
            models.Index(fields=["-issued_on", "-id"], name="document_order_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title[:120]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The stored search vector is written by the search index (documents.search.index_document) with its
        # own UPDATE; saving a loaded document must not write back the stale vector it was loaded without.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "search_vector"
            ]
        super().save(*args, **kwargs)

    @property
    def year(self) -> int:
        return self.issued_on.year

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_summary(self) -> str:
        return localized(self, "summary")


class DocumentFile(models.Model):
    """A file of a document, stored under a server-made name; PDFs are shown in the page."""

    STORAGE_DIR = "documents"

    document = models.ForeignKey(LegalDocument, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to=server_file_name, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("format"), max_length=10)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "document__zone"

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ("document", "id")

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_pdf(self) -> bool:
        return self.kind == "pdf"


class HitKind(models.TextChoices):
    VIEW = "view", _("view")
    DOWNLOAD = "download", _("download")


class DocumentHit(models.Model):
    """One counted view or download: one per visitor, document and kind per day, so reloads add nothing.

    The visitor is a salted hash of address and browser, never the address itself.
    """

    document = models.ForeignKey(LegalDocument, on_delete=models.CASCADE, related_name="hits")
    kind = models.CharField(max_length=10, choices=HitKind.choices)
    day = models.DateField()
    visitor = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("document hit")
        constraints = [
            models.UniqueConstraint(fields=["document", "kind", "day", "visitor"], name="unique_document_hit")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.kind} {self.day}"


class SubmissionChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("By post")
    ONLINE = "online", _("Online (public service portal)")


class AdministrativeProcedure(models.Model):
    """An administrative procedure (thủ tục hành chính) the board settles."""

    zone = models.ForeignKey(
        "zones.EconomicZone", on_delete=models.PROTECT, related_name="procedures", verbose_name=_("zone")
    )
    code = models.CharField(
        _("code"), max_length=40, help_text=_("The code of the procedure (the national database code where it has one)")
    )
    title = models.CharField(_("name"), max_length=400)
    title_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    title_zh = models.CharField(_("name (Chinese)"), max_length=400, blank=True)
    field = models.CharField(_("field"), max_length=20, choices=DocumentField.choices, default=DocumentField.INVESTMENT)
    steps = models.TextField(_("steps"), help_text=_("One step a line, in order."))
    steps_en = models.TextField(_("steps (English)"), blank=True)
    steps_zh = models.TextField(_("steps (Chinese)"), blank=True)
    time_limit = models.CharField(_("time limit"), max_length=200)
    time_limit_en = models.CharField(_("time limit (English)"), max_length=200, blank=True)
    time_limit_zh = models.CharField(_("time limit (Chinese)"), max_length=200, blank=True)
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"), null=True, blank=True)
    fee = models.CharField(_("fee"), max_length=200, help_text=_("For example: none, or 500.000 đồng per dossier"))
    fee_en = models.CharField(_("fee (English)"), max_length=200, blank=True)
    fee_zh = models.CharField(_("fee (Chinese)"), max_length=200, blank=True)
    where_to_submit = models.TextField(_("where to submit"))
    where_to_submit_en = models.TextField(_("where to submit (English)"), blank=True)
    where_to_submit_zh = models.TextField(_("where to submit (Chinese)"), blank=True)
    channels = models.JSONField(_("how to submit"), default=list, blank=True)
    who_may_submit = models.CharField(_("who may submit"), max_length=300, blank=True)
    who_may_submit_en = models.CharField(_("who may submit (English)"), max_length=300, blank=True)
    who_may_submit_zh = models.CharField(_("who may submit (Chinese)"), max_length=300, blank=True)
    result = models.CharField(_("result"), max_length=300, blank=True)
    result_en = models.CharField(_("result (English)"), max_length=300, blank=True)
    result_zh = models.CharField(_("result (Chinese)"), max_length=300, blank=True)
    legal_basis = models.ManyToManyField(
        LegalDocument, blank=True, related_name="procedures", verbose_name=_("legal basis")
    )
    is_published = models.BooleanField(_("published"), default=False)
    search_text = models.TextField(editable=False, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")
        ordering = ("field", "title")
        constraints = [models.UniqueConstraint(fields=["zone", "code"], name="unique_procedure_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:120]}"

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_time_limit(self) -> str:
        return localized(self, "time_limit")

    @property
    def display_fee(self) -> str:
        return localized(self, "fee")

    @property
    def display_where_to_submit(self) -> str:
        return localized(self, "where_to_submit")

    @property
    def display_who_may_submit(self) -> str:
        return localized(self, "who_may_submit")

    @property
    def display_result(self) -> str:
        return localized(self, "result")

    @property
    def step_list(self) -> list[str]:
        """The steps in the active language (the Vietnamese steps where they are not translated)."""
        return [line.strip() for line in localized(self, "steps").splitlines() if line.strip()]

    def channel_labels(self) -> list[str]:
        labels = dict(SubmissionChannel.choices)
        return [str(labels.get(c, c)) for c in self.channels]


class DossierComponent(models.Model):
    """One paper of a procedure's dossier, with the form to fill in when there is one."""

    STORAGE_DIR = "forms"

    procedure = models.ForeignKey(AdministrativeProcedure, on_delete=models.CASCADE, related_name="components")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=400)
    name_en = models.CharField(_("name (English)"), max_length=400, blank=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=400, blank=True)
    copies = models.CharField(_("copies"), max_length=100, default="01 bản chính")
    copies_en = models.CharField(_("copies (English)"), max_length=100, blank=True)
    copies_zh = models.CharField(_("copies (Chinese)"), max_length=100, blank=True)
    form_file = models.FileField(
        _("form"), upload_to=server_file_name, storage=private_storage, max_length=200, blank=True
    )
    form_original_name = models.CharField(max_length=255, blank=True)
    form_kind = models.CharField(max_length=10, blank=True)
    form_content_type = models.CharField(max_length=100, blank=True)

    ZONE_LOOKUP = "procedure__zone"

    class Meta:
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")
        ordering = ("procedure", "order", "id")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def display_copies(self) -> str:
        return localized(self, "copies")
