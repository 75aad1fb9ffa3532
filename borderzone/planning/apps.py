from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "borderzone.planning"
    label = "planning"
    verbose_name = _("Development plan and cooperation")
    api_prefix = "/planning"
    demo_order = 40
