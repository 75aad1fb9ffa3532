from typing import Any

from django.conf import settings
from django.http import HttpRequest

from borderzone.core.permissions import is_staff_member


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "SITE_NAME": settings.SITE_NAME,
        "is_staff_member": is_staff_member(request.user) if hasattr(request, "user") else False,
    }
