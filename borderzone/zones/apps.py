from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZonesConfig(AppConfig):
    name = "borderzone.zones"
    label = "zones"
    verbose_name = _("Zones and places")
    api_prefix = "/zones"
    demo_order = 10
