from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class InfrastructureConfig(AppConfig):
    name = "borderzone.infrastructure"
    label = "infrastructure"
    verbose_name = _("Public infrastructure")
    api_prefix = "/infrastructure"
    demo_order = 45
    nav_items = [NavItem("infrastructure:index", _("Public infrastructure"), "public", 45)]
