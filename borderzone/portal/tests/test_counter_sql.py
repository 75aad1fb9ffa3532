"""The counter's single statement on PostgreSQL (`selectors._counts_in_sql`) gives what the rules of
`portal/visits.py` give (`_counts_in_python`), for any run of views, folded or not, across midnight and
around the half-hour gap."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderzone.portal import selectors, services
from borderzone.portal.models import VisitLog

# Ten minutes after a local midnight: views of the run fall on both days.
BASE = dt.datetime(2026, 12, 6, 0, 10, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # the zones' time zone
OFFSETS = st.one_of(
    st.integers(min_value=-3 * 3600, max_value=120),
    st.sampled_from([-1801, -1800, -1799, -600, -601, -1200, -2400, 0, -10]),
)
VIEW = st.tuples(OFFSETS, st.sampled_from(["a", "b", "c", "d"]), st.booleans(), st.sampled_from(["/", "/news/"]))


def _postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the counter's single statement runs on PostgreSQL (elsewhere the rules run in Python)")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(views=st.lists(VIEW, max_size=25), folded=st.integers(min_value=0, max_value=25), late=st.integers(0, 900))
def test_the_counters_statement_agrees_with_the_rules(db, views, folded, late):
    _postgresql()
    with transaction.atomic():
        for offset, visitor, bot, path in views:
            VisitLog.objects.create(at=BASE + dt.timedelta(seconds=offset), visitor=visitor, path_key=path, is_bot=bot)
        if folded:
            services.visits_aggregate(batch=folded)  # the worker folded the oldest ones
        moment = BASE + dt.timedelta(seconds=late)
        assert selectors._counts_in_sql(moment) == selectors._counts_in_python(moment)
        transaction.set_rollback(True)


def test_the_counters_statement_hands_views_older_than_its_days_back_to_the_rules(db, monkeypatch):
    _postgresql()
    monkeypatch.setattr(services, "AGGREGATE_EVERY", 10**9)  # the views stay unfolded, whatever their ids
    old = BASE - dt.timedelta(days=5)
    for minutes in (0, 20, 70):
        services.visit_record(visitor="h1", path_key="/", bot=False, now=old + dt.timedelta(minutes=minutes))
    services.visit_record(visitor="h1", path_key="/", bot=False, now=BASE)
    assert selectors._counts_in_sql(BASE) is None
    counts = selectors.visitor_counts(now=BASE)
    assert (counts.total, counts.today, counts.online) == (3, 1, 1)


def test_a_first_view_after_midnight_is_a_new_visit_on_the_new_day(db, monkeypatch):
    monkeypatch.setattr(services, "AGGREGATE_EVERY", 10**9)  # no fold but ours, whatever the id sequence says
    before_midnight = BASE - dt.timedelta(minutes=15)
    services.visit_record(visitor="h1", path_key="/", bot=False, now=before_midnight)
    services.visit_record(visitor="h1", path_key="/news/", bot=False, now=BASE - dt.timedelta(minutes=5))
    counts = selectors.visitor_counts(now=BASE)
    assert (counts.total, counts.today) == (2, 1)
    services.visits_aggregate()
    assert selectors.visitor_counts(now=BASE) == counts


def test_the_visit_log_is_vacuumed_once_a_thousand_rows_died_whatever_its_size(db):
    _postgresql()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)",
            [["portal_visitlog", "portal_visitorpresence"]],
        )
        options = dict(cursor.fetchall())
    for table in ("portal_visitlog", "portal_visitorpresence"):
        assert "autovacuum_vacuum_scale_factor=0.0" in options[table]
        assert "autovacuum_vacuum_threshold=1000" in options[table]
