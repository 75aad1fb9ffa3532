"""Reads on inspections, for those who may read the zone (board staff; investors see nothing of them)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet

from borderzone.access.permissions import AnyUser, is_staff_member, restrict_to_visible
from borderzone.inspections.models import Inspection, Recommendation
from borderzone.zones.models import EconomicZone

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class RecommendationCounts(TypedDict):
    """What `inspection_list` counts on each inspection."""

    recommendation_count: int
    open_count: int
    overdue_count: int


def visible_inspections(user: AnyUser) -> QuerySet[Inspection]:
    """The inspections of the zones the user reads: board staff only."""
    if not is_staff_member(user):
        return Inspection.objects.none()
    return restrict_to_visible(user, Inspection.objects.all())


def inspection_list(
    user: AnyUser, zone: EconomicZone | None = None
) -> QuerySet[WithAnnotations[Inspection, RecommendationCounts]]:
    """Inspections with their open and overdue recommendation counts (one query)."""
    from borderzone.inspections.services import today

    listed = visible_inspections(user).select_related("zone")
    if zone is not None:
        listed = listed.filter(zone=zone)
    open_q = Q(recommendations__closed_on__isnull=True)
    return listed.annotate(
        recommendation_count=Count("recommendations", distinct=True),
        open_count=Count("recommendations", filter=open_q, distinct=True),
        overdue_count=Count("recommendations", filter=open_q & Q(recommendations__deadline__lt=today()), distinct=True),
    )


def status_of(inspection: Inspection, open_count: int) -> str:
    """ "planned" until its minutes are recorded, "open" while a recommendation is open (`open_count` of
    them), then "closed"."""
    if inspection.held_on is None:
        return "planned"
    return "open" if open_count else "closed"


def overdue_recommendations(zones: QuerySet[EconomicZone] | Any, today: dt.date) -> QuerySet[Recommendation]:
    """The recommendations of inspections in `zones` whose deadline passed (before `today`) and which are not
    closed: issues needing action, oldest deadline first. For the staff home's work list (one query)."""
    return (
        Recommendation.objects.filter(inspection__zone__in=zones, closed_on__isnull=True, deadline__lt=today)
        .select_related("inspection", "project", "inspection__zone")
        .order_by("deadline", "id")
    )
