"""Shared models: the audit trail and the data versions that caches are keyed by."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from borderzone.core.storage import private_storage


class AuditAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    DELETED = "deleted", _("deleted")
    IMPORTED = "imported", _("imported")
    STATUS_CHANGED = "status_changed", _("status changed")
    LOGIN = "login", _("signed in")
    LOGIN_FAILED = "login_failed", _("sign-in refused")
    LOGOUT = "logout", _("signed out")
    EXPORTED = "exported", _("personal data exported")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("Audit events are never changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are never deleted.")


class AuditEvent(models.Model):
    """One change to one object: who, when, from where, what, and the fields' before and after values.

    Rows are append-only: the model refuses updates and deletes, and on PostgreSQL a trigger does too.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    via = models.CharField(_("via"), max_length=100, help_text=_("web, api, or command:<name>"))
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("object"), max_length=300)
    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    objects: ClassVar[models.Manager[AuditEvent]] = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ("-created_at", "-id")
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit events are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("Audit events are never deleted.")

    @property
    def is_access_event(self) -> bool:
        """A sign-in, refused sign-in or sign-out: its address is shown to administrators only."""
        return self.action in (AuditAction.LOGIN, AuditAction.LOGIN_FAILED, AuditAction.LOGOUT)


class DataVersion(models.Model):
    """A counter per data scope, bumped in the transaction that changes the data.

    Cached answers are keyed by it, so every process sees a change as soon as it is committed.
    """

    scope = models.CharField(max_length=100, unique=True)
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("data version")

    def __str__(self) -> str:
        return f"{self.scope}@{self.version}"


def quantize_decimal_fields(instance: models.Model) -> None:
    """Give Decimal values the places their field stores, so 12.5 reads back as it is saved: 12.50."""
    from decimal import Decimal

    for field in instance._meta.concrete_fields:
        if isinstance(field, models.DecimalField):
            value = getattr(instance, field.attname)
            if isinstance(value, Decimal) and value.is_finite():
                setattr(instance, field.attname, value.quantize(Decimal(1).scaleb(-field.decimal_places)))


class ImportJobStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("done")
    FAILED = "failed", _("refused")


class ImportJob(models.Model):
    """An import of a spreadsheet run by the task worker, with its progress and outcome.

    The file is kept in the row so that any worker process can read it.
    """

    kind = models.CharField(_("kind"), max_length=40)
    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("file"), max_length=255)
    data = models.BinaryField()
    dry_run = models.BooleanField(_("check only"), default=False)
    options = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ImportJobStatus.choices, default=ImportJobStatus.PENDING
    )
    phase = models.CharField(_("phase"), max_length=40, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # Set when the worker starts and at each progress step: a running job whose heartbeat is older than
    # IMPORT_JOB_STALE_MINUTES lost its worker (killed, restarted) and is marked failed.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The job this one runs again (after its worker died).
    rerun_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.kind}: {self.filename}"

    @property
    def finished(self) -> bool:
        return self.status in (ImportJobStatus.SUCCEEDED, ImportJobStatus.FAILED)

    @property
    def stalled(self) -> bool:
        """Failed because its worker died: it can be run again."""
        return self.status == ImportJobStatus.FAILED and bool((self.result or {}).get("stalled"))


class ExportJobStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    SUCCEEDED = "succeeded", _("done")
    FAILED = "failed", _("failed")


def export_file_name(instance: ExportJob, filename: str) -> str:
    # The stored name is the job's own; the download is named by `filename` (the export's readable name).
    return f"exports/{instance.created_by_id}/{instance.pk or 'new'}-{filename}"


class ExportJob(models.Model):
    """A large export written by the task worker into a private file, with its progress; only the person
    who asked for it reads its page and downloads it (it holds what they were allowed to see)."""

    kind = models.CharField(_("kind"), max_length=40)
    fmt = models.CharField(_("format"), max_length=10)
    params = models.JSONField(default=dict, blank=True)
    language = models.CharField(max_length=10, default="vi")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file"), max_length=255, blank=True)
    file = models.FileField(storage=private_storage, upload_to=export_file_name, max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ExportJobStatus.choices, default=ExportJobStatus.PENDING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # As for imports: a running job whose heartbeat is older than IMPORT_JOB_STALE_MINUTES lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.kind}.{self.fmt}"

    @property
    def finished(self) -> bool:
        return self.status in (ExportJobStatus.SUCCEEDED, ExportJobStatus.FAILED)


class NotificationState(models.Model):
    """When a staff member was last e-mailed about one kind of waiting work, so that a flood of comments
    or inquiries sends at most one e-mail per interval; `pending` marks news held back until it ends."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=50)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    pending = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("notification state")
        constraints = [models.UniqueConstraint(fields=["user", "topic"], name="one_notification_state_per_topic")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.topic}"


class HomeVisit(models.Model):
    """A staff member's visits of their staff home: the day of the latest and of the one before it (on an
    earlier day), so that the work list says what became late or flagged since the previous visit, and a
    reload the same day does not empty it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_on = models.DateField()
    seen_at = models.DateTimeField()
    previous_on = models.DateField(null=True, blank=True)
    previous_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("staff home visit")

    def __str__(self) -> str:
        return f"{self.user_id} {self.seen_on}"
