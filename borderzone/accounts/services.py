"""Writes on accounts: each validates, saves and audits in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from borderzone.accounts.models import Role, User, ZoneAssignment
from borderzone.core.actors import Actor
from borderzone.core.audit import audit_record, snapshot
from borderzone.core.models import AuditAction
from borderzone.zones.models import EconomicZone


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    zones: Iterable[EconomicZone] = (),
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_demo: bool = False,
    actor: Actor,
) -> User:
    """Create an account, checking the password against Django's validators."""
    user = User(
        username=username,
        role=Role(role),
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_demo=is_demo,
    )
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, instance=user, action=AuditAction.CREATED)
    for zone in zones:
        assignment = ZoneAssignment.objects.create(user=user, zone=zone)
        audit_record(actor=actor, instance=assignment, action=AuditAction.CREATED)
    return user


@transaction.atomic
def user_set_password(*, user: User, password: str, actor: Actor) -> User:
    validate_password(password, user)
    before = snapshot(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(actor=actor, instance=user, before=before, changes={"password": ["***", "***"]})
    return user
