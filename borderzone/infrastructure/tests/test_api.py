from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from borderzone.infrastructure.models import InfrastructureWork
from borderzone.infrastructure.tests.factories import BILLION, FundingFactory, WorkFactory

pytestmark = pytest.mark.django_db

SUMMARY = "/api/v1/infrastructure/summary"


def test_demo_data_reproduces_the_article_figures_and_loads_twice(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())

    response = client.get(SUMMARY, {"from_year": 2010, "to_year": 2020})

    assert response.status_code == 200
    body = response.json()
    assert body["need_vnd"] == "1230000000000"
    assert body["allocated_vnd"] == "859400000000"
    assert body["coverage"] == 0.699
    assert isinstance(body["disbursed_vnd"], str)
    assert InfrastructureWork.objects.filter(zone__code="CB").count() == 12


def test_summary_of_a_span_without_data_answers_zeros(client, zone):
    response = client.get(SUMMARY, {"from_year": 2001, "to_year": 2005})
    assert response.status_code == 200
    body = response.json()
    assert (body["need_vnd"], body["allocated_vnd"], body["disbursed_vnd"]) == ("0", "0", "0")
    assert body["coverage"] is None


def test_summary_refuses_a_span_that_ends_before_it_starts(client):
    response = client.get(SUMMARY, {"from_year": 2020, "to_year": 2010})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "to_year"


@pytest.mark.parametrize(
    "query", [{"from_year": "abc", "to_year": 2020}, {"to_year": 2020}, {"from_year": 1000, "to_year": 2020}]
)
def test_summary_refuses_bad_years(client, query):
    assert client.get(SUMMARY, query).status_code == 422


def test_anonymous_summary_leaves_out_unpublished_works_that_staff_see(client, zone, specialist):
    published = WorkFactory(zone=zone, capital_need_vnd=100 * BILLION)
    hidden = WorkFactory(zone=zone, capital_need_vnd=50 * BILLION, is_published=False)
    FundingFactory(work=published, allocated_vnd=10 * BILLION)
    FundingFactory(work=hidden, allocated_vnd=5 * BILLION)

    public = client.get(SUMMARY, {"from_year": 2016, "to_year": 2020}).json()
    client.force_login(specialist)
    staff = client.get(SUMMARY, {"from_year": 2016, "to_year": 2020}).json()

    assert public["need_vnd"] == "100000000000" and public["allocated_vnd"] == "10000000000"
    assert staff["need_vnd"] == "150000000000" and staff["allocated_vnd"] == "15000000000"


def test_other_zone_specialist_does_not_see_unpublished_works(client, zone, other_specialist):
    WorkFactory(zone=zone, is_published=False, code="HIDDEN")
    client.force_login(other_specialist)
    assert [w["code"] for w in client.get("/api/v1/infrastructure/works").json()] == []


def _work_payload(**overrides):
    payload = {
        "code": "HT-9",
        "name": "Bãi xe",
        "kind": "yard",
        "location": "Tà Lùng",
        "owner": "Ban Quản lý",
        "plan_period": "2021-2025",
        "capital_need_vnd": "45000000000",
    }
    payload.update(overrides)
    return payload


def test_create_work_needs_a_login(client, zone):
    assert (
        client.post(
            f"/api/v1/infrastructure/zones/{zone.code}/works", _work_payload(), content_type="application/json"
        ).status_code
        == 401
    )


def test_leader_may_not_create_works(client, zone, leader):
    client.force_login(leader)
    response = client.post(
        f"/api/v1/infrastructure/zones/{zone.code}/works", _work_payload(), content_type="application/json"
    )
    assert response.status_code == 403


def test_other_zone_specialist_gets_404(client, zone, other_specialist):
    client.force_login(other_specialist)
    response = client.post(
        f"/api/v1/infrastructure/zones/{zone.code}/works", _work_payload(), content_type="application/json"
    )
    assert response.status_code == 404


def test_specialist_creates_a_work_and_funds_it_above_need(client, zone, specialist):
    client.force_login(specialist)
    created = client.post(
        f"/api/v1/infrastructure/zones/{zone.code}/works", _work_payload(), content_type="application/json"
    )
    assert created.status_code == 201
    work_id = created.json()["id"]
    funded = client.post(
        f"/api/v1/infrastructure/works/{work_id}/funding",
        {"year": 2022, "source": "provincial", "allocated_vnd": "48000000000"},
        content_type="application/json",
    )
    assert funded.status_code == 201
    assert funded.json()["over_need"] is True
    assert funded.json()["funding"]["allocated_vnd"] == "48000000000"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capital_need_vnd": "-5"}, "capital_need_vnd"),
        ({"plan_period": "2012-2016"}, "plan_period"),
        ({"physical_progress_percent": 120}, "physical_progress_percent"),
    ],
)
def test_create_work_refuses_bad_input_naming_the_field(client, zone, specialist, overrides, field):
    client.force_login(specialist)
    response = client.post(
        f"/api/v1/infrastructure/zones/{zone.code}/works", _work_payload(**overrides), content_type="application/json"
    )
    assert response.status_code == 422
    assert field in str(response.json()["detail"])


def test_work_api_sends_its_version_and_refuses_a_stale_if_match(client, zone, specialist):
    from borderzone.access.tests.if_match import assert_if_match_contract, send
    from borderzone.infrastructure.models import InfrastructureWork
    from borderzone.infrastructure.tests.factories import WorkFactory

    work = WorkFactory(zone=zone, physical_progress_percent=10)
    client.force_login(specialist)
    url = f"/api/v1/infrastructure/works/{work.pk}"
    assert_if_match_contract(
        read_etag=lambda: client.get(url)["ETag"],
        change=lambda body, tag: send(client, "patch", url, body, tag),
        first={"physical_progress_percent": 40},
        stale={"physical_progress_percent": 20},
        fresh={"physical_progress_percent": 60},
        current=lambda: InfrastructureWork.objects.get(pk=work.pk).physical_progress_percent,
    )


def test_work_api_refuses_a_change_out_of_the_users_zones_as_not_found(client, zone, other_specialist):
    from borderzone.infrastructure.tests.factories import WorkFactory

    work = WorkFactory(zone=zone, physical_progress_percent=10, is_published=True)
    client.force_login(other_specialist)
    response = client.patch(
        f"/api/v1/infrastructure/works/{work.pk}", {"physical_progress_percent": 90}, content_type="application/json"
    )
    assert response.status_code == 404  # another zone's work is not the user's to change (permissions)
    work.refresh_from_db()
    assert work.physical_progress_percent == 10
