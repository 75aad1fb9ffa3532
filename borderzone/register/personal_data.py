"""Investors in the register linked to a person's account (by the account's e-mail), for the export of
that person's data (access.personal_data). The register keeps no contact details of investors."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from borderzone.access.personal_data import PersonalDataSource
from borderzone.register.models import Investor


def find(email: str, digits: str) -> models.QuerySet[Investor]:
    if not email:
        return Investor.objects.none()
    return Investor.objects.filter(users__email__iexact=email).select_related("zone").distinct().order_by("pk")


def row(investor: Investor) -> dict[str, Any]:
    return {
        "id": investor.pk,
        "zone": investor.zone.code,
        "name": investor.name,
        "country": investor.country,
        "tax_code": investor.tax_code,
    }


SOURCES = [
    PersonalDataSource(
        key="investors", label=_("Investors in the register linked to the account"), find=find, row=row, order=50
    )
]
