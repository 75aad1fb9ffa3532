import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from borderzone.reporting.periods import Period, due_date, parse_period, periods_ending_between


@pytest.mark.parametrize(
    ("key", "start", "end"),
    [
        ("2026-Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
        ("2024-H1", dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
        ("2025", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    ],
)
def test_period_keys_give_their_first_and_last_day(key, start, end):
    period = parse_period(key)
    assert (period.key, period.start, period.end) == (key, start, end)


@pytest.mark.parametrize(
    ("key", "months", "day", "due"),
    [
        ("2026-Q3", 1, 10, dt.date(2026, 10, 10)),  # quarterly: 10th of the next quarter's first month
        ("2026-Q4", 1, 10, dt.date(2027, 1, 10)),  # across the year end
        ("2026-Q1", 1, 10, dt.date(2026, 4, 10)),
        ("2025", 3, 31, dt.date(2026, 3, 31)),  # annual: 31 March of the next year
        ("2026-H1", 1, 10, dt.date(2026, 7, 10)),
        ("2026-H2", 1, 31, dt.date(2027, 1, 31)),
        ("2026-Q4", 2, 31, dt.date(2027, 2, 28)),  # a short month takes its last day
    ],
)
def test_due_dates_around_quarter_and_year_ends(key, months, day, due):
    assert due_date(parse_period(key).end, months, day) == due


def test_periods_ending_between_takes_only_whole_periods():
    keys = [p.key for p in periods_ending_between("quarter", dt.date(2025, 1, 1), dt.date(2025, 9, 30))]
    assert keys == ["2025-Q1", "2025-Q2", "2025-Q3"]
    assert [p.key for p in periods_ending_between("quarter", dt.date(2025, 1, 1), dt.date(2025, 9, 29))] == [
        "2025-Q1",
        "2025-Q2",
    ]


@pytest.mark.parametrize("text", ["2026-Q5", "2026-H3", "26-Q1", "", "2026Q1"])
def test_bad_periods_are_refused_with_the_way_to_write_them(text):
    with pytest.raises(ValidationError):
        parse_period(text)


def test_a_period_of_the_wrong_kind_for_the_form_is_refused():
    with pytest.raises(ValidationError, match="2026-Q3"):
        parse_period("2026", "quarter")
    assert parse_period("2026-q2", "quarter") == Period(2026, "quarter", 2)
