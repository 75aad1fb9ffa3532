"""Investment register API: the public summary and list "as of" a date; staff writes through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from borderzone.access import versions
from borderzone.access.actors import request_actor
from borderzone.access.permissions import get_changeable_or_404, is_staff_member
from borderzone.core.inputs import PageNumber
from borderzone.register import selectors, services
from borderzone.register.models import (
    Currency,
    MilestoneKind,
    Ownership,
    Project,
    Sector,
    Status,
    VsicVersion,
)
from borderzone.register.presenters import cached_summary, lateness_readable, parse_as_of, project_rows
from borderzone.zones.models import EconomicZone
from borderzone.zones.selectors import gate_area_by_code

router = Router(tags=["investments"])

MAX_PAGE_SIZE = 200


class ListQuery(Schema):
    as_of: str | None = None
    zone: str | None = None
    status: Status | None = None
    ownership: Ownership | None = None
    gate_area: str | None = None
    sector: str | None = None
    late: bool | None = None
    flagged: bool | None = None
    q: str | None = None
    page: PageNumber = 1
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


class InvestorIn(Schema):
    name: str = Field(..., min_length=1, max_length=300)
    ownership: Ownership
    country: str = Field(..., pattern=r"^[A-Za-z]{2}$")
    tax_code: str = ""
    share_percent: Decimal = Field(Decimal(100), ge=0, le=100, max_digits=6, decimal_places=2)


class PlansIn(Schema):
    capital_contribution: dt.date | None = None
    land_handover: dt.date | None = None
    construction_start: dt.date | None = None
    construction_completion: dt.date | None = None
    operation_start: dt.date | None = None


class ProjectIn(Schema):
    zone: str
    code: str = Field(..., pattern=r"^\d{1,20}$")
    name: str = Field(..., min_length=1, max_length=300)
    ownership: Ownership
    investors: list[InvestorIn] = Field(..., min_length=1)
    gate_area: str | None = None
    sector_version: VsicVersion = VsicVersion.V2025
    sector: str | None = None
    objectives: str = ""
    scale: str = ""
    land_area_ha: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=4)
    state_land: bool = True
    policy_approval: bool = False
    operating_term_years: int | None = Field(None, ge=1, le=99)
    published: bool = False
    issued_on: dt.date
    certificate_no: str = ""
    currency: Currency = Currency.VND
    total_capital: Decimal = Field(..., ge=0, max_digits=20, decimal_places=0)
    equity: Decimal | None = Field(None, ge=0, max_digits=20, decimal_places=0)
    vnd_rate: Decimal | None = Field(None, gt=0, max_digits=12, decimal_places=2)
    rate_date: dt.date | None = None
    plans: PlansIn = PlansIn()
    status: Status = Status.PREPARING


class ProjectPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=300)
    objectives: str | None = None
    scale: str | None = None
    gate_area: str | None = None
    land_area_ha: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=4)
    state_land: bool | None = None
    policy_approval: bool | None = None
    operating_term_years: int | None = Field(None, ge=1, le=99)
    published: bool | None = None


class VersionIn(Schema):
    issued_on: dt.date
    certificate_no: str = ""
    changes: str = ""
    currency: Currency | None = None
    total_capital: Decimal = Field(..., ge=0, max_digits=20, decimal_places=0)
    equity: Decimal | None = Field(None, ge=0, max_digits=20, decimal_places=0)
    vnd_rate: Decimal | None = Field(None, gt=0, max_digits=12, decimal_places=2)
    rate_date: dt.date | None = None
    plans: PlansIn = PlansIn()


class StatusIn(Schema):
    status: Status
    effective_on: dt.date
    decision_no: str = ""
    reason: str = ""


class DisbursementIn(Schema):
    paid_on: dt.date
    amount: Decimal = Field(..., gt=0, max_digits=20, decimal_places=0)
    currency: Currency = Currency.VND
    note: str = ""


class MilestoneIn(Schema):
    kind: MilestoneKind
    reached_on: dt.date


def _zone(code: str | None) -> EconomicZone | None:
    if not code:
        return None
    zone = EconomicZone.objects.filter(code=code).first()
    if zone is None:
        raise ValidationError({"zone": _("No economic zone with code %(code)s.") % {"code": code}})
    return zone


@router.get("/summary", auth=None, summary="The register's figures on a date (every project, published or not)")
def summary(request: HttpRequest, as_of: str | None = None, zone: str | None = None) -> dict[str, Any]:
    return cached_summary(parse_as_of(as_of), _zone(zone))


def _list(
    request: HttpRequest, query: ListQuery
) -> tuple[selectors.ProjectListing, dict[int, selectors.Evaluation], dt.date]:
    day = parse_as_of(query.as_of)
    # Lateness and legal flags of single projects are the board's (and each investor's own): for anyone
    # else the `late` and `flagged` filters are ignored, so a filtered list names no late or flagged company.
    sees_lateness = is_staff_member(request.user)
    filters = selectors.ListFilters(
        as_of=day,
        zone=query.zone,
        status=query.status,
        ownership=query.ownership,
        gate_area=query.gate_area,
        sector=query.sector,
        late=query.late if sees_lateness else None,
        flagged=query.flagged if sees_lateness else None,
        q=query.q,
    )
    projects, evaluations = selectors.project_list(request.user, filters)
    return projects, evaluations, day


@router.get(
    "/projects",
    auth=None,
    summary="Projects on a date, filtered and paged (anonymous: published only, "
    "without lateness or flags; `late` and `flagged` are ignored unless the caller is board staff)",
)
def list_projects(request: HttpRequest, query: Query[ListQuery]) -> dict[str, Any]:
    projects, evaluations, day = _list(request, query)
    count = projects.count()
    start = (query.page - 1) * query.page_size
    page = projects[start : start + query.page_size]
    return {"count": count, "items": project_rows(page, day, evaluations, readable=lateness_readable(request.user))}


def _project(request: HttpRequest, code: str, day: dt.date | None = None) -> Any:
    qs = selectors.projects_as_of(day or services.today(), selectors.visible_projects(request.user))
    return get_object_or_404(
        qs.select_related("zone", "gate_area", "sector").prefetch_related("shares__investor"), code=code
    )


@router.get("/projects/{code}", auth=None, summary="One project on a date")
def get_project(request: HttpRequest, response: HttpResponse, code: str, as_of: str | None = None) -> dict[str, Any]:
    """The project as of a day; its `ETag` is the record's current version, for `If-Match` on a change."""
    day = parse_as_of(as_of)
    project = _project(request, code, day)
    versions.set_etag(response, services.PROJECTS.version(project))
    readable = lateness_readable(request.user)
    evaluations = (
        selectors.evaluate(day, Project.objects.filter(pk=project.pk))
        if readable is None or project.pk in readable
        else {}
    )
    return project_rows([project], day, evaluations, readable=readable)[0]


