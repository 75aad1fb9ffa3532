import datetime as dt
from decimal import Decimal

import pytest

from borderzone.register import selectors, services
from borderzone.register.models import LegalRule, Project
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db

D = dt.date


def test_project_does_not_exist_before_its_certificate(zone, actor):
    make_project(zone, actor, issued_on=D(2018, 1, 10))
    assert selectors.summary(D(2018, 1, 9), zone)["projects"]["total"] == 0
    assert selectors.summary(D(2018, 1, 10), zone)["projects"]["total"] == 1


def test_status_on_the_days_around_a_change(zone, actor):
    project = make_project(zone, actor, status="implementing")
    services.status_change_record(project=project, status="operating", effective_on=D(2019, 3, 15), actor=actor)
    assert selectors.summary(D(2019, 3, 14), zone)["by_status"]["implementing"] == 1
    assert selectors.summary(D(2019, 3, 15), zone)["by_status"]["operating"] == 1
    assert selectors.summary(D(2019, 3, 16), zone)["by_status"]["operating"] == 1


def test_capital_on_the_days_around_a_certificate_adjustment(zone, actor):
    project = make_project(zone, actor, total_capital=Decimal(100))
    services.certificate_version_add(project=project, issued_on=D(2019, 7, 1), total_capital=Decimal(250), actor=actor)
    assert selectors.summary(D(2019, 6, 30), zone)["registered_capital"]["domestic"]["VND"] == Decimal(100)
    assert selectors.summary(D(2019, 7, 1), zone)["registered_capital"]["domestic"]["VND"] == Decimal(250)


def test_disbursed_on_the_days_around_a_disbursement(zone, actor):
    project = make_project(zone, actor)
    services.disbursement_record(project=project, paid_on=D(2019, 2, 1), amount=Decimal(40), actor=actor)
    services.disbursement_record(project=project, paid_on=D(2019, 2, 2), amount=Decimal(2), actor=actor)
    assert selectors.summary(D(2019, 1, 31), zone)["disbursed_capital"]["domestic"]["VND"] == Decimal(0)
    assert selectors.summary(D(2019, 2, 1), zone)["disbursed_capital"]["domestic"]["VND"] == Decimal(40)
    assert selectors.summary(D(2019, 2, 2), zone)["disbursed_capital"]["domestic"]["VND"] == Decimal(42)


def test_terminated_projects_are_not_counted(zone, actor):
    project = make_project(zone, actor, total_capital=Decimal(100))
    make_project(zone, actor, total_capital=Decimal(7))
    services.status_change_record(project=project, status="terminated", effective_on=D(2019, 1, 1), actor=actor)
    result = selectors.summary(D(2019, 1, 1), zone)
    assert result["projects"]["total"] == 1
    assert result["by_status"]["terminated"] == 1
    assert result["registered_capital"]["domestic"]["VND"] == Decimal(7)


def test_foreign_capital_is_summed_per_currency(zone, actor):
    make_project(zone, actor, ownership="foreign", currency="USD", total_capital=Decimal(1_000_000))
    make_project(zone, actor, ownership="foreign", total_capital=Decimal(5_000))
    result = selectors.summary(D(2020, 1, 1), zone)
    assert result["registered_capital"]["foreign"] == {"VND": Decimal(5000), "USD": Decimal(1000000)}
    assert result["registered_capital_vnd_equivalent"]["foreign"] == Decimal(23000005000)


def test_late_when_planned_date_passed_without_actual(zone, actor):
    project = make_project(zone, actor, plans={"construction_start": D(2019, 5, 1)})
    assert selectors.summary(D(2019, 5, 1), zone)["late"] == 0
    assert selectors.summary(D(2019, 5, 2), zone)["late"] == 1
    services.milestone_reached(project=project, kind="construction_start", reached_on=D(2019, 6, 1), actor=actor)
    assert selectors.summary(D(2019, 5, 31), zone)["late"] == 1
    assert selectors.summary(D(2019, 6, 1), zone)["late"] == 0


def test_operating_status_counts_as_operation_started(zone, actor):
    project = make_project(zone, actor, plans={"operation_start": D(2019, 5, 1)})
    services.status_change_record(project=project, status="operating", effective_on=D(2019, 8, 1), actor=actor)
    assert selectors.summary(D(2019, 7, 31), zone)["late"] == 1
    assert selectors.summary(D(2019, 8, 1), zone)["late"] == 0


