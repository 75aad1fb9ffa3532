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
    dashboard = client.get(f"/staff/dashboard/?zone={zone.pk}&as_of={today:%d/%m/%Y}").content.decode()
    assert "Nhà đầu tư đã báo cáo năm" in dashboard
