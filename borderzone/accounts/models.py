"""Users, their role, and the zones a staff member works in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Board administrator")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Leader")
    INVESTOR = "investor", _("Investor")


# Roles that must sign in with a second factor; investors may choose to.
SECOND_FACTOR_ROLES = frozenset({Role.ADMIN, Role.SPECIALIST, Role.LEADER})


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPECIALIST)
    is_demo = models.BooleanField(_("demo account"), default=False)
    # Raised to end every session of the account at once (disabled, second factor reset); it is part of
    # the hash each session carries, as the password is.
    session_generation = models.PositiveIntegerField(default=0, editable=False)
    zones = models.ManyToManyField(
        "zones.EconomicZone",
        through="ZoneAssignment",
        related_name="staff",
        blank=True,
        verbose_name=_("zones"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_full_name(self) -> str:
        """The name in Vietnamese order: family and middle names (`last_name`), then the given name
        (`first_name`): "Nguyễn Văn An"."""
        return " ".join(part for part in (self.last_name.strip(), self.first_name.strip()) if part)

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full} ({self.username})" if full else self.username

    @property
    def needs_second_factor(self) -> bool:
        return self.role in SECOND_FACTOR_ROLES

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        # Django compares this hash with the one stored in each session on every request (and its
        # SECRET_KEY_FALLBACKS variants); a new password or a new generation ends every old session.
        return salted_hmac(
            "borderzone.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class ZoneAssignment(models.Model):
    """A staff member (specialist, leader) or investor account working in one economic zone."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="zone_assignments")
    zone = models.ForeignKey("zones.EconomicZone", on_delete=models.CASCADE, related_name="staff_assignments")
    assigned_at = models.DateTimeField(auto_now_add=True)

    ZONE_LOOKUP = "zone"

    class Meta:
        verbose_name = _("zone assignment")
        constraints = [models.UniqueConstraint(fields=["user", "zone"], name="unique_zone_assignment")]

    def __str__(self) -> str:
        return f"{self.user} → {self.zone}"
