from __future__ import annotations

import datetime as dt
import re

import pytest

from borderzone.trade.models import ForecastStatus, TradeFigure, TradeForecast
from borderzone.trade.tests.factories import TradeFigureFactory
from borderzone.trade.tests.test_forecasting import generated_series, make_forecast


def test_public_page_shows_published_figures_charts_and_tables(client, zone, gate, fill_months, settings):
    settings.DEFAULT_ZONE_CODE = "ZA"
    fill_months(gate, dt.date(2019, 1, 1), 24, export=1_000_000, imp=500_000)
    TradeFigureFactory(gate=gate, month=dt.date(2021, 1, 1), export_usd=9_999_999, status="provisional")
    page = client.get("/trade/")
    assert page.status_code == 200
    text = page.text
    assert 'id="trade-data"' in text and 'id="chart-monthly"' in text
    assert "36 triệu USD" in text  # 24 months × 1.5 million
    assert "2019" in text and "2020" in text
    assert "<script>" not in text.replace('<script type="application/json"', "")  # no inline scripts
    assert "9.999.999" not in text


def test_public_page_answers_422_to_a_bad_month(client, zone, gate, settings):
    settings.DEFAULT_ZONE_CODE = "ZA"
    page = client.get("/trade/?from=2021-13")
    assert page.status_code == 422
    assert "2021-13" in page.text


def test_staff_page_is_for_staff_of_the_zone(client, zone, gate, specialist, investor, settings):
    settings.DEFAULT_ZONE_CODE = "ZA"
    assert client.get("/staff/trade/").status_code == 302
    client.force_login(investor)
    assert client.get("/staff/trade/").status_code == 404
    client.force_login(specialist)
    assert client.get("/staff/trade/").status_code == 200


def test_import_page_previews_then_imports(client, zone, gate, specialist):
    client.force_login(specialist)
    upload = ("t.csv", b"gate,month,export_usd,import_usd\ntra linh,2021-01,100,50\n")
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.post("/staff/trade/import/?zone=ZA", {"file": SimpleUploadedFile(*upload), "zone": "ZA"})
    assert page.status_code == 200
    assert TradeFigure.objects.count() == 0
    data = re.search(r'name="data" value="([^"]+)"', page.text).group(1)
    done = client.post("/staff/trade/import/", {"confirm": "1", "zone": "ZA", "data": data, "filename": "t.csv"})
    assert done.status_code == 302
    assert TradeFigure.objects.get().export_usd == 100


def test_import_page_shows_row_errors_with_422(client, zone, gate, specialist):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(specialist)
    upload = SimpleUploadedFile("t.csv", b"gate,month,export_usd,import_usd\ntra linh,2021-13,100,50\n")
    page = client.post("/staff/trade/import/", {"file": upload, "zone": "ZA"})
    assert page.status_code == 422
    assert "dòng 1, month" in page.text


def test_import_page_is_refused_to_a_leader(client, zone, leader):
    client.force_login(leader)
    assert client.get("/staff/trade/import/?zone=ZA").status_code == 403


def test_template_downloads(client):
    csv = client.get("/trade/template.csv")
    assert csv.status_code == 200
    assert csv.content.decode("utf-8-sig").startswith("gate,month,export_usd,import_usd")
    assert client.get("/trade/template.xlsx").content[:2] == b"PK"
    assert client.get("/trade/template.pdf").status_code == 404


def test_forecast_page_shows_progress_while_the_task_waits(client, zone, gate, specialist, fill_months):
    client.force_login(specialist)
    fill_months(gate, dt.date(2020, 1, 1), 30)
    page = client.get("/staff/trade/forecast/?zone=ZA")  # on_commit not run: the task is still waiting
    assert page.status_code == 200
    forecast = TradeForecast.objects.get()
    assert f'hx-get="/staff/trade/forecast/{forecast.pk}/progress/"' in page.text
    progress = client.get(f"/staff/trade/forecast/{forecast.pk}/progress/")
    assert progress.status_code == 200 and "HX-Refresh" not in progress


def test_forecast_page_shows_errors_and_scenario(client, zone, gate, specialist):
    client.force_login(specialist)
    forecast = make_forecast(zone)
    forecast.result.update(
        model="sarima",
        model_label="SARIMA",
        mape=0.2,
        naive_mape=0.1,
        beats_naive=False,
        origins=3,
        history_months=["2025-06"],
        history=[1000],
    )
    forecast.save()
    from borderzone.core.cache import current_version, zone_scopes

    version = current_version(*zone_scopes(("trade",), forecast.zone_id))
    TradeForecast.objects.filter(pk=forecast.pk).update(data_version=version)
    page = client.get(
        "/staff/trade/forecast/?zone=ZA&months=6&start=2025-08&closed_gate=&fall_percent=50&fall_direction=export"
    )
    assert page.status_code == 200
    assert "không tốt hơn" in page.text  # the worse-than-naive warning
    assert "20%" in page.text and "10%" in page.text
    assert "Doanh thu kịch bản" in page.text or "kịch bản" in page.text


