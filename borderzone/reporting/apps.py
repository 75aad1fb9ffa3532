"""Investors' periodic reports to the board and the board's statutory reports built from them.

Not to be confused with `borderzone.reports`, the leadership dashboard and the board's generic
periodic summaries (Excel/PDF): this app is the reporting *obligation* loop: forms kept as data,
what each project owes and when, investors filing online, the board accepting or returning, the
figures consolidated into the register, and the board's own reports in Decree 30/2020 layout."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import NavItem


class ReportingConfig(AppConfig):
    name = "borderzone.reporting"
    label = "reporting"
    verbose_name = _("Investor reporting")
    api_prefix = "/reporting"
    demo_order = 95
    nav_items = [
        NavItem("reporting:obligations", _("Investor reports"), "staff", 92),
        NavItem("reporting:my-projects", _("My projects"), "investor", 5),
    ]

    def ready(self) -> None:
        from borderzone.core.cache import after_change
        from borderzone.reporting.report_sections import SCOPES, warm_after_change

        after_change(SCOPES, warm_after_change)
