"""The second factor of a sign-in (django-otp): an authenticator app (TOTP) and one-time recovery codes.

Administrators, specialists and leaders must have one; investors may. The codes are checked by
django-otp, which throttles wrong guesses and refuses a TOTP code used before.
"""

from __future__ import annotations

import re

from django.db import transaction
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.access.services import ModelWrites
from borderzone.accounts.models import User
from borderzone.core.models import AuditAction

RECOVERY_CODE_COUNT = 10
_APP = "authenticator"
_RECOVERY = "recovery codes"


def is_enrolled(user: User) -> bool:
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def asks_for_code(user: User) -> bool:
    """Whether a right password leads to the code step (or, for staff not yet enrolled, to enrolment)."""
    return user.needs_second_factor or is_enrolled(user)


def recovery_codes_left(user: User) -> int:
    return int(StaticToken.objects.filter(device__user=user, device__confirmed=True).count())


@transaction.atomic
def authenticator_start(*, user: User) -> TOTPDevice:
    """The not yet confirmed authenticator of an enrolment: its secret is shown until a code proves it is set up.

    Not audited: an unconfirmed device signs nobody in; the confirmation is audited.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_APP, confirmed=False)
    return device


def _new_recovery_codes(user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_RECOVERY, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _clean(token: str) -> str:
    return re.sub(r"[\s-]", "", token or "").lower()


@transaction.atomic
def authenticator_confirm(*, device: TOTPDevice, token: str, actor: Actor) -> list[str] | None:
    """Confirm an enrolment with a code from the app; returns the new recovery codes, or None for a wrong code."""
    if device.confirmed or not device.verify_token(_clean(token)):
        return None
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_recovery_codes(user)
    audit_record(
        actor=actor,
        instance=user,
        action=AuditAction.UPDATED,
        changes={"second_factor": [None, "enrolled"]},
        note="second factor enrolled",
    )
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User, token: str, actor: Actor) -> list[str] | None:
    """New recovery codes (the old ones stop working), after a code from the app; None for a wrong code."""
    if verify(user=user, token=token) is None:
        return None
    codes = _new_recovery_codes(user)
    audit_record(
        actor=actor,
        instance=user,
        action=AuditAction.UPDATED,
        changes={"recovery_codes": ["***", "***"]},
        note="recovery codes renewed",
    )
    return codes


# What a user signs in with, as the account services change it (password, sessions ended); the devices
# themselves are django-otp's rows, named in the audit row of the user (`relations`).
SIGN_IN = ModelWrites(User, (), "")


@transaction.atomic
def second_factor_reset(*, user: User, actor: Actor) -> User:
    """An administrator removes a user's authenticator and recovery codes: the next sign-in enrols anew.

    Every session of the user ends.
    """
    had = is_enrolled(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    return SIGN_IN.update(
        user,
        actor,
        {},
        also={"session_generation": user.session_generation + 1},
        relations={"second_factor": ["enrolled" if had else None, "reset"]},
        note="second factor reset; sessions ended",
        update_fields=["session_generation"],
    )


def verify(*, user: User, token: str) -> Device | None:
    """The device that accepts this code: six digits are tried on the app, anything else as a recovery code."""
    token = _clean(token)
    if not token or len(token) > 16:
        return None
    model: type[Device] = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return None
    return verify_token(user, device.persistent_id, token)


@transaction.atomic
def demo_authenticator(*, user: User, key: str) -> TOTPDevice:
    """A confirmed authenticator with a known secret, for the demo accounts only (the secret is printed)."""
    if not user.is_demo:
        raise ValueError("Only demo accounts get a known secret.")
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=_APP, key=key, confirmed=True)
