"""Border trade and budget revenue: monthly figures per gate, their revisions, commodity breakdowns,
the province's annual budget, and stored forecasts."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: The cache scope every trade write bumps; forecasts and summaries are keyed by it.
TRADE_SCOPE = "trade"

#: The amounts of a monthly figure, in the order files and history rows list them.
AMOUNT_FIELDS = (
    "export_usd",
    "import_usd",
    "export_duty_vnd",
    "import_duty_vnd",
    "import_vat_vnd",
    "other_revenue_vnd",
    "yard_fee_vnd",
)
REVENUE_FIELDS = ("export_duty_vnd", "import_duty_vnd", "import_vat_vnd", "other_revenue_vnd")
COUNT_FIELDS = ("vehicles", "declarations")


class FigureStatus(models.TextChoices):
    """SDMX observation status, reduced to what customs statistics use."""

    PROVISIONAL = "provisional", _("provisional")
    FINAL = "final", _("final")
    REVISED = "revised", _("revised")


PUBLISHED_STATUSES = (FigureStatus.FINAL, FigureStatus.REVISED)


class Direction(models.TextChoices):
    EXPORT = "export", pgettext_lazy("trade direction", "export")
    IMPORT = "import", pgettext_lazy("trade direction", "import")


class TradeFigure(models.Model):
    """One gate's trade and revenue for one month; `revision` counts the times it was replaced."""

    gate = models.ForeignKey("gates.BorderGate", on_delete=models.PROTECT, related_name="trade_figures")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    export_usd = models.DecimalField(_("export (USD)"), max_digits=18, decimal_places=2, default=Decimal(0))
    import_usd = models.DecimalField(_("import (USD)"), max_digits=18, decimal_places=2, default=Decimal(0))
    export_duty_vnd = models.DecimalField(_("export duty (VND)"), max_digits=20, decimal_places=0, default=Decimal(0))
    import_duty_vnd = models.DecimalField(_("import duty (VND)"), max_digits=20, decimal_places=0, default=Decimal(0))
    import_vat_vnd = models.DecimalField(_("import VAT (VND)"), max_digits=20, decimal_places=0, default=Decimal(0))
    other_revenue_vnd = models.DecimalField(
        _("other revenue (VND)"), max_digits=20, decimal_places=0, default=Decimal(0)
    )
    yard_fee_vnd = models.DecimalField(
        _("yard-use fee (VND)"),
        max_digits=20,
        decimal_places=0,
        default=Decimal(0),
        help_text=_("Charged by the province, not customs."),
    )
    vehicles = models.PositiveIntegerField(_("vehicles"), null=True, blank=True)
    declarations = models.PositiveIntegerField(_("customs declarations"), null=True, blank=True)
    status = models.CharField(
        pgettext_lazy("trade figure", "status"), max_length=20, choices=FigureStatus.choices, default=FigureStatus.FINAL
    )
    source = models.CharField(_("source"), max_length=300)
    revision = models.PositiveIntegerField(_("revision"), default=0)
    is_illustrative = models.BooleanField(_("illustrative (demo)"), default=False)
    updated_at = models.DateTimeField(_("as of"), auto_now=True)

    ZONE_LOOKUP = "gate__zone"

    class Meta:
        verbose_name = _("monthly trade figure")
        verbose_name_plural = _("monthly trade figures")
        ordering = ("month", "gate")
        constraints = [
            models.UniqueConstraint(fields=["gate", "month"], name="unique_trade_figure_gate_month"),
            models.CheckConstraint(
                condition=models.Q(export_usd__gte=0)
                & models.Q(import_usd__gte=0)
                & models.Q(export_duty_vnd__gte=0)
                & models.Q(import_duty_vnd__gte=0)
                & models.Q(import_vat_vnd__gte=0)
                & models.Q(other_revenue_vnd__gte=0)
                & models.Q(yard_fee_vnd__gte=0),
                name="trade_figure_amounts_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["month", "gate"], name="trade_figure_month_idx")]

    def __str__(self) -> str:
        return f"{self.gate_id} {self.month:%Y-%m}"

    def clean(self) -> None:
        if self.month and self.month.day != 1:
            raise ValidationError({"month": _("A month is stored as its first day.")})

    @property
    def turnover_usd(self) -> Decimal:
        return self.export_usd + self.import_usd

    @property
    def revenue_vnd(self) -> Decimal:
        return sum((getattr(self, f) for f in REVENUE_FIELDS), Decimal(0))


class TradeFigureRevision(models.Model):
    """The values a figure had before a revision replaced them."""

    figure = models.ForeignKey(TradeFigure, on_delete=models.CASCADE, related_name="revisions")
    revision = models.PositiveIntegerField(_("revision"))
    values = models.JSONField(_("values"), help_text=_("Amounts as decimal strings, counts, status and source."))
    status = models.CharField(pgettext_lazy("trade figure", "status"), max_length=20, choices=FigureStatus.choices)
    source = models.CharField(_("source"), max_length=300)
    valid_until = models.DateTimeField(_("replaced at"), auto_now_add=True)
    replaced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    ZONE_LOOKUP = "figure__gate__zone"

    class Meta:
        verbose_name = _("earlier value of a trade figure")
        verbose_name_plural = _("earlier values of trade figures")
        ordering = ("figure", "-revision")
        constraints = [models.UniqueConstraint(fields=["figure", "revision"], name="unique_trade_revision")]

    def __str__(self) -> str:
        return f"{self.figure} r{self.revision}"


class CommodityFigure(models.Model):
    """Part of a monthly figure by commodity group (HS chapter, two digits) and direction."""

    figure = models.ForeignKey(TradeFigure, on_delete=models.CASCADE, related_name="commodities")
    hs_chapter = models.CharField(_("HS chapter"), max_length=2)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    value_usd = models.DecimalField(_("value (USD)"), max_digits=18, decimal_places=2)

    ZONE_LOOKUP = "figure__gate__zone"

    class Meta:
        verbose_name = _("trade by commodity group")
        verbose_name_plural = _("trade by commodity group")
        ordering = ("figure", "direction", "hs_chapter")
        constraints = [
            models.UniqueConstraint(fields=["figure", "hs_chapter", "direction"], name="unique_commodity_figure"),
            models.CheckConstraint(condition=models.Q(value_usd__gte=0), name="commodity_value_not_negative"),
            models.CheckConstraint(
                condition=models.Q(hs_chapter__regex=r"^[0-9]{2}$"), name="commodity_hs_chapter_two_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.figure} HS{self.hs_chapter} {self.direction}"


class ProvinceBudget(models.Model):
    """A year of the province's budget revenue (dự toán and actual) and the zone's collection target."""

    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.PROTECT, related_name="province_budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    estimate_vnd = models.DecimalField(
        _("province's revenue estimate (VND)"),
        max_digits=20,
        decimal_places=0,
        help_text=_("Dự toán thu ngân sách trên địa bàn."),
    )
    actual_vnd = models.DecimalField(
        _("province's actual revenue (VND)"), max_digits=20, decimal_places=0, null=True, blank=True
    )
    collection_target_vnd = models.DecimalField(
        _("zone's annual collection target (VND)"), max_digits=20, decimal_places=0, null=True, blank=True
    )
    status = models.CharField(
        pgettext_lazy("trade figure", "status"), max_length=20, choices=FigureStatus.choices, default=FigureStatus.FINAL
    )
    source = models.CharField(_("source"), max_length=300)
    is_illustrative = models.BooleanField(_("illustrative (demo)"), default=False)
    updated_at = models.DateTimeField(_("as of"), auto_now=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("province budget year")
        verbose_name_plural = _("province budget years")
        ordering = ("zone", "year")
        constraints = [
            models.UniqueConstraint(fields=["zone", "year"], name="unique_province_budget_year"),
            models.CheckConstraint(condition=models.Q(estimate_vnd__gt=0), name="budget_estimate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.zone_id} {self.year}"


class ForecastStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class TradeForecast(models.Model):
    """A forecast of monthly turnover for a zone or one gate, for one version of the trade data."""

    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.CASCADE, related_name="trade_forecasts")
    gate = models.ForeignKey(
        "gates.BorderGate", on_delete=models.CASCADE, null=True, blank=True, related_name="trade_forecasts"
    )
    data_version = models.CharField(max_length=100)
    status = models.CharField(
        _("status"), max_length=20, choices=ForecastStatus.choices, default=ForecastStatus.PENDING
    )
    steps_done = models.PositiveSmallIntegerField(default=0)
    steps_total = models.PositiveSmallIntegerField(default=1)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Set when the worker starts and after each model fit: a running forecast whose heartbeat is older than
    # REPORT_JOB_STALE_MINUTES lost its worker and is marked failed and `stalled` (it can be run again).
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    stalled = models.BooleanField(default=False, db_default=False)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("trade forecast")
        verbose_name_plural = _("trade forecasts")
        ordering = ("-created_at",)
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "gate", "data_version"],
                condition=models.Q(gate__isnull=False),
                name="unique_trade_forecast_gate_version",
            ),
            models.UniqueConstraint(
                fields=["zone", "data_version"],
                condition=models.Q(gate__isnull=True),
                name="unique_trade_forecast_zone_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.zone_id}/{self.gate_id or '*'}@{self.data_version}"

    @property
    def progress_percent(self) -> int:
        return int(100 * self.steps_done / max(1, self.steps_total))
