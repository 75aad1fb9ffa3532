from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class DocumentsConfig(AppConfig):
    name = "borderzone.documents"
    label = "documents"
    verbose_name = _("Legal documents and procedures")
    api_prefix = "/documents"
    demo_order = 60
    # NavItem labels are lazy so that each request shows them in its own language.
    nav_items = [
        NavItem("documents:list", _("Legal documents"), "public", 40),
        NavItem("documents:procedures", _("Procedures"), "public", 45),
        NavItem("documents:staff-documents", _("Document register"), "staff", 40),
        NavItem("documents:staff-procedures", _("Procedures catalogue"), "staff", 45),
    ]
