"""Requesting and building reports; long ones run in the task worker."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.core.jobs import sweep_stale_jobs
from borderzone.core.memory import release_free_memory
from borderzone.core.models import AuditAction
from borderzone.core.routers import replica_reads
from borderzone.core.spans import year_span
from borderzone.reports.models import Report, ReportStatus
from borderzone.reports.registry import report_kinds
from borderzone.zones.models import EconomicZone


@transaction.atomic
def report_request(
    *, kind: str, zone: EconomicZone, params: dict[str, Any], fmt: str, language: str, actor: Actor
) -> Report:
    """Record a report request and queue its building."""
    kinds = report_kinds()
    if kind not in kinds:
        raise ValidationError({"kind": _("Unknown report.")})
    if fmt not in kinds[kind].formats:
        raise ValidationError({"format": _("This report is not made in that format.")})
    reports_sweep_stale()
    report = Report.objects.create(
        kind=kind,
        zone=zone,
        params=params,
        format=fmt,
        language=language,
        created_by=actor.person,
    )
    audit_record(actor=actor, instance=report, action=AuditAction.CREATED)
    transaction.on_commit(lambda: build_report.enqueue(report.pk))
    return report


@task()
def build_report(report_id: int) -> str:
    """Build a requested report and keep its file."""
    report = Report.objects.select_related("zone", "created_by").get(pk=report_id)
    if report.status == ReportStatus.READY:
        return report.filename
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.RUNNING, progress=1, started_at=now, heartbeat_at=now, stalled=False, error=""
    )

    def progress(percent: int) -> None:
        Report.objects.filter(pk=report.pk).update(progress=max(1, min(99, percent)), heartbeat_at=timezone.now())

    kind = report_kinds()[report.kind]
    try:
        # Report generation tolerates a replica's lag: its reads go there when there is one.
        with translation.override(report.language), replica_reads():
            built: tuple[Any, ...] = kind.build(
                zone=report.zone,
                params=report.params,
                fmt=report.format,
                language=report.language,
                progress=progress,
                user=report.created_by,
            )
    except Exception as exc:
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    finally:
        release_free_memory()  # the worker lives on after a large report
    # A build returns (file name, bytes), or with an annex beside the file (file name, bytes, annex name, bytes).
    filename, content = built[0], built[1]
    annex_filename, annex = (built[2], built[3]) if len(built) == 4 else ("", None)
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.READY,
        progress=100,
        filename=filename,
        content=content,
        annex_filename=annex_filename,
        annex=annex,
        finished_at=timezone.now(),
    )
    return filename


def reports_sweep_stale(now: dt.datetime | None = None) -> int:
    """Mark failed every report "being prepared" whose worker gave no sign of life for REPORT_JOB_STALE_MINUTES
    (killed or restarted: nothing else would ever finish it); returns how many. Such a report can be run again."""
    return sweep_stale_jobs(
        Report,
        minutes=settings.REPORT_JOB_STALE_MINUTES,
        running=ReportStatus.RUNNING,
        failed=ReportStatus.FAILED,
        message=_("The report stopped: its worker gave no sign of life for %(minutes)d minutes. Request it again."),
        started_field="created_at",
        also={"stalled": True},
        now=now,
    )


@transaction.atomic
def report_rerun(*, report: Report, actor: Actor) -> Report:
    """Request again a report whose worker died: a new report with the same kind, zone, parameters, format
    and language (the failed one stays in the list as it ended)."""
    if not report.stalled:
        raise ValidationError(_("Only a report whose worker stopped can be run again."))
    return report_request(
        kind=report.kind,
        zone=report.zone,
        params=report.params,
        fmt=report.format,
        language=report.language,
        actor=actor,
    )


def warm_after_change(zones: frozenset[int] | None = None) -> None:
    """After a committed change to data the dashboard reads, have the worker compute today's dashboard of
    the zones it changed (every zone when the change is tied to none), so that the next leader who opens it
    gets the cached figures instead of waiting for them. Only where the cache is shared with the web
    processes (Redis): settings.WARM_DASHBOARDS."""
    from django.conf import settings

    if settings.WARM_DASHBOARDS:
        warm_dashboards.enqueue(None if zones is None else sorted(zones))


@task()
def warm_dashboards(zone_ids: list[int] | None = None) -> int:
    """Today's dashboard (default span) of the zones `zone_ids` (all when None), computed into the
    versioned cache; returns how many."""
    from borderzone.reports.dashboard import DashboardQuery, dashboard_data

    today = timezone.localdate()
    start, end = year_span(today, None, None)
    asked = EconomicZone.objects.order_by("code")
    zones = list(asked if zone_ids is None else asked.filter(pk__in=zone_ids))
    for zone in zones:
        dashboard_data(DashboardQuery(zone=zone, gate_area=None, as_of=today, from_year=start, to_year=end))
    return len(zones)
