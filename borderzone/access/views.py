"""The public home page, the staff home page and the history of any object."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from borderzone.access.actors import request_actor
from borderzone.access.audit import history_for
from borderzone.access.exporting import CSV_TYPE, XLSX_TYPE, export_jobs_sweep_stale
from borderzone.access.history import readable_events
from borderzone.access.importing import import_job_rerun, import_jobs_sweep_stale
from borderzone.access.permissions import (
    can_change_zone,
    can_view_zone,
    ensure_can_view,
    is_admin,
    is_staff_member,
    role_of,
    zones_visible_to,
)
from borderzone.access.personal_data import personal_data_export
from borderzone.access.requests import AuthedRequest
from borderzone.access.workspace import home_visit_record, work_context, work_list
from borderzone.core import pagecache
from borderzone.core.cache import cached, versions
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.core.models import AuditEvent, ExportJob, ExportJobStatus, ImportJob
from borderzone.core.registry import nav_items, panels
from borderzone.core.storage import serve_file
from borderzone.zones import selectors as zone_selectors


def home(request: HttpRequest) -> HttpResponse:
    """The zone's page. A visitor's page is one shell per language (core.pagecache), kept until a zone, area
    or gate changes or one of the page's panels' data does (every process sees the version bump at once);
    the visitor counter is filled in per request."""
    if not pagecache.serves_shell(request):
        return HttpResponse(_home_html(request, {}))
    found = [*panels("core.home.lead"), *panels("core.home")]
    scopes = sorted({zone_selectors.ZONES_SCOPE, *(s for p in found for s in p.scopes)})
    marks = {f"p{i}_{name}": e for i, p in enumerate(found) if p.marks for name, e in p.marks().items()}
    version, _ = versions(*scopes, also=marks)  # one statement: the versions and the panels' marks
    html = pagecache.page_shell(request, scopes, "home", lambda extra: _home_html(request, extra), version=version)
    return HttpResponse(pagecache.fill(request, html))


def _home_html(request: HttpRequest, extra: dict[str, object]) -> str:
    if request.user.is_authenticated:
        zone = zone_selectors.zone_default()
    else:
        zone = cached((zone_selectors.ZONES_SCOPE,), "home:zone", zone_selectors.zone_default)
    gates_by_area: dict[int | None, list[object]] = {}
    lead: list[str] = []
    sections: list[str] = []
    if zone is not None:
        for gate in zone.gates.all():
            gates_by_area.setdefault(gate.gate_area_id, []).append(gate)
        # The latest news leads the page; documents and calls for investment follow the zone (core.registry).
        lead = [html for panel in panels("core.home.lead") if (html := panel.render(request, zone))]
        sections = [html for panel in panels("core.home") if (html := panel.render(request, zone))]
    context = {"zone": zone, "gates_by_area": gates_by_area, "lead_panels": lead, "panels": sections, **extra}
    return render_to_string("core/home.html", context, request=request)


@login_required
def staff_home(request: AuthedRequest) -> HttpResponse:
    if role_of(request.user) == "investor":
        # Investors have their own home, registered by the app that serves it (core.registry).
        investor_home = nav_items("investor")
        if investor_home:
            return redirect(investor_home[0].url_name)
    zones = zones_visible_to(request.user).select_related("province")
    context: dict[str, object] = {"zones": zones, "is_admin": is_admin(request.user)}
    if is_staff_member(request.user):
        work = work_context(request.user, home_visit_record(user=request.user))
        context.update(work=work, work_lines=work_list(work))
    return render(request, "core/staff_home.html", context)


#: Rows on one page of the recent changes.
CHANGES_PAGE_SIZE = 50


@login_required
def recent_changes(request: HttpRequest) -> HttpResponse:
    """The latest audit rows of the zones the staff member reads, with field names and values in the reader's
    language, a page at a time."""
    if not is_staff_member(request.user):
        raise Http404
    events = AuditEvent.objects.filter(zone__in=zones_visible_to(request.user)).select_related("user", "content_type")
    page = Paginator(events, CHANGES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "core/recent_changes.html", {"page": page, "rows": readable_events(page.object_list)})


@login_required
def object_history(request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
    """Every audit row of one object, for those who may see the object."""
    try:
        content_type = ContentType.objects.get(pk=content_type_id)
    except (ContentType.DoesNotExist, OverflowError):
        raise Http404 from None
    model = content_type.model_class()
    if model is None:
        raise Http404
    try:
        instance = model._default_manager.filter(pk=object_id).first()
    except (ValueError, TypeError, ValidationError):
        raise Http404 from None  # an id of the wrong kind ("abc" for a number) names no object
    if instance is None:
        # A deleted object's history is for administrators only.
        if not is_admin(request.user):
            raise Http404
        events: QuerySet[AuditEvent] = AuditEvent.objects.filter(
            content_type=content_type, object_id=object_id
        ).select_related("user")
        if not events:
            raise Http404
        title = events[0].object_repr
    else:
        ensure_can_view(request.user, instance)
        events = history_for(instance)
        title = str(instance)
    return render(request, "core/history.html", {"events": events, "title": title, "instance": instance})


def _import_job_or_404(request: HttpRequest, pk: int) -> ImportJob:
    job = ImportJob.objects.select_related("zone", "created_by").filter(pk=pk).first()
    if job is None or (job.created_by_id != request.user.pk and not can_view_zone(request.user, job.zone)):
        raise Http404
    return job


def _export_job_or_404(request: HttpRequest, pk: int) -> ExportJob:
    # An export holds what its asker was allowed to read: nobody else opens it.
    job = ExportJob.objects.filter(pk=pk, created_by_id=request.user.pk).first()
    if job is None:
        raise Http404
    return job


@login_required
def export_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress of a large export written by the worker; htmx polls it until the file is ready."""
    export_jobs_sweep_stale()
    job = _export_job_or_404(request, pk)
    template = "core/_export_job.html" if request.headers.get("HX-Request") else "core/export_job.html"
    return render(request, template, {"job": job})


