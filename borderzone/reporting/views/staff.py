"""The board's side: the obligations register, a report's page (accept or return), a report received on
paper or through the national system, the list of investors without a report, link requests, answers
to investors' questions, and the board's own reports."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: F401
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.actors import request_actor
from borderzone.access.permissions import (
    can_change_zone,
    ensure_can_change,
    get_visible_or_404,
    is_staff_member,
    restrict_to_visible,
    zones_visible_to,
)
from borderzone.core.tabular import Sheet, write_csv, write_xlsx
from borderzone.register.models import Project
from borderzone.reporting import selectors, services
from borderzone.reporting.forms import ChannelForm, MessageForm, ObligationFilterForm, ReturnForm
from borderzone.reporting.models import Channel, LinkRequest, LinkStatus, Report, ReportForm
from borderzone.reporting.selectors import STATUS_LABELS
from borderzone.reporting.views.common import report_page
from borderzone.zones.models import EconomicZone


def staff_only(view: Any) -> Any:
    @wraps(view)
    @login_required
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_staff_member(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


def _zone_and_filters(
    request: HttpRequest,
) -> tuple[ObligationFilterForm, EconomicZone | None, dt.date, selectors.ObligationFilters]:
    zones = list(zones_visible_to(request.user).order_by("code"))
    form = ObligationFilterForm(request.GET or None, zones=zones)
    today = services.today()
    if not zones:
        return form, None, today, selectors.ObligationFilters()
    if not form.is_valid():
        return form, zones[0], today, selectors.ObligationFilters()
    data = form.cleaned_data
    zone = next((z for z in zones if z.code == data.get("zone")), zones[0])
    filters = selectors.ObligationFilters(
        status=data.get("status") or "",
        form=(data.get("form") or "").strip().upper(),
        project=(data.get("project") or "").strip(),
        investor=data.get("investor") or "",
    )
    return form, zone, data.get("as_of") or today, filters


def _export_rows(items: list[selectors.Obligation]) -> tuple[list[str], list[list[Any]]]:
    headers = [
        _("Project code"),
        _("Project"),
        _("Investor"),
        _("Form"),
        _("Form version"),
        _("Period"),
        _("Due on"),
        _("Status"),
        _("Days past due"),
    ]
    rows = [
        [
            o.project.code,
            o.project.name,
            o.investor,
            o.form.code,
            o.form.version,
            o.period.key,
            o.due_on,
            str(STATUS_LABELS[o.status]),
            o.days_late or None,
        ]
        for o in items
    ]
    return headers, rows


def _download(data: bytes, name: str, fmt: str) -> HttpResponse:
    content_type = (
        "text/csv; charset=utf-8"
        if fmt == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@staff_only
def obligations(request: HttpRequest) -> HttpResponse:
    form, zone, as_of, filters = _zone_and_filters(request)
    items = selectors.obligations(zone=zone, as_of=as_of, filters=filters) if zone else []
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx") and zone is not None:
        headers, rows = _export_rows(items)
        name = f"nghia-vu-bao-cao-{zone.code}-{as_of:%Y%m%d}"
        if fmt == "csv":
            return _download(write_csv(headers, rows), name, "csv")
        return _download(write_xlsx([Sheet(_("Obligations"), headers, rows)]), name, "xlsx")
    all_items = (
        selectors.obligations(zone=zone, as_of=as_of)
        if zone and (filters.status or filters.form or filters.project or filters.investor)
        else items
    )
    return render(
        request,
        "reporting/obligations.html",
        {
            "form": form,
            "zone": zone,
            "as_of": as_of,
            "items": items,
            "counts": selectors.status_counts(all_items),
            "status_labels": STATUS_LABELS,
            "query": request.GET.urlencode(),
            "can_change": can_change_zone(request.user, zone) if zone else False,
            "pending_links": restrict_to_visible(
                request.user, LinkRequest.objects.filter(status=LinkStatus.PENDING)
            ).count(),
            "unconfirmed_forms": ReportForm.objects.filter(legal_basis_confirmed=False, submitter="investor").exists(),
        },
    )


@staff_only
def not_reported(request: HttpRequest) -> HttpResponse:
    """Investors with a report past due and none recorded, by investor (for the board to decide under
    Decree 122/2021; the list itself finds no violation)."""
    form, zone, as_of, _filters = _zone_and_filters(request)
    items = (
        selectors.obligations(zone=zone, as_of=as_of, filters=selectors.ObligationFilters(status="overdue"))
        if zone
        else []
    )
    fmt = request.GET.get("export")
    if fmt in ("csv", "xlsx") and zone is not None:
        headers, rows = _export_rows(items)
        name = f"chua-ghi-nhan-bao-cao-{zone.code}-{as_of:%Y%m%d}"
        if fmt == "csv":
            return _download(write_csv(headers, rows), name, "csv")
        return _download(write_xlsx([Sheet(_("No report recorded"), headers, rows)]), name, "xlsx")
    by_investor: dict[str, list[selectors.Obligation]] = defaultdict(list)
    for item in items:
        by_investor[item.investor].append(item)
    return render(
        request,
        "reporting/not_reported.html",
        {
            "form": form,
            "zone": zone,
            "as_of": as_of,
            "groups": sorted(by_investor.items()),
            "query": request.GET.urlencode(),
        },
    )


def _report_for_staff(request: HttpRequest, pk: int) -> Report:
    return get_visible_or_404(
        request.user,
        Report.objects.select_related("project", "project__zone", "form", "investor", "submitted_by", "decided_by"),
        pk=pk,
    )


@staff_only
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_for_staff(request, pk)
    return_form = ReturnForm(request.POST or None)
    status = 200
    if request.method == "POST":
        ensure_can_change(request.user, report)
        actor = request_actor(request)
        try:
            if "accept" in request.POST:
                services.report_accept(report=report, actor=actor)
                messages.success(request, _("Report accepted; its figures are in the register."))
                return redirect("reporting:report-detail", pk=report.pk)
            if return_form.is_valid():
                services.report_return(report=report, reason=return_form.cleaned_data["reason"], actor=actor)
                messages.success(request, _("Report returned to the investor with the reason."))
                return redirect("reporting:report-detail", pk=report.pk)
            status = 422
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            status = 422
    previous = services.last_accepted(report.project, report.form_code, selectors_period(report))
    fields = [
        {"field": f, "value": report.values.get(f.key), "previous": previous.values.get(f.key) if previous else None}
        for f in report.form.fields.all()
    ]
    versions = Report.objects.filter(project=report.project, form_code=report.form_code, period=report.period).order_by(
        "revision"
    )
    return render(
        request,
        "reporting/report_detail.html",
        {
            "report": report,
            "fields": fields,
            "previous": previous,
            "versions": versions,
            "return_form": return_form,
            "can_change": can_change_zone(request.user, report.project.zone),
            "attachments": report.attachments.all(),
        },
        status=status,
    )


def selectors_period(report: Report) -> Any:
    from borderzone.reporting.periods import parse_period

    return parse_period(report.period)


@staff_only
def attachment_file(request: HttpRequest, pk: int) -> Any:
    from django.http import FileResponse

    from borderzone.reporting.models import Attachment

    if is_staff_member(request.user):
        attachment = get_visible_or_404(request.user, Attachment.objects.select_related("report__project__zone"), pk=pk)
    else:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=True,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@staff_only
def record_received(request: HttpRequest, code: str, form_code: str, period: str) -> HttpResponse:
    """A report received on paper or through the national system, typed in by a specialist (then accepted
    like any other)."""
    project = get_visible_or_404(request.user, Project.objects.select_related("zone"), code=code)
    ensure_can_change(request.user, project)
    channel_form = ChannelForm(request.POST or request.GET or None)
    channel = Channel.PAPER
    if channel_form.is_valid():
        channel = channel_form.cleaned_data["channel"]
    return report_page(
        request,
        project=project,
        form_code=form_code,
        period_text=period,
        template="reporting/record_received.html",
        done_url=reverse("reporting:obligations") + f"?zone={project.zone.code}&project={project.code}",
        channel=channel,
        extra={"channel_form": channel_form},
    )


@staff_only
def link_requests(request: HttpRequest) -> HttpResponse:
    pending = restrict_to_visible(
        request.user,
        LinkRequest.objects.filter(status=LinkStatus.PENDING).select_related("user", "project", "investor"),
    )
    if request.method == "POST":
        item = get_object_or_404(pending, pk=request.POST.get("request") or 0)
        ensure_can_change(request.user, item)
        services.link_request_decide(request=item, confirm="confirm" in request.POST, actor=request_actor(request))
        messages.success(
            request,
            _("Request confirmed: the account now sees the investor's projects.")
            if "confirm" in request.POST
            else _("Request refused."),
        )
        return redirect("reporting:link-requests")
    return render(request, "reporting/link_requests.html", {"pending": pending})


@staff_only
def inquiry_thread(request: HttpRequest, pk: int) -> HttpResponse:
    from borderzone.promotion.models import Inquiry

    inquiry = get_visible_or_404(request.user, Inquiry.objects.select_related("zone"), pk=pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST":
        ensure_can_change(request.user, inquiry)
        if form.is_valid():
            services.inquiry_message_add(
                inquiry=inquiry, body=form.cleaned_data["body"], actor=request_actor(request), from_board=True
            )
            messages.success(request, _("Answer saved; the investor reads it when signed in."))
            return redirect("reporting:inquiry-thread", pk=inquiry.pk)
    return render(
        request,
        "reporting/inquiry_thread.html",
        {
            "inquiry": inquiry,
            "thread": inquiry.thread.select_related("author"),
            "form": form,
            "staff": True,
            "can_change": can_change_zone(request.user, inquiry.zone),
        },
        status=422 if request.method == "POST" else 200,
    )


@staff_only
def forms_list(request: HttpRequest) -> HttpResponse:
    forms = ReportForm.objects.prefetch_related("fields").order_by("submitter", "code", "version")
    return render(request, "reporting/forms.html", {"forms": forms})


@staff_only
def form_version_new(request: HttpRequest) -> HttpResponse:
    """Administrators add a form version when a new circular changes a form."""
    from borderzone.access.permissions import is_admin
    from borderzone.reporting.forms import FormVersionForm

    if not is_admin(request.user):
        raise PermissionDenied
    codes = sorted(set(ReportForm.objects.values_list("code", flat=True)))
    code = request.GET.get("code") or (codes[0] if codes else "")
    latest = ReportForm.objects.filter(code=code).order_by("-version").first()
    initial = {"code": code}
    if latest is not None:
        initial |= {"legal_basis": latest.legal_basis, "fields_text": services.fields_as_text(latest)}
    form = FormVersionForm(request.POST or None, codes=codes, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                created = services.form_version_add(actor=request_actor(request), **form.cleaned_data)
            except ValidationError as exc:
                for field, texts in exc.message_dict.items():
                    for text in texts:
                        form.add_error(field if field in form.fields else None, text)
            else:
                messages.success(
                    request, _("Version %(v)s of %(code)s added.") % {"v": created.version, "code": created.code}
                )
                return redirect("reporting:forms")
        status = 422
    return render(
        request, "reporting/form_version_new.html", {"form": form, "help": services.FIELD_LINE_HELP}, status=status
    )


@staff_only
def board_reports(request: HttpRequest) -> HttpResponse:
    """The board's statutory reports: their deadline calendar, and each one generated as DOCX or PDF."""
    from borderzone.reporting import statutory
    from borderzone.reporting.periods import period_of

    zones = list(zones_visible_to(request.user).order_by("code"))
    zone = next((z for z in zones if z.code == request.GET.get("zone")), zones[0] if zones else None)
    today = services.today()
    forms = statutory.board_forms()
    suggestions = []
    for form in forms:
        last = period_of(form.period, today).previous()
        suggestions.append((form, last))
    return render(
        request,
        "reporting/board_reports.html",
        {
            "zones": zones,
            "zone": zone,
            "deadlines": selectors.board_deadlines(today),
            "suggestions": suggestions,
            "today": today,
        },
    )


@staff_only
def board_report_file(request: HttpRequest, code: str, form_code: str, period: str, fmt: str) -> HttpResponse:
    from borderzone.reporting import statutory

    zone = get_object_or_404(zones_visible_to(request.user), code=code)
    if fmt not in ("docx", "pdf"):
        raise Http404
    try:
        doc = statutory.build(
            zone=zone,
            form_code=form_code,
            period_text=period,
            signer_title=str(request.GET.get("signer_title", ""))[:100],
            signer_name=str(request.GET.get("signer_name", ""))[:100],
            today=services.today(),
        )
    except (LookupError, ValidationError):
        raise Http404 from None
    if fmt == "docx":
        data = statutory.to_docx(doc)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        data = statutory.to_pdf(doc)
        content_type = "application/pdf"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{statutory.filename(doc, fmt)}"'
    return response
