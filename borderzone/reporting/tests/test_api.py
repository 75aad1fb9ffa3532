import json

import pytest

from borderzone.reporting import services
from borderzone.reporting.models import Report, ReportStatus
from borderzone.reporting.tests.conftest import quarter_values

pytestmark = pytest.mark.django_db


def _post(client, body, lang="vi"):
    return client.post(
        "/api/v1/reporting/reports", data=json.dumps(body), content_type="application/json", HTTP_ACCEPT_LANGUAGE=lang
    )


def test_an_investor_submits_a_quarterly_report(client, owner, project):
    client.force_login(owner)
    response = _post(
        client, {"project": project.code, "form": "NDT-QUY", "period": "2025-Q2", "values": quarter_values()}
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["project"], body["form"], body["period"], body["status"], body["form_version"]) == (
        project.code,
        "NDT-QUY",
        "2025-Q2",
        "submitted",
        1,
    )
    listed = client.get("/api/v1/reporting/reports").json()
    assert [(r["project"], r["period"], r["status"]) for r in listed] == [(project.code, "2025-Q2", "submitted")]


def test_a_draft_is_saved_with_draft_true(client, owner, project):
    client.force_login(owner)
    response = _post(
        client,
        {"project": project.code, "form": "NDT-QUY", "period": "2025-Q2", "values": {"revenue": 5}, "draft": True},
    )
    assert response.status_code == 201
    assert Report.objects.get().status == ReportStatus.DRAFT


def test_another_investors_project_answers_404_before_any_check_of_the_body(client, owner, other_project):
    client.force_login(owner)
    response = _post(client, {"project": other_project.code, "form": 5, "period": [], "values": "x"})
    assert response.status_code == 404
    assert _post(client, {"project": "999", "values": {}}).status_code == 404
    assert Report.objects.count() == 0


def test_each_problem_of_the_body_is_named_in_the_callers_language(client, owner, project, actor):
    client.force_login(owner)
    services.report_accept(
        report=services.report_save(
            project=project, form_code="NDT-QUY", period="2025-Q1", values=quarter_values(), actor=services_actor(owner)
        ),
        actor=actor,
    )
    response = _post(
        client,
        {
            "project": project.code,
            "form": "NDT-QUY",
            "period": "2025-Q1",
            "values": quarter_values(revenue=-1, employees_vn="abc"),
        },
        lang="en",
    )
    assert response.status_code == 422
    errors = {tuple(d["loc"][1:]): d["msg"] for d in response.json()["detail"]}
    assert errors[("values", "revenue")] == "Revenue in the period: may not be negative."
    assert errors[("values", "employees_vn")].startswith("Vietnamese employees: not a number")
    assert "already filed" in errors[("period",)]


def test_the_wrong_period_kind_and_unknown_fields_are_named(client, owner, project):
    client.force_login(owner)
    response = _post(
        client, {"project": project.code, "form": "NDT-QUY", "period": "2025", "values": {"nonsense": 1}}, lang="en"
    )
    assert response.status_code == 422
    fields = {tuple(d["loc"][1:]) for d in response.json()["detail"]}
    assert ("period",) in fields


def services_actor(user):
    from borderzone.access.actors import Actor

    return Actor(user=user, via="test")


def test_obligations_for_the_zones_staff_overdue_first_not_paged_unless_asked(
    client, specialist, zone, project, other_project
):
    client.force_login(specialist)
    response = client.get(f"/api/v1/reporting/obligations?zone={zone.code}&as_of=2026-10-05")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == len(body["items"]) > 10
    assert set(body["items"][0]) == {
        "project",
        "project_name",
        "investor",
        "form",
        "form_version",
        "period",
        "due_on",
        "status",
        "days_late",
    }
    statuses = [i["status"] for i in body["items"]]
    assert statuses[0] == "overdue" and "due" in statuses
    assert statuses.index("due") > max(i for i, s in enumerate(statuses) if s == "overdue")
    late = client.get(f"/api/v1/reporting/obligations?zone={zone.code}&as_of=2026-10-11").json()
    q3 = [
        i for i in late["items"] if i["project"] == project.code and i["form"] == "NDT-QUY" and i["period"] == "2026-Q3"
    ]
    assert q3 == [
        {
            "project": project.code,
            "project_name": project.name,
            "investor": q3[0]["investor"],
            "form": "NDT-QUY",
            "form_version": 2,
            "period": "2026-Q3",
            "due_on": "2026-10-10",
            "status": "overdue",
            "days_late": 1,
        }
    ]
    overdue = client.get(f"/api/v1/reporting/obligations?zone={zone.code}&as_of=2026-10-11&status=overdue").json()
    assert {i["status"] for i in overdue["items"]} == {"overdue"}
    paged = client.get(f"/api/v1/reporting/obligations?zone={zone.code}&as_of=2026-10-11&page=1&page_size=3").json()
    assert paged["count"] == body["count"] and len(paged["items"]) == 3


def test_obligations_are_for_the_zones_staff_only(client, zone, other_specialist, owner):
    assert client.get(f"/api/v1/reporting/obligations?zone={zone.code}").status_code == 401
    client.force_login(other_specialist)
    assert client.get(f"/api/v1/reporting/obligations?zone={zone.code}").status_code == 404
    client.force_login(owner)
    assert client.get(f"/api/v1/reporting/obligations?zone={zone.code}").status_code == 404
    client.force_login(other_specialist)
    assert client.get("/api/v1/reporting/obligations?zone=ZB&page=99999999999999999999").status_code == 422


def test_staff_accept_and_return_through_the_api(client, owner, project, specialist):
    report = services.report_save(
        project=project, form_code="NDT-QUY", period="2025-Q1", values=quarter_values(), actor=services_actor(owner)
    )
    client.force_login(specialist)
    assert (
        client.post(
            f"/api/v1/reporting/reports/{report.pk}/return", data={"reason": ""}, content_type="application/json"
        ).status_code
        == 422
    )
    response = client.post(f"/api/v1/reporting/reports/{report.pk}/accept")
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    client.force_login(owner)
    assert client.post(f"/api/v1/reporting/reports/{report.pk}/accept").status_code == 404
