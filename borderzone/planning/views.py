"""Development plan pages: goals and agreements (public where published), staff forms, evidence files."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from borderzone.access.actors import Actor
from borderzone.access.pages import staff_form_view, zone_from_query
from borderzone.access.permissions import can_change_zone, get_changeable_or_404
from borderzone.core.forms import form_status, initial_from
from borderzone.core.storage import serve_file
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
from borderzone.zones.models import EconomicZone


def index(request: HttpRequest) -> HttpResponse:
    """The plan: goals by gate area and zone-wide, with filters and overdue flags."""
    zone = zone_from_query(request)
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
    zone = zone_from_query(request)
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
    # Evidence of a published goal is public; of an unpublished one, only for its zone's staff.
    return serve_file(
        evidence.file,
        f"{evidence.pk}-{evidence.original_name}",
        evidence.content_type,
        inline=evidence.content_type.startswith("image/"),
        public=evidence.milestone.goal.is_published and request.user.is_anonymous,
    )


_form = partial(staff_form_view, template="planning/form.html")


def _goal_url(goal_id: int) -> str:
    return reverse("planning:goal-detail", args=[goal_id])


@login_required
def goal_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    initial = {"is_published": True, "progress_percent": 0}
    return _form(
        request,
        zone,
        partial(GoalForm, zone=zone, initial=initial),
        partial(services.goal_create, zone=zone),
        title=_("New goal"),
        back=reverse("planning:index"),
        done=_("Goal added."),
        next_url=lambda goal: _goal_url(goal.pk),
    )


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_changeable_or_404(request.user, Goal.objects.select_related("zone"), pk=pk)
    form = partial(GoalForm, zone=goal.zone, initial=initial_from(goal, services.GOAL_FIELDS))
    save = partial(services.goal_update, goal=goal)
    return _form(
        request, goal, form, save, title=_("Edit goal"), back=_goal_url(goal.pk), done=_("Goal saved."), edits=goal
    )


@login_required
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_changeable_or_404(request.user, Goal.objects.select_related("zone"), pk=pk)
    title = _("New milestone of %(goal)s") % {"goal": goal.display_title}
    save = partial(services.milestone_create, goal=goal)
    return _form(request, goal, MilestoneForm, save, title=title, back=_goal_url(goal.pk), done=_("Milestone added."))


@login_required
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_changeable_or_404(request.user, Milestone.objects.select_related("goal__zone"), pk=pk)
    form = partial(MilestoneForm, initial=initial_from(milestone, services.MILESTONE_FIELDS))
    save = partial(services.milestone_update, milestone=milestone)
    back = _goal_url(milestone.goal_id)
    return _form(
        request,
        milestone,
        form,
        save,
        title=_("Edit milestone"),
        back=back,
        done=_("Milestone saved."),
        edits=milestone,
    )


@login_required
def evidence_create(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_changeable_or_404(request.user, Milestone.objects.select_related("goal__zone"), pk=pk)

    def save(*, actor: Actor, file: UploadedFile, **data: Any) -> Evidence:
        content = file.read()
        return services.evidence_add(
            milestone=milestone, actor=actor, data=content, filename=file.name or "file", **data
        )

    return _form(
        request,
        milestone,
        EvidenceForm,
        save,
        title=_("Evidence for %(milestone)s") % {"milestone": milestone.display_title},
        back=_goal_url(milestone.goal_id),
        done=_("Evidence attached."),
        context={"multipart": True},
        with_files=True,
    )


def _with_fields(service: Callable[..., Any], **bound: Any) -> Callable[..., Any]:
    """The agreement service, given the form's chosen cooperation fields as its `fields`."""

    def save(*, cooperation_fields: list[str], **data: Any) -> Any:
        return service(**bound, **data, fields=list(cooperation_fields))

    return save


@login_required
def agreement_create(request: HttpRequest, code: str) -> HttpResponse:
    zone = get_changeable_or_404(request.user, EconomicZone.objects.all(), code=code)
    form = partial(AgreementForm, initial={"is_published": True})
    save = _with_fields(services.agreement_create, zone=zone)
    back = reverse("planning:agreement-list")
    return _form(request, zone, form, save, title=_("New cooperation agreement"), back=back, done=_("Agreement added."))


@login_required
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_changeable_or_404(request.user, CooperationAgreement.objects.select_related("zone"), pk=pk)
    initial = initial_from(agreement, [f for f in services.AGREEMENT_FIELDS if f != "fields"])
    initial["cooperation_fields"] = agreement.fields
    save = _with_fields(services.agreement_update, agreement=agreement)
    back = reverse("planning:agreement-list")
    form = partial(AgreementForm, initial=initial)
    return _form(
        request,
        agreement,
        form,
        save,
        title=_("Edit agreement"),
        back=back,
        done=_("Agreement saved."),
        edits=agreement,
    )


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_changeable_or_404(request.user, CooperationAgreement.objects.select_related("zone"), pk=pk)
    title = _("New action under %(agreement)s") % {"agreement": agreement.display_title}
    save = partial(services.action_create, agreement=agreement)
    back = reverse("planning:agreement-list")
    return _form(request, agreement, ActionForm, save, title=title, back=back, done=_("Action added."))


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_changeable_or_404(request.user, AgreementAction.objects.select_related("agreement__zone"), pk=pk)
    form = partial(ActionForm, initial=initial_from(action, services.ACTION_FIELDS))
    save = partial(services.action_update, action=action)
    back = reverse("planning:agreement-list")
    return _form(request, action, form, save, title=_("Edit action"), back=back, done=_("Action saved."), edits=action)
