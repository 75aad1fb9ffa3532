"""User accounts as personal data, found by their e-mail address, for the export (access.personal_data).
Accounts have no retention period: administrators disable them; their audit rows stay."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from borderzone.access.personal_data import PersonalDataSource
from borderzone.accounts.models import User


def find(email: str, digits: str) -> models.QuerySet[User]:
    if not email:
        return User.objects.none()
    return User.objects.filter(email__iexact=email).prefetch_related("zones").order_by("pk")


def row(user: User) -> dict[str, Any]:
    return {
        "id": user.pk,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.get_role_display(),
        "zones": [zone.code for zone in user.zones.all()],
        "active": user.is_active,
        "joined_at": user.date_joined,
        "last_sign_in": user.last_login,
    }


SOURCES = [PersonalDataSource(key="accounts", label=_("User accounts"), find=find, row=row, order=10)]
