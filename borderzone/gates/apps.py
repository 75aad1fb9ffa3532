from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class GatesConfig(AppConfig):
    name = "borderzone.gates"
    label = "gates"
    verbose_name = _("Border gates")
    # The gate API keeps its paths under /api/v1/zones/gates; mounted before the zones router so that
    # `gates` is never taken for a zone code by `/zones/{code}`.
    api_prefix = "/zones"
    api_order = 10
    demo_order = 15
    # NavItem labels are lazy so that each request shows them in its own language.
    nav_items = [
        NavItem("gates:gate-list", _("Border gates"), "public", 20),
        NavItem("gates:map", _("Map"), "public", 25),
    ]
