"""The development plan: goals per gate area and zone-wide, their milestones and dated evidence,
and the cooperation agreements signed with the partner side."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from borderzone.core.i18n import localized
from borderzone.core.storage import private_storage
from borderzone.zones.models import EconomicZone, GateArea


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    CANCELLED = "cancelled", _("Cancelled")


class GoalQuerySet(models.QuerySet["Goal"]):
    """The one definition of a goal open or overdue on a day, for the plan pages, the dashboard and the summary."""

    def open_on(self, day: dt.date | None = None) -> GoalQuerySet:
        """Goals still to reach on `day`: not cancelled, and not achieved by then (a goal recorded as
        achieved without a date counts as achieved)."""
        day = day or timezone.localdate()
        return self.exclude(status=GoalStatus.CANCELLED).exclude(
            models.Q(status=GoalStatus.ACHIEVED) & (models.Q(achieved_on__lte=day) | models.Q(achieved_on__isnull=True))
        )

    def overdue(self, day: dt.date | None = None) -> GoalQuerySet:
        """Goals open on `day` (default today) whose target date has passed."""
        day = day or timezone.localdate()
        return self.open_on(day).filter(target_date__lt=day)


class Goal(models.Model):
    """A goal of the development plan: for one gate area, or zone-wide when it has none."""

    zone = models.ForeignKey(EconomicZone, on_delete=models.PROTECT, related_name="plan_goals")
    gate_area = models.ForeignKey(
        GateArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_goals",
        verbose_name=_("gate area"),
        help_text=_("Empty for a zone-wide goal."),
    )
    code = models.CharField(_("code"), max_length=30)
    title = models.CharField(_("goal"), max_length=300)
    title_en = models.CharField(_("goal (English)"), max_length=300, blank=True)
    title_zh = models.CharField(_("goal (Chinese)"), max_length=300, blank=True, db_default="")
    description = models.TextField(_("description"), blank=True)
    phase_start_year = models.PositiveSmallIntegerField(_("phase from (year)"))
    phase_end_year = models.PositiveSmallIntegerField(_("phase to (year)"))
    start_date = models.DateField(_("start date"), null=True, blank=True)
    target_date = models.DateField(_("target date"))
    responsible_agency = models.CharField(_("responsible agency"), max_length=200)
    target_description = models.CharField(_("measurable target"), max_length=200, blank=True)
    target_description_en = models.CharField(
        _("measurable target (English)"), max_length=200, blank=True, db_default=""
    )
    target_description_zh = models.CharField(
        _("measurable target (Chinese)"), max_length=200, blank=True, db_default=""
    )
    target_value = models.DecimalField(_("target value"), max_digits=16, decimal_places=2, null=True, blank=True)
    current_value = models.DecimalField(_("value reached"), max_digits=16, decimal_places=2, null=True, blank=True)
    target_unit = models.CharField(_("unit"), max_length=40, blank=True)
    target_unit_en = models.CharField(_("unit (English)"), max_length=40, blank=True, db_default="")
    target_unit_zh = models.CharField(_("unit (Chinese)"), max_length=40, blank=True, db_default="")
    status = models.CharField(_("status"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    ZONE_LOOKUP = "zone"

    objects = GoalQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan goal")
        verbose_name_plural = _("plan goals")
        ordering = ("zone", "target_date", "code")
        constraints = [
            models.UniqueConstraint(fields=["zone", "code"], name="unique_goal_code"),
            models.CheckConstraint(condition=models.Q(progress_percent__lte=100), name="goal_progress_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(phase_end_year__gte=models.F("phase_start_year")), name="goal_phase_ordered"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_target_description(self) -> str:
        return localized(self, "target_description")

    @property
    def display_target_unit(self) -> str:
        return localized(self, "target_unit")

    @property
    def phase_label(self) -> str:
        return f"{self.phase_start_year}–{self.phase_end_year}"

    def is_open_on(self, day: dt.date) -> bool:
        """`GoalQuerySet.open_on` for one goal."""
        if self.status == GoalStatus.CANCELLED:
            return False
        return not (self.status == GoalStatus.ACHIEVED and (self.achieved_on is None or self.achieved_on <= day))

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """`GoalQuerySet.overdue` for one goal."""
        day = today or timezone.localdate()
        return self.is_open_on(day) and self.target_date < day

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def reached_late(self) -> bool:
        """Achieved after its target date: the original target stays visible beside the date it was reached."""
        return (
            self.status == GoalStatus.ACHIEVED and self.achieved_on is not None and self.achieved_on > self.target_date
        )

    @property
    def days_late(self) -> int:
        end = self.achieved_on if self.status == GoalStatus.ACHIEVED and self.achieved_on else timezone.localdate()
        return max(0, (end - self.target_date).days)


class Milestone(models.Model):
    """A dated step towards a goal; it is reached when it has a date done."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=300)
    title_en = models.CharField(_("milestone (English)"), max_length=300, blank=True, db_default="")
    title_zh = models.CharField(_("milestone (Chinese)"), max_length=300, blank=True, db_default="")
    target_date = models.DateField(_("target date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    ZONE_LOOKUP = "goal__zone"

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("goal", "target_date", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.done_on is None and self.target_date < (today or timezone.localdate())

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def reached_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.target_date


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("Document")
    PHOTO = "photo", _("Photo")
    DECISION = "decision", _("Decision")


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"planning/evidence/{instance.milestone_id}/{instance.sha256[:16]}{instance.extension}"


class Evidence(models.Model):
    """A dated document, photo or decision showing a milestone's progress; its type is checked by content."""

    milestone = models.ForeignKey(Milestone, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    title = models.CharField(_("title"), max_length=300)
    dated = models.DateField(_("dated"))
    reference = models.CharField(_("number or reference"), max_length=100, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_path, storage=private_storage, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    extension = models.CharField(max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    ZONE_LOOKUP = "milestone__goal__zone"

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ("milestone", "dated", "id")
        constraints = [models.UniqueConstraint(fields=["milestone", "sha256"], name="unique_evidence_file")]

    def __str__(self) -> str:
        return self.title


class CooperationField(models.TextChoices):
    TRADE = "trade", _("Trade")
    GATES = "gates", _("Border gates and customs clearance")
    TRANSPORT = "transport", _("Transport and logistics")
    TOURISM = "tourism", _("Tourism")
    INVESTMENT = "investment", _("Investment")
    AGRICULTURE = "agriculture", _("Agriculture and forestry")
    SECURITY = "security", _("Border security")
    OTHER = "other", _("Other")


class AgreementQuerySet(models.QuerySet["CooperationAgreement"]):
    def not_implemented(self) -> AgreementQuerySet:
        """Signed, but not one of the actions they commit to has started."""
        return self.filter(signed_on__isnull=False).exclude(actions__started=True)


class CooperationAgreement(models.Model):
    """An agreement with the partner side (Guangxi): who signed, when, in which fields, what it commits to."""

    zone = models.ForeignKey(EconomicZone, on_delete=models.PROTECT, related_name="cooperation_agreements")
    title = models.CharField(_("title"), max_length=300)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=300, blank=True, db_default="")
    vietnamese_party = models.CharField(_("Vietnamese party"), max_length=300)
    partner_party = models.CharField(_("partner party"), max_length=300)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True, db_default="")
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True, db_default="")
    is_published = models.BooleanField(_("published"), default=True)

    ZONE_LOOKUP = "zone"

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        ordering = ("zone", "-signed_on", "title")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_summary(self) -> str:
        return localized(self, "summary")

    @property
    def field_labels(self) -> list[str]:
        labels = dict(CooperationField.choices)
        return [str(labels.get(f, f)) for f in self.fields]

    @property
    def is_implemented(self) -> bool:
        return any(a.started for a in self.actions.all())

    @property
    def started_count(self) -> int:
        return sum(1 for a in self.actions.all() if a.started)


class AgreementAction(models.Model):
    """An action an agreement commits to, and whether (and when) it started."""

    agreement = models.ForeignKey(CooperationAgreement, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=400)
    description_en = models.CharField(_("action (English)"), max_length=400, blank=True, db_default="")
    description_zh = models.CharField(_("action (Chinese)"), max_length=400, blank=True, db_default="")
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    due_date = models.DateField(_("due by"), null=True, blank=True)
    started = models.BooleanField(_("started"), default=False)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    ZONE_LOOKUP = "agreement__zone"

    class Meta:
        verbose_name = _("committed action")
        verbose_name_plural = _("committed actions")
        ordering = ("agreement", "id")

    def __str__(self) -> str:
        return self.description

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.started:
            self.started_on = None
        super().save(*args, **kwargs)

    @property
    def display_description(self) -> str:
        return localized(self, "description")
