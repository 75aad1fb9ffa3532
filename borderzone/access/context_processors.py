from typing import Any

from django.conf import settings
from django.http import HttpRequest

from borderzone.access.permissions import is_staff_member
from borderzone.core.registry import nav_items


def site(request: HttpRequest) -> dict[str, Any]:
    staff = is_staff_member(request.user) if hasattr(request, "user") else False
    return {
        "SITE_NAME": settings.SITE_NAME,
        "is_staff_member": staff,
        "nav_public": nav_items("public"),
        "nav_staff": nav_items("staff") if staff else [],
    }
