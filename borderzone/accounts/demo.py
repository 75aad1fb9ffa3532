"""Demo accounts, one per role, with printed passwords. Marked as demo in the interface."""

from __future__ import annotations

import base64
from typing import TextIO

from django.db import transaction
from django_otp.oath import totp

from borderzone.access.actors import Actor
from borderzone.access.demo_data import missing
from borderzone.accounts import second_factor
from borderzone.accounts.models import Role, User
from borderzone.accounts.services import user_create, user_update
from borderzone.zones.models import EconomicZone

DEMO_PASSWORD = "caobang-demo-2026"  # noqa: S105 - printed for demo logins by design
# The authenticator secret of the demo staff accounts (hex, as django-otp keeps it), printed in base32 for
# an authenticator app: RFC 6238's own test key. Demo accounts only.
DEMO_TOTP_KEY = "3132333435363738393031323334353637383930"
DEMO_TOTP_SECRET = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()

# Reserved example domain (RFC 2606): notifications show on the console of `make run`, never leave the machine.
DEMO_EMAIL_DOMAIN = "caobang-demo.example"
DEMO_USERS = [
    # (username, role, given name, family and middle names): shown "Nguyễn Văn An" (User.get_full_name).
    ("admin", Role.ADMIN, "Minh", "Nông Đức"),
    ("chuyenvien", Role.SPECIALIST, "An", "Nguyễn Văn"),
    ("lanhdao", Role.LEADER, "Lan", "Hoàng Thị"),
    ("nhadautu", Role.INVESTOR, "Hoa", "Lý Thị"),
]


@transaction.atomic
def load(*, actor: Actor, out: TextIO) -> None:
    zone = EconomicZone.objects.get(code="CB")
    created = 0
    for username, role, first, last in missing(DEMO_USERS, User.objects.all(), "username"):
        zones = [] if role == Role.ADMIN else [zone]
        user_create(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            zones=zones,
            first_name=first,
            last_name=last,
            email=f"{username}@{DEMO_EMAIL_DOMAIN}",
            is_demo=True,
            actor=actor,
        )
        created += 1
    # Installs loaded before the demo users had addresses get them, so that notifications show.
    given = 0
    for user in User.objects.filter(username__in=[row[0] for row in DEMO_USERS], is_demo=True, email=""):
        user_update(user=user, email=f"{user.username}@{DEMO_EMAIL_DOMAIN}", actor=actor)
        given += 1
    enrolled = 0
    for user in User.objects.filter(is_demo=True, username__in=[u for u, *_ in DEMO_USERS]):
        if user.needs_second_factor and not second_factor.is_enrolled(user):
            second_factor.demo_authenticator(user=user, key=DEMO_TOTP_KEY)
            enrolled += 1
    out.write(
        f"Demo users: {created} created, {given} given an e-mail address, {enrolled} given the demo authenticator.\n"
    )


def describe() -> str:
    names = ", ".join(f"{u} ({r.label})" for u, r, _f, _l in DEMO_USERS)
    return (
        f"Demo logins: {names}; password: {DEMO_PASSWORD}; staff sign-in codes: from an authenticator app "
        f"given the key {DEMO_TOTP_SECRET}"
    )


def demo_code() -> str:
    """The code of the demo authenticator at this moment (what the app would show)."""
    return f"{totp(bytes.fromhex(DEMO_TOTP_KEY)):06d}"
