from typing import Any

from django.conf import settings
from django.http import HttpRequest

from borderzone.access.permissions import is_admin, is_staff_member, role_of
from borderzone.core.registry import nav_items


def site(request: HttpRequest) -> dict[str, Any]:
    staff = is_staff_member(request.user) if hasattr(request, "user") else False
    return {
        "SITE_NAME": settings.SITE_NAME,
        "is_staff_member": staff,
        # Sign-in audit rows show their network address to administrators only (core/_events.html).
        "viewer_is_admin": is_admin(request.user) if hasattr(request, "user") else False,
        "nav_public": nav_items("public"),
        "nav_staff": nav_items("staff") if staff else [],
        # An investor account's own area (its pages come from the app that registers "investor" items).
        "nav_investor": nav_items("investor")
        if hasattr(request, "user") and role_of(request.user) == "investor"
        else [],
    }
