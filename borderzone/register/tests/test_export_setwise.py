"""The register export fed by the set-wise conditions (`exporting.project_table`: two queries a chunk)
writes exactly the cells the previous export wrote by evaluating every project in Python
(`previous_rows` below, the former code kept as the oracle): over the demo data on days across the
laws' periods, in three languages, for board staff and for an investor, and over generated registers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings

from borderzone.accounts.models import Role
from borderzone.accounts.tests.factories import UserFactory
from borderzone.register import exporting, selectors
from borderzone.register.exporting import project_table
from borderzone.register.importing import export_facts, export_values
from borderzone.register.models import LegalRule, MilestoneKind, Project
from borderzone.register.presenters import lateness_readable, project_rows
from borderzone.register.tests.factories import make_project
from borderzone.register.tests.test_setwise import DAYS, build, registers
from borderzone.register.views.staff import list_filters
from borderzone.zones.models import EconomicZone

pytestmark = pytest.mark.django_db


def previous_rows(user: Any, params: dict[str, list[str]]) -> Iterator[list[Any]]:
    """The export's rows as the register wrote them before: each chunk's projects evaluated one by one."""
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    _form, filters = list_filters(user, query)
    projects, _evaluations = selectors.project_list(user, filters)
    readable = lateness_readable(user)
    milestones = dict(MilestoneKind.choices)
    for chunk in selectors.keyset_chunks(projects, 1000):
        evaluations = selectors.PageEvaluations(filters.as_of)
        facts = export_facts(chunk, filters.as_of)
        for project, item in zip(
            chunk, project_rows(chunk, filters.as_of, evaluations, readable=readable), strict=True
        ):
            cert = item["certificate"] or {}
            yield [
                *export_values(project, item, facts),
                project.zone.display_name,
                "; ".join(f"{i['name']} ({i['share_percent'].normalize():f}%)" for i in item["investors"]),
                cert.get("total_capital_vnd"),
                item["disbursed"]["VND"],
                item["disbursed"]["USD"],
                item["deposit_vnd"],
                ", ".join(str(milestones.get(k, k)) for k in item.get("late", [])),
                "; ".join(f"{f['name']} ({f['law']}, {f['article']})" for f in item.get("flags", [])),
            ]


def same_rows(user: Any, params: dict[str, list[str]]) -> list[Sequence[Any]]:
    """Assert that the export's rows equal the previous export's, value and type; return them."""
    new = list(project_table(user, params).rows())
    old = list(previous_rows(user, params))
    assert len(new) == len(old)
    for got, expected in zip(new, old, strict=True):
        assert got == expected, (
            got[0],
            [(i, g, e) for i, (g, e) in enumerate(zip(got, expected, strict=True)) if g != e],
        )
        assert [type(v) for v in got] == [type(v) for v in expected], got[0]
    return new


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())


def test_the_demo_register_exports_the_same_cells_as_the_per_project_evaluation(demo, admin_user) -> None:
    late_or_flagged = 0
    for day in DAYS:
        rows = same_rows(admin_user, {"zone": ["CB"], "as_of": [day.isoformat()]})
        late_or_flagged += sum(1 for row in rows if row[-1] or row[-2])
    assert late_or_flagged > 100  # the comparison covers rows with late milestones and flags
    # Every zone at once, in English and Chinese, with the list's filters.
    for language in ("en", "zh-hans"):
        with translation.override(language):
            rows = same_rows(admin_user, {"as_of": ["2020-09-21"]})
            assert {row[-8] for row in rows} == {
                z.display_name for z in EconomicZone.objects.filter(projects__isnull=False)
            }
    for filters in ({"late": ["1"]}, {"flagged": ["1"]}, {"status": ["operating"]}, {"q": ["kho"]}):
        same_rows(admin_user, {"zone": ["CB"], "as_of": ["2020-09-21"], **filters})


def test_an_investor_sees_lateness_and_flags_of_its_own_projects_only_as_before(demo) -> None:
    project = Project.objects.filter(zone__code="CB", shares__isnull=False).order_by("code")[0]
    investor = project.shares.all()[0].investor
    user = UserFactory.create(username="inv1", role=Role.INVESTOR)
    investor.users.add(user)
    rows = same_rows(user, {"as_of": ["2020-09-21"]})
    own = set(Project.objects.filter(shares__investor=investor).values_list("code", flat=True))
    assert project.code in {row[0] for row in rows}
    # Other (published) projects are listed without their lateness and flags.
    assert all(row[-1] == row[-2] == "" for row in rows if row[0] not in own)
    assert any(row[0] not in own for row in rows)


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=registers)
def test_generated_registers_export_the_same_cells_as_the_per_project_evaluation(zone, admin_user, actor, data) -> None:
    with transaction.atomic():
        build(zone, actor, data)
        if data["transitional"]:
            which, day = data["transitional"]
            field = "certificates_issued_before" if which == "before" else "certificates_issued_from"
            LegalRule.objects.update(**{field: day})
        for day in [*data["days"], *DAYS[::3]]:
            same_rows(admin_user, {"zone": [zone.code], "as_of": [day.isoformat()]})
        transaction.set_rollback(True)


def _export_queries(user: Any, zone: EconomicZone) -> int:
    export = project_table(user, {"zone": [zone.code], "as_of": ["2024-06-30"]})
    with CaptureQueriesContext(connection) as queries:
        rows = list(export.rows())
    assert len(rows) == Project.objects.filter(zone=zone).count()
    return len(queries)


def test_the_export_reads_two_queries_a_chunk_whatever_the_number_of_rows(zone, admin_user, actor, monkeypatch) -> None:
    monkeypatch.setattr(exporting, "CHUNK", 10)
    for i in range(5):
        make_project(zone, actor, code=f"77{i:08d}", plans={"land_handover": dt.date(2019, 1, 1)})
    small = _export_queries(admin_user, zone)
    for i in range(5, 9):
        make_project(zone, actor, code=f"77{i:08d}", plans={"land_handover": dt.date(2019, 1, 1)})
    nine = _export_queries(admin_user, zone)
    # Within one chunk the number of queries does not grow with the rows: 5 and 9 projects read the same.
    assert nine == small
    for i in range(9, 25):
        make_project(zone, actor, code=f"77{i:08d}", plans={"land_handover": dt.date(2019, 1, 1)})
    # 25 rows in chunks of 10: two more queries for each of the two more chunks (projects, investors).
    assert _export_queries(admin_user, zone) == small + 4
