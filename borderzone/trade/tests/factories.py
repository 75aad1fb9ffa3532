from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.trade.models import FigureStatus, ProvinceBudget, TradeFigure
from borderzone.zones.tests.factories import EconomicZoneFactory


class TradeFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TradeFigure

    gate = factory.SubFactory(BorderGateFactory)
    month = dt.date(2020, 1, 1)
    export_usd = Decimal(1000)
    import_usd = Decimal(500)
    import_vat_vnd = Decimal(1000000)
    status = FigureStatus.FINAL
    source = "Hải quan cửa khẩu (thử)"


class ProvinceBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProvinceBudget

    zone = factory.SubFactory(EconomicZoneFactory)
    year = 2020
    estimate_vnd = Decimal(100_000_000)
    source = "Sở Tài chính (thử)"
