"""Reference exchange rates: the State Bank of Vietnam's central rate of a currency against the đồng,
by day, each with the source it was taken from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceRate(models.Model):
    currency = models.CharField(_("currency"), max_length=3)
    day = models.DateField(_("day"))
    vnd_per_unit = models.DecimalField(_("VND per unit"), max_digits=12, decimal_places=2)
    source = models.CharField(_("source"), max_length=300)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reference rate")
        verbose_name_plural = _("reference rates")
        ordering = ("currency", "-day")
        constraints = [
            models.UniqueConstraint(fields=["currency", "day"], name="rates_one_rate_a_currency_a_day"),
            models.CheckConstraint(condition=models.Q(vnd_per_unit__gt=0), name="rates_rate_above_zero"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.day:%d/%m/%Y}: {self.vnd_per_unit}"
