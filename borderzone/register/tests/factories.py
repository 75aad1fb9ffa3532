from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factory

from borderzone.access.actors import Actor
from borderzone.register import services
from borderzone.register.models import Investor, Ownership, Project
from borderzone.zones.models import EconomicZone


class InvestorFactory(factory.django.DjangoModelFactory[Investor]):
    class Meta:
        model = Investor

    zone = factory.SubFactory("borderzone.zones.tests.factories.EconomicZoneFactory")
    name = factory.Sequence(lambda n: f"Công ty TNHH Thử {n}")
    ownership = Ownership.DOMESTIC
    country = "VN"


_codes = iter(range(10**9, 10**10))


def make_project(
    zone: EconomicZone,
    actor: Actor,
    *,
    code: str | None = None,
    name: str = "Kho bãi Trà Lĩnh",
    ownership: str = Ownership.DOMESTIC,
    issued_on: dt.date = dt.date(2018, 1, 10),
    total_capital: Decimal = Decimal(100_000_000_000),
    currency: str = "VND",
    plans: dict[str, dt.date] | None = None,
    status: str = "preparing",
    vnd_rate: Decimal | None = Decimal(23000),
    **fields: Any,
) -> Project:
    """A project created through the service, as the pages and the API create them."""
    country = "VN" if ownership == "domestic" else "CN"
    investor = InvestorFactory.create(zone=zone, ownership=ownership, country=country)
    return services.project_create(
        zone=zone,
        code=code or str(next(_codes)),
        name=name,
        ownership=ownership,
        investors=[(investor, Decimal(100))],
        issued_on=issued_on,
        total_capital=total_capital,
        currency=currency,
        # None for USD: the reference rate of the issue date, or not converted when none is known.
        vnd_rate=vnd_rate if currency == "USD" else None,
        plans=plans or {},
        status=status,
        actor=actor,
        **fields,
    )