def test_an_approved_extension_is_not_late_but_keeps_the_first_date(zone, actor):
    project = make_project(zone, actor, plans={"operation_start": D(2019, 5, 1)})
    services.certificate_version_add(
        project=project,
        issued_on=D(2019, 4, 1),
        total_capital=Decimal(1),
        plans={"operation_start": D(2020, 5, 1)},
        actor=actor,
    )
    assert selectors.summary(D(2019, 6, 1), zone)["late"] == 0
    evaluation = selectors.evaluate(D(2021, 1, 1), Project.objects.all())[project.pk]
    assert evaluation.late == ["operation_start"]


def test_flag_for_extension_beyond_24_months_under_the_law_in_force_on_the_day(zone, actor):
    project = make_project(
        zone, actor, issued_on=D(2016, 1, 1), plans={"operation_start": D(2017, 1, 1)}, policy_approval=True
    )
    services.certificate_version_add(
        project=project,
        issued_on=D(2018, 1, 1),
        total_capital=Decimal(1),
        plans={"operation_start": D(2019, 3, 1)},
        actor=actor,
    )
    evaluation = selectors.evaluate(D(2018, 2, 1), Project.objects.all())[project.pk]
    assert [(f.code, f.law, f.article) for f in evaluation.flags] == [
        ("EXTENSION_24M", "Luật Đầu tư 67/2014/QH13", "Điều 46 khoản 3")
    ]


def test_editing_a_rule_changes_the_flag(zone, actor, admin_user):
    project = make_project(zone, actor, issued_on=D(2016, 1, 1), plans={"operation_start": D(2017, 1, 1)})
    services.certificate_version_add(
        project=project,
        issued_on=D(2018, 1, 1),
        total_capital=Decimal(1),
        plans={"operation_start": D(2018, 12, 1)},
        actor=actor,
    )
    assert selectors.summary(D(2018, 2, 1), zone)["flagged"] == 0
    rule = LegalRule.objects.get(code="EXTENSION_24M", valid_from=D(2015, 7, 1))
    services.legal_rule_update(rule=rule, months=6, actor=actor)
    assert selectors.summary(D(2018, 2, 1), zone)["flagged"] == 1


def test_overdue_more_than_12_months_is_flagged(zone, actor):
    make_project(zone, actor, issued_on=D(2016, 1, 1), plans={"construction_start": D(2016, 6, 1)})
    assert selectors.summary(D(2017, 6, 1), zone)["flagged"] == 0
    assert selectors.summary(D(2017, 6, 2), zone)["flagged"] == 1


def test_no_rule_flags_before_any_rule_was_in_force(zone, actor):
    make_project(zone, actor, issued_on=D(2010, 1, 1), plans={"construction_start": D(2010, 6, 1)})
    result = selectors.summary(D(2014, 6, 30), zone)
    assert (result["late"], result["flagged"]) == (1, 0)


def test_a_project_certified_before_the_2014_law_is_judged_by_it_once_in_force(zone, actor):
    make_project(zone, actor, issued_on=D(2010, 1, 1), plans={"construction_start": D(2010, 6, 1)})
    evaluation = selectors.evaluate(D(2016, 1, 1), Project.objects.all())
    flags = sorted((f.code, f.law, f.article) for e in evaluation.values() for f in e.flags)
    assert flags == [
        ("LAND_BEHIND_24M", "Luật Đất đai 45/2013/QH13", "Điều 64 khoản 1 điểm i"),
        ("OVERDUE_12M", "Luật Đầu tư 67/2014/QH13", "Điều 48 khoản 2 điểm d"),
    ]


def test_summary_runs_in_a_bounded_number_of_queries(zone, actor, django_assert_max_num_queries):
    for i in range(12):
        project = make_project(zone, actor, plans={"operation_start": D(2019, 1, 1)}, status="implementing")
        services.disbursement_record(project=project, paid_on=D(2019, 1, 1), amount=Decimal(i + 1), actor=actor)
    with django_assert_max_num_queries(8):
        result = selectors.summary(D(2020, 1, 1), zone)
    assert result["projects"]["total"] == 12
    assert result["disbursed_capital"]["domestic"]["VND"] == Decimal(78)
