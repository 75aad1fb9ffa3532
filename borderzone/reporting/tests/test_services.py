import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum

from borderzone.register import selectors as register
from borderzone.register.models import Disbursement
from borderzone.reporting import selectors, services
from borderzone.reporting.models import Metric, Report, ReportedFigure, ReportStatus
from borderzone.reporting.tests.conftest import quarter_values

pytestmark = pytest.mark.django_db


def _file(project, owner_actor, period="2025-Q1", **values):
    return services.report_save(
        project=project, form_code="NDT-QUY", period=period, values=quarter_values(**values), actor=owner_actor
    )


def test_a_submitted_report_is_checked_field_by_field(project, owner_actor):
    with pytest.raises(ValidationError) as caught:
        services.report_save(
            project=project,
            form_code="NDT-QUY",
            period="2025-Q1",
            values=quarter_values(revenue="-5", employees_vn="nhiều", budget_paid=None),
            actor=owner_actor,
        )
    errors = caught.value.message_dict
    assert errors["values.revenue"] == ["Doanh thu trong kỳ: không được âm."]
    assert "values.employees_vn" in errors and "Số lao động Việt Nam" in errors["values.employees_vn"][0]
    assert errors["values.budget_paid"] == ["Thuế và các khoản nộp ngân sách trong kỳ: bắt buộc phải có số liệu này."]
    assert Report.objects.count() == 0


def test_a_draft_keeps_missing_and_negative_figures_but_not_wrong_types(project, owner_actor):
    draft = services.report_save(
        project=project,
        form_code="NDT-QUY",
        period="2025-Q1",
        values={"revenue": "-5"},
        actor=owner_actor,
        submit=False,
    )
    assert draft.status == ReportStatus.DRAFT and draft.values == {"revenue": "-5"}
    with pytest.raises(ValidationError, match="values.revenue"):
        services.report_save(
            project=project,
            form_code="NDT-QUY",
            period="2025-Q1",
            values={"revenue": "abc"},
            actor=owner_actor,
            submit=False,
        )


def test_cumulative_figures_may_not_fall_below_the_last_accepted_report(project, owner_actor, actor):
    services.report_accept(report=_file(project, owner_actor, "2025-Q1", capital_disbursed=3_000_000_000), actor=actor)
    with pytest.raises(ValidationError) as caught:
        _file(project, owner_actor, "2025-Q2", capital_disbursed=2_000_000_000)
    assert "2025-Q1" in caught.value.message_dict["values.capital_disbursed"][0]


def test_a_second_report_for_a_filed_period_is_refused(project, owner_actor):
    _file(project, owner_actor)
    with pytest.raises(ValidationError, match="2025-Q1"):
        _file(project, owner_actor)


def test_a_period_not_yet_ended_cannot_be_submitted(project, owner_actor):
    with pytest.raises(ValidationError) as caught:
        _file(project, owner_actor, period="2099-Q1")
    assert "period" in caught.value.message_dict


def test_withdraw_only_until_the_board_acts(project, owner_actor, actor):
    report = _file(project, owner_actor)
    assert services.report_withdraw(report=report, actor=owner_actor).status == ReportStatus.DRAFT
    report = services.report_save(
        project=project, form_code="NDT-QUY", period="2025-Q1", values=quarter_values(), actor=owner_actor
    )
    services.report_accept(report=report, actor=actor)
    with pytest.raises(ValidationError):
        services.report_withdraw(report=report, actor=owner_actor)


def test_a_correction_replaces_the_figures_it_corrects_never_adds(project, owner_actor, actor):
    first = _file(project, owner_actor, capital_disbursed_period=1_000_000_000, revenue=2_000_000_000)
    services.report_accept(report=first, actor=actor)
    assert Disbursement.objects.filter(project=project).aggregate(t=Sum("amount"))["t"] == Decimal(1_000_000_000)
    services.report_return(report=first, reason="Doanh thu ghi nhầm đơn vị", actor=actor)
    second = _file(project, owner_actor, capital_disbursed_period=1_200_000_000, revenue=2_500_000_000)
    assert (second.revision, second.corrects_id) == (2, first.pk)
    services.report_accept(report=second, actor=actor)

    assert Disbursement.objects.filter(project=project).aggregate(t=Sum("amount"))["t"] == Decimal(1_200_000_000)
    revenue = ReportedFigure.objects.get(project=project, metric=Metric.REVENUE)
    assert (revenue.value, revenue.report_id, revenue.period_end) == (
        Decimal(2_500_000_000),
        second.pk,
        dt.date(2025, 3, 31),
    )
    assert Report.objects.filter(project=project).count() == 2  # every version kept
    first.refresh_from_db()
    assert (first.status, first.return_reason) == (ReportStatus.RETURNED, "Doanh thu ghi nhầm đơn vị")


