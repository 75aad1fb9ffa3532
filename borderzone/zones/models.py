"""Economic zones, their functional and gate areas, border gates, and the 2025 administrative units."""

from __future__ import annotations

from typing import Any

from django.db import models
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
    description_zh = models.TextField(_("description (Chinese)"), blank=True, db_default="")
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
    # The district's name as English and Chinese readers know it ("Trung Khanh District", "重庆县").
    former_district_en = models.CharField(
        _("district before 2025 (English)"), max_length=100, blank=True, db_default=""
    )
    former_district_zh = models.CharField(
        _("district before 2025 (Chinese)"), max_length=100, blank=True, db_default=""
    )
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

    @property
    def display_former_district(self) -> str:
        return localized(self, "former_district")


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
