from __future__ import annotations

import datetime as dt

import pytest

from borderzone.planning.models import GoalStatus
from borderzone.planning.tests.factories import ActionFactory, AgreementFactory, GoalFactory

pytestmark = pytest.mark.django_db

GOALS = "/api/v1/planning/goals"


def test_goals_filter_by_gate_area_status_and_overdue(client, zone, gate_area):
    late = GoalFactory(zone=zone, gate_area=gate_area, code="LATE", target_date=dt.date(2021, 12, 31))
    GoalFactory(zone=zone, gate_area=gate_area, code="ON", target_date=dt.date(2099, 1, 1))
    GoalFactory(zone=zone, code="WIDE", status=GoalStatus.NOT_STARTED, target_date=dt.date(2099, 1, 1))

    assert [g["code"] for g in client.get(GOALS, {"overdue": "true"}).json()] == ["LATE"]
    assert {g["code"] for g in client.get(GOALS, {"gate_area": "TRALINH"}).json()} == {"LATE", "ON"}
    assert [g["code"] for g in client.get(GOALS, {"gate_area": "zone"}).json()] == ["WIDE"]
    assert [g["code"] for g in client.get(GOALS, {"status": "not_started"}).json()] == ["WIDE"]
    body = client.get(GOALS, {"overdue": "true"}).json()[0]
    assert body["overdue"] is True and body["target_date"] == late.target_date.isoformat()


def test_bad_filter_values_answer_422(client):
    assert client.get(GOALS, {"status": "finished"}).status_code == 422
    assert client.get(GOALS, {"overdue": "maybe"}).status_code == 422


def test_unpublished_goals_are_hidden_from_the_public_and_other_zones(client, zone, specialist, other_specialist):
    GoalFactory(zone=zone, code="DRAFT", is_published=False)
    assert client.get(GOALS).json() == []
    client.force_login(other_specialist)
    assert client.get(GOALS).json() == []
    client.force_login(specialist)
    assert [g["code"] for g in client.get(GOALS).json()] == ["DRAFT"]


def test_other_zone_specialist_cannot_change_an_unpublished_goal(client, zone, other_specialist):
    goal = GoalFactory(zone=zone, is_published=False)
    client.force_login(other_specialist)
    response = client.patch(f"{GOALS}/{goal.pk}", {"progress_percent": 50}, content_type="application/json")
    assert response.status_code == 404


def test_leader_may_read_but_not_change_a_goal(client, zone, leader):
    goal = GoalFactory(zone=zone)
    client.force_login(leader)
    assert (
        client.patch(f"{GOALS}/{goal.pk}", {"progress_percent": 50}, content_type="application/json").status_code == 403
    )


def test_anonymous_cannot_create_goals(client, zone):
    response = client.post(f"/api/v1/planning/zones/{zone.code}/goals", {}, content_type="application/json")
    assert response.status_code == 401


