"""Public infrastructure works (roads to gates, gate facilities, yards, the ICD) and their capital:
need and medium-term allocation per plan period, annual allocations, disbursements and the amounts the
State Treasury confirmed, by funding source."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from borderzone.zones.models import Commune, EconomicZone, GateArea


class PlanPeriod(models.TextChoices):
    P2011_2015 = "2011-2015", "2011–2015"
    P2016_2020 = "2016-2020", "2016–2020"
    P2021_2025 = "2021-2025", "2021–2025"
    P2026_2030 = "2026-2030", "2026–2030"


def period_years(period: str) -> tuple[int, int]:
    start, end = period.split("-")
    return int(start), int(end)


class WorkKind(models.TextChoices):
    ROAD = "road", _("Road to a gate")
    GATE_FACILITY = "gate_facility", _("Gate facility")
    YARD = "yard", _("Yard and warehouse")
    ICD = "icd", _("ICD dry port")
    UTILITIES = "utilities", _("Power, water and drainage")
    OTHER = "other", _("Other")


class WorkStatus(models.TextChoices):
    """The OC4IDS projectStatus codelist."""

    IDENTIFICATION = "identification", _("Identification")
    PREPARATION = "preparation", _("Preparation")
    IMPLEMENTATION = "implementation", _("Implementation")
    COMPLETION = "completion", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class FundingSource(models.TextChoices):
    CENTRAL = "central", _("Central budget")
    PROVINCIAL = "provincial", _("Provincial budget")
    ODA = "oda", _("ODA")
    OTHER = "other", _("Other sources")


class InfrastructureWork(models.Model):
    """A public infrastructure work of the zone, with its need and allocation for one plan period."""

    zone = models.ForeignKey(EconomicZone, on_delete=models.PROTECT, related_name="infrastructure_works")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=300)
    name_en = models.CharField(_("English name"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=WorkKind.choices)
    gate_area = models.ForeignKey(
        GateArea,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="infrastructure_works",
        verbose_name=_("gate area"),
    )
    location = models.CharField(_("location"), max_length=300)
    commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("commune")
    )
    owner = models.CharField(_("owner (investor)"), max_length=300)
    plan_period = models.CharField(_("plan period"), max_length=9, choices=PlanPeriod.choices)
    capital_need_vnd = models.DecimalField(_("capital need (VND)"), max_digits=18, decimal_places=0)
    medium_term_allocation_vnd = models.DecimalField(
        _("medium-term allocation (VND)"), default=Decimal(0), max_digits=18, decimal_places=0
    )
    status = models.CharField(_("status"), max_length=20, choices=WorkStatus.choices, default=WorkStatus.PREPARATION)
    physical_progress_percent = models.PositiveSmallIntegerField(_("physical progress (%)"), default=0)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("infrastructure work")
        verbose_name_plural = _("infrastructure works")
        ordering = ("zone", "plan_period", "code")
        constraints = [
            models.UniqueConstraint(fields=["zone", "code"], name="unique_infrastructure_work_code"),
            models.CheckConstraint(condition=models.Q(capital_need_vnd__gte=0), name="work_need_not_negative"),
            models.CheckConstraint(
                condition=models.Q(medium_term_allocation_vnd__gte=0), name="work_medium_term_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(physical_progress_percent__lte=100), name="work_progress_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def period_years(self) -> tuple[int, int]:
        return period_years(self.plan_period)


class AnnualFunding(models.Model):
    """One year's capital for a work from one funding source: allocated, disbursed, Treasury-confirmed."""

    work = models.ForeignKey(InfrastructureWork, on_delete=models.CASCADE, related_name="annual_funding")
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    allocated_vnd = models.DecimalField(_("allocated (VND)"), default=Decimal(0), max_digits=18, decimal_places=0)
    disbursed_vnd = models.DecimalField(_("disbursed (VND)"), default=Decimal(0), max_digits=18, decimal_places=0)
    treasury_confirmed_vnd = models.DecimalField(
        _("confirmed by the State Treasury (VND)"), default=Decimal(0), max_digits=18, decimal_places=0
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    ZONE_LOOKUP = "work__zone"

    class Meta:
        verbose_name = _("annual funding")
        verbose_name_plural = _("annual funding")
        ordering = ("work", "year", "source")
        constraints = [
            models.UniqueConstraint(fields=["work", "year", "source"], name="unique_annual_funding"),
            models.CheckConstraint(
                condition=models.Q(allocated_vnd__gte=0, disbursed_vnd__gte=0, treasury_confirmed_vnd__gte=0),
                name="annual_funding_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.work} {self.year} ({self.get_source_display()})"
