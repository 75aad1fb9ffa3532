"""Reads on reference rates."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from borderzone.rates.models import ReferenceRate


def rate_on(currency: str, day: dt.date) -> ReferenceRate | None:
    """The rate of `day`, or else of the nearest earlier day with one (a weekend takes Friday's)."""
    return ReferenceRate.objects.filter(currency=currency.upper(), day__lte=day).order_by("-day").first()


def rate_list(currency: str | None = None) -> QuerySet[ReferenceRate]:
    qs = ReferenceRate.objects.select_related("updated_by")
    return qs.filter(currency=currency.upper()) if currency else qs
