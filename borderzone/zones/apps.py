from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class ZonesConfig(AppConfig):
    name = "borderzone.zones"
    label = "zones"
    verbose_name = _("Zones and places")
    api_prefix = "/zones"
    demo_order = 10
    nav_items = [
        NavItem("zones:gate-list", _("Border gates"), "public", 20),
        NavItem("zones:map", _("Map"), "public", 25),
    ]
