import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from borderzone.core.models import AuditEvent
from borderzone.register import services
from borderzone.register.models import Investor, LegalRule, Project
from borderzone.register.tests.factories import make_project

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_list_searches_ignoring_accents_and_filters(zone, gate_area, actor, specialist):
    make_project(zone, actor, code="101", name="Kho bãi Đồng Đăng", gate_area=gate_area, status="operating")
    make_project(zone, actor, code="102", name="Nhà máy gạch", status="implementing")
    client = login(specialist)
    page = client.get("/staff/investments/?q=dong dang")
    assert page.status_code == 200
    assert "Kho bãi Đồng Đăng" in page.text and "Nhà máy gạch" not in page.text
    page = client.get("/staff/investments/?status=implementing")
    assert "Nhà máy gạch" in page.text and "Đồng Đăng" not in page.text
    page = client.get("/staff/investments/?gate_area=TRALINH")
    assert "Đồng Đăng" in page.text and "Nhà máy gạch" not in page.text


def test_list_filters_late_and_flagged(zone, actor, specialist):
    make_project(
        zone,
        actor,
        code="101",
        name="Dự án chậm",
        issued_on=dt.date(2016, 1, 1),
        plans={"construction_start": dt.date(2016, 6, 1)},
    )
    make_project(zone, actor, code="102", name="Dự án đúng hạn")
    client = login(specialist)
    assert "Dự án đúng hạn" not in client.get("/staff/investments/?late=1&as_of=2018-01-01").text
    page = client.get("/staff/investments/?flagged=1&as_of=2018-01-01")
    assert "Dự án chậm" in page.text and "Mốc tiến độ chậm quá 12 tháng" in page.text and "OVERDUE_12M" not in page.text


