"""Demo accounts, one per role, with printed passwords. Marked as demo in the interface."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from borderzone.access.actors import Actor
from borderzone.access.demo_data import missing
from borderzone.accounts.models import Role, User
from borderzone.accounts.services import user_create
from borderzone.zones.models import EconomicZone

DEMO_PASSWORD = "caobang-demo-2026"  # noqa: S105 - printed for demo logins by design

DEMO_USERS = [
    ("admin", Role.ADMIN, "Quản trị", "Ban Quản lý"),
    ("chuyenvien", Role.SPECIALIST, "Chuyên viên", "Phòng Quản lý đầu tư"),
    ("lanhdao", Role.LEADER, "Lãnh đạo", "Ban Quản lý"),
    ("nhadautu", Role.INVESTOR, "Nhà đầu tư", "Minh họa"),
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
            is_demo=True,
            actor=actor,
        )
        created += 1
    out.write(f"Demo users: {created} created.\n")


def describe() -> str:
    names = ", ".join(f"{u} ({r.label})" for u, r, _f, _l in DEMO_USERS)
    return f"Demo logins: {names}; password: {DEMO_PASSWORD}"
