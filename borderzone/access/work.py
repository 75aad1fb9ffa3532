"""What the shared staff pages put on a user's work list (core.registry.work_providers): the imports they
started that finished since their previous visit of the staff home."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from borderzone.core.models import ImportJob, ImportJobStatus
from borderzone.core.registry import WorkContext, WorkItem, WorkProvider


def items(context: WorkContext) -> list[WorkItem]:
    done = (
        ImportJob.objects.filter(
            created_by=context.user.pk,
            status__in=(ImportJobStatus.SUCCEEDED, ImportJobStatus.FAILED),
            finished_at__gte=context.since_moment,
        )
        .only("pk", "kind", "filename", "status", "finished_at")
        .order_by("-finished_at")
    )
    finished = list(done[:5])
    return [
        WorkItem(
            _("Your imports finished since your last visit"),
            done.count() if finished else 0,
            reverse("core:import-job", args=[finished[0].pk]) if finished else "",
            entries=tuple(
                (f"{job.filename} — {job.get_status_display()}", reverse("core:import-job", args=[job.pk]))
                for job in finished
            ),
        )
    ]


PROVIDERS = [WorkProvider("imports", items, order=80)]
