"""Staff pages of the investment register: list, project page, forms, import, exports, legal rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.actors import request_actor
from borderzone.access.exporting import FORMATS, export_response
from borderzone.access.importing import BACKGROUND_ROWS, import_job_create, no_progress
from borderzone.access.pages import form_page, staff_form_view
from borderzone.access.permissions import (
    can_change_zone,
    get_changeable_or_404,
    get_visible_or_404,
    is_admin,
    is_staff_member,
    role_of,
    zones_editable_by,
    zones_visible_to,
)
from borderzone.core.formatting import chart_format
from borderzone.core.forms import apply_validation_error, form_status, initial_from
from borderzone.core.registry import dossier_sources
from borderzone.core.tabular import Sheet, TableError, read_table, write_csv, write_xlsx
from borderzone.register import selectors, services
from borderzone.register.dossier import SLOT
from borderzone.register.forms import (
    AreaClassificationForm,
    AsOfForm,
    DepositEventForm,
    DisbursementForm,
    InvestorLinkForm,
    ListFilterForm,
    MilestoneForm,
    ProjectCreateForm,
    ProjectForm,
    RuleForm,
    StatusForm,
    UploadForm,
    VersionForm,
    plans_from,
)
from borderzone.register.importing import (
    OPTIONAL,
    REQUIRED,
    import_projects,
)
from borderzone.register.models import (
    MILESTONE_ORDER,
    AreaClassification,
    Investor,
    LegalRule,
    MilestoneKind,
    Project,
    Status,
)
from borderzone.register.presenters import lateness_readable, project_rows
from borderzone.register.rules import DEPOSIT_ARTICLE_CONFIRMED, DEPOSIT_BASIS
from borderzone.zones.models import Commune, EconomicZone, GateArea
from borderzone.zones.selectors import zone_asked, zone_default

PAGE_SIZE = 50


def _require_reader(request: HttpRequest) -> None:
    if not (is_staff_member(request.user) or role_of(request.user) == "investor"):
        raise PermissionDenied


def _default_zone(request: HttpRequest) -> EconomicZone | None:
    return zone_default(zones_visible_to(request.user))


def _zone_to_change(request: HttpRequest) -> EconomicZone:
    """The zone a new project or an import goes into: `?zone=CODE` among those the user may change."""
    zone = zone_asked(zones_editable_by(request.user), request.GET.get("zone"))
    if zone is None:
        raise PermissionDenied
    return zone


def _filters(request: HttpRequest) -> tuple[ListFilterForm, selectors.ListFilters]:
    return list_filters(request.user, request.GET)


def list_filters(user: Any, query: QueryDict) -> tuple[ListFilterForm, selectors.ListFilters]:
    """The register list's filter form bound to `query` and the filters it gives, for `user` (the list page,
    its exports and export jobs run later by the worker read them the same way)."""
    # Staff list their own zones' register (selectors.project_list); an investor, the zones of what they read.
    if is_staff_member(user):
        zones = list(zones_visible_to(user).order_by("code"))
    else:
        visible = selectors.visible_projects(user)
        zones = list(EconomicZone.objects.filter(projects__in=visible).distinct().order_by("code"))
    code = query.get("zone")
    zone = (zone_asked(zones, code) if code else None) or zone_default(zones_visible_to(user))
    areas = list(GateArea.objects.filter(zone=zone)) if zone else []
    form = ListFilterForm(query or None, gate_areas=areas, zones=zones)
    if not is_staff_member(user):
        # An investor's list holds others' published projects: filtering it by lateness or flags would
        # name them, so these filters are the board's only (an investor sees their own projects' on each row).
        for staff_only in ("late", "flagged"):
            form.fields.pop(staff_only, None)
    data: dict[str, Any] = form.cleaned_data if form.is_valid() else {}

    def yes_no(key: str) -> bool | None:
        return {"1": True, "0": False}.get(data.get(key) or "")

    asked = data.get("zone") or None
    return form, selectors.ListFilters(
        as_of=data.get("as_of") or services.today(),
        zone=asked,
        zone_id=next((z.pk for z in zones if z.code == asked), None) if asked else None,
        status=data.get("status") or None,
        ownership=data.get("ownership") or None,
        gate_area=data.get("gate_area") or None,
        sector=(data.get("sector") or "").upper() or None,
        late=yes_no("late"),
        flagged=yes_no("flagged"),
        q=data.get("q") or None,
    )


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form, filters = _filters(request)
    projects, evaluations = selectors.project_list(request.user, filters)
    page = Paginator(projects, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = project_rows(page.object_list, filters.as_of, evaluations, readable=lateness_readable(request.user))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "investments/project_list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "terminated": selectors.terminated_count(projects),
            "as_of": filters.as_of,
            "query": query.urlencode(),
            "zone": _default_zone(request),
            "can_create": zones_editable_by(request.user).exists(),
            "status_labels": dict(Status.choices),
            "milestone_labels": dict(MilestoneKind.choices),
            "staff_view": is_staff_member(request.user),
            # Each row's links: the URL reversed once around a mark (codes are digits), not twice a row.
            "detail_url": reverse("investments:project-detail", args=["~"]).split("~"),
            "dossier_url": reverse("investments:project-dossier", args=["~"]).split("~"),
        },
    )


@login_required
def project_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The filtered list as CSV or XLSX (register/exporting.py): at once up to EXPORT_INLINE_MAX_ROWS
    projects, as a background job with its progress page beyond."""
    if fmt not in FORMATS:
        raise Http404
    _require_reader(request)
    return export_response(request, "projects", fmt)


