from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class InspectionsConfig(AppConfig):
    name = "borderzone.inspections"
    label = "inspections"
    verbose_name = _("Inspections and supervision visits")
    api_prefix = "/inspections"
    demo_order = 90
    nav_items = [NavItem("inspections:list", _("Inspections"), "staff", 38)]
