from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvestmentsConfig(AppConfig):
    name = "borderzone.investments"
    label = "investments"
    verbose_name = _("Investment register")
    api_prefix = "/investments"
    demo_order = 30
