from __future__ import annotations

import pytest

from borderzone.infrastructure.models import AnnualFunding, InfrastructureWork
from borderzone.infrastructure.tests.factories import BILLION, FundingFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_zone(settings, zone):
    settings.DEFAULT_ZONE_CODE = zone.code


def test_the_page_shows_the_summary_of_the_span_in_vietnamese_formats(client, zone):
    work = WorkFactory(zone=zone, capital_need_vnd=1230 * BILLION, plan_period="2016-2020")
    FundingFactory(work=work, year=2017, allocated_vnd=8594 * BILLION / 10)
    html = client.get("/infrastructure/", {"from_year": 2010, "to_year": 2020}).content.decode()
    assert "1.230 tỷ đồng" in html
    assert "859,4 tỷ đồng" in html
    assert "69,9%" in html
    assert "(2011–2015, 2016–2020): 1 công trình" in html


def test_a_span_without_data_shows_zeros_and_no_coverage(client, zone):
    WorkFactory(zone=zone)
    response = client.get("/infrastructure/", {"from_year": 2001, "to_year": 2003})
    assert response.status_code == 200
    html = response.content.decode()
    facts = html[html.index('id="capital-summary"') : html.index("</dl>", html.index('id="capital-summary"'))]
    assert facts.count("<dd>0 đồng</dd>") == 4
    assert "<dd>–</dd>" in facts


def test_a_span_ending_before_it_starts_is_refused_on_the_page(client, zone):
    response = client.get("/infrastructure/", {"from_year": 2020, "to_year": 2010})
    assert response.status_code == 422
    assert 'id="id_to_year_error"' in response.content.decode()


def _work_post(**overrides):
    data = {
        "code": "HT-1",
        "name": "Bãi xe",
        "kind": "yard",
        "location": "Tà Lùng",
        "owner": "Ban Quản lý",
        "plan_period": "2021-2025",
        "capital_need_vnd": "45000000000",
        "status": "implementation",
        "physical_progress_percent": "10",
        "is_published": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"capital_need_vnd": "-1"}, "capital_need_vnd"),
        ({"capital_need_vnd": "12,5 tỷ"}, "capital_need_vnd"),
        ({"plan_period": "2012-2016"}, "plan_period"),
        ({"start_date": "2024-01-01", "planned_completion": "2023-01-01"}, "planned_completion"),
    ],
)
def test_the_work_form_refuses_bad_input(client, zone, specialist, overrides, field):
    client.force_login(specialist)
    response = client.post(f"/staff/infrastructure/{zone.code}/works/new/", _work_post(**overrides))
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in response.content.decode()
    assert InfrastructureWork.objects.count() == 0


def test_a_specialist_adds_a_work(client, zone, specialist):
    client.force_login(specialist)
    assert client.post(f"/staff/infrastructure/{zone.code}/works/new/", _work_post()).status_code == 302
    assert InfrastructureWork.objects.get().capital_need_vnd == 45 * BILLION


def test_an_allocation_above_need_is_saved_with_a_warning_and_the_work_is_flagged(client, zone, specialist):
    work = WorkFactory(zone=zone, capital_need_vnd=45 * BILLION, plan_period="2021-2025")
    client.force_login(specialist)
    response = client.post(
        f"/staff/infrastructure/works/{work.pk}/funding/new/",
        {
            "year": "2022",
            "source": "provincial",
            "allocated_vnd": "48000000000",
            "disbursed_vnd": "0",
            "treasury_confirmed_vnd": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert AnnualFunding.objects.filter(work=work).count() == 1
    assert "⚠" in html


def test_the_funding_form_refuses_a_treasury_amount_above_disbursement(client, zone, specialist):
    work = WorkFactory(zone=zone)
    client.force_login(specialist)
    response = client.post(
        f"/staff/infrastructure/works/{work.pk}/funding/new/",
        {
            "year": "2018",
            "source": "central",
            "allocated_vnd": "100",
            "disbursed_vnd": "50",
            "treasury_confirmed_vnd": "60",
        },
    )
    assert response.status_code == 422
    assert 'id="id_treasury_confirmed_vnd_error"' in response.content.decode()


def test_an_unpublished_work_is_404_for_the_public_and_other_zones(client, zone, other_specialist):
    work = WorkFactory(zone=zone, is_published=False)
    assert client.get(f"/infrastructure/works/{work.pk}/").status_code == 404
    client.force_login(other_specialist)
    assert client.get(f"/infrastructure/works/{work.pk}/").status_code == 404


def test_a_leader_reads_but_cannot_edit_works(client, zone, leader):
    work = WorkFactory(zone=zone, is_published=False)
    client.force_login(leader)
    assert client.get(f"/infrastructure/works/{work.pk}/").status_code == 200
    assert client.get(f"/staff/infrastructure/works/{work.pk}/edit/").status_code == 403
