import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from borderzone.access.audit import history_for
from borderzone.register import services
from borderzone.register.models import CertificateVersion, Project, StatusChange
from borderzone.register.rules import deposit_for
from borderzone.register.tests.factories import InvestorFactory, make_project

pytestmark = pytest.mark.django_db


def test_project_create_writes_first_version_status_and_audit(zone, actor):
    project = make_project(zone, actor, plans={"operation_start": dt.date(2019, 6, 1)}, status="implementing")

    version = project.versions.get()
    assert version.number == 0
    assert version.total_capital_vnd == Decimal(100_000_000_000)
    assert version.plans.get().planned_on == dt.date(2019, 6, 1)
    assert project.status_changes.get().status == "implementing"
    assert history_for(project).count() == 1


def test_project_create_rejects_equity_above_total_capital(zone, actor):
    investor = InvestorFactory(zone=zone)
    with pytest.raises(ValidationError, match="vốn chủ sở hữu|equity"):
        services.project_create(
            zone=zone,
            code="1234567890",
            name="Kho bãi",
            ownership="domestic",
            investors=[(investor, Decimal(100))],
            issued_on=dt.date(2020, 1, 1),
            total_capital=Decimal(100),
            equity=Decimal(200),
            actor=actor,
        )
    assert Project.objects.count() == 0


def test_project_create_rejects_milestones_out_of_order(zone, actor):
    with pytest.raises(ValidationError) as exc:
        make_project(
            zone,
            actor,
            plans={"construction_start": dt.date(2020, 1, 1), "operation_start": dt.date(2019, 1, 1)},
        )
    assert "plans" in exc.value.message_dict
    assert Project.objects.count() == 0


def test_project_code_must_be_digits_and_unique(zone, actor):
    make_project(zone, actor, code="111")
    with pytest.raises(ValidationError):
        make_project(zone, actor, code="111")
    with pytest.raises(ValidationError):
        make_project(zone, actor, code="12A")


def test_usd_capital_needs_a_rate_and_keeps_the_vnd_equivalent(zone, actor):
    project = make_project(zone, actor, ownership="foreign", currency="USD", total_capital=Decimal(1_000_000))
    version = project.versions.get()
    assert version.vnd_rate == Decimal(23000)
    assert version.rate_date == dt.date(2018, 1, 10)
    assert version.total_capital_vnd == Decimal(23_000_000_000)


def test_certificate_version_carries_over_plans_not_changed(zone, actor):
    project = make_project(
        zone, actor, plans={"construction_start": dt.date(2018, 6, 1), "operation_start": dt.date(2019, 6, 1)}
    )
    version = services.certificate_version_add(
        project=project,
        issued_on=dt.date(2019, 5, 1),
        total_capital=Decimal(150_000_000_000),
        plans={"operation_start": dt.date(2020, 6, 1)},
        changes="Giãn tiến độ",
        actor=actor,
    )
    assert version.number == 1
    assert {p.kind: p.planned_on for p in version.plans.all()} == {
        "construction_start": dt.date(2018, 6, 1),
        "operation_start": dt.date(2020, 6, 1),
    }
    assert history_for(version).get().changes["plans"] == {"operation_start": ["2019-06-01", "2020-06-01"]}


def test_certificate_version_cannot_predate_version_in_force(zone, actor):
    project = make_project(zone, actor, issued_on=dt.date(2019, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.certificate_version_add(
            project=project, issued_on=dt.date(2018, 1, 1), total_capital=Decimal(1), actor=actor
        )
    assert "issued_on" in exc.value.message_dict
    assert CertificateVersion.objects.count() == 1


def test_actual_dates_cannot_be_in_the_future(zone, actor):
    project = make_project(zone, actor)
    tomorrow = services.today() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        services.milestone_reached(project=project, kind="operation_start", reached_on=tomorrow, actor=actor)
    assert "reached_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.disbursement_record(project=project, paid_on=tomorrow, amount=Decimal(5), actor=actor)
    with pytest.raises(ValidationError):
        services.status_change_record(project=project, status="operating", effective_on=tomorrow, actor=actor)


def test_status_change_before_certificate_is_refused(zone, actor):
    project = make_project(zone, actor, issued_on=dt.date(2019, 1, 1))
    with pytest.raises(ValidationError):
        services.status_change_record(
            project=project, status="operating", effective_on=dt.date(2018, 1, 1), actor=actor
        )
    assert StatusChange.objects.count() == 1


def test_every_write_leaves_an_audit_row(zone, actor):
    project = make_project(zone, actor)
    services.project_update(project=project, name="Kho bãi mới", actor=actor)
    services.disbursement_record(project=project, paid_on=dt.date(2019, 1, 1), amount=Decimal(10), actor=actor)
    services.status_change_record(project=project, status="implementing", effective_on=dt.date(2019, 2, 1), actor=actor)
    assert history_for(project).first().changes["name"] == ["Kho bãi Trà Lĩnh", "Kho bãi mới"]
    assert history_for(project.disbursements.get()).count() == 1
    assert history_for(project.status_changes.last()).get().action == "status_changed"


@pytest.mark.parametrize(
    ("capital", "deposit"),
    [
        (Decimal(100_000_000_000), Decimal(3_000_000_000)),
        (Decimal(300_000_000_000), Decimal(9_000_000_000)),
        (Decimal(500_000_000_000), Decimal(13_000_000_000)),
        (Decimal(1_000_000_000_000), Decimal(23_000_000_000)),
        (Decimal(1_500_000_000_000), Decimal(28_000_000_000)),
    ],
)
def test_deposit_follows_the_tiers(capital, deposit):
    assert deposit_for(capital) == deposit
