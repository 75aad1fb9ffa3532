import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from borderzone.access.actors import Actor
from borderzone.reporting import services
from borderzone.reporting.models import Attachment, LinkRequest, Report, ReportStatus
from borderzone.reporting.tests.conftest import quarter_values

pytestmark = pytest.mark.django_db


def test_an_investor_lands_in_their_own_home_not_the_staff_area(client, owner, project):
    client.force_login(owner)
    response = client.get("/staff/", follow=True)
    assert response.redirect_chain[-1][0] == "/investor/"
    assert project.code in response.content.decode()


def test_an_investor_sees_nothing_of_projects_not_theirs(client, owner, other_project):
    client.force_login(owner)
    assert client.get(f"/investor/projects/{other_project.code}/").status_code == 404
    assert client.get(f"/investor/projects/{other_project.code}/reports/NDT-QUY/2025-Q1/").status_code == 404
    response = client.post(
        f"/investor/projects/{other_project.code}/reports/NDT-QUY/2025-Q1/", quarter_values() | {"submit": "1"}
    )
    assert response.status_code == 404
    assert Report.objects.count() == 0


def test_the_form_page_shows_last_periods_figures_and_names_errors(client, owner, project, actor):
    services.report_accept(
        report=services.report_save(
            project=project,
            form_code="NDT-QUY",
            period="2025-Q1",
            values=quarter_values(revenue=1234567),
            actor=Actor(user=owner, via="t"),
        ),
        actor=actor,
    )
    client.force_login(owner)
    url = f"/investor/projects/{project.code}/reports/NDT-QUY/2025-Q2/"
    page = client.get(url).content.decode()
    assert "1234567" in page and "2025-Q1" in page
    response = client.post(url, quarter_values(revenue="-1") | {"submit": "1"})
    assert response.status_code == 422
    assert "Doanh thu trong kỳ: không được âm." in response.content.decode()


def test_attachments_are_checked_by_content(client, owner, project):
    client.force_login(owner)
    url = f"/investor/projects/{project.code}/reports/NDT-QUY/2025-Q2/"
    fake = SimpleUploadedFile("baocao.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf")
    response = client.post(url, quarter_values() | {"submit": "1", "attachment": fake})
    assert response.status_code == 422
    assert Attachment.objects.count() == 0 and Report.objects.count() == 0
    pdf = SimpleUploadedFile(
        "baocao.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )
    response = client.post(url, quarter_values() | {"submit": "1", "attachment": pdf})
    assert response.status_code == 302
    assert Attachment.objects.get().report.status == ReportStatus.SUBMITTED


def test_a_specialist_confirms_a_link_request(client, zone, project, specialist):
    from borderzone.accounts.models import Role
    from borderzone.accounts.tests.factories import UserFactory

    newcomer = UserFactory(username="newcomer", role=Role.INVESTOR)
    investor = project.shares.first().investor
    investor.tax_code = "0101234567"
    investor.save()
    client.force_login(newcomer)
    wrong = client.post("/investor/link/", {"project_code": project.code, "tax_code": "999"})
    assert wrong.status_code == 422
    assert client.post("/investor/link/", {"project_code": project.code, "tax_code": "0101 234 567"}).status_code == 302
    request = LinkRequest.objects.get()
    client.force_login(specialist)
    assert client.post("/staff/investor-reports/links/", {"request": request.pk, "confirm": "1"}).status_code == 302
    client.force_login(newcomer)
    assert client.get(f"/investor/projects/{project.code}/").status_code == 200


def test_the_register_page_and_exports(client, specialist, zone, project):
    client.force_login(specialist)
    page = client.get(f"/staff/investor-reports/?zone={zone.code}&as_of=05/12/2026")
    assert page.status_code == 200
    assert "vi phạm" not in page.content.decode()
    csv = client.get(f"/staff/investor-reports/not-reported/?zone={zone.code}&as_of=05/12/2026&export=csv")
    text = csv.content.decode("utf-8-sig")
    assert project.code in text and "Chưa ghi nhận báo cáo" in text
