from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from borderzone.core.models import AuditEvent
from borderzone.infrastructure import selectors, services
from borderzone.infrastructure.models import AnnualFunding, InfrastructureWork
from borderzone.infrastructure.tests.factories import BILLION, FundingFactory, WorkFactory

pytestmark = pytest.mark.django_db


def test_work_create_records_an_audit_row(zone, gate_area, actor):
    work = services.work_create(
        zone=zone,
        actor=actor,
        code="HT-1",
        name="Đường vào cửa khẩu",
        kind="road",
        gate_area=gate_area,
        location="Xã Trà Lĩnh",
        owner="Ban Quản lý",
        plan_period="2016-2020",
        capital_need_vnd=Decimal(200) * BILLION,
    )
    event = AuditEvent.objects.get(object_id=str(work.pk), action="created")
    assert event.changes["capital_need_vnd"] == [None, "200000000000"]
    assert event.zone == zone


def test_work_create_refuses_a_negative_need(zone, actor):
    with pytest.raises(ValidationError) as exc:
        services.work_create(
            zone=zone,
            actor=actor,
            code="HT-1",
            name="X",
            kind="road",
            location="X",
            owner="X",
            plan_period="2016-2020",
            capital_need_vnd=Decimal(-1),
        )
    assert "capital_need_vnd" in exc.value.message_dict
    assert InfrastructureWork.objects.count() == 0


def test_work_create_refuses_a_gate_area_of_another_zone(zone, other_zone, actor):
    from borderzone.zones.tests.factories import GateAreaFactory

    with pytest.raises(ValidationError) as exc:
        services.work_create(
            zone=zone,
            actor=actor,
            code="HT-1",
            name="X",
            kind="road",
            gate_area=GateAreaFactory(zone=other_zone),
            location="X",
            owner="X",
            plan_period="2016-2020",
            capital_need_vnd=Decimal(1),
        )
    assert "gate_area" in exc.value.message_dict


def test_an_allocation_above_the_need_is_allowed_but_flagged(zone, actor, specialist):
    work = WorkFactory(zone=zone, capital_need_vnd=100 * BILLION)
    first = services.funding_record(work=work, actor=actor, year=2018, source="central", allocated_vnd=60 * BILLION)
    assert first.over_need is False
    second = services.funding_record(work=work, actor=actor, year=2019, source="central", allocated_vnd=50 * BILLION)
    assert second.over_need is True
    assert AnnualFunding.objects.filter(work=work).count() == 2
    listed = selectors.work_list(specialist).get(pk=work.pk)
    assert listed.over_need is True
    assert listed.allocated_total == 110 * BILLION


def test_a_work_within_its_need_is_not_flagged(zone, specialist):
    work = WorkFactory(zone=zone, capital_need_vnd=100 * BILLION)
    FundingFactory(work=work, allocated_vnd=100 * BILLION)
    assert selectors.work_list(specialist).get(pk=work.pk).over_need is False


def test_treasury_cannot_confirm_more_than_was_disbursed(zone, actor):
    work = WorkFactory(zone=zone)
    with pytest.raises(ValidationError) as exc:
        services.funding_record(
            work=work,
            actor=actor,
            year=2018,
            source="central",
            allocated_vnd=10 * BILLION,
            disbursed_vnd=5 * BILLION,
            treasury_confirmed_vnd=6 * BILLION,
        )
    assert "treasury_confirmed_vnd" in exc.value.message_dict


def test_a_second_record_for_the_same_year_and_source_is_refused(zone, actor):
    work = WorkFactory(zone=zone)
    services.funding_record(work=work, actor=actor, year=2018, source="central", allocated_vnd=BILLION)
    with pytest.raises(ValidationError) as exc:
        services.funding_record(work=work, actor=actor, year=2018, source="central", allocated_vnd=BILLION)
    assert "year" in exc.value.message_dict


def test_funding_years_far_before_the_plan_period_are_refused(zone, actor):
    work = WorkFactory(zone=zone, plan_period="2021-2025")
    with pytest.raises(ValidationError, match="2015"):
        services.funding_record(work=work, actor=actor, year=2015, source="central", allocated_vnd=BILLION)


def test_summary_counts_need_of_periods_inside_and_money_of_years_inside(zone, admin_user):
    inside = WorkFactory(zone=zone, plan_period="2016-2020", capital_need_vnd=300 * BILLION)
    outside = WorkFactory(zone=zone, plan_period="2021-2025", capital_need_vnd=500 * BILLION)
    FundingFactory(work=inside, year=2016, allocated_vnd=100 * BILLION, disbursed_vnd=90 * BILLION)
    FundingFactory(work=inside, year=2021, allocated_vnd=50 * BILLION)
    FundingFactory(work=outside, year=2020, allocated_vnd=20 * BILLION)

    result = selectors.capital_summary(selectors.visible_works(admin_user), from_year=2016, to_year=2020)

    assert result.need_vnd == 300 * BILLION
    assert result.allocated_vnd == 120 * BILLION
    assert result.disbursed_vnd == 90 * BILLION
    assert result.coverage == 0.4
    assert result.periods == ("2016-2020",)


def test_summary_of_a_span_without_data_is_zeros_and_no_coverage(zone, admin_user):
    WorkFactory(zone=zone, plan_period="2016-2020")
    result = selectors.capital_summary(selectors.visible_works(admin_user), from_year=2001, to_year=2009)
    assert (result.need_vnd, result.allocated_vnd, result.disbursed_vnd) == (0, 0, 0)
    assert result.coverage is None


def test_a_span_cutting_a_period_counts_none_of_its_need(zone, admin_user):
    WorkFactory(zone=zone, plan_period="2016-2020", capital_need_vnd=300 * BILLION)
    result = selectors.capital_summary(selectors.visible_works(admin_user), from_year=2016, to_year=2019)
    assert result.need_vnd == 0
    assert result.coverage is None


def test_work_list_runs_a_fixed_number_of_queries(zone, specialist, django_assert_max_num_queries):
    for _ in range(5):
        FundingFactory(work=WorkFactory(zone=zone))
    with django_assert_max_num_queries(3):
        works = list(selectors.work_list(specialist))
        names = [(w.zone.code, w.gate_area, w.over_need) for w in works]
    assert len(names) == 5
