from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class RatesConfig(AppConfig):
    name = "borderzone.rates"
    label = "rates"
    verbose_name = _("Reference exchange rates")
    nav_items = [NavItem("rates:rate-list", _("Exchange rates"), "staff", 95)]
