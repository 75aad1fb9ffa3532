"""A trade forecast whose worker died is marked failed with a readable reason and can be run again; none stays
"running" forever (issue 14)."""

from __future__ import annotations

import datetime as dt
from datetime import timedelta

import pytest
from django.utils import timezone

from borderzone.core.cache import current_version, zone_scopes
from borderzone.trade.models import ForecastStatus, TradeForecast
from borderzone.trade.services import forecasts_sweep_stale
from borderzone.trade.tasks import run_trade_forecast

pytestmark = pytest.mark.django_db


def _running(zone, *, quiet_for: timedelta, version: str | None = None) -> TradeForecast:
    moment = timezone.now() - quiet_for
    forecast = TradeForecast.objects.create(
        zone=zone,
        data_version=version or current_version(*zone_scopes(("trade",), zone.pk)),
        status=ForecastStatus.RUNNING,
        steps_total=10,
    )
    TradeForecast.objects.filter(pk=forecast.pk).update(started_at=moment, heartbeat_at=moment, steps_done=4)
    return TradeForecast.objects.get(pk=forecast.pk)


def test_a_forecast_whose_worker_died_is_marked_failed_and_a_live_one_is_left_alone(zone, other_zone, settings):
    settings.REPORT_JOB_STALE_MINUTES = 15
    dead = _running(zone, quiet_for=timedelta(minutes=30))
    alive = _running(other_zone, quiet_for=timedelta(minutes=2))
    assert forecasts_sweep_stale() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == ForecastStatus.FAILED and dead.stalled and dead.finished_at is not None
    assert "15" in dead.error
    assert alive.status == ForecastStatus.RUNNING


def test_the_forecast_page_shows_a_dead_forecast_failed_and_runs_it_again(
    client, zone, gate, specialist, fill_months, django_capture_on_commit_callbacks
):
    fill_months(gate, dt.date(2020, 1, 1), 30)
    dead = _running(zone, quiet_for=timedelta(hours=1))
    client.force_login(specialist)
    page = client.get("/staff/trade/forecast/?zone=ZA")
    assert page.status_code == 200
    dead.refresh_from_db()
    assert dead.status == ForecastStatus.FAILED
    assert "tiến trình tính toán không phản hồi trong 15 phút" in page.text
    assert f"/staff/trade/forecast/{dead.pk}/rerun/" in page.text

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(f"/staff/trade/forecast/{dead.pk}/rerun/")
    assert response.status_code == 302 and response["Location"] == "/staff/trade/forecast/?zone=ZA"
    assert len(callbacks) == 1  # queued once; the test's task backend runs it at once
    dead.refresh_from_db()
    assert dead.status == ForecastStatus.DONE and not dead.stalled and dead.error == ""
    assert dead.heartbeat_at is not None and dead.started_at is not None
    # A forecast that did not stall is not run again.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(f"/staff/trade/forecast/{dead.pk}/rerun/")
    assert callbacks == []


def test_another_zones_specialist_cannot_rerun_a_forecast(client, zone, other_specialist):
    dead = _running(zone, quiet_for=timedelta(hours=1))
    forecasts_sweep_stale()
    client.force_login(other_specialist)
    assert client.post(f"/staff/trade/forecast/{dead.pk}/rerun/").status_code == 404
    dead.refresh_from_db()
    assert dead.status == ForecastStatus.FAILED


def test_a_forecast_run_by_the_worker_records_its_heartbeat(zone, gate, fill_months):
    fill_months(gate, dt.date(2020, 1, 1), 30)
    forecast = TradeForecast.objects.create(zone=zone, data_version="x")
    before = timezone.now()
    run_trade_forecast.call(forecast.pk)
    forecast.refresh_from_db()
    assert forecast.status == ForecastStatus.DONE
    assert forecast.started_at >= before and forecast.heartbeat_at >= forecast.started_at
