from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class ReportsConfig(AppConfig):
    name = "borderzone.reports"
    label = "reports"
    verbose_name = _("Reports")
    api_prefix = "/reports"
    demo_order = 90
    nav_items = [
        NavItem("reports:dashboard", _("Dashboard"), "staff", 10),
        NavItem("reports:summary-text", _("Written summary"), "staff", 90),
        NavItem("reports:report-list", _("Reports"), "staff", 91),
    ]

    def ready(self) -> None:
        from borderzone.core.cache import after_change
        from borderzone.reports.dashboard import SCOPES
        from borderzone.reports.services import warm_after_change

        after_change(SCOPES, warm_after_change)
