"""Reading what a caller asks for (zone, gate, span of months) the same way for pages and the API."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.permissions import can_view_zone
from borderzone.gates.models import BorderGate
from borderzone.trade import selectors
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import zone_asked

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser


def parse_month_param(value: str, field: str) -> dt.date:
    match = re.fullmatch(r"(\d{4})-(\d{2})", value.strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        raise ValidationError({field: _("Not a month (use YYYY-MM): %(value)s") % {"value": value}})
    return dt.date(int(match.group(1)), int(match.group(2)), 1)


def last_full_month(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return selectors.month_add(dt.date(today.year, today.month, 1), -1)


@dataclass
class Scope:
    zone: EconomicZone
    gate: BorderGate | None
    published_only: bool

    @property
    def gates(self) -> list[BorderGate] | None:
        return [self.gate] if self.gate else None


def resolve_scope(user: AnyUser, zone_code: str | None, gate_code: str | None) -> Scope:
    """The zone (default: the install's) and gate asked for; unpublished figures only for the zone's staff."""
    zone = zone_asked(EconomicZone.objects.select_related("province"), zone_code)
    if zone is None:
        raise Http404
    gate = None
    if gate_code:
        gate = BorderGate.objects.filter(zone=zone, code=gate_code.strip().upper()).first()
        if gate is None:
            raise ValidationError({"gate": _("No gate with code %(code)s in this zone.") % {"code": gate_code}})
    return Scope(zone=zone, gate=gate, published_only=not can_view_zone(user, zone))


def resolve_span(start: str | None, end: str | None, scope: Scope) -> tuple[dt.date, dt.date]:
    """The months asked for; by default from the first month with data to the last full month."""
    first, last = selectors.data_span(scope.zone, published_only=scope.published_only)
    end_month = parse_month_param(end, "to") if end else (last or last_full_month())
    start_month = parse_month_param(start, "from") if start else (first or dt.date(end_month.year, 1, 1))
    if end_month < start_month:
        raise ValidationError({"to": _("The end month is before the start month.")})
    return start_month, end_month