@pytest.mark.django_db
def test_forecast_api_runs_the_task_and_answers_points_with_intervals(
    client, zone, gate, specialist, django_capture_on_commit_callbacks
):
    y = generated_series(60)
    for i, value in enumerate(y):
        TradeFigureFactory(
            gate=gate, month=dt.date(2020 + i // 12, i % 12 + 1, 1), export_usd=round(value), import_usd=0
        )
    client.force_login(specialist)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get("/api/v1/trade/forecast?months=6&zone=ZA")
    assert first.status_code == 202
    body = client.get("/api/v1/trade/forecast?months=6&zone=ZA").json()
    assert body["status"] == ForecastStatus.DONE
    assert len(body["points"]) == 6
    point = body["points"][0]
    assert point["month"] == "2025-01"
    assert float(point["lo95_usd"]) <= float(point["lo80_usd"]) <= float(point["value_usd"]) <= float(point["hi95_usd"])
    assert body["mape"] is not None and body["naive_mape"] is not None
    assert body["model"] in {"holt_winters", "sarima"}


def test_forecast_api_is_for_staff(client, zone, other_specialist):
    assert client.get("/api/v1/trade/forecast?zone=ZA").status_code == 401
    client.force_login(other_specialist)
    assert client.get("/api/v1/trade/forecast?zone=ZA").status_code == 404
    client.logout()


def test_forecast_api_refuses_more_than_24_months(client, zone, specialist):
    client.force_login(specialist)
    assert client.get("/api/v1/trade/forecast?zone=ZA&months=25").status_code == 422


def test_figure_page_shows_earlier_values(client, zone, gate, specialist, other_specialist, actor):
    from borderzone.trade.services import figure_record

    figure, _ = figure_record(
        gate=gate, month=dt.date(2021, 1, 1), values={"export_usd": 100}, source="HQ sơ bộ", actor=actor
    )
    figure_record(gate=gate, month=dt.date(2021, 1, 1), values={"export_usd": 120}, source="HQ chính thức", actor=actor)
    client.force_login(other_specialist)
    assert client.get(f"/staff/trade/figures/{figure.pk}/").status_code == 404
    client.force_login(specialist)
    page = client.get(f"/staff/trade/figures/{figure.pk}/")
    assert page.status_code == 200
    assert "HQ sơ bộ" in page.text and "điều chỉnh" in page.text


def test_budget_form_records_a_year_and_refuses_bad_input(client, zone, specialist, leader):
    from borderzone.trade.models import ProvinceBudget

    client.force_login(leader)
    assert client.get("/staff/trade/budget/?zone=ZA").status_code == 403
    client.force_login(specialist)
    bad = client.post(
        "/staff/trade/budget/", {"zone": "ZA", "year": "2024", "estimate_vnd": "-5", "status": "final", "source": "STC"}
    )
    assert bad.status_code == 422
    ok = client.post(
        "/staff/trade/budget/",
        {
            "zone": "ZA",
            "year": "2024",
            "estimate_vnd": "5000000",
            "collection_target_vnd": "900000",
            "status": "final",
            "source": "STC",
        },
    )
    assert ok.status_code == 302
    budget = ProvinceBudget.objects.get(zone=zone, year=2024)
    assert (budget.estimate_vnd, budget.collection_target_vnd) == (5000000, 900000)


def test_budget_form_starts_from_the_recorded_year_carries_its_zone_and_leads_back_to_trade(
    client, zone, specialist, actor
):
    from borderzone.trade import services

    services.budget_record(zone=zone, year=2023, estimate_vnd=7000000, source="STC", actor=actor)
    client.force_login(specialist)
    page = client.get("/staff/trade/budget/?zone=ZA&year=2023")
    assert page.status_code == 200
    assert '<input type="hidden" name="zone" value="ZA">' in page.text
    assert 'value="7000000"' in page.text and "<h1>" in page.text
    saved = client.post(
        "/staff/trade/budget/?zone=ZA",
        {"zone": "ZA", "year": "2023", "estimate_vnd": "8000000", "status": "final", "source": "STC"},
    )
    assert saved.status_code == 302 and saved["Location"] == "/staff/trade/?zone=ZA"


def test_forecast_page_keeps_the_last_forecast_readable_while_a_new_one_runs(client, zone, gate, specialist):
    from django.utils import timezone

    client.force_login(specialist)
    old = make_forecast(zone)
    old.result.update(
        model="sarima",
        model_label="SARIMA (0,1,1)",
        mape=0.05,
        naive_mape=0.1,
        beats_naive=True,
        origins=3,
        history_months=["2025-06"],
        history=[1000],
    )
    old.finished_at = timezone.now()
    old.save()
    page = client.get("/staff/trade/forecast/?zone=ZA")
    assert page.status_code == 200
    current = TradeForecast.objects.exclude(pk=old.pk).get()
    assert current.status == ForecastStatus.PENDING
    assert f"/staff/trade/forecast/{current.pk}/progress/" in page.text
    assert "SARIMA (0,1,1)" in page.text
