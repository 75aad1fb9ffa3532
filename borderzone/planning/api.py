"""Planning API: goals of the development plan and cooperation agreements (public reads of what is
published), staff writes through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from borderzone.access import versions
from borderzone.access.actors import request_actor
from borderzone.access.permissions import get_changeable_or_404
from borderzone.planning import selectors, services
from borderzone.planning.models import (
    AgreementAction,
    CooperationAgreement,
    CooperationField,
    Goal,
    GoalStatus,
    Milestone,
)
from borderzone.zones import selectors as zone_selectors
from borderzone.zones.models import EconomicZone

router = Router(tags=["planning"])


class MilestoneOut(Schema):
    id: int
    title: str
    title_en: str
    title_zh: str
    target_date: dt.date
    done_on: dt.date | None
    overdue: bool
    reached_late: bool
    evidence: list[dict[str, Any]]


class GoalOut(Schema):
    id: int
    version: str = Field(..., description="The goal's version: send it as If-Match with a change (optimistic locking)")
    zone: str
    code: str
    gate_area: str | None = Field(..., description="Gate area code; null for a zone-wide goal")
    title: str
    title_en: str
    title_zh: str
    phase: str
    start_date: dt.date | None
    target_date: dt.date = Field(..., description="The original target date, kept when the goal is reached late")
    responsible_agency: str
    target_description: str
    target_description_en: str
    target_description_zh: str
    target_value: Decimal | None
    current_value: Decimal | None
    target_unit: str
    target_unit_en: str
    target_unit_zh: str
    status: GoalStatus
    progress_percent: int
    achieved_on: dt.date | None
    overdue: bool
    reached_late: bool
    milestones: list[MilestoneOut]


class GoalFilter(Schema):
    zone: str | None = None
    gate_area: str | None = Field(None, description="Gate area code, or 'zone' for zone-wide goals")
    status: GoalStatus | None = None
    overdue: bool | None = None


class GoalIn(Schema):
    code: str = Field(..., min_length=1, max_length=30)
    gate_area: str | None = None
    title: str = Field(..., min_length=1, max_length=300)
    title_en: str = Field("", max_length=300)
    title_zh: str = Field("", max_length=300)
    description: str = ""
    phase_start_year: int = Field(..., ge=2000, le=2100)
    phase_end_year: int = Field(..., ge=2000, le=2100)
    start_date: dt.date | None = None
    target_date: dt.date
    responsible_agency: str = Field(..., min_length=1, max_length=200)
    target_description: str = Field("", max_length=200)
    target_description_en: str = Field("", max_length=200)
    target_description_zh: str = Field("", max_length=200)
    target_value: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    current_value: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    target_unit: str = Field("", max_length=40)
    target_unit_en: str = Field("", max_length=40)
    target_unit_zh: str = Field("", max_length=40)
    status: GoalStatus = GoalStatus.NOT_STARTED
    progress_percent: int = Field(0, ge=0, le=100)
    achieved_on: dt.date | None = None
    is_published: bool = True


class GoalPatch(Schema):
    status: GoalStatus | None = None
    progress_percent: int | None = Field(None, ge=0, le=100)
    current_value: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    achieved_on: dt.date | None = None
    responsible_agency: str | None = Field(None, min_length=1, max_length=200)


class ActionOut(Schema):
    id: int
    description: str
    description_en: str
    description_zh: str
    responsible: str
    due_date: dt.date | None
    started: bool
    started_on: dt.date | None


class AgreementOut(Schema):
    id: int
    zone: str
    title: str
    title_en: str
    title_zh: str
    vietnamese_party: str
    partner_party: str
    signed_on: dt.date | None
    fields: list[CooperationField]
    implemented: bool = Field(..., description="Whether any committed action has started")
    actions: list[ActionOut]


def goal_out(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "version": services.GOALS.version(goal),
        "zone": goal.zone.code,
        "code": goal.code,
        "gate_area": goal.gate_area.code if goal.gate_area else None,
        "title": goal.title,
        "title_en": goal.title_en,
        "title_zh": goal.title_zh,
        "phase": goal.phase_label,
        "start_date": goal.start_date,
        "target_date": goal.target_date,
        "responsible_agency": goal.responsible_agency,
        "target_description": goal.target_description,
        "target_description_en": goal.target_description_en,
        "target_description_zh": goal.target_description_zh,
        "target_value": goal.target_value,
        "current_value": goal.current_value,
        "target_unit": goal.target_unit,
        "target_unit_en": goal.target_unit_en,
        "target_unit_zh": goal.target_unit_zh,
        "status": goal.status,
        "progress_percent": goal.progress_percent,
        "achieved_on": goal.achieved_on,
        "overdue": goal.overdue,
        "reached_late": goal.reached_late,
        "milestones": [
            {
                "id": m.pk,
                "title": m.title,
                "title_en": m.title_en,
                "title_zh": m.title_zh,
                "target_date": m.target_date,
                "done_on": m.done_on,
                "overdue": m.overdue,
                "reached_late": m.reached_late,
                "evidence": [
                    {"kind": e.kind, "title": e.title, "dated": e.dated.isoformat(), "content_type": e.content_type}
                    for e in m.evidence.all()
                ],
            }
            for m in goal.milestones.all()
        ],
    }


def agreement_out(agreement: CooperationAgreement) -> dict[str, Any]:
    return {
        "id": agreement.pk,
        "zone": agreement.zone.code,
        "title": agreement.title,
        "title_en": agreement.title_en,
        "title_zh": agreement.title_zh,
        "vietnamese_party": agreement.vietnamese_party,
        "partner_party": agreement.partner_party,
        "signed_on": agreement.signed_on,
        "fields": agreement.fields,
        "implemented": agreement.is_implemented,
        "actions": list(agreement.actions.all()),
    }


@router.get("/goals", response=list[GoalOut], auth=None, summary="Goals of the development plan")
def list_goals(request: HttpRequest, filters: Query[GoalFilter]) -> list[dict[str, Any]]:
    qs = selectors.goal_list(
        request.user,
        status=filters.status,
        overdue=filters.overdue,
        zone_wide=filters.gate_area == "zone",
    )
    if filters.zone:
        qs = qs.filter(zone__code=filters.zone)
    if filters.gate_area and filters.gate_area != "zone":
        qs = qs.filter(gate_area__code=filters.gate_area)
    return [goal_out(g) for g in qs]


@router.get(
    "/agreements", response=list[AgreementOut], auth=None, summary="Cooperation agreements with the partner side"
)
def list_agreements(
    request: HttpRequest, zone: str | None = None, not_implemented: bool = False
) -> list[dict[str, Any]]:
    qs = selectors.agreement_list(request.user, not_implemented=not_implemented)
    if zone:
        qs = qs.filter(zone__code=zone)
    return [agreement_out(a) for a in qs]


@router.post("/zones/{code}/goals", response={201: GoalOut}, auth=django_auth, summary="Add a goal")
def create_goal(request: HttpRequest, code: str, payload: GoalIn) -> tuple[int, dict[str, Any]]:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    data = payload.dict()
    data["gate_area"] = zone_selectors.gate_area_by_code(zone, data.pop("gate_area"))
    goal = services.goal_create(zone=zone, actor=request_actor(request, "api"), **data)
    return 201, goal_out(selectors.goal_list(request.user).get(pk=goal.pk))


@router.get("/goals/{goal_id}", response=GoalOut, auth=None, summary="One goal; its ETag is its current version")
def get_goal(request: HttpRequest, response: HttpResponse, goal_id: int) -> dict[str, Any]:
    goal = get_object_or_404(selectors.goal_list(request.user), pk=goal_id)
    versions.set_etag(response, services.GOALS.version(goal))
    return goal_out(goal)


@router.patch("/goals/{goal_id}", response=GoalOut, auth=django_auth, summary="Record a goal's status and progress")
def update_goal(request: HttpRequest, response: HttpResponse, goal_id: int, payload: GoalPatch) -> dict[str, Any]:
    goal = get_changeable_or_404(request.user, Goal.objects.select_related("zone", "gate_area"), pk=goal_id)
    services.goal_update(
        goal=goal,
        actor=request_actor(request, "api"),
        expected_version=versions.if_match(request),
        **payload.dict(exclude_unset=True),
    )
    versions.set_etag(response, services.GOALS.version(goal))
    return goal_out(selectors.goal_list(request.user).get(pk=goal.pk))


class AgreementIn(Schema):
    title: str = Field(..., min_length=1, max_length=300)
    title_en: str = Field("", max_length=300)
    title_zh: str = Field("", max_length=300)
    vietnamese_party: str = Field(..., min_length=1, max_length=300)
    partner_party: str = Field(..., min_length=1, max_length=300)
    signed_on: dt.date | None = None
    fields: list[CooperationField] = []
    summary: str = ""
    summary_en: str = ""
    summary_zh: str = ""
    is_published: bool = True


class ActionIn(Schema):
    description: str = Field(..., min_length=1, max_length=400)
    description_en: str = Field("", max_length=400)
    description_zh: str = Field("", max_length=400)
    responsible: str = Field("", max_length=200)
    due_date: dt.date | None = None
    started: bool = False
    started_on: dt.date | None = None


class ActionPatch(Schema):
    started: bool | None = None
    started_on: dt.date | None = None
    responsible: str | None = Field(None, max_length=200)


class MilestonePatch(Schema):
    done_on: dt.date | None = None
    note: str | None = None


@router.post(
    "/zones/{code}/agreements", response={201: AgreementOut}, auth=django_auth, summary="Record a cooperation agreement"
)
def create_agreement(request: HttpRequest, code: str, payload: AgreementIn) -> tuple[int, dict[str, Any]]:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    data = payload.dict()
    data["fields"] = [str(f) for f in data["fields"]]
    agreement = services.agreement_create(zone=zone, actor=request_actor(request, "api"), **data)
    return 201, agreement_out(selectors.agreement_list(request.user).get(pk=agreement.pk))


@router.post(
    "/agreements/{agreement_id}/actions",
    response={201: AgreementOut},
    auth=django_auth,
    summary="Add an action the agreement commits to",
)
def create_action(request: HttpRequest, agreement_id: int, payload: ActionIn) -> tuple[int, dict[str, Any]]:
    agreement = get_changeable_or_404(
        request.user, CooperationAgreement.objects.select_related("zone"), pk=agreement_id
    )
    services.action_create(agreement=agreement, actor=request_actor(request, "api"), **payload.dict())
    return 201, agreement_out(selectors.agreement_list(request.user).get(pk=agreement.pk))


@router.patch("/actions/{action_id}", response=AgreementOut, auth=django_auth, summary="Record that an action started")
def update_action(request: HttpRequest, response: HttpResponse, action_id: int, payload: ActionPatch) -> dict[str, Any]:
    action = get_changeable_or_404(
        request.user, AgreementAction.objects.select_related("agreement__zone"), pk=action_id
    )
    services.action_update(
        action=action,
        actor=request_actor(request, "api"),
        expected_version=versions.if_match(request),
        **payload.dict(exclude_unset=True),
    )
    versions.set_etag(response, services.ACTIONS.version(action))
    return agreement_out(selectors.agreement_list(request.user).get(pk=action.agreement_id))


@router.patch("/milestones/{milestone_id}", response=GoalOut, auth=django_auth, summary="Mark a milestone done")
def update_milestone(
    request: HttpRequest, response: HttpResponse, milestone_id: int, payload: MilestonePatch
) -> dict[str, Any]:
    milestone = get_changeable_or_404(request.user, Milestone.objects.select_related("goal__zone"), pk=milestone_id)
    services.milestone_update(
        milestone=milestone,
        actor=request_actor(request, "api"),
        expected_version=versions.if_match(request),
        **payload.dict(exclude_unset=True),
    )
    versions.set_etag(response, services.MILESTONES.version(milestone))
    return goal_out(selectors.goal_list(request.user).get(pk=milestone.goal_id))
