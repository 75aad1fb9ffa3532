"""Inspections and supervision visits of the board: the plan (date, team, scope, projects), the minutes with
their files, the findings (a finding may confirm a legal flag of a project and name the decision that
followed: an extension, a fine, a termination), the recommendations with their deadlines, and the follow-up
entries until each recommendation is closed. See docs/inspections.md."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from borderzone.core.i18n import localized
from borderzone.documents.models import private_storage, server_file_name


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Inspection")
    SUPERVISION = "supervision", _("Supervision visit")


class DecisionKind(models.TextChoices):
    NONE = "", _("No decision yet")
    EXTENSION = "extension", _("Extension of the schedule")
    FINE = "fine", _("Administrative fine")
    TERMINATION = "termination", _("Termination of the project")


class Inspection(models.Model):
    """One inspection or supervision visit of a zone, from its plan to its minutes."""

    # Not a column: set on the rows a list shows (selectors.status_of).
    status: str

    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(_("kind"), max_length=12, choices=InspectionKind.choices, default=InspectionKind.INSPECTION)
    title = models.CharField(_("subject"), max_length=300)
    title_en = models.CharField(_("subject (English)"), max_length=300, blank=True, db_default="")
    title_zh = models.CharField(_("subject (Chinese)"), max_length=300, blank=True, db_default="")
    planned_on = models.DateField(_("planned date"))
    team = models.TextField(_("team (members and their units)"))
    scope = models.TextField(_("scope"))
    projects = models.ManyToManyField(
        "investments.Project", blank=True, related_name="inspections", verbose_name=_("projects inspected")
    )
    held_on = models.DateField(_("date held"), null=True, blank=True)
    minutes = models.TextField(_("minutes (summary)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ("-planned_on", "-id")
        indexes = [models.Index(fields=["zone", "-planned_on"], name="inspection_zone_date_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.planned_on:%d/%m/%Y})"

    @property
    def display_title(self) -> str:
        """The subject in the reader's language; the team, scope, minutes, findings and recommendations are
        the board's working record, shown as written (in Vietnamese, marked so on other pages)."""
        return localized(self, "title")


class MinutesFile(models.Model):
    """A file of an inspection's minutes (the signed record, photos), checked by its content on upload."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=server_file_name, storage=private_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "inspection__zone"
    STORAGE_DIR = "inspections"

    class Meta:
        verbose_name = _("minutes file")
        verbose_name_plural = _("minutes files")
        ordering = ("uploaded_at", "id")

    def __str__(self) -> str:
        return self.original_name


class Finding(models.Model):
    """What an inspection found, about a project or the zone; it may confirm a legal flag of the project
    (the rule that flags it) and record the decision that followed."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    project = models.ForeignKey(
        "investments.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_findings",
        verbose_name=_("project"),
    )
    text = models.TextField(_("finding"))
    confirms_rule = models.ForeignKey(
        "investments.LegalRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal flag confirmed"),
    )
    decision_kind = models.CharField(
        _("decision that followed"), max_length=12, choices=DecisionKind.choices, blank=True, default=""
    )
    decision_no = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_on = models.DateField(_("decision date"), null=True, blank=True)

    ZONE_LOOKUP = "inspection__zone"

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ("inspection", "id")

    def __str__(self) -> str:
        return self.text[:80]


class Recommendation(models.Model):
    """What the inspection asks to be done, by a deadline; closed by a follow-up entry."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    finding = models.ForeignKey(
        Finding,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("finding"),
    )
    project = models.ForeignKey(
        "investments.Project",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_recommendations",
        verbose_name=_("project"),
    )
    text = models.TextField(_("recommendation"))
    deadline = models.DateField(_("deadline"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    ZONE_LOOKUP = "inspection__zone"

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ("deadline", "id")
        indexes = [models.Index(fields=["closed_on", "deadline"], name="recommendation_open_idx")]

    def __str__(self) -> str:
        return self.text[:80]

    def is_overdue(self, today: dt.date) -> bool:
        return self.closed_on is None and self.deadline < today


class FollowUp(models.Model):
    """One step taken on a recommendation; the one that closes it says so."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="follow_ups")
    happened_on = models.DateField(_("date"))
    note = models.TextField(_("what was done"))
    closes = models.BooleanField(_("closes the recommendation"), default=False)

    ZONE_LOOKUP = "recommendation__inspection__zone"

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ("happened_on", "id")

    def __str__(self) -> str:
        return f"{self.happened_on:%d/%m/%Y} {self.note[:60]}"
