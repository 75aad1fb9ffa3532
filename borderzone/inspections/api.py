"""Inspections API (staff of the zone only, read): the inspections of a zone with their state, and the
recommendations past their deadline. Writes go through the staff pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from borderzone.access.permissions import can_view_zone, is_staff_member
from borderzone.inspections import selectors, services
from borderzone.inspections.models import InspectionKind
from borderzone.zones.models import EconomicZone

router = Router(tags=["inspections"])


class ZoneQuery(Schema):
    zone: str = Field(..., max_length=20, description="Zone code, e.g. CB")


class InspectionOut(Schema):
    id: int
    kind: InspectionKind
    title: str
    planned_on: dt.date
    held_on: dt.date | None
    state: str = Field(..., description="planned, open (held, a recommendation open) or closed")
    projects: list[str]
    recommendations: int
    open_recommendations: int
    overdue_recommendations: int


class RecommendationOut(Schema):
    id: int
    inspection_id: int
    inspection: str
    project: str | None
    text: str
    deadline: dt.date


def _zone(user: Any, code: str) -> EconomicZone:
    zone = EconomicZone.objects.filter(code=code.replace("\x00", "")).first()
    if zone is None or not is_staff_member(user) or not can_view_zone(user, zone):
        raise Http404
    return zone


@router.get("/", response=list[InspectionOut], auth=django_auth, summary="Inspections of a zone (staff)")
def list_inspections(request: HttpRequest, query: Query[ZoneQuery]) -> list[dict[str, Any]]:
    zone = _zone(request.user, query.zone)
    listed = selectors.inspection_list(request.user, zone).prefetch_related("projects")
    return [
        {
            "id": i.pk,
            "kind": i.kind,
            "title": i.title,
            "planned_on": i.planned_on,
            "held_on": i.held_on,
            "state": selectors.status_of(i, i.open_count),
            "projects": sorted(p.code for p in i.projects.all()),
            "recommendations": i.recommendation_count,
            "open_recommendations": i.open_count,
            "overdue_recommendations": i.overdue_count,
        }
        for i in listed
    ]


@router.get(
    "/overdue-recommendations",
    response=list[RecommendationOut],
    auth=django_auth,
    summary="Recommendations past their deadline and not closed (staff)",
)
def overdue(request: HttpRequest, query: Query[ZoneQuery]) -> list[dict[str, Any]]:
    zone = _zone(request.user, query.zone)
    return [
        {
            "id": r.pk,
            "inspection_id": r.inspection_id,
            "inspection": r.inspection.title,
            "project": r.project.code if r.project else None,
            "text": r.text,
            "deadline": r.deadline,
        }
        for r in selectors.overdue_recommendations([zone], services.today())
    ]
