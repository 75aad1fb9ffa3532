"""Border gates on the zone's side, the history of their legal status, and the facilities that serve them.

The models moved here from `zones` (issue 16) keep their tables (`zones_*`) and class names; their content
types were renamed in place, so audit rows written before the move still point at them."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from borderzone.core.text import name_key
from borderzone.zones.models import Commune, EconomicZone, FunctionalArea, GateArea, LocalizedNameMixin


class GateType(models.TextChoices):
    INTERNATIONAL = "international", _("International gate")
    MAIN = "main", _("Main (bilateral) gate")
    SECONDARY = "secondary", _("Secondary gate")
    OPENING = "opening", _("Border opening")
    CROSSING = "crossing", _("Crossing")


class BorderGate(LocalizedNameMixin, models.Model):
    """A border gate, opening or crossing on the zone's side, with its partner across the border."""

    zone = models.ForeignKey(EconomicZone, on_delete=models.PROTECT, related_name="gates")
    gate_area = models.ForeignKey(
        GateArea, on_delete=models.PROTECT, null=True, blank=True, related_name="gates", verbose_name=_("gate area")
    )
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    gate_type = models.CharField(_("type"), max_length=20, choices=GateType.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="crossings",
        verbose_name=_("belongs to gate"),
    )
    partner_name = models.CharField(_("partner gate"), max_length=200, blank=True)
    partner_name_zh = models.CharField(_("partner gate (Chinese)"), max_length=200, blank=True)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="gates", verbose_name=_("commune")
    )
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    coordinate_source = models.CharField(_("coordinate source"), max_length=500, blank=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        db_table = "zones_bordergate"
        verbose_name = _("border gate")
        verbose_name_plural = _("border gates")
        ordering = ("zone", "name")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def current_status(self) -> GateStatusChange | None:
        """The latest entry of the status history (prefetched where listed), or None when none is recorded."""
        history = list(self.status_history.all())
        return max(history, key=lambda s: s.since) if history else None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def display_partner_name(self) -> str:
        """The partner gate as Chinese pages name it (its Chinese name where recorded), else as recorded."""
        lang = translation.get_language() or "vi"
        if lang.startswith("zh") and self.partner_name_zh:
            return self.partner_name_zh
        return self.partner_name


class GateStatusChange(models.Model):
    """One step of a gate's legal status: the type it had from a date, and the decision that gave it."""

    gate = models.ForeignKey(BorderGate, on_delete=models.CASCADE, related_name="status_history")
    gate_type = models.CharField(_("type"), max_length=20, choices=GateType.choices)
    since = models.DateField(_("since"))
    legal_basis = models.CharField(_("decided by"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    ZONE_LOOKUP = "gate__zone"

    class Meta:
        db_table = "zones_gatestatuschange"
        verbose_name = _("gate status change")
        verbose_name_plural = _("gate status history")
        ordering = ("gate", "since")
        constraints = [models.UniqueConstraint(fields=["gate", "since"], name="unique_gate_status_date")]

    def __str__(self) -> str:
        return f"{self.gate} — {self.get_gate_type_display()} ({self.since:%d/%m/%Y})"


class FacilityKind(models.TextChoices):
    GOODS_TRANSIT = "goods_transit", _("Goods-transit area")
    ICD = "icd", _("ICD dry port")
    YARD = "yard", _("Yard")
    WAREHOUSE = "warehouse", _("Warehouse")
    INSPECTION = "inspection", _("Inspection station")
    OTHER = "other", _("Other facility")


class FacilityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_CONSTRUCTION = "under_construction", _("Under construction")
    OPERATING = "operating", _("Operating")


class CapacityUnit(models.TextChoices):
    TEU_YEAR = "teu_year", _("TEU a year")
    TONNES_DAY = "tonnes_day", _("tonnes a day")
    VEHICLES_DAY = "vehicles_day", _("vehicles a day")


class GateFacility(models.Model):
    """A facility serving a gate: a goods-transit area, an ICD dry port, a yard, with its capacity."""

    gate = models.ForeignKey(BorderGate, on_delete=models.CASCADE, related_name="facilities")
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=FacilityStatus.choices, default=FacilityStatus.PLANNED
    )
    area_ha = models.DecimalField(_("area (ha)"), max_digits=10, decimal_places=2, null=True, blank=True)
    capacity = models.DecimalField(_("capacity"), max_digits=14, decimal_places=2, null=True, blank=True)
    capacity_unit = models.CharField(_("capacity unit"), max_length=20, choices=CapacityUnit.choices, blank=True)
    capacity_year = models.PositiveSmallIntegerField(_("capacity by year"), null=True, blank=True)
    functional_area = models.ForeignKey(
        FunctionalArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilities",
        verbose_name=_("functional area"),
    )
    description = models.TextField(_("description"), blank=True)

    ZONE_LOOKUP = "gate__zone"

    class Meta:
        db_table = "zones_gatefacility"
        verbose_name = _("gate facility")
        verbose_name_plural = _("gate facilities")
        ordering = ("gate", "kind", "name")
        constraints = [
            models.UniqueConstraint(fields=["gate", "name"], name="unique_gate_facility_name"),
            models.CheckConstraint(condition=models.Q(area_ha__gte=0), name="gate_facility_area_not_negative"),
            models.CheckConstraint(condition=models.Q(capacity__gte=0), name="gate_facility_capacity_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name
