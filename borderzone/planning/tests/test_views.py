from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderzone.planning import services
from borderzone.planning.models import AgreementAction, Evidence, Goal
from borderzone.planning.tests.factories import ActionFactory, AgreementFactory, GoalFactory, MilestoneFactory
from borderzone.planning.tests.test_services import PDF, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path, zone):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.DEFAULT_ZONE_CODE = zone.code


def _goal_post(**overrides):
    data = {
        "code": "N-1",
        "gate_area": "",
        "title": "Mục tiêu mới",
        "phase_start_year": "2020",
        "phase_end_year": "2025",
        "start_date": "2021-03-01",
        "target_date": "2025-12-31",
        "responsible_agency": "Sở Công Thương",
        "status": "in_progress",
        "progress_percent": "10",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_the_plan_page_flags_overdue_goals_and_keeps_the_original_target_of_late_ones(client, zone, gate_area):
    GoalFactory(zone=zone, gate_area=gate_area, title="Mục tiêu trễ", target_date=dt.date(2021, 12, 31))
    GoalFactory(
        zone=zone,
        title="Đạt muộn",
        target_date=dt.date(2022, 6, 30),
        status="achieved",
        achieved_on=dt.date(2023, 3, 1),
    )
    html = client.get("/plan/").content.decode()
    assert "Mục tiêu trễ" in html and "overdue" in html
    assert "30/06/2022" in html and "01/03/2023" in html


def test_the_plan_filter_keeps_overdue_goals_only(client, zone):
    GoalFactory(zone=zone, title="Mục tiêu trễ", target_date=dt.date(2021, 12, 31))
    GoalFactory(zone=zone, title="Còn hạn", target_date=dt.date(2099, 12, 31))
    html = client.get("/plan/", {"overdue": "on"}).content.decode()
    assert "Mục tiêu trễ" in html and "Còn hạn" not in html


def test_a_goal_whose_target_precedes_its_start_is_refused_on_the_form(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(f"/staff/plan/{zone.code}/goals/new/", _goal_post(target_date="2020-12-31"))
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_target_date_error"' in html and 'value="Mục tiêu mới"' in html
    assert Goal.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"progress_percent": "140"}, "progress_percent"),
        ({"phase_end_year": "2019"}, "phase_end_year"),
        ({"responsible_agency": ""}, "responsible_agency"),
        ({"status": "achieved"}, "achieved_on"),
    ],
)
def test_the_goal_form_refuses_bad_input(client, zone, specialist, overrides, field):
    client.force_login(specialist)
    response = client.post(f"/staff/plan/{zone.code}/goals/new/", _goal_post(**overrides))
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.content.decode()


def test_a_specialist_adds_a_goal(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(f"/staff/plan/{zone.code}/goals/new/", _goal_post())
    assert response.status_code == 302
    assert Goal.objects.get(code="N-1").responsible_agency == "Sở Công Thương"


def test_a_leader_cannot_add_goals(client, zone, leader):
    client.force_login(leader)
    assert client.post(f"/staff/plan/{zone.code}/goals/new/", _goal_post()).status_code == 403


def test_the_milestone_form_refuses_a_bad_date(client, zone, specialist):
    goal = GoalFactory(zone=zone)
    client.force_login(specialist)
    response = client.post(
        f"/staff/plan/goals/{goal.pk}/milestones/new/", {"title": "Mốc", "target_date": "2024-13-01"}
    )
    assert response.status_code == 422


def test_uploading_a_text_file_named_pdf_is_refused(client, zone, specialist):
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone))
    client.force_login(specialist)
    response = client.post(
        f"/staff/plan/milestones/{milestone.pk}/evidence/new/",
        {
            "kind": "document",
            "title": "QĐ",
            "dated": "2024-05-01",
            "file": SimpleUploadedFile("qd.pdf", b"hello", "application/pdf"),
        },
    )
    assert response.status_code == 422
    assert 'id="id_file_error"' in response.content.decode()
    assert Evidence.objects.count() == 0