def _editable(request: HttpRequest, code: str) -> Project:
    return get_changeable_or_404(request.user, Project.objects.select_related("zone"), code=code)


def _sector(version: str, code: str | None) -> Sector | None:
    if not code:
        return None
    sector = Sector.objects.filter(version=version, code=code).first()
    if sector is None:
        raise ValidationError({"sector": _("No VSIC %(version)s code %(code)s.") % {"version": version, "code": code}})
    return sector


def _plans(plans: PlansIn) -> dict[str, dt.date | None]:
    return {k: v for k, v in plans.dict().items() if v is not None}


def _created(request: HttpRequest, code: str) -> tuple[int, dict[str, Any]]:
    day = services.today()
    project = _project(request, code, day)
    return 201, project_rows([project], day, selectors.evaluate(day, Project.objects.filter(pk=project.pk)))[0]


@router.post(
    "/projects", auth=django_auth, response={201: dict}, summary="Register a project with its first certificate"
)
def create_project(request: HttpRequest, payload: ProjectIn) -> tuple[int, dict[str, Any]]:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=payload.zone)
    investors = [
        services.InvestorData(
            name=item.name,
            ownership=item.ownership,
            country=item.country,
            tax_code=item.tax_code,
            share_percent=item.share_percent,
        )
        for item in payload.investors
    ]
    services.project_register(
        zone=zone,
        investors=investors,
        fields={
            "code": payload.code,
            "name": payload.name,
            "ownership": payload.ownership,
            "gate_area": gate_area_by_code(zone, payload.gate_area or None),
            "sector": _sector(payload.sector_version, payload.sector),
            "objectives": payload.objectives,
            "scale": payload.scale,
            "land_area_ha": payload.land_area_ha,
            "state_land": payload.state_land,
            "policy_approval": payload.policy_approval,
            "operating_term_years": payload.operating_term_years,
            "published": payload.published,
            "issued_on": payload.issued_on,
            "certificate_no": payload.certificate_no,
            "currency": payload.currency,
            "total_capital": payload.total_capital,
            "equity": payload.equity,
            "vnd_rate": payload.vnd_rate,
            "rate_date": payload.rate_date,
            "status": payload.status,
        },
        plans=_plans(payload.plans),
        actor=request_actor(request, "api"),
    )
    return _created(request, payload.code)


