from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class TradeConfig(AppConfig):
    name = "borderzone.trade"
    label = "trade"
    verbose_name = _("Trade and revenue")
    api_prefix = "/trade"
    demo_order = 50
    nav_items = [
        NavItem("trade:public", _("Trade"), "public", 40),
        NavItem("trade:staff", _("Trade and revenue"), "staff", 40),
    ]
