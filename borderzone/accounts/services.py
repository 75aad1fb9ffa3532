"""Writes on accounts: each validates, saves and audits in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_access, audit_record
from borderzone.access.services import ModelWrites
from borderzone.accounts.models import Role, User, ZoneAssignment
from borderzone.accounts.second_factor import SIGN_IN
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
    is_active: bool = True,
    is_demo: bool = False,
    actor: Actor,
) -> User:
    """Create an account (active or not), checking the password against Django's validators."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is already taken.")})
    user = User(
        username=username,
        role=Role(role),
        first_name=first_name,
        last_name=last_name,
        email=email,
        is_active=is_active,
        is_demo=is_demo,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, instance=user, action=AuditAction.CREATED)
    for zone in zones:
        ASSIGNMENTS.create(actor, {}, user=user, zone=zone)
    return user


@transaction.atomic
def sign_in_recorded(*, user: User, actor: Actor, note: str = "") -> None:
    """The audit row of a sign-in (after the second factor where one is asked)."""
    audit_access(
        actor=actor, model=User, object_id=str(user.pk), object_repr=str(user), action=AuditAction.LOGIN, note=note
    )


@transaction.atomic
def sign_in_refused(*, username: str, actor: Actor, note: str = "") -> None:
    """The audit row of a refused sign-in: wrong password, unknown name, locked out or wrong code.

    The typed name is kept as typed (a person's name or a mistyped password may be in it); rows are read
    only by administrators and the retention rules of docs/security.md apply.
    """
    user = User.objects.filter(username__iexact=username).first()
    audit_access(
        actor=actor,
        model=User,
        object_id=str(user.pk) if user else "",
        object_repr=str(user) if user else username,
        action=AuditAction.LOGIN_FAILED,
        note=note,
    )


@transaction.atomic
def sign_out_recorded(*, user: User, actor: Actor) -> None:
    audit_access(actor=actor, model=User, object_id=str(user.pk), object_repr=str(user), action=AuditAction.LOGOUT)


@transaction.atomic
def user_set_password(*, user: User, password: str, actor: Actor) -> User:
    """A new password (checked by the validators); every session signed in with the old one ends."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from None
    user.set_password(password)
    # The audit trail never keeps a password, not even hashed (`snapshot` leaves it out): it says it changed.
    return SIGN_IN.update(user, actor, {}, relations={"password": ["***", "***"]}, update_fields=["password"])


# What an administrator changes of an account (`user_update`); no cached figure reads accounts.
USERS = ModelWrites(User, ("role", "is_active", "first_name", "last_name", "email"), "", clash_field="email")


# The zones a staff member works in, given and taken by `user_update`.
ASSIGNMENTS = ModelWrites(ZoneAssignment, (), "")


@transaction.atomic
def user_update(
    *,
    user: User,
    actor: Actor,
    role: str | None = None,
    zones: Iterable[EconomicZone] | None = None,
    is_active: bool | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
    email: str | None = None,
    expected_version: str | None = None,
) -> User:
    """Change an account's role, zones, names or whether it may sign in; each change audited."""
    if actor.user is not None and actor.user.pk == user.pk and (is_active is False or (role and role != user.role)):
        raise ValidationError({"role": _("You cannot change your own role or deactivate yourself.")})
    given: dict[str, object] = {"role": Role(role) if role is not None else None, "is_active": is_active}
    given.update(first_name=first_name, last_name=last_name, email=email)
    also = None
    if is_active is not None and is_active != user.is_active:
        # Disabling ends every session, and re-enabling does not bring the old ones back.
        also = {"session_generation": user.session_generation + 1}
    USERS.update(
        user,
        actor,
        {key: value for key, value in given.items() if value is not None},
        also=also,
        expected_version=expected_version,
    )
    if zones is not None:
        wanted = {z.pk: z for z in zones}
        current = {a.zone_id: a for a in user.zone_assignments.select_related("zone")}
        for zone_id, assignment in current.items():
            if zone_id not in wanted:
                ASSIGNMENTS.delete(assignment, actor)
        for zone_id, zone in wanted.items():
            if zone_id not in current:
                ASSIGNMENTS.create(actor, {}, user=user, zone=zone)
    return user
