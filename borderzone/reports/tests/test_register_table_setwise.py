"""The periodic reports' register table, read set-wise (`reporting._register_rows` over
`register.exporting.register_records`), has exactly the cells the per-project evaluation gave
(`previous_register_rows`, the former code kept as the oracle), on the demo data on days across the laws'
periods; and it runs the same number of queries for a zone of 5 projects and of 25."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _

from borderzone.register import selectors
from borderzone.register.models import Project, Status
from borderzone.register.presenters import project_rows
from borderzone.register.tests.factories import make_project
from borderzone.register.tests.test_setwise import DAYS
from borderzone.reports.reporting import _register_rows
from borderzone.zones.models import EconomicZone

pytestmark = pytest.mark.django_db


def previous_register_rows(zone: EconomicZone, as_of: dt.date) -> list[list[Any]]:
    labels = dict(Status.choices)
    projects = Project.objects.filter(zone=zone)
    listed = (
        selectors.projects_as_of(as_of, projects)
        .select_related("zone", "gate_area", "sector")
        .prefetch_related("shares__investor")
        .order_by("code")
    )
    body = []
    for r in project_rows(listed, as_of, selectors.evaluate(as_of, projects)):
        cert = r["certificate"] or {}
        body.append(
            [
                r["code"],
                r["name"],
                _("foreign") if r["ownership"] == "foreign" else _("domestic"),
                "; ".join(f"{i['name']} ({i['country']})" for i in r["investors"]),
                r["gate_area_name"],
                str(labels.get(r["status"], r["status"])),
                cert.get("issued_on"),
                cert.get("currency", ""),
                cert.get("total_capital"),
                _("not converted") if cert and cert.get("total_capital_vnd") is None else cert.get("total_capital_vnd"),
                r["disbursed"]["VND"],
                r["disbursed"]["USD"],
                len(r["late"]),
                ", ".join(f["name"] for f in r["flags"]),
            ]
        )
    return body


def test_the_report_register_table_equals_the_per_project_evaluation_on_the_demo(db) -> None:
    call_command("load_demo", stdout=StringIO())
    zone = EconomicZone.objects.get(code="CB")
    late_or_flagged = 0
    for day in DAYS:
        for language in ("vi", "en") if day == DAYS[2] else ("vi",):
            with translation.override(language):
                _headers, rows = _register_rows(zone, day)
                expected = previous_register_rows(zone, day)
            assert rows == expected, day
            assert [[type(v) for v in r] for r in rows] == [[type(v) for v in r] for r in expected]
            late_or_flagged += sum(1 for r in rows if r[12] or r[13])
    assert late_or_flagged > 100


def _queries(zone: EconomicZone) -> int:
    with CaptureQueriesContext(connection) as captured:
        _headers, rows = _register_rows(zone, dt.date(2024, 6, 30))
    assert len(rows) == Project.objects.filter(zone=zone).count()
    return len(captured.captured_queries)


def test_the_report_register_table_runs_the_same_queries_for_5_and_25_projects(zone, actor) -> None:
    for i in range(5):
        make_project(zone, actor, code=f"66{i:08d}", plans={"construction_start": dt.date(2019, 1, 1)})
    five = _queries(zone)
    for i in range(5, 25):
        make_project(zone, actor, code=f"66{i:08d}", plans={"construction_start": dt.date(2019, 1, 1)})
    assert _queries(zone) == five
