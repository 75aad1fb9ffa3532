"""Requesting and building reports; long ones run in the task worker."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.audit import audit_record
from borderzone.core.models import AuditAction
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
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, progress=1)

    def progress(percent: int) -> None:
        Report.objects.filter(pk=report.pk).update(progress=max(1, min(99, percent)))

    kind = report_kinds()[report.kind]
    try:
        with translation.override(report.language):
            filename, content = kind.build(
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
    Report.objects.filter(pk=report.pk).update(
        status=ReportStatus.READY, progress=100, filename=filename, content=content, finished_at=timezone.now()
    )
    return filename


def warm_after_change() -> None:
    """After a committed change to data the dashboard reads, have the worker compute today's dashboard of
    each zone, so that the next leader who opens it gets the cached figures instead of waiting for them.
    Only where the cache is shared with the web processes (Redis): settings.WARM_DASHBOARDS."""
    from django.conf import settings

    if settings.WARM_DASHBOARDS:
        warm_dashboards.enqueue()


@task()
def warm_dashboards() -> int:
    """Today's dashboard of every zone (default span), computed into the versioned cache; returns how many."""
    from borderzone.reports.dashboard import DashboardQuery, dashboard_data

    today = timezone.localdate()
    start, end = year_span(today, None, None)
    zones = list(EconomicZone.objects.order_by("code"))
    for zone in zones:
        dashboard_data(DashboardQuery(zone=zone, gate_area=None, as_of=today, from_year=start, to_year=end))
    return len(zones)
