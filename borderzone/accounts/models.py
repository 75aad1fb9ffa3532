"""Users, their role, and the zones a staff member works in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Board administrator")
    SPECIALIST = "specialist", _("Specialist")
    LEADER = "leader", _("Leader")
    INVESTOR = "investor", _("Investor")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.SPECIALIST)
    is_demo = models.BooleanField(_("demo account"), default=False)
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

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full} ({self.username})" if full else self.username


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
