"""What the investor's and the staff's reporting pages share: status names, the report form page."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from borderzone.access.actors import request_actor
from borderzone.register.models import Project
from borderzone.reporting import services
from borderzone.reporting.forms import ReportValuesForm
from borderzone.reporting.models import LIVE_STATUSES, Channel, Report, ReportStatus
from borderzone.reporting.periods import Period, parse_period


#: "chưa ghi nhận báo cáo", never "vi phạm": whether a late report is a violation is the board's decision.
def apply_errors(form: ReportValuesForm, error: ValidationError) -> None:
    for key, texts in error.message_dict.items():
        name = key.split(".", 1)[1] if key.startswith("values.") else key
        target = name if name in form.fields else None
        for text in texts:
            form.add_error(target, text)


def report_page(
    request: HttpRequest,
    *,
    project: Project,
    form_code: str,
    period_text: str,
    template: str,
    done_url: str,
    channel: str = Channel.ONLINE,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """The form page of one period's report: last period's figures beside each field, draft or submit,
    attachments; the caller has decided who may file for the project."""
    try:
        period: Period = parse_period(period_text)
        report_form = services.form_for(form_code, period)
    except ValidationError:
        from django.http import Http404

        raise Http404 from None
    if report_form.period != period.kind or report_form.submitter != "investor":
        from django.http import Http404

        raise Http404
    live = Report.objects.filter(
        project=project, form_code=form_code, period=period.key, status__in=LIVE_STATUSES
    ).first()
    versions = list(Report.objects.filter(project=project, form_code=form_code, period=period.key).order_by("revision"))
    returned = next((r for r in reversed(versions) if r.status == ReportStatus.RETURNED), None)
    previous = services.last_accepted(project, form_code, period)
    start = live or returned
    initial = dict(start.values) if start is not None else {}
    editable = live is None or live.status == ReportStatus.DRAFT
    form = ReportValuesForm(request.POST or None, request.FILES or None, report_form=report_form, initial=initial)
    status = 200
    if request.method == "POST" and editable:
        submit = "submit" in request.POST
        actor = request_actor(request)
        try:
            with transaction.atomic():  # a refused attachment leaves no report behind
                report = services.report_save(
                    project=project,
                    form_code=form_code,
                    period=period.key,
                    values=form.values(),
                    actor=actor,
                    submit=submit,
                    channel=channel,
                    note=str(request.POST.get("note", ""))[:500],
                )
                upload = request.FILES.get("attachment")
                if upload is not None:
                    services.attachment_add(report=report, upload=upload, actor=actor)
        except ValidationError as exc:
            apply_errors(form, exc)
            status = 422
        else:
            messages.success(request, _("Report submitted.") if submit else _("Draft saved."))
            return redirect(done_url)
    rows = []
    for key in form.fields:
        if key == "attachment":
            continue
        rows.append({"field": form[key], "previous": previous.values.get(key) if previous else None})
    context = {
        "project": project,
        "report_form": report_form,
        "period": period,
        "form": form,
        "rows": rows,
        "live": live,
        "versions": versions,
        "returned": returned,
        "previous": previous,
        "editable": editable,
        "channel": channel,
        **(extra or {}),
    }
    return render(request, template, context, status=status)
