"""What the reporting loop puts on a staff member's work list (core.registry.work_providers): investors'
reports waiting for the board, reports overdue from investors, account links to confirm, and the board's
own statutory reports coming due."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from borderzone.core.formatting import format_date
from borderzone.core.registry import WorkContext, WorkItem, WorkProvider
from borderzone.reporting import selectors
from borderzone.reporting.models import LinkRequest, LinkStatus
from borderzone.zones.models import EconomicZone

#: The board's own reports are listed once their deadline is this close.
BOARD_DUE_WITHIN = dt.timedelta(days=45)


def items(context: WorkContext) -> list[WorkItem]:
    out: list[WorkItem] = []
    waiting: list[WorkItem] = []
    overdue: list[WorkItem] = []
    zones = list(EconomicZone.objects.filter(pk__in=context.zones_read).order_by("code"))
    several = len(zones) > 1
    to_review, late = _("Investor reports waiting for review"), _("Reports overdue from investors")
    for zone in zones:
        counts = selectors.status_counts(selectors.obligations(zone=zone, as_of=context.today))
        link = reverse("reporting:obligations")
        suffix = f" · {zone.display_name}" if several else ""
        waiting.append(
            WorkItem(
                f"{to_review}{suffix}",
                counts[selectors.SUBMITTED],
                f"{link}?{urlencode({'zone': zone.code, 'status': selectors.SUBMITTED})}",
            )
        )
        overdue.append(
            WorkItem(
                f"{late}{suffix}",
                counts[selectors.OVERDUE],
                f"{link}?{urlencode({'zone': zone.code, 'status': selectors.OVERDUE})}",
                urgent=True,
            )
        )
    out.extend(waiting)
    out.extend(overdue)
    links = LinkRequest.objects.filter(status=LinkStatus.PENDING, project__zone__in=context.zones_read).count()
    out.append(
        WorkItem(_("Investor accounts asking to be linked to a project"), links, reverse("reporting:link-requests"))
    )
    language = get_language() or "vi"
    due = [
        (form, period, day)
        for form, period, day in selectors.board_deadlines(context.today, months_ahead=2)
        if context.today <= day <= context.today + BOARD_DUE_WITHIN
    ]
    out.append(
        WorkItem(
            _("The board's statutory reports due within 45 days"),
            len(due),
            reverse("reporting:board-reports"),
            deadline=due[0][2] if due else None,
            entries=tuple(
                (f"{form.name_in(language)} — {period.label()} — {format_date(day)}", "")
                for form, period, day in due[:5]
            ),
        )
    )
    return out


PROVIDERS = [WorkProvider("reporting", items, order=30)]