def test_export_keeps_numbers_and_neutralises_formulas(zone, actor, specialist):
    make_project(zone, actor, code="101", name='=HYPERLINK("http://x")', total_capital=Decimal(123456789))
    client = login(specialist)
    response = client.get("/staff/investments/export.xlsx?as_of=2020-01-01")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [c.value for c in sheet[3]]
    assert row[1] == '=HYPERLINK("http://x")' and sheet.cell(3, 2).data_type == "s"
    assert row[15] == 123456789
    streamed = client.get("/staff/investments/export.csv?as_of=2020-01-01")
    assert streamed.streaming  # written as it is read, whatever the size
    csv_text = b"".join(streamed.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ",123456789," in csv_text


def test_investor_export_and_pages_name_no_lateness_or_flags_of_others(client, zone, actor, investor, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    mine = make_project(
        zone, actor, code="101", issued_on=dt.date(2016, 1, 1), plans={"construction_start": dt.date(2016, 6, 1)}
    )
    make_project(
        zone,
        actor,
        code="102",
        name="Dự án của người khác",
        published=True,
        issued_on=dt.date(2016, 1, 1),
        plans={"construction_start": dt.date(2016, 6, 1)},
    )
    services.investor_link_user(investor=mine.shares.get().investor, user=investor, actor=actor)
    reader = login(investor)
    streamed = reader.get("/staff/investments/export.csv?as_of=2018-01-01&flagged=1")
    lines = b"".join(streamed.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 4  # the flagged filter is ignored for an investor: both rows, no one singled out
    assert lines[1].startswith("code,name,investor,")  # the import's column codes under the headers
    flag = "Mốc tiến độ chậm quá 12 tháng"
    assert lines[2].startswith("101,") and flag in lines[2] and "Khởi công xây dựng" in lines[2]
    assert lines[3].startswith("102,") and flag not in lines[3] and "Khởi công xây dựng" not in lines[3]
    sheet = load_workbook(io.BytesIO(reader.get("/staff/investments/export.xlsx?as_of=2018-01-01").content)).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert flag in rows["101"][-1] and rows["101"][-2] == "Khởi công xây dựng"
    assert rows["102"][-2] in (None, "") and rows["102"][-1] in (None, "")
    assert flag not in reader.get("/staff/investments/102/?as_of=2018-01-01").text
    assert flag in reader.get("/staff/investments/101/?as_of=2018-01-01").text
    # The public list, whoever reads it, shows no lateness and ignores a late filter.
    public = client.get("/projects/?late=1", follow=True)
    assert "Dự án của người khác" in public.text and flag not in public.text


def test_detail_shows_first_approved_beside_current_and_flags(zone, actor, specialist):
    project = make_project(
        zone, actor, code="101", issued_on=dt.date(2016, 1, 1), plans={"operation_start": dt.date(2017, 1, 1)}
    )
    services.certificate_version_add(
        project=project,
        issued_on=dt.date(2018, 1, 1),
        total_capital=Decimal(1),
        plans={"operation_start": dt.date(2020, 6, 1)},
        actor=actor,
    )
    page = login(specialist).get("/staff/investments/101/?as_of=2018-02-01")
    assert page.status_code == 200
    assert "01/01/2017" in page.text and "01/06/2020" in page.text
    assert "Điều 46 khoản 3" in page.text


def test_other_zone_specialist_gets_404_and_leader_403(zone, actor, other_specialist, leader):
    make_project(zone, actor, code="101")
    assert login(other_specialist).get("/staff/investments/101/").status_code == 404
    assert login(leader).get("/staff/investments/101/").status_code == 200
    assert login(leader).get("/staff/investments/101/status/new/").status_code == 403
    assert login(other_specialist).get("/staff/investments/101/status/new/").status_code == 404


def test_investor_sees_only_linked_projects(zone, actor, investor):
    mine = make_project(zone, actor, code="101", name="Của tôi")
    make_project(zone, actor, code="102", name="Của người khác")
    services.investor_link_user(investor=mine.shares.get().investor, user=investor, actor=actor)
    client = login(investor)
    page = client.get("/staff/investments/")
    assert "Của tôi" in page.text and "Của người khác" not in page.text
    assert client.get("/staff/investments/102/").status_code == 404
    assert client.get("/staff/investments/101/edit/").status_code == 404


def test_create_form_rerenders_with_422_and_keeps_input(zone, specialist, settings):
    settings.DEFAULT_ZONE_CODE = "ZA"
    data = {
        "code": "777",
        "name": "Kho mới",
        "ownership": "domestic",
        "investor": "Công ty X",
        "investor_country": "VN",
        "issued_on": "2020-01-01",
        "status": "preparing",
        "currency": "VND",
        "total_capital": "100",
        "equity": "500",
    }
    response = login(specialist).post("/staff/investments/new/", data)
    assert response.status_code == 422
    assert "Kho mới" in response.text
    assert Project.objects.count() == 0
    data["equity"] = "50"
    response = login(specialist).post("/staff/investments/new/", data)
    assert response.status_code == 302
    assert Project.objects.get().versions.get().equity == Decimal(50)


def test_the_form_accepts_usd_capital_with_no_rate_known_and_the_page_says_not_converted(zone, specialist, settings):
    settings.DEFAULT_ZONE_CODE = "ZA"
    data = {
        "code": "778",
        "name": "Kho ngoại quan",
        "ownership": "foreign",
        "investor": "Guangxi Trade Co.",
        "investor_country": "CN",
        "issued_on": "01/03/2021",
        "status": "implementing",
        "currency": "USD",
        "total_capital": "3000000",
        "state_land": "on",
    }
    client = login(specialist)
    response = client.post("/staff/investments/new/", data)
    assert response.status_code == 302, response.text
    version = Project.objects.get(code="778").versions.get()
    assert (version.total_capital, version.total_capital_vnd, version.vnd_rate) == (Decimal(3_000_000), None, None)
    page = client.get("/staff/investments/778/").text
    assert "chưa quy đổi" in page
    assert 'id="deposit-unconverted"' in page


def test_a_refused_create_leaves_no_investor_behind(zone, actor, specialist, settings):
    # Given a project with code 777, when staff register another 777 for a new investor,
    settings.DEFAULT_ZONE_CODE = "ZA"
    make_project(zone, actor, code="777")
    investors_before = set(Investor.objects.values_list("name", flat=True))
    data = {
        "code": "777",
        "name": "Kho mới",
        "ownership": "domestic",
        "investor": "Công ty Mới Tinh",
        "investor_country": "VN",
        "issued_on": "2020-01-01",
        "status": "preparing",
        "currency": "VND",
        "total_capital": "100",
    }
    response = login(specialist).post("/staff/investments/new/", data)
    # then the form says why, and neither the project nor its new investor was written.
    assert response.status_code == 422
    assert "Đã có dự án với mã số này." in response.text
    assert set(Investor.objects.values_list("name", flat=True)) == investors_before
    assert Project.objects.filter(code="777").count() == 1


def test_forms_record_status_disbursement_and_milestone(zone, actor, specialist):
    make_project(zone, actor, code="101")
    client = login(specialist)
    assert (
        client.post(
            "/staff/investments/101/status/new/", {"status": "operating", "effective_on": "2019-01-01"}
        ).status_code
        == 302
    )
    r = client.post(
        "/staff/investments/101/disbursements/new/", {"paid_on": "2019-02-01", "amount": "10", "currency": "VND"}
    )
    assert r.status_code == 302
    future = (services.today() + dt.timedelta(days=3)).isoformat()
    r = client.post("/staff/investments/101/milestones/new/", {"kind": "operation_start", "reached_on": future})
    assert r.status_code == 422
    r = client.post(
        "/staff/investments/101/versions/new/",
        {"issued_on": "2019-03-01", "changes": "Tăng vốn", "currency": "VND", "total_capital": "5", "equity": "9"},
    )
    assert r.status_code == 422
    assert AuditEvent.objects.filter(via="web").count() == 2


def test_upload_preview_then_import(zone, gate_area, specialist, settings):
    settings.DEFAULT_ZONE_CODE = "ZA"
    body = (
        "code,name,investor,investor_country,ownership,gate_area,status,certificate_date,capital_currency,"
        "registered_capital,operation_start_planned\n"
        "4300000001,Kho,Công ty A,VN,domestic,Trà Lĩnh,operating,15/03/2012,VND,1000,2014-01-01\n"
    ).encode()
    client = login(specialist)
    r = client.post("/staff/investments/import/", {"file": SimpleUploadedFile("p.csv", body), "dry_run": "on"})
    assert r.status_code == 200 and 'role="status"' in r.text and "form-errors" not in r.text
    assert Project.objects.count() == 0
    r = client.post("/staff/investments/import/", {"file": SimpleUploadedFile("p.csv", body)})
    assert r.status_code == 302
    assert Project.objects.count() == 1
    bad = body.replace(b"15/03/2012", b"hom qua")
    r = client.post("/staff/investments/import/", {"file": SimpleUploadedFile("p.csv", bad)})
    assert r.status_code == 422 and "dòng 1, certificate_date" in r.text


def test_template_downloads(specialist):
    client = login(specialist)
    csv_text = client.get("/staff/investments/import/template.csv").content.decode("utf-8-sig")
    assert csv_text.startswith("code,name,investor,investor_country,ownership,gate_area,status,certificate_date")
    xlsx = client.get("/staff/investments/import/template.xlsx")
    assert load_workbook(io.BytesIO(xlsx.content)).active["A1"].value == "code"


def test_only_administrators_edit_rules_and_flags_follow(zone, actor, specialist, admin_user):
    make_project(
        zone, actor, code="101", issued_on=dt.date(2016, 1, 1), plans={"construction_start": dt.date(2016, 6, 1)}
    )
    rule = LegalRule.objects.get(code="OVERDUE_12M", valid_from=dt.date(2015, 7, 1))
    assert login(specialist).get(f"/staff/investments/rules/{rule.pk}/edit/").status_code == 403
    assert login(specialist).get("/api/v1/investments/summary?as_of=2017-01-01").json()["flagged"] == 0
    data = {
        "months": "3",
        "law": rule.law,
        "article": rule.article,
        "description": "",
        "valid_from": "2015-07-01",
        "valid_to": "2020-12-31",
    }
    assert login(admin_user).post(f"/staff/investments/rules/{rule.pk}/edit/", data).status_code == 302
    assert Client().get("/api/v1/investments/summary?as_of=2017-01-01").json()["flagged"] == 1


def test_navigation_has_the_staff_list(specialist):
    page = login(specialist).get("/staff/")
    assert "/staff/investments/" in page.text


def test_large_upload_runs_in_the_background_with_progress(
    zone, gate_area, specialist, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.DEFAULT_ZONE_CODE = "ZA"
    monkeypatch.setattr("borderzone.register.views.staff.BACKGROUND_ROWS", 2)
    header = (
        "code,name,investor,investor_country,ownership,gate_area,status,certificate_date,capital_currency,"
        "registered_capital,operation_start_planned\n"
    )
    rows = "".join(
        f"43000000{i:02d},Kho {i},Công ty A,VN,domestic,TRALINH,operating,15/03/2012,VND,1000,2014-01-01\n"
        for i in range(3)
    )
    client = login(specialist)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/investments/import/", {"file": SimpleUploadedFile("p.csv", (header + rows).encode())}
        )
    assert response.status_code == 302 and "/staff/imports/" in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert Project.objects.count() == 3


def test_specialist_links_an_investor_account_which_then_sees_the_project(zone, actor, specialist, investor):
    project = make_project(zone, actor, code="101", name="Dự án liên kết")
    client = login(specialist)
    data = {"investor": project.shares.get().investor_id, "username": "nobody"}
    assert client.post("/staff/investments/101/investor-accounts/new/", data).status_code == 422
    data["username"] = investor.username
    assert client.post("/staff/investments/101/investor-accounts/new/", data).status_code == 302
    assert "Dự án liên kết" in login(investor).get("/staff/investments/").text


def test_the_public_list_shows_published_projects_with_their_status_to_everyone(
    client, zone, actor, specialist, settings
):
    from borderzone.register.tests.factories import make_project

    settings.DEFAULT_ZONE_CODE = zone.code
    make_project(zone, actor, name="Kho ngoại quan công khai", published=True, status="operating")
    make_project(zone, actor, name="Dự án nội bộ", published=False)

    for user in (None, specialist):
        if user:
            client.force_login(user)
        html = client.get("/projects/").content.decode()
        assert "Kho ngoại quan công khai" in html and "Đang hoạt động" in html and "100 tỷ đồng" in html
        assert "Dự án nội bộ" not in html
    english = client.get("/en/projects/").content.decode()
    assert "VND 100 billion" in english
    assert client.get("/projects/", {"q": "kho ngoai quan"}).content.decode().count("Kho ngoại quan công khai") == 1
    assert "Kho ngoại quan công khai" not in client.get("/projects/", {"status": "preparing"}).content.decode()


def test_the_edit_form_changes_exactly_what_the_service_lets_a_user_change():
    from borderzone.register.forms import ProjectForm

    assert set(ProjectForm.base_fields) == set(services.PROJECT_EDITABLE)
    assert set(services.PROJECT_FIELDS) - set(services.PROJECT_EDITABLE) == {"is_demo"}


def test_the_edit_page_decides_permission_once(zone, actor, specialist):
    # Given a project of the specialist's zone, when they open its edit page,
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_project(zone, actor, code="101")
    client = login(specialist)
    client.get("/staff/investments/101/edit/")  # sessions and caches warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/staff/investments/101/edit/")
    # then the project is read once with its zone, and the permission asks two questions (sees, changes).
    assert response.status_code == 200
    project_reads = [q["sql"] for q in queries.captured_queries if 'FROM "investments_project"' in q["sql"]]
    assert len(project_reads) == 1, project_reads
    assert len(queries.captured_queries) == EDIT_PAGE_QUERIES, "\n".join(
        q["sql"][:150] for q in queries.captured_queries
    )


# session, user, the project with its zone, may change (zone assignment), form choices (sectors, gate areas,
# functional areas, communes): 8; before the decision was made once it was 11.
EDIT_PAGE_QUERIES = 8


def test_a_large_export_is_written_in_the_background_for_its_asker_only(
    zone, actor, specialist, other_specialist, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_INLINE_MAX_ROWS = 2
    for n in range(3):
        make_project(zone, actor, code=f"10{n}", name=f"Kho {n}", total_capital=Decimal(1000 * (n + 1)))
    client = login(specialist)
    for fmt in ("xlsx", "csv"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.get(f"/staff/investments/export.{fmt}?as_of=2020-01-01")
        assert response.status_code == 302 and "/staff/exports/" in response["Location"]
        page = client.get(response["Location"])
        assert page.status_code == 200 and "3 dòng" in page.text
        download = client.get(response["Location"] + "download/")
        assert download.status_code == 200 and download["Cache-Control"] == "private, no-store"
        body = b"".join(download.streaming_content)
        if fmt == "xlsx":
            table = [list(r) for r in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)]
        else:
            table = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        codes, data = table[1], table[2:]  # readable headers, the import's codes, then the rows
        assert len(data) == 3 and [r[codes.index("code")] for r in data] == ["100", "101", "102"]
        capital = [r[codes.index("registered_capital")] for r in data]
        assert capital == ([1000, 2000, 3000] if fmt == "xlsx" else ["1000", "2000", "3000"])
        # Nobody else opens it, not even a colleague of the same board.
        assert login(other_specialist).get(response["Location"]).status_code == 404
        assert login(other_specialist).get(response["Location"] + "download/").status_code == 404
    settings.EXPORT_INLINE_MAX_ROWS = 3
    assert client.get("/staff/investments/export.csv?as_of=2020-01-01").streaming  # at once, not a job


def test_an_export_whose_worker_died_is_marked_failed(specialist):
    import datetime as dt_

    from django.utils import timezone

    from borderzone.access.exporting import export_jobs_sweep_stale
    from borderzone.core.models import ExportJob

    job = ExportJob.objects.create(kind="projects", fmt="csv", created_by=specialist, status="running")
    ExportJob.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - dt_.timedelta(minutes=30))
    fresh = ExportJob.objects.create(
        kind="projects", fmt="csv", created_by=specialist, status="running", heartbeat_at=timezone.now()
    )
    assert export_jobs_sweep_stale() == 1
    job.refresh_from_db()
    fresh.refresh_from_db()
    assert job.status == "failed" and "15" in job.error and fresh.status == "running"
    page = login(specialist).get(f"/staff/exports/{job.pk}/")
    assert page.status_code == 200 and job.error in page.text


def test_the_status_form_starts_from_the_current_status(zone, actor, specialist):
    make_project(zone, actor, code="301", status="implementing")
    page = login(specialist).get("/staff/investments/301/status/new/")
    assert page.status_code == 200
    assert '<option value="implementing" selected>' in page.text


def test_money_is_shown_grouped_and_read_with_vietnamese_or_english_grouping(zone, actor, specialist):
    project = make_project(zone, actor, code="302")
    client = login(specialist)
    form = client.get("/staff/investments/302/disbursements/new/")
    assert 'data-money=""' in form.text and "core/money.js" in form.text
    for typed, amount in (("1.234.567.000", Decimal(1_234_567_000)), ("2,000,000", Decimal(2_000_000))):
        response = client.post(
            "/staff/investments/302/disbursements/new/", {"paid_on": "01/02/2019", "amount": typed, "currency": "VND"}
        )
        assert response.status_code == 302
        assert project.disbursements.order_by("-id").first().amount == amount
    refused = client.post(
        "/staff/investments/302/disbursements/new/", {"paid_on": "01/02/2019", "amount": "1.23.4", "currency": "VND"}
    )
    assert refused.status_code == 422
