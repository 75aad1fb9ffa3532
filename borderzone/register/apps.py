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