def test_a_photo_is_uploaded_and_served_to_the_public_of_a_published_goal(client, zone, specialist):
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone))
    client.force_login(specialist)
    response = client.post(
        f"/staff/plan/milestones/{milestone.pk}/evidence/new/",
        {
            "kind": "photo",
            "title": "Hiện trường",
            "dated": "2024-05-01",
            "file": SimpleUploadedFile("a.png", png_bytes(), "image/png"),
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    client.logout()
    download = client.get(f"/plan/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "image/png"
    assert b"".join(download.streaming_content) == png_bytes()


def test_evidence_of_an_unpublished_goal_is_404_for_the_public_and_other_zones(client, zone, actor, other_specialist):
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone, is_published=False))
    evidence = services.evidence_add(
        milestone=milestone,
        actor=actor,
        kind="decision",
        title="QĐ",
        dated=dt.date(2024, 5, 1),
        data=PDF,
        filename="qd.pdf",
    )
    assert client.get(f"/plan/evidence/{evidence.pk}/").status_code == 404
    client.force_login(other_specialist)
    assert client.get(f"/plan/evidence/{evidence.pk}/").status_code == 404
    assert client.get(f"/plan/goals/{milestone.goal_id}/").status_code == 404


def test_the_agreement_list_filters_signed_but_not_implemented(client, zone):
    ActionFactory(agreement=AgreementFactory(zone=zone, title="Thỏa thuận nằm im"))
    ActionFactory(
        agreement=AgreementFactory(zone=zone, title="Thỏa thuận đang chạy"),
        started=True,
        started_on=dt.date(2024, 1, 1),
    )
    html = client.get("/plan/agreements/", {"not_implemented": "1"}).content.decode()
    assert "Thỏa thuận nằm im" in html and "Thỏa thuận đang chạy" not in html


def test_the_agreement_form_refuses_a_missing_partner(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(
        f"/staff/plan/{zone.code}/agreements/new/",
        {"title": "X", "vietnamese_party": "UBND", "partner_party": "", "cooperation_fields": ["trade"]},
    )
    assert response.status_code == 422
    assert 'id="id_partner_party_error"' in response.content.decode()


def test_the_agreement_form_saves_its_fields(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(
        f"/staff/plan/{zone.code}/agreements/new/",
        {
            "title": "X",
            "vietnamese_party": "UBND",
            "partner_party": "Bách Sắc",
            "signed_on": "2024-01-02",
            "cooperation_fields": ["trade", "tourism"],
            "is_published": "on",
        },
    )
    assert response.status_code == 302


def test_an_action_marked_started_without_a_date_is_refused(client, zone, specialist):
    agreement = AgreementFactory(zone=zone)
    client.force_login(specialist)
    response = client.post(
        f"/staff/plan/agreements/{agreement.pk}/actions/new/", {"description": "Lập tổ công tác", "started": "on"}
    )
    assert response.status_code == 422
    assert 'id="id_started_on_error"' in response.content.decode()
    assert AgreementAction.objects.count() == 0


def test_a_goal_typed_day_first_is_stored_as_typed_and_shown_back_so(client, zone, specialist):
    client.force_login(specialist)
    response = client.post(
        f"/staff/plan/{zone.code}/goals/new/", _goal_post(start_date="01/03/2021", target_date="05/12/2030")
    )
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert (goal.start_date, goal.target_date) == (dt.date(2021, 3, 1), dt.date(2030, 12, 5))
    response = client.post(f"/staff/plan/{zone.code}/goals/new/", _goal_post(code="N-2", target_date="31/12/2030"))
    assert response.status_code == 302 and Goal.objects.get(code="N-2").target_date == dt.date(2030, 12, 31)
    edit = client.get(f"/staff/plan/goals/{goal.pk}/edit/").content.decode()
    assert 'value="05/12/2030"' in edit