def _readable(request: HttpRequest, code: str) -> Project:
    _require_reader(request)
    return get_object_or_404(
        selectors.project_detail_queryset().filter(pk__in=selectors.visible_projects(request.user).values("pk")),
        code=code,
    )


@login_required
def project_detail(request: HttpRequest, code: str) -> HttpResponse:
    project = _readable(request, code)
    as_of_form = AsOfForm(request.GET or None)
    day = (as_of_form.cleaned_data.get("as_of") if as_of_form.is_valid() else None) or services.today()
    all_versions = list(project.versions.all())
    versions = [v for v in all_versions if v.issued_on <= day] or all_versions
    first_plans: dict[str, dt.date] = {}
    for version in versions:
        for plan in version.plans.all():
            first_plans.setdefault(plan.kind, plan.planned_on)
    current = versions[-1] if versions else None
    current_plans = {p.kind: p.planned_on for p in current.plans.all()} if current else {}
    actuals = {a.kind: a.reached_on for a in project.actuals.all()}
    readable = lateness_readable(request.user)
    evaluation = (
        selectors.evaluate(day, Project.objects.filter(pk=project.pk)).get(project.pk, selectors.Evaluation())
        if readable is None or project.pk in readable
        else selectors.Evaluation()  # another's project: an investor reads no lateness or flags of it
    )
    statuses = list(project.status_changes.all())
    milestones = [
        {
            "kind": kind,
            "label": label,
            "first": first_plans.get(kind),
            "current": current_plans.get(kind),
            "actual": actuals.get(kind),
            "late": kind in evaluation.late,
            "moved": first_plans.get(kind) != current_plans.get(kind),
        }
        for kind, label in MilestoneKind.choices
    ]
    # Capital over time: each version's capital, and disbursed capital accumulated by date.
    running: dict[str, Decimal] = {"VND": Decimal(0), "USD": Decimal(0)}
    disbursements = []
    disbursed_series = []
    for record in project.disbursements.all():
        running[record.currency] += record.amount
        disbursements.append({"record": record, "cumulative": running[record.currency]})
        if record.currency == "VND":
            disbursed_series.append([record.paid_on.isoformat(), str(running["VND"])])
    chart = {
        "registered": [
            [v.issued_on.isoformat(), str(v.total_capital_vnd)] for v in versions if v.total_capital_vnd is not None
        ],
        "disbursed": disbursed_series,
        "labels": {
            "registered": _("Registered capital (VND equivalent)"),
            "disbursed": _("Disbursed capital, cumulative (VND)"),
            "unit": _("billion VND"),
        },
        "format": chart_format(),
    }
    return render(
        request,
        "investments/project_detail.html",
        {
            "project": project,
            "zone": project.zone,
            "versions": versions,
            "current": current,
            "milestones": milestones,
            "statuses": statuses,
            "status": statuses[-1].status if statuses else Status.PREPARING,
            "status_labels": dict(Status.choices),
            "evaluation": evaluation,
            "disbursements": disbursements,
            "deposit": selectors.deposit_position(
                project, current if current and current.issued_on <= day else None, day
            ),
            "deposit_basis": DEPOSIT_BASIS,
            "deposit_article_confirmed": DEPOSIT_ARTICLE_CONFIRMED,
            "first_issued": all_versions[0].issued_on if all_versions else None,
            "as_of_form": as_of_form,
            "can_change": can_change_zone(request.user, project.zone),
            "staff_view": is_staff_member(request.user),
            "today": day,
            "milestone_order": MILESTONE_ORDER,
            "chart": chart,
        },
    )


