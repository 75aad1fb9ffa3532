"""Development plan pages: goals and agreements (public where published), staff forms, evidence files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.core.actors import request_actor
from borderzone.core.forms import apply_validation_error, form_status
from borderzone.core.permissions import can_change_zone, ensure_can_change, get_visible_or_404
from borderzone.planning import selectors, services
from borderzone.planning.forms import (
    ActionForm,
    AgreementForm,
    EvidenceForm,
    GoalFilterForm,
    GoalForm,
    MilestoneForm,
)
from borderzone.planning.models import AgreementAction, CooperationAgreement, Evidence, Goal, Milestone
from borderzone.zones import selectors as zone_selectors
from borderzone.zones.models import EconomicZone


def _zone(request: HttpRequest) -> EconomicZone:
    code = request.GET.get("zone")
    zone = zone_selectors.zone_list().filter(code=code).first() if code else zone_selectors.zone_default()
    if zone is None:
        raise Http404
    return zone


def index(request: HttpRequest) -> HttpResponse:
    """The plan: goals by gate area and zone-wide, with filters and overdue flags."""
    zone = _zone(request)
    form = GoalFilterForm(request.GET or None, zone=zone)
    filters: dict[str, Any] = {}
    if form.is_bound and form.is_valid():
        area = form.cleaned_data["gate_area"]
        if area == "zone":
            filters["zone_wide"] = True
        elif area:
            filters["gate_area_id"] = zone.gate_areas.filter(code=area).values_list("pk", flat=True).first() or 0
        filters["status"] = form.cleaned_data["status"] or None
        filters["overdue"] = True if form.cleaned_data["overdue"] else None
    goals = list(selectors.goal_list(request.user, zone_id=zone.pk, **filters))
    groups: list[tuple[Any, list[Goal]]] = []
    for goal in goals:
        if groups and groups[-1][0] == goal.gate_area:
            groups[-1][1].append(goal)
        else:
            groups.append((goal.gate_area, [goal]))
    return render(
        request,
        "planning/index.html",
        {
            "zone": zone,
            "form": form,
            "groups": groups,
            "total": len(goals),
            "overdue_count": sum(1 for g in goals if g.overdue),
            "can_change": can_change_zone(request.user, zone),
        },
        status=form_status(form),
    )


def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = selectors.goal_list(request.user).filter(pk=pk).first()
    if goal is None:
        raise Http404
    return render(
        request,
        "planning/goal_detail.html",
        {"zone": goal.zone, "goal": goal, "can_change": can_change_zone(request.user, goal.zone)},
    )


def agreement_list(request: HttpRequest) -> HttpResponse:
    zone = _zone(request)
    not_implemented = request.GET.get("not_implemented") == "1"
    agreements = selectors.agreement_list(request.user, zone_id=zone.pk, not_implemented=not_implemented)
    return render(
        request,
        "planning/agreement_list.html",
        {
            "zone": zone,
            "agreements": agreements,
            "not_implemented": not_implemented,
            "can_change": can_change_zone(request.user, zone),
        },
    )


def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for those who may see its goal; served with the type found from its content."""
    evidence = (
        Evidence.objects.select_related("milestone__goal")
        .filter(milestone__goal__in=selectors.visible_goals(request.user), pk=pk)
        .first()
    )
    if evidence is None:
        raise Http404
    response = FileResponse(
        evidence.file.open("rb"),
        content_type=evidence.content_type,
        as_attachment=not evidence.content_type.startswith("image/"),
        filename=f"{evidence.pk}-{evidence.original_name}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _form_page(
    request: HttpRequest, form: forms.Form, zone: EconomicZone, title: str, back: str, *, multipart: bool = False
) -> HttpResponse:
    return render(
        request,
        "planning/form.html",
        {"form": form, "zone": zone, "title": title, "back": back, "multipart": multipart},
        status=form_status(form),
    )


