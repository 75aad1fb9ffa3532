"""The staff home as a work list: what each app registers (core.registry.work_providers), for whom, and
"since your last visit"."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from borderzone.access.workspace import home_visit_record
from borderzone.core.models import HomeVisit
from borderzone.core.registry import work_providers
from borderzone.planning.tests.factories import GoalFactory
from borderzone.portal.models import CommentStatus
from borderzone.portal.tests.factories import ArticleFactory, CommentFactory
from borderzone.promotion.models import Inquiry
from borderzone.register import services as register_services
from borderzone.register.tests.factories import make_project


def _visit(user, days_ago):
    now = timezone.now()
    then = now - dt.timedelta(days=days_ago)
    HomeVisit.objects.create(user=user, seen_on=timezone.localdate(then), seen_at=then)


def _lines(page):
    """{label: count} of the work list as the page shows it."""
    found = re.findall(r'<span class="count">(\d+)</span>\s*(?:<a href="[^"]*">)?([^<]+)', page.text)
    return {label.strip(): int(count) for count, label in found}


def _inquiry(zone):
    return Inquiry.objects.create(
        zone=zone, name="Trương Vĩ", email="a@example.com", message="Giá thuê đất?", sender_hash="h" * 64
    )


@pytest.fixture
def waiting(zone, other_zone, specialist, actor):
    """In zone A: a comment to moderate, a new inquiry, a goal past its target, and a project late for a week;
    in zone B the same comment and inquiry, which zone A's staff must not count."""
    today = timezone.localdate()
    for z in (zone, other_zone):
        article = ArticleFactory(zone=z, created_by=specialist)
        CommentFactory(article=article, status=CommentStatus.PENDING)
        _inquiry(z)
    GoalFactory(zone=zone, title="Hoàn thành đường nội bộ", target_date=today - dt.timedelta(days=3))
    GoalFactory(zone=zone, title="Đã xong", target_date=today - dt.timedelta(days=3), status="achieved")
    make_project(
        zone,
        actor,
        code="1111111111",
        name="Kho ngoại quan Tà Lùng",
        issued_on=today - dt.timedelta(days=400),
        plans={"construction_start": today - dt.timedelta(days=7)},
    )
    return today


def test_the_staff_home_lists_what_waits_in_the_users_zones_with_links(client, specialist, waiting):
    _visit(specialist, days_ago=10)
    client.force_login(specialist)
    page = client.get("/staff/")
    assert page.status_code == 200
    lines = _lines(page)
    assert lines["Bình luận của bạn đọc chờ kiểm duyệt"] == 1
    assert lines["Câu hỏi của nhà đầu tư chờ trả lời"] == 1
    assert lines["Mục tiêu kế hoạch đã quá ngày đích"] == 1
    since = (timezone.localdate() - dt.timedelta(days=10)).strftime("%d/%m/%Y")
    assert lines[f"Dự án chậm tiến độ kể từ {since}"] == 1
    assert 'href="/staff/portal/comments/"' in page.text
    assert 'href="/staff/investing/inbox/?status=new"' in page.text
    assert "1111111111 Kho ngoại quan Tà Lùng" in page.text
    assert 'href="/staff/investments/1111111111/"' in page.text
    assert "Hoàn thành đường nội bộ" in page.text and "Đã xong" not in page.text
    # The raw audit rows moved to their own page.
    assert "Thay đổi gần đây trong các khu kinh tế của bạn" in page.text and '<dl class="changes">' not in page.text


def test_a_project_already_late_at_the_previous_visit_is_not_news(client, specialist, waiting):
    _visit(specialist, days_ago=3)  # the project was already late then (since 7 days)
    client.force_login(specialist)
    lines = _lines(client.get("/staff/"))
    assert not any(label.startswith("Dự án chậm tiến độ") for label in lines)
    assert lines["Bình luận của bạn đọc chờ kiểm duyệt"] == 1


def test_a_leader_sees_the_same_counts_for_the_zones_they_read_without_acting(client, leader, waiting):
    _visit(leader, days_ago=10)
    client.force_login(leader)
    page = client.get("/en/staff/")
    lines = _lines(page)
    assert lines["Reader comments waiting for moderation"] == 1
    assert lines["Investor inquiries waiting for an answer"] == 1
    assert "You read these zones" in page.text


