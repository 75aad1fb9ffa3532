"""Staff pages: request a report, watch it being prepared, download it again later."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from borderzone.access.actors import request_actor
from borderzone.access.permissions import get_visible_or_404, is_staff_member, restrict_to_visible, zones_visible_to
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.core.spans import year_span
from borderzone.register.models import Status
from borderzone.reports import hooks, services
from borderzone.reports.dashboard import CombinedQuery, DashboardQuery, combined_dashboard_data, dashboard_data
from borderzone.reports.forms import DashboardForm, ReportRequestForm, SummaryTextForm
from borderzone.reports.models import Report, ReportStatus
from borderzone.reports.presenters import (
    combined_links,
    dashboard_charts,
    dashboard_links,
    zone_links,
)
from borderzone.reports.registry import report_kinds
from borderzone.reports.summary_text import summary_text
from borderzone.zones.selectors import zone_default


def _staff_only(request: HttpRequest) -> None:
    if not is_staff_member(request.user):
        raise Http404


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    _staff_only(request)
    if not report_kinds():
        raise Http404
    zones = zones_visible_to(request.user)
    form = ReportRequestForm(request.POST or None, zones=zones)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_request(
                kind=data["kind"],
                zone=data["zone"],
                params={"as_of": data["as_of"].isoformat(), "from_year": data["from_year"], "to_year": data["to_year"]},
                fmt=data["format"],
                language=data["language"],
                actor=request_actor(request),
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect("reports:report-detail", pk=report.pk)
    services.reports_sweep_stale()
    reports = restrict_to_visible(request.user, Report.objects.select_related("zone", "created_by").defer("content"))[
        :50
    ]
    kinds = report_kinds()
    return render(
        request,
        "reports/report_list.html",
        {
            "form": form,
            "reports": reports,
            "kinds": kinds,
            "extra_sections": hooks.report_list_sections(timezone.localdate()),  # reports/hooks.py
        },
        status=form_status(form),
    )


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    services.reports_sweep_stale()  # a report whose worker died shows failed, never "being prepared" forever
    report = get_visible_or_404(request.user, Report.objects.select_related("zone").defer("content", "annex"), pk=pk)
    template = "reports/_report_status.html" if request.headers.get("HX-Request") else "reports/report_detail.html"
    return render(request, template, {"report": report, "kinds": report_kinds()})


@login_required
@require_POST
def report_rerun_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Request again a report whose worker died (same kind, zone, parameters, format and language)."""
    _staff_only(request)
    report = get_visible_or_404(request.user, Report.objects.select_related("zone").defer("content"), pk=pk)
    try:
        again = services.report_rerun(report=report, actor=request_actor(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("reports:report-detail", pk=report.pk)
    return redirect("reports:report-detail", pk=again.pk)


@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    _staff_only(request)
    report = get_visible_or_404(request.user, Report.objects.all(), pk=pk)
    if report.status != ReportStatus.READY or report.content is None:
        raise Http404
    response = HttpResponse(bytes(report.content), content_type=report.content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def report_annex_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The Excel annex of a PDF report (its register table, when too long to print)."""
    _staff_only(request)
    report = get_visible_or_404(request.user, Report.objects.defer("content"), pk=pk)
    if report.status != ReportStatus.READY or report.annex is None:
        raise Http404
    response = HttpResponse(
        bytes(report.annex), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{report.annex_filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def summary_text_page(request: HttpRequest) -> HttpResponse:
    """The written summary for a zone and a day, ready to paste into a report."""
    _staff_only(request)
    zones = zones_visible_to(request.user).order_by("code")
    form = SummaryTextForm(request.GET or None, zones=zones)
    result = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        zone = data.get("zone") or zone_default(zones)
        as_of = data.get("as_of") or timezone.localdate()
        if zone is not None:
            start, end = data.get("span") or year_span(as_of, None, None)
            result = summary_text(
                zone=zone,
                as_of=as_of,
                from_year=start,
                to_year=end,
                lang=data.get("language") or "vi",
                user=request.user,
            )
    return render(request, "reports/summary_text.html", {"form": form, "result": result}, status=form_status(form))


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """One zone's state as of a day: projects, capital, late projects, trade, infrastructure, plan goals.

    A user who may read several zones (an administrator reads them all) can also choose "All zones":
    the same page with every figure summed and one row a zone to compare them."""
    _staff_only(request)
    zones = zones_visible_to(request.user).order_by("code")
    form = DashboardForm(request.GET or None, zones=zones)
    context: dict[str, object] = {"form": form}
    board: dict[str, Any] | None = None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        as_of = data.get("as_of") or timezone.localdate()
        start, end = data.get("span") or year_span(as_of, None, None)
        all_zones = list(zones)
        if form.is_bound and "zone" in request.GET and not data.get("zone") and len(all_zones) > 1:
            combined = CombinedQuery(zones=tuple(all_zones), as_of=as_of, from_year=start, to_year=end)
            board = combined_dashboard_data(combined)
            by_code = {z.code: z for z in all_zones}
            context.update(
                query=combined,
                combined=True,
                board=board,
                zone_rows=[
                    {**row, "zone": by_code[row["code"]], "links": zone_links(combined, by_code[row["code"]])}
                    for row in board["zones"]
                ],
                links=combined_links(combined),
            )
        else:
            zone = data.get("zone") or zone_default(all_zones)
            if zone is not None:
                query = DashboardQuery(
                    zone=zone, gate_area=data.get("gate_area"), as_of=as_of, from_year=start, to_year=end
                )
                board = dashboard_data(query)
                context.update(query=query, zone=zone, board=board, links=dashboard_links(query))
                context["extra_sections"] = hooks.dashboard_sections(zone, as_of)  # reports/hooks.py
        if board is not None:
            context.update(
                charts=dashboard_charts(board),
                status_labels=dict(Status.choices),
            )
    return render(request, "reports/dashboard.html", context, status=form_status(form))
