from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from borderzone.core.cache import current_version
from borderzone.core.models import AuditEvent
from borderzone.trade.models import TRADE_SCOPE, FigureStatus, TradeFigure, TradeFigureRevision
from borderzone.trade.services import budget_record, figure_record

JAN = dt.date(2021, 1, 1)


def test_figure_record_creates_with_audit_and_bumps_version(gate, actor):
    before = current_version(TRADE_SCOPE)
    figure, outcome = figure_record(
        gate=gate, month=JAN, values={"export_usd": Decimal("10.5"), "import_usd": 20}, source="Hải quan", actor=actor
    )
    assert outcome == "created"
    assert figure.export_usd == Decimal("10.50")
    assert figure.turnover_usd == Decimal("30.50")
    assert AuditEvent.objects.filter(object_id=str(figure.pk), action="created").count() == 1
    assert current_version(TRADE_SCOPE) != before


def test_figure_record_same_values_changes_nothing(gate, actor):
    figure_record(gate=gate, month=JAN, values={"export_usd": 10}, source="Hải quan", actor=actor)
    version = current_version(TRADE_SCOPE)
    events = AuditEvent.objects.count()
    _figure, outcome = figure_record(gate=gate, month=JAN, values={"export_usd": 10}, source="Hải quan", actor=actor)
    assert outcome == "unchanged"
    assert AuditEvent.objects.count() == events
    assert current_version(TRADE_SCOPE) == version


def test_revising_a_final_figure_keeps_the_earlier_values(gate, actor):
    figure_record(
        gate=gate, month=JAN, values={"export_usd": 10, "import_usd": 5}, source="Hải quan (sơ bộ)", actor=actor
    )
    figure, outcome = figure_record(
        gate=gate, month=JAN, values={"export_usd": 12}, source="Hải quan (chính thức)", status="final", actor=actor
    )
    assert outcome == "updated"
    assert figure.export_usd == Decimal("12.00")
    assert figure.import_usd == Decimal("5.00")
    assert figure.status == FigureStatus.REVISED
    assert figure.revision == 1
    old = TradeFigureRevision.objects.get(figure=figure)
    assert old.values["export_usd"] == "10.00"
    assert old.source == "Hải quan (sơ bộ)"
    assert old.status == FigureStatus.FINAL


def test_provisional_figure_becomes_final_without_being_called_revised(gate, actor):
    figure_record(gate=gate, month=JAN, values={"export_usd": 10}, source="Hải quan", status="provisional", actor=actor)
    figure, _ = figure_record(
        gate=gate, month=JAN, values={"export_usd": 11}, source="Hải quan", status="final", actor=actor
    )
    assert figure.status == FigureStatus.FINAL
    assert figure.revisions.get().status == FigureStatus.PROVISIONAL


def test_figure_record_refuses_negative_values(gate, actor):
    with pytest.raises(ValidationError) as exc:
        figure_record(gate=gate, month=JAN, values={"export_usd": -1}, source="Hải quan", actor=actor)
    assert list(exc.value.message_dict) == ["export_usd"]
    assert TradeFigure.objects.count() == 0


def test_figure_record_requires_a_source(gate, actor):
    with pytest.raises(ValidationError) as exc:
        figure_record(gate=gate, month=JAN, values={"export_usd": 1}, source=" ", actor=actor)
    assert "source" in exc.value.message_dict


def test_budget_record_creates_then_updates_with_audit(zone, actor):
    budget, outcome = budget_record(
        zone=zone, year=2020, estimate_vnd=Decimal(1000), source="Sở Tài chính", actor=actor
    )
    assert outcome == "created"
    budget, outcome = budget_record(
        zone=zone, year=2020, estimate_vnd=Decimal(1000), source="Sở Tài chính", actor=actor
    )
    assert outcome == "unchanged"
    budget, outcome = budget_record(zone=zone, year=2020, actual_vnd=Decimal(1200), source="Sở Tài chính", actor=actor)
    assert outcome == "updated"
    assert budget.actual_vnd == Decimal(1200)
    assert AuditEvent.objects.filter(object_id=str(budget.pk)).count() == 2


def test_a_figure_of_one_zone_leaves_the_other_zones_forecasts_valid(zone, other_zone, actor):
    import datetime as dt

    from borderzone.gates.tests.factories import BorderGateFactory
    from borderzone.trade.services import figure_record, forecast_request

    gate_a, gate_b = BorderGateFactory(zone=zone, code="GA"), BorderGateFactory(zone=other_zone, code="GB")
    mine, theirs = forecast_request(zone=zone, gate=None), forecast_request(zone=other_zone, gate=None)
    figure_record(gate=gate_b, month=dt.date(2024, 1, 1), values={"export_usd": 5}, source="Hải quan", actor=actor)
    assert forecast_request(zone=zone, gate=None).pk == mine.pk  # still the same data: no recomputation
    assert forecast_request(zone=other_zone, gate=None).pk != theirs.pk
    figure_record(gate=gate_a, month=dt.date(2024, 1, 1), values={"export_usd": 5}, source="Hải quan", actor=actor)
    assert forecast_request(zone=zone, gate=None).pk != mine.pk
