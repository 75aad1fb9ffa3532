"""Pages and exports of the register run the same number of queries for a zone of 5 projects and of 50:
lists evaluate only the rows they show, "as of" reads come from the state intervals, and the late and flagged
filters and the dashboard's counts are conditions on those intervals (`setwise`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from borderzone.register import services
from borderzone.register.models import Project
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db

DAY = dt.date(2024, 6, 30)


def _add_projects(zone, actor, n: int, start: int) -> str:
    """`n` published projects with an adjustment, a status change, a disbursement and a milestone each."""
    code = ""
    for i in range(start, start + n):
        plans = {"land_handover": dt.date(2019, 1, 1), "construction_start": dt.date(2019, 6, 1 + i % 20)}
        project = make_project(
            zone, actor, code=f"55{i:04d}", issued_on=dt.date(2018, 3, 1), plans=plans, published=True
        )
        services.certificate_version_add(
            project=project, issued_on=dt.date(2020, 2, 1), total_capital=Decimal(7 * 10**9 + i), actor=actor
        )
        services.status_change_record(
            project=project, status="implementing", effective_on=dt.date(2019, 1, 1), actor=actor
        )
        services.disbursement_record(project=project, paid_on=dt.date(2020, 5, 1), amount=Decimal(10**9), actor=actor)
        if i % 2:
            services.milestone_reached(
                project=project, kind="land_handover", reached_on=dt.date(2019, 2, 1), actor=actor
            )
        code = project.code
    return code


def _count(get: Callable[[], object]) -> int:
    cache.clear()  # computed afresh each time: nothing of the first measurement serves the second
    with CaptureQueriesContext(connection) as captured:
        get()
    return len(captured.captured_queries)


def _pages(client: Client, zone_code: str, zone_pk: int, project_code: str) -> dict[str, Callable[[], object]]:
    def get(url: str) -> Callable[[], object]:
        def fetch() -> object:
            response = client.get(url)
            assert response.status_code == 200, url
            return response.getvalue()

        return fetch

    day = DAY.isoformat()
    return {
        "staff list": get(f"/staff/investments/?zone={zone_code}&as_of={day}"),
        "staff list, late": get(f"/staff/investments/?zone={zone_code}&as_of={day}&late=1"),
        "staff list, flagged": get(f"/staff/investments/?zone={zone_code}&as_of={day}&flagged=1"),
        "staff list, not flagged": get(f"/staff/investments/?zone={zone_code}&as_of={day}&flagged=0"),
        "API list": get(f"/api/v1/investments/projects?zone={zone_code}&as_of={day}&page_size=50"),
        "API list, flagged": get(
            f"/api/v1/investments/projects?zone={zone_code}&as_of={day}&page_size=50&flagged=true&late=true"
        ),
        "API list, page 2": get(f"/api/v1/investments/projects?zone={zone_code}&as_of={day}&page_size=3&page=2"),
        "staff list, page 2 (past the end: the last page)": get(
            f"/staff/investments/?zone={zone_code}&as_of={day}&page=2"
        ),
        "public list": get("/projects/"),
        "public list, page 2 (past the end: the last page)": get("/projects/?page=2"),
        "project detail": get(f"/staff/investments/{project_code}/?as_of={day}"),
        "API project": get(f"/api/v1/investments/projects/{project_code}?as_of={day}"),
        "dashboard": get(f"/staff/dashboard/?zone={zone_code}&as_of={day}&from_year=2018&to_year=2023"),
        "export CSV": get(f"/staff/investments/export.csv?zone={zone_code}&as_of={day}"),
    }


def test_pages_run_as_many_queries_for_5_projects_as_for_50(zone, actor, admin_user) -> None:
    client = Client()
    client.force_login(admin_user)
    code = _add_projects(zone, actor, 5, 0)
    for fetch in _pages(client, zone.code, zone.pk, code).values():
        fetch()  # once first: the cache's version rows of the other apps are created on first use
    small = {name: _count(fetch) for name, fetch in _pages(client, zone.code, zone.pk, code).items()}
    _add_projects(zone, actor, 45, 5)
    large = {name: _count(fetch) for name, fetch in _pages(client, zone.code, zone.pk, code).items()}
    assert large == small
    assert all(n > 0 for n in small.values())


def test_api_page_past_the_end_is_empty_and_html_shows_the_last_page(zone, actor, admin_user) -> None:
    client = Client()
    client.force_login(admin_user)
    _add_projects(zone, actor, 3, 0)
    response = client.get(f"/api/v1/investments/projects?zone={zone.code}&page=7&page_size=2")
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert response.json()["count"] == 3
    second = client.get(f"/api/v1/investments/projects?zone={zone.code}&page=2&page_size=2").json()
    assert [item["code"] for item in second["items"]] == ["550002"]
    page = client.get(f"/staff/investments/?zone={zone.code}&page=99")
    assert page.status_code == 200
    assert page.context["page"].number == page.context["page"].paginator.num_pages == 1
    assert [row["code"] for row in page.context["rows"]] == ["550000", "550001", "550002"]
    assert 'href="/staff/investments/550002/"' in page.content.decode()
    assert 'href="/staff/investments/550002/dossier/"' in page.content.decode()
    public = client.get("/projects/?page=99")
    assert public.status_code == 200
    assert public.context["page"].number == 1
    assert [row["code"] for row in public.context["rows"]] == ["550000", "550001", "550002"]
    # Anonymous: the published projects, the same way past the end.
    anonymous = Client().get(f"/api/v1/investments/projects?zone={zone.code}&page=3&page_size=2").json()
    assert anonymous == {"count": 3, "items": []}


def test_a_list_row_reads_as_the_project_read_alone(zone, actor, admin_user) -> None:
    """A page carries each row's version, disbursed capital and state dates in its own query: every row of
    the list equals the project read on its own (`GET /projects/{code}`, which reads them separately)."""
    client = Client()
    client.force_login(admin_user)
    _add_projects(zone, actor, 6, 0)
    services.disbursement_record(
        project=Project.objects.get(code="550003"),
        paid_on=dt.date(2021, 1, 1),
        amount=Decimal(5),
        currency="USD",
        actor=actor,
    )
    for day in ("2019-03-01", DAY.isoformat()):
        items = client.get(f"/api/v1/investments/projects?zone={zone.code}&as_of={day}&page_size=4&page=2").json()
        assert [item["code"] for item in items["items"]] == ["550004", "550005"]
        for item in items["items"]:
            alone = client.get(f"/api/v1/investments/projects/{item['code']}?as_of={day}").json()
            assert item == alone
    page = client.get(f"/api/v1/investments/projects?zone={zone.code}&as_of={DAY.isoformat()}&page_size=6").json()
    rows = {item["code"]: item for item in page["items"]}
    assert rows["550003"]["disbursed"] == {"VND": "1000000000", "USD": "5"}
    assert rows["550001"]["certificate"]["total_capital"] == "7000000001"
    assert rows["550001"]["status"] == "implementing"
    # Planned in 2019; only the odd ones reached the land handover (by 01/02/2019).
    assert rows["550000"]["late"] == ["land_handover", "construction_start"]
    assert rows["550001"]["late"] == ["construction_start"]
