"""Economic zones, their functional and gate areas, border gates, and the 2025 administrative units."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from borderzone.core.i18n import localized
from borderzone.core.text import name_key, search_key


class LocalizedNameMixin:
    name: str
    name_en: str

    @property
    def display_name(self) -> str:
        """The name in the active language: `name_en` / `name_zh` when filled (provinces and communes
        have no Chinese name), else the Vietnamese name."""
        return localized(self, "name")


class Province(LocalizedNameMixin, models.Model):
    """A provincial unit as of the 2025 reform (34 units)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    unit_type = models.CharField(_("unit type"), max_length=60)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.full_name


class Commune(LocalizedNameMixin, models.Model):
    """A commune, ward or special zone after 1 July 2025, with the units it was formed from."""

    code = models.CharField(_("code"), max_length=5, unique=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="communes")
    name = models.CharField(_("name"), max_length=100)
    full_name = models.CharField(_("full name"), max_length=150)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    unit_type = models.CharField(_("unit type"), max_length=30)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    on_china_border = models.BooleanField(_("on the border with China"), default=False)
    former_units = models.JSONField(
        _("former units"), default=list, blank=True, help_text=_("Units merged into this one on 1 July 2025.")
    )
    former_names = models.TextField(_("former names"), blank=True)
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ("province__code", "code")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.search_text = search_key(f"{self.full_name} {self.former_names}")
        super().save(*args, **kwargs)


class EconomicZone(LocalizedNameMixin, models.Model):
    """A border-gate economic zone run by a province's management board. One install serves many."""

    code = models.CharField(_("code"), max_length=20, unique=True, help_text=_("Short code, e.g. CB"))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="economic_zones")
    board_name = models.CharField(_("management board"), max_length=200, blank=True)
    board_name_en = models.CharField(_("management board (English)"), max_length=200, blank=True)
    area_ha = models.DecimalField(_("area (ha)"), max_digits=12, decimal_places=2, null=True, blank=True)
    legal_basis = models.CharField(_("established by"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    communes = models.ManyToManyField(Commune, blank=True, related_name="economic_zones", verbose_name=_("communes"))
    is_demo = models.BooleanField(_("demo data"), default=False)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    class Meta:
        verbose_name = _("economic zone")
        verbose_name_plural = _("economic zones")
        ordering = ("code",)

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)

    @property
    def display_description(self) -> str:
        return localized(self, "description")


class GateArea(LocalizedNameMixin, models.Model):
    """The area around a border gate (khu cửa khẩu) that anchors projects and infrastructure."""

    zone = models.ForeignKey(EconomicZone, on_delete=models.PROTECT, related_name="gate_areas")
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    area_ha = models.DecimalField(_("area (ha)"), max_digits=12, decimal_places=2, null=True, blank=True)
    communes = models.ManyToManyField(Commune, blank=True, related_name="gate_areas", verbose_name=_("communes"))
    former_district = models.CharField(_("district before 2025"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("gate area")
        verbose_name_plural = _("gate areas")
        ordering = ("zone", "sort_order", "name")
        constraints = [
            models.UniqueConstraint(fields=["zone", "code"], name="unique_gate_area_code"),
            models.UniqueConstraint(fields=["zone", "name_key"], name="unique_gate_area_name"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


class FunctionalAreaKind(models.TextChoices):
    NON_TARIFF = "non_tariff", _("Non-tariff zone")
    INDUSTRIAL_PARK = "industrial_park", _("Industrial park")
    GOODS_TRANSIT = "goods_transit", _("Goods-transit area")
    LOGISTICS = "logistics", _("Logistics and dry port")
    URBAN_ADMIN = "urban_admin", _("Urban and administrative area")
    TOURISM_SERVICES = "tourism_services", _("Tourism and services area")
    OTHER = "other", _("Other")


class FunctionalArea(LocalizedNameMixin, models.Model):
    """A functional area of a zone (non-tariff zone, industrial park, goods-transit area, ...)."""

    zone = models.ForeignKey(EconomicZone, on_delete=models.PROTECT, related_name="functional_areas")
    kind = models.CharField(_("kind"), max_length=30, choices=FunctionalAreaKind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    gate_area = models.ForeignKey(
        GateArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="functional_areas",
        verbose_name=_("gate area"),
    )
    area_ha = models.DecimalField(_("area (ha)"), max_digits=12, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    name_key = models.CharField(max_length=200, editable=False, db_index=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("functional area")
        verbose_name_plural = _("functional areas")
        ordering = ("zone", "kind", "name")
        constraints = [
            models.UniqueConstraint(fields=["zone", "name_key"], name="unique_functional_area_name"),
            models.CheckConstraint(condition=models.Q(area_ha__gte=0), name="functional_area_area_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = name_key(self.name)
        super().save(*args, **kwargs)


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
