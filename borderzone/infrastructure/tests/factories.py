from __future__ import annotations

from decimal import Decimal

import factory

from borderzone.infrastructure.models import AnnualFunding, FundingSource, InfrastructureWork, WorkKind
from borderzone.zones.tests.factories import EconomicZoneFactory

BILLION = Decimal(10) ** 9


class WorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfrastructureWork

    zone = factory.SubFactory(EconomicZoneFactory)
    code = factory.Sequence(lambda n: f"W-{n}")
    name = factory.Sequence(lambda n: f"Công trình {n}")
    kind = WorkKind.ROAD
    location = "Xã Trà Lĩnh, tỉnh Cao Bằng"
    owner = "Ban Quản lý Khu kinh tế"
    plan_period = "2016-2020"
    capital_need_vnd = 100 * BILLION


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualFunding

    work = factory.SubFactory(WorkFactory)
    year = 2018
    source = FundingSource.CENTRAL
    allocated_vnd = 10 * BILLION
