"""Reporting periods (a quarter, a half-year, a year), written `2026-Q3`, `2026-H1`, `2026`, and the due
date a form's rule gives each of them. The one home of "when is a report due"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

QUARTER = "quarter"
HALF_YEAR = "half"
YEAR = "year"

_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[QH])(?P<index>\d))?$")


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    index: int  # quarter 1-4, half 1-2, 1 for a year

    @property
    def key(self) -> str:
        if self.kind == QUARTER:
            return f"{self.year}-Q{self.index}"
        if self.kind == HALF_YEAR:
            return f"{self.year}-H{self.index}"
        return f"{self.year}"

    @property
    def months(self) -> int:
        return {QUARTER: 3, HALF_YEAR: 6, YEAR: 12}[self.kind]

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> dt.date:
        month = self.index * self.months
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def label(self) -> str:
        """`Quý III/2026`, `6 tháng đầu năm 2026`, `Năm 2026` in the active language."""
        if self.kind == QUARTER:
            roman = ["I", "II", "III", "IV"][self.index - 1]
            return _("Quarter %(q)s/%(year)s") % {"q": roman, "year": self.year}
        if self.kind == HALF_YEAR:
            if self.index == 1:
                return _("First half of %(year)s") % {"year": self.year}
            return _("Second half of %(year)s") % {"year": self.year}
        return _("Year %(year)s") % {"year": self.year}

    def previous(self) -> Period:
        if self.index > 1:
            return Period(self.year, self.kind, self.index - 1)
        last = {QUARTER: 4, HALF_YEAR: 2, YEAR: 1}[self.kind]
        return Period(self.year - 1, self.kind, last)

    def __str__(self) -> str:
        return self.key


def parse_period(text: str, kind: str | None = None) -> Period:
    """`2026-Q3` -> Period; a ValidationError naming the reason otherwise (and when the kind differs)."""
    match = _PATTERN.match((text or "").strip().upper())
    if not match:
        raise ValidationError(_("Write the period as 2026-Q3, 2026-H1 or 2026."))
    year = int(match["year"])
    letter = match["kind"]
    index = int(match["index"] or 1)
    found = QUARTER if letter == "Q" else HALF_YEAR if letter == "H" else YEAR
    limit = {QUARTER: 4, HALF_YEAR: 2, YEAR: 1}[found]
    if not 1 <= index <= limit or not 2000 <= year <= 2100:
        raise ValidationError(_("%(text)s is not a period.") % {"text": text})
    if kind is not None and found != kind:
        expected = {QUARTER: "2026-Q3", HALF_YEAR: "2026-H1", YEAR: "2026"}[kind]
        raise ValidationError(_("This form is filed for periods written like %(example)s.") % {"example": expected})
    return Period(year, found, index)


def period_of(kind: str, day: dt.date) -> Period:
    """The period of this kind that contains `day`."""
    if kind == QUARTER:
        return Period(day.year, kind, (day.month - 1) // 3 + 1)
    if kind == HALF_YEAR:
        return Period(day.year, kind, 1 if day.month <= 6 else 2)
    return Period(day.year, YEAR, 1)


def periods_ending_between(kind: str, first: dt.date, last: dt.date) -> Iterator[Period]:
    """Each period of this kind whose last day falls in [first, last], oldest first."""
    period = period_of(kind, first)
    if period.end < first:
        period = _next(period)
    while period.end <= last:
        yield period
        period = _next(period)


def _next(period: Period) -> Period:
    limit = {QUARTER: 4, HALF_YEAR: 2, YEAR: 1}[period.kind]
    if period.index < limit:
        return Period(period.year, period.kind, period.index + 1)
    return Period(period.year + 1, period.kind, 1)


def due_date(period_end: dt.date, months_after: int, day: int) -> dt.date:
    """The `day` of the month `months_after` months after the one the period ends in (the month's last day
    when it is shorter): quarterly reports by the 10th of the next quarter's first month are (1, 10), annual
    reports by 31 March of the next year (3, 31)."""
    month_index = period_end.month - 1 + months_after
    year = period_end.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))
