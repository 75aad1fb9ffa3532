"""Bounds every input shares, so that no value reaches a date, an offset or a column it cannot fit (issue 14).

The API's schema types (`Year`, `Day`, `PageNumber`, `Offset`), its paginations, and `check_day` for pages and
services all use the same limits: years 1900-2200, page numbers up to a million, offsets up to a billion.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, PageNumberPagination
from pydantic import AfterValidator

#: The years any input may name (a date, a year): beyond them a value is refused as out of range, never
#: a server error. Not the span of a dashboard or report (`core.spans.SPAN_FIRST_YEAR`, narrower).
INPUT_FIRST_YEAR = 1900
INPUT_LAST_YEAR = 2200
FIRST_DAY = dt.date(INPUT_FIRST_YEAR, 1, 1)
LAST_DAY = dt.date(INPUT_LAST_YEAR, 12, 31)
MAX_PAGE = 1_000_000
MAX_OFFSET = 1_000_000_000


def day_range_message() -> str:
    return _("Give a date between %(first)s and %(last)s.") % {
        "first": FIRST_DAY.isoformat(),
        "last": LAST_DAY.isoformat(),
    }


def day_in_range(day: dt.date) -> bool:
    return FIRST_DAY <= day <= LAST_DAY


def check_day(day: dt.date | None, field: str = "as_of") -> dt.date | None:
    """The day itself, or a ValidationError on `field` when it lies outside 1900-2200."""
    if day is not None and not day_in_range(day):
        raise ValidationError({field: day_range_message()})
    return day


def _pydantic_day(day: dt.date) -> dt.date:
    if not day_in_range(day):
        raise ValueError(day_range_message())
    return day


Year = Annotated[int, Field(ge=INPUT_FIRST_YEAR, le=INPUT_LAST_YEAR)]
Day = Annotated[dt.date, AfterValidator(_pydantic_day)]
PageNumber = Annotated[int, Field(ge=1, le=MAX_PAGE)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]


class BoundedPageNumberPagination(PageNumberPagination):
    """django-ninja's page numbers, refusing a page past a million (whose offset no database holds)."""

    class Input(Schema):
        page: PageNumber = 1
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """django-ninja's limit and offset, refusing an offset past a billion."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE)
        offset: Offset = 0
