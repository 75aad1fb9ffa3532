"""Incentives, calls for investment and sectors in Vietnamese with optional English and Chinese versions."""

import pytest
from django.urls import reverse
from django.utils import translation

from borderzone.access.audit import history_for
from borderzone.promotion import services
from borderzone.promotion.models import Incentive, InvestmentCall, Sector

pytestmark = pytest.mark.django_db


def _url(name, lang, *args):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.fixture
def incentive(make_incentive, sectors):
    return make_incentive(
        title_en="Corporate income tax at 10% for 15 years",
        title_zh="15年内适用10%的企业所得税税率",
        description_en="Income from a new project is taxed at 10% for 15 years.",
        sectors=[sectors["C"]],
    )


@pytest.fixture
def call(make_call, sectors):
    return make_call(
        sectors=[sectors["10"]],
        title_en="Tra Linh bonded warehouse",
        title_zh="茶岭保税仓库",
        objectives_zh="服务进出口货物的5公顷保税仓库。",
        investment_form="Đấu thầu lựa chọn nhà đầu tư",
        investment_form_en="Investor selected by tender",
    )


def test_incentives_page_in_english_and_chinese_falls_back_to_vietnamese(client, incentive, sectors, actor):
    services.sector_rename(sector=sectors["C"], actor=actor, name_en="Manufacturing", name_zh="制造业")
    english = client.get(_url("investing:home", "en")).content.decode()
    assert "Corporate income tax at 10% for 15 years" in english
    assert "Income from a new project is taxed at 10% for 15 years." in english
    assert "C – Manufacturing" in english
    assert "Article 13(1), " in english and "Điều 13, khoản 1" not in english  # the clause, cited in English
    chinese = client.get(_url("investing:home", "zh-hans")).content.decode()
    assert "15年内适用10%的企业所得税税率" in chinese and "C – 制造业" in chinese
    assert "第13条第1款, " in chinese
    # No Chinese description: the Vietnamese one, not the English one.
    assert "Áp dụng thuế suất 10% trong 15 năm." in chinese and "Income from a new project" not in chinese
    vietnamese = client.get(_url("investing:home", "vi")).content.decode()
    assert "Thuế suất thu nhập doanh nghiệp 10% trong 15 năm" in vietnamese
    assert "Điều 13, khoản 1, " in vietnamese
    assert "Corporate income tax" not in vietnamese


def test_call_page_in_english_and_chinese_falls_back_to_vietnamese(client, call, incentive):
    english = client.get(_url("investing:call", "en", call.pk)).content.decode()
    assert "<h1>Tra Linh bonded warehouse</h1>" in english and "Investor selected by tender" in english
    assert "Kho ngoại quan 5 ha phục vụ hàng hóa xuất nhập khẩu." in english  # no English objectives
    assert "Corporate income tax at 10% for 15 years" in english  # the incentive that applies
    chinese = client.get(_url("investing:call", "zh-hans", call.pk)).content.decode()
    assert "<h1>茶岭保税仓库</h1>" in chinese and "服务进出口货物的5公顷保税仓库。" in chinese
    assert "Đấu thầu lựa chọn nhà đầu tư" in chinese  # no Chinese form of investment
    assert "Investor selected by tender" not in chinese


def test_specialist_saves_other_language_versions_of_incentives_and_calls(client, specialist, zone, law, incentive):
    client.force_login(specialist)
    page = client.get(reverse("investing:staff-incentive-edit", args=[incentive.pk])).content.decode()
    assert '<details class="other-languages" open>' in page and 'name="description_zh"' in page
    response = client.post(
        reverse("investing:staff-incentive-edit", args=[incentive.pk]),
        {
            "zone": zone.pk,
            "title": incentive.title,
            "title_en": incentive.title_en,
            "title_zh": incentive.title_zh,
            "kind": incentive.kind,
            "description": incentive.description,
            "description_zh": "新项目的所得在15年内适用10%的税率。",
            "area_scope": "whole_zone",
            "document": law.pk,
            "clause": incentive.clause,
            "clause_text": incentive.clause_text,
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    incentive.refresh_from_db()
    assert incentive.description_zh == "新项目的所得在15年内适用10%的税率。" and incentive.description_en == ""
    response = client.post(
        reverse("investing:staff-call-create"),
        {
            "zone": zone.pk,
            "title": "Khu dịch vụ logistics",
            "title_en": "Logistics services area",
            "title_zh": "物流服务区",
            "objectives": "Kho bãi",
            "objectives_en": "Warehouses",
            "investment_form": "Đấu giá",
            "investment_form_zh": "拍卖",
            "latitude": "22.7",
            "longitude": "106.2",
            "land_area_ha": "12.5",
            "capital_currency": "VND",
            "status": "open",
            "is_published": "on",
        },
    )
    assert response.status_code == 302
    saved = InvestmentCall.objects.get(title="Khu dịch vụ logistics")
    assert (saved.title_zh, saved.objectives_en, saved.objectives_zh, saved.investment_form_zh) == (
        "物流服务区",
        "Warehouses",
        "",
        "拍卖",
    )
    assert history_for(saved).get(action="created").changes["title_zh"] == [None, "物流服务区"]


def test_administrator_adds_a_sector_with_its_chinese_name(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("investing:staff-sector-create"),
        {"classification": "VSIC2025", "level": "section", "code": "F", "name": "Xây dựng", "name_zh": "建筑业"},
    )
    assert response.status_code == 302
    sector = Sector.objects.get(code="F")
    assert (sector.name_en, sector.name_zh) == ("", "建筑业")
    with translation.override("zh-hans"):
        assert str(sector) == "F – 建筑业"
    with translation.override("en"):
        assert str(sector) == "F – Xây dựng"


def test_audit_rows_record_the_new_versions(incentive, actor):
    services.incentive_update(incentive=incentive, actor=actor, description_zh="说明")
    assert history_for(incentive).filter(action="updated").first().changes["description_zh"] == ["", "说明"]
    assert Incentive.objects.get(pk=incentive.pk).description_zh == "说明"


def test_api_adds_the_requested_language_and_keeps_its_fields(client, call, incentive):
    data = client.get(f"/api/v1/investing/calls/{call.pk}", {"lang": "zh-hans"}).json()
    assert data["title"] == "Kho ngoại quan Trà Lĩnh"
    assert (data["title_en"], data["title_zh"]) == ("Tra Linh bonded warehouse", "茶岭保税仓库")
    assert data["objectives"] == "Kho ngoại quan 5 ha phục vụ hàng hóa xuất nhập khẩu."
    assert data["lang"] == "zh-hans"
    assert data["localized"] == {
        "title": "茶岭保税仓库",
        "objectives": "服务进出口货物的5公顷保税仓库。",
        "investment_form": "Đấu thầu lựa chọn nhà đầu tư",
    }
    assert data["incentives"][0]["localized"]["title"] == "15年内适用10%的企业所得税税率"
    listed = client.get("/api/v1/investing/incentives", headers={"accept-language": "en"}).json()[0]
    assert listed["lang"] == "en" and listed["title"] == "Thuế suất thu nhập doanh nghiệp 10% trong 15 năm"
    assert listed["localized"]["description"] == "Income from a new project is taxed at 10% for 15 years."
    calls = client.get("/api/v1/investing/calls").json()
    assert calls[0]["lang"] == "vi" and calls[0]["localized"]["title"] == "Kho ngoại quan Trà Lĩnh"
