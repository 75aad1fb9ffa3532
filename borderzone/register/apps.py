from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class RegisterConfig(AppConfig):
    name = "borderzone.register"
    label = "investments"
    verbose_name = _("Investment register")
    api_prefix = "/investments"
    demo_order = 30
    nav_items = [
        NavItem("investments:public-list", _("Projects in the zone"), "public", 30),
        NavItem("investments:project-list", _("Investment projects"), "staff", 30),
    ]

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from borderzone.rates.models import ReferenceRate

        post_save.connect(_rate_recorded, sender=ReferenceRate, dispatch_uid="investments-convert-unconverted")


def _rate_recorded(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    """A reference rate recorded (or corrected): the USD capital it now covers gets its VND equivalent,
    in the same transaction as the rate (see services.convert_unconverted), by whoever recorded the rate."""
    from borderzone.access.actors import Actor
    from borderzone.register.services import convert_unconverted

    if raw:  # loading a fixture
        return
    actor = Actor(user=instance.updated_by, via="web")
    convert_unconverted(currency=instance.currency, since=instance.day, actor=actor)
