from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "borderzone.portal"
    label = "portal"
    verbose_name = _("Public portal")
    api_prefix = "/portal"
    demo_order = 70
