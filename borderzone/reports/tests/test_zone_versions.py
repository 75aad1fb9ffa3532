"""Cache versions per zone: a write in one zone's register invalidates only that zone's dashboard."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache

from borderzone.core.cache import bump_version
from borderzone.register import services
from borderzone.register.tests.factories import make_project
from borderzone.reports import dashboard
from borderzone.reports.dashboard import DashboardQuery, dashboard_data

pytestmark = pytest.mark.django_db


def test_a_write_in_one_zone_recomputes_only_that_zones_dashboard(zone, other_zone, actor, monkeypatch) -> None:
    cache.clear()
    project = make_project(zone, actor, issued_on=dt.date(2019, 1, 10))
    make_project(other_zone, actor, issued_on=dt.date(2019, 1, 10))
    computed: list[str] = []
    real = dashboard._compute

    def counting(q: DashboardQuery):
        computed.append(q.zone.code)
        return real(q)

    monkeypatch.setattr(dashboard, "_compute", counting)

    def board(z):
        return dashboard_data(
            DashboardQuery(zone=z, gate_area=None, as_of=dt.date(2024, 1, 1), from_year=2019, to_year=2023)
        )

    board(zone), board(other_zone)
    assert computed == ["ZA", "ZB"]
    services.disbursement_record(project=project, paid_on=dt.date(2020, 1, 1), amount=Decimal(5 * 10**9), actor=actor)
    first = board(zone)
    board(other_zone)
    assert computed == ["ZA", "ZB", "ZA"]  # the other zone's board came from the cache
    assert Decimal(first["investments"]["summary"]["disbursed_capital"]["domestic"]["VND"]) == Decimal(5 * 10**9)
    # A write tied to no zone (a legal rule, another app) still invalidates every zone's board.
    bump_version("investments")
    board(zone), board(other_zone)
    assert computed == ["ZA", "ZB", "ZA", "ZA", "ZB"]
