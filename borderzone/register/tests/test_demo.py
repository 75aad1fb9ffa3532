import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from borderzone.core.models import AuditEvent
from borderzone.register import selectors
from borderzone.register.models import (
    AreaClassification,
    CertificateVersion,
    DepositEvent,
    Disbursement,
    LegalRule,
    Project,
    StatusChange,
)
from borderzone.register.rules import SEED_RULES
from borderzone.zones.models import EconomicZone

pytestmark = pytest.mark.django_db

LATE_2020 = 18
# Every project is judged by the law in force on the day asked (the 2014 investment law and the 2013 land law on
# 21/09/2020), including those certified before the 2014 law took effect.
FLAGGED_2020 = 18


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_demo_figures_on_21_09_2020_are_the_articles(demo):
    body = Client().get("/api/v1/investments/summary?as_of=2020-09-21&zone=CB").json()
    assert body["as_of"] == "2020-09-21"
    assert body["projects"] == {"total": 74, "foreign": 9, "domestic": 65}
    assert body["by_status"] == {
        "preparing": 4,
        "implementing": 35,
        "operating": 33,
        "suspended": 2,
        "partly_terminated": 0,
        "terminated": 0,
    }
    assert body["registered_capital"] == {
        "foreign": {"VND": "618000000000", "USD": "11000000"},
        "domestic": {"VND": "12373000000000", "USD": "0"},
    }
    assert body["disbursed_capital"] == {
        "foreign": {"VND": "200000000000", "USD": "0"},
        "domestic": {"VND": "500000000000", "USD": "0"},
    }
    assert body["late"] == LATE_2020
    assert body["flagged"] == FLAGGED_2020
    assert 0 < body["late"] < 74


def test_demo_has_history_before_and_events_after_2020(demo):
    assert CertificateVersion.objects.filter(issued_on__year=2008).exists()
    assert CertificateVersion.objects.filter(issued_on__year__gt=2020).exists()
    assert StatusChange.objects.filter(effective_on__year__gt=2020, status="terminated").exists()
    assert Disbursement.objects.filter(paid_on__year__gt=2020).exists()
    assert all("minh họa" in name for name in Project.objects.values_list("name", flat=True))
    later = Client().get("/api/v1/investments/summary?as_of=2026-11-01&zone=CB").json()
    assert later["by_status"]["terminated"] == 2
    assert later["projects"]["total"] == 72


def test_demo_loads_twice_without_change(demo):
    def counts():
        return [
            m.objects.count()
            for m in (Project, CertificateVersion, AuditEvent, LegalRule, DepositEvent, AreaClassification)
        ]

    before = counts()
    call_command("load_demo", stdout=StringIO())
    assert counts() == before
    assert before[3:] == [len(SEED_RULES), 4, 2]


def test_demo_as_of_today_has_a_cao_bang_project_flagged_and_one_late_citing_only_laws_in_force(demo):
    today = dt.date(2026, 12, 5)
    body = Client().get(f"/api/v1/investments/summary?as_of={today.isoformat()}&zone=CB").json()
    assert body["late"] >= 1 and body["flagged"] >= 1
    zone = EconomicZone.objects.get(code="CB")
    evaluations = selectors.evaluate(today, Project.objects.filter(zone=zone))
    laws = {f.law for e in evaluations.values() for f in e.flags}
    assert laws and laws <= {r.law for r in selectors.rules_in_force(today)}
    assert laws <= {"Luật Đất đai 31/2024/QH15", "Luật Đầu tư 143/2025/QH15"}


def test_demo_deposit_of_a_tra_linh_project_is_halved_and_partly_refunded(demo):
    project = Project.objects.filter(deposit_events__isnull=False).distinct().order_by("code").first()
    assert project.commune.code == "01447"
    version = project.versions.order_by("-issued_on", "-number").first()
    position = selectors.deposit_position(project, version, dt.date(2026, 12, 5))
    assert position.assessment.reduction_percent == 50 and position.assessment.reduction_reason == "area"
    assert position.refunded == position.paid / 2 and position.last_refund_on is not None
    assert position.assessment.basis_unconfirmed
