"""A background import whose worker died is marked failed and can be run again; none stays "running"
forever (issue 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from borderzone.access.importing import import_jobs_sweep_stale
from borderzone.core.models import ImportJob, ImportJobStatus

pytestmark = pytest.mark.django_db


def _running_job(user, zone, *, quiet_for: timedelta) -> ImportJob:
    """A job as a killed worker leaves it: running, its last heartbeat `quiet_for` ago."""
    job = ImportJob.objects.create(
        kind="projects", zone=zone, created_by=user, filename="du-an.csv", data=b"code,name\n", options={}
    )
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.RUNNING,
        started_at=timezone.now() - quiet_for,
        heartbeat_at=timezone.now() - quiet_for,
        phase="checking",
    )
    return ImportJob.objects.get(pk=job.pk)


def test_a_job_whose_worker_died_is_marked_failed_and_a_live_one_is_left_alone(specialist, zone, settings):
    settings.IMPORT_JOB_STALE_MINUTES = 15
    dead = _running_job(specialist, zone, quiet_for=timedelta(minutes=40))
    alive = _running_job(specialist, zone, quiet_for=timedelta(minutes=2))
    assert import_jobs_sweep_stale() == 1
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.status == ImportJobStatus.FAILED and dead.stalled and dead.finished_at is not None
    assert "15" in dead.errors[0]
    assert alive.status == ImportJobStatus.RUNNING


def test_the_job_page_shows_a_dead_job_failed_and_runs_it_again(client, specialist, zone):
    dead = _running_job(specialist, zone, quiet_for=timedelta(hours=3))
    client.force_login(specialist)
    page = client.get(f"/staff/imports/{dead.pk}/")
    assert page.status_code == 200
    dead.refresh_from_db()
    assert dead.status == ImportJobStatus.FAILED
    assert f"/staff/imports/{dead.pk}/rerun/" in page.content.decode()

    # The new job is queued on commit, which the test's transaction never reaches: it stays pending.
    response = client.post(f"/staff/imports/{dead.pk}/rerun/")
    again = ImportJob.objects.exclude(pk=dead.pk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"/staff/imports/{again.pk}/")
    assert again.rerun_of_id == dead.pk and bytes(again.data) == b"code,name\n" and again.zone == zone
    # Only a job whose worker stopped runs again; a finished one is refused.
    assert client.post(f"/staff/imports/{again.pk}/rerun/").status_code == 302
    assert ImportJob.objects.count() == 2


def test_another_zones_specialist_cannot_rerun_a_job(client, specialist, other_specialist, zone):
    dead = _running_job(specialist, zone, quiet_for=timedelta(hours=3))
    import_jobs_sweep_stale()
    client.force_login(other_specialist)
    assert client.post(f"/staff/imports/{dead.pk}/rerun/").status_code == 404
    assert ImportJob.objects.count() == 1


def test_a_job_run_by_the_worker_records_its_heartbeat(specialist, zone):
    from borderzone.access.importing import run_import_job

    job = ImportJob.objects.create(
        kind="projects", zone=zone, created_by=specialist, filename="a.csv", data=b"code,name\n", options={}
    )
    before = timezone.now()
    run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.heartbeat_at is not None and job.heartbeat_at >= before
    assert job.finished