@login_required
def export_job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = _export_job_or_404(request, pk)
    if job.status != ExportJobStatus.SUCCEEDED or not job.file:
        raise Http404
    content_type = XLSX_TYPE if job.fmt == "xlsx" else CSV_TYPE
    return serve_file(job.file, job.filename, content_type, inline=False)


@login_required
def import_job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress and outcome of a background import; htmx polls it until the job ends. A job whose worker
    died is marked failed here (the sweep), so the page never shows "running" forever."""
    import_jobs_sweep_stale()
    job = _import_job_or_404(request, pk)
    template = "core/_import_job.html" if request.headers.get("HX-Request") else "core/import_job.html"
    return render(request, template, {"job": job})


@login_required
@require_POST
def import_job_rerun_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Run again an import whose worker died: a new job with the same file, options and zone."""
    job = _import_job_or_404(request, pk)
    if job.created_by_id != request.user.pk and not can_change_zone(request.user, job.zone):
        raise PermissionDenied
    try:
        again = import_job_rerun(job=job, actor=request_actor(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("core:import-job", pk=job.pk)
    return redirect("core:import-job", pk=again.pk)


class PersonalDataForm(forms.Form):
    email = forms.CharField(label=gettext_lazy("E-mail address"), required=False, max_length=254)
    phone = forms.CharField(label=gettext_lazy("Telephone"), required=False, max_length=40)


@login_required
def personal_data_export_view(request: HttpRequest) -> HttpResponse:
    """Administrators export everything kept about one person (by e-mail and/or telephone) as a JSON file;
    the export is recorded in the audit trail."""
    if not is_admin(request.user):
        raise PermissionDenied
    form = PersonalDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filename, content = personal_data_export(
                email=form.cleaned_data["email"], phone=form.cleaned_data["phone"], actor=request_actor(request)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            response = HttpResponse(content, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            response["Cache-Control"] = "private, no-store"
            return response
    return render(request, "core/personal_data.html", {"form": form}, status=form_status(form))
