from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class PortalConfig(AppConfig):
    name = "borderzone.portal"
    label = "portal"
    verbose_name = _("Public portal")
    api_prefix = "/portal"
    demo_order = 70
    nav_items = [
        NavItem("portal:news", _("News"), "public", 10),
        NavItem("portal:staff-articles", _("News desk"), "staff", 60),
    ]
