"""Reports API: the written summary of a zone as of a day."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from borderzone.core.inputs import Day, Year
from borderzone.core.spans import year_span
from borderzone.reports.summary_text import summary_text
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import zone_asked

router = Router(tags=["reports"])


class SummaryTextOut(Schema):
    zone: str
    as_of: dt.date
    lang: str
    from_year: int
    to_year: int
    paragraphs: list[str]
    text: str


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
    the_zone = zone_asked(EconomicZone.objects.all(), zone)
    if the_zone is None:
        raise Http404
    start, end = year_span(as_of, from_year, to_year)
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
