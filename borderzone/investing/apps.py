from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestingConfig(AppConfig):
    name = "borderzone.investing"
    label = "investing"
    verbose_name = _("Investing in the zone")
    api_prefix = "/investing"
    demo_order = 65
