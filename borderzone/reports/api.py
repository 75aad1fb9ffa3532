"""Reports API: the written summary of a zone as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema

from borderzone.core.inputs import FIRST_YEAR, LAST_YEAR, Day, Year, check_day
from borderzone.reports.summary_text import summary_text
from borderzone.zones.models import EconomicZone

router = Router(tags=["reports"])


class SummaryTextOut(Schema):
    zone: str
    as_of: dt.date
    lang: str
    from_year: int
    to_year: int
    paragraphs: list[str]
    text: str


def default_span(as_of: dt.date, from_year: int | None, to_year: int | None) -> tuple[int, int]:
    """Trade and infrastructure span: the ten years up to the as-of year unless given."""
    check_day(as_of)
    to_year = to_year or as_of.year
    from_year = from_year or to_year - 10
    if not FIRST_YEAR <= from_year <= LAST_YEAR:
        raise ValidationError(
            {"from_year": _("Give a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}}
        )
    if not FIRST_YEAR <= to_year <= LAST_YEAR:
        raise ValidationError(
            {"to_year": _("Give a year between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}}
        )
    if from_year > to_year:
        raise ValidationError({"to_year": _("The span ends before it starts.")})
    return from_year, to_year


@router.get("/summary-text", response=SummaryTextOut, auth=None, summary="The written summary of a zone as of a day")
def get_summary_text(
    request: HttpRequest,
    as_of: Day,
    lang: Literal["vi", "en"] = "vi",
    zone: str | None = None,
    from_year: Year | None = None,
    to_year: Year | None = None,
) -> dict[str, Any]:
    """Paragraphs a leader would write: projects and capital as of the day; trade, revenue and
    infrastructure over the span of years (default: the ten years up to the as-of year). Aggregates
    count every project; trade figures not yet published count only for the zone's staff."""
    the_zone = get_object_or_404(EconomicZone, code=zone or settings.DEFAULT_ZONE_CODE)
    start, end = default_span(as_of, from_year, to_year)
    result = summary_text(zone=the_zone, as_of=as_of, from_year=start, to_year=end, lang=lang, user=request.user)
    return {
        "zone": the_zone.code,
        "as_of": as_of,
        "lang": lang,
        "from_year": start,
        "to_year": end,
        "paragraphs": result.paragraphs,
        "text": result.text,
    }
