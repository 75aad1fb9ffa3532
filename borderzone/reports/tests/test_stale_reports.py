"""A report whose worker died is marked failed with a readable reason and can be requested again; none stays
"being prepared" forever (issue 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from borderzone.reports.models import Report, ReportFormat, ReportStatus
from borderzone.reports.services import build_report, reports_sweep_stale

pytestmark = pytest.mark.django_db


def _running(user, zone, *, quiet_for: timedelta) -> Report:
    """A report as a killed worker leaves it: being prepared, its last heartbeat `quiet_for` ago."""
    report = Report.objects.create(
        kind="annual_investment",
        zone=zone,
        params={"as_of": "2020-12-31", "from_year": 2019, "to_year": 2020},
        format=ReportFormat.XLSX,
        language="en",
        created_by=user,
    )
    moment = timezone.now() - quiet_for
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, progress=40, started_at=moment, heartbeat_at=moment
    )
    return Report.objects.get(pk=report.pk)


def test_a_report_whose_worker_died_is_marked_failed_and_a_live_one_is_left_alone(specialist, zone, settings):
    settings.REPORT_JOB_STALE_MINUTES = 15
    dead = _running(specialist, zone, quiet_for=timedelta(minutes=40))
    alive = _running(specialist, zone, quiet_for=timedelta(minutes=3))
    assert reports_sweep_stale() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == ReportStatus.FAILED and dead.stalled and dead.finished_at is not None
    assert dead.error == "Báo cáo đã dừng: tiến trình xử lý không phản hồi trong 15 phút. Hãy yêu cầu lại."
    assert alive.status == ReportStatus.RUNNING and not alive.stalled
    assert reports_sweep_stale() == 0  # nothing left to sweep


def test_the_report_page_shows_a_dead_report_failed_and_requests_it_again(client, specialist, zone):
    dead = _running(specialist, zone, quiet_for=timedelta(hours=2))
    client.force_login(specialist)
    page = client.get(f"/staff/reports/{dead.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "không phản hồi trong 15 phút" in html and f"/staff/reports/{dead.pk}/rerun/" in html
    assert 'hx-trigger="every 1s"' not in html  # no more polling

    # The new report is queued on commit, which the test's transaction never reaches: it stays waiting.
    response = client.post(f"/staff/reports/{dead.pk}/rerun/")
    again = Report.objects.exclude(pk=dead.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/staff/reports/{again.pk}/")
    assert (again.kind, again.zone, again.params, again.format, again.language) == (
        dead.kind,
        zone,
        dead.params,
        dead.format,
        "en",
    )
    assert again.status == ReportStatus.PENDING and again.created_by == specialist
    # Only a report whose worker stopped runs again.
    refused = client.post(f"/staff/reports/{again.pk}/rerun/")
    assert refused.status_code == 302 and Report.objects.count() == 2


def test_another_zones_specialist_cannot_rerun_a_report(client, specialist, other_specialist, zone):
    dead = _running(specialist, zone, quiet_for=timedelta(hours=2))
    reports_sweep_stale()
    client.force_login(other_specialist)
    assert client.post(f"/staff/reports/{dead.pk}/rerun/").status_code == 404
    assert client.get(f"/staff/reports/{dead.pk}/rerun/").status_code == 405
    assert Report.objects.count() == 1


def test_a_report_built_by_the_worker_records_its_start_and_heartbeat(specialist, zone):
    report = _running(specialist, zone, quiet_for=timedelta(hours=2))
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.PENDING, started_at=None, heartbeat_at=None)
    before = timezone.now()
    build_report.call(report.pk)
    report.refresh_from_db()
    assert report.started_at >= before and report.heartbeat_at >= report.started_at
    assert report.status == ReportStatus.READY and not report.stalled
