"""What promotion adds to other apps' pages (core.registry.panels): the calls for investment open now,
on the public home page."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from borderzone.core.cache import cached
from borderzone.core.registry import Panel
from borderzone.promotion.models import CallStatus, InvestmentCall
from borderzone.promotion.services import INVESTING_SCOPE
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import ZONES_SCOPE

HOME_CALLS = 4


def home_calls(request: HttpRequest, zone: EconomicZone) -> str:
    """The zone's published calls for investment that are open, with their place and size. Visitors share
    one rendering per zone and language, cached until a call or the zone's areas change."""
    if request.user.is_authenticated:
        return _home_calls(request, zone)
    key = f"home:calls:{translation.get_language()}:{zone.pk}"
    return cached((INVESTING_SCOPE, ZONES_SCOPE), key, lambda: _home_calls(None, zone))


def _home_calls(request: HttpRequest | None, zone: EconomicZone) -> str:
    calls = list(
        InvestmentCall.objects.filter(zone=zone, is_published=True, status=CallStatus.OPEN)
        .select_related("gate_area", "functional_area")
        .order_by("title")[:HOME_CALLS]
    )
    if not calls:
        return ""
    return render_to_string("investing/_home_calls.html", {"calls": calls}, request=request)


PANELS = [Panel("core.home", home_calls, order=20, scopes=(INVESTING_SCOPE, ZONES_SCOPE))]
