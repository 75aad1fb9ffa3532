"""Infrastructure API: the capital summary and the works (public reads), staff writes through the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Protocol, cast

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from borderzone.access import versions
from borderzone.access.actors import request_actor
from borderzone.access.permissions import get_changeable_or_404
from borderzone.core.spans import check_span_order
from borderzone.infrastructure import oc4ids, selectors, services
from borderzone.infrastructure.models import (
    AnnualFunding,
    FundingSource,
    InfrastructureWork,
    PlanPeriod,
    WorkKind,
    WorkStatus,
)
from borderzone.zones import selectors as zone_selectors
from borderzone.zones.models import EconomicZone

router = Router(tags=["infrastructure"])

VndIn = Field(..., ge=0, max_digits=18, decimal_places=0)


class SummaryFilter(Schema):
    from_year: int = Field(..., ge=services.FIRST_YEAR, le=services.LAST_YEAR)
    to_year: int = Field(..., ge=services.FIRST_YEAR, le=services.LAST_YEAR)
    zone: str | None = Field(None, description="Zone code; all zones when absent")


class SummaryOut(Schema):
    from_year: int
    to_year: int
    need_vnd: str
    allocated_vnd: str
    disbursed_vnd: str
    treasury_confirmed_vnd: str
    coverage: float | None = Field(..., description="allocated / need; null when the need is 0")
    plan_periods: list[str] = Field(..., description="Plan periods lying inside the span, whose need is counted")
    works: int


class FundingOut(Schema):
    id: int
    year: int
    source: FundingSource
    allocated_vnd: str
    disbursed_vnd: str
    treasury_confirmed_vnd: str
    note: str


class WorkOut(Schema):
    id: int
    zone: str
    code: str
    name: str
    name_en: str
    kind: WorkKind
    gate_area: str | None
    location: str
    owner: str
    plan_period: PlanPeriod
    capital_need_vnd: str
    medium_term_allocation_vnd: str
    allocated_vnd: str
    disbursed_vnd: str
    treasury_confirmed_vnd: str
    over_need: bool = Field(..., description="Allocations above the need: allowed, but flagged")
    status: WorkStatus
    physical_progress_percent: int
    is_published: bool


class WorkIn(Schema):
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=300)
    name_en: str = Field("", max_length=300)
    kind: WorkKind
    gate_area: str | None = Field(None, description="Code of a gate area of the zone")
    location: str = Field(..., min_length=1, max_length=300)
    owner: str = Field(..., min_length=1, max_length=300)
    plan_period: PlanPeriod
    capital_need_vnd: Decimal = VndIn
    medium_term_allocation_vnd: Decimal = Field(Decimal(0), ge=0, max_digits=18, decimal_places=0)
    status: WorkStatus = WorkStatus.PREPARATION
    physical_progress_percent: int = Field(0, ge=0, le=100)
    is_published: bool = True


class WorkPatch(Schema):
    """The fields of a work a change may send; those not sent stay as they are."""

    name: str | None = Field(None, min_length=1, max_length=300)
    name_en: str | None = Field(None, max_length=300)
    location: str | None = Field(None, min_length=1, max_length=300)
    owner: str | None = Field(None, min_length=1, max_length=300)
    capital_need_vnd: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=0)
    medium_term_allocation_vnd: Decimal | None = Field(None, ge=0, max_digits=18, decimal_places=0)
    status: WorkStatus | None = None
    physical_progress_percent: int | None = Field(None, ge=0, le=100)
    is_published: bool | None = None


class FundingIn(Schema):
    year: int = Field(..., ge=services.FIRST_YEAR, le=services.LAST_YEAR)
    source: FundingSource
    allocated_vnd: Decimal = VndIn
    disbursed_vnd: Decimal = Field(Decimal(0), ge=0, max_digits=18, decimal_places=0)
    treasury_confirmed_vnd: Decimal = Field(Decimal(0), ge=0, max_digits=18, decimal_places=0)
    note: str = Field("", max_length=300)


class FundingResultOut(Schema):
    funding: FundingOut
    over_need: bool


def _amount(value: Decimal) -> str:
    return str(Decimal(value).quantize(Decimal(1)))


def funding_out(f: AnnualFunding) -> dict[str, Any]:
    return {
        "id": f.pk,
        "year": f.year,
        "source": f.source,
        "allocated_vnd": _amount(f.allocated_vnd),
        "disbursed_vnd": _amount(f.disbursed_vnd),
        "treasury_confirmed_vnd": _amount(f.treasury_confirmed_vnd),
        "note": f.note,
    }


class WorkWithTotals(Protocol):
    """A work as `selectors.work_list` reads it: with its funding totals and over-need flag annotated."""

    allocated_total: Decimal
    disbursed_total: Decimal
    confirmed_total: Decimal
    over_need: bool


def work_out(w: InfrastructureWork) -> dict[str, Any]:
    totals = cast(WorkWithTotals, w)
    return {
        "id": w.pk,
        "zone": w.zone.code,
        "code": w.code,
        "name": w.name,
        "name_en": w.name_en,
        "kind": w.kind,
        "gate_area": w.gate_area.code if w.gate_area else None,
        "location": w.location,
        "owner": w.owner,
        "plan_period": w.plan_period,
        "capital_need_vnd": _amount(w.capital_need_vnd),
        "medium_term_allocation_vnd": _amount(w.medium_term_allocation_vnd),
        "allocated_vnd": _amount(totals.allocated_total),
        "disbursed_vnd": _amount(totals.disbursed_total),
        "treasury_confirmed_vnd": _amount(totals.confirmed_total),
        "over_need": bool(totals.over_need),
        "status": w.status,
        "physical_progress_percent": w.physical_progress_percent,
        "is_published": w.is_published,
    }


@router.get("/summary", response=SummaryOut, auth=None, summary="Capital need, allocation and disbursement over years")
def summary(request: HttpRequest, filters: Query[SummaryFilter]) -> dict[str, Any]:
    """Need counts the plan periods lying inside the span; the other amounts count annual records in it."""
    check_span_order(filters.from_year, filters.to_year)
    works = selectors.visible_works(request.user)
    if filters.zone:
        works = works.filter(zone__code=filters.zone)
    result = selectors.capital_summary(works, from_year=filters.from_year, to_year=filters.to_year)
    return {
        "from_year": result.from_year,
        "to_year": result.to_year,
        "need_vnd": _amount(result.need_vnd),
        "allocated_vnd": _amount(result.allocated_vnd),
        "disbursed_vnd": _amount(result.disbursed_vnd),
        "treasury_confirmed_vnd": _amount(result.treasury_confirmed_vnd),
        "coverage": result.coverage,
        "plan_periods": list(result.periods),
        "works": result.works,
    }


@router.get("/works", response=list[WorkOut], auth=None, summary="Infrastructure works with their capital totals")
def list_works(request: HttpRequest, zone: str | None = None, gate_area: str | None = None) -> list[dict[str, Any]]:
    works = selectors.work_list(request.user)
    if zone:
        works = works.filter(zone__code=zone)
    if gate_area:
        works = works.filter(gate_area__code=gate_area)
    return [work_out(w) for w in works]


@router.get("/works/{work_id}", response=WorkOut, auth=None, summary="One work; its ETag is its current version")
def get_work(request: HttpRequest, response: HttpResponse, work_id: int) -> dict[str, Any]:
    work = get_object_or_404(selectors.work_list(request.user), pk=work_id)
    versions.set_etag(response, services.WORKS.version(work))
    return work_out(work)


@router.patch("/works/{work_id}", response=WorkOut, auth=django_auth, summary="Change a work")
def update_work(request: HttpRequest, response: HttpResponse, work_id: int, payload: WorkPatch) -> dict[str, Any]:
    """An optional `If-Match` names the version (the `ETag` read) the change starts from; 412 when stale.
    A field sent as null is left as it is."""
    work = get_changeable_or_404(request.user, InfrastructureWork.objects.select_related("zone"), pk=work_id)
    data = {key: value for key, value in payload.dict(exclude_unset=True).items() if value is not None}
    services.work_update(
        work=work, actor=request_actor(request, "api"), expected_version=versions.if_match(request), **data
    )
    versions.set_etag(response, services.WORKS.version(work))
    return work_out(selectors.work_list(request.user).get(pk=work.pk))


@router.post("/zones/{code}/works", response={201: WorkOut}, auth=django_auth, summary="Add a work")
def create_work(request: HttpRequest, code: str, payload: WorkIn) -> tuple[int, dict[str, Any]]:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.select_related("province"), code=code)
    data = payload.dict()
    data["gate_area"] = zone_selectors.gate_area_by_code(zone, data.pop("gate_area"))
    work = services.work_create(zone=zone, actor=request_actor(request, "api"), **data)
    return 201, work_out(selectors.work_list(request.user).get(pk=work.pk))


@router.post(
    "/works/{work_id}/funding",
    response={201: FundingResultOut},
    auth=django_auth,
    summary="Record one year's allocation, disbursement and Treasury confirmation for a funding source",
)
def create_funding(request: HttpRequest, work_id: int, payload: FundingIn) -> tuple[int, dict[str, Any]]:
    work = get_changeable_or_404(request.user, InfrastructureWork.objects.select_related("zone"), pk=work_id)
    result = services.funding_record(work=work, actor=request_actor(request, "api"), **payload.dict())
    return 201, {"funding": funding_out(result.funding), "over_need": result.over_need}


@router.get(
    "/oc4ids",
    auth=None,
    summary="The works as an OC4IDS 0.9 project package (JSON)",
    description="Projects mapped to the OC4IDS codelists; validated against the schema shipped with BorderZone.",
)
def oc4ids_package(request: HttpRequest, zone: str | None = None) -> HttpResponse:
    works = selectors.work_detail(request.user).select_related("zone__province")
    if zone:
        works = works.filter(zone__code=zone)
    works_list = list(works)
    if not works_list:
        return JsonResponse({"detail": _("There are no works to export.")}, status=404)
    data = oc4ids.package(
        works_list,
        uri=request.build_absolute_uri(),
        publisher=works_list[0].zone.board_name or works_list[0].zone.name,
        published=timezone.now(),
        today=timezone.localdate(),
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="oc4ids-projects.json"'
    return response
