"""Who does a change: a signed-in user on the web or API, or a named command run by the system user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import HttpRequest

if TYPE_CHECKING:
    from borderzone.accounts.models import User

SYSTEM_USERNAME = "system"


@dataclass(frozen=True)
class Actor:
    user: User | None
    via: str
    ip_address: str | None = None

    @property
    def label(self) -> str:
        return self.user.get_username() if self.user else self.via


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address the N-th trusted proxy saw when TRUSTED_PROXY_COUNT is set."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def request_actor(request: HttpRequest, via: str = "web") -> Actor:
    user = request.user if request.user.is_authenticated else None
    return Actor(user=user, via=via, ip_address=client_ip(request))  # type: ignore[arg-type]


def command_actor(command_name: str) -> Actor:
    """The system user acting for a management command; created on first use, never able to sign in."""
    from borderzone.accounts.models import Role, User

    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.ADMIN, "first_name": "BorderZone", "last_name": "system", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return Actor(user=user, via=f"command:{command_name}")