def test_a_visit_the_same_day_keeps_the_previous_visit_and_a_later_day_moves_it(specialist):
    first = timezone.now() - dt.timedelta(days=2)
    assert home_visit_record(user=specialist, now=first) is None
    home_visit_record(user=specialist, now=first + dt.timedelta(hours=1))
    visit = HomeVisit.objects.get(user=specialist)
    assert visit.previous_on is None and visit.seen_on == timezone.localdate(first)
    today = timezone.now()
    before = home_visit_record(user=specialist, now=today)
    assert before is not None and before.seen_on == timezone.localdate(first)
    home_visit_record(user=specialist, now=today + dt.timedelta(minutes=5))
    visit.refresh_from_db()
    assert (visit.previous_on, visit.seen_on) == (timezone.localdate(first), timezone.localdate(today))


def test_every_domain_app_registers_its_work_items():
    names = {p.name for p in work_providers()}
    assert {"portal", "promotion", "reporting", "register", "planning", "imports", "reports", "inspections"} <= names


def _more_of_everything(zone, specialist, actor, n):
    today = timezone.localdate()
    for i in range(n):
        article = ArticleFactory(zone=zone, created_by=specialist)
        CommentFactory(article=article, status=CommentStatus.PENDING)
        _inquiry(zone)
        GoalFactory(zone=zone, target_date=today - dt.timedelta(days=1 + i))
        make_project(
            zone,
            actor,
            name=f"Dự án {i}",
            issued_on=today - dt.timedelta(days=400),
            plans={"construction_start": today - dt.timedelta(days=5)},
        )


def test_the_staff_home_runs_a_fixed_number_of_queries(client, zone, specialist, actor, django_assert_max_num_queries):
    _visit(specialist, days_ago=10)
    _more_of_everything(zone, specialist, actor, 1)
    client.force_login(specialist)
    client.get("/staff/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/staff/")
    _more_of_everything(zone, specialist, actor, 6)
    with CaptureQueriesContext(connection) as many:
        assert _lines(client.get("/staff/"))["Bình luận của bạn đọc chờ kiểm duyệt"] == 7
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(many.captured_queries) <= 60


def test_recent_changes_have_their_own_page_with_field_labels_and_values_in_the_readers_language(
    client, zone, specialist, actor
):
    project = make_project(zone, actor, code="2222222222", name="Kho bãi cũ")
    register_services.project_update(project=project, actor=actor, name="Kho bãi mới")
    client.force_login(specialist)
    page = client.get("/en/staff/changes/")
    assert page.status_code == 200
    assert "<dt>Name</dt><dd><del>Kho bãi cũ</del> → <ins>Kho bãi mới</ins></dd>" in page.text


def test_recent_changes_are_for_staff_only(client, investor):
    client.force_login(investor)
    assert client.get("/staff/changes/").status_code == 404


def _change_lines(text):
    return set(re.findall(r"<dt>([^<]*)</dt><dd><del>([^<]*)</del> → <ins>([^<]*)</ins></dd>", text))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {("Domestic or foreign", "Domestic", "Foreign-invested"), ("Land area (ha)", "∅", "12.5")}),
        ("zh-hans", {("内资或外资", "内资", "外商投资"), ("用地面积（公顷）", "∅", "12.5")}),
    ],
)
def test_recent_changes_and_the_history_page_read_an_audit_row_the_same_way(
    client, zone, specialist, actor, language, expected
):
    # Given a project whose ownership (a choice) and land area (a decimal) were changed
    from decimal import Decimal

    from django.contrib.contenttypes.models import ContentType

    project = make_project(zone, actor, code="3333333333", name="Kho lạnh", ownership="domestic")
    register_services.project_update(project=project, actor=actor, ownership="foreign", land_area_ha=Decimal("12.5"))
    client.force_login(specialist)
    # When the recent changes and the project's history are read in the reader's language
    changes = client.get(f"/{language}/staff/changes/")
    history = client.get(f"/{language}/staff/history/{ContentType.objects.get_for_model(project).pk}/{project.pk}/")
    # Then both show the change by the same labels and values
    assert changes.status_code == history.status_code == 200
    assert expected <= _change_lines(changes.text)
    assert expected <= _change_lines(history.text)
