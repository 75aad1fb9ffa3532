"""What inspections put on a staff member's work list (core.registry.work_providers): recommendations
whose deadline passed and which are not closed, the issues needing action after a visit."""

from __future__ import annotations

from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from borderzone.core.i18n import as_written
from borderzone.core.registry import WorkContext, WorkItem, WorkProvider
from borderzone.inspections.selectors import overdue_recommendations


def items(context: WorkContext) -> list[WorkItem]:
    overdue = overdue_recommendations(context.zones_read, context.today)
    first = list(overdue[:5])
    return [
        WorkItem(
            _("Inspection recommendations past their deadline"),
            overdue.count(),
            reverse("inspections:list"),
            deadline=first[0].deadline if first else None,
            entries=tuple(
                (as_written(Truncator(r.text).chars(80)), reverse("inspections:detail", args=[r.inspection_id]))
                for r in first
            ),
            urgent=True,
        )
    ]


PROVIDERS = [WorkProvider("inspections", items, order=55)]
