from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class PlanningConfig(AppConfig):
    name = "borderzone.planning"
    label = "planning"
    verbose_name = _("Development plan and cooperation")
    api_prefix = "/planning"
    demo_order = 40
    nav_items = [NavItem("planning:index", _("Development plan"), "public", 40)]
