from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from borderzone.core.models import AuditEvent
from borderzone.planning import selectors, services
from borderzone.planning.models import Evidence, Goal, GoalStatus
from borderzone.planning.tests.factories import ActionFactory, AgreementFactory, GoalFactory, MilestoneFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _goal_fields(**overrides):
    fields = {
        "code": "TL-01",
        "title": "Nâng cấp cửa khẩu",
        "phase_start_year": 2019,
        "phase_end_year": 2025,
        "start_date": dt.date(2019, 1, 1),
        "target_date": dt.date(2025, 12, 31),
        "responsible_agency": "UBND tỉnh",
    }
    fields.update(overrides)
    return fields


def test_goal_create_records_an_audit_row(zone, gate_area, actor):
    goal = services.goal_create(zone=zone, actor=actor, gate_area=gate_area, **_goal_fields())
    assert AuditEvent.objects.filter(object_id=str(goal.pk), action="created").count() == 1


def test_a_goal_whose_target_precedes_its_start_is_refused(zone, actor):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(zone=zone, actor=actor, **_goal_fields(target_date=dt.date(2018, 6, 30)))
    assert list(exc.value.message_dict) == ["target_date"]
    assert Goal.objects.count() == 0


def test_a_phase_that_ends_before_it_starts_is_refused(zone, actor):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(zone=zone, actor=actor, **_goal_fields(phase_end_year=2018))
    assert "phase_end_year" in exc.value.message_dict


def test_an_achieved_goal_needs_its_date(zone, actor):
    with pytest.raises(ValidationError) as exc:
        services.goal_create(zone=zone, actor=actor, **_goal_fields(status=GoalStatus.ACHIEVED))
    assert "achieved_on" in exc.value.message_dict


def test_a_goal_reached_late_keeps_its_original_target_and_is_no_longer_overdue(zone, actor):
    goal = GoalFactory(zone=zone, target_date=dt.date(2025, 12, 31))
    assert goal.is_overdue(today=dt.date(2026, 3, 1)) is True

    services.goal_update(goal=goal, actor=actor, status=GoalStatus.ACHIEVED, achieved_on=dt.date(2026, 2, 1))
    goal.refresh_from_db()

    assert goal.target_date == dt.date(2025, 12, 31)
    assert goal.reached_late is True
    assert goal.is_overdue(today=dt.date(2026, 3, 1)) is False
    assert goal.progress_percent == 100
    assert AuditEvent.objects.filter(object_id=str(goal.pk), action="status_changed").count() == 1


def test_overdue_filter_keeps_open_goals_past_their_target(zone, specialist):
    late = GoalFactory(zone=zone, target_date=dt.date(2020, 12, 31), start_date=dt.date(2019, 1, 1))
    GoalFactory(zone=zone, target_date=dt.date(2099, 12, 31))
    GoalFactory(
        zone=zone, target_date=dt.date(2020, 12, 31), status=GoalStatus.ACHIEVED, achieved_on=dt.date(2021, 1, 5)
    )
    assert list(selectors.goal_list(specialist, overdue=True)) == [late]
    assert len(selectors.goal_list(specialist, overdue=False)) == 2


def test_a_milestone_done_late_is_flagged_and_keeps_its_target(zone, actor):
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone), target_date=dt.date(2022, 6, 30))
    services.milestone_update(milestone=milestone, actor=actor, done_on=dt.date(2023, 3, 15))
    assert milestone.reached_late is True and milestone.overdue is False
    assert milestone.target_date == dt.date(2022, 6, 30)


def test_a_milestone_before_its_goal_starts_is_refused(zone, actor):
    goal = GoalFactory(zone=zone, start_date=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.milestone_create(goal=goal, actor=actor, title="Mốc", target_date=dt.date(2019, 1, 1))
    assert "target_date" in exc.value.message_dict


def test_evidence_is_stored_with_its_real_type(zone, actor, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone))
    evidence = services.evidence_add(
        milestone=milestone,
        actor=actor,
        kind="photo",
        title="Hiện trường",
        dated=dt.date(2024, 5, 1),
        data=png_bytes(),
        filename="anh.jpg",
    )
    assert evidence.content_type == "image/png"
    assert evidence.file.name.endswith(".png")
    assert evidence.file.read() == png_bytes()


def test_a_text_file_named_pdf_is_refused(zone, actor, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone))
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(
            milestone=milestone,
            actor=actor,
            kind="document",
            title="Quyết định",
            dated=dt.date(2024, 5, 1),
            data=b"not really a pdf",
            filename="quyet-dinh.pdf",
        )
    assert "file" in exc.value.message_dict
    assert Evidence.objects.count() == 0


def test_a_pdf_is_not_accepted_as_a_photo(zone, actor, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone))
    with pytest.raises(ValidationError, match="JPEG"):
        services.evidence_add(
            milestone=milestone,
            actor=actor,
            kind="photo",
            title="Ảnh",
            dated=dt.date(2024, 5, 1),
            data=PDF,
            filename="a.pdf",
        )


def test_the_same_file_twice_on_a_milestone_is_refused(zone, actor, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    milestone = MilestoneFactory(goal=GoalFactory(zone=zone))
    kwargs = {
        "milestone": milestone,
        "actor": actor,
        "kind": "decision",
        "title": "QĐ",
        "dated": dt.date(2024, 5, 1),
        "data": PDF,
        "filename": "qd.pdf",
    }
    services.evidence_add(**kwargs)
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(**kwargs)
    assert "file" in exc.value.message_dict


def test_signed_but_not_implemented_keeps_agreements_without_a_started_action(zone, specialist):
    idle = AgreementFactory(zone=zone, title="Chưa triển khai")
    ActionFactory(agreement=idle, started=False)
    empty = AgreementFactory(zone=zone, title="Không có hành động")
    working = AgreementFactory(zone=zone, title="Đang triển khai")
    ActionFactory(agreement=working, started=True, started_on=dt.date(2023, 6, 1))
    ActionFactory(agreement=working, started=False)
    AgreementFactory(zone=zone, title="Chưa ký", signed_on=None)

    found = {a.title for a in selectors.agreement_list(specialist, not_implemented=True)}

    assert found == {idle.title, empty.title}


def test_an_action_cannot_start_before_the_agreement_was_signed(zone, actor):
    agreement = AgreementFactory(zone=zone, signed_on=dt.date(2023, 4, 20))
    with pytest.raises(ValidationError) as exc:
        services.action_create(
            agreement=agreement, actor=actor, description="X", started=True, started_on=dt.date(2023, 1, 1)
        )
    assert "started_on" in exc.value.message_dict


def test_an_agreement_with_an_unknown_field_is_refused(zone, actor):
    with pytest.raises(ValidationError) as exc:
        services.agreement_create(
            zone=zone, actor=actor, title="X", vietnamese_party="A", partner_party="B", fields=["weather"]
        )
    assert "fields" in exc.value.message_dict


def test_goal_list_runs_a_fixed_number_of_queries(zone, specialist, django_assert_max_num_queries):
    for _ in range(4):
        MilestoneFactory(goal=GoalFactory(zone=zone))
    with django_assert_max_num_queries(4):
        goals = list(selectors.goal_list(specialist))
        titles = [(g.gate_area, [(m.title, list(m.evidence.all())) for m in g.milestones.all()]) for g in goals]
    assert len(titles) == 4
