"""Investing API: public reads of published incentives and calls for investment.

Text fields keep their meaning (`title` is Vietnamese, `title_en` and `title_zh` its versions); `localized`
holds each text in the language asked with `lang`, or else the language the client asks for
(Accept-Language), falling back to Vietnamese where a version is empty. `lang` says which language that is.
"""

from typing import Any, Literal

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router

from borderzone.core.i18n import content_language, localized, request_language
from borderzone.promotion import selectors
from borderzone.promotion.models import AreaScope, Incentive, InvestmentCall, Sector

router = Router(tags=["investing"])

Lang = Literal["vi", "en", "zh-hans"]


def incentive_out(i: Incentive, lang: str | None = None) -> dict[str, Any]:
    lang = content_language(lang)
    return {
        "id": i.pk,
        "zone": i.zone.code,
        "title": i.title,
        "title_en": i.title_en,
        "title_zh": i.title_zh,
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
        "lang": lang,
        "localized": {"title": localized(i, "title", lang), "description": localized(i, "description", lang)},
    }


def call_out(c: InvestmentCall, incentives: list[Incentive] | None = None, lang: str | None = None) -> dict[str, Any]:
    lang = content_language(lang)
    data: dict[str, Any] = {
        "id": c.pk,
        "zone": c.zone.code,
        "title": c.title,
        "title_en": c.title_en,
        "title_zh": c.title_zh,
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
        "lang": lang,
        "localized": {
            "title": localized(c, "title", lang),
            "objectives": localized(c, "objectives", lang),
            "investment_form": localized(c, "investment_form", lang),
        },
    }
    if incentives is not None:
        data["incentives"] = [incentive_out(i, lang) for i in incentives]
    return data


@router.get("/incentives", response=list[dict[str, Any]], auth=None, summary="Published incentives by sector and area")
def list_incentives(
    request: HttpRequest, sector: str = "", classification: str = "VSIC2025", area: str = "", lang: Lang | None = None
) -> list[dict[str, Any]]:
    """`sector` is a section letter or division code of `classification`; `area` one of the area scopes."""
    found = Sector.objects.filter(classification=classification, code=sector.upper()).first() if sector else None
    if sector and found is None:
        return []
    scope = area if area in AreaScope.values else ""
    language = request_language(request, lang)
    return [
        incentive_out(i, language) for i in selectors.incentive_list(AnonymousUser(), sector=found, area_scope=scope)
    ]


@router.get("/calls", response=list[dict[str, Any]], auth=None, summary="Published calls for investment")
def list_calls(request: HttpRequest, open_only: bool = True, lang: Lang | None = None) -> list[dict[str, Any]]:
    language = request_language(request, lang)
    return [call_out(c, lang=language) for c in selectors.call_list(AnonymousUser(), open_only=open_only)]


@router.get("/calls/{call_id}", response=dict[str, Any], auth=None, summary="One call, with the incentives that apply")
def get_call(request: HttpRequest, call_id: int, lang: Lang | None = None) -> dict[str, Any]:
    call = get_object_or_404(selectors.call_list(AnonymousUser()), pk=call_id)
    return call_out(call, selectors.incentives_for_call(AnonymousUser(), call), lang=request_language(request, lang))