@login_required
def project_dossier(request: HttpRequest, code: str) -> HttpResponse:
    """Everything recorded about a project, in time order, from every app that keeps something about it
    (core.registry.dossier_sources): board staff who may read the project's zone only."""
    if not is_staff_member(request.user):
        raise Http404
    project = get_visible_or_404(request.user, Project.objects.select_related("zone"), code=code)
    entries = [entry for source in dossier_sources(SLOT) for entry in source.entries(project, request.user)]
    entries.sort(key=lambda e: (e.day, e.at is not None, e.at.timestamp() if e.at is not None else 0.0))
    return render(
        request,
        "investments/dossier.html",
        {"project": project, "zone": project.zone, "entries": entries},
    )


def _form_page(
    request: HttpRequest, form: forms.Form, title: str, project: Project | None, zone: EconomicZone
) -> HttpResponse:
    return render(
        request,
        "investments/form.html",
        {"form": form, "title": title, "project": project, "zone": zone},
        status=form_status(form),
    )


def _editable(request: HttpRequest, code: str) -> Project:
    """The project a staff page changes, with the permission decided once: 404 unless the user is staff of
    its zone, 403 when they may only read it."""
    if not is_staff_member(request.user):
        raise Http404
    return get_changeable_or_404(request.user, Project.objects.select_related("zone"), code=code)


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    zone = _zone_to_change(request)
    form = ProjectCreateForm(request.POST or None, zone=zone, initial={"state_land": True, "currency": "VND"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        investor = services.InvestorData(
            name=data["investor"],
            ownership=data["ownership"],
            country=data["investor_country"],
            tax_code=data["investor_tax_code"],
        )
        fields = {k: v for k, v in data.items() if not k.startswith("plan_") and not k.startswith("investor")}
        try:
            project = services.project_register(
                zone=zone, investors=[investor], fields=fields, plans=plans_from(data), actor=request_actor(request)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Project registered."))
            return redirect("investments:project-detail", code=project.code)
    return _form_page(request, form, _("New investment project"), None, zone)


def _project_url(project: Project) -> str:
    return reverse("investments:project-detail", kwargs={"code": project.code})


def _project_form(
    request: HttpRequest, project: Project, form: Any, save: Any, title: str, done: str, edits: Any = None
) -> HttpResponse:
    """A staff form about one project: back to the project, which the page names."""
    return staff_form_view(
        request,
        project,
        form,
        save,
        template="investments/form.html",
        title=title,
        back=_project_url(project),
        done=done,
        context={"project": project},
        edits=edits,
    )


@login_required
def project_edit(request: HttpRequest, code: str) -> HttpResponse:
    project = _editable(request, code)
    form = partial(ProjectForm, zone=project.zone, initial=initial_from(project, services.PROJECT_EDITABLE))
    save = partial(services.project_update, project=project)
    return _project_form(request, project, form, save, _("Edit project"), _("Project saved."), edits=project)


@login_required
def version_create(request: HttpRequest, code: str) -> HttpResponse:
    project = _editable(request, code)
    current = services.latest_version(project)
    initial = {
        "currency": current.currency,
        "total_capital": current.total_capital,
        "equity": current.equity,
        "vnd_rate": current.vnd_rate if current.currency == "USD" else None,
        **{f"plan_{p.kind}": p.planned_on for p in current.plans.all()},
    }

    def save(**data: Any) -> None:
        plain = {k: v for k, v in data.items() if not k.startswith("plan_")}
        services.certificate_version_add(project=project, plans=plans_from(data), **plain)

    form = partial(VersionForm, initial=initial)
    title = _("Add a certificate adjustment")
    return _project_form(request, project, form, save, title, _("Certificate adjustment recorded."))


def _simple(
    request: HttpRequest, code: str, form_class: type[forms.Form], service: Any, title: str, done: str
) -> HttpResponse:
    project = _editable(request, code)
    return _project_form(request, project, form_class, partial(service, project=project), title, done)


@login_required
def status_create(request: HttpRequest, code: str) -> HttpResponse:
    title, done = _("Record a status change"), _("Status change recorded.")
    project = _editable(request, code)
    # The form starts from the status in force today, so that a change is a deliberate choice.
    current = (
        project.status_changes.filter(effective_on__lte=services.today())
        .order_by("-effective_on", "-id")
        .values_list("status", flat=True)
        .first()
    )
    form = partial(StatusForm, initial={"status": current or Status.PREPARING})
    save = partial(services.status_change_record, project=project)
    return _project_form(request, project, form, save, title, done)


@login_required
def disbursement_create(request: HttpRequest, code: str) -> HttpResponse:
    title, done = _("Record disbursed capital"), _("Disbursement recorded.")
    return _simple(request, code, DisbursementForm, services.disbursement_record, title, done)


@login_required
def deposit_event_create(request: HttpRequest, code: str) -> HttpResponse:
    title, done = _("Record a deposit paid, refunded or forfeited"), _("Deposit recorded.")
    return _simple(request, code, DepositEventForm, services.deposit_event_record, title, done)


@login_required
def milestone_create(request: HttpRequest, code: str) -> HttpResponse:
    title, done = _("Record a milestone reached"), _("Milestone recorded.")
    return _simple(request, code, MilestoneForm, services.milestone_reached, title, done)


@login_required
def project_import(request: HttpRequest) -> HttpResponse:
    """Upload with a preview (check only); large files go to the background."""
    zone = _zone_to_change(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        dry_run = form.cleaned_data["dry_run"]
        actor = request_actor(request)
        try:
            rows = len(read_table(data))
        except TableError:
            rows = 0
        if rows > BACKGROUND_ROWS:
            job = import_job_create(
                kind="projects", data=data, filename=upload.name, actor=actor, zone=zone, dry_run=dry_run
            )
            return redirect("core:import-job", pk=job.pk)
        report = import_projects(data=data, actor=actor, zone=zone, dry_run=dry_run, progress=no_progress, options={})
        if not report.ok:
            status = 422
        elif not dry_run:
            messages.success(
                request,
                _("Imported %(rows)d rows: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {
                    "rows": report.rows,
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                },
            )
            return redirect("investments:project-list")
    return render(
        request,
        "investments/import.html",
        {"form": form, "report": report, "zone": zone, "required": REQUIRED, "optional": OPTIONAL},
        status=status if report is not None else form_status(form),
    )


TEMPLATE_EXAMPLE = [
    "4300000101",
    "Kho bãi hàng hóa Trà Lĩnh (ví dụ)",
    "Công ty TNHH Ví dụ",
    "VN",
    "domestic",
    "Trà Lĩnh",
    "implementing",
    "15/03/2021",
    "VND",
    "120.000.000.000",
    "01/06/2023",
]


@login_required
def import_template(request: HttpRequest, fmt: str) -> HttpResponse:
    """An empty file with the columns of the import and one example row."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _require_reader(request)
    headers = [*REQUIRED, *OPTIONAL]
    example = [*TEMPLATE_EXAMPLE, *[""] * len(OPTIONAL)]
    if fmt == "csv":
        response = HttpResponse(write_csv(headers, [example]), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            write_xlsx([Sheet(title="projects", headers=headers, rows=[example])]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="projects-template.{fmt}"'
    return response


@login_required
def rule_list(request: HttpRequest) -> HttpResponse:
    if not is_staff_member(request.user):
        raise PermissionDenied
    return render(
        request,
        "investments/rules.html",
        {"rules": LegalRule.objects.all(), "can_edit": is_admin(request.user), "zone": _default_zone(request)},
    )


@login_required
def area_list(request: HttpRequest) -> HttpResponse:
    """The communes' classifications for the deposit, each with its period (administrators add one)."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    zone = _default_zone(request)
    communes = zone.communes.all() if zone else Commune.objects.none()
    rows = (
        AreaClassification.objects.filter(commune__in=communes)
        .select_related("commune")
        .order_by("commune__name", "valid_from")
    )
    if request.method == "POST" and not is_admin(request.user):
        raise PermissionDenied
    return form_page(
        request,
        partial(AreaClassificationForm, communes=communes),
        services.area_classification_set,
        template="investments/areas.html",
        done=_("Classification saved."),
        back=reverse("investments:area-list"),
        context={"rows": rows, "can_edit": is_admin(request.user), "zone": zone},
    )


@login_required
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not is_admin(request.user):
        raise PermissionDenied
    rule = get_object_or_404(LegalRule, pk=pk)
    return form_page(
        request,
        partial(RuleForm, initial=initial_from(rule, services.RULE_FIELDS)),
        partial(services.legal_rule_update, rule=rule),
        template="investments/form.html",
        done=_("Rule saved."),
        back=reverse("investments:rule-list"),
        context={
            "title": _("Edit legal rule %(code)s") % {"code": rule.code},
            "project": None,
            "zone": _default_zone(request),
        },
    )


@login_required
def investor_link(request: HttpRequest, code: str) -> HttpResponse:
    """Let an investor's user account see the investor's projects."""
    from borderzone.accounts.models import Role, User

    project = _editable(request, code)
    form = InvestorLinkForm(request.POST or None, investors=Investor.objects.filter(shares__project=project))
    if request.method == "POST" and form.is_valid():
        user = User.objects.filter(username=form.cleaned_data["username"], role=Role.INVESTOR).first()
        if user is None:
            form.add_error("username", _("No investor account has this user name."))
        else:
            services.investor_link_user(investor=form.cleaned_data["investor"], user=user, actor=request_actor(request))
            messages.success(request, _("The account now sees this investor's projects."))
            return redirect("investments:project-detail", code=project.code)
    return _form_page(request, form, _("Link an investor account"), project, project.zone)
