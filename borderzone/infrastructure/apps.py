from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfrastructureConfig(AppConfig):
    name = "borderzone.infrastructure"
    label = "infrastructure"
    verbose_name = _("Public infrastructure")
    api_prefix = "/infrastructure"
    demo_order = 45
