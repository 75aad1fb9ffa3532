from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "borderzone.reports"
    label = "reports"
    verbose_name = _("Reports")
    api_prefix = "/reports"
    demo_order = 90