def test_specialist_creating_a_goal_with_target_before_start_gets_422(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(
        f"/api/v1/planning/zones/{zone.code}/goals",
        {
            "code": "X-1",
            "title": "Mục tiêu",
            "phase_start_year": 2020,
            "phase_end_year": 2025,
            "start_date": "2021-01-01",
            "target_date": "2020-06-30",
            "responsible_agency": "Sở Công Thương",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "target_date"]


def test_specialist_records_progress(client, zone, specialist):
    goal = GoalFactory(zone=zone)
    client.force_login(specialist)
    response = client.patch(f"{GOALS}/{goal.pk}", {"progress_percent": 65}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["progress_percent"] == 65


def test_agreements_filter_signed_but_not_implemented(client, zone):
    idle = AgreementFactory(zone=zone, title="Idle")
    ActionFactory(agreement=idle)
    busy = AgreementFactory(zone=zone, title="Busy")
    ActionFactory(agreement=busy, started=True, started_on=dt.date(2024, 1, 1))

    all_titles = {a["title"] for a in client.get("/api/v1/planning/agreements").json()}
    idle_titles = [a["title"] for a in client.get("/api/v1/planning/agreements", {"not_implemented": "true"}).json()]

    assert all_titles == {"Idle", "Busy"}
    assert idle_titles == ["Idle"]


def test_specialist_records_an_agreement_and_its_action_starting(client, zone, specialist):
    client.force_login(specialist)
    created = client.post(
        f"/api/v1/planning/zones/{zone.code}/agreements",
        {
            "title": "Biên bản",
            "vietnamese_party": "UBND",
            "partner_party": "Bách Sắc",
            "signed_on": "2024-01-02",
            "fields": ["trade"],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    agreement_id = created.json()["id"]
    with_action = client.post(
        f"/api/v1/planning/agreements/{agreement_id}/actions",
        {"description": "Lập tổ công tác"},
        content_type="application/json",
    )
    assert with_action.json()["implemented"] is False
    action_id = with_action.json()["actions"][0]["id"]
    started = client.patch(
        f"/api/v1/planning/actions/{action_id}",
        {"started": True, "started_on": "2024-03-01"},
        content_type="application/json",
    )
    assert started.status_code == 200 and started.json()["implemented"] is True


def test_an_agreement_with_an_unknown_field_gets_422(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(
        f"/api/v1/planning/zones/{zone.code}/agreements",
        {"title": "X", "vietnamese_party": "A", "partner_party": "B", "fields": ["weather"]},
        content_type="application/json",
    )
    assert response.status_code == 422


def test_an_action_started_before_signing_gets_422(client, zone, specialist):
    agreement = AgreementFactory(zone=zone, signed_on=dt.date(2024, 1, 2))
    client.force_login(specialist)
    response = client.post(
        f"/api/v1/planning/agreements/{agreement.pk}/actions",
        {"description": "X", "started": True, "started_on": "2023-01-01"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "started_on"]


def test_marking_a_milestone_done_late_shows_it_reached_late(client, zone, specialist):
    from borderzone.planning.tests.factories import MilestoneFactory

    milestone = MilestoneFactory(goal=GoalFactory(zone=zone), target_date=dt.date(2022, 6, 30))
    client.force_login(specialist)
    response = client.patch(
        f"/api/v1/planning/milestones/{milestone.pk}", {"done_on": "2023-03-15"}, content_type="application/json"
    )
    body = response.json()["milestones"][0]
    assert body["reached_late"] is True and body["target_date"] == "2022-06-30"


def test_leader_cannot_record_agreements(client, zone, leader):
    client.force_login(leader)
    response = client.post(
        f"/api/v1/planning/zones/{zone.code}/agreements",
        {"title": "X", "vietnamese_party": "A", "partner_party": "B"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_a_stale_if_match_gets_412_and_changes_nothing(client, zone, specialist):
    goal = GoalFactory(zone=zone, code="G1", progress_percent=10)
    client.force_login(specialist)
    read = next(g for g in client.get(GOALS).json() if g["code"] == "G1")
    first = client.patch(
        f"{GOALS}/{goal.pk}",
        {"progress_percent": 40},
        content_type="application/json",
        headers={"If-Match": f'"{read["version"]}"'},
    )
    assert first.status_code == 200
    assert first["ETag"] == f'"{first.json()["version"]}"' and first.json()["version"] != read["version"]

    stale = client.patch(
        f"{GOALS}/{goal.pk}",
        {"progress_percent": 20},
        content_type="application/json",
        headers={"If-Match": f'"{read["version"]}"'},
    )
    assert stale.status_code == 412
    goal.refresh_from_db()
    assert goal.progress_percent == 40
    # Without If-Match the change is taken as before (the header is optional).
    assert (
        client.patch(f"{GOALS}/{goal.pk}", {"progress_percent": 50}, content_type="application/json").status_code == 200
    )


def test_goal_api_sends_its_version_on_get_and_patch_and_refuses_a_stale_if_match(client, zone, specialist):
    from borderzone.access.tests.if_match import assert_if_match_contract, send
    from borderzone.planning.models import Goal

    goal = GoalFactory(zone=zone, code="G2", progress_percent=10)
    client.force_login(specialist)
    url = f"{GOALS}/{goal.pk}"
    assert_if_match_contract(
        read_etag=lambda: client.get(url)["ETag"],
        change=lambda body, tag: send(client, "patch", url, body, tag),
        first={"progress_percent": 40},
        stale={"progress_percent": 20},
        fresh={"progress_percent": 60},
        current=lambda: Goal.objects.get(pk=goal.pk).progress_percent,
    )
