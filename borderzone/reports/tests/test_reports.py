import io

import pytest
from openpyxl import load_workbook

from borderzone.accounts.tests.factories import UserFactory
from borderzone.core.tabular import Sheet, write_xlsx
from borderzone.reports.models import Report, ReportStatus
from borderzone.reports.registry import register_report


@register_report("test_zone_sheet", "Zone sheet (test)", formats=("xlsx",))
def _zone_sheet(*, zone, params, fmt, language, progress, user):
    progress(50)
    data = write_xlsx([Sheet("Khu", ["code", "area_ha"], [[zone.code, zone.area_ha]])])
    return f"zone-{zone.code}-{params['as_of']}.xlsx", data


@pytest.fixture
def other_leader(other_zone):
    return UserFactory(username="leader_b", role="leader", zones=[other_zone])


def _request(client, zone, **extra):
    data = {
        "kind": "test_zone_sheet",
        "zone": zone.code,
        "as_of": "21/09/2020",
        "from_year": 2010,
        "to_year": 2020,
        "format": "xlsx",
        "language": "vi",
    }
    data.update(extra)
    return client.post("/staff/reports/", data)


def test_a_leader_prepares_and_downloads_a_report_of_their_zone(
    client, leader, zone, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = _request(client, zone)
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.status == ReportStatus.READY and report.progress == 100
    assert report.filename == "zone-ZA-2020-09-21.xlsx"
    download = client.get(f"/staff/reports/{report.pk}/download/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="zone-ZA-2020-09-21.xlsx"'
    ws = load_workbook(io.BytesIO(download.content)).active
    assert [c.value for c in ws[2]] == ["ZA", 30130.34]
    # The kept report is listed and can be downloaded again.
    assert f"/staff/reports/{report.pk}/download/" in client.get("/staff/reports/").text
    assert client.get(f"/staff/reports/{report.pk}/download/").content == download.content


def test_a_leader_of_another_zone_cannot_see_or_download_it(
    client, leader, other_leader, zone, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        _request(client, zone)
    report = Report.objects.get()
    client.force_login(other_leader)
    assert client.get(f"/staff/reports/{report.pk}/").status_code == 404
    assert client.get(f"/staff/reports/{report.pk}/download/").status_code == 404
    # Nor request one for a zone that is not theirs.
    assert _request(client, zone).status_code == 422
    assert Report.objects.count() == 1


def test_bad_parameters_keep_what_was_typed(client, leader, zone):
    client.force_login(leader)
    response = _request(client, zone, from_year=2021, to_year=2010, format="pdf")
    assert response.status_code == 422
    assert 'value="2021"' in response.text
    assert Report.objects.count() == 0


def test_investors_and_visitors_have_no_reports(client, investor):
    assert client.get("/staff/reports/").status_code == 302
    client.force_login(investor)
    assert client.get("/staff/reports/").status_code == 404
