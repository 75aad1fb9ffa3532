"""Investing API: public reads of published incentives and calls for investment."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router

from borderzone.investing import selectors
from borderzone.investing.models import AreaScope, Incentive, InvestmentCall, Sector

router = Router(tags=["investing"])


def incentive_out(i: Incentive) -> dict[str, Any]:
    return {
        "id": i.pk,
        "zone": i.zone.code,
        "title": i.title,
        "title_en": i.title_en,
        "kind": i.kind,
        "description": i.description,
        "sectors": [{"classification": s.classification, "level": s.level, "code": s.code} for s in i.sectors.all()],
        "area": i.area_scope,
        "functional_areas": [a.name for a in i.functional_areas.all()],
        "gate_areas": [g.code for g in i.gate_areas.all()],
        "communes": [c.code for c in i.communes.all()],
        "document": {
            "number": i.document.number,
            "status": getattr(i.document, "status", ""),
            "url": reverse("documents:detail", args=[i.document.pk]) if i.document.is_published else None,
        },
        "clause": i.clause,
        "clause_text": i.clause_text,
        "illustrative": i.is_illustrative,
    }


def call_out(c: InvestmentCall, incentives: list[Incentive] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": c.pk,
        "zone": c.zone.code,
        "title": c.title,
        "title_en": c.title_en,
        "objectives": c.objectives,
        "sectors": [{"classification": s.classification, "code": s.code} for s in c.sectors.all()],
        "gate_area": c.gate_area.code if c.gate_area else None,
        "functional_area": c.functional_area.name if c.functional_area else None,
        "commune": c.commune.code if c.commune else None,
        "latitude": float(c.latitude),
        "longitude": float(c.longitude),
        "land_area_ha": str(c.land_area_ha),
        "capital": {"amount": str(c.capital_amount), "currency": c.capital_currency} if c.capital_amount else None,
        "status": c.status,
        "open_until": c.open_until.isoformat() if c.open_until else None,
        "illustrative": c.is_illustrative,
        "url": reverse("investing:call", args=[c.pk]),
    }
    if incentives is not None:
        data["incentives"] = [incentive_out(i) for i in incentives]
    return data


@router.get("/incentives", response=list[dict[str, Any]], auth=None, summary="Published incentives by sector and area")
def list_incentives(
    request: HttpRequest, sector: str = "", classification: str = "VSIC2025", area: str = ""
) -> list[dict[str, Any]]:
    """`sector` is a section letter or division code of `classification`; `area` one of the area scopes."""
    found = Sector.objects.filter(classification=classification, code=sector.upper()).first() if sector else None
    if sector and found is None:
        return []
    scope = area if area in AreaScope.values else ""
    return [incentive_out(i) for i in selectors.incentive_list(AnonymousUser(), sector=found, area_scope=scope)]


@router.get("/calls", response=list[dict[str, Any]], auth=None, summary="Published calls for investment")
def list_calls(request: HttpRequest, open_only: bool = True) -> list[dict[str, Any]]:
    return [call_out(c) for c in selectors.call_list(AnonymousUser(), open_only=open_only)]


@router.get("/calls/{call_id}", response=dict[str, Any], auth=None, summary="One call, with the incentives that apply")
def get_call(request: HttpRequest, call_id: int) -> dict[str, Any]:
    call = get_object_or_404(selectors.call_list(AnonymousUser()), pk=call_id)
    return call_out(call, selectors.incentives_for_call(AnonymousUser(), call))
