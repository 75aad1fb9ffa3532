"""Reads on incentives, calls and inquiries, and which incentives apply to a call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from borderzone.access.permissions import zones_visible_to
from borderzone.documents.models import LegalDocument
from borderzone.documents.selectors import with_status
from borderzone.promotion.models import AreaScope, Incentive, Inquiry, InvestmentCall, Sector
from borderzone.zones.models import FunctionalAreaKind

if TYPE_CHECKING:
    from borderzone.access.permissions import AnyUser


def _readable(user: AnyUser, qs: QuerySet) -> QuerySet:
    return qs.filter(Q(is_published=True) | Q(zone__in=zones_visible_to(user)))


def incentive_list(user: AnyUser, *, sector: Sector | None = None, area_scope: str = "") -> QuerySet[Incentive]:
    """Incentives the user may read; for a sector, those granted to it, to its section, or to every sector."""
    qs = _readable(user, Incentive.objects.all())
    if sector is not None:
        codes = [sector.pk] + ([sector.parent_id] if sector.parent_id else [])
        qs = qs.filter(Q(sectors__isnull=True) | Q(sectors__in=codes)).distinct()
    if area_scope:
        qs = qs.filter(area_scope__in=[area_scope, AreaScope.WHOLE_ZONE])
    return qs.select_related("zone").prefetch_related(
        Prefetch("document", queryset=with_status(LegalDocument.objects.all())),
        Prefetch("sectors", queryset=Sector.objects.select_related("parent")),
        "functional_areas",
        "gate_areas",
        "communes",
    )


def call_list(user: AnyUser, *, open_only: bool = False) -> QuerySet[InvestmentCall]:
    qs = _readable(user, InvestmentCall.objects.all())
    if open_only:
        qs = qs.filter(status="open")
    return qs.select_related("zone", "gate_area", "functional_area", "commune").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.select_related("parent"))
    )


def incentive_applies(incentive: Incentive, call: InvestmentCall) -> bool:
    """Whether an incentive covers a call: same zone, a matching sector (or none listed), and its area."""
    if incentive.zone_id != call.zone_id:
        return False
    granted = list(incentive.sectors.all())
    if granted:
        call_codes = set()
        for s in call.sectors.all():
            call_codes.add(s.pk)
            if s.parent_id:
                call_codes.add(s.parent_id)
        if not any(g.pk in call_codes for g in granted):
            return False
    scope = incentive.area_scope
    if scope == AreaScope.WHOLE_ZONE:
        return True
    if scope in (AreaScope.NON_TARIFF, AreaScope.INDUSTRIAL_PARK):
        kind = FunctionalAreaKind.NON_TARIFF if scope == AreaScope.NON_TARIFF else FunctionalAreaKind.INDUSTRIAL_PARK
        area = call.functional_area
        if area is None or area.kind != kind:
            return False
        listed = list(incentive.functional_areas.all())
        return not listed or area.pk in {a.pk for a in listed}
    if scope == AreaScope.GATE_AREA:
        listed_gates = list(incentive.gate_areas.all())
        return call.gate_area_id is not None and (not listed_gates or call.gate_area_id in {g.pk for g in listed_gates})
    if scope == AreaScope.DISADVANTAGED_COMMUNE:
        return call.commune_id is not None and call.commune_id in {c.pk for c in incentive.communes.all()}
    return False


def incentives_for_call(user: AnyUser, call: InvestmentCall) -> list[Incentive]:
    """The incentives (readable by the user) that apply to a call for investment."""
    return [i for i in incentive_list(user).filter(zone_id=call.zone_id) if incentive_applies(i, call)]


def inquiry_inbox(user: AnyUser, status: str = "") -> QuerySet[Inquiry]:
    qs = Inquiry.objects.filter(zone__in=zones_visible_to(user)).select_related("zone", "call", "sector")
    if status:
        qs = qs.filter(status=status)
    return qs
