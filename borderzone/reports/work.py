"""What the reports put on a user's work list (core.registry.work_providers): the reports they asked for
that finished since their previous visit of the staff home."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from borderzone.core.registry import WorkContext, WorkItem, WorkProvider
from borderzone.reports.models import Report, ReportStatus


def items(context: WorkContext) -> list[WorkItem]:
    done = (
        Report.objects.filter(
            created_by=context.user.pk,
            status__in=(ReportStatus.READY, ReportStatus.FAILED),
            finished_at__gte=context.since_moment,
        )
        .only("pk", "kind", "filename", "format", "status", "finished_at")
        .order_by("-finished_at")
    )
    finished = list(done[:5])
    return [
        WorkItem(
            _("Your reports finished since your last visit"),
            done.count() if finished else 0,
            reverse("reports:report-list"),
            entries=tuple(
                (f"{report} — {report.get_status_display()}", reverse("reports:report-detail", args=[report.pk]))
                for report in finished
            ),
        )
    ]


PROVIDERS = [WorkProvider("reports", items, order=90)]