@router.patch("/projects/{code}", auth=django_auth, summary="Change a project's descriptive fields")
def update_project(request: HttpRequest, response: HttpResponse, code: str, payload: ProjectPatch) -> dict[str, Any]:
    """An optional `If-Match` names the version the change starts from (412 when the project changed since)."""
    project = _editable(request, code)
    data = payload.dict(exclude_unset=True)
    if "gate_area" in data:
        data["gate_area"] = gate_area_by_code(project.zone, data["gate_area"] or None)
    services.project_update(
        project=project, actor=request_actor(request, "api"), expected_version=versions.if_match(request), **data
    )
    versions.set_etag(response, services.PROJECTS.version(project))
    return _created(request, code)[1]


def _record(
    request: HttpRequest, code: str, service: Callable[..., Any], values: dict[str, Any]
) -> tuple[int, dict[str, Any]]:
    """Record something of a project the user may change (a version, a status change...): 201 and the project."""
    service(project=_editable(request, code), actor=request_actor(request, "api"), **values)
    return _created(request, code)


@router.post("/projects/{code}/versions", auth=django_auth, response={201: dict}, summary="Add a certificate version")
def add_version(
    request: HttpRequest, response: HttpResponse, code: str, payload: VersionIn
) -> tuple[int, dict[str, Any]]:
    """An optional `If-Match` names the project's version the adjustment starts from (412 when stale)."""
    project = _editable(request, code)
    data = payload.dict()
    data["plans"] = _plans(payload.plans)
    services.certificate_version_add(
        project=project, actor=request_actor(request, "api"), expected_version=versions.if_match(request), **data
    )
    versions.set_etag(response, services.PROJECTS.version(project))
    return _created(request, code)


@router.post(
    "/projects/{code}/status-changes", auth=django_auth, response={201: dict}, summary="Record a status change"
)
def add_status(request: HttpRequest, code: str, payload: StatusIn) -> tuple[int, dict[str, Any]]:
    return _record(request, code, services.status_change_record, payload.dict())


@router.post(
    "/projects/{code}/disbursements", auth=django_auth, response={201: dict}, summary="Record disbursed capital"
)
def add_disbursement(request: HttpRequest, code: str, payload: DisbursementIn) -> tuple[int, dict[str, Any]]:
    return _record(request, code, services.disbursement_record, payload.dict())


@router.post(
    "/projects/{code}/milestones", auth=django_auth, response={201: dict}, summary="Record a milestone reached"
)
def add_milestone(request: HttpRequest, code: str, payload: MilestoneIn) -> tuple[int, dict[str, Any]]:
    return _record(request, code, services.milestone_reached, payload.dict())
