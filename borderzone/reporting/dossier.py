"""What investors' reports put into a project's dossier (core.registry.dossier_sources): each report filed,
the board's answer (accepted, or returned with its reason) and the files attached. A fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from borderzone.access.history import person
from borderzone.core import formatting
from borderzone.core.registry import DossierEntry, DossierSource
from borderzone.reporting.models import Report, ReportStatus

SLOT = "investments.project"


def report_entries(project: Any, user: Any) -> list[DossierEntry]:
    reports = list(
        Report.objects.filter(project=project)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("form", "submitted_by", "decided_by", "created_by")
        .prefetch_related("attachments")
        .order_by("period_end", "revision")
    )
    lang = get_language() or "vi"
    out: list[DossierEntry] = []
    for report in reports:
        url = reverse("reporting:report-detail", args=[report.pk])
        form_name = report.form.name_in(lang)
        what = _("%(form)s, period %(period)s") % {"form": form_name, "period": report.period}
        filed = report.submitted_at or report.created_at
        details: list[tuple[str, str]] = [(_("Version"), str(report.revision))]
        if report.channel:
            details.append((_("Received"), str(report.get_channel_display())))
        files = [a.original_name for a in report.attachments.all()]
        if files:
            details.append((_("Attached files"), ", ".join(files)))
        out.append(
            DossierEntry(
                day=timezone.localtime(filed).date(),
                at=filed,
                kind=_("Investor's report"),
                title=_("Report filed: %(what)s") % {"what": what},
                details=tuple(details),
                who=person(report.submitted_by or report.created_by) or _("the system"),
                recorded=formatting.format_datetime(filed),
                url=url,
            )
        )
        if report.decided_at and report.status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED):
            accepted = report.status == ReportStatus.ACCEPTED
            answer = (_("Report accepted: %(what)s") if accepted else _("Report returned: %(what)s")) % {"what": what}
            out.append(
                DossierEntry(
                    day=timezone.localtime(report.decided_at).date(),
                    at=report.decided_at,
                    kind=_("The board's answer"),
                    title=answer,
                    details=() if accepted else ((_("Reason for returning"), report.return_reason),),
                    who=person(report.decided_by) or _("the system"),
                    recorded=formatting.format_datetime(report.decided_at),
                    url=url,
                    tone="ok" if accepted else "warn",
                )
            )
    return out


SOURCES = [DossierSource(SLOT, report_entries, order=40)]
