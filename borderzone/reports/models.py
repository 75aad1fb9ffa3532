"""Generated reports, kept so that the same report can be downloaded again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("being prepared")
    READY = "ready", _("ready")
    FAILED = "failed", _("failed")


class ReportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel (XLSX)"
    PDF = "pdf", "PDF"


class Report(models.Model):
    """One generated report: its kind, zone, period and format, who asked, and the file once ready."""

    kind = models.CharField(_("report"), max_length=60)
    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, related_name="+")
    params = models.JSONField(_("parameters"), default=dict)
    format = models.CharField(_("format"), max_length=10, choices=ReportFormat.choices)
    language = models.CharField(_("language"), max_length=10, default="vi")
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    content = models.BinaryField(null=True, blank=True)
    # A PDF whose register table is too long to print well carries it as an Excel annex instead.
    annex_filename = models.CharField(_("annex file name"), max_length=200, blank=True)
    annex = models.BinaryField(null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # Set when the worker starts and at each progress step: a report being prepared whose heartbeat is older
    # than REPORT_JOB_STALE_MINUTES lost its worker and is marked failed and `stalled` (it can be run again).
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    stalled = models.BooleanField(default=False, db_default=False)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ("-created_at",)
        indexes = [models.Index(fields=["zone", "kind", "-created_at"], name="report_zone_kind_idx")]

    def __str__(self) -> str:
        return self.filename or f"{self.kind} {self.format}"

    @property
    def content_type(self) -> str:
        if self.format == ReportFormat.PDF:
            return "application/pdf"
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
