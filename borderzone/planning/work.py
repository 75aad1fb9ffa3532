"""What the development plan puts on a staff member's work list (core.registry.work_providers)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import WorkContext, WorkItem, WorkProvider
from borderzone.planning.models import Goal

#: Goals whose target date falls within this many days count as due.
DUE_WITHIN = dt.timedelta(days=30)


def items(context: WorkContext) -> list[WorkItem]:
    open_goals = Goal.objects.filter(zone__in=context.zones_read).open_on(context.today).select_related("zone")
    overdue = list(open_goals.filter(target_date__lt=context.today).order_by("target_date", "code")[:5])
    overdue_count = open_goals.filter(target_date__lt=context.today).count()
    due = list(
        open_goals.filter(target_date__gte=context.today, target_date__lte=context.today + DUE_WITHIN).order_by(
            "target_date", "code"
        )
    )

    def entries(goals: list[Goal]) -> tuple[tuple[str, str], ...]:
        return tuple((goal.display_title, reverse("planning:goal-detail", args=[goal.pk])) for goal in goals[:5])

    return [
        WorkItem(
            _("Plan goals past their target date"),
            overdue_count,
            reverse("planning:index"),
            entries=entries(overdue),
            urgent=True,
        ),
        WorkItem(
            _("Plan goals due within 30 days"),
            len(due),
            reverse("planning:index"),
            deadline=due[0].target_date if due else None,
            entries=entries(due),
        ),
    ]


PROVIDERS = [WorkProvider("planning", items, order=60)]
