"""What investors reported, added to the leadership dashboard and the written summary through
reports/hooks.py: the figures of the reports accepted for the periods of the year up to the day, and
the share of the projects owing a report that have one accepted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.core.cache import cached, zone_scopes
from borderzone.core.formatting import format_decimal, format_money, format_percent
from borderzone.core.money import Money
from borderzone.reporting import selectors
from borderzone.zones.models import EconomicZone

# What its figures read (the written summary's cache adds them to its own: reports/hooks.py).
SCOPES = ("investments", "reporting")


def _totals(zone: EconomicZone, as_of: dt.date) -> dict[str, Any]:
    """Cached under the zone's versions of the register's and the reports' data, like the dashboard it sits in."""
    return cached(
        zone_scopes(SCOPES, zone.pk),
        f"reported-totals:{zone.pk}:{as_of.isoformat()}",
        lambda: selectors.reported_totals(zone=zone, start=dt.date(as_of.year, 1, 1), end=as_of, as_of=as_of),
    )


def warm_after_change(zones: frozenset[int] | None = None) -> None:
    """After a change, have the worker compute today's figures of the zones it changed (all when tied to
    none), as reports/services does for the dashboard (only with a shared cache: settings.WARM_DASHBOARDS)."""
    from django.conf import settings

    if settings.WARM_DASHBOARDS:
        warm_reported_totals.enqueue(None if zones is None else sorted(zones))


@task()
def warm_reported_totals(zone_ids: list[int] | None = None) -> int:
    today = timezone.localdate()
    asked = EconomicZone.objects.order_by("code")
    zones = list(asked if zone_ids is None else asked.filter(pk__in=zone_ids))
    for zone in zones:
        _totals(zone, today)
    return len(zones)


def summary_paragraph(zone: EconomicZone, as_of: dt.date) -> str:
    totals = _totals(zone, as_of)
    if not totals["projects_reported"]:
        return ""
    return _(
        "In the reports accepted for %(year)s (%(reported)s of %(owing)s projects owing a report, %(share)s), "
        "the enterprises reported paying %(budget)s to the budget, revenue of %(revenue)s, exports of %(exports)s, "
        "and employing %(employees)s people."
    ) % {
        "year": as_of.year,
        "reported": totals["projects_reported"],
        "owing": totals["projects_owing"],
        "share": format_percent(totals["share"]) if totals["share"] is not None else "–",
        "budget": format_money(Money(totals["budget_paid"], "VND")),
        "revenue": format_money(Money(totals["revenue"], "VND")),
        "exports": format_money(Money(totals["exports"], "USD")),
        "employees": format_decimal(Decimal(totals["employees"])),
    }


def dashboard_section(zone: EconomicZone, as_of: dt.date) -> dict[str, Any] | None:
    totals = _totals(zone, as_of)
    if not totals["projects_owing"]:
        return None
    return {
        "template": "reporting/_dashboard_section.html",
        "zone": zone,
        "as_of": as_of,
        "year": as_of.year,
        "totals": totals,
        "budget": Money(totals["budget_paid"], "VND"),
        "revenue": Money(totals["revenue"], "VND"),
        "exports": Money(totals["exports"], "USD"),
        "disbursed": Money(totals["disbursed"], "VND"),
    }


def report_list_section(today: dt.date) -> dict[str, Any]:
    """The deadlines of the board's own reports, on the reports page until the staff home lists them."""
    return {
        "template": "reporting/_board_deadlines_section.html",
        "deadlines": selectors.board_deadlines(today),
        "today": today,
    }
