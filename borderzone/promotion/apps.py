from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class PromotionConfig(AppConfig):
    name = "borderzone.promotion"
    label = "investing"
    verbose_name = _("Investing in the zone")
    api_prefix = "/investing"
    demo_order = 65
    # NavItem labels are lazy so that each request shows them in its own language.
    nav_items = [
        NavItem("investing:home", _("Investing in the zone"), "public", 50),
        NavItem("investing:staff-home", _("Incentives and inquiries"), "staff", 50),
    ]
