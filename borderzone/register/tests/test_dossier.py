"""The project dossier: every fact in time order, readable, with who and when; queries fixed in number."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from borderzone.register import services
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db

PLANS = {"land_handover": dt.date(2019, 1, 1), "construction_start": dt.date(2019, 6, 1)}


def _project(zone, actor):
    project = make_project(zone, actor, code="7700001", issued_on=dt.date(2018, 3, 1), plans=PLANS)
    services.status_change_record(
        project=project,
        status="implementing",
        effective_on=dt.date(2018, 9, 1),
        decision_no="12/QĐ-BQL",
        reason="Khởi công",
        actor=actor,
    )
    services.milestone_reached(project=project, kind="land_handover", reached_on=dt.date(2019, 2, 1), actor=actor)
    services.certificate_version_add(
        project=project,
        issued_on=dt.date(2020, 2, 1),
        total_capital=Decimal(150_000_000_000),
        plans={"construction_start": dt.date(2020, 12, 1)},
        changes="Tăng vốn",
        actor=actor,
    )
    services.project_update(project=project, published=True, land_area_ha=Decimal("12.5"), actor=actor)
    return project


def _add_entries(project, actor, n: int) -> None:
    for i in range(n):
        services.disbursement_record(
            project=project, paid_on=dt.date(2021, 1, 1) + dt.timedelta(days=i), amount=Decimal(10**9), actor=actor
        )


def test_the_dossier_reads_in_time_order_in_the_readers_language(zone, actor, specialist):
    project = _project(zone, actor)
    client = Client()
    client.force_login(specialist)
    response = client.get(f"/staff/investments/{project.code}/dossier/")
    assert response.status_code == 200
    entries = response.context["entries"]
    days = [e.day for e in entries]
    assert days == sorted(days)
    titles = [e.title for e in entries]
    assert titles[0] == "Cấp Giấy chứng nhận lần đầu"
    assert "Trạng thái: Đang triển khai" in titles
    assert "Đạt mốc: Bàn giao đất" in titles
    html = response.content.decode()
    assert "implementing" not in html and "land_area_ha" not in html
    assert "Diện tích đất" in html and "12,5" in html
    assert "Công khai trên cổng thông tin" in html and "không → có" in html
    adjusted = next(e for e in entries if e.title.startswith("Điều chỉnh"))
    assert ("Tổng vốn đầu tư", "100 tỷ đồng → 150 tỷ đồng") in adjusted.details
    assert ("Khởi công xây dựng", "01/06/2019 → 01/12/2020") in adjusted.details
    assert adjusted.who == "Nguyễn Văn A"
    status = next(e for e in entries if e.title == "Trạng thái: Đang triển khai")
    assert ("Số quyết định", "12/QĐ-BQL") in status.details
    # The land handed over a month late, and the construction start planned for 01/06/2019 (moved later by the
    # adjustment, then missed again) were each missed on the day after their planned date.
    missed = [(e.day, e.title) for e in entries if e.title.startswith("Không đạt mốc")]
    assert missed == [
        (dt.date(2019, 1, 2), "Không đạt mốc: Bàn giao đất"),
        (dt.date(2019, 6, 2), "Không đạt mốc: Khởi công xây dựng"),
        (dt.date(2020, 12, 2), "Không đạt mốc: Khởi công xây dựng"),
    ]


def test_flags_are_raised_and_cleared_on_the_days_the_evaluator_says(zone, actor):
    from borderzone.register import selectors
    from borderzone.register.dossier import flag_changes
    from borderzone.register.models import LegalRule, Project, ProjectState

    project = _project(zone, actor)
    states = list(ProjectState.objects.filter(project=project).order_by("valid_from"))
    changes = flag_changes(states, list(LegalRule.objects.all()), dt.date(2018, 3, 1), dt.date(2026, 12, 5))
    # Land handed over on 01/02/2019, construction never started: 12 months later the land is unused.
    assert (dt.date(2020, 2, 2), "LAND_UNUSED_12M", True) in [(d, r.code, up) for d, r, _x, up in changes]
    for day, rule, _detail, raised in changes:
        projects = Project.objects.filter(pk=project.pk)
        on = {f.rule_id for f in selectors.evaluate(day, projects)[project.pk].flags}
        before = {f.rule_id for f in selectors.evaluate(day - dt.timedelta(days=1), projects)[project.pk].flags}
        assert (rule.pk in on, rule.pk in before) == ((True, False) if raised else (False, True)), (day, rule.code)


def test_the_dossier_runs_as_many_queries_for_2_entries_as_for_20(zone, actor, specialist):
    project = _project(zone, actor)
    client = Client()
    client.force_login(specialist)
    url = f"/staff/investments/{project.code}/dossier/"
    _add_entries(project, actor, 2)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _add_entries(project, actor, 18)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(response.context["entries"]) >= 20
    assert len(large.captured_queries) == len(small.captured_queries)


def test_only_board_staff_of_the_zone_read_the_dossier(zone, actor, leader, investor, other_specialist):
    project = _project(zone, actor)
    url = f"/staff/investments/{project.code}/dossier/"
    for user, status in ((leader, 200), (investor, 404), (other_specialist, 404)):
        client = Client()
        client.force_login(user)
        assert client.get(url).status_code == status, user
    assert Client().get(url).status_code == 302


def test_a_rules_condition_reads_with_its_months_in_every_language():
    from django.utils import translation

    from borderzone.register.models import LegalRule

    rule = LegalRule(condition="land_behind", months=24)
    with translation.override("vi"):
        assert rule.condition_text() == "Tiến độ sử dụng đất (khởi công hoặc hoàn thành xây dựng) chậm quá 24 tháng"
    with translation.override("zh-hans"):
        assert rule.condition_text() == "土地使用（开工或竣工）进度滞后超过24个月"
    with translation.override("en"):
        assert rule.condition_text().endswith("by more than 24 months")
