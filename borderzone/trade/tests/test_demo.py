from __future__ import annotations

import io
from decimal import Decimal

import pytest

from borderzone.access.actors import command_actor
from borderzone.gates import demo as gates_demo
from borderzone.trade import demo as trade_demo
from borderzone.trade.models import ProvinceBudget, TradeFigure
from borderzone.zones import demo as zones_demo


@pytest.fixture
def demo_loaded(db):
    actor = command_actor("load_demo")
    zones_demo.load(actor=actor, out=io.StringIO())
    gates_demo.load(actor=actor, out=io.StringIO())
    trade_demo.load(actor=actor, out=io.StringIO())


def test_demo_reproduces_the_article_figures_for_2010_to_2020_through_the_api(client, demo_loaded):
    body = client.get("/api/v1/trade/summary?from=2010-01&to=2020-12&zone=CB").json()
    assert Decimal("16300000000") < Decimal(body["turnover_usd"]) < Decimal("16400000000")
    assert body["turnover_growth"] == pytest.approx(0.255, abs=0.0005)
    assert Decimal("3800000000000") < Decimal(body["revenue_vnd"]) < Decimal("3900000000000")
    assert body["revenue_growth"] == pytest.approx(0.093, abs=0.0005)
    assert body["growth_years"] == [2010, 2020]
    assert sorted(body["revenue_share"]) == [str(y) for y in range(2010, 2021)]
    assert all(0.30 <= share <= 0.35 for share in body["revenue_share"].values())
    assert body["illustrative"] is True


def test_demo_has_the_four_main_gates_monthly_with_a_lunar_new_year_dip(demo_loaded):
    gates = set(TradeFigure.objects.values_list("gate__code", flat=True))
    assert gates == {"TRALINH", "TALUNG", "SOCGIANG", "LYVAN"}
    assert TradeFigure.objects.filter(gate__code="TALUNG", month__year=2015).count() == 12
    feb = TradeFigure.objects.get(gate__code="TALUNG", month="2015-02-01")  # Tết 2015 fell on 19 February
    nov = TradeFigure.objects.get(gate__code="TALUNG", month="2014-11-01")
    assert feb.turnover_usd < nov.turnover_usd * Decimal("0.8")
    closed = TradeFigure.objects.get(gate__code="TALUNG", month="2020-02-01")
    before = TradeFigure.objects.get(gate__code="TALUNG", month="2019-12-01")
    assert closed.turnover_usd < before.turnover_usd / 2


def test_demo_load_twice_changes_nothing(demo_loaded):
    counts = (TradeFigure.objects.count(), ProvinceBudget.objects.count())
    trade_demo.load(actor=command_actor("load_demo"), out=io.StringIO())
    assert (TradeFigure.objects.count(), ProvinceBudget.objects.count()) == counts
