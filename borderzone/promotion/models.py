"""Investing in the zone: incentives per sector and area with the clause that grants them, calls for
investment (projects open for investment), and investors' inquiries."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from borderzone.core.formatting import format_date
from borderzone.core.i18n import localized
from borderzone.core.money import Money


class Classification(models.TextChoices):
    VSIC2025 = "VSIC2025", _("VSIC 2025 (Decision 36/2025/QĐ-TTg)")
    VSIC2018 = "VSIC2018", _("VSIC 2018 (Decision 27/2018/QĐ-TTg)")


class SectorLevel(models.TextChoices):
    SECTION = "section", _("Section")
    DIVISION = "division", _("Division")


class Sector(models.Model):
    """An economic sector at section (letter) or division (two digits) level, with its classification version."""

    classification = models.CharField(
        _("classification"), max_length=10, choices=Classification.choices, default=Classification.VSIC2025
    )
    level = models.CharField(_("level"), max_length=10, choices=SectorLevel.choices)
    code = models.CharField(_("code"), max_length=4)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=300, blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("section")
    )

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ("classification", "code")
        constraints = [models.UniqueConstraint(fields=["classification", "code"], name="unique_sector_code")]

    def __str__(self) -> str:
        return f"{self.code} – {self.display_name}"

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def section_code(self) -> str:
        return self.code if self.level == SectorLevel.SECTION else (self.parent.code if self.parent else "")


class IncentiveKind(models.TextChoices):
    CIT_RATE = "cit_rate", _("Preferential corporate income tax rate")
    CIT_HOLIDAY = "cit_holiday", _("Corporate income tax exemption and reduction")
    LAND_RENT = "land_rent", _("Land rent exemption or reduction")
    IMPORT_DUTY = "import_duty", _("Import duty exemption")
    SUPPORT = "support", _("Investment support")
    OTHER = "other", _("Other incentive")


class AreaScope(models.TextChoices):
    WHOLE_ZONE = "whole_zone", _("Whole economic zone")
    NON_TARIFF = "non_tariff", _("Non-tariff zone")
    GATE_AREA = "gate_area", _("Gate areas")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial parks")
    DISADVANTAGED_COMMUNE = "disadvantaged_commune", _("Disadvantaged communes")


class Incentive(models.Model):
    """An incentive for a set of sectors (none: every sector) in an area, granted by a clause of a document."""

    zone = models.ForeignKey(
        "zones.EconomicZone", on_delete=models.PROTECT, related_name="incentives", verbose_name=_("zone")
    )
    title = models.CharField(_("incentive"), max_length=300)
    title_en = models.CharField(_("incentive (English)"), max_length=300, blank=True)
    title_zh = models.CharField(_("incentive (Chinese)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=IncentiveKind.choices)
    description = models.TextField(_("what the investor gets"))
    description_en = models.TextField(_("what the investor gets (English)"), blank=True)
    description_zh = models.TextField(_("what the investor gets (Chinese)"), blank=True)
    sectors = models.ManyToManyField(
        Sector, blank=True, related_name="incentives", verbose_name=_("sectors"), help_text=_("None: every sector.")
    )
    area_scope = models.CharField(_("where it applies"), max_length=30, choices=AreaScope.choices)
    functional_areas = models.ManyToManyField(
        "zones.FunctionalArea", blank=True, related_name="incentives", verbose_name=_("functional areas")
    )
    gate_areas = models.ManyToManyField(
        "zones.GateArea", blank=True, related_name="incentives", verbose_name=_("gate areas")
    )
    communes = models.ManyToManyField(
        "zones.Commune", blank=True, related_name="incentives", verbose_name=_("communes")
    )
    document = models.ForeignKey(
        "documents.LegalDocument",
        on_delete=models.PROTECT,
        related_name="incentives",
        verbose_name=_("granted by"),
    )
    clause = models.CharField(_("clause"), max_length=200, help_text=_("For example: Article 13, clause 1, point b"))
    clause_text = models.TextField(_("text of the clause"))
    # Unofficial translations: the pages say so and that the Vietnamese text prevails.
    clause_text_en = models.TextField(_("text of the clause (English, unofficial)"), blank=True, db_default="")
    clause_text_zh = models.TextField(_("text of the clause (Chinese, unofficial)"), blank=True, db_default="")
    is_published = models.BooleanField(_("published"), default=False)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("incentive")
        verbose_name_plural = _("incentives")
        ordering = ("zone", "area_scope", "kind", "title")

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_description(self) -> str:
        return localized(self, "description")

    @property
    def display_clause_text(self) -> str:
        return localized(self, "clause_text")

    @property
    def clause_translated(self) -> bool:
        """Whether the reader sees an (unofficial) translation of the clause rather than its Vietnamese text."""
        return self.display_clause_text != self.clause_text


class CallStatus(models.TextChoices):
    OPEN = "open", _("Open for investment")
    CLOSED = "closed", _("Closed")


class InvestmentCall(models.Model):
    """A project the board calls investors for, with its place, size and the sectors it belongs to."""

    zone = models.ForeignKey(
        "zones.EconomicZone", on_delete=models.PROTECT, related_name="investment_calls", verbose_name=_("zone")
    )
    title = models.CharField(_("project"), max_length=300)
    title_en = models.CharField(_("project (English)"), max_length=300, blank=True)
    title_zh = models.CharField(_("project (Chinese)"), max_length=300, blank=True)
    objectives = models.TextField(_("objectives and scale"))
    objectives_en = models.TextField(_("objectives and scale (English)"), blank=True)
    objectives_zh = models.TextField(_("objectives and scale (Chinese)"), blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="calls", verbose_name=_("sectors"))
    gate_area = models.ForeignKey(
        "zones.GateArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("gate area"),
    )
    functional_area = models.ForeignKey(
        "zones.FunctionalArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("functional area"),
    )
    commune = models.ForeignKey(
        "zones.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="calls",
        verbose_name=_("commune"),
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5)
    land_area_ha = models.DecimalField(_("land area (ha)"), max_digits=10, decimal_places=2)
    capital_amount = models.DecimalField(
        _("indicative capital"), max_digits=20, decimal_places=0, null=True, blank=True
    )
    capital_currency = models.CharField(
        _("currency"), max_length=3, choices=[("VND", "VND"), ("USD", "USD")], default="VND"
    )
    investment_form = models.CharField(_("form of investment"), max_length=200, blank=True)
    investment_form_en = models.CharField(_("form of investment (English)"), max_length=200, blank=True)
    investment_form_zh = models.CharField(_("form of investment (Chinese)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN)
    open_until = models.DateField(_("open until"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("call for investment")
        verbose_name_plural = _("calls for investment")
        ordering = ("zone", "-status", "title")
        constraints = [
            models.CheckConstraint(condition=models.Q(land_area_ha__gt=0), name="call_land_area_positive"),
            models.CheckConstraint(
                condition=models.Q(capital_amount__isnull=True) | models.Q(capital_amount__gt=0),
                name="call_capital_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def capital(self) -> Money | None:
        return Money(Decimal(self.capital_amount), self.capital_currency) if self.capital_amount is not None else None

    @property
    def display_title(self) -> str:
        return localized(self, "title")

    @property
    def display_objectives(self) -> str:
        return localized(self, "objectives")

    @property
    def display_investment_form(self) -> str:
        return localized(self, "investment_form")


class InquiryStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being answered")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


class Inquiry(models.Model):
    """A question an investor sent through the portal; staff of the zone answer it."""

    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, related_name="inquiries")
    call = models.ForeignKey(
        InvestmentCall,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inquiries",
        verbose_name=_("project"),
    )
    name = models.CharField(_("your name"), max_length=200)
    organisation = models.CharField(_("company or organisation"), max_length=300, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166 code, e.g. VN, CN"))
    sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sector")
    )
    message = models.TextField(_("your question"))
    language = models.CharField(max_length=10, blank=True)
    sender_hash = models.CharField(max_length=64, db_index=True, editable=False)
    status = models.CharField(_("status"), max_length=15, choices=InquiryStatus.choices, default=InquiryStatus.NEW)
    staff_note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    ZONE_LOOKUP = "zone"
    # Deleted after RETENTION_INQUIRY_CONTACT_MONTHS from closing; audit rows keep only a mark
    # (access.audit.snapshot) and name the inquiry by `audit_label`, not by its sender.
    PERSONAL_FIELDS = ("name", "email", "phone", "sender_hash")

    class Meta:
        verbose_name = _("investor inquiry")
        verbose_name_plural = _("investor inquiries")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        # The day it was received where the zone is, not in UTC (00:56 on the 6th is the 6th).
        name = self.name or "•••"
        return f"{name} – {format_date(self.created_at)}" if self.created_at else name

    def audit_label(self) -> str:
        """The inquiry's name in audit rows: its number and day, never its sender."""
        day = format_date(self.created_at) if self.created_at else ""
        return f"#{self.pk} – {day}" if day else f"#{self.pk}"
