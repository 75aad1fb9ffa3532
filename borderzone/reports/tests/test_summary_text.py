import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from borderzone.register.tests.factories import make_project


@pytest.fixture
def demo(db, settings):
    settings.DEFAULT_ZONE_CODE = "CB"
    call_command("load_demo", stdout=StringIO())


def _text(client, **params):
    response = client.get("/api/v1/reports/summary-text", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_vietnamese_summary_of_21_09_2020_reads_like_the_article(client, demo):
    body = _text(client, as_of="2020-09-21", lang="vi", zone="CB")
    assert (body["from_year"], body["to_year"]) == (2010, 2020)
    investment, trade, infrastructure, *_rest = body["paragraphs"]
    assert investment.startswith(
        "Đến ngày 21/09/2020, trong Khu KTCK Cao Bằng có 74 dự án đầu tư trong và ngoài nước, trong đó: "
        "9 dự án nước ngoài đăng ký đầu tư 11 triệu USD và 618 tỷ đồng (giải ngân 200 tỷ đồng); "
        "65 dự án đầu tư trong nước đăng ký đầu tư 12.373 tỷ đồng (giải ngân 500 tỷ đồng)."
    )
    assert (
        "Đã có 33 dự án đi vào hoạt động, 35 dự án đang triển khai, 6 dự án chưa triển khai hoặc tạm ngừng."
        in investment
    )
    # 18 flagged: every project is judged by the law in force on 21/09/2020, also those certified before 2015.
    assert "18 dự án chậm tiến độ so với cam kết trong giấy chứng nhận đăng ký đầu tư, trong đó 18 dự án" in investment
    assert trade.startswith(
        "Giai đoạn 2010–2020, kim ngạch xuất nhập khẩu qua các cửa khẩu trong khu đạt 16,35 tỷ USD, "
        "bình quân tăng 25,5%/năm giai đoạn 2010–2020 (các năm đủ số liệu)."
    )
    assert "Tổng thu ngân sách trên địa bàn khu đạt 3.850 tỷ đồng, bình quân tăng 9,3%/năm giai đoạn 2010–2020" in trade
    assert infrastructure == (
        "Giai đoạn 2010–2020, tổng nhu cầu vốn đầu tư hạ tầng cửa khẩu khoảng 1.230 tỷ đồng; "
        "đã bố trí 859,4 tỷ đồng, đáp ứng 69,9% nhu cầu."
    )


def test_the_english_summary_reads_naturally(client, demo):
    body = _text(client, as_of="2020-09-21", lang="en", zone="CB")
    text = body["text"]
    assert text.startswith(
        "As of 21 Sep 2020, the Cao Bang Border-Gate Economic Zone has 74 domestic and foreign investment projects, of which: "
        "9 foreign-invested projects registering USD 11 million and VND 618 billion (VND 200 billion disbursed); "
        "65 domestic projects registering VND 12,373 billion (VND 500 billion disbursed)."
    )
    assert "33 projects are operating, 35 are being implemented, 6 have not started or are suspended." in text
    assert "reached USD 16.35 billion, growing 25.5% a year on average between 2010 and 2020 (complete years)." in text
    assert "VND 1,230 billion of investment; VND 859.4 billion was allocated, meeting 69.9% of the need." in text


def test_the_summary_follows_the_data_made_here_on_two_dates(client, zone, actor):
    make_project(
        zone,
        actor,
        name="Kho A",
        ownership="foreign",
        currency="USD",
        total_capital=Decimal(2_500_000),
        issued_on=dt.date(2019, 3, 1),
        status="implementing",
    )
    make_project(
        zone,
        actor,
        name="Bãi B",
        issued_on=dt.date(2021, 5, 4),
        total_capital=Decimal(45_000_000_000),
        status="operating",
    )

    early = _text(client, as_of="2020-06-30", lang="vi", zone=zone.code)
    # Only the foreign project exists; no trade, infrastructure or plan data: those sentences are left out.
    assert early["paragraphs"] == [
        "Đến ngày 30/06/2020, trong " + zone.name + " có 1 dự án đầu tư trong và ngoài nước, trong đó: "
        "1 dự án nước ngoài đăng ký đầu tư 2,5 triệu USD. 1 dự án đang triển khai."
    ]
    later = _text(client, as_of="2022-01-01", lang="en", zone=zone.code)
    assert later["paragraphs"] == [
        "As of 1 Jan 2022, the " + zone.name_en + " has 2 domestic and foreign investment projects, of which: "
        "1 foreign-invested project registering USD 2.5 million; 1 domestic project registering VND 45 billion. "
        "1 project is operating, 1 is being implemented."
    ]
    assert _text(client, as_of="2018-01-01", lang="en", zone=zone.code)["paragraphs"] == []


def test_bad_parameters_answer_422(client, zone):
    assert client.get("/api/v1/reports/summary-text", {"as_of": "2020-13-01", "zone": zone.code}).status_code == 422
    assert (
        client.get("/api/v1/reports/summary-text", {"as_of": "2020-01-01", "lang": "fr", "zone": zone.code}).status_code
        == 422
    )
    response = client.get(
        "/api/v1/reports/summary-text", {"as_of": "2020-01-01", "zone": zone.code, "from_year": 2021, "to_year": 2020}
    )
    assert response.status_code == 422
    assert client.get("/api/v1/reports/summary-text", {"as_of": "2020-01-01", "zone": "NOPE"}).status_code == 404
    for query, field in (
        ({"as_of": "0001-01-01"}, "as_of"),
        ({"as_of": "2020-01-01", "from_year": 2030}, "to_year"),
        ({"as_of": "2020-01-01", "from_year": -5, "to_year": 2020}, "from_year"),
    ):
        response = client.get("/api/v1/reports/summary-text", {**query, "zone": zone.code})
        assert response.status_code == 422, query
        assert response.json()["detail"][0]["loc"][-1] == field


def test_the_summary_page_is_for_staff(client, zone, leader, investor, actor, settings):
    settings.DEFAULT_ZONE_CODE = zone.code
    make_project(zone, actor, name="Kho A", issued_on=dt.date(2019, 3, 1))
    assert client.get("/staff/summary/").status_code == 302
    client.force_login(investor)
    assert client.get("/staff/summary/").status_code == 404
    client.force_login(leader)
    page = client.get("/staff/summary/", {"as_of": "01/01/2020", "language": "vi"})
    assert page.status_code == 200
    assert "Đến ngày 01/01/2020, trong " + zone.name + " có 1 dự án" in page.text
    assert client.get("/staff/summary/", {"from_year": "2021", "to_year": "2020"}).status_code == 422
