"""Who does a change: a signed-in user on the web or API, or a named command run by the system user."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from borderzone.accounts.models import Role, User

SYSTEM_USERNAME = "system"


@dataclass(frozen=True)
class Actor:
    user: User | None
    via: str
    ip_address: str | None = None

    @property
    def person(self) -> User:
        """The user acting, for a record that must name who made it; an actor without one is refused."""
        if self.user is None:
            raise PermissionDenied(_("Sign in to do this."))
        return self.user

    @property
    def label(self) -> str:
        return self.user.get_username() if self.user else self.via


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or the address the N-th trusted proxy saw when TRUSTED_PROXY_COUNT is set."""
    proxies: int = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        forwarded = [p.strip() for p in header.split(",") if p.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def request_actor(request: HttpRequest, via: str = "web") -> Actor:
    user = request.user if request.user.is_authenticated else None
    return Actor(user=user, via=via, ip_address=client_ip(request))


def command_actor(command_name: str) -> Actor:
    """The system user acting for a management command; created on first use, never able to sign in."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"role": Role.ADMIN, "first_name": "BorderZone", "last_name": "system", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return Actor(user=user, via=f"command:{command_name}")