def test_consolidated_disbursed_capital_equals_the_registers(zone, project, other_project, owner_actor, actor):
    from borderzone.register import services as register_services

    register_services.disbursement_record(
        project=other_project, paid_on=dt.date(2025, 5, 1), amount=Decimal(700_000_000), actor=actor
    )
    services.report_accept(
        report=_file(project, owner_actor, "2025-Q1", capital_disbursed_period=1_000_000_000), actor=actor
    )
    services.report_accept(
        report=_file(
            project, owner_actor, "2025-Q2", capital_disbursed_period=400_000_000, capital_disbursed=3_400_000_000
        ),
        actor=actor,
    )
    day = dt.date(2025, 12, 31)
    rows = selectors.consolidated_table(zone=zone, as_of=day, year=2025)
    consolidated = sum(r["disbursed_vnd"] for r in rows)
    summary = register.summary(day, zone)["disbursed_capital"]
    assert consolidated == Decimal(2_100_000_000)
    assert consolidated == sum(Decimal(v) for block in summary.values() for c, v in block.items() if c == "VND")
    mine = next(r for r in rows if r["project"].pk == project.pk)
    assert (mine["revenue"], mine["employees"]) == (Decimal(4_000_000_000), 42)


def test_obligations_turn_overdue_the_day_after_the_due_date(zone, project):
    def status_on(day):
        items = selectors.obligations(
            zone=zone, as_of=day, filters=selectors.ObligationFilters(form="NDT-QUY", project=project.code)
        )
        return {o.period.key: o.status for o in items}.get("2026-Q3")

    assert status_on(dt.date(2026, 9, 30)) is None  # the quarter ends that day
    assert status_on(dt.date(2026, 10, 1)) == "due"
    assert status_on(dt.date(2026, 10, 10)) == "due"
    assert status_on(dt.date(2026, 10, 11)) == "overdue"


def test_obligations_list_overdue_first_with_each_status(zone, project, other_project, owner_actor, actor):
    services.report_accept(report=_file(project, owner_actor, "2025-Q1"), actor=actor)
    _file(project, owner_actor, "2025-Q2", capital_disbursed=3_500_000_000)
    returned = _file(project, owner_actor, "2025-Q3", capital_disbursed=3_600_000_000)
    services.report_return(report=returned, reason="Thiếu số liệu", actor=actor)
    today = services.today()
    items = selectors.obligations(zone=zone, as_of=today, filters=selectors.ObligationFilters(form="NDT-QUY"))
    mine = {o.period.key: o.status for o in items if o.project == project and o.period.year == 2025}
    assert mine == {"2025-Q1": "accepted", "2025-Q2": "submitted", "2025-Q3": "returned", "2025-Q4": "overdue"}
    # As of a day before anything was filed, the same periods are overdue.
    before = selectors.obligations(
        zone=zone, as_of=dt.date(2026, 1, 11), filters=selectors.ObligationFilters(form="NDT-QUY", project=project.code)
    )
    assert {o.period.key: o.status for o in before if o.period.year == 2025} == {
        "2025-Q1": "overdue",
        "2025-Q2": "overdue",
        "2025-Q3": "overdue",
        "2025-Q4": "overdue",
    }
    statuses = [o.status for o in items]
    assert statuses[: statuses.count("overdue")] == ["overdue"] * statuses.count("overdue")
    # A project certified in February 2024 owes nothing for 2023.
    assert all(o.period.end >= dt.date(2024, 2, 1) for o in before)
    # The old (2020 law) form version for 2025, the 2026 version from the new law.
    items_2026 = selectors.obligations(
        zone=zone, as_of=dt.date(2026, 12, 5), filters=selectors.ObligationFilters(form="NDT-QUY", project=project.code)
    )
    versions = {o.period.key: o.form.version for o in items_2026}
    assert versions["2025-Q4"] == 1 and versions["2026-Q1"] == 2
