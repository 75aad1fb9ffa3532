from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TradeConfig(AppConfig):
    name = "borderzone.trade"
    label = "trade"
    verbose_name = _("Trade and revenue")
    api_prefix = "/trade"
    demo_order = 50
