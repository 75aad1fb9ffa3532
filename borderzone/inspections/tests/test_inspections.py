"""Inspections from plan to closed recommendation: services, pages, permissions, the overdue selector and
what they add to a project's dossier."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from borderzone.core.models import AuditEvent
from borderzone.inspections import selectors, services
from borderzone.inspections.models import Inspection, Recommendation
from borderzone.register.models import LegalRule
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _planned(zone, actor, project):
    return services.inspection_create(
        zone=zone,
        actor=actor,
        kind="inspection",
        title="Kiểm tra tiến độ",
        planned_on=dt.date(2026, 10, 1),
        team="Phòng Quản lý đầu tư",
        scope="Tiến độ xây dựng",
        projects=[project],
    )


def test_an_inspection_goes_from_plan_to_closed_recommendation(zone, actor):
    project = make_project(zone, actor, code="8800001")
    inspection = _planned(zone, actor, project)
    with pytest.raises(ValidationError) as refused:
        services.recommendation_add(inspection=inspection, actor=actor, text="x", deadline=dt.date(2026, 11, 1))
    assert "text" in refused.value.message_dict
    services.minutes_record(inspection=inspection, actor=actor, held_on=dt.date(2026, 10, 2), minutes="Biên bản")
    rule = LegalRule.objects.filter(code="LAND_UNUSED_12M").order_by("-valid_from").first()
    finding = services.finding_add(
        inspection=inspection,
        actor=actor,
        project=project,
        text="Chưa khởi công",
        confirms_rule=rule,
        decision_kind="fine",
        decision_no="9/QĐ-XPHC",
        decision_on=dt.date(2026, 10, 20),
    )
    recommendation = services.recommendation_add(
        inspection=inspection, actor=actor, finding=finding, text="Khởi công", deadline=dt.date(2026, 11, 1)
    )
    assert recommendation.project == project  # taken from the finding
    assert list(selectors.overdue_recommendations([zone], dt.date(2026, 11, 2))) == [recommendation]
    assert list(selectors.overdue_recommendations([zone], dt.date(2026, 11, 1))) == []
    services.follow_up_add(recommendation=recommendation, actor=actor, happened_on=dt.date(2026, 10, 25), note="Nhắc")
    assert Recommendation.objects.get(pk=recommendation.pk).closed_on is None
    services.follow_up_add(
        recommendation=recommendation, actor=actor, happened_on=dt.date(2026, 11, 5), note="Đã khởi công", closes=True
    )
    recommendation.refresh_from_db()
    assert recommendation.closed_on == dt.date(2026, 11, 5)
    assert list(selectors.overdue_recommendations([zone], dt.date(2026, 12, 1))) == []
    with pytest.raises(ValidationError):
        services.follow_up_add(recommendation=recommendation, actor=actor, happened_on=dt.date(2026, 11, 6), note="x")
    listed = selectors.inspection_list(actor.user, zone).get()
    assert selectors.status_of(listed, listed.open_count) == "closed"
    assert AuditEvent.objects.filter(content_type__app_label="inspections").count() == 7


def test_checks_name_the_field(zone, other_zone, actor):
    project = make_project(zone, actor, code="8800002")
    elsewhere = make_project(other_zone, actor, code="8800003")
    with pytest.raises(ValidationError) as refused:
        services.inspection_create(
            zone=zone, actor=actor, title="x", planned_on=dt.date(2026, 1, 1), team="t", scope="s", projects=[elsewhere]
        )
    assert "projects" in refused.value.message_dict
    inspection = _planned(zone, actor, project)
    with pytest.raises(ValidationError) as refused:
        services.minutes_record(inspection=inspection, actor=actor, held_on=dt.date(2099, 1, 1), minutes="x")
    assert "held_on" in refused.value.message_dict
    services.minutes_record(inspection=inspection, actor=actor, held_on=dt.date(2026, 10, 2), minutes="x")
    with pytest.raises(ValidationError) as refused:
        services.recommendation_add(inspection=inspection, actor=actor, text="x", deadline=dt.date(2026, 9, 1))
    assert "deadline" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.finding_add(inspection=inspection, actor=actor, text="x", decision_kind="fine")
    assert "decision_on" in refused.value.message_dict


def test_pages_from_plan_to_closed_recommendation(zone, actor, specialist):
    project = make_project(zone, actor, code="8800004")
    client = Client()
    client.force_login(specialist)
    response = client.post(
        f"/staff/inspections/new/?zone={zone.code}",
        {
            "kind": "supervision",
            "title": "Giám sát quý IV",
            "planned_on": "01/10/2026",
            "team": "Đoàn giám sát",
            "scope": "Báo cáo",
            "projects": [project.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    inspection = Inspection.objects.get(title="Giám sát quý IV")
    base = f"/staff/inspections/{inspection.pk}/"
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    response = client.post(base + "minutes/", {"held_on": "02/10/2026", "minutes": "Đã làm việc", "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert inspection.files.count() == 1
    file_response = client.get(f"/staff/inspections/files/{inspection.files.get().pk}/")
    assert file_response.status_code == 200 and "private" in file_response["Cache-Control"]
    bad = client.post(base + "recommendations/new/", {"text": "Nộp báo cáo", "deadline": "31/02/2026"})
    assert bad.status_code == 422 and list(bad.context["form"].errors) == ["deadline"]
    response = client.post(
        base + "recommendations/new/", {"text": "Nộp báo cáo", "deadline": "30/11/2026", "project": project.pk}
    )
    assert response.status_code == 302
    recommendation = inspection.recommendations.get()
    response = client.post(
        f"/staff/inspections/recommendations/{recommendation.pk}/follow-up/",
        {"happened_on": "01/12/2026", "note": "Đã nộp", "closes": "on"},
    )
    assert response.status_code == 302
    page = client.get(base).content.decode()
    assert "Đã nộp" in page and "01/12/2026" in page and "Giám sát quý IV" in page
    dossier = client.get(f"/staff/investments/{project.code}/dossier/")
    titles = [e.title for e in dossier.context["entries"]]
    assert any("Giám sát quý IV" in t for t in titles)
    assert any("Nộp báo cáo" in t for t in titles)


def test_leaders_read_investors_and_other_zones_see_nothing(zone, actor, leader, investor, other_specialist):
    project = make_project(zone, actor, code="8800005")
    inspection = _planned(zone, actor, project)
    base = f"/staff/inspections/{inspection.pk}/"
    cases = [
        (leader, base, 200),
        (leader, base + "edit/", 403),
        (leader, base + "minutes/", 403),
        (investor, base, 404),
        (investor, "/staff/inspections/", 404),
        (other_specialist, base, 404),
        (other_specialist, base + "edit/", 404),
    ]
    for user, url, status in cases:
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == status, (user.username, url)


def test_the_api_lists_a_zones_inspections_and_overdue_recommendations_for_its_staff(zone, actor, leader, investor):
    project = make_project(zone, actor, code="8800006")
    inspection = _planned(zone, actor, project)
    services.minutes_record(inspection=inspection, actor=actor, held_on=dt.date(2026, 10, 2), minutes="x")
    late = services.recommendation_add(
        inspection=inspection, actor=actor, project=project, text="Nộp báo cáo", deadline=dt.date(2026, 10, 3)
    )
    client = Client()
    client.force_login(leader)
    listed = client.get(f"/api/v1/inspections/?zone={zone.code}").json()
    assert [(i["title"], i["state"], i["projects"], i["overdue_recommendations"]) for i in listed] == [
        ("Kiểm tra tiến độ", "open", ["8800006"], 1)
    ]
    overdue = client.get(f"/api/v1/inspections/overdue-recommendations?zone={zone.code}").json()
    assert [(r["id"], r["project"], r["deadline"]) for r in overdue] == [(late.pk, "8800006", "2026-10-03")]
    client.force_login(investor)
    assert client.get(f"/api/v1/inspections/?zone={zone.code}").status_code == 404
    assert Client().get(f"/api/v1/inspections/?zone={zone.code}").status_code == 401


def test_overdue_recommendations_wait_on_the_staff_home_until_closed(zone, actor, specialist, leader):
    project = make_project(zone, actor, code="8800009")
    inspection = _planned(zone, actor, project)
    services.minutes_record(inspection=inspection, actor=actor, held_on=dt.date(2026, 10, 2), minutes="Biên bản")
    late = services.recommendation_add(
        inspection=inspection, actor=actor, text="Nộp báo cáo khắc phục", deadline=dt.date(2026, 11, 1)
    )
    services.recommendation_add(  # its deadline is still ahead: not on the list
        inspection=inspection, actor=actor, text="Hoàn thiện hồ sơ đất", deadline=dt.date(2100, 1, 1)
    )
    client = Client()
    client.force_login(specialist)
    page = client.get("/staff/").text
    assert "Kiến nghị sau kiểm tra đã quá hạn" in page and "Nộp báo cáo khắc phục" in page
    assert f"/staff/inspections/{inspection.pk}/" in page and "Hoàn thiện hồ sơ đất" not in page
    client.force_login(leader)  # a leader reads the same for the zones they read
    assert "Nộp báo cáo khắc phục" in client.get("/staff/").text
    services.follow_up_add(
        recommendation=late, actor=actor, happened_on=dt.date(2026, 11, 5), note="Đã nộp", closes=True
    )
    client.force_login(specialist)
    assert "Nộp báo cáo khắc phục" not in client.get("/staff/").text
