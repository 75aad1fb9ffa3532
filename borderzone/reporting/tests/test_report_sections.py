import pytest
from django.utils import translation

from borderzone.reporting import report_sections, services
from borderzone.reporting.tests.conftest import quarter_values

pytestmark = pytest.mark.django_db


def test_the_summary_and_dashboard_say_what_investors_reported(
    zone, project, other_project, owner_actor, actor, client, specialist
):
    today = services.today()
    report = services.report_save(
        project=project,
        form_code="NDT-QUY",
        period="2026-Q2",
        values=quarter_values(budget_paid=1_500_000_000, employees_vn=40, employees_foreign=2),
        actor=owner_actor,
    )
    services.report_accept(report=report, actor=actor)
    text = report_sections.summary_paragraph(zone, today)
    assert "1/2" not in text
    assert "1 trong 2 dự án" in text and "50" in text
    assert "nộp ngân sách 1,5 tỷ đồng" in text and "sử dụng 42 lao động" in text
    with translation.override("en"):
        assert "paying VND 1.5 billion to the budget" in report_sections.summary_paragraph(zone, today)
    client.force_login(specialist)
    page = client.get(f"/api/v1/reports/summary-text?zone={zone.code}&as_of={today:%Y-%m-%d}&lang=vi").json()
    assert any("nộp ngân sách 1,5 tỷ đồng" in p for p in page["paragraphs"])
    dashboard = client.get(f"/staff/dashboard/?zone={zone.code}&as_of={today:%d/%m/%Y}").content.decode()
    assert "Nhà đầu tư đã báo cáo năm" in dashboard


def test_projects_owing_counted_from_the_states_equal_the_obligations(zone, project, other_project, owner_actor, actor):
    """`reported_totals` counts the projects owing a report from the state intervals; listing every
    obligation (`obligations`, the oracle) gives the same projects, for the dashboard's year to date and
    for statutory periods, around certificates issued and projects terminated between period ends."""
    import datetime as dt

    from borderzone.register import services as register
    from borderzone.register.tests.factories import make_project
    from borderzone.reporting import selectors

    today = services.today()
    make_project(zone, actor, code="1000000003", issued_on=dt.date(today.year, 2, 10), status="implementing")
    make_project(zone, actor, code="1000000004", issued_on=dt.date(today.year - 1, 5, 20))
    stopped = make_project(zone, actor, code="1000000005", issued_on=dt.date(2023, 1, 5), status="implementing")
    register.status_change_record(
        project=stopped, status="terminated", effective_on=dt.date(today.year, 5, 1), actor=actor
    )
    register.status_change_record(
        project=stopped, status="implementing", effective_on=dt.date(today.year, 8, 1), actor=actor
    )
    report = services.report_save(
        project=project,
        form_code="NDT-QUY",
        period=f"{today.year}-Q1",
        values=quarter_values(),
        actor=owner_actor,
    )
    services.report_accept(report=report, actor=actor)
    cases = [(dt.date(today.year, 1, 1), day, day) for day in (today, dt.date(today.year, 7, 1))]
    cases += [(dt.date(today.year, 1, 1), dt.date(today.year, 6, 30), today)]
    cases += [(dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31), today)]
    seen = set()
    for start, end, as_of in cases:
        owing = {
            o.project.pk
            for o in selectors.obligations(zone=zone, as_of=max(as_of, end + dt.timedelta(days=1)))
            if start <= o.period.start and o.period.end <= end
        }
        totals = selectors.reported_totals(zone=zone, start=start, end=end, as_of=as_of)
        accepted = as_of >= today and start <= report.period_start and report.period_end <= end
        reported = {project.pk} & owing if accepted else set()
        assert (totals["projects_owing"], totals["projects_reported"]) == (len(owing), len(reported))
        seen.add(len(owing))
    assert len(seen) >= 2  # the cases differ


def test_the_written_summary_follows_a_report_accepted_then_returned(
    zone, project, other_project, owner_actor, actor, specialist, monkeypatch
):
    import datetime as dt

    from borderzone.reports.summary_text import summary_text

    # given a quarter of this year that has ended (the year's last day taken as today), and the zone's
    # summary computed, so cached, before any report
    today = services.today()
    monkeypatch.setattr(services, "today", lambda: dt.date(today.year, 12, 31))
    as_of = dt.date(today.year, 12, 31)

    def text() -> str:
        summary = summary_text(
            zone=zone, as_of=as_of, from_year=today.year - 4, to_year=today.year, lang="vi", user=specialist
        )
        return summary.text

    assert "nộp ngân sách" not in text()
    report = services.report_save(
        project=project,
        form_code="NDT-QUY",
        period=f"{today.year}-Q1",
        values=quarter_values(budget_paid=1_500_000_000),
        actor=owner_actor,
    )
    # when the board accepts the report, then the summary says what it reported
    services.report_accept(report=report, actor=actor)
    assert "nộp ngân sách 1,5 tỷ đồng" in text()
    # and when the board returns it (only the reports' data changes), the summary no longer counts it
    services.report_return(report=report, reason="Số liệu sai", actor=actor)
    assert "nộp ngân sách" not in text()


def test_a_report_accepted_in_one_zone_leaves_the_other_zones_reported_figures_cached(
    zone, other_zone, project, owner_actor, actor
):
    from django.db import connection

    from borderzone.core.cache import _AfterCommit, current_version, zone_scopes

    report = services.report_save(
        project=project, form_code="NDT-QUY", period="2025-Q1", values=quarter_values(), actor=owner_actor
    )

    def token(z) -> str:
        return current_version(*zone_scopes(report_sections.SCOPES, z.pk))

    before = (token(zone), token(other_zone))
    services.report_accept(report=report, actor=actor)
    assert token(zone) != before[0]
    assert token(other_zone) == before[1]
    # The test's transaction never commits: the recomputation still pending gathered every write of the test.
    pending = [e[1] for e in connection.run_on_commit if isinstance(e[1], _AfterCommit)]
    warms = [c.zones for c in pending if c.callback is report_sections.warm_after_change]
    assert warms == [{zone.pk}]