@login_required
def goal_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, EconomicZone.objects.all(), code=code)
    ensure_can_change(request.user, zone)
    form = GoalForm(request.POST or None, zone=zone, initial={"is_published": True, "progress_percent": 0})
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.goal_create(zone=zone, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Goal added."))
            return redirect("planning:goal-detail", pk=goal.pk)
    return _form_page(request, form, zone, _("New goal"), reverse("planning:index"))


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_visible_or_404(request.user, Goal.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, goal)
    initial = {f: getattr(goal, f) for f in services.GOAL_FIELDS}
    form = GoalForm(request.POST or None, zone=goal.zone, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.goal_update(goal=goal, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Goal saved."))
            return redirect("planning:goal-detail", pk=goal.pk)
    back = reverse("planning:goal-detail", args=[goal.pk])
    return _form_page(request, form, goal.zone, _("Edit goal"), back)


@login_required
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_visible_or_404(request.user, Goal.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, goal)
    form = MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_create(goal=goal, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Milestone added."))
            return redirect("planning:goal-detail", pk=goal.pk)
    back = reverse("planning:goal-detail", args=[goal.pk])
    return _form_page(request, form, goal.zone, _("New milestone of %(goal)s") % {"goal": goal.title}, back)


@login_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_visible_or_404(request.user, Milestone.objects.select_related("goal__zone"), pk=pk)
    ensure_can_change(request.user, milestone)
    initial = {f: getattr(milestone, f) for f in services.MILESTONE_FIELDS}
    form = MilestoneForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.milestone_update(milestone=milestone, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Milestone saved."))
            return redirect("planning:goal-detail", pk=milestone.goal_id)
    back = reverse("planning:goal-detail", args=[milestone.goal_id])
    return _form_page(request, form, milestone.goal.zone, _("Edit milestone"), back)


@login_required
def evidence_create(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_visible_or_404(request.user, Milestone.objects.select_related("goal__zone"), pk=pk)
    ensure_can_change(request.user, milestone)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.pop("file")
        try:
            services.evidence_add(
                milestone=milestone,
                actor=request_actor(request),
                data=upload.read(),
                filename=upload.name or "file",
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Evidence attached."))
            return redirect("planning:goal-detail", pk=milestone.goal_id)
    back = reverse("planning:goal-detail", args=[milestone.goal_id])
    title = _("Evidence for %(milestone)s") % {"milestone": milestone.title}
    return _form_page(request, form, milestone.goal.zone, title, back, multipart=True)


def _agreement_data(cleaned: dict[str, Any]) -> dict[str, Any]:
    data = dict(cleaned)
    data["fields"] = list(data.pop("cooperation_fields", []))
    return data


@login_required
def agreement_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_visible_or_404(request.user, EconomicZone.objects.all(), code=code)
    ensure_can_change(request.user, zone)
    form = AgreementForm(request.POST or None, initial={"is_published": True})
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_create(zone=zone, actor=request_actor(request), **_agreement_data(form.cleaned_data))
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Agreement added."))
            return redirect("planning:agreement-list")
    return _form_page(request, form, zone, _("New cooperation agreement"), reverse("planning:agreement-list"))


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_visible_or_404(request.user, CooperationAgreement.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, agreement)
    initial = {f: getattr(agreement, f) for f in services.AGREEMENT_FIELDS if f != "fields"}
    initial["cooperation_fields"] = agreement.fields
    form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(
                agreement=agreement, actor=request_actor(request), **_agreement_data(form.cleaned_data)
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Agreement saved."))
            return redirect("planning:agreement-list")
    return _form_page(request, form, agreement.zone, _("Edit agreement"), reverse("planning:agreement-list"))


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_visible_or_404(request.user, CooperationAgreement.objects.select_related("zone"), pk=pk)
    ensure_can_change(request.user, agreement)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_create(agreement=agreement, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Action added."))
            return redirect("planning:agreement-list")
    title = _("New action under %(agreement)s") % {"agreement": agreement.title}
    return _form_page(request, form, agreement.zone, title, reverse("planning:agreement-list"))


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_visible_or_404(request.user, AgreementAction.objects.select_related("agreement__zone"), pk=pk)
    ensure_can_change(request.user, action)
    initial = {f: getattr(action, f) for f in services.ACTION_FIELDS}
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, actor=request_actor(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Action saved."))
            return redirect("planning:agreement-list")
    return _form_page(request, form, action.agreement.zone, _("Edit action"), reverse("planning:agreement-list"))
