from __future__ import annotations

import datetime as dt

import pytest

from borderzone.trade.tests.factories import ProvinceBudgetFactory, TradeFigureFactory


def test_summary_answers_decimal_strings_and_ratio_numbers(client, zone, gate, fill_months):
    fill_months(gate, dt.date(2019, 1, 1), 24, export=100, imp=50, vat=1000)
    ProvinceBudgetFactory(zone=zone, year=2019, estimate_vnd=100000)
    response = client.get("/api/v1/trade/summary", {"from": "2019-01", "to": "2020-12", "zone": "ZA"})
    assert response.status_code == 200
    body = response.json()
    assert body["turnover_usd"] == "3600.00"
    assert body["export_usd"] == "2400.00"
    assert body["import_usd"] == "1200.00"
    assert body["revenue_vnd"] == "24000"
    assert body["turnover_growth"] == pytest.approx(0.0)
    assert body["revenue_share"] == {"2019": 0.12}
    assert body["growth_years"] == [2019, 2020]


def test_summary_of_one_gate(client, zone, gate, gate2, fill_months):
    fill_months(gate, dt.date(2020, 1, 1), 1, export=100, imp=0)
    fill_months(gate2, dt.date(2020, 1, 1), 1, export=7, imp=0)
    body = client.get("/api/v1/trade/summary?from=2020-01&to=2020-01&zone=ZA&gate=talung").json()
    assert body["turnover_usd"] == "7.00"
    assert body["gate"] == "TALUNG"


def test_summary_of_empty_span_is_zeros_and_null_growth(client, zone, gate):
    response = client.get("/api/v1/trade/summary?from=2001-01&to=2001-12&zone=ZA")
    assert response.status_code == 200
    body = response.json()
    assert body["turnover_usd"] == "0.00"
    assert body["revenue_vnd"] == "0"
    assert body["turnover_growth"] is None
    assert body["revenue_growth"] is None
    assert body["revenue_share"] == {}


@pytest.mark.parametrize("bad", ["2021-13", "2021-1", "abc", "2021-00"])
def test_summary_refuses_a_bad_month(client, zone, bad):
    response = client.get("/api/v1/trade/summary", {"from": bad, "to": "2021-12", "zone": "ZA"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "from"]


def test_summary_refuses_unknown_gate(client, zone):
    response = client.get("/api/v1/trade/summary?from=2021-01&to=2021-12&zone=ZA&gate=NOPE")
    assert response.status_code == 422


def test_summary_shows_provisional_figures_only_to_zone_staff(client, zone, gate, specialist, other_specialist):
    TradeFigureFactory(gate=gate, month=dt.date(2020, 1, 1), export_usd=100, import_usd=0, status="provisional")
    url = "/api/v1/trade/summary?from=2020-01&to=2020-01&zone=ZA"
    assert client.get(url).json()["export_usd"] == "0.00"
    client.force_login(other_specialist)
    assert client.get(url).json()["export_usd"] == "0.00"
    client.force_login(specialist)
    assert client.get(url).json()["export_usd"] == "100.00"


def test_series_by_quarter(client, zone, gate, fill_months):
    fill_months(gate, dt.date(2020, 1, 1), 6, export=10, imp=5)
    body = client.get("/api/v1/trade/series?period=quarter&from=2020-01&to=2020-12&zone=ZA").json()
    assert body == [
        {
            "period": "2020-01",
            "gate": None,
            "turnover_usd": "45.00",
            "export_usd": "30.00",
            "import_usd": "15.00",
            "revenue_vnd": "3000",
            "months": 3,
        },
        {
            "period": "2020-04",
            "gate": None,
            "turnover_usd": "45.00",
            "export_usd": "30.00",
            "import_usd": "15.00",
            "revenue_vnd": "3000",
            "months": 3,
        },
    ]
    assert client.get("/api/v1/trade/series?period=week&zone=ZA").status_code == 422
