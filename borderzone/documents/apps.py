from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "borderzone.documents"
    label = "documents"
    verbose_name = _("Legal documents and procedures")
    api_prefix = "/documents"
    demo_order = 60
