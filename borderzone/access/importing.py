"""Running spreadsheet imports: synchronously (commands, small uploads) or as a background task
(large uploads) that reports rows done out of total.

An app registers its importer with `@register_importer("kind")`. The importer reads the table, checks
every row first — calling `progress(rows_checked)` as it goes, outside any transaction so the page
polling the job sees it — then writes everything in one transaction, or nothing if any row is bad.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.core.jobs import sweep_stale_jobs
from borderzone.core.models import ImportJob, ImportJobStatus
from borderzone.core.registry import app_modules

#: Uploads with more data rows than this run in the background.
BACKGROUND_ROWS = 5000
MAX_ERRORS_KEPT = 1000


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    errors: list[str] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "details": self.details,
        }


class Importer(Protocol):
    def __call__(
        self,
        *,
        data: bytes,
        actor: Actor,
        zone: Any,
        dry_run: bool,
        progress: Callable[[int, int], None],
        options: dict[str, Any],
    ) -> ImportReport: ...


_IMPORTERS: dict[str, Importer] = {}


def register_importer(kind: str) -> Callable[[Importer], Importer]:
    def decorator(fn: Importer) -> Importer:
        _IMPORTERS[kind] = fn
        return fn

    return decorator


def importer_for(kind: str) -> Importer:
    # Importers live in the apps; make sure they are imported.

    if kind not in _IMPORTERS:
        list(app_modules("importing"))
    return _IMPORTERS[kind]


def no_progress(done: int, total: int) -> None:
    return None


@transaction.atomic
def import_job_create(
    *,
    kind: str,
    data: bytes,
    filename: str,
    actor: Actor,
    zone: Any = None,
    dry_run: bool = False,
    options: dict[str, Any] | None = None,
) -> ImportJob:
    """Keep the upload and queue its import for the worker."""
    import_jobs_sweep_stale()
    job = ImportJob.objects.create(
        kind=kind,
        zone=zone,
        created_by=actor.person,
        filename=filename[:255],
        data=data,
        dry_run=dry_run,
        options={**(options or {}), "ip_address": actor.ip_address, "via": actor.via},
    )
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def import_jobs_sweep_stale(now: dt.datetime | None = None) -> int:
    """Mark failed every running job whose worker gave no sign of life for IMPORT_JOB_STALE_MINUTES (it was
    killed or restarted: nothing else would ever finish it); returns how many. Such a job can run again."""
    return sweep_stale_jobs(
        ImportJob,
        minutes=settings.IMPORT_JOB_STALE_MINUTES,
        running=ImportJobStatus.RUNNING,
        failed=ImportJobStatus.FAILED,
        message=_("The import stopped: its worker gave no sign of life for %(minutes)d minutes. Run it again."),
        message_field="errors",
        message_as_list=True,
        also={"phase": "", "result": {"stalled": True}},
        now=now,
    )


@transaction.atomic
def import_job_rerun(*, job: ImportJob, actor: Actor) -> ImportJob:
    """Queue again an import whose worker died, with the same file and options, as a new job."""
    if not job.stalled:
        raise ValidationError(_("Only an import whose worker stopped can be run again."))
    options = {k: v for k, v in job.options.items() if k not in ("ip_address", "via")}
    again = import_job_create(
        kind=job.kind,
        data=bytes(job.data),
        filename=job.filename,
        actor=actor,
        zone=job.zone,
        dry_run=job.dry_run,
        options=options,
    )
    again.rerun_of = job
    again.save(update_fields=["rerun_of"])
    return again


@task()
def run_import_job(job_id: int) -> dict[str, Any]:
    """Run a queued import, saving its progress as rows are checked and its outcome at the end."""
    job = ImportJob.objects.select_related("zone", "created_by").get(pk=job_id)
    if job.finished:
        result: dict[str, Any] = job.result
        return result
    job.status = ImportJobStatus.RUNNING
    job.phase = "checking"
    job.started_at = job.heartbeat_at = timezone.now()
    job.save(update_fields=["status", "phase", "started_at", "heartbeat_at"])
    actor = Actor(user=job.created_by, via=job.options.get("via", "web"), ip_address=job.options.get("ip_address"))

    def progress(done: int, total: int) -> None:
        ImportJob.objects.filter(pk=job.pk).update(
            rows_done=done,
            rows_total=total,
            phase="checking" if done < total else "writing",
            heartbeat_at=timezone.now(),
        )

    try:
        report = importer_for(job.kind)(
            data=bytes(job.data),
            actor=actor,
            zone=job.zone,
            dry_run=job.dry_run,
            progress=progress,
            options=job.options,
        )
    except Exception as exc:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJobStatus.FAILED, phase="", errors=[str(exc)[:1000]], finished_at=timezone.now()
        )
        raise
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJobStatus.SUCCEEDED if report.ok else ImportJobStatus.FAILED,
        phase="",
        rows_total=report.rows,
        rows_done=report.rows,
        result=report.as_dict(),
        errors=report.errors[:MAX_ERRORS_KEPT],
        finished_at=timezone.now(),
    )
    return report.as_dict()
