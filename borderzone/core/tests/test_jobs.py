"""The one sweep of background jobs whose worker died (core/jobs.py), which imports, exports, reports and
forecasts each call with their own model, statuses, fields and message."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from borderzone.core.jobs import sweep_stale_jobs
from borderzone.core.models import ExportJob, ExportJobStatus

pytestmark = pytest.mark.django_db


def _job(user, *, status=ExportJobStatus.RUNNING, heartbeat=None, started=None) -> ExportJob:
    job = ExportJob.objects.create(kind="projects", fmt="csv", created_by=user)
    ExportJob.objects.filter(pk=job.pk).update(status=status, heartbeat_at=heartbeat, started_at=started)
    return job


def test_the_sweep_fails_only_running_jobs_silent_past_the_limit_with_the_message_and_extra_values(specialist):
    now = timezone.now()
    old, recent = now - timedelta(minutes=21), now - timedelta(minutes=19)
    dead = _job(specialist, heartbeat=old, started=old)
    alive = _job(specialist, heartbeat=recent, started=old)  # a recent heartbeat wins over an old start
    never_beat = _job(specialist, started=old)  # no heartbeat yet: its start counts
    just_started = _job(specialist, started=recent)
    pending = _job(specialist, status=ExportJobStatus.PENDING, heartbeat=old, started=old)

    swept = sweep_stale_jobs(
        ExportJob.objects.filter(kind="projects"),
        minutes=20,
        running=ExportJobStatus.RUNNING,
        failed=ExportJobStatus.FAILED,
        message="silent for %(minutes)d minutes",
        also={"rows_done": 7},
        now=now,
    )

    assert swept == 2
    states = {
        job.pk: (job.status, job.error, job.finished_at, job.rows_done)
        for job in ExportJob.objects.filter(pk__in=[dead.pk, never_beat.pk])
    }
    assert states == {
        dead.pk: (ExportJobStatus.FAILED, "silent for 20 minutes", now, 7),
        never_beat.pk: (ExportJobStatus.FAILED, "silent for 20 minutes", now, 7),
    }
    untouched = ExportJob.objects.filter(pk__in=[alive.pk, just_started.pk, pending.pk])
    assert sorted(untouched.values_list("status", "error", "rows_done")) == [
        (ExportJobStatus.PENDING, "", 0),
        (ExportJobStatus.RUNNING, "", 0),
        (ExportJobStatus.RUNNING, "", 0),
    ]


def test_the_sweep_reads_the_fields_it_is_given_and_can_write_the_message_as_a_list(specialist):
    from borderzone.core.models import ImportJob, ImportJobStatus

    now = timezone.now()
    job = ImportJob.objects.create(kind="projects", created_by=specialist, filename="a.csv", data=b"", options={})
    # The start is recent but the creation is old: swept only when the sweep is told to read `created_at`.
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.RUNNING, created_at=now - timedelta(hours=1), started_at=now
    )
    arguments = {
        "minutes": 15,
        "running": ImportJobStatus.RUNNING,
        "failed": ImportJobStatus.FAILED,
        "message": "stopped after %(minutes)d minutes",
        "message_field": "errors",
        "message_as_list": True,
        "now": now,
    }
    assert sweep_stale_jobs(ImportJob, **arguments) == 0
    assert sweep_stale_jobs(ImportJob, started_field="created_at", **arguments) == 1
    job.refresh_from_db()
    assert (job.status, job.errors, job.finished_at) == (ImportJobStatus.FAILED, ["stopped after 15 minutes"], now)
