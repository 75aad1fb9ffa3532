"""Reads on the development plan and the cooperation agreements."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from borderzone.access.permissions import zones_visible_to
from borderzone.planning.models import (
    AgreementAction,
    AgreementQuerySet,
    CooperationAgreement,
    Evidence,
    Goal,
    GoalQuerySet,
    Milestone,
)


def visible_goals(user: Any) -> GoalQuerySet:
    """Published goals, and every goal of the zones whose internal data the user may read."""
    return Goal.objects.filter(Q(is_published=True) | Q(zone__in=zones_visible_to(user)))


def goal_list(
    user: Any,
    *,
    zone_id: int | None = None,
    gate_area_id: int | None = None,
    zone_wide: bool = False,
    status: str | None = None,
    overdue: bool | None = None,
) -> QuerySet[Goal]:
    """Goals the user may see, filtered, with their gate area and milestones (and their evidence) fetched."""
    qs = (
        visible_goals(user)
        .select_related("zone", "gate_area")
        .prefetch_related(
            Prefetch(
                "milestones",
                queryset=Milestone.objects.prefetch_related(
                    Prefetch("evidence", queryset=Evidence.objects.order_by("dated", "id"))
                ),
            )
        )
    )
    if zone_id is not None:
        qs = qs.filter(zone_id=zone_id)
    if gate_area_id is not None:
        qs = qs.filter(gate_area_id=gate_area_id)
    if zone_wide:
        qs = qs.filter(gate_area__isnull=True)
    if status:
        qs = qs.filter(status=status)
    if overdue is True:
        qs = qs.overdue()
    elif overdue is False:
        qs = qs.exclude(pk__in=Goal.objects.overdue().values("pk"))
    return qs.order_by("zone__code", "gate_area__sort_order", "target_date", "code")


def visible_agreements(user: Any) -> AgreementQuerySet:
    return CooperationAgreement.objects.filter(Q(is_published=True) | Q(zone__in=zones_visible_to(user)))


def agreement_list(
    user: Any, *, zone_id: int | None = None, not_implemented: bool = False
) -> QuerySet[CooperationAgreement]:
    """Agreements the user may see; `not_implemented` keeps those signed with no committed action started."""
    qs = visible_agreements(user).select_related("zone")
    if zone_id is not None:
        qs = qs.filter(zone_id=zone_id)
    if not_implemented:
        qs = qs.not_implemented()
    return qs.prefetch_related(Prefetch("actions", queryset=AgreementAction.objects.order_by("id"))).order_by(
        "-signed_on", "title"
    )
