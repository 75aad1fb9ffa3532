from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from borderzone.gates.models import BorderGate
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.trade.models import TradeFigure
from borderzone.trade.tests.factories import TradeFigureFactory


@pytest.fixture
def gate(zone):
    return BorderGateFactory(
        zone=zone, code="TRALINH", name="Cửa khẩu quốc tế Trà Lĩnh", name_en="Tra Linh border gate"
    )


@pytest.fixture
def gate2(zone):
    return BorderGateFactory(zone=zone, code="TALUNG", name="Cửa khẩu quốc tế Tà Lùng")


@pytest.fixture
def fill_months() -> Callable[..., list[TradeFigure]]:
    """Figures for a gate over months, with export = base × factor^year-offset."""

    def fill(
        gate: BorderGate,
        start: dt.date,
        count: int,
        export: int = 100,
        imp: int = 50,
        vat: int = 1000,
        skip: tuple[dt.date, ...] = (),
    ) -> list:
        made = []
        for i in range(count):
            index = start.year * 12 + start.month - 1 + i
            month = dt.date(index // 12, index % 12 + 1, 1)
            if month in skip:
                continue
            made.append(
                TradeFigureFactory(
                    gate=gate,
                    month=month,
                    export_usd=Decimal(export),
                    import_usd=Decimal(imp),
                    import_vat_vnd=Decimal(vat),
                )
            )
        return made

    return fill
