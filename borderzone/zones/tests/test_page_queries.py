"""Pages of gates, the plan and infrastructure cost the same number of queries for 2 or 6 records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from borderzone.gates import services as gate_services
from borderzone.gates.tests.factories import BorderGateFactory
from borderzone.infrastructure.tests.factories import FundingFactory, WorkFactory
from borderzone.planning.tests.factories import ActionFactory, AgreementFactory, GoalFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def _add(zone, gate_area, actor, n):
    for _ in range(n):
        gate = BorderGateFactory(zone=zone, gate_area=gate_area)
        gate_services.gate_status_record(gate=gate, gate_type="main", since=dt.date(2020, 1, 1), actor=actor)
        gate_services.facility_create(gate=gate, actor=actor, kind="yard", name="Bãi")
        BorderGateFactory(zone=zone, gate_area=gate_area, parent=gate, gate_type="crossing")
        FundingFactory(work=WorkFactory(zone=zone, gate_area=gate_area))
        MilestoneFactory(goal=GoalFactory(zone=zone, gate_area=gate_area))
        ActionFactory(agreement=AgreementFactory(zone=zone))


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    "url", ["/gates/", "/map/", "/plan/", "/plan/agreements/", "/infrastructure/", "/gates/{gate}/"]
)
def test_pages_do_not_run_a_query_per_record(client, zone, gate_area, actor, settings, url):
    settings.DEFAULT_ZONE_CODE = zone.code
    _add(zone, gate_area, actor, 2)
    gate = BorderGateFactory(zone=zone, gate_area=gate_area, code="ANCHOR")
    target = url.format(gate=gate.code)
    few = _queries(client, target)
    _add(zone, gate_area, actor, 4)
    assert _queries(client, target) == few
