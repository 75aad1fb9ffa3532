"""An exported register comes back through the import with nothing changed: headers in the reader's
language in the first row, the import's column codes in the second (which the import reads as its header)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from borderzone.access.importing import no_progress
from borderzone.core.models import AuditEvent
from borderzone.register import services
from borderzone.register.importing import import_projects
from borderzone.register.models import Project
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(zone, gate_area, actor):
    make_project(
        zone,
        actor,
        code="4300000001",
        name="Kho bãi Trà Lĩnh",
        gate_area=gate_area,
        status="operating",
        land_area_ha=Decimal("12.5"),
        published=True,
        operating_term_years=50,
        objectives="Kho bãi, dịch vụ logistics",
        plans={"land_handover": dt.date(2018, 6, 1), "operation_start": dt.date(2020, 1, 1)},
    )
    usd = make_project(
        zone,
        actor,
        code="4300000002",
        name="Nhà máy chế biến",
        ownership="foreign",
        gate_area=gate_area,
        currency="USD",
        total_capital=Decimal(2_500_000),
        equity=Decimal(500_000),
        status="implementing",
        plans={"construction_start": dt.date(2019, 3, 1), "operation_start": dt.date(2021, 6, 1)},
    )
    services.project_update(project=usd, actor=actor, policy_approval=True)
    return zone


def _export(user, fmt, language):
    client = Client()
    client.force_login(user)
    prefix = {"vi": "", "en": "/en", "zh-hans": "/zh-hans"}[language]
    response = client.get(f"{prefix}/staff/investments/export.{fmt}")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize(
    ("fmt", "language", "first_header"),
    [("xlsx", "vi", "Mã số dự án"), ("csv", "en", "Project code"), ("xlsx", "zh-hans", "项目编号")],
)
def test_an_exported_register_reimports_with_nothing_changed(register, actor, specialist, fmt, language, first_header):
    data = _export(specialist, fmt, language)
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(data)).active
        headers, codes = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    else:
        lines = data.decode("utf-8-sig").splitlines()
        headers, codes = lines[0].split(","), lines[1].split(",")
    assert headers[0] == first_header and codes[:3] == ["code", "name", "investor"]
    audit_rows = AuditEvent.objects.count()
    before = list(Project.objects.order_by("code").values())

    report = import_projects(data=data, actor=actor, zone=register, progress=no_progress, options={})

    assert report.errors == []
    assert (report.rows, report.created, report.updated, report.unchanged) == (2, 0, 0, 2)
    assert list(Project.objects.order_by("code").values()) == before
    assert AuditEvent.objects.count() == audit_rows


def test_the_export_writes_labels_not_codes(register, specialist):
    sheet = load_workbook(io.BytesIO(_export(specialist, "xlsx", "en"))).active
    row = dict(zip([c.value for c in sheet[2]], [c.value for c in sheet[3]], strict=True))
    assert (row["status"], row["ownership"], row["published"]) == ("Operating", "Domestic", "yes")
    assert row["certificate_date"].date() == dt.date(2018, 1, 10)
