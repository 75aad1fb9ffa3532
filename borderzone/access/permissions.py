"""Who may see and change what. Views, the API and exports all ask here, nowhere else.

Roles: an administrator sees and changes everything; a specialist reads and changes the zones
assigned to them; a leader reads their zones and changes nothing; an investor sees only their own
projects (through the investments app). Whatever a caller may not see is answered with 404, never a
403 that reveals it exists.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.http import Http404

from borderzone.accounts.models import Role, User
from borderzone.zones.models import EconomicZone

AnyUser = User | AnonymousUser


def role_of(user: AnyUser) -> str | None:
    if not user.is_authenticated or not user.is_active:
        return None
    return getattr(user, "role", None)


def is_admin(user: AnyUser) -> bool:
    return role_of(user) == Role.ADMIN or bool(getattr(user, "is_superuser", False) and user.is_active)


def is_staff_member(user: AnyUser) -> bool:
    """Board staff: administrators, specialists and leaders."""
    return is_admin(user) or role_of(user) in (Role.SPECIALIST, Role.LEADER)


def zones_visible_to(user: AnyUser) -> models.QuerySet[EconomicZone]:
    """Zones whose internal (unpublished) data the user may read."""
    if is_admin(user):
        return EconomicZone.objects.all()
    if is_staff_member(user):
        return EconomicZone.objects.filter(staff_assignments__user_id=user.pk or 0)
    return EconomicZone.objects.none()


def zones_editable_by(user: AnyUser) -> models.QuerySet[EconomicZone]:
    if is_admin(user):
        return EconomicZone.objects.all()
    if role_of(user) == Role.SPECIALIST:
        return EconomicZone.objects.filter(staff_assignments__user_id=user.pk or 0)
    return EconomicZone.objects.none()


def users_who_may_change_zone(zone: EconomicZone) -> models.QuerySet[User]:
    """The active users who may change (and so moderate) a zone's content: administrators and the
    specialists assigned to it; the mirror image of `zones_editable_by`."""

    return (
        User.objects.filter(is_active=True)
        .filter(
            models.Q(role=Role.ADMIN)
            | models.Q(is_superuser=True)
            | models.Q(role=Role.SPECIALIST, zone_assignments__zone=zone)
        )
        .distinct()
        .order_by("pk")
    )


def can_view_zone(user: AnyUser, zone: EconomicZone | None) -> bool:
    if zone is None or is_admin(user):
        return is_admin(user)
    return zones_visible_to(user).filter(pk=zone.pk).exists()


def can_change_zone(user: AnyUser, zone: EconomicZone | None) -> bool:
    if zone is None or is_admin(user):
        return is_admin(user)
    return zones_editable_by(user).filter(pk=zone.pk).exists()


def zone_lookup(model: type[models.Model]) -> str | None:
    """The ORM path from a model to its economic zone: the model's ZONE_LOOKUP attribute."""
    return getattr(model, "ZONE_LOOKUP", None)


def zone_of(instance: Any) -> EconomicZone | None:
    """The economic zone an object belongs to, following its model's ZONE_LOOKUP."""
    if isinstance(instance, EconomicZone):
        return instance
    lookup = zone_lookup(type(instance))
    if not lookup:
        return None
    obj: Any = instance
    for part in lookup.split("__"):
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj if isinstance(obj, EconomicZone) else None


def restrict_to_visible[M: models.Model](user: AnyUser, queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """Only the rows of `queryset` whose zone the user may read."""
    if is_admin(user):
        return queryset

    if queryset.model is EconomicZone:
        return queryset.filter(pk__in=zones_visible_to(user).values("pk"))
    lookup = zone_lookup(queryset.model)
    if lookup is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__in": zones_visible_to(user).values("pk")})


def get_visible_or_404[M: models.Model](user: AnyUser, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """The object, if it exists and the user may see it; otherwise 404 either way."""
    try:
        return restrict_to_visible(user, queryset).get(**lookup)
    except ObjectDoesNotExist:
        raise Http404 from None


def get_changeable_or_404[M: models.Model](user: AnyUser, queryset: models.QuerySet[M], **lookup: Any) -> M:
    """The object, if the user may change it: 404 when they may not see it, 403 when they may only read it.
    The one decision a page or API call that changes something makes; pass the object on, do not decide again."""
    instance = get_visible_or_404(user, queryset, **lookup)
    if not can_change_zone(user, _zone_of_any(instance)):
        raise PermissionDenied
    return instance


def _zone_of_any(instance: Any) -> EconomicZone | None:
    return instance if isinstance(instance, EconomicZone) else zone_of(instance)


def ensure_can_view(user: AnyUser, instance: Any) -> None:
    zone = instance if isinstance(instance, EconomicZone) else zone_of(instance)
    if not can_view_zone(user, zone):
        raise Http404


def ensure_can_change(user: AnyUser, instance: Any) -> None:
    """404 when the user may not even see the object; 403 when they see it but may only read it."""
    zone = instance if isinstance(instance, EconomicZone) else zone_of(instance)
    if not can_view_zone(user, zone):
        raise Http404
    if not can_change_zone(user, zone):
        raise PermissionDenied
